#!/usr/bin/python3
"""Decodes a PNG file (argv[1]) with the standard library and prints facts about it as JSON.

For screenshot tests: a real image of a rendered page, not an empty or blank one. Handles
8-bit greyscale, RGB and RGBA, non-interlaced (what Chromium writes). Output keys:
  png         whether the file has the PNG signature and an IHDR chunk
  width, height
  colours     distinct pixel values (capped at 10000)
  ink         fraction of pixels that differ from the most common one (the background)
"""

import collections
import json
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else b if pb <= pc else c


def decode(data):
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    pos, chunks = 8, collections.defaultdict(list)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunks[kind].append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    width, height, depth, colour_type, _, _, interlace = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    channels = {0: 1, 2: 3, 6: 4, 4: 2}.get(colour_type)
    if depth != 8 or channels is None or interlace != 0:
        return {"width": width, "height": height, "rows": None}
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        filter_type = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for x in range(stride):
            a = line[x - channels] if x >= channels else 0
            b = previous[x]
            c = previous[x - channels] if x >= channels else 0
            if filter_type == 1:
                line[x] = (line[x] + a) & 0xFF
            elif filter_type == 2:
                line[x] = (line[x] + b) & 0xFF
            elif filter_type == 3:
                line[x] = (line[x] + (a + b) // 2) & 0xFF
            elif filter_type == 4:
                line[x] = (line[x] + paeth(a, b, c)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return {"width": width, "height": height, "rows": rows, "channels": channels}


def main():
    with open(sys.argv[1], "rb") as file:
        image = decode(file.read())
    if image is None:
        print(json.dumps({"png": False}))
        return
    facts = {"png": True, "width": image["width"], "height": image["height"], "colours": 0, "ink": 0.0}
    if image["rows"] is not None:
        channels = image["channels"]
        counts = collections.Counter()
        for row in image["rows"]:
            for x in range(0, len(row), channels):
                counts[row[x:x + channels]] += 1
        total = sum(counts.values())
        facts["colours"] = min(len(counts), 10000)
        facts["ink"] = 1.0 - counts.most_common(1)[0][1] / total if total else 0.0
    print(json.dumps(facts))


if __name__ == "__main__":
    main()
