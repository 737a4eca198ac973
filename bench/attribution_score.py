#!/usr/bin/python3
"""Score tracker's attribution (who said it) on the reviewed Wikinews set.

Runs `tracker claims ARTICLE --format json` on the old.txt of every article of the gold set
(bench/data/attribution-wikinews.jsonl, texts in ../shared/data/news-revisions), aligns the
claims to the gold sentences by tokens, and prints for one split:

- detection P/R/F1: is the sentence attributed (a claim with a non-null `attribution`);
- source P/R/F1: token overlap between the predicted and the gold source phrase;

for tracker and, in the same run, for a one-rule baseline (`baseline_source`).

    attribution_score.py [--split dev|test|all] [--tracker PATH] [--show-errors N] [-j N]
    attribution_score.py --quick --tracker PATH   # a few articles, invariants only (ctest)
    attribution_score.py --print-sentences        # the gold splitter's sentences, as TSV

Exit status: 2 if the tracker binary is missing, 1 if the pipeline is broken (a tracker run
failed, a gold sentence is not in its text, the counts disagree, the formula self-check
fails), 0 otherwise. A low score is not an error.
"""

import argparse
import collections
import concurrent.futures
import difflib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

sys.dont_write_bytecode = True

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO_ROOT / "bench" / "data" / "attribution-wikinews.jsonl"
DEFAULT_DATA = REPO_ROOT.parent / "shared" / "data" / "news-revisions"
DEFAULT_TRACKER = REPO_ROOT / "build" / "tracker"
# --quick: a few dev articles with inverted, pronoun, continuation and "according to" cases.
QUICK_ARTICLES = ("010", "035", "065", "077")

# ---------------------------------------------------------------------------------------------
# The splitter the gold sentences were made with (kept here so that the set can be rebuilt).

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "gen", "col", "lt", "sgt", "capt", "cpt", "gov", "sen", "rep",
    "prof", "st", "jr", "sr", "inc", "co", "corp", "ltd", "no", "nos", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rev", "hon", "maj",
    "adm", "brig", "cmdr", "pres", "supt", "insp", "det", "ft", "mt", "e.g", "i.e", "a.m", "p.m",
    "u.s", "u.k", "u.n", "d.c", "approx", "al", "ave", "blvd", "dept"}
# Abbreviations that also end sentences: they do so before one of these openers.
_ENDING_ABBREVIATIONS = {"jr", "sr", "inc", "co", "corp", "ltd", "etc", "al"}
_OPENERS = {
    "A", "An", "The", "He", "She", "It", "They", "This", "That", "These", "Those", "In", "On",
    "At", "But", "And", "However", "According", "After", "Before", "There", "We", "I", "His",
    "Her", "Their", "Its", "As", "When", "While", "Meanwhile"}
_BREAK = re.compile(r"[.!?]+[\"')\]\u201d\u2019]*(\s+)(?=[A-Z0-9\"'(\u201c\u2018])")


def split_sentences(text):
    """The gold set's sentence splitter (see bench/data/README.md)."""
    text = text.strip()
    out, start = [], 0
    for match in _BREAK.finditer(text):
        last = re.search(r"(\S+)$", text[start:match.start()])
        word = last.group(1).lstrip("(\"'\u201c").rstrip(".") if last else ""
        following = re.match(r"\S+", text[match.end():]).group(0).strip("\"'(\u201c\u2018,.")
        if text[match.start()] == ".":
            lower = word.lower()
            if len(word) == 1 and word.isalpha() and word.isupper():
                continue  # an initial: "George W. Bush"
            if lower in _ABBREVIATIONS:
                if ("." in lower or lower in _ENDING_ABBREVIATIONS) and following in _OPENERS:
                    pass  # "the U.S. The ..." ends a sentence
                else:
                    continue
        sentence = text[start:match.start(1)].strip()
        if sentence:
            out.append(sentence)
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def distinct_articles(data_dir):
    """Wikinews pair ids, one per IteraTeR document (the lowest id), as the gold set chose."""
    manifest = json.loads((data_dir / "manifest.json").read_text(encoding="utf-8"))
    seen, ids = set(), []
    for pair in manifest["pairs"]:
        if pair["source"] != "iterater-wikinews":
            continue
        doc = re.search(r"doc (\d+)", pair["doc"]).group(1)
        if doc not in seen:
            seen.add(doc)
            ids.append(pair["id"])
    return ids

# ---------------------------------------------------------------------------------------------
# Scoring.


def tokens(text):
    """Lower-cased word tokens; punctuation and quotes do not count."""
    return re.findall(r"\w+", (text or "").lower())


def overlap(pred, gold):
    """Number of tokens the two phrases share, as multisets."""
    return sum((collections.Counter(tokens(pred)) & collections.Counter(tokens(gold))).values())


def prf(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def score(items):
    """items: (gold_source or None, predicted_source or None) per gold sentence.

    Detection: tp = gold and predicted, fp = predicted only, fn = gold only;
    P = tp/(tp+fp), R = tp/(tp+fn).
    Source: for each sentence with a prediction, p_s = overlap/|pred tokens| (0 when the gold
    has no source); for each sentence with a gold source, r_s = overlap/|gold tokens| (0 when
    nothing is predicted); P = sum(p_s)/#predicted, R = sum(r_s)/#gold, F1 = 2PR/(P+R).
    """
    tp = fp = fn = tn = 0
    p_sum = r_sum = 0.0
    for gold, pred in items:
        if gold and pred:
            tp += 1
        elif pred:
            fp += 1
        elif gold:
            fn += 1
        else:
            tn += 1
        shared = overlap(pred, gold) if gold and pred else 0
        if pred:
            p_sum += shared / max(1, len(tokens(pred)))
        if gold:
            r_sum += shared / max(1, len(tokens(gold)))
    n_pred, n_gold = tp + fp, tp + fn
    det_p = tp / n_pred if n_pred else 0.0
    det_r = tp / n_gold if n_gold else 0.0
    src_p = p_sum / n_pred if n_pred else 0.0
    src_r = r_sum / n_gold if n_gold else 0.0
    return {"n": len(items), "tp": tp, "fp": fp, "fn": fn, "tn": tn,
            "det_p": det_p, "det_r": det_r, "det_f1": prf(det_p, det_r),
            "src_p": src_p, "src_r": src_r, "src_f1": prf(src_p, src_r)}


def self_check():
    """A hand-computed example; returns a list of failures (empty when the formulas hold)."""
    items = [
        ("the US military", "the US military"),      # p 3/3, r 3/3
        ("South Korea's National Intelligence Service", "Intelligence Service"),  # p 2/2, r 2/6
        ("Hicks", None),                             # missed: r 0/1
        (None, "Two United"),                        # false alarm: p 0/2
        ("police", "the police chief"),              # p 1/3, r 1/1
        (None, None),
    ]
    # Hand computation: tp 3, fp 1, fn 1, tn 1. Detection P = 3/4, R = 3/4.
    # Source P = (1 + 1 + 0 + 1/3) / 4 = 7/12; R = (1 + 1/3 + 0 + 1) / 4 = 7/12.
    # ("South Korea's" is 3 tokens: south, korea, s.)
    got = score(items)
    want = {"tp": 3, "fp": 1, "fn": 1, "tn": 1, "det_p": 0.75, "det_r": 0.75, "det_f1": 0.75,
            "src_p": 7 / 12, "src_r": 7 / 12, "src_f1": 7 / 12}
    failures = [f"{key}: {got[key]!r} != {value!r}" for key, value in want.items()
                if abs(got[key] - value) > 1e-9]
    asym = score([("a b c d", "a b")])  # p 2/2 = 1, r 2/4 = 0.5, F1 2/3
    if abs(asym["src_p"] - 1.0) > 1e-9 or abs(asym["src_r"] - 0.5) > 1e-9 \
            or abs(asym["src_f1"] - 2 / 3) > 1e-9:
        failures.append(f"asymmetric overlap: {asym}")
    return failures

# ---------------------------------------------------------------------------------------------
# The one-rule baseline, applied to the gold sentence texts.

_CAP = r"(?:[A-Z][\w'.&-]*)"
_BEFORE_SAID = re.compile(rf"((?:{_CAP}\s+)*{_CAP})\s+(?:said|says)\b")
_AFTER_SAID = re.compile(rf"\b(?:said|says)\s+((?:the\s+)?{_CAP}(?:\s+{_CAP})*)")
_ACCORDING = re.compile(rf"\baccording to\s+((?:the\s+)?{_CAP}(?:\s+(?:of\s+)?{_CAP})*)", re.I)


def baseline_source(sentence):
    """The capitalised phrase right after "according to", else right before "said"/"says",
    else right after it ("..., said Hicks"); None when there is none."""
    for pattern in (_ACCORDING, _BEFORE_SAID, _AFTER_SAID):
        match = pattern.search(sentence)
        if match:
            return match.group(1)
    return None

# ---------------------------------------------------------------------------------------------
# Running tracker and aligning its claims with the gold sentences.


def check_tracker(path):
    if not (path.is_file() and os.access(path, os.X_OK)):
        print(f"error: tracker binary not found or not executable: {path}", file=sys.stderr)
        sys.exit(2)
    return path.resolve()


def run_claims(tracker, text_path, timeout):
    """(claims, error): the `claims` list of `tracker claims --format json`, or None and why."""
    cmd = [str(tracker), "claims", str(text_path), "--format", "json"]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout} s"
    if done.returncode != 0:
        last = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
        return None, f"exit status {done.returncode}: {last[0]}"
    try:
        claims = json.loads(done.stdout)["claims"]
        for claim in claims:
            if not isinstance(claim.get("text"), str) or \
                    not (claim.get("attribution") is None or isinstance(claim["attribution"], str)):
                return None, "a claim lacks a string `text` or a string/null `attribution`"
    except (ValueError, KeyError, TypeError) as error:
        return None, f"unreadable JSON: {error}"
    return claims, None


def locate_gold(article_tokens, sentences):
    """Token span [begin, end) of each gold sentence in the article, searched in order; None
    for a sentence that is not found (a broken gold set or data directory)."""
    spans, at = [], 0
    for sentence in sentences:
        want = tokens(sentence)
        found = None
        for begin in range(at, len(article_tokens) - len(want) + 1):
            if article_tokens[begin:begin + len(want)] == want:
                found = (begin, begin + len(want))
                break
        spans.append(found)
        if found:
            at = found[1]
    return spans


def claim_positions(article_tokens, claims):
    """For each claim, the set of article token positions its tokens were matched to."""
    flat, owner = [], []
    for index, claim in enumerate(claims):
        for token in tokens(claim["text"]):
            flat.append(token)
            owner.append(index)
    positions = [set() for _ in claims]
    matcher = difflib.SequenceMatcher(None, article_tokens, flat, autojunk=False)
    for block in matcher.get_matching_blocks():
        for k in range(block.size):
            positions[owner[block.b + k]].add(block.a + k)
    return positions


def align(span, claims, positions):
    """The prediction for one gold sentence: (attribution or None, claim indexes used).

    The claims considered are the one that covers most of the sentence's tokens and any other
    claim that lies mostly (>= half of its matched tokens) inside the sentence; the first
    non-null attribution among them, in text order, is the prediction. A claim that runs over
    several gold sentences thus gives its attribution to each of them."""
    begin, end = span
    inside = [(len({p for p in pos if begin <= p < end}), i) for i, pos in enumerate(positions)]
    inside = [(count, i) for count, i in inside if count]
    if not inside:
        return None, []
    best = max(inside)[1]
    used = sorted({best} | {i for count, i in inside if count * 2 >= len(positions[i])})
    for i in used:
        if claims[i]["attribution"]:
            return claims[i]["attribution"], used
    return None, used

# ---------------------------------------------------------------------------------------------


def load_gold(path):
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    by_article = collections.OrderedDict()
    for row in rows:
        by_article.setdefault(row["article"], []).append(row)
    return by_article


def evaluate_article(tracker, data_dir, article, rows, timeout):
    """Returns a result dict: rows with `pred`, `base`, `aligned`; problems found."""
    text_path = data_dir / article / "old.txt"
    text = text_path.read_text(encoding="utf-8")
    problems = []
    article_tokens = tokens(text)
    spans = locate_gold(article_tokens, [row["sentence"] for row in rows])
    claims, error = run_claims(tracker, text_path, timeout)
    if error:
        problems.append(f"{article}: tracker claims failed: {error}")
        claims = []
    positions = claim_positions(article_tokens, claims)
    used_claims = set()
    out = []
    for row, span in zip(rows, spans):
        if span is None:
            problems.append(f"{row['id']}: gold sentence not found in {text_path}")
            pred, used = None, []
        else:
            pred, used = align(span, claims, positions)
        used_claims.update(used)
        out.append(dict(row, pred=pred, base=baseline_source(row["sentence"]), aligned=bool(used),
                        claims=[claims[i]["text"] for i in used]))
    # Claims that no gold sentence took are only counted (a claim made of page furniture or
    # of a fragment); they do not enter the scores.
    unmatched = [c["text"] for i, c in enumerate(claims) if i not in used_claims]
    return {"article": article, "rows": out, "problems": problems, "claims": len(claims),
            "unmatched_claims": unmatched}


def fmt(name, s):
    return (f"{name:<10} {s['det_p']:.3f}  {s['det_r']:.3f}  {s['det_f1']:.3f}   "
            f"{s['src_p']:.3f}  {s['src_r']:.3f}  {s['src_f1']:.3f}   "
            f"{s['tp']:>4} {s['fp']:>4} {s['fn']:>4} {s['tn']:>4}")


def check_counts(rows, result, problems):
    s = result
    if s["tp"] + s["fp"] + s["fn"] + s["tn"] != len(rows):
        problems.append(f"counts: tp+fp+fn+tn = {s['tp'] + s['fp'] + s['fn'] + s['tn']}"
                        f" != {len(rows)} sentences")
    gold = sum(1 for r in rows if r["attributed"])
    if s["tp"] + s["fn"] != gold:
        problems.append(f"counts: tp+fn = {s['tp'] + s['fn']} != {gold} attributed sentences")
    for key in ("det_p", "det_r", "src_p", "src_r"):
        if not 0.0 <= s[key] <= 1.0:
            problems.append(f"counts: {key} = {s[key]} outside [0, 1]")


def cue_class(row):
    """The kind of cue of an attributed gold sentence, for the recall breakdown."""
    cue, note = (row["cue"] or "").lower(), row["note"] or ""
    if note.startswith("continuation"):
        return "continuation (cue in another sentence)"
    if cue == "according to":
        return "according to"
    if cue in ("said", "says", "say", "told"):
        return "said/says/say/told"
    if cue.endswith("ing"):
        return "participle (saying, adding...)"
    return "other cue (claimed, announced, stated...)"


def print_breakdown(rows):
    groups = collections.OrderedDict()
    for row in rows:
        if row["attributed"]:
            groups.setdefault(cue_class(row), []).append(row)
    print("\ndetection recall and source recall by kind of gold cue (tracker | baseline):")
    for name in sorted(groups, key=lambda g: -len(groups[g])):
        group = groups[name]
        line = f"  {name:<42} {len(group):>4}"
        for key in ("pred", "base"):
            found = sum(1 for r in group if r[key])
            src = sum(overlap(r[key], r["source"]) / len(tokens(r["source"]))
                      for r in group if r[key] and tokens(r["source"]))
            line += f"   {found / len(group):.2f} {src / len(group):.2f}"
        print(line)


def show_errors(rows, limit):
    misses = [r for r in rows if r["attributed"] and not r["pred"]]
    alarms = [r for r in rows if not r["attributed"] and r["pred"]]
    wrong = [r for r in rows if r["attributed"] and r["pred"]
             and not overlap(r["pred"], r["source"]) == len(tokens(r["pred"])) == len(tokens(r["source"]))]
    for title, group in (("missed (gold attributed, tracker none)", misses),
                         ("false alarms (tracker attribution, gold none)", alarms),
                         ("wrong or partial source", wrong)):
        print(f"\n{title}: {len(group)}" + (f", first {limit}" if len(group) > limit else ""))
        for r in group[:limit]:
            print(f"  {r['id']}  gold={r['source']!r} cue={r['cue']!r} pred={r['pred']!r}"
                  + (f"  [{r['note']}]" if r["note"] else ""))
            print(f"      {r['sentence'][:200]}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--tracker", type=Path, default=DEFAULT_TRACKER)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="news-revisions directory (default ../shared/data/news-revisions)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N",
                        help="list up to N misses, false alarms and wrong sources")
    parser.add_argument("--quick", action="store_true",
                        help=f"only articles {', '.join(QUICK_ARTICLES)}; check the invariants")
    parser.add_argument("--print-sentences", action="store_true",
                        help="print the gold splitter's sentences of the chosen articles as TSV")
    parser.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--timeout", type=float, default=60)
    args = parser.parse_args()

    if args.print_sentences:
        for article in distinct_articles(args.data):
            text = (args.data / article / "old.txt").read_text(encoding="utf-8")
            for k, sentence in enumerate(split_sentences(text), 1):
                print(f"{article}-old-{k}\t{sentence}")
        return 0

    problems = [f"self-check: {failure}" for failure in self_check()]
    gold = load_gold(args.gold)
    tracker = check_tracker(args.tracker)

    # The gold set must be the splitter's sentences of the distinct articles.
    if sorted(gold) != sorted(distinct_articles(args.data)):
        problems.append("gold articles differ from the distinct Wikinews articles of the data")
    if args.quick:
        articles = [a for a in QUICK_ARTICLES if a in gold]
        if len(articles) != len(QUICK_ARTICLES):
            problems.append(f"quick articles missing from the gold set: {QUICK_ARTICLES}")
    else:
        articles = [a for a, rows in gold.items() if args.split == "all" or rows[0]["split"] == args.split]
    for article in articles:
        text = (args.data / article / "old.txt").read_text(encoding="utf-8")
        expected = split_sentences(text)
        if [r["sentence"] for r in gold[article]] != expected:
            problems.append(f"{article}: gold sentences are not the splitter's sentences")
        if [r["id"] for r in gold[article]] != [f"{article}-old-{k}" for k in range(1, len(expected) + 1)]:
            problems.append(f"{article}: gold ids are not {article}-old-1..{len(expected)}")

    with concurrent.futures.ThreadPoolExecutor(max(1, args.jobs)) as pool:
        results = list(pool.map(
            lambda a: evaluate_article(tracker, args.data, a, gold[a], args.timeout), articles))
    rows = [row for result in results for row in result["rows"]]
    for result in results:
        problems.extend(result["problems"])

    ours = score([(r["source"] if r["attributed"] else None, r["pred"]) for r in rows])
    base = score([(r["source"] if r["attributed"] else None, r["base"]) for r in rows])
    check_counts(rows, ours, problems)
    check_counts(rows, base, problems)
    unaligned = [r["id"] for r in rows if not r["aligned"]]
    n_claims = sum(result["claims"] for result in results)
    n_unmatched = sum(len(result["unmatched_claims"]) for result in results)
    if args.quick and n_claims == 0:
        problems.append("tracker produced no claims")
    elif args.quick and len(unaligned) * 2 > len(rows):
        # A few unaligned sentences can be tracker's choice (a caption that is not a claim);
        # most of them means that the claims no longer match the text.
        problems.append(f"{len(unaligned)} of {len(rows)} gold sentences are not aligned to a claim")

    label = "quick" if args.quick else args.split
    attributed = sum(1 for r in rows if r["attributed"])
    print(f"attribution, Wikinews reviewed set, split {label}: {len(articles)} articles, "
          f"{len(rows)} sentences, {attributed} attributed; tracker {tracker}")
    print(f"alignment: {len(rows) - len(unaligned)}/{len(rows)} gold sentences aligned to a claim"
          f" ({n_claims} claims, {n_unmatched} not aligned to any gold sentence)")
    if unaligned:
        print(f"  unaligned gold sentences: {' '.join(unaligned[:20])}"
              + (" ..." if len(unaligned) > 20 else ""))
    print()
    print(f"{'':<10} {'detection P / R / F1':<21}  {'source P / R / F1':<21}  "
          f"{'tp':>4} {'fp':>4} {'fn':>4} {'tn':>4}")
    print(fmt("tracker", ours))
    print(fmt("baseline", base))
    print_breakdown(rows)
    if args.show_errors:
        show_errors(rows, args.show_errors)
    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    if args.quick:
        print(f"\nquick: invariants hold (formula self-check, gold = splitter sentences, "
              f"{len(rows)} sentences accounted for, counts consistent)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
