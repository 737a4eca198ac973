#!/usr/bin/python3
"""Feed parsing quality: runs build/bench/feed_corpus (tracker's parse_feed) over three corpora
in ../shared/data and scores what it read. See bench/README.md, "Feed parsing".

    bench/feed_corpus.py [--tool PATH] [--show-failures N] [--json]

Corpora and what is checked:
  feedparser-tests   each feed's `Expect` expression; only the simple equality forms on item
                     title/link/id/dates and feed title/link are interpreted, the rest are
                     counted as "not checkable"; `bozo` files are the ill-formed ones.
  w3c-feedvalidator  SAXError cases are ill-formed; the rest must parse (no titles to check).
  real-world-feeds   rss-parser inputs against its golden JSON (item title, link, isoDate);
                     node-feedparser and diffengine against the expectations their README
                     restates.

The tool is given one file per line and flushes one JSON line per file, so a crash is pinned
on the file it was reading, counted, and the run resumes after it.

--quick (ctest bench_feed_corpus_quick) takes every 20th file of feedparser-tests and of the
W3C cases, and all real-world feeds, and checks: no crash, one record per file, and every
real-world expectation met (rss-parser's golden items, the READMEs' node-feedparser and
diffengine cases, unrecognized.rss rejected). Exit 1 if a check fails or a file crashed,
2 if the tool is missing.
"""

import argparse
import ast
import datetime as dt
import email.utils
import html
import html.entities
import json
import re
import subprocess
import sys
import urllib.parse
import xml.parsers.expat
from collections import Counter, defaultdict
from pathlib import Path

# Running a bench script must not leave __pycache__ behind in the source tree.
sys.dont_write_bytecode = True

from quick_mode import verdict  # noqa: E402  (after the bytecode switch on purpose)

REPO = Path(__file__).resolve().parent.parent
DATA = (REPO / ".." / "shared" / "data").resolve()
FEEDPARSER = DATA / "feedparser-tests"
W3C = DATA / "w3c-feedvalidator-testcases"
REAL = DATA / "real-world-feeds"
# feedparser's own suite serves its files from here; its base-URI expectations assume it.
FEEDPARSER_URL = "http://127.0.0.1:8097/tests/"


# ---------------------------------------------------------------- running the parser

ALL_RESULTS = []  # every record of every run, for the totals
ALL_CASES = []  # every file given to the tool, so --quick can check one record each
SAMPLE_STRIDE = 1  # --quick: every Nth file of the two large suites


def run_tool(tool, cases, timeout=600):
    """cases: list of (path, feed_url, content_type). Returns {path: result dict}; a file that
    killed the tool gets {"crash": exit status}."""
    results = {}
    pending = list(cases)
    ALL_CASES.extend(cases)
    while pending:
        stdin = "".join(f"{p}\t{u}\t{c}\n" for p, u, c in pending)
        try:
            proc = subprocess.run([str(tool)], input=stdin.encode(), capture_output=True,
                                  timeout=timeout)
            stdout, stderr, status = proc.stdout, proc.stderr, proc.returncode
        except subprocess.TimeoutExpired as e:  # a hang counts as a crash of its file
            stdout, stderr, status = e.stdout or b"", e.stderr or b"", "timeout"
        done = 0
        for line in stdout.decode("utf-8", "replace").splitlines():
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                break  # a line cut short by the crash
            results[record["file"]] = record
            done += 1
        if status == 0 and done == len(pending):
            break
        # The tool died on the file after the last one it reported.
        crashed = pending[done]
        results[crashed[0]] = {"file": crashed[0], "crash": status,
                               "stderr": stderr.decode("utf-8", "replace")[-500:]}
        pending = pending[done + 1:]
    ALL_RESULTS.extend(results.values())
    return results


# ---------------------------------------------------------------- an independent XML oracle

def expat_verdict(data):
    """(well_formed, root_name or None, error) from Python's expat with namespace processing:
    a second opinion on well-formedness, independent of the parser measured."""
    parser = xml.parsers.expat.ParserCreate(namespace_separator=" ")
    root = []
    parser.StartElementHandler = lambda name, _attrs: root.append(name) if not root else None
    try:
        parser.Parse(data, True)
        return True, root[0] if root else None, ""
    except xml.parsers.expat.ExpatError as e:
        return False, root[0] if root else None, str(e)
    except (LookupError, ValueError) as e:  # unknown encoding
        return False, None, str(e)


FEED_ROOTS = ("rss", "feed", "RDF")


def is_feed_root(name):
    return name is not None and name.split(" ")[-1] in FEED_ROOTS


# ---------------------------------------------------------------- comparison helpers

ZERO_WIDTH = re.compile("[\u00ad\u200b-\u200d\ufeff]")


def collapse(s):
    """Whitespace collapsed and invisible characters dropped, as tracker's titles are
    (text/whitespace.h), so that both sides of a comparison are in the same form."""
    return " ".join(ZERO_WIDTH.sub("", s).split())


def html_text(s):
    """The text an HTML fragment shows, as a reader of the expected value would see it."""
    s = re.sub(r"<(script|style)\b.*?</\1\s*>", "", s, flags=re.S | re.I)
    s = re.sub(r"<[^>]*>", "", s)
    return collapse(html.unescape(s))


def parse_instant(value):
    """An aware datetime (UTC if no zone) from ISO 8601 or RFC 822 text, else None."""
    if not value:
        return None
    v = value.strip()
    try:
        if re.match(r"^\d{4}-\d{2}-\d{2}$", v):
            return dt.datetime.fromisoformat(v).replace(tzinfo=dt.timezone.utc)
        iso = re.sub(r"[Zz]$", "+00:00", v)
        iso = re.sub(r"\.\d+", "", iso)
        d = dt.datetime.fromisoformat(iso)
    except ValueError:
        try:
            d = email.utils.parsedate_to_datetime(v)
        except (TypeError, ValueError, IndexError):
            return None
    if d is None:
        return None
    return d if d.tzinfo else d.replace(tzinfo=dt.timezone.utc)


def same_instant(ours, expected_instant):
    mine = parse_instant(ours)
    return mine is not None and expected_instant is not None and mine == expected_instant


# ---------------------------------------------------------------- feedparser's Expect

KEY = re.compile(r"""^(feed|entries\[(\d+)\])((?:\[['"]\w+['"]\]|\.\w+)+)$""")

ITEM_FIELDS = {
    "title": "title", "title_detail.value": "title",
    "link": "link",
    "id": "id", "guid": "id",
    "published": "published", "issued": "published",
    "published_parsed": "published", "issued_parsed": "published",
    "updated": "updated", "modified": "updated", "date": "updated",
    "updated_parsed": "updated", "modified_parsed": "updated", "date_parsed": "updated",
}
FEED_FIELDS = {"title": "feed-title", "title_detail.value": "feed-title", "link": "feed-link"}


def split_top(expr, sep):
    """Splits on `sep` outside quotes and brackets."""
    parts, depth, quote, start, i = [], 0, None, 0, 0
    while i < len(expr):
        c = expr[i]
        if quote:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c in "'\"":
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif depth == 0 and expr.startswith(sep, i):
            parts.append(expr[start:i])
            start = i + len(sep)
            i = start
            continue
        i += 1
    parts.append(expr[start:])
    return [p.strip() for p in parts]


def parse_key(key):
    m = KEY.match(key)
    if not m:
        return None
    parts = re.findall(r"""\[['"](\w+)['"]\]|\.(\w+)""", m.group(3))
    path = ".".join(a or b for a, b in parts)
    if m.group(1) == "feed":
        field = FEED_FIELDS.get(path)
        return ("feed", None, field, path) if field else None
    field = ITEM_FIELDS.get(path)
    return ("entry", int(m.group(2)), field, path) if field else None


def interpret(expect):
    """A list of atoms: ("bozo", bool) or ("eq", [keys], literal); None if any part is beyond
    the simple forms."""
    atoms = []
    for part in split_top(expect, " and "):
        if part in ("bozo", "not bozo"):
            atoms.append(("bozo", part == "bozo"))
            continue
        sides = split_top(part, " == ")
        if len(sides) < 2:
            return None
        keys = [parse_key(s) for s in sides[:-1]]
        if any(k is None for k in keys):
            return None
        try:
            literal = ast.literal_eval(sides[-1])
        except (ValueError, SyntaxError):
            return None
        if not isinstance(literal, (str, tuple)):
            return None
        atoms.append(("eq", keys, literal))
    return atoms


def declared_text_title(source):
    return re.search(rb"""<(?:\w+:)?title[^>]*\btype=["'](?:text|text/plain)["']""", source) is not None


def check_atom(record, key, literal, source):
    """True/False, or None when the expected value cannot be compared (unreadable date)."""
    scope, index, field, _path = key
    if scope == "feed":
        ours = record.get("title" if field == "feed-title" else "link", "")
    else:
        items = record.get("items", [])
        if index >= len(items):
            return False
        item = items[index]
        ours = item.get(field, "")
        if field == "updated" and not ours:
            ours = item.get("published", "")  # feedparser's `updated` falls back the same way
    if field in ("title", "feed-title"):
        if not isinstance(literal, str):
            return None
        if collapse(ours) == collapse(literal):
            return True
        return not declared_text_title(source) and collapse(ours) == html_text(literal)
    if field in ("published", "updated"):
        if isinstance(literal, tuple):
            try:
                expected = dt.datetime(*literal[:6], tzinfo=dt.timezone.utc)
            except (TypeError, ValueError):
                return None
        else:
            expected = parse_instant(literal)
            if expected is None:
                return None
        return same_instant(ours, expected)
    return isinstance(literal, str) and ours == literal.strip()


def family(field):
    if field in ("published", "updated"):
        return "dates"
    if field in ("feed-title", "feed-link"):
        return "feed title/link"
    return {"title": "item titles", "link": "item links", "id": "item ids"}[field]


def score_feedparser(tool):
    manifest = json.loads((FEEDPARSER / "manifest.json").read_text())[::SAMPLE_STRIDE]
    cases = []
    for entry in manifest:
        headers = {k.strip().lower(): v.strip() for k, v in entry["headers"]}
        url = headers.get("content-location") or FEEDPARSER_URL + entry["file"]
        cases.append((str(FEEDPARSER / entry["file"]), url, headers.get("content-type", "")))
    results = run_tool(tool, cases)
    stats = Counter()
    by_family = defaultdict(Counter)
    failures = defaultdict(list)
    illformed = []
    for entry, (path, _url, _ct) in zip(manifest, cases):
        record = results[path]
        group = entry["file"].split("/")[0]
        expect = entry["expect"].strip()
        atoms = interpret(expect)
        crashed = "crash" in record
        stats["crashes"] += crashed
        wants_bozo = atoms is not None and ("bozo", True) in atoms
        if group != "entities":
            well_formed, _root, why = expat_verdict(Path(path).read_bytes())
            # Ill-formed: the corpus says bozo, or it sits in illformed/ and expat agrees.
            if wants_bozo or expect.startswith("bozo") or (group == "illformed" and not well_formed):
                illformed.append((entry["file"], record, why or "expat accepts it"))
                continue
        if group == "entities":
            well_formed, _root, why = expat_verdict(with_numeric_entities(Path(path).read_bytes()))
            if not well_formed:
                # Ill-formed beyond its HTML entity: truncated on purpose, say.
                illformed.append((entry["file"], record, "beyond entities: " + why))
                continue
            stats["entities files"] += 1
            if record.get("ok"):
                stats["entities parsed"] += 1
            elif not crashed:
                stats["entities rejected"] += 1
        else:
            stats[f"{group} files"] += 1
            stats[f"{group} parsed"] += bool(record.get("ok"))
        if atoms is None or wants_bozo or not any(a[0] == "eq" for a in atoms):
            stats[f"{group} not checkable"] += 1
            continue
        source = Path(path).read_bytes()
        outcome = True
        fields = set()
        for atom in atoms:
            if atom[0] == "bozo":
                continue
            for key in atom[1]:
                fields.add(family(key[2]))
                result = check_atom(record, key, atom[2], source) if record.get("ok") else False
                if result is None:
                    outcome = None
                elif not result and outcome is not None:
                    outcome = False
        if outcome is None:
            stats[f"{group} not checkable"] += 1
            continue
        stats[f"{group} checked"] += 1
        stats[f"{group} right"] += outcome
        for f in fields:
            by_family[f]["checked"] += 1
            by_family[f]["right"] += outcome
            if not outcome:
                failures[f].append((entry["file"], expect,
                                    record.get("error") or summarize(record)))
    return stats, by_family, failures, illformed


def with_numeric_entities(data):
    """The document with HTML named entities written as character references, for expat."""
    def numeric(m):
        name = m.group(1).decode()
        if name in ("amp", "lt", "gt", "quot", "apos") or name not in html.entities.name2codepoint:
            return m.group(0)
        return b"&#%d;" % html.entities.name2codepoint[name]
    return re.sub(rb"&([A-Za-z][A-Za-z0-9]*);", numeric, data)


def summarize(record):
    items = record.get("items", [])
    first = items[0] if items else {}
    return json.dumps({"title": record.get("title"), "link": record.get("link"),
                       "items": len(items),
                       "item0": {k: first.get(k) for k in ("id", "title", "link", "published",
                                                            "updated")}},
                      ensure_ascii=False)[:400]


# ---------------------------------------------------------------- W3C validator cases

def score_w3c(tool):
    manifest = json.loads((W3C / "manifest.json").read_text())[::SAMPLE_STRIDE]
    cases = [(str(W3C / e["file"]), "http://www.example.com/" + e["file"], "") for e in manifest]
    results = run_tool(tool, cases)
    stats = Counter()
    errors = Counter()
    illformed = []
    for entry, (path, _u, _c) in zip(manifest, cases):
        record = results[path]
        stats["crashes"] += "crash" in record
        well_formed, root, why = expat_verdict(Path(path).read_bytes())
        if (entry["expect_present"] and entry["event"] == "SAXError") or not well_formed:
            illformed.append((entry["file"], record, why or "expat accepts it"))
            continue
        if not is_feed_root(root):
            stats["other documents"] += 1
            stats["other documents rejected"] += not record.get("ok")
            continue
        stats["well-formed files"] += 1
        if record.get("ok"):
            stats["parsed"] += 1
        else:
            errors[re.sub(r"line \d+", "line N", record.get("error", "crash"))[:90]] += 1
    return stats, errors, illformed


# ---------------------------------------------------------------- real-world feeds

# What real-world-feeds/README.md restates from node-feedparser's and diffengine's tests.
NODE_EXPECTATIONS = {
    "illegally-nested.xml": {"items": 10},
    "saxerror.xml": {"error": True},  # a strict parser's outcome; see the README
    "invalid-characters-gzipped.xml": {"error": True},
    "notafeed.html": {"error": True},
    "tpm.atom": {"items": 20, "link0": "http://talkingpointsmemo.com/livewire/hannity-announces-fox-hired-sebastian-gorka-national-security-strategist"},
    "rss2sample.xml": {"items": 4, "title": "Liftoff News"},
    "rss-with-trailing-meta.xml": {"items": 1},
    "atom-with-tag-uri-links.xml": {"link0": "tag:mefi.social,2024-01-26:objectId=20368395"},
    "title-with-angle-brackets.xml": {"title0": "RSS <<<Tutorial>>>"},
    "guid-dupes.xml": {"id0": "http://www.braingle.com/50366.html",
                       "link0": "http://www.braingle.com/50366.html"},
    "intertwingly.atom": {"feedlink": "http://intertwingly.net/blog/"},
}
DIFFENGINE_EXPECTATIONS = {"feed1.xml": {"items": 20}, "feed2.xml": {"items": 24}}


def check_expectations(record, want):
    if want.get("error"):
        return not record.get("ok") and bool(record.get("error"))
    if not record.get("ok"):
        return False
    items = record["items"]
    checks = {
        "items": lambda v: len(items) == v,
        "title": lambda v: record["title"] == v,
        "feedlink": lambda v: record["link"] == v,
        "link0": lambda v: bool(items) and items[0]["link"] == v,
        "id0": lambda v: bool(items) and items[0]["id"] == v,
        "title0": lambda v: bool(items) and items[0]["title"] == v,
    }
    return all(checks[k](v) for k, v in want.items())


def feed_url_of(path):
    """Where the feed says it lives (an atom:link rel="self"), standing in for the address it
    was fetched from, which the corpus does not record; else a placeholder."""
    head = path.read_bytes()[:20000]
    for link in re.findall(rb"<(?:\w+:)?link\b[^>]*>", head):
        if re.search(rb"""\brel=["']self["']""", link):
            href = re.search(rb"""\bhref=["']([^"']+)["']""", link)
            if href:
                return html.unescape(href.group(1).decode("utf-8", "replace"))
    return "http://example.com/" + path.name


def score_real_world(tool):
    golden_dir = REAL / "rss-parser" / "output"
    inputs = sorted((REAL / "rss-parser" / "input").iterdir())
    node = sorted(p for p in (REAL / "node-feedparser").iterdir() if p.name != "LICENSE")
    diffengine = sorted((REAL / "diffengine").glob("*.xml"))
    cases = [(str(p), feed_url_of(p), "") for p in inputs + node + diffengine]
    urls = {c[0]: c[1] for c in cases}
    results = run_tool(tool, cases)
    stats = Counter()
    fields = Counter()
    failures = []
    for path in inputs:
        record = results[str(path)]
        stats["crashes"] += "crash" in record
        golden = golden_dir / (path.stem + ".json")
        if path.name == "unrecognized.rss":
            stats["rss-parser must-fail"] += 1
            stats["rss-parser must-fail rejected"] += not record.get("ok")
            continue
        if not golden.exists():
            continue
        expected = json.loads(read_golden(golden))["feed"].get("items", [])
        stats["rss-parser feeds"] += 1
        ours = record.get("items", []) if record.get("ok") else []
        all_right = len(ours) == len(expected)
        if not all_right:
            failures.append((path.name, f"{len(ours)} items, expected {len(expected)}",
                             record.get("error", "")))
        for i, want in enumerate(expected):
            got = ours[i] if i < len(ours) else {}
            stats["rss-parser items"] += 1
            item_right = True
            for name, ok in compare_rss_parser_item(got, want, urls[str(path)]):
                fields[name, "checked"] += 1
                fields[name, "right"] += ok
                if not ok:
                    item_right = False
                    if len([f for f in failures if f[0] == path.name]) < 3:
                        failures.append((path.name, f"item {i} {name}",
                                         f"ours={got.get(name if name != 'date' else 'published')!r} "
                                         f"expected={want.get({'date': 'isoDate'}.get(name, name))!r}"))
            stats["rss-parser items right"] += item_right
            all_right = all_right and item_right
        stats["rss-parser feeds right"] += all_right
    for group, expectations, files in (("node-feedparser", NODE_EXPECTATIONS, node),
                                       ("diffengine", DIFFENGINE_EXPECTATIONS, diffengine)):
        for path in files:
            record = results[str(path)]
            stats["crashes"] += "crash" in record
            stats[f"{group} files"] += 1
            stats[f"{group} parsed"] += bool(record.get("ok"))
            want = expectations.get(path.name)
            if want is None:
                continue
            stats[f"{group} checked"] += 1
            ok = check_expectations(record, want)
            stats[f"{group} right"] += ok
            if not ok:
                failures.append((f"{group}/{path.name}", json.dumps(want),
                                 record.get("error") or summarize(record)))
    return stats, fields, failures


def read_golden(path):
    """rss-parser's test wrote encoding.json in Latin-1, the charset it served the feed with."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def same_text(ours, expected):
    """Equal after collapsing whitespace; a U+FFFD in the golden value (where rss-parser
    decoded Latin-1 bytes as UTF-8) stands for any one character."""
    ours, expected = collapse(ours), collapse(expected)
    if "\ufffd" not in expected:
        return ours == expected
    pattern = "".join("." if c == "\ufffd" else re.escape(c) for c in expected)
    return re.fullmatch(pattern, ours) is not None


def compare_rss_parser_item(got, want, feed_url):
    if "title" in want:
        t = want["title"]
        yield "title", same_text(got.get("title", ""), t) or same_text(got.get("title", ""), html_text(t))
    if "link" in want:
        # rss-parser keeps relative links as written; tracker resolves them against the feed URL.
        expected = urllib.parse.urljoin(feed_url, want["link"].strip())
        yield "link", got.get("link", "") == expected
    if "isoDate" in want:
        expected = parse_instant(want["isoDate"])
        yield "date", (same_instant(got.get("published", ""), expected) or
                       same_instant(got.get("updated", ""), expected))


# ---------------------------------------------------------------- report

def pct(a, b):
    return f"{a}/{b} ({100.0 * a / b:.1f}%)" if b else "0/0"


def ill_formed_report(name, illformed):
    errors = sum(1 for _f, r, _w in illformed if not r.get("ok") and r.get("error"))
    crashes = sum(1 for _f, r, _w in illformed if "crash" in r)
    parsed = sum(1 for _f, r, _w in illformed if r.get("ok"))
    lines = [f"  {name}: {len(illformed)} ill-formed: {errors} clear error, "
             f"{parsed} parsed best-effort, {crashes} crashes"]
    for f, r, why in illformed:
        if r.get("ok"):
            lines.append(f"      parsed best-effort: {f} (expat: {why})")
    return lines, errors, parsed, crashes


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tool", default=str(REPO / "build" / "bench" / "feed_corpus"))
    parser.add_argument("--show-failures", type=int, default=5, metavar="N",
                        help="list up to N failures per category")
    parser.add_argument("--show-errors", action="store_true",
                        help="print the message of every ill-formed file's error")
    parser.add_argument("--quick", action="store_true",
                        help="what ctest runs: every 20th file of the two suites, all real-world "
                             "feeds; checks, no timing")
    args = parser.parse_args()
    if args.quick:
        global SAMPLE_STRIDE
        SAMPLE_STRIDE = 20
    tool = Path(args.tool)
    if not tool.exists():
        print(f"feed_corpus.py: {tool} is missing; build it: "
              "cmake --build build --target feed_corpus", file=sys.stderr)
        return 2

    fp_stats, fp_families, fp_failures, fp_ill = score_feedparser(tool)
    w3c_stats, w3c_errors, w3c_ill = score_w3c(tool)
    rw_stats, rw_fields, rw_failures = score_real_world(tool)

    print("Well-formed feeds")
    print("  feedparser-tests (checkable Expect conditions on item title/link/id/dates, "
          "feed title/link):")
    for group in ("wellformed", "encoding", "entities"):
        files = fp_stats[f"{group} files"]
        parsed = fp_stats[f"{group} parsed"]
        label = {"entities": "entities (HTML named entities; strict XML rejects them, "
                             "we decode them by design)"}.get(group, group)
        print(f"    {label}: {files} files, parsed {pct(parsed, files)}; "
              f"checkable {fp_stats[f'{group} checked']}, right "
              f"{pct(fp_stats[f'{group} right'], fp_stats[f'{group} checked'])}, "
              f"not checkable {fp_stats[f'{group} not checkable']}")
    for fam in ("item titles", "item links", "item ids", "dates", "feed title/link"):
        c = fp_families[fam]
        print(f"    {fam:16} right {pct(c['right'], c['checked'])}")
    print(f"  w3c-feedvalidator-testcases: {w3c_stats['well-formed files']} well-formed feeds, "
          f"parsed {pct(w3c_stats['parsed'], w3c_stats['well-formed files'])}; "
          f"{w3c_stats['other documents']} other documents (Atom entries, APP service and "
          f"category documents, CDF), rejected as not a feed: "
          f"{pct(w3c_stats['other documents rejected'], w3c_stats['other documents'])}")
    for message, count in w3c_errors.most_common(8):
        print(f"      {count:4} rejected: {message}")
    print(f"  real-world-feeds/rss-parser: {rw_stats['rss-parser feeds']} feeds with golden JSON, "
          f"all items right in {pct(rw_stats['rss-parser feeds right'], rw_stats['rss-parser feeds'])}; "
          f"items right {pct(rw_stats['rss-parser items right'], rw_stats['rss-parser items'])}")
    for name in ("title", "link", "date"):
        print(f"    {name:5} right {pct(rw_fields[name, 'right'], rw_fields[name, 'checked'])}")
    print(f"    unrecognized.rss rejected: {rw_stats['rss-parser must-fail rejected']}"
          f"/{rw_stats['rss-parser must-fail']}")
    for group in ("node-feedparser", "diffengine"):
        print(f"  real-world-feeds/{group}: {rw_stats[f'{group} files']} files, parsed "
              f"{pct(rw_stats[f'{group} parsed'], rw_stats[f'{group} files'])}; README "
              f"expectations met {pct(rw_stats[f'{group} right'], rw_stats[f'{group} checked'])}")

    print("Ill-formed feeds")
    total = [0, 0, 0]
    for name, ill in (("feedparser-tests", fp_ill), ("w3c-feedvalidator SAXError", w3c_ill)):
        lines, e, p, c = ill_formed_report(name, ill)
        total = [total[0] + e, total[1] + p, total[2] + c]
        print("\n".join(lines))
        if args.show_errors:
            for f, r, _why in ill:
                print(f"      {f}: {r.get('error') or ('crash' if 'crash' in r else 'parsed')}")
    crashes = sum(1 for r in ALL_RESULTS if "crash" in r)
    print(f"  all ill-formed: {total[0]} clear error, {total[1]} parsed best-effort, "
          f"{total[2]} crashes")
    seconds = sum(r.get("seconds", 0.0) for r in ALL_RESULTS)
    megabytes = sum(r.get("bytes", 0) for r in ALL_RESULTS) / 1e6
    print(f"All {len(ALL_RESULTS)} files: {crashes} crashes; {megabytes:.2f} MB parsed in "
          f"{seconds:.3f} s inside parse_feed ({megabytes / seconds:.0f} MB/s)")

    if args.show_failures:
        print("Failures (first few per category)")
        for fam, items in sorted(fp_failures.items()):
            print(f"  feedparser {fam}: {len(items)}")
            for f, expect, got in items[:args.show_failures]:
                print(f"    {f}\n      expect: {expect[:160]}\n      ours:   {got[:300]}")
        print(f"  real-world: {len(rw_failures)}")
        for f, what, got in rw_failures[:args.show_failures * 4]:
            print(f"    {f}: {what}: {got[:300]}")
    if args.quick:
        return 0 if quick_check(crashes, rw_stats, rw_failures) else 1
    return 1 if crashes else 0


def quick_check(crashes, rw_stats, rw_failures):
    """--quick: the tool ran on every file and the real-world expectations, which the full run
    meets in full, hold. True if they do."""
    problems = [f"{crashes} file(s) crashed the parser"] if crashes else []
    if len(ALL_RESULTS) != len(ALL_CASES) or not ALL_CASES:
        problems.append(f"{len(ALL_RESULTS)} records for {len(ALL_CASES)} files")
    pairs = [("rss-parser feeds right", "rss-parser feeds"),
             ("rss-parser must-fail rejected", "rss-parser must-fail"),
             ("node-feedparser right", "node-feedparser checked"),
             ("diffengine right", "diffengine checked")]
    for right, total in pairs:
        if not rw_stats[total] or rw_stats[right] != rw_stats[total]:
            problems.append(f"real-world: {right} {rw_stats[right]} of {rw_stats[total]}")
    problems += [f"  {f}: {what}: {got[:200]}" for f, what, got in rw_failures[:5]]
    return verdict(problems, f"{len(ALL_CASES)} files, one record each, no crash, every "
                             f"real-world expectation met")


if __name__ == "__main__":
    sys.exit(main())
