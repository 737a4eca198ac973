#!/usr/bin/python3
"""Reads one RFC 5322 message on stdin and prints what a mail reader sees in it, as JSON.

Python's own `email` package is the independent reader: the tests check tracker's messages
against it rather than against tracker's own idea of MIME. Output keys:
  strict_error   null, or why the message fails to parse with raise_on_defect=True
  defects        every defect found by the lenient parse (message, parts, headers)
  headers        {name: [decoded value, ...]} in order, names as written
  header_lines   the raw header section's physical lines (no CRLF), to check folding
  max_line       the longest physical line of the whole message, without its CRLF
  bare_lf, bare_cr  whether any LF without CR, or CR without LF, occurs
  content_type   the top-level content type
  parts          [{content_type, charset, transfer_encoding, text}] of the leaf parts
  html           for each text/html part: {tags: sorted tag names, links: [href, ...]}
"""

import email
import email.policy
import json
import re
import sys
from html.parser import HTMLParser


class HtmlFacts(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = set()
        self.links = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "a":
            self.links.extend(value for name, value in attrs if name == "href")


def header_defects(message):
    found = []
    for name in message.keys():
        for value in message.get_all(name, []):
            found.extend(f"{name}: {type(d).__name__}: {d}" for d in getattr(value, "defects", ()))
    return found


def main():
    raw = sys.stdin.buffer.read()
    strict_error = None
    try:
        strict = email.message_from_bytes(raw, policy=email.policy.default.clone(raise_on_defect=True))
        for part in strict.walk():  # header values are parsed when first read
            for name in part.keys():
                part.get_all(name)
            if not part.is_multipart():
                part.get_content()
    except Exception as error:  # any failure to read strictly is the finding
        strict_error = f"{type(error).__name__}: {error}"

    message = email.message_from_bytes(raw, policy=email.policy.default)
    defects, parts, html = [], [], []
    for part in message.walk():
        defects.extend(f"{type(d).__name__}: {d}" for d in part.defects)
        defects.extend(header_defects(part))
        if part.is_multipart():
            continue
        text = part.get_content()
        parts.append({
            "content_type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "transfer_encoding": part.get("Content-Transfer-Encoding"),
            "text": text,
        })
        if part.get_content_type() == "text/html":
            facts = HtmlFacts()
            facts.feed(text)
            html.append({"tags": sorted(facts.tags), "links": facts.links})

    header_section = raw.split(b"\r\n\r\n", 1)[0].decode("ascii", "replace")
    lines = raw.split(b"\r\n")
    headers = {}
    for name in message.keys():
        headers.setdefault(name, [str(value) for value in message.get_all(name)])
    print(json.dumps({
        "strict_error": strict_error,
        "defects": defects,
        "headers": headers,
        "header_lines": header_section.split("\r\n"),
        "max_line": max(len(line) for line in lines),
        "bare_lf": re.search(rb"(?<!\r)\n", raw) is not None,
        "bare_cr": re.search(rb"\r(?!\n)", raw) is not None,
        "content_type": message.get_content_type(),
        "parts": parts,
        "html": html,
    }, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
