#!/usr/bin/python3
"""Writes a version of the demo story as a full news page, for the demo run.

    render_version.py VERSION.txt OUT.html

Takes feeds/demo/kursk-afp.html (the seed story's page, with its chrome) and replaces the
article's body paragraphs with those of VERSION.txt (plain text, one paragraph per
blank-line-separated block; the two highlight lines the page shows separately are kept as
they are). Everything else on the page stays byte for byte.
"""
import html
import re
import sys
from pathlib import Path

PAGE = Path(__file__).resolve().parent / "kursk-afp.html"
BODY_PARAGRAPH = re.compile(r"^( {10})<p>(.*)</p>$")  # the article body's plain <p> lines


def main():
    version, out = Path(sys.argv[1]), Path(sys.argv[2])
    paragraphs = [" ".join(block.split()) for block in version.read_text(encoding="utf-8").split("\n\n")]
    paragraphs = [p for p in paragraphs if p]
    lines = PAGE.read_text(encoding="utf-8").split("\n")
    body = [i for i, line in enumerate(lines) if BODY_PARAGRAPH.match(line)]
    highlights = {html.unescape(re.sub(r"<[^>]+>", "", m.group(1)))
                  for m in re.finditer(r"^ {12}<p>(.*)</p>$", "\n".join(lines), re.M)}
    paragraphs = [p for p in paragraphs if p not in highlights]
    rendered = ["          <p>%s</p>" % html.escape(p, quote=False) for p in paragraphs]
    # The new paragraphs take the place of the first old one; the other old ones go.
    keep = [line for i, line in enumerate(lines) if i not in set(body[1:])]
    first = keep.index(lines[body[0]])
    keep[first:first + 1] = rendered
    out.write_text("\n".join(keep), encoding="utf-8")


if __name__ == "__main__":
    main()
