"""hedgelint scan --engine dask: the same outputs and cache as the local scan.

Every comparison is byte for byte against the local engine's files
(findings.jsonl, articles.csv, errors.jsonl) on one archive of a few hundred
articles made of the corpora's paragraphs, with bad records in it. Clusters:
the engine's own LocalCluster (--engine dask -j 2), one LocalCluster shared
by the module (reached by its address, as --scheduler does), and a scheduler
and two workers started here as separate processes on loopback, driven
through the real CLI, one of whose workers is killed mid-scan.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from linter.archive.partitions import items, line_digests, plan
from linter.archive.records import Article, Fields, read_jsonl, read_parquet
from linter.archive.run import ScanOptions
from linter.archive.session import run_scan
from linter.check.config import UsageError
from test_scan import corpus_articles, write_jsonl

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("findings.jsonl", "articles.csv", "errors.jsonl")
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ARTICLES = 300


def _outputs(out: Path) -> dict[str, str]:
    return {name: (out / name).read_text(encoding="utf-8") for name in OUTPUTS}


def _summary(out: Path) -> dict:
    return json.loads((out / "summary.json").read_text())


def _no_model(**kwargs):
    raise AssertionError("this scan should be served by the cache")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A JSONL archive with a broken line, a blank line and a record with no text among its articles."""
    records: list = corpus_articles(ARTICLES)
    records.insert(7, "{broken")
    records.insert(40, "")
    records.insert(120, {"id": "no-text", "title": "headline only"})
    return write_jsonl(tmp_path_factory.mktemp("archive") / "archive.jsonl", records)


@pytest.fixture(scope="module")
def reference(archive, engine, tmp_path_factory) -> Path:
    """The local engine's scan of the archive (the session's model)."""
    out = tmp_path_factory.mktemp("local") / "out"
    status = run_scan(ScanOptions(paths=[str(archive)], out=out, jobs=1, isolated=True), progress="quiet",
                      engine_factory=lambda **kw: engine)
    assert status == 2  # the bad records
    assert _summary(out)["errors"] == 2 and _summary(out)["articles"] == ARTICLES
    return out


@pytest.fixture(scope="module")
def cluster():
    """A LocalCluster of two worker processes, one thread each, on loopback; shared by the module."""
    import logging

    from distributed import LocalCluster

    lc = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      silence_logs=logging.ERROR)
    yield lc.scheduler_address
    lc.close()


def _dask(paths, out: Path | None, scheduler: str | None = None, **kw) -> int:
    opts = dict(jobs=2, isolated=True, engine="dask", scheduler=scheduler, blocksize=16 << 10)
    opts.update(kw)
    return run_scan(ScanOptions(paths=[str(p) for p in paths], out=out, **opts), progress="quiet")


# ------------------------------------------------------------ partitions
def test_jsonl_blocks_give_exactly_the_local_readers_records(tmp_path):
    """Cut anywhere, even inside a line or a multibyte character, the blocks
    read every record once, with the local scan's ids, locations and errors."""
    arch = tmp_path / "a.jsonl"
    lines = ["\ufeff" + json.dumps({"text": "Erste Zeile, mit BOM."}), "", "{broken",
             json.dumps({"id": "x", "text": "Kim Jong Un’s uncle — reportedly — " + "ü" * 300}), "   ",
             json.dumps({"title": "no text"}), json.dumps(["not", "an", "object"])]
    arch.write_bytes(("\n".join(lines)).encode("utf-8") + b"\n" + json.dumps({"text": "no newline at the end"}).encode())
    local = [vars(a) for a in read_jsonl(arch, Fields())]
    for blocksize in (1, 7, 64, 200, 10_000):
        parts = plan(arch, str(arch), blocksize)
        got, first = [], 0
        for p in parts:
            n, digests = line_digests(p, Fields())
            block = list(items(p, Fields(), first))
            assert [a.digest for a in block if isinstance(a, Article)] == [d for d in digests if d]
            got.extend(vars(a) for a in block)
            first += n
        assert got == local, blocksize
        assert first == 8  # every line counted once


def test_parquet_row_groups_and_the_local_reader_agree_with_jsonl(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = corpus_articles(25)
    jsonl = write_jsonl(tmp_path / "a.jsonl", records)
    pq.write_table(pa.Table.from_pylist(records), tmp_path / "a.parquet", row_group_size=10)
    from_jsonl = [(a.id, a.title, a.date, a.text, a.digest) for a in read_jsonl(jsonl, Fields())]
    local = list(read_parquet(tmp_path / "a.parquet", Fields()))
    assert [(a.id, a.title, a.date, a.text, a.digest) for a in local] == from_jsonl
    parts = plan(tmp_path / "a.parquet", str(tmp_path / "a.parquet"))
    assert [p.first_row for p in parts] == [0, 10, 20]
    assert [vars(a) for p in parts for a in items(p, Fields())] == [vars(a) for a in local]
    assert all(a.where == f"{tmp_path / 'a.parquet'}:row {i}" for i, a in enumerate(local, 1))


# ---------------------------------------------------------------- engines
def test_a_local_cluster_of_two_workers_writes_the_local_scans_outputs(archive, reference, tmp_path, capsys):
    out = tmp_path / "dask"
    status = run_scan(ScanOptions(paths=[str(archive)], out=out, jobs=2, isolated=True, engine="dask", blocksize=32 << 10),
                      progress="lines")
    err = capsys.readouterr().err
    assert status == 2
    assert _outputs(out) == _outputs(reference)
    assert "hedgelint: Dask: 2 workers on a local cluster on 127.0.0.1" in err
    assert "hedgelint: Dask dashboard: http://127.0.0.1:" in err  # loopback only
    assert f"hedgelint: scanned {ARTICLES:,} articles" in err  # the local scan's closing line
    summary = _summary(out)
    assert summary["articles_checked"] == ARTICLES and summary["jobs"] == 2
    # The same cache: a local re-scan after the Dask scan checks nothing.
    again = run_scan(ScanOptions(paths=[str(archive)], out=out, jobs=1, isolated=True), progress="quiet", engine_factory=_no_model)
    assert again == 2 and _outputs(out) == _outputs(reference)
    assert _summary(out)["articles_from_cache"] == ARTICLES


def test_a_dask_rescan_after_a_local_scan_checks_nothing(archive, reference, cluster, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(reference, out)
    assert _dask([archive], out, cluster) == 2
    assert _outputs(out) == _outputs(reference)
    assert _summary(out)["articles_checked"] == 0 and _summary(out)["articles_from_cache"] == ARTICLES


def test_csv_and_parquet_archives_give_the_local_findings(reference, cluster, tmp_path):
    """CSV is read by the client and sent in batches; Parquet by the workers,
    a row group each. Both against the local engine on the same file."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = corpus_articles(120)
    with open(tmp_path / "a.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=["id", "title", "date", "text"])
        w.writeheader()
        w.writerows(records)
    rows = records[:50] + [{"id": "empty", "title": "no body", "date": "2015-01-01", "text": None}] + records[50:]
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "a.parquet", row_group_size=25)
    for name in ("a.csv", "a.parquet"):
        dask_out = tmp_path / f"dask-{name}"
        status = _dask([tmp_path / name], dask_out, cluster, use_cache=False)
        # the local engine, served by the reference scan's cache (same texts, same keys)
        local_out = tmp_path / f"local-{name}"
        local = run_scan(ScanOptions(paths=[str(tmp_path / name)], out=local_out, jobs=1, isolated=True,
                                     cache=reference / "cache.sqlite"), progress="quiet", engine_factory=_no_model)
        assert status == local
        assert _outputs(dask_out) == _outputs(local_out), name
        assert _summary(local_out)["articles_from_cache"] == len(records)
    assert (tmp_path / "dask-a.parquet" / "errors.jsonl").read_text().count("\n") == 1


def test_a_worker_with_another_installation_is_refused(cluster, tmp_path):
    from linter.archive.dask_engine import DaskScan

    scan = DaskScan(ScanOptions(jobs=2, isolated=True, use_cache=False), scheduler=cluster,
                    records=[{"id": "1", "text": "The regime will collapse."}])
    scan.start()
    scan.executor.expected = "another fingerprint"  # as if the workers had other rule packs
    with pytest.raises(UsageError, match="has another hedgelint version"):
        list(scan.outcomes())


# ------------------------------------------- separate processes, and a kill
@pytest.fixture(scope="module")
def processes(tmp_path_factory):
    """`dask scheduler` and two `dask worker`s as separate processes on 127.0.0.1."""
    from distributed import Client

    where = tmp_path_factory.mktemp("cluster")
    sched_file = where / "scheduler.json"
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                               "--no-dashboard", "--scheduler-file", str(sched_file)], env=ENV, cwd=where,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + 60
        while not sched_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(sched_file.read_text())["address"]
        assert address.startswith("tcp://127.0.0.1:")
        for _ in range(2):
            procs.append(subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", "1",
                                           "--nthreads", "1", "--host", "127.0.0.1", "--no-dashboard"], env=ENV, cwd=where,
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        client = Client(address, timeout="30s")
        client.wait_for_workers(2, timeout=60)
        yield address, client
        client.shutdown()  # the scheduler closes the workers and their nannies, then itself
    finally:
        for p in reversed(procs):
            try:
                p.wait(timeout=20)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()


def _cli_scan(archive: Path, out: Path, address: str, *extra: str) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "linter.cli", "scan", str(archive), "--out", str(out), "--isolated", "--scheduler", address,
           "--blocksize", "16KiB", "-q", *extra]
    return subprocess.Popen(cmd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def test_the_cli_on_a_scheduler_and_workers_in_other_processes(archive, reference, processes, tmp_path):
    address, _ = processes
    proc = _cli_scan(archive, tmp_path / "out", address, "--no-cache")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, err
    assert _outputs(tmp_path / "out") == _outputs(reference)


def test_a_worker_killed_mid_partition_loses_and_repeats_nothing(archive, reference, processes, tmp_path):
    address, client = processes
    pids = client.run(os.getpid)
    proc = _cli_scan(archive, tmp_path / "out", address, "--no-cache")
    victim = None
    deadline = time.monotonic() + 120
    while victim is None and time.monotonic() < deadline and proc.poll() is None:
        for worker, keys in client.processing().items():
            if any(str(k).startswith("check_partition") for k in keys):
                victim = worker
                break
        else:
            time.sleep(0.02)
    assert victim is not None, "no worker was seen checking a partition"
    os.kill(pids[victim], signal.SIGKILL)
    assert proc.poll() is None, "the scan was over before the kill"
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, err
    assert _outputs(tmp_path / "out") == _outputs(reference)  # nothing lost, nothing twice
    assert victim not in client.scheduler_info()["workers"]  # that worker really died (its nanny started another)


# ------------------------------------------------------- optional dependency
def test_without_dask_the_engine_says_how_to_install_it(archive, tmp_path):
    blocker = ("import sys; sys.modules['dask'] = None; sys.modules['distributed'] = None; "
               "from linter.cli import main; sys.argv[0] = 'hedgelint'; main()")
    proc = subprocess.run([sys.executable, "-c", blocker, "scan", str(archive), "--out", str(tmp_path / "out"), "--engine", "dask"],
                          env=ENV, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == ["hedgelint: error: --engine dask needs Dask: pip install 'hedgelint[dask]'"]
    assert not (tmp_path / "out" / "summary.json").exists()


def test_the_local_scan_imports_nothing_from_dask(tmp_path):
    arch = write_jsonl(tmp_path / "a.jsonl", corpus_articles(2))
    probe = ("import sys; from linter.cli import main; sys.argv[0] = 'hedgelint'\n"
             "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
             "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed', 'pyarrow')))")
    proc = subprocess.run([sys.executable, "-c", probe, "scan", str(arch), "--out", str(tmp_path / "out"), "--isolated", "-j", "1", "-q"],
                          env=ENV, capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["0", "[]"], proc.stderr
