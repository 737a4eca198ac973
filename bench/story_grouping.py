#!/usr/bin/python3
"""Scores story grouping (`tracker stories`): does it put the documents that report the same
events in one story, and keep apart the documents that report different ones?

Documents of one split, all in one store:

  - the reviewed multi-outlet stories of snapshots/ledger/ (see its README): each outlet's story
    is one document (its versions are successive versions of one page), its gold story is the
    story's folder. kursk and tavena-floods are dev, valdoria-protest and norvale-plant are test
    (gold.json's `split`);
  - real news as negatives: one document per Wikinews article of ../shared/data/news-revisions
    (pairs 001-085), the `new.txt` of the article's first pair; each article is a gold story of
    its own. An article is dev or test by the rule of bench/news_revisions.py: sha256 of the
    article id ("Wikinews doc 10050"), mod 2 (0 dev, 1 test). The text is one line; its page's
    title is the first sentence (up to 80 characters, cut at a word's end; a ledger page's title is
    its lede's start, cut so) and its body paragraphs of 3 sentences.

Every document is a watched page of a local site (file:// URLs, `allow_file_urls = true`), named
`<story>-<outlet>` or `wikinews-<article number>`. The ledger versions are published in rounds,
round k publishing every story's k-th file of its publication order, with `tracker run --all
--no-alerts` after each round; the Wikinews pages are published in round 1. So all documents
are active within the same few minutes: time cannot tell the stories apart, only their text.
Then `tracker stories --store STORE --format json` is read, and scored against the gold stories,
documents being matched by their source name:

  - pairwise over all pairs of the split's documents: precision (pairs in one predicted story
    that are in one gold story / pairs in one predicted story), recall (pairs in one gold story
    that are in one predicted story / pairs in one gold story) and F1;
  - stories predicted, and gold stories;
  - false merges: documents wrongly merged into a multi-document story, summed over the
    predicted stories as its documents minus the most it holds of one gold story;
  - per ledger story, whether all its outlets are in one predicted story.

The baseline in the same run, computed here from the same documents: headline similarity only.
Two documents are in one story when the Jaccard similarity of their titles' lower-case words of
4 letters or more is >= 0.3 (connected components); the title is the newest published page's.

    bench/story_grouping.py [--split dev|test|all] [--similarity X | --sweep 0.1,0.2,0.3]
                            [--show-errors] [--tracker PATH] [--fixtures DIR] [--data DIR]
    bench/story_grouping.py --quick [--tracker PATH]   # ctest: dev ledger stories, 5 Wikinews
                                                       # articles; its own checks, no score asserted

--similarity X is passed to `tracker stories`; --sweep runs `tracker stories` at each value on
the same store (built once) and prints a row each. --show-errors prints, per tracker row, the
false merges and the split gold stories with their sources and titles.

--quick checks that `tracker stories` exits 0, that its JSON parses, that every document is in
exactly one story, and that the baseline ran; it never asserts a score. Exit 1 if a check fails
(in any mode, if a document is missing from tracker's stories or in more than one), 2 if tracker
is missing or fails.

Standard library only; Debian's /usr/bin/python3.
"""
import argparse
import html
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quick_mode import verdict  # noqa: E402
from ledger_score import VERSION_NAME, paragraphs_of  # noqa: E402
from news_revisions import article_key, fold_of, split_sentences  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "news-revisions"
WIKINEWS = "iterater-wikinews"
QUICK_ARTICLES = 5
SENTENCES_PER_PARAGRAPH = 3
BASELINE_THRESHOLD = 0.3
FIRST_STAMP = 1_700_000_000


class TrackerFailed(Exception):
    pass


def headline(text, limit=80):
    """The first `limit` characters of a text, cut at a word's end: the page's title."""
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0]
    return cut if cut and len(cut) <= limit else text[:limit]


def page(title, paragraphs):
    """A local article page, as bench/ledger_score.py writes them, with the title given."""
    body = "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title, quote=False)}</title></head>"
            f"<body><article>\n{body}\n</article></body></html>\n")


# ---------------------------------------------------------------------------------------------
# Documents


class Document:
    """One watched page: its source name, gold story and the versions it is published as."""

    def __init__(self, source, gold, versions):
        self.source = source
        self.gold = gold
        self.versions = versions  # [(title, paragraphs)], in the order they are published
        self.title = versions[-1][0]  # the newest published page's


def ledger_documents(fixtures, split):
    """({source: Document}, {story: [(round, source)]}) of the split's ledger stories; the
    rounds are each story's publication order, 1-based."""
    documents = {}
    rounds = {}
    for story_dir in sorted(d for d in fixtures.iterdir() if (d / "gold.json").is_file()):
        gold = json.loads((story_dir / "gold.json").read_text(encoding="utf-8"))
        if split != "all" and gold.get("split") != split:
            continue
        story = story_dir.name
        rounds[story] = []
        for k, name in enumerate(gold["publication_order"], start=1):
            version = VERSION_NAME.match(name)
            if version is None:
                raise SystemExit(f"story_grouping: {story}/{name} is not named OUTLET-vN.txt")
            source = f"{story}-{version.group('outlet')}"
            paragraphs = paragraphs_of(story_dir / name)
            entry = (headline(paragraphs[0]), paragraphs)  # as ledger_score: the lede's start
            if source in documents:
                documents[source].versions.append(entry)
                documents[source].title = entry[0]
            else:
                documents[source] = Document(source, story, [entry])
            rounds[story].append((k, source, len(documents[source].versions) - 1))
    return documents, rounds


def wikinews_articles(data, split):
    """[(article number, pair id)] of the split's Wikinews articles, in pair id order: each
    article's first pair (lowest revision depth, then lowest id)."""
    manifest = json.loads((data / "manifest.json").read_text(encoding="utf-8"))
    first = {}
    for entry in manifest["pairs"]:
        if entry["source"] != WIKINEWS:
            continue
        doc = entry["doc"]
        if split != "all" and fold_of(doc, 2) != (0 if split == "dev" else 1):
            continue
        depth = re.search(r"depth\s+(\d+)", doc)
        key = (int(depth.group(1)) if depth else 0, entry["id"])
        article = article_key(doc)
        if article not in first or key < first[article]:
            first[article] = key
    chosen = sorted((pid, article) for article, (_, pid) in first.items())
    return [(re.sub(r"\D", "", article) or article.replace(" ", "-"), pid) for pid, article in chosen]


def wikinews_document(data, number, pid):
    text = " ".join((data / pid / "new.txt").read_text(encoding="utf-8").split())
    sentences = split_sentences(text) or [text]
    paragraphs = [" ".join(sentences[i:i + SENTENCES_PER_PARAGRAPH])
                  for i in range(0, len(sentences), SENTENCES_PER_PARAGRAPH)]
    source = f"wikinews-{number}"
    return Document(source, source, [(headline(sentences[0]), paragraphs)])


# ---------------------------------------------------------------------------------------------
# Tracker


def run_tracker(tracker, args, allowed=(0, 1)):
    try:
        out = subprocess.run([str(tracker)] + args, capture_output=True, text=True)
    except OSError as err:
        raise TrackerFailed(f"tracker {args[0]} could not run: {err}")
    if out.returncode not in allowed:
        raise TrackerFailed(f"tracker {' '.join(args[:1])} failed (exit {out.returncode}): "
                            f"{out.stderr.strip()[-500:]}")
    return out.stdout


def build_store(tracker, documents, schedule, work):
    """Publishes the documents' versions round by round, `tracker run` after each; the store's
    path and the number of runs. schedule: [[(source, version index)]] per round."""
    site = work / "site"
    site.mkdir()
    published = []
    stamp = FIRST_STAMP
    (work / "tracker.toml").write_text("watch = [\"watch.toml\"]\nstore = \"store.db\"\n", encoding="utf-8")
    for items in schedule:
        for source, index in items:
            title, paragraphs = documents[source].versions[index]
            page_path = site / f"{source}.html"
            page_path.write_text(page(title, paragraphs), encoding="utf-8")
            stamp += 60
            os.utime(page_path, (stamp, stamp))
            if source not in published:
                published.append(source)
        # Each document is a watched page: links in feeds may never be file: URLs.
        (work / "watch.toml").write_text(
            "allow_file_urls = true\n" + "".join(f"[[source]]\nname = \"{s}\"\nkind = \"page\"\n"
                                                  f"url = \"{(site / (s + '.html')).as_uri()}\"\n"
                                                  for s in published), encoding="utf-8")
        run_tracker(tracker, ["run", "--config", str(work / "tracker.toml"), "--all", "--no-alerts"])
    return work / "store.db", len(schedule)


def tracker_stories(tracker, store, similarity):
    """(parsed JSON or None, problem or None)."""
    args = ["stories", "--store", str(store), "--format", "json"]
    if similarity is not None:
        args += ["--similarity", f"{similarity:g}"]
    out = run_tracker(tracker, args, allowed=(0,))
    try:
        return json.loads(out), None
    except json.JSONDecodeError as err:
        return None, f"tracker stories --format json printed invalid JSON ({err}): {out[:200]!r}"


def predicted_groups(result, documents):
    """([[source]] per story, problems): each stored document mapped by its source name. A
    document missing from the output is a story of its own (and a problem)."""
    problems = []
    if not isinstance(result, dict) or not isinstance(result.get("stories"), list):
        return [[s] for s in documents], ["tracker stories' JSON has no \"stories\" list"]
    groups = []
    seen = {}
    ids = {}
    for story in result["stories"]:
        group = []
        for doc in story.get("documents", []):
            source = doc.get("source")
            if source not in documents:
                problems.append(f"story {story.get('id')}: document {doc.get('id')} has unknown source {source!r}")
                continue
            if source in seen:
                problems.append(f"{source} is in story {seen[source]} and in story {story.get('id')}")
                continue
            if doc.get("id") in ids:
                problems.append(f"document id {doc.get('id')} is given to {ids[doc.get('id')]} and {source}")
            ids[doc.get("id")] = source
            seen[source] = story.get("id")
            group.append(source)
        if not story.get("documents"):
            problems.append(f"story {story.get('id')} holds no document")
        if group:
            groups.append(group)
    for source in documents:
        if source not in seen:
            problems.append(f"{source} is in no story")
            groups.append([source])
    return groups, problems


# ---------------------------------------------------------------------------------------------
# Baseline and scores


def title_words(title):
    return {w for w in re.findall(r"[^\W\d_]+", title.lower()) if len(w) >= 4}


def baseline_groups(documents, threshold=BASELINE_THRESHOLD):
    """Connected components of 'title word Jaccard >= threshold'."""
    sources = list(documents)
    parent = {s: s for s in sources}

    def root(s):
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    words = {s: title_words(documents[s].title) for s in sources}
    for a, b in combinations(sources, 2):
        union = words[a] | words[b]
        if union and len(words[a] & words[b]) / len(union) >= threshold:
            parent[root(a)] = root(b)
    components = {}
    for s in sources:
        components.setdefault(root(s), []).append(s)
    return list(components.values())


def score(groups, documents):
    story_of = {s: i for i, group in enumerate(groups) for s in group}
    tp = same_pred = same_gold = 0
    for a, b in combinations(list(documents), 2):
        p_same = story_of[a] == story_of[b]
        g_same = documents[a].gold == documents[b].gold
        tp += p_same and g_same
        same_pred += p_same
        same_gold += g_same
    false_merges = 0
    merges = []
    for group in groups:
        if len(group) < 2:
            continue
        counts = {}
        for s in group:
            counts[documents[s].gold] = counts.get(documents[s].gold, 0) + 1
        majority = max(counts.values())
        if majority < len(group):
            false_merges += len(group) - majority
            merges.append(group)
    gold_stories = {}
    for s, doc in documents.items():
        gold_stories.setdefault(doc.gold, []).append(s)
    split_stories = {g: sorted({story_of[s] for s in members}) for g, members in gold_stories.items()
                     if len({story_of[s] for s in members}) > 1}
    whole = {g: len({story_of[s] for s in members}) == 1 for g, members in gold_stories.items()
             if len(members) > 1}
    return {"tp": tp, "same_pred": same_pred, "same_gold": same_gold, "stories": len(groups),
            "gold_stories": len(gold_stories), "false_merges": false_merges, "merges": merges,
            "splits": split_stories, "whole": whole, "groups": groups}


def prf(tp, predicted, gold):
    p = tp / predicted if predicted else float("nan")
    r = tp / gold if gold else float("nan")
    f = 2 * p * r / (p + r) if p + r > 0 else 0.0
    return p, r, f


HEADER = (f"{'split':<6} {'grouping':<26} {'P':>6} {'R':>6} {'F1':>6}  {'pairs tp/pred/gold':>18}  "
          f"{'stories':>7} {'gold':>5}  {'false merges':>12}  ledger stories whole")


def print_row(split, label, counts):
    p, r, f = prf(counts["tp"], counts["same_pred"], counts["same_gold"])
    pairs = f"{counts['tp']}/{counts['same_pred']}/{counts['same_gold']}"
    whole = " ".join(f"{g} {'yes' if ok else 'no'}" for g, ok in sorted(counts["whole"].items()))
    print(f"{split:<6} {label:<26} {p:>6.3f} {r:>6.3f} {f:>6.3f}  {pairs:>18}  {counts['stories']:>7} "
          f"{counts['gold_stories']:>5}  {counts['false_merges']:>12}  {whole}")


def show_errors(counts, documents, titles, names):
    def line(source):
        return f"      {source}: {titles.get(source) or documents[source].title!r}"

    for group in counts["merges"]:
        golds = sorted({documents[s].gold for s in group})
        label = names.get(group[0])
        print(f"    false merge: {len(group)} documents of {len(golds)} gold stories"
              + (f" (names: {', '.join(label[:8])})" if label else ""))
        for s in group:
            print(line(s))
    story_of = {s: i for i, group in enumerate(counts["groups"]) for s in group}
    for gold, parts in sorted(counts["splits"].items()):
        print(f"    split: {gold} is in {len(parts)} stories")
        for part in parts:
            members = [s for s in documents if documents[s].gold == gold and story_of[s] == part]
            others = len(counts["groups"][part]) - len(members)
            print(f"      story of {', '.join(members)}" + (f" (and {others} other documents)" if others else ""))
            for s in members:
                print("  " + line(s))


# ---------------------------------------------------------------------------------------------


def parse_sweep(spec):
    try:
        values = [float(v) for v in spec.split(",") if v.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a list of numbers: {spec!r}")
    if not values or any(not 0 <= v <= 1 for v in values):
        raise argparse.ArgumentTypeError(f"values must be in 0..1: {spec!r}")
    return values


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog="--quick: the dev ledger stories and 5 Wikinews articles; "
                                        "the script's own checks (what ctest runs)")
    ap.add_argument("--tracker", type=Path, default=REPO / "build" / "tracker")
    ap.add_argument("--fixtures", type=Path, default=REPO / "snapshots" / "ledger")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="news-revisions (Wikinews pairs)")
    ap.add_argument("--split", choices=("dev", "test", "all"), default="test",
                    help="develop on dev, report test (default: test)")
    choice = ap.add_mutually_exclusive_group()
    choice.add_argument("--similarity", type=float, metavar="X",
                        help="passed to tracker stories (0..1; tracker's default when not given)")
    choice.add_argument("--sweep", type=parse_sweep, metavar="X,Y,...",
                        help="run tracker stories at each similarity on the same store")
    ap.add_argument("--show-errors", action="store_true",
                    help="print tracker's false merges and split stories (sources and titles)")
    ap.add_argument("--quick", action="store_true",
                    help="dev ledger stories and the first 5 Wikinews dev articles; the script's "
                         "own checks, no score asserted (what ctest runs)")
    args = ap.parse_args()
    split = "dev" if args.quick else args.split
    if not args.tracker.is_file():
        print(f"story_grouping: no tracker at {args.tracker}", file=sys.stderr)
        return 2
    if not (args.data / "manifest.json").is_file():
        print(f"story_grouping: no manifest.json in {args.data}", file=sys.stderr)
        return 2

    documents, rounds = ledger_documents(args.fixtures, split)
    if not rounds:
        print(f"story_grouping: no ledger story of split {split} under {args.fixtures}", file=sys.stderr)
        return 2
    articles = wikinews_articles(args.data, split)
    if args.quick:
        articles = articles[:QUICK_ARTICLES]
    wikinews = [wikinews_document(args.data, number, pid) for number, pid in articles]
    for doc in wikinews:
        documents[doc.source] = doc
    schedule = [[(doc.source, 0) for doc in wikinews]]
    for k in range(1, max(len(items) for items in rounds.values()) + 1):
        if k > 1:
            schedule.append([])
        for story in sorted(rounds):
            schedule[k - 1] += [(source, index) for r, source, index in rounds[story] if r == k]

    ledger_docs = len(documents) - len(wikinews)
    print(f"story grouping, split {split}: {len(documents)} documents: {ledger_docs} from {len(rounds)} "
          f"ledger stories ({', '.join(sorted(rounds))}) and {len(wikinews)} Wikinews articles "
          f"from {args.data.resolve()}; tracker {args.tracker}")

    values = args.sweep if args.sweep else [args.similarity]
    problems = []
    started = time.monotonic()
    try:
        with tempfile.TemporaryDirectory(prefix="story-grouping-") as folder:
            store, runs = build_store(args.tracker, documents, schedule, Path(folder))
            built = time.monotonic() - started
            results = []
            for value in values:
                result, problem = tracker_stories(args.tracker, store, value)
                if problem:
                    problems.append(problem)
                results.append((value, result))
            # The same documents grouped at once, on the read, as before runs stored stories:
            # what placing each document once, as its run came, changes.
            at_once = None
            if not args.sweep:
                regrouped = Path(folder) / "regrouped.db"
                shutil.copyfile(store, regrouped)
                with sqlite3.connect(regrouped) as db:
                    db.execute("DELETE FROM story_members")
                db.close()
                at_once, problem = tracker_stories(args.tracker, regrouped, None)
                if problem:
                    problems.append(problem)
    except TrackerFailed as err:
        if args.quick:
            verdict([str(err)], "")
        else:
            print(f"story_grouping: {err}", file=sys.stderr)
        return 2
    print(f"{runs} tracker runs ({built:.1f} s), then tracker stories "
          f"{'x' + str(len(values)) if len(values) > 1 else 'once'} ({time.monotonic() - started - built:.1f} s)\n")

    base = baseline_groups(documents)
    base_counts = score(base, documents)
    print(HEADER)
    for value, result in results:
        label = "tracker" + (f" --similarity {value:g}" if value is not None else "")
        if result is None:
            print(f"{split:<6} {label:<26} (no result: invalid JSON)")
            continue
        groups, found = predicted_groups(result, documents)
        problems += [f"similarity {value if value is not None else 'default'}: {p}" for p in found]
        counts = score(groups, documents)
        print_row(split, label, counts)
        if args.show_errors:
            titles = {d.get("source"): d.get("title") for story in result.get("stories", [])
                      for d in story.get("documents", [])}
            names = {d.get("source"): story.get("names") or [] for story in result.get("stories", [])
                     for d in story.get("documents", [])}
            show_errors(counts, documents, titles, names)
    if at_once is not None:
        groups, found = predicted_groups(at_once, documents)
        problems += [f"grouped at once: {p}" for p in found]
        print_row(split, "tracker, grouped at once", score(groups, documents))
    print_row(split, f"baseline (titles >= {BASELINE_THRESHOLD})", base_counts)
    if args.show_errors:
        show_errors(base_counts, documents, {}, {})

    if args.quick:
        if sorted(s for group in base for s in group) != sorted(documents):
            problems.append("the baseline did not put every document in exactly one story")
        return 0 if verdict(problems, f"tracker stories gave valid JSON with each of the {len(documents)} "
                                      f"documents in exactly one story; baseline ran") else 1
    for problem in problems:
        print(f"problem: {problem}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
