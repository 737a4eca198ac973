#!/usr/bin/python3
"""Reads an Atom feed file (argv[1]) and prints what independent readers see in it, as JSON.

Two readers that are not tracker's code: Python's ElementTree for the XML and RFC 4287's
required elements (checked here, rule by rule), and feedparser, the library most feed
readers' behaviour is measured against. Output keys:
  xml_error   null, or why the file is not well-formed XML
  problems    RFC 4287 rules the feed breaks (section and what), empty when it is valid
  feedparser  {bozo, bozo_exception, version, feed: {id, title, updated, author},
               entries: [{id, title, link, updated, tags, content_type, content}]}
"""

import json
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
XHTML = "{http://www.w3.org/1999/xhtml}"
# RFC 3339 date-time (RFC 4287 section 3.3), upper-case T and Z as the RFC requires.
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
IRI_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")


def children(element, name):
    return element.findall(ATOM + name)


def check_text_construct(element, where, problems):
    kind = element.get("type", "text")
    if kind not in ("text", "html", "xhtml"):
        problems.append(f"3.1: {where} has type '{kind}'")
    if kind == "xhtml" and len(list(element)) != 1:
        problems.append(f"3.1.1.3: {where} must hold exactly one xhtml:div")


def check_common(element, where, problems, need_author):
    for name in ("id", "title", "updated"):
        found = children(element, name)
        if len(found) != 1:
            problems.append(f"4.1: {where} has {len(found)} atom:{name} (must have exactly one)")
    for found in children(element, "id"):
        if not IRI_SCHEME.match((found.text or "").strip()):
            problems.append(f"4.2.6: {where} atom:id '{found.text}' is not an absolute IRI")
    for found in children(element, "updated") + children(element, "published"):
        if not DATE_TIME.match(found.text or ""):
            problems.append(f"3.3: {where} date '{found.text}' is not an RFC 3339 date-time")
    for found in children(element, "title"):
        check_text_construct(found, where + " atom:title", problems)
    for link in children(element, "link"):
        if not link.get("href"):
            problems.append(f"4.2.7.1: {where} has an atom:link without href")
    for author in children(element, "author"):
        if len(author.findall(ATOM + "name")) != 1:
            problems.append(f"3.2.1: {where} atom:author must have exactly one atom:name")
    if need_author and not children(element, "author"):
        problems.append(f"4.1.2: {where} has no atom:author and the feed has none either")


def rfc4287_problems(root):
    problems = []
    if root.tag != ATOM + "feed":
        return [f"4.1.1: the root element is {root.tag}, not atom:feed"]
    feed_has_author = bool(children(root, "author"))
    check_common(root, "the feed", problems, need_author=False)
    ids = set()
    for index, entry in enumerate(children(root, "entry")):
        where = f"entry {index}"
        check_common(entry, where, problems, need_author=not feed_has_author)
        content = children(entry, "content")
        alternates = [link for link in children(entry, "link") if link.get("rel", "alternate") == "alternate"]
        if not content and not alternates:
            problems.append(f"4.1.2: {where} has neither atom:content nor an alternate atom:link")
        for found in content:
            check_text_construct(found, where + " atom:content", problems)
            if found.get("type") == "xhtml" and (len(list(found)) != 1 or list(found)[0].tag != XHTML + "div"):
                problems.append(f"4.1.3.3: {where} xhtml content must be one xhtml:div")
        keys = [(link.get("rel", "alternate"), link.get("type"), link.get("hreflang")) for link in children(entry, "link")]
        if len([key for key in keys if key[0] == "alternate"]) != len({key for key in keys if key[0] == "alternate"}):
            problems.append(f"4.1.2: {where} has two alternate links with the same type and hreflang")
        for found in children(entry, "id"):
            if found.text in ids:
                problems.append(f"4.2.6: entry id {found.text} occurs twice")
            ids.add(found.text)
    return problems


def feedparser_view(path):
    import feedparser

    parsed = feedparser.parse(path)
    return {
        "bozo": bool(parsed.bozo),
        "bozo_exception": str(parsed.get("bozo_exception", "")) or None,
        "version": parsed.version,
        "feed": {
            "id": parsed.feed.get("id"),
            "title": parsed.feed.get("title"),
            "updated": parsed.feed.get("updated"),
            "author": parsed.feed.get("author"),
        },
        "entries": [
            {
                "id": entry.get("id"),
                "title": entry.get("title"),
                "link": entry.get("link"),
                "updated": entry.get("updated"),
                "tags": [tag.get("term") for tag in entry.get("tags", [])],
                "content_type": entry.content[0].type if entry.get("content") else None,
                "content": entry.content[0].value if entry.get("content") else None,
            }
            for entry in parsed.entries
        ],
    }


def main():
    path = sys.argv[1]
    result = {"xml_error": None, "problems": [], "feedparser": None}
    try:
        root = ET.parse(path).getroot()
        result["problems"] = rfc4287_problems(root)
    except ET.ParseError as error:
        result["xml_error"] = str(error)
    result["feedparser"] = feedparser_view(path)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
