"""Archive-scan throughput, cache and memory.

Builds a JSONL archive from the BBC News stories in ../shared/corpora (real
news text; pass --corpus for another folder of .txt stories), repeated until
it holds at least --words words, then runs `hedgelint scan` on it as a user
would (a fresh process each time) and prints:

- words per second with and without the prefilter, with 1 and 2 jobs
  (model load included: it is part of what a user waits for);
- whether the findings of every configuration are identical;
- the cached re-scan time against the first scan's;
- peak memory of the whole process tree (the scan and its workers).

    python benchmarks/scan.py                 # >= 500,000 words
    python benchmarks/scan.py --words 100000  # a quicker look
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc-news-2005"


def build_archive(corpus: Path, words: int, dest: Path) -> tuple[int, int]:
    # interleave the sections (business, politics, sport...) as an archive
    # in date order would, rather than one section after another
    by_section: dict[str, list[Path]] = {}
    for p in sorted(corpus.rglob("*.txt")):
        by_section.setdefault(p.parent.name, []).append(p)
    stories = [p for group in zip(*by_section.values()) for p in group] if len(by_section) > 1 else sorted(corpus.rglob("*.txt"))
    if not stories:
        sys.exit(f"no .txt stories under {corpus}")
    n = total = 0
    with open(dest, "w", encoding="utf-8") as fh:
        while total < words:
            for p in stories:
                text = p.read_text(encoding="utf-8", errors="replace")
                title, _, body = text.partition("\n")
                # each pass a distinct article (a repeated story is a new record
                # with its own id and a marker line, so the cache sees new content)
                body = body if n < len(stories) else f"{body}\n\n(Archive copy {n // len(stories)}.)"
                fh.write(json.dumps({"id": f"{p.parent.name}/{p.stem}/{n}", "title": title.strip(), "date": f"2005-{1 + n % 12:02d}-01", "text": body}) + "\n")
                n += 1
                total += len(body.split())
                if total >= words:
                    break
    return n, total


def tree_rss(pid: int) -> int:
    """Resident memory (KiB) of a process and all its descendants."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    stack.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def run_scan(archive: Path, out: Path, *args: str) -> dict:
    cmd = [sys.executable, "-m", "linter.cli", "scan", str(archive), "--out", str(out), "--isolated", "-q", *args]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env={**os.environ, "PYTHONPATH": str(ROOT)})
    peak = 0
    stop = threading.Event()

    def sample():
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_rss(proc.pid))
            time.sleep(0.1)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    code = proc.wait()
    stop.set()
    t.join()
    wall = time.perf_counter() - start
    if code not in (0, 1):
        sys.exit(f"scan failed ({code}): {' '.join(cmd)}")
    summary = json.loads((out / "summary.json").read_text())
    return {"wall": wall, "peak_mib": peak / 1024, "summary": summary, "findings": (out / "findings.jsonl").read_bytes()}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=BBC)
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--jobs", type=int, nargs="*", default=[1, 2])
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hedgelint-scan-bench-"))
    try:
        archive = work / "archive.jsonl"
        n, words = build_archive(args.corpus, args.words, archive)
        print(f"archive: {n:,} articles, {words:,} words, {archive.stat().st_size / 1e6:.1f} MB ({args.corpus.name})")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        results = {}
        for jobs in args.jobs:
            for prefilter in (True, False):
                label = f"jobs={jobs} {'prefilter' if prefilter else 'full parse'}"
                extra = ["--jobs", str(jobs), "--no-cache"] + ([] if prefilter else ["--no-prefilter"])
                r = run_scan(archive, work / f"out-{jobs}-{prefilter}", *extra)
                results[(jobs, prefilter)] = r
                s = r["summary"]
                print(f"{label:<24} {r['wall']:7.1f} s wall  {words / r['wall']:9,.0f} words/s  "
                      f"(scan loop {s['seconds']:.1f} s: {words / s['seconds']:,.0f} words/s)  peak {r['peak_mib']:6.0f} MiB  findings {s['findings']}")
        base = next(iter(results.values()))["findings"]
        same = all(r["findings"] == base for r in results.values())
        print(f"identical findings.jsonl across all runs: {'yes' if same else 'NO'}")
        for jobs in args.jobs:
            fast, slow = results[(jobs, True)], results[(jobs, False)]
            print(f"jobs={jobs}: prefilter speed-up {slow['wall'] / fast['wall']:.2f}x (wall), {slow['summary']['seconds'] / fast['summary']['seconds']:.2f}x (scan loop)")
        # the cache: a first scan that fills it, then an unchanged re-scan
        cached_out = work / "out-cached"
        jobs = max(args.jobs)
        first = run_scan(archive, cached_out, "--jobs", str(jobs))
        again = run_scan(archive, cached_out, "--jobs", str(jobs))
        assert again["summary"]["articles_from_cache"] == again["summary"]["articles"], "the re-scan was not served from the cache"
        print(f"cached re-scan: {again['wall']:.2f} s against {first['wall']:.1f} s first ({100 * again['wall'] / first['wall']:.1f}%), "
              f"peak {again['peak_mib']:.0f} MiB; findings identical: {'yes' if again['findings'] == first['findings'] else 'NO'}")
        print(f"peak memory over all runs: {max(r['peak_mib'] for r in [*results.values(), first, again]):.0f} MiB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
