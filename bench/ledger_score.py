#!/usr/bin/python3
"""Scores the figure ledger (`tracker figures --ledger`, issue #18) on the reviewed multi-outlet
stories under snapshots/ledger/: does it group the figures that count the same thing into one
measure and keep the others apart, and does each figure name the right speaker?

For each story it publishes the versions in their publication order as pages of a local site
(file:// URLs, one watched page per outlet, `allow_file_urls = true`), runs `tracker run --all` after
each, then reads `tracker figures --ledger --across-stories --format json` (the row "ledger": the
story's documents as one ledger, what the measure grouping makes of them) and `tracker figures
--ledger --format json` (the row "per story": what a user reads, judged story by story as `tracker
stories` groups the store, so a story it splits costs recall). Each gold figure (gold.json: the file
that first gave it, the number as written, the sentence's first words, the measure, the
attribution) is matched to the ledger figure of the same outlet whose number and sentence agree.
Printed per story and over all:

  - figures: gold figures matched / gold figures (coverage), and ledger figures matched / ledger
    figures (the rest are figures the gold does not count: spans of time, unrelated counts);
  - measure grouping: over all pairs of a story's gold figures, precision (pairs the ledger puts
    in one measure that the gold does too) and recall (pairs the gold puts in one measure that
    the ledger does too), F1; a gold figure missing from the ledger is in a measure of its own;
  - attribution: matched figures whose speaker is right (both none, or word overlap F1 >= 0.5
    with the gold phrase).

Each gold.json names its split: `dev` stories are for developing the ledger, `test` stories
(valdoria-protest, norvale-plant, ostbrook-carmaker, fennick-teachers, quarrow-blackout,
hessel-birdflu, korvath-border, callowen-heist, skerrow-whales, wendrick-affair,
solbrecht-inquiry, holdout-q1, castrel-report) are held out for reporting
(--split); snapshots/ledger/README.md lists them.
A gold number may carry its currency or unit after it ("about 2.4 million euros"): it matches the
figure written without it.

The baseline in the same run is `tracker figures` without --ledger: a figure's measure is the
noun after its number (or the casualty word), the grouping before feeds/measures.toml.

    bench/ledger_score.py [--tracker PATH] [--fixtures DIR] [--split dev|test|all] [--story NAME]
                          [--show-errors N] [--first-sight]
    bench/ledger_score.py --quick [--tracker PATH]   # ctest: one story; its own checks, no scores asserted

--first-sight scores the twenty dev stories added after the first four, each with the
measure lexicon as it was before the story was added (bench/ledger_first_sight/README.md): how
the ledger does on a story whose words its lexicon has not learned, as on a held-out story,
without looking at the held-out stories.

Before scoring, each gold.json is checked against its texts (every version in the publication
order, each outlet's versions in order, each figure's sentence and number in its file); exit 2
if it does not hold. --quick runs the first story, and one story with each first-sight lexicon
(which must still load), and checks that figures were matched and that both scorings ran; it
never asserts a score. Exit 1 if a check fails, 2 if tracker fails.

Standard library only; Debian's /usr/bin/python3.
"""
import argparse
import functools
import html
import json
import os
import re
import subprocess
import sys
import tempfile
from itertools import combinations
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quick_mode import verdict  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
FIRST_SIGHT = Path(__file__).resolve().parent / "ledger_first_sight"
VERSION_NAME = re.compile(r"^(?P<outlet>.+)-v(?P<n>\d+)\.txt$")


def words(text):
    """Lower-case words, quotes and punctuation aside: how sentences and phrases are compared."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower())


def overlap_f1(a, b):
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return 0.0
    common = sum(min(wa.count(w), wb.count(w)) for w in set(wa))
    if common == 0:
        return 0.0
    p, r = common / len(wa), common / len(wb)
    return 2 * p * r / (p + r)


def measure_key(measure):
    """As tracker compares measures: case aside and a plural -s aside, word by word."""
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in (measure or "").lower().split())


def page(paragraphs):
    title = html.escape(paragraphs[0][:80], quote=False)
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title></head>"
            f"<body><article>\n{body}\n</article></body></html>\n")


@functools.lru_cache(maxsize=None)
def paragraphs_of(path):
    """A version's paragraphs, whitespace collapsed; read once per run (the gold check asks for
    a version again for each of its figures and for each later version's)."""
    return [" ".join(block.split()) for block in path.read_text(encoding="utf-8").split("\n\n") if block.strip()]


def gold_problems(story_dir, gold):
    """What in a story's gold.json does not agree with its texts: a version missing from the
    publication order or out of its outlet's order, a figure whose sentence or number is not in
    its file. Scores on a gold that does not hold say nothing."""
    problems = []
    # ledger.txt is no version: it pins the story's ledger for `tracker verify`, in the same order.
    files = sorted(p.name for p in story_dir.glob("*.txt") if p.name != "ledger.txt")
    order = gold["publication_order"]
    if sorted(order) != files:
        problems.append(f"{story_dir.name}: publication_order lists {sorted(order)}, the folder holds {files}")
    pinned = story_dir / "ledger.txt"
    if pinned.is_file():
        listed = [line.split()[0] for line in pinned.read_text(encoding="utf-8").splitlines()
                  if line.split() and not line.startswith("#")]
        if listed != order:
            problems.append(f"{story_dir.name}: ledger.txt lists {listed}, publication_order {order}")
    for name in order:
        version = VERSION_NAME.match(name)
        earlier = f"{version.group('outlet')}-v{int(version.group('n')) - 1}.txt" if version else None
        if version is None:
            problems.append(f"{story_dir.name}: {name} is not named OUTLET-vN.txt")
        elif int(version.group("n")) > 1 and (earlier not in order or order.index(earlier) > order.index(name)):
            problems.append(f"{story_dir.name}: {name} is published before {earlier}")
    for figure in gold["figures"]:
        path = story_dir / figure["file"]
        paragraphs = paragraphs_of(path) if path.is_file() else []
        holding = [p for p in paragraphs if p.startswith(figure["sentence_start"])]
        if not holding:
            problems.append(f"{story_dir.name}/{figure['file']}: no paragraph starts {figure['sentence_start']!r}")
        elif figure["number"] not in holding[0]:
            problems.append(f"{story_dir.name}/{figure['file']}: {figure['number']!r} is not in the paragraph "
                            f"starting {figure['sentence_start']!r}")
        elif carried := earlier_version_holding(story_dir, figure["file"], holding[0]):
            # The ledger reads a version's new sentences: a paragraph kept word for word reports
            # nothing new, and its figure would count as one the ledger lost.
            problems.append(f"{story_dir.name}/{figure['file']}: the paragraph starting "
                            f"{figure['sentence_start']!r} is already in {carried}: list the figure under the "
                            f"version that first carried it")
    return problems


def earlier_version_holding(story_dir, name, paragraph):
    """The earlier version of `name`'s outlet that already holds `paragraph` word for word, or None."""
    version = VERSION_NAME.match(name)
    if version is None:
        return None
    for n in range(1, int(version.group("n"))):
        earlier = story_dir / f"{version.group('outlet')}-v{n}.txt"
        if earlier.is_file() and paragraph in paragraphs_of(earlier):
            return earlier.name
    return None


def run_tracker(tracker, args):
    out = subprocess.run([str(tracker)] + args, capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"ledger_score: tracker {' '.join(args[:2])} failed (exit {out.returncode}): "
                         f"{out.stderr.strip()[-500:]}")
    return out.stdout


def publish_story(tracker, story_dir, work):
    """Runs tracker over the story's versions in publication order; the store's path."""
    gold = json.loads((story_dir / "gold.json").read_text(encoding="utf-8"))
    site = work / "site"
    site.mkdir()
    outlets = []
    stamp = 1_700_000_000
    for name in gold["publication_order"]:
        outlet = VERSION_NAME.match(name).group("outlet")
        page_path = site / f"{outlet}.html"
        page_path.write_text(page(paragraphs_of(story_dir / name)), encoding="utf-8")
        stamp += 60
        os.utime(page_path, (stamp, stamp))
        if outlet not in outlets:
            outlets.append(outlet)
        # Each outlet's story is a watched page: links in feeds may never be file: URLs.
        (work / "watch.toml").write_text(
            "allow_file_urls = true\n" + "".join(f"[[source]]\nname = \"{o}\"\nkind = \"page\"\n"
                                                  f"url = \"{(site / (o + '.html')).as_uri()}\"\n"
                                                  for o in outlets), encoding="utf-8")
        (work / "tracker.toml").write_text("watch = [\"watch.toml\"]\nstore = \"store.db\"\n", encoding="utf-8")
        run_tracker(tracker, ["run", "--config", str(work / "tracker.toml"), "--all", "--no-alerts"])
    return gold, work / "store.db"


def match(gold, predicted):
    """{gold index: predicted index}: the same outlet, number and sentence, each used once."""
    pairs = {}
    used = set()
    for g, fig in enumerate(gold["figures"]):
        outlet = VERSION_NAME.match(fig["file"]).group("outlet")
        start = words(fig["sentence_start"])
        number = words(fig["number"])
        for p, pred in enumerate(predicted):
            if p in used or pred["source"] != outlet:
                continue
            claim = words(pred["claim"])
            text = words(pred["text"])
            same_sentence = claim[:len(start)] == start
            same_number = text == number or (text and number and text[-1] == number[-1]
                                             and (set(text) <= set(number) or set(number) <= set(text)))
            # A currency or unit written after the number is the gold's, not the figure's text:
            # "about 2.4 million euros" is the figure "about 2.4 million".
            same_number = same_number or (text and number[:len(text)] == text and len(number) == len(text) + 1)
            if same_sentence and same_number:
                pairs[g] = p
                used.add(p)
                break
    return pairs


def grouping(gold, predicted, pairs):
    """(tp, same-predicted pairs, same-gold pairs, errors) over all pairs of a story's gold
    figures. A gold figure the ledger does not have is a measure of its own: leaving a figure
    out costs recall, as splitting it off would."""
    tp = same_pred = same_gold = 0
    errors = []
    for a, b in combinations(range(len(gold["figures"])), 2):
        ga, gb = gold["figures"][a], gold["figures"][b]
        pa = predicted[pairs[a]] if a in pairs else None
        pb = predicted[pairs[b]] if b in pairs else None
        g_same = ga["measure"] == gb["measure"]
        p_same = (pa is not None and pb is not None and bool(pa["measure"])
                  and measure_key(pa["measure"]) == measure_key(pb["measure"]))
        tp += g_same and p_same
        same_pred += p_same
        same_gold += g_same
        if g_same != p_same and pa is not None and pb is not None:
            errors.append(("merged" if p_same else "split", ga, gb, pa["measure"], pb["measure"]))
    return tp, same_pred, same_gold, errors


def attribution_right(gold_phrase, predicted_phrase):
    if not gold_phrase or not predicted_phrase:
        return not gold_phrase and not predicted_phrase
    return overlap_f1(gold_phrase, predicted_phrase) >= 0.5


def score_story(tracker, story_dir, measures=None):
    """`measures`: a measure lexicon file for `figures --ledger --measures`; None: the built-in one."""
    with tempfile.TemporaryDirectory(prefix="ledger-score-") as folder:
        gold, store = publish_story(tracker, story_dir, Path(folder))
        lexicon = ["--measures", str(measures)] if measures else []
        ledger = json.loads(run_tracker(tracker, ["figures", "--store", str(store), "--ledger", "--across-stories",
                                                  "--format", "json"] + lexicon))
        by_story = json.loads(run_tracker(tracker, ["figures", "--store", str(store), "--ledger", "--format", "json"]
                                          + lexicon))
        plain = json.loads(run_tracker(tracker, ["figures", "--store", str(store), "--format", "json"]))
    predicted = [entry for measure in ledger["measures"] for entry in measure["timeline"]]
    # Story by story, a measure is its story's: the same name in two stories is two measures.
    per_story = [dict(entry, measure=f"{(measure['story'] or {}).get('id', 0)}:{entry['measure']}")
                 for measure in by_story["measures"] for entry in measure["timeline"]]
    result = {"story": story_dir.name, "gold": len(gold["figures"]), "ledger_figures": len(predicted)}
    for name, figures in (("ledger", predicted), ("per story", per_story), ("baseline", plain)):
        pairs = match(gold, figures)
        tp, same_pred, same_gold, errors = grouping(gold, figures, pairs)
        right = sum(attribution_right(gold["figures"][g]["attribution"], figures[p]["attribution"])
                    for g, p in pairs.items())
        wrong_speakers = [(gold["figures"][g], figures[p]["attribution"]) for g, p in pairs.items()
                          if not attribution_right(gold["figures"][g]["attribution"], figures[p]["attribution"])]
        unmatched = [fig for g, fig in enumerate(gold["figures"]) if g not in pairs]
        result[name] = {"matched": len(pairs), "figures": len(figures), "tp": tp, "same_pred": same_pred,
                        "same_gold": same_gold, "attribution_right": right, "errors": errors,
                        "wrong_speakers": wrong_speakers, "unmatched": unmatched}
    return result


def prf(tp, predicted, gold):
    p = tp / predicted if predicted else float("nan")
    r = tp / gold if gold else float("nan")
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f


def print_row(label, counts, gold):
    p, r, f = prf(counts["tp"], counts["same_pred"], counts["same_gold"])
    attr = counts["attribution_right"] / counts["matched"] if counts["matched"] else float("nan")
    print(f"  {label:<10} matched {counts['matched']:>3}/{gold:<3} of {counts['figures']:>3} figures   "
          f"grouping P {p:.3f} R {r:.3f} F1 {f:.3f} (pairs {counts['tp']}/{counts['same_pred']}/{counts['same_gold']})   "
          f"attribution right {attr:.3f} ({counts['attribution_right']}/{counts['matched']})")


def show_errors(result, limit):
    counts = result["ledger"]
    for kind, ga, gb, ma, mb in counts["errors"][:limit]:
        print(f"    {kind}: {ga['number']!r} [{ga['measure']}] as {ma!r}  /  {gb['number']!r} [{gb['measure']}] as {mb!r}")
    for fig, predicted in counts["wrong_speakers"][:limit]:
        print(f"    speaker: {fig['number']!r} in {fig['file']}: gold {fig['attribution']!r}, ledger {predicted!r}")
    for fig in counts["unmatched"][:limit]:
        print(f"    not found: {fig['number']!r} in {fig['file']} ({fig['sentence_start']}...)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tracker", type=Path, default=REPO / "build" / "tracker")
    ap.add_argument("--fixtures", type=Path, default=REPO / "snapshots" / "ledger")
    ap.add_argument("--story", help="only this story (a folder name under --fixtures)")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="all",
                    help="only the stories whose gold.json has this split: develop on dev, report test")
    ap.add_argument("--show-errors", type=int, default=0, metavar="N",
                    help="per story, up to N grouping errors, wrong speakers and figures not found")
    ap.add_argument("--quick", action="store_true", help="one story, the script's own checks (what ctest runs)")
    ap.add_argument("--first-sight", action="store_true",
                    help="the dev stories of bench/ledger_first_sight/, each with the measure lexicon "
                         "as it was before the story was added")
    ap.add_argument("--measures", type=Path, metavar="FILE",
                    help="every story with this measure lexicon instead of the built-in one (an ablation: "
                         "the lexicon without a section shows what the rules do where its terms fall short)")
    args = ap.parse_args()
    if args.measures and (args.first_sight or args.quick):
        ap.error("--measures replaces the lexicon of every story; --first-sight and --quick choose their own")
    stories = sorted(d for d in args.fixtures.iterdir() if (d / "gold.json").is_file())
    lexicons = {}
    if args.first_sight:
        index = json.loads((FIRST_SIGHT / "stories.json").read_text(encoding="utf-8"))["stories"]
        lexicons = {name: FIRST_SIGHT / file for name, file in index.items()}
        stories = [d for d in stories if d.name in lexicons]
    if args.measures:
        lexicons = {d.name: args.measures.resolve() for d in stories}
    if args.story:
        stories = [d for d in stories if d.name == args.story]
    if args.split != "all":
        stories = [d for d in stories
                   if json.loads((d / "gold.json").read_text(encoding="utf-8")).get("split") == args.split]
    # Every selected story's gold is checked against its texts, --quick's too (it needs no
    # tracker run): a fixture that no longer holds fails the test suite, not a later benchmark.
    checked = stories
    if args.quick:
        # The first story, and one story per first-sight lexicon: each old lexicon must still load.
        index = json.loads((FIRST_SIGHT / "stories.json").read_text(encoding="utf-8"))["stories"]
        by_name = {d.name: d for d in args.fixtures.iterdir()}
        first_sight = [by_name[next(name for name in sorted(index) if index[name] == file)]
                       for file in sorted(set(index.values()))]
        lexicons = {d.name: FIRST_SIGHT / index[d.name] for d in first_sight}
        stories = ([] if args.first_sight else stories[:1]) + first_sight
    if not stories:
        raise SystemExit(f"ledger_score: no story with a gold.json under {args.fixtures}")
    print(f"figure ledger: {len(stories)} stories from {args.fixtures}; tracker {args.tracker}"
          + (f"; every story with the lexicon {args.measures}" if args.measures
             else "; each with the lexicon of bench/ledger_first_sight/ from before it was added" if lexicons
             else ""))
    problems = [problem for d in checked
                for problem in gold_problems(d, json.loads((d / "gold.json").read_text(encoding="utf-8")))]
    if problems:
        for problem in problems:
            print(f"gold problem: {problem}")
        return 2
    results = [score_story(args.tracker, d, lexicons.get(d.name)) for d in stories]
    totals = {}
    for result in results:
        print(f"\n{result['story']}: {result['gold']} gold figures")
        for name in ("ledger", "per story", "baseline"):
            print_row(name, result[name], result["gold"])
            total = totals.setdefault(name, {"matched": 0, "figures": 0, "tp": 0, "same_pred": 0, "same_gold": 0,
                                             "attribution_right": 0})
            for key in total:
                total[key] += result[name][key]
        if args.show_errors:
            show_errors(result, args.show_errors)
    gold_total = sum(r["gold"] for r in results)
    print(f"\nall stories: {gold_total} gold figures (baseline: measures are the noun after the number, "
          f"as `tracker figures` without --ledger)")
    for name in ("ledger", "per story", "baseline"):
        print_row(name, totals[name], gold_total)
    if args.quick:
        ledger = totals["ledger"]
        problems = []
        if ledger["matched"] == 0:
            problems.append("no gold figure matched a ledger figure")
        if totals["baseline"]["matched"] == 0:
            problems.append("no gold figure matched a plain figure")
        if ledger["same_gold"] == 0:
            problems.append("no pair of matched figures shares a gold measure: nothing to score grouping on")
        return 0 if verdict(problems, f"{ledger['matched']} of {gold_total} gold figures matched, "
                                      f"grouping and attribution scored") else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
