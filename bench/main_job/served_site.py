"""The main job's served tree: reset, re-rendered or 10% changed. Part of bench/main_job/driver.py.
"""
import json
import os
import re
import shutil
import time


class Site:
    """The served tree: base versions of all pages, every page re-rendered with the same
    article, or 10% of them changed."""

    # A line right after <body ...> comes before everything the page shows, so it is page
    # chrome and never inside the article: `tracker extract` gives the same JSON with and
    # without it on all 62 template pages of the full run.
    BODY = re.compile(rb"<body\b[^>]*>", re.I)

    def __init__(self, root):
        self.root = root
        self.manifest = json.loads((root / "manifest.json").read_text())
        self.base_time = int(time.time()) - 86400

    def article_paths(self):
        """Every article page, as '<addr>/articles/story-NN.html' under www/."""
        for s in self.manifest["sites"]:
            for url in s["articles"]:
                yield f"{s['addr']}/articles/{url.rsplit('/', 1)[1]}"

    def reset(self):
        """Every page as first published, all files stamped a day ago. All article pages are
        copied back, not only the changed ones: the re-rendered scenario rewrites them all."""
        for path in self.article_paths():
            shutil.copyfile(self.root / "base-copy" / path, self.root / "www" / path)
        for dirpath, _, files in os.walk(self.root / "www"):
            for f in files:
                os.utime(os.path.join(dirpath, f), (self.base_time, self.base_time))

    def keep_base_copies(self):
        for path in self.article_paths():
            dst = self.root / "base-copy" / path
            dst.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.root / "www" / path, dst)

    def rerender(self):
        """Every article page served again with new bytes and the same article text, as a news
        site's pages are when their chrome carries a clock, a rotating ad or a CSRF token: a
        visible 'Updated HH:MM:SS UTC' line right after <body>, and a new mtime, so a new ETag
        and Last-Modified. The feeds are left alone (304)."""
        now = int(time.time()) + 1  # after any earlier fetch's If-Modified-Since
        clock = time.strftime("%H:%M:%S", time.gmtime(now))
        line = f'\n<div class="site-clock">Updated {clock} UTC</div>\n'.encode()
        for path in self.article_paths():
            f = self.root / "www" / path
            page = f.read_bytes()
            m = self.BODY.search(page)
            if m is None:
                raise SystemExit(f"rerender: no <body> tag in {f}")
            f.write_bytes(page[:m.end()] + line + page[m.end():])
            os.utime(f, (now, now))
        # urlwatch sends the time of its last fetch as If-Modified-Since. A fetch made before
        # `now` (the files' mtime) would make a later scenario's If-Modified-Since older than
        # the file, and its unchanged pages would get a 200, not a 304: start the run once
        # that second has begun (nothing follows rerendered today; this keeps it movable).
        time.sleep(max(0.0, now - time.time()))

    def change(self):
        """10% of the pages revised now: new text, new mtime, so a new ETag and Last-Modified."""
        now = int(time.time()) + 1  # after any earlier fetch's If-Modified-Since
        for c in self.manifest["changed"]:
            dst = self.root / "www" / c["path"]
            shutil.copyfile(self.root / "changed" / c["path"], dst)
            os.utime(dst, (now, now))

