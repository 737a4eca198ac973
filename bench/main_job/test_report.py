#!/usr/bin/python3
"""Unit tests of bench/main_job/report.py's aims lines on figures a quick run can produce: a run
that finishes under the clock's resolution reports 0.00 s of CPU or wall, and the aims must then
say there is no ratio instead of dividing by zero (CI's quick run once failed that way).
Run: /usr/bin/python3 bench/main_job/test_report.py"""

import contextlib
import io
import math
import sys
import unittest
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, str(Path(__file__).resolve().parent))

import report  # noqa: E402


def row(wall, cpu):
    return {"wall": wall, "cpu": cpu, "rss_mb": 20.0, "net_span": 0.0, "in_flight": 0.0, "docs": 0}


def printed(fn, *args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        fn(*args)
    return out.getvalue()


class RatioTest(unittest.TestCase):
    def test_ratio_divides_and_gives_nan_for_zero(self):
        self.assertEqual(report.ratio(3.0, 2.0), 1.5)
        self.assertTrue(math.isnan(report.ratio(1.0, 0.0)))


class CpuBoundTest(unittest.TestCase):
    def test_single_threaded_cpu_of_zero_prints_no_ratio(self):
        summary = {(0, "tracker", "cold"): row(0.03, 0.02),
                   (0, "tracker[1worker]", "cold"): row(0.02, 0.0)}
        text = printed(report.print_cpu_bound, summary, ["tracker", "tracker[1worker]"], True)
        self.assertIn("tracker[1worker] CPU rounds to 0 s: no ratio", text)
        self.assertNotIn("aim <= 0.6x):", text)

    def test_ratio_is_judged_when_both_figures_are_there(self):
        summary = {(0, "tracker", "cold"): row(0.5, 1.0),
                   (0, "tracker[1worker]", "cold"): row(1.0, 1.0),
                   (0, "urlwatch", "cold"): row(2.0, 2.0)}
        text = printed(report.print_cpu_bound, summary,
                       ["tracker", "tracker[1worker]", "urlwatch"], False)
        self.assertIn("= 0.50x (aim <= 0.6x): met", text)
        self.assertIn("= 4.00x faster (aim >= 3x): met", text)

    def test_tracker_wall_of_zero_prints_no_urlwatch_ratio(self):
        summary = {(0, "tracker", "cold"): row(0.0, 0.0),
                   (0, "urlwatch", "cold"): row(2.0, 2.0)}
        text = printed(report.print_cpu_bound, summary, ["tracker", "urlwatch"], True)
        self.assertIn("tracker wall rounds to 0 s: no ratio", text)


class CpuPerPageTest(unittest.TestCase):
    def test_cpu_per_page_is_divided_by_the_pages_and_judged(self):
        summary = {(0, "tracker", "cold"): row(1.0, 2.6),
                   (0, "tracker[1worker]", "cold"): row(2.0, 2.0),
                   (0, "tracker", "changed"): row(0.1, 0.2),
                   (0, "urlwatch", "cold"): row(2.0, 9.0)}
        extraction = {"pages": 1000, "seconds_per_page": 0.002}
        text = printed(report.print_cpu_per_page, summary, 1000, extraction)
        # 2.6 s over 1,000 pages is 2.6 ms a page, 1.3x the 2 ms extraction: met at the bound
        self.assertIn("tracker CPU 2.60 s / 1000 pages = 2.600 ms = 1.30x (aim <= 1.3x): met", text)
        self.assertIn("tracker[1worker] CPU 2.00 s / 1000 pages = 2.000 ms = 1.00x (aim <= 1.3x): met", text)
        self.assertNotIn("urlwatch", text)  # the aim is tracker's
        self.assertNotIn("changed", text)   # and the cold run's

    def test_above_the_bound_is_missed(self):
        summary = {(0, "tracker", "cold"): row(1.0, 2.7)}
        text = printed(report.print_cpu_per_page, summary, 1000, {"pages": 1000, "seconds_per_page": 0.002})
        self.assertIn("= 1.35x (aim <= 1.3x): missed", text)

    def test_without_extract_speed_the_reason_is_printed(self):
        summary = {(0, "tracker", "cold"): row(1.0, 2.7)}
        text = printed(report.print_cpu_per_page, summary, 1000, {"missing": "no bench/extract_speed beside x"})
        self.assertIn("no bench/extract_speed beside x", text)
        self.assertNotIn("aim <= 1.3x):", text)


class AimsTest(unittest.TestCase):
    def test_cold_cpu_of_zero_reads_missed_not_a_crash(self):
        summary = {(0, "tracker", "cold"): row(0.01, 0.0),
                   (0, "tracker", "unchanged"): row(0.01, 0.0),
                   (0, "tracker", "rerendered"): row(0.01, 0.0)}
        text = printed(report.print_aims, summary, 3, 12)
        self.assertIn("unchanged re-run CPU 0.00 s = nan% of cold", text)
        self.assertIn("(aim < 10%): missed", text)


if __name__ == "__main__":
    unittest.main()
