#!/usr/bin/python3
"""Generates the "main job" benchmark site: SITES sites x ARTICLES articles.

Each site is one loopback address (127.0.0.2 ... 127.0.0.254, then 127.0.1.1 ... 127.0.1.254
and so on: all of 127/8 is loopback on Linux; see site_address) with an RSS 2.0 feed
(/feed.xml, one item per article) and ARTICLES article pages (/articles/story-NN.html).
Article pages are real news pages of the Zyte article-extraction-benchmark
(../shared/data/article-extraction-benchmark/html, read at run time, never copied into
the repository), chosen near the wanted size (~100 KB of HTML with its page chrome).

For the "10% changed" scenario every template gets one *change point*: a number inside a
sentence of the article body (a paragraph of the benchmark's ground-truth article text that
occurs verbatim in the HTML, outside scripts).  The changed version of a page has that
number revised (e.g. "killed 12 people" -> "killed 15 people"), which is a change a reader
notices in the article text.  Templates whose change point does not change a claim of
`tracker claims` (checked when --tracker is given; headings are not claims) are dropped.

Output (under OUT):
  www/<addr>/feed.xml, www/<addr>/articles/story-NN.html   what is served (base version)
  changed/<addr>/articles/story-NN.html                    the changed versions
  manifest.json                                            sites, URLs, which pages change
"""
import argparse
import gzip
import html
import json
import os
import random
import re
import subprocess
import sys
from email.utils import formatdate
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "article-extraction-benchmark"

NUMBER = re.compile(r"(?<![\w.,$£€-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,:-]\d|\w|%)")


def script_ranges(page):
    ranges = []
    for m in re.finditer(r"<(script|style)\b.*?</\1\s*>", page, re.S | re.I):
        ranges.append((m.start(), m.end()))
    return ranges


def inside(ranges, pos):
    return any(a <= pos < b for a, b in ranges)


def find_change_point(page, gold):
    """A (start, end) span of a number in a body sentence of the HTML, or None."""
    scripts = script_ranges(page)
    for paragraph in gold.split("\n\n"):
        if len(paragraph.split()) < 8:
            continue  # a sentence of the body, not a heading or a caption
        for m in NUMBER.finditer(paragraph):
            value = m.group(1)
            plain = int(value.replace(",", ""))
            if 1700 <= plain <= 2100 and "," not in value:
                continue  # years: revising one reads oddly; prefer counts
            # the number with some plain-ASCII context on both sides, as it must be in the HTML
            left = paragraph[max(0, m.start() - 30):m.start()]
            right = paragraph[m.end():m.end() + 30]
            left = re.sub(r"^.*[^A-Za-z0-9 ]", "", left)
            right = re.sub(r"[^A-Za-z0-9 ].*$", "", right)
            if len(left) + len(right) < 12:
                continue
            needle = left + value + right
            hits = [h.start() for h in re.finditer(re.escape(needle), page)]
            hits = [h for h in hits if not inside(scripts, h)]
            if len(hits) != 1:
                continue
            start = hits[0] + len(left)
            return start, start + len(value)
    return None


def site_address(index):
    """The loopback address of site `index` (0-based): 127.0.0.2 first, never a .0 or .255."""
    third, last = divmod(index + 1, 254)
    if third > 255:
        sys.exit(f"gen_site: no loopback address for site {index + 1}: at most {254 * 256 - 1} sites")
    return f"127.0.{third}.{last + 1}"


def changed_articles(rng, sites, articles, share):
    """{(site, article)} of the pages that change: round(articles x share) per site, spread over
    each feed, when that is at least one; else round(sites x articles x share) pages spread over
    all sites (the CPU-bound job has one or two articles a site)."""
    per_site = round(articles * share)
    if per_site:
        return {(s, a) for s in range(sites) for a in rng.sample(range(articles), per_site)}
    pages = [(s, a) for s in range(sites) for a in range(articles)]
    return set(rng.sample(pages, min(len(pages), round(len(pages) * share))))


def revised(value):
    plain = int(value.replace(",", ""))
    new = plain + max(3, plain // 4)  # a clear revision: +25%, at least +3
    return f"{new:,}" if "," in value else str(new)


def set_title(page, title):
    esc = html.escape(title, quote=False)
    new, n = re.subn(r"<title\b[^>]*>.*?</title\s*>", f"<title>{esc}</title>", page, count=1, flags=re.S | re.I)
    return new if n else page


def tracker_claims(tracker, path):
    out = subprocess.run([tracker, "claims", str(path), "--format", "json"], capture_output=True, timeout=60)
    return out.stdout.decode("utf-8", "replace") if out.returncode == 0 else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--sites", type=int, default=50)
    ap.add_argument("--articles", type=int, default=20)
    ap.add_argument("--changed", type=float, default=0.10, help="share of articles changed (default 0.10)")
    ap.add_argument("--port", type=int, default=18080)
    ap.add_argument("--min-kb", type=int, default=60)
    ap.add_argument("--max-kb", type=int, default=170)
    ap.add_argument("--tracker", help="check every template's change point with `TRACKER extract`")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--max-templates", type=int, default=0,
                    help="stop after N usable template pages (0: all); the quick mode needs few")
    args = ap.parse_args()

    gold = json.load(open(args.data / "ground-truth.json", encoding="utf-8"))
    templates = []
    checkdir = args.out / "check"
    checkdir.mkdir(parents=True, exist_ok=True)
    for item in sorted(gold):
        raw = gzip.open(args.data / "html" / f"{item}.html.gz").read()
        if not args.min_kb * 1000 <= len(raw) <= args.max_kb * 1000:
            continue
        page = raw.decode("utf-8", "replace")
        point = find_change_point(page, gold[item]["articleBody"])
        if point is None:
            continue
        a, b = point
        changed = page[:a] + revised(page[a:b]) + page[b:]
        if args.tracker:
            (checkdir / "a.html").write_text(page, encoding="utf-8")
            (checkdir / "b.html").write_text(changed, encoding="utf-8")
            ta, tb = tracker_claims(args.tracker, checkdir / "a.html"), tracker_claims(args.tracker, checkdir / "b.html")
            if not ta or not tb or ta == tb:
                continue
        templates.append({"item": item, "page": page, "point": point, "bytes": len(raw)})
        if args.max_templates and len(templates) >= args.max_templates:
            break
    if not templates:
        sys.exit("gen_site: no usable template page in " + str(args.data))

    rng = random.Random(args.seed)
    rng.shuffle(templates)
    n_total = args.sites * args.articles
    # base mtime: a day ago; the driver re-stamps files when it resets or changes the site
    base_time = formatdate(usegmt=True)
    manifest = {"port": args.port, "sites": [], "articles": n_total, "changed": [],
                "templates": len(templates), "page_bytes": 0, "feed_bytes": 0}
    # which articles change: spread over each feed, different per site (drawn in site order,
    # so the 50 x 20 job keeps the pages it always had)
    change_set = changed_articles(rng, args.sites, args.articles, args.changed)
    k = 0
    for s in range(args.sites):
        addr = site_address(s)
        base = f"http://{addr}:{args.port}"
        site_dir = args.out / "www" / addr / "articles"
        site_dir.mkdir(parents=True, exist_ok=True)
        ch_dir = args.out / "changed" / addr / "articles"
        ch_dir.mkdir(parents=True, exist_ok=True)
        items = []
        for a in range(args.articles):
            t = templates[k % len(templates)]
            k += 1
            name = f"story-{a + 1:02d}.html"
            url = f"{base}/articles/{name}"
            title = f"Site {s + 1:02d} story {a + 1:02d}: " + (re.search(r"<title\b[^>]*>(.*?)</title", t["page"], re.S | re.I) or [None, "report"])[1].strip()[:90]
            title = html.unescape(re.sub(r"\s+", " ", title))
            page = set_title(t["page"], title)
            shift = len(page) - len(t["page"])
            a0, b0 = t["point"][0] + shift, t["point"][1] + shift
            (site_dir / name).write_text(page, encoding="utf-8")
            manifest["page_bytes"] += len(page.encode("utf-8"))
            if (s, a) in change_set:
                changed = page[:a0] + revised(page[a0:b0]) + page[b0:]
                (ch_dir / name).write_text(changed, encoding="utf-8")
                manifest["changed"].append({"url": url, "path": f"{addr}/articles/{name}",
                                            "old": page[a0:b0], "new": revised(page[a0:b0]),
                                            "context": re.sub(r"\s+", " ", page[max(0, a0 - 40):b0 + 40])})
            items.append((title, url, a))
        rss = ['<?xml version="1.0" encoding="UTF-8"?>',
               '<rss version="2.0"><channel>',
               f"<title>Site {s + 1:02d} news</title><link>{base}/</link>",
               f"<description>Latest reports from site {s + 1:02d}</description>",
               f"<lastBuildDate>{base_time}</lastBuildDate>"]
        for title, url, a in items:
            rss.append("<item>"
                       f"<title>{html.escape(title)}</title><link>{url}</link>"
                       f'<guid isPermaLink="true">{url}</guid>'
                       f"<pubDate>{base_time}</pubDate>"
                       f"<description>{html.escape(title)} (summary of the report)</description>"
                       "</item>")
        rss.append("</channel></rss>")
        feed = "\n".join(rss) + "\n"
        (args.out / "www" / addr / "feed.xml").write_text(feed, encoding="utf-8")
        manifest["feed_bytes"] += len(feed.encode("utf-8"))
        manifest["sites"].append({"addr": addr, "feed": f"{base}/feed.xml",
                                  "articles": [u for _, u, _ in items]})
    for f in checkdir.iterdir():
        f.unlink()
    checkdir.rmdir()
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1))
    print(f"gen_site: {args.sites} sites x {args.articles} articles from {len(templates)} template pages, "
          f"{manifest['page_bytes'] / n_total / 1000:.0f} KB per page on average, "
          f"{len(manifest['changed'])} pages with a changed version", file=sys.stderr)


if __name__ == "__main__":
    main()
