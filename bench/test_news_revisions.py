#!/usr/bin/python3
"""Unit tests of the matcher of bench/news_revisions.py, on hand-made changes whose counts were
worked out by hand (see the comments). Run: /usr/bin/python3 bench/test_news_revisions.py"""

import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import news_revisions as nr  # noqa: E402

Item = nr.Item


def outcomes(result):
    return [(o["outcome"], o["reason"]) for o in result["detected"]]


class OverlapTest(unittest.TestCase):
    def test_jaccard_and_containment(self):
        t = nr.tokens
        # 10 shared of 11: Jaccard 0.91.
        self.assertTrue(nr.side_overlap(t("Police arrested three men on Sunday night near the "
                                          "border."),
                                        t("Police arrested three men on Sunday night near the "
                                          "border town."))[0])
        # 4 of 11 (Jaccard 0.36), but all 4 tokens of the smaller in the larger: containment.
        self.assertTrue(nr.side_overlap(t("The minister denied involvement."),
                                        t("The minister denied any involvement in the bombing "
                                          "of the embassy last week."))[0])
        # 3 of 10, and 3 tokens are too few for containment.
        self.assertFalse(nr.side_overlap(t("He said no."),
                                         t("He said no to the proposal from the unions on "
                                           "Monday."))[0])
        # 3 of 5 of the smaller (0.6 < 0.8), Jaccard 3/9.
        self.assertFalse(nr.side_overlap(t("The army left the city"),
                                         t("The army took the port in two days"))[0])
        # Case and punctuation do not matter.
        self.assertEqual(nr.side_overlap(t("Ten people DIED."), t("ten people died"))[1], 1.0)


class MatchTest(unittest.TestCase):
    def test_outcomes_minor_ignore_unlabelled_containment(self):
        changes = [
            Item("modified", "The army said 200 soldiers were killed in the attack.",
                 "The army said 250 soldiers were killed in the attack."),
            Item("added", None, "Police arrested three men on Sunday night near the border."),
            Item("removed", "The minister denied any involvement in the bombing of the embassy "
                            "last week.", None),
        ]
        minor = [Item("modified", "The facory was closed for a week after the fire.",
                      "The factory was closed for a week after the fire.")]
        ignore = [Item("modified", "See also the related stories below.",
                       "See also related stories below.")]
        detected = [
            # Exactly the first expected change: tp.
            Item("modified", "The army said 200 soldiers were killed in the attack.",
                 "The army said 250 soldiers were killed in the attack."),
            # Jaccard 10/11 with the added unit: tp.
            Item("added", None, "Police arrested three men on Sunday night near the border "
                                "town."),
            # The minor unit: fp.
            Item("modified", "The facory was closed for a week after the fire.",
                 "The factory was closed for a week after the fire."),
            # The ignore unit: neutral.
            Item("modified", "See also the related stories below.",
                 "See also related stories below."),
            # Nothing labelled: fp.
            Item("added", None, "A completely unrelated sentence about the weather in Paris."),
            # Contained in the removed unit: tp.
            Item("removed", "The minister denied involvement.", None),
        ]
        r = nr.match(detected, changes, minor, ignore)
        self.assertEqual(outcomes(r), [("tp", "expected"), ("tp", "expected"), ("fp", "minor"),
                                       ("neutral", "ignore"), ("fp", "unlabelled"),
                                       ("tp", "expected")])
        self.assertEqual((r["tp"], r["fp"], r["neutral"], r["fn"]), (3, 2, 1, 0))
        self.assertEqual(r["expected"], [0, 1, 5])
        p, rec, f = nr.prf(r["tp"], r["fp"], r["fn"])
        self.assertAlmostEqual(p, 3 / 5)
        self.assertAlmostEqual(rec, 1.0)
        self.assertAlmostEqual(f, 0.75)

    def test_kinds_and_duplicates(self):
        changes = [
            Item("modified", "Rebels captured the town of Avdiivka on Friday.",
                 "Rebels captured the town of Avdiivka on Saturday, officials said."),
            Item("modified", "Ten people died in the flood.",
                 "Twelve people died in the flood. The dam was breached by the rising water."),
            Item("modified", "The president said the talks would resume in March.",
                 "The president said the talks had collapsed."),
            Item("added", None, "Troops will withdraw by the end of the year, a spokesman said."),
            Item("modified", "Two journalists were detained.", "Two journalists were released."),
        ]
        detected = [
            # E0 exactly: tp.
            Item("modified", "Rebels captured the town of Avdiivka on Friday.",
                 "Rebels captured the town of Avdiivka on Saturday, officials said."),
            # E1, new side 6 of 12 tokens (Jaccard 0.5): tp.
            Item("modified", "Ten people died in the flood.", "Twelve people died in the flood."),
            # The rest of E1, which is taken: neutral duplicate.
            Item("added", None, "The dam was breached by the rising water."),
            # E2 reported as removed + added: the kind disagrees, two fp, and E2 is missed.
            Item("removed", "The president said the talks would resume in March.", None),
            Item("added", None, "The president said the talks had collapsed."),
            # A modified change whose new side is the added unit E3: tp (cross kind).
            Item("modified", "Troops remain in the area.",
                 "Troops will withdraw by the end of the year, a spokesman said."),
            # E4 is not detected: fn.
        ]
        r = nr.match(detected, changes, [], [])
        self.assertEqual(outcomes(r), [("tp", "expected"), ("tp", "expected"),
                                       ("neutral", "duplicate"), ("fp", "kind"), ("fp", "kind"),
                                       ("tp", "expected")])
        self.assertEqual(r["expected"], [0, 1, None, 5, None])
        self.assertEqual((r["tp"], r["fp"], r["neutral"], r["fn"]), (3, 2, 1, 2))
        p, rec, _ = nr.prf(r["tp"], r["fp"], r["fn"])
        self.assertAlmostEqual(p, 0.6)
        self.assertAlmostEqual(rec, 0.6)

    def test_one_to_one_and_short_fragments(self):
        changes = [
            Item("added", None, "Protesters gathered outside parliament on Monday evening."),
            Item("added", None, "Protesters gathered outside parliament on Monday evening "
                                "again."),
            Item("added", None, "He said no to the proposal from the unions on Monday."),
        ]
        detected = [
            # Overlaps both E0 and E1 but matches one (E0, the exact one).
            Item("added", None, "Protesters gathered outside parliament on Monday evening."),
            # Too short for containment in E2, Jaccard 0.3: nothing labelled, fp.
            Item("added", None, "He said no."),
            # A removed change never matches an added unit, whatever the text.
            Item("removed", "Protesters gathered outside parliament on Monday evening again.",
                 None),
        ]
        r = nr.match(detected, changes, [], [])
        self.assertEqual(r["expected"], [0, None, None])
        # The removed one shares no side with the added units: unlabelled.
        self.assertEqual(outcomes(r), [("tp", "expected"), ("fp", "unlabelled"),
                                       ("fp", "unlabelled")])
        self.assertEqual((r["tp"], r["fp"], r["fn"]), (1, 2, 2))
        p, rec, _ = nr.prf(r["tp"], r["fp"], r["fn"])
        self.assertAlmostEqual(p, 1 / 3)
        self.assertAlmostEqual(rec, 1 / 3)

    def test_a_minor_duplicate_is_still_a_false_positive(self):
        minor = [Item("modified", "Liberal Party has 18 seats, and the Justice Party is third.",
                      "Liberal Party has 18 seats. And the Justice Party is third.")]
        detected = [Item("modified", "Liberal Party has 18 seats, and the Justice Party is third.",
                         "Liberal Party has 18 seats."),
                    Item("added", None, "And the Justice Party is third.")]
        r = nr.match(detected, [], minor, [])
        self.assertEqual(outcomes(r), [("fp", "minor"), ("fp", "minor")])
        self.assertEqual((r["tp"], r["fp"], r["fn"]), (0, 2, 0))

    def test_nothing_detected(self):
        r = nr.match([], [Item("added", None, "A new claim.")], [], [])
        self.assertEqual((r["tp"], r["fp"], r["fn"]), (0, 0, 1))
        self.assertEqual(nr.prf(0, 0, 1), (0.0, 0.0, 0.0))


class BaselineTest(unittest.TestCase):
    def test_sentences(self):
        self.assertEqual(nr.split_sentences("Mr. Smith met Gen. Jones at 5 p.m. Sunday. J. Doe "
                                            "said \"Yes.\" The 3 men left! 2008 was cold."),
                         ["Mr. Smith met Gen. Jones at 5 p.m. Sunday.",
                          "J. Doe said \"Yes.\"", "The 3 men left!", "2008 was cold."])

    def test_every_edited_sentence(self):
        old = ("Ten people died in the flood. The river rose overnight. Rescue teams arrived "
               "from the capital. The mayor spoke to reporters.")
        new = ("The mayor spoke to reporters. Twelve people died in the flood. The river rose "
               "overnight! Rescue teams arrived from the capital. A curfew was declared.")
        items = nr.baseline_changes(old, new)
        got = sorted((i.kind, i.old, i.new) for i in items)
        # The moved sentence is not reported; the punctuation edit is.
        self.assertEqual(got, [
            ("added", None, "A curfew was declared."),
            ("modified", "Ten people died in the flood.", "Twelve people died in the flood."),
            ("modified", "The river rose overnight.", "The river rose overnight!"),
        ])


class SelectionTest(unittest.TestCase):
    def test_ids(self):
        self.assertEqual(nr.parse_ids("001-003,90"), {"001", "002", "003", "090"})

    def test_folds_keep_an_article_together(self):
        a = nr.fold_of("Wikinews doc 1928792, revision depth 1", 5)
        self.assertEqual(a, nr.fold_of("Wikinews doc 1928792, revision depth 3", 5))
        self.assertIn(a, range(5))


if __name__ == "__main__":
    unittest.main(verbosity=1)
