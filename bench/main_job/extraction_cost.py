"""What extracting the job's own article pages costs, for issue #16's aim "cold run CPU per page
<= 1.3x the extraction cost of the same bytes". Part of bench/main_job/driver.py.

bench/extract_speed (built beside tracker, in <build>/bench/) times extract_article over a folder
of *.html.gz pages; the job's pages are gzipped into a temporary folder for it, each page once.
"""
import gzip
import json
import subprocess
import tempfile
from pathlib import Path


def extract_speed_beside(tracker):
    """The extract_speed binary of tracker's own build, or None when that build has none (a
    --tracker outside a build tree)."""
    path = Path(tracker).resolve().parent / "bench" / "extract_speed"
    return path if path.is_file() else None


def extraction_cost(tracker, site, runs=3):
    """{"pages", "seconds_per_page", "binary"}: extract_speed's median over `runs` rounds of the
    site's article pages (base versions), per page; None without an extract_speed, with the
    reason in "missing". Raises when extract_speed fails or a page fails to extract: the aim
    would compare against pages that were not extracted."""
    binary = extract_speed_beside(tracker)
    if binary is None:
        return {"missing": f"no bench/extract_speed beside {tracker}"}
    paths = list(site.article_paths())
    with tempfile.TemporaryDirectory(prefix="extract-cost-") as folder:
        for index, path in enumerate(paths):
            page = (site.root / "base-copy" / path).read_bytes()
            (Path(folder) / f"{index:05d}.html.gz").write_bytes(gzip.compress(page, compresslevel=1))
        out = subprocess.run([str(binary), folder, "--runs", str(runs), "--json"],
                             capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    extract = report["passes"]["extract"]
    if report["pages"] != len(paths) or extract["failed_pages"]:
        raise RuntimeError(f"extract_speed read {report['pages']} of {len(paths)} pages, "
                           f"{extract['failed_pages']} failed")
    return {"pages": report["pages"], "seconds_per_page": extract["median_seconds"] / report["pages"],
            "binary": str(binary)}
