"""The Dask engine's throughput and overhead against the local scan.

The same BBC News archive as benchmarks/scan.py (its build_archive: real
news, repeated to at least --words words, one JSONL record per story).
Prints:

- words per second of `hedgelint scan` with the local engine (--jobs 1, 2)
  and the Dask engine on a LocalCluster of 1 and 2 workers, each a fresh
  process as a user runs it (wall time includes start-up and model load;
  the scan loop excludes the cluster's start), the fastest of --repeat
  interleaved runs, and whether findings.jsonl is byte-identical across all;
- per-worker overhead, measured in this process: starting a LocalCluster,
  a worker's model load, a round trip of an empty task through the
  scheduler, and the first pass (hashing) of one 4 MiB JSONL partition.

    python benchmarks/scan_dask.py                 # >= 500,000 words
    python benchmarks/scan_dask.py --words 100000  # a quicker look
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from scan import BBC, ROOT, build_archive, run_scan  # noqa: E402 (benchmarks/scan.py: one input assembly)


def overhead(archive: Path, workers: int) -> dict:
    from distributed import Client, LocalCluster

    sys.path.insert(0, str(ROOT))
    from linter.archive.dask_engine import hash_partition, load_checker
    from linter.archive.partitions import plan
    from linter.archive.records import Fields
    from linter.archive.run import Scan, ScanOptions

    start = time.perf_counter()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                           dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    client.wait_for_workers(workers)
    started = time.perf_counter() - start
    try:
        scan = Scan(ScanOptions(isolated=True, use_cache=False), records=[])
        addrs = list(client.scheduler_info()["workers"])
        loads = client.gather([client.submit(load_checker, scan.check_settings, scan.fingerprint, workers=[a], pure=False) for a in addrs])
        trips = []
        for _ in range(50):
            t = time.perf_counter()
            client.submit(int, 0, pure=False).result()
            trips.append(time.perf_counter() - t)
        part = plan(archive, str(archive))[0]
        t = time.perf_counter()
        lines, _ = client.submit(hash_partition, part, Fields(), pure=False).result()
        hashed = time.perf_counter() - t
        return {"start": started, "loads": loads, "trip": statistics.median(trips), "hash": hashed, "hash_lines": lines,
                "hash_mb": part.size / 1e6}
    finally:
        client.close()
        cluster.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=BBC)
    ap.add_argument("--words", type=int, default=500_000)
    ap.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=2, help="runs of each configuration; the fastest is reported")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="hedgelint-dask-bench-"))
    try:
        archive = work / "archive.jsonl"
        n, words = build_archive(args.corpus, args.words, archive)
        print(f"archive: {n:,} articles, {words:,} words, {archive.stat().st_size / 1e6:.1f} MB ({args.corpus.name})")
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
        # The machine is shared: each configuration runs --repeat times,
        # interleaved with the others, and the fastest run is kept.
        runs: dict[str, dict] = {}
        walls: dict[str, list[float]] = {}
        for _ in range(args.repeat):
            for engine in ("local", "dask"):
                for k in args.workers:
                    label = f"{engine} {'jobs' if engine == 'local' else 'workers'}={k}"
                    r = run_scan(archive, work / f"out-{engine}-{k}", "--engine", engine, "--jobs", str(k), "--no-cache")
                    walls.setdefault(label, []).append(r["wall"])
                    if label not in runs or r["wall"] < runs[label]["wall"]:
                        runs[label] = r
        for label, r in runs.items():
            s = r["summary"]
            print(f"{label:<18} {r['wall']:7.1f} s wall  {words / r['wall']:8,.0f} words/s  "
                  f"(scan loop {s['seconds']:.1f} s: {words / s['seconds']:,.0f} words/s)  peak {r['peak_mib']:5.0f} MiB  "
                  f"findings {s['findings']}  (runs: {', '.join(f'{w:.1f}' for w in walls[label])} s)")
        base = next(iter(runs.values()))["findings"]
        print(f"identical findings.jsonl across all runs: {'yes' if all(r['findings'] == base for r in runs.values()) else 'NO'}")
        for k in args.workers:
            local, dask = runs[f"local jobs={k}"], runs[f"dask workers={k}"]
            print(f"{k} worker(s): Dask at {local['wall'] / dask['wall']:.2f}x the local engine's speed (wall), "
                  f"{local['summary']['seconds'] / dask['summary']['seconds']:.2f}x (scan loop)")
        for k in args.workers:
            o = overhead(archive, k)
            loads = ", ".join(f"{x:.2f}" for x in o["loads"])
            print(f"overhead, {k} worker(s): LocalCluster up in {o['start']:.2f} s; model load per worker {loads} s; "
                  f"empty task round trip {1000 * o['trip']:.1f} ms; hashing a {o['hash_mb']:.1f} MB partition "
                  f"({o['hash_lines']:,} records) {1000 * o['hash']:.0f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
