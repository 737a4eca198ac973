#!/usr/bin/python3
"""List sentence pairs between consecutive Wikipedia revisions where a number changed.

Reads the "versions" dataset (../shared/data/wikipedia-versions/versions.jsonl.gz: successive
revisions of 445 articles, lower-cased text). For each article and each pair of consecutive
versions i -> i+1, it splits both texts into sentences, drops the sentences found verbatim in
both, and pairs each remaining old sentence with its most similar new one. A pair is printed
when the two sentences are near-duplicates (difflib ratio above --min-ratio, 0.85 by default)
and their number tokens differ.

    wikipedia_number_pairs.py [--data PATH] [--min-ratio 0.85] [--counted] [--title TEXT]
                              [--max-length 400] [--tsv]

--counted keeps only pairs where a changed number is followed, within three words, by a
plural-looking word or "percent"/"%" (a count of something: "450,000 troops", "22 languages").
--tsv prints one pair per line: title, versions, ratio, old sentence, new sentence.

This script chose the pairs of tests/data/wikipedia/number_changes.tsv (see the README there):
the candidates it printed with --counted were read by hand, and the clear count changes were
copied with the values a reader finds in them.

--quick (ctest bench_wikipedia_number_pairs_quick) runs --counted on three articles of that
file and checks that every pair the file took from them is still among the candidates;
exit 1 if one is not.
"""

import argparse
import difflib
import gzip
import json
import re
import sys
from pathlib import Path

# Running a bench script must not leave __pycache__ behind in the source tree.
sys.dont_write_bytecode = True

from quick_mode import verdict  # noqa: E402  (after the bytecode switch on purpose)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO_ROOT / ".." / "shared" / "data" / "wikipedia-versions" / "versions.jsonl.gz"
CHOSEN_PAIRS = REPO_ROOT / "tests" / "data" / "wikipedia" / "number_changes.tsv"
QUICK_TITLES = ("Military of Iraq", "Demographics of India", "Haber process")

# A sentence ends at . ! or ? followed by white space; the text is lower-case, so there is no
# capital to look for. Line breaks end sentences too (paragraphs, list items, markup lines).
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
WORD = re.compile(r"[a-z%][a-z'%-]*")
COUNTED_WORD = re.compile(r"^(?:[a-z-]{2,}s|percent|per|%|people|million|billion|thousand|"
                          r"hundred|men|women|children|personnel|staff|aircraft)$")


def sentences(text):
    """The sentences of a text, stripped, without markup-only lines."""
    out = []
    for line in text.split("\n"):
        for sentence in SENTENCE_END.split(line.strip()):
            sentence = sentence.strip()
            if len(sentence) >= 20 and not sentence.startswith(("[[", "image:", "thumb|")):
                out.append(sentence)
    return out


def numbers(sentence):
    return NUMBER.findall(sentence)


def counted_numbers(sentence):
    """Numbers followed within three words by a word that looks counted."""
    found = []
    for match in NUMBER.finditer(sentence):
        rest = sentence[match.end():]
        if rest.startswith("%"):
            found.append(match.group())
            continue
        words = WORD.findall(rest[:60])[:3]
        if any(COUNTED_WORD.match(word) for word in words):
            found.append(match.group())
    return found


def best_match(sentence, candidates, min_ratio):
    """The candidate most similar to `sentence` with its ratio, or (None, 0) below min_ratio."""
    best, best_ratio = None, 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(sentence)
    for candidate in candidates:
        matcher.set_seq1(candidate)
        if matcher.real_quick_ratio() <= max(min_ratio, best_ratio):
            continue
        if matcher.quick_ratio() <= max(min_ratio, best_ratio):
            continue
        ratio = matcher.ratio()
        if ratio > max(min_ratio, best_ratio):
            best, best_ratio = candidate, ratio
    return best, best_ratio


def number_pairs(versions, min_ratio, counted, max_length):
    """Yield (i, ratio, old, new) for the number-change pairs between versions i and i+1."""
    for i in range(len(versions) - 1):
        old_sentences = sentences(versions[i])
        new_sentences = sentences(versions[i + 1])
        old_set, new_set = set(old_sentences), set(new_sentences)
        removed = [s for s in dict.fromkeys(old_sentences) if s not in new_set]
        added = [s for s in dict.fromkeys(new_sentences) if s not in old_set and numbers(s)]
        for old in removed:
            if not numbers(old) or len(old) > max_length:
                continue
            new, ratio = best_match(old, added, min_ratio)
            if new is None or numbers(old) == numbers(new):
                continue
            if counted and counted_numbers(old) == counted_numbers(new):
                continue
            yield i, ratio, old, new


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--min-ratio", type=float, default=0.85)
    parser.add_argument("--counted", action="store_true",
                        help="only pairs where a number before a counted word changed")
    parser.add_argument("--title", default="", help="only articles whose title contains this")
    parser.add_argument("--max-length", type=int, default=400,
                        help="skip old sentences longer than this many characters")
    parser.add_argument("--tsv", action="store_true", help="one tab-separated pair per line")
    parser.add_argument("--quick", action="store_true",
                        help=f"what ctest runs: --counted on {len(QUICK_TITLES)} articles, checked "
                             f"against {CHOSEN_PAIRS.relative_to(REPO_ROOT)}")
    args = parser.parse_args()
    if not args.data.is_file():
        print(f"error: data set not found: {args.data}", file=sys.stderr)
        return 2
    if args.quick:
        args.counted = True

    total = 0
    found = set()  # (title, "vI->vJ", old, new) of every candidate, for --quick
    with gzip.open(args.data, "rt", encoding="utf-8") as lines:
        for line in lines:
            article = json.loads(line)
            if args.title.lower() not in article["title"].lower():
                continue
            if args.quick and article["title"] not in QUICK_TITLES:
                continue
            for i, ratio, old, new in number_pairs(article["versions"], args.min_ratio,
                                                   args.counted, args.max_length):
                total += 1
                found.add((article["title"], f"v{i}->v{i + 1}", old, new))
                if args.tsv:
                    print(f"{article['title']}\tv{i}->v{i + 1}\t{ratio:.3f}\t{old}\t{new}")
                else:
                    print(f"== {article['title']}  v{i} -> v{i + 1}  ratio {ratio:.3f}")
                    print(f"  old: {old}")
                    print(f"  new: {new}")
    print(f"{total} pairs", file=sys.stderr)
    if args.quick:
        return 0 if quick_check(found) else 1
    return 0


def quick_check(found):
    """--quick: every pair the test data took from the quick articles is still a candidate."""
    with open(CHOSEN_PAIRS, encoding="utf-8") as f:
        rows = [line.rstrip("\n").split("\t") for line in f][1:]
    chosen = [tuple(row[:4]) for row in rows if row[0] in QUICK_TITLES]
    problems = []
    if {c[0] for c in chosen} != set(QUICK_TITLES):
        problems.append(f"{CHOSEN_PAIRS.name} has no pair of some of {QUICK_TITLES}")
    problems += [f"{title} {versions}: no longer a candidate: {old!r} -> {new!r}"
                 for title, versions, old, new in chosen if (title, versions, old, new) not in found]
    return verdict(problems, f"all {len(chosen)} pairs of {CHOSEN_PAIRS.name} from "
                             f"{len(QUICK_TITLES)} articles are among the {len(found)} candidates")


if __name__ == "__main__":
    sys.exit(main())
