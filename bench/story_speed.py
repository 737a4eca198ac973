#!/usr/bin/python3
"""How fast stories are read from a big store, and what a run pays to keep them current (#18):
`tracker stories` reading the story terms runs store, against the same command reading every
newest text (what it did before terms were stored, and still does for a store no run has
given terms yet); `figures --story` reading the story a run stored, against the same command
grouping every document on the read (what it did before stories were stored); in the same run.

The store: every Wikinews article of ../shared/data/news-revisions and every outlet of the
reviewed ledger stories (snapshots/ledger), each published as a local page (file:// URLs, as
bench/story_grouping.py builds it) and stored by one `tracker run`: about a hundred real
documents. They are then copied in SQL (documents and snapshots, key and URL made unique) until
the store holds --documents of them, each copy first seen 8 days after the one before, so that
copies fall outside each other's 7-day window: a long-lived store of many stories, not one
giant story. A `tracker run` with nothing due then stores the copies' terms (the one-time cost
of an upgraded store, timed once).

Timed, median of --rounds, each a fresh process:

  stories (terms stored)   tracker stories --store S --format json
  stories (texts read)     the same on a copy of the store without its story_terms rows
  run, nothing new         tracker run with nothing due: the run's fixed cost
  run, 100 new versions    the same after the terms of the 100 newest documents are dropped: the
                           difference is what the run's last step pays to find 100 documents'
                           terms from their texts (a run's new versions bring theirs, computed
                           on its worker threads)
  run, 100 new documents   the same after the stories of the 100 newest documents are dropped:
                           what the run's last step pays to place 100 new documents in the
                           stored stories (it reads every document's terms for their weights)
  figures --story ID       one story's figures from the store: the story a run stored
  figures --story (grouped) the same with one document left without a stored story, so that the
                           read groups every document, as before stories were stored

Checks (any mode): both `tracker stories` outputs are identical JSON, every document is in
exactly one story, the runs leave no document without terms or without a story, the stories
after placing the 100 documents again are the stories before, and both `figures --story` give
the same figures. Exit 1 if a check fails, 2 if
tracker is missing or fails.

    bench/story_speed.py [--documents N] [--rounds R] [--tracker PATH] [--data DIR]
    bench/story_speed.py --quick [--tracker PATH]   # ctest: 300 documents, one round, checks only

Standard library only; Debian's /usr/bin/python3.
"""

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from quick_mode import verdict  # noqa: E402
from story_grouping import (DEFAULT_DATA, REPO, TrackerFailed, build_store, ledger_documents,  # noqa: E402
                            run_tracker, wikinews_articles, wikinews_document)

COPY_SPACING = 8 * 86_400  # seconds between copies' first_seen: past the 7-day story window
NEW_VERSIONS = 100
STORY_TERMS_FORMAT = 1  # report::k_story_terms_format


def base_store(tracker, data, fixtures, work):
    documents, _ = ledger_documents(fixtures, "all")
    for number, pid in wikinews_articles(data, "all"):
        document = wikinews_document(data, number, pid)
        documents[document.source] = document
    schedule = [[(source, len(document.versions) - 1) for source, document in documents.items()]]
    store, _ = build_store(tracker, documents, schedule, work)
    return store


def copy_documents(store, target):
    """Copies the stored documents and their snapshots until the store holds `target`
    documents; returns how many it holds."""
    db = sqlite3.connect(store)
    base = [row[0] for row in db.execute("SELECT id FROM documents ORDER BY id")]
    columns = [row[1] for row in db.execute("PRAGMA table_info(snapshots)") if row[1] not in ("id", "document_id")]
    listed = ", ".join(columns)
    selected = ", ".join(f"s.{c} + :shift" if c == "fetched_at" else f"s.{c}" for c in columns)
    held = len(base)
    copy = 0
    while held < target:
        copy += 1
        for document in base:
            if held >= target:
                break
            shift = copy * COPY_SPACING
            cursor = db.execute(
                "INSERT INTO documents (source_id, key, url, title, first_seen) "
                "SELECT source_id, key || '#copy' || :copy, url || '#copy' || :copy, title, first_seen + :shift "
                "FROM documents WHERE id = :id", {"copy": copy, "shift": shift, "id": document})
            db.execute(f"INSERT INTO snapshots (document_id, {listed}) SELECT :new, {selected} "
                       "FROM snapshots s WHERE s.document_id = :id ORDER BY s.id",
                       {"new": cursor.lastrowid, "shift": shift, "id": document})
            held += 1
    db.commit()
    db.close()
    return held


def sql(store, statement):
    db = sqlite3.connect(store)
    rows = db.execute(statement).fetchall()
    db.commit()
    db.close()
    return rows


def documents_without_terms(store):
    return sql(store, "SELECT count(*) FROM documents d LEFT JOIN story_terms t ON t.document_id = d.id "
                      f"WHERE t.format IS NOT {STORY_TERMS_FORMAT}")[0][0]


def documents_without_story(store):
    return sql(store, "SELECT count(*) FROM documents d LEFT JOIN story_members m ON m.document_id = d.id "
                      "WHERE m.document_id IS NULL")[0][0]


def timed(argv):
    start = time.perf_counter()
    out = subprocess.run(argv, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if out.returncode != 0:
        raise TrackerFailed(f"{' '.join(argv[:2])} failed (exit {out.returncode}): {out.stderr.strip()[-300:]}")
    return elapsed, out.stdout


def median_of(rounds, argv, before=None):
    times = []
    out = ""
    for _ in range(rounds):
        if before:
            before()
        elapsed, out = timed(argv)
        times.append(elapsed)
    return statistics.median(times), out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--tracker", type=Path, default=REPO / "build" / "tracker")
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="news-revisions (Wikinews pairs)")
    ap.add_argument("--fixtures", type=Path, default=REPO / "snapshots" / "ledger")
    ap.add_argument("--documents", type=int, default=10_000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    if args.quick:
        args.documents, args.rounds = 300, 1
    if not args.tracker.is_file():
        print(f"story_speed: no tracker at {args.tracker}: build it first", file=sys.stderr)
        return 2
    tracker = str(args.tracker)
    problems = []
    with tempfile.TemporaryDirectory(prefix="story-speed-") as tmp:
        work = Path(tmp)
        try:
            store = base_store(tracker, args.data, args.fixtures, work)
            base = sql(store, "SELECT count(*) FROM documents")[0][0]
            held = copy_documents(store, args.documents)
            config = str(work / "tracker.toml")
            run = [tracker, "run", "--config", config, "--no-alerts", "--quiet"]
            backfill, _ = timed(run)
            if documents_without_terms(store):
                problems.append("the run after copying left documents without story terms")
            if documents_without_story(store):
                problems.append("the run after copying left documents without a story")
            stories = [tracker, "stories", "--store", str(store), "--format", "json"]
            stored_time, stored_out = median_of(args.rounds, stories)
            without = work / "without-terms.db"
            shutil.copyfile(store, without)
            sql(without, "DELETE FROM story_terms")
            texts_time, texts_out = median_of(args.rounds, [tracker, "stories", "--store", str(without),
                                                            "--format", "json"])
            if stored_out != texts_out:
                problems.append("tracker stories differs with and without stored terms")
            fixed_time, _ = median_of(args.rounds, run)

            def dropping_newest(table):
                """Drops the rows of `table` of the newest documents: what a run must then redo."""
                return lambda: sql(store, f"DELETE FROM {table} WHERE document_id IN (SELECT id FROM documents "
                                          f"ORDER BY id DESC LIMIT {NEW_VERSIONS})")
            new_time, _ = median_of(args.rounds, run, before=dropping_newest("story_terms"))
            if documents_without_terms(store):
                problems.append("a run left documents without story terms")
            placed_time, _ = median_of(args.rounds, run, before=dropping_newest("story_members"))
            if documents_without_story(store):
                problems.append("a run left documents without a story")
            if timed(stories)[1] != stored_out:
                problems.append("the stories differ after the run placed the newest documents again")
            result = json.loads(stored_out)["stories"]
            seen = [d["id"] for story in result for d in story["documents"]]
            if len(seen) != held or len(set(seen)) != held:
                problems.append(f"stories hold {len(seen)} documents ({len(set(seen))} distinct) of {held}")
            biggest = max(result, key=lambda story: len(story["documents"]))
            figures = [tracker, "figures", "--store", str(store), "--story", str(biggest["id"]), "--format", "json"]
            figures_time, figures_out = median_of(args.rounds, figures)
            grouped = work / "one-unplaced.db"
            shutil.copyfile(store, grouped)
            sql(grouped, "DELETE FROM story_members WHERE document_id = (SELECT max(id) FROM documents)")
            grouped_time, grouped_out = median_of(args.rounds, figures[:2] + ["--store", str(grouped)] + figures[4:])
            if grouped_out != figures_out:
                problems.append("figures --story differs between the stored story and the story grouped on the read")
        except TrackerFailed as err:
            print(f"story_speed: {err}", file=sys.stderr)
            return 2
    print(f"store: {held} documents ({base} stored by a run, the rest copies), {len(result)} stories; "
          f"median of {args.rounds}")
    print(f"  {'stories (terms stored)':<26} {stored_time * 1000:8.0f} ms")
    print(f"  {'stories (texts read)':<26} {texts_time * 1000:8.0f} ms   "
          f"{texts_time / stored_time:.1f}x the stored terms' time")
    print(f"  {'run, nothing new':<26} {fixed_time * 1000:8.0f} ms")
    print(f"  {'run, 100 new versions':<26} {new_time * 1000:8.0f} ms   "
          f"+{(new_time - fixed_time) * 1000:.0f} ms to store their terms")
    print(f"  {'run, 100 new documents':<26} {placed_time * 1000:8.0f} ms   "
          f"+{(placed_time - fixed_time) * 1000:.0f} ms to place them in the stored stories")
    print(f"  {'figures --story ID':<26} {figures_time * 1000:8.0f} ms   "
          f"(story {biggest['id']}, {len(biggest['documents'])} documents: the stored story)")
    print(f"  {'figures --story (grouped)':<26} {grouped_time * 1000:8.0f} ms   "
          f"{grouped_time / figures_time:.1f}x: every document grouped on the read")
    print(f"  {'run storing every terms':<26} {backfill * 1000:8.0f} ms   (once, after the copies)")
    ok = verdict(problems, f"{held} documents, stories identical with and without stored terms, "
                           "and with stored and read-grouped stories")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
