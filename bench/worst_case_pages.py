#!/usr/bin/python3
"""Worst-case pages: hostile shapes at growing sizes through `tracker extract` and `claims`.

    bench/worst_case_pages.py [--tracker build/tracker] [--max-bytes 10485760] [--quick]

Each shape (attribute floods, hyphen chains, deep nesting, very long words, many sentences,
long runs of digits and commas, ...) is written at sizes doubling up to --max-bytes (the
default page size limit, 10 MB) and given to `tracker extract FILE` and `tracker claims FILE`.
A line per run: shape, size, command, exit status, seconds, peak RSS, and the ratio of its time
to the time at half the size, so that linear work shows as ratios near 2 (quadratic: 4).

--quick writes small sizes only and checks what the ctest test needs: every input is either
processed (exit 0) or cleanly refused (a documented exit status and one `tracker: error:`
line naming the file), never killed by a signal. It asserts nothing about time.
"""

import argparse
import pathlib
import subprocess
import sys
import tempfile
import time

# Exit statuses a clean refusal may have (tracker --help: 3 no article text, 4 bad input such
# as a page over a limit).
CLEAN_FAILURES = {3, 4}


def fill(unit: str, size: int) -> str:
    """`unit` repeated to about `size` bytes."""
    return unit * max(1, size // len(unit))


def page(body: str, title: str = "Worst case") -> str:
    return f"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body><article>{body}</article></body></html>\n"


def attribute_flood(size: int) -> str:
    """One <div> with as many attributes as fit: refused before libxml2 sees it."""
    count = size // 10  # "a123456 " is about eight bytes: room for the digits as they grow
    return page("<div " + " ".join(f"a{i}" for i in range(count)) + "><p>One sentence here.</p></div>")


def crowded_elements(size: int) -> str:
    """Elements with 1000 attributes each, the most max_attributes_per_element lets through."""
    tag = "<span " + " ".join(f"a{i}" for i in range(1000)) + "></span>"
    return page("<p>Officials said 300 troops moved.</p>" + fill(tag, size))


def hyphen_chain(size: int) -> str:
    return page("<p>" + fill("twenty-", size) + "</p>")


def deep_nesting(size: int) -> str:
    depth = size // 11
    return page("<div>" * depth + "<p>Officials said 300 troops moved.</p>" + "</div>" * depth)


def many_elements(size: int) -> str:
    return page("<p>Officials said 300 troops moved.</p><div>" + fill("<span>x</span>", size) + "</div>")


def long_word(size: int) -> str:
    return page("<p>Officials said " + "a" * size + " troops moved.</p>")


def many_sentences(size: int) -> str:
    return page("<p>" + fill("Officials said 300 troops moved near the border. ", size) + "</p>")


def many_paragraphs(size: int) -> str:
    return page(fill("<p>Officials said that more than 10,000 troops were deployed in August.</p>", size))


def digit_runs(size: int) -> str:
    return page("<p>" + fill("1,234,", size) + "5 troops.</p>")


def digit_groups(size: int) -> str:
    return page("<p>Apollo " + fill("100 ", size) + "troops.</p>")


def number_words(size: int) -> str:
    return page("<p>" + fill("one hundred and ", size) + "one troops.</p>")


SHAPES = {
    "attribute_flood": attribute_flood,
    "crowded_elements": crowded_elements,
    "hyphen_chain": hyphen_chain,
    "deep_nesting": deep_nesting,
    "many_elements": many_elements,
    "long_word": long_word,
    "many_sentences": many_sentences,
    "many_paragraphs": many_paragraphs,
    "digit_runs": digit_runs,
    "digit_groups": digit_groups,
    "number_words": number_words,
}


def run(command: list[str]) -> tuple[int, float, float, str]:
    """Exit status (negative: killed by that signal), seconds, peak RSS in MB, stderr.

    The peak comes from /usr/bin/time, itself a small process: a child forked from this
    script would count the script's own memory (the page it just generated) as its peak.
    """
    with tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile("r") as timing:
        start = time.monotonic()
        process = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", timing.name] + command,
                                 stdout=subprocess.DEVNULL, stderr=err)
        seconds = time.monotonic() - start
        report = timing.read().split()
        status = process.returncode
        if "signal" in report:  # "Command terminated by signal 11"
            status = -int(report[report.index("signal") + 1])
        err.seek(0)
        return status, seconds, int(report[-1]) / 1024, err.read().decode("utf-8", "replace")


def check_clean(shape: str, size: int, name: str, path: pathlib.Path, status: int, stderr: str) -> str:
    """Why the run was not a clean success or refusal, or ""."""
    if status < 0:
        return f"killed by signal {-status}"
    if status == 0:
        return ""
    if status not in CLEAN_FAILURES:
        return f"exit status {status}"
    lines = [line for line in stderr.splitlines() if line.strip()]
    if not lines or not lines[-1].startswith("tracker: error: ") or str(path) not in lines[-1]:
        return "no error line naming the file: " + (lines[-1] if lines else "(nothing on stderr)")
    return ""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tracker", default="build/tracker", help="the tracker binary")
    parser.add_argument("--max-bytes", type=int, default=10 << 20, help="largest page (default 10 MB)")
    parser.add_argument("--quick", action="store_true", help="small sizes; check exits, not time")
    parser.add_argument("--shapes", nargs="*", default=list(SHAPES), choices=list(SHAPES))
    args = parser.parse_args()

    top = 64 << 10 if args.quick else args.max_bytes - 4096  # room for the page around the shape
    sizes = [top >> i for i in range(2 if args.quick else 4, -1, -1)]
    failures = []
    with tempfile.TemporaryDirectory(prefix="worst-case-") as work:
        print(f"{'shape':<17} {'bytes':>9} {'command':<8} {'exit':>4} {'seconds':>8} {'peak MB':>8} {'x2 ratio':>8}")
        for shape in args.shapes:
            previous: dict[str, float] = {}
            for size in sizes:
                path = pathlib.Path(work) / f"{shape}-{size}.html"
                path.write_text(SHAPES[shape](size))
                actual = path.stat().st_size
                for name in ("extract", "claims"):
                    status, seconds, peak, stderr = run([args.tracker, name, str(path)])
                    ratio = f"{seconds / previous[name]:8.2f}" if previous.get(name) else f"{'':>8}"
                    previous[name] = max(seconds, 1e-3)
                    print(f"{shape:<17} {actual:>9} {name:<8} {status:>4} {seconds:>8.2f} {peak:>8.1f} {ratio}",
                          flush=True)
                    problem = check_clean(shape, actual, name, path, status, stderr)
                    if problem:
                        failures.append(f"{shape} ({actual} bytes), tracker {name}: {problem}")
                path.unlink()
    for failure in failures:
        print("worst_case_pages: " + failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
