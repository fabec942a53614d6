"""`hedgelint scan --engine dask`: the archive scan on a Dask cluster.

It is the local Scan (the same in-order window, cache, outputs and
progress) with a Dask client as its executor:

- Article files and CSV archives are read by the client, streamed and
  hashed as in the local scan; the articles the cache lacks go to the
  workers in batches (`DaskExecutor.submit`, the executor seam of the
  local scan). A CSV record may hold line breaks, so a CSV file cannot be
  cut into byte blocks without reading what precedes each cut.
- JSONL and Parquet archives are read by the workers, in partitions
  (linter/archive/partitions.py). A partition takes two tasks: the first
  returns its records' content hashes and its line count; the client looks
  the hashes up in its cache, and once the lines before the partition are
  counted, sends the second, which reads it again, numbers its lines like
  the local scan and checks the records the cache lacks. Reading a
  partition twice costs far less than checking it.

Each worker process builds one checker (one model load) on its first batch
and keeps it, so a re-scan served by the cache loads no model. A worker
that dies has its tasks re-run elsewhere by the scheduler (the nanny
restarts it); the client takes each task's result once, in input order,
and writes it at once, so nothing is lost, duplicated or held in memory.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from linter.archive.partitions import DEFAULT_BLOCKSIZE, Partition, line_digests, partitioned, plan, read_all
from linter.archive.records import Article, ArticleError, expand, read_path
from linter.archive.run import ArticleOutcome, Scan, ScanOptions, cached_outcome, error_outcome
from linter.archive.worker import ArticleChecker, ArticleResult, CheckSettings
from linter.check.config import UsageError

INSTALL_HINT = "--engine dask needs Dask: pip install 'hedgelint[dask]'"
# What the LocalCluster's workers change in the Dask configuration
WORKER_CONFIG = {"distributed": {"worker": {"profile": {"enabled": False}}}}


def require_dask() -> None:
    """One line and exit 2 (UsageError) when Dask is not installed."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(INSTALL_HINT) from None


class WorkerMismatch(Exception):
    """A worker would find other findings than the client's cache key says."""


# ================================================================ worker side
# One checker per worker process and settings, built on first use. A worker
# started with more than one thread could run two tasks at once in one
# process; the engine is not made for that, so they take turns (start
# workers with --nthreads 1 and one process per core).
_CHECKERS: dict[CheckSettings, ArticleChecker] = {}
_VERIFIED: set[str] = set()
_LOCK = threading.Lock()


def _checker(settings: CheckSettings, expected: str) -> ArticleChecker:
    if expected not in _VERIFIED:
        # The cache key as this worker sees it: hedgelint's version, the model
        # and its version, the rule packs, the configuration found from the
        # client's directory. A difference would put other findings in the
        # client's cache under the client's key.
        from linter.archive.run import settings_fingerprint
        from linter.check.config import ConfigResolver

        resolver = ConfigResolver(Path(settings.config) if settings.config else None, settings.isolated)
        mine = settings_fingerprint(settings, resolver.for_dir(Path(settings.cwd or os.getcwd())))
        if mine != expected:
            import socket

            raise WorkerMismatch(
                f"the Dask worker on {socket.gethostname()} (pid {os.getpid()}) has another hedgelint version, model, "
                "rule packs or configuration than this client; install the same on every worker and run the scan "
                "from a directory the workers see at the same path, or pass --config FILE (on storage they read) or --isolated")
        _VERIFIED.add(expected)
    checker = _CHECKERS.get(settings)
    if checker is None:
        checker = _CHECKERS[settings] = ArticleChecker(settings)
    return checker


def check_articles(settings: CheckSettings, expected: str, batch: list[Article]) -> list[ArticleResult]:
    """A batch the client read: the local scan's check, in a worker."""
    with _LOCK:
        return _checker(settings, expected).check(batch)


def hash_partition(part: Partition, fields) -> tuple[int, list[str | None]]:
    return line_digests(part, fields)


def _batches(articles: list[Article], most: int, words: int) -> Iterator[list[Article]]:
    batch, n = [], 0
    for a in articles:
        batch.append(a)
        n += len(a.text.split()) if a.text else 2000
        if len(batch) >= most or n >= words:
            yield batch
            batch, n = [], 0
    if batch:
        yield batch


def check_partition(settings: CheckSettings, expected: str, part: Partition, fields, first_line: int,
                    cached: frozenset[str], batch_articles: int = 32, batch_words: int = 8000) -> list:
    """The second pass: each record in order, as an ArticleError, an Article
    the cache holds, or (Article, ArticleResult). Texts stay on the worker."""
    out = read_all(part, fields, first_line)
    todo = [a for a in out if isinstance(a, Article) and a.digest not in cached]
    # In the local scan's batch sizes: one call on a thousand articles ran
    # about 12% slower than the same articles 32 at a time.
    results = iter([r for batch in _batches(todo, batch_articles, batch_words) for r in check_articles(settings, expected, batch)])
    done = []
    for item in out:
        if isinstance(item, Article):
            res = next(results) if item.digest not in cached else None
            item.text = None
            done.append((item, res) if res is not None else item)
        else:
            done.append(item)
    return done


def load_checker(settings: CheckSettings, expected: str) -> float:
    """Build this worker's checker and load its model now; the seconds it took
    (the benchmark's per-worker start-up)."""
    import time

    start = time.perf_counter()
    with _LOCK:
        _checker(settings, expected).engine.nlp
    return time.perf_counter() - start


# ================================================================ client side
class DaskExecutor:
    """A Dask client as a scan executor: `submit(batch)` returns a Dask
    future, whose done() and result() the scan's window waits on. Without a
    scheduler address it starts a LocalCluster of `jobs` worker processes on
    127.0.0.1, one thread each."""

    def __init__(self, settings: CheckSettings, expected: str, jobs: int, scheduler: str | None = None):
        require_dask()
        self.settings = settings
        self.expected = expected
        self.jobs = jobs
        self.scheduler = scheduler
        self.client = None
        self.cluster = None
        self.batch_articles, self.batch_words = 32, 8000  # the scan's, set by DaskScan

    @property
    def started(self) -> bool:
        return self.client is not None

    def start(self, notice: Callable[[str], None] | None = None):
        if self.client is not None:
            return self.client
        import logging

        import dask.config
        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="30s")
            except (OSError, TimeoutError, ValueError) as exc:
                raise UsageError(f"--scheduler {self.scheduler}: cannot connect to a Dask scheduler there ({exc})") from None
        else:
            # Loopback only; the dashboard on a free loopback port (8787 may be taken).
            # The workers' statistical profiler samples every thread's stack every
            # 10 ms, which cost 10-15% of a worker's time checking articles: off.
            self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                                        dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                                        # a Nanny's config replaces whole top-level sections: give it all of them
                                        config=dask.config.merge(dask.config.config, WORKER_CONFIG))
            self.client = Client(self.cluster)
        if notice is not None:
            info = self.client.scheduler_info()
            n = len(info.get("workers", {}))
            where = f"the scheduler at {self.scheduler}" if self.scheduler else "a local cluster on 127.0.0.1"
            notice(f"hedgelint: Dask: {n} worker{'' if n == 1 else 's'} on {where}")
            if "dashboard" in info.get("services", {}):
                notice(f"hedgelint: Dask dashboard: {self.client.dashboard_link}")
        return self.client

    def workers(self) -> int:
        return len(self.start().scheduler_info().get("workers", {}))

    def submit(self, batch: list[Article]):
        # A worker opens (a .docx, a large file) or finds the configuration of an
        # article file by its path: absolute, since its directory is not ours.
        batch = [dataclasses.replace(a, path=os.path.abspath(a.path)) if a.path else a for a in batch]
        return self.start().submit(check_articles, self.settings, self.expected, batch, pure=False)

    def submit_hash(self, part: Partition, fields):
        return self.start().submit(hash_partition, part, fields, pure=False)

    def submit_check(self, part: Partition, fields, first_line: int, cached: frozenset[str]):
        return self.start().submit(check_partition, self.settings, self.expected, part, fields, first_line, cached,
                                   self.batch_articles, self.batch_words, pure=False)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


@dataclass(eq=False)
class _PartitionSlot:
    """A worker-read partition's place in the scan's window."""

    part: Partition
    prev: "_PartitionSlot | None"  # the block before it in the same JSONL file, until its lines are counted
    hashing: object = None  # the first pass's future
    lines: int | None = None
    first_line: int | None = None
    hits: dict = field(default_factory=dict)  # digest -> CachedResult
    checking: object = None  # the second pass's future
    todo: int = 0  # records the cache lacks
    busy = True  # always holds a task on the cluster

    def advance(self, scan: "DaskScan") -> bool:
        """Move on without waiting: the hashes to cache lookups; once the lines
        before it are counted, the check. True when the check is submitted."""
        if self.checking is not None:
            return True
        if self.lines is None:
            if not self.hashing.done():
                return False
            self.lines, digests = self.hashing.result()
            self.hashing = None
            if scan.cache is not None:
                for d in set(filter(None, digests)):
                    hit = scan.cache.get(scan.fingerprint, d)  # a record's cache key is its content hash
                    if hit is not None:
                        self.hits[d] = hit
            self.todo = sum(1 for d in digests if d and d not in self.hits)
        if self.first_line is None:
            if self.part.kind == "parquet" or self.prev is None:
                self.first_line = 0
            elif self.prev.first_line is not None and self.prev.lines is not None:
                self.first_line = self.prev.first_line + self.prev.lines
            else:
                return False
            self.prev = None  # a chain of every block of the file would otherwise stay in memory
        scan.checked += self.todo
        self.checking = scan.executor.submit_check(self.part, scan.o.fields, self.first_line, frozenset(self.hits))
        return True

    def futures(self) -> list:
        return [f for f in (self.hashing, self.checking) if f is not None]

    def ready(self) -> bool:
        return self.checking is not None and self.checking.done()

    def emit(self, scan: "DaskScan") -> Iterator[ArticleOutcome]:
        items = self.checking.result()
        self.checking = None
        for item in items:
            if isinstance(item, ArticleError):
                yield error_outcome(item)
            elif isinstance(item, Article):
                yield cached_outcome(item, self.hits[item.digest])
            else:
                article, res = item
                article.key = article.digest
                yield scan._store(article, res)
        self.hits = {}  # the next block of the file keeps this slot for its numbering only


class DaskScan(Scan):
    """A Scan whose articles are checked on a Dask cluster, and whose JSONL
    and Parquet archives are read there."""

    def __init__(self, options: ScanOptions, scheduler: str | None = None, blocksize: int = DEFAULT_BLOCKSIZE, records=None):
        require_dask()
        super().__init__(options, records=records, executor=_NotYet())
        # Workers find the configuration a record takes from the client's directory.
        self.check_settings = dataclasses.replace(self.check_settings, cwd=str(Path.cwd()))
        self.executor = DaskExecutor(self.check_settings, self.fingerprint, self.jobs, scheduler)
        self.executor.batch_articles, self.executor.batch_words = options.batch_articles, options.batch_words
        self.blocksize = blocksize
        self._pending: list[_PartitionSlot] = []  # partitions whose check is not yet submitted
        self._last_block: dict[str, _PartitionSlot] = {}

    def start(self, notice: Callable[[str], None] | None = None) -> None:
        self.executor.start(notice)
        self.jobs = max(1, self.executor.workers())

    def _window_batches(self) -> int:
        return 2 * self.jobs + 2

    def _units(self) -> Iterator:
        if self.records is not None:
            yield from super()._units()
            return
        for item in expand(self.o.paths):
            if isinstance(item, Path) and partitioned(item):
                try:
                    # --blocksize is taken as given; the default is cut finer for a small archive
                    yield from plan(item, str(item), self.blocksize, 1 if self.o.blocksize else 16 * self.jobs)
                except (OSError, ValueError) as exc:  # ValueError: pyarrow cannot read the footer
                    yield ArticleError(None, str(item), f"cannot read: {getattr(exc, 'strerror', None) or exc}")
                continue
            for a in read_path(item, self.o.fields):
                if self._keep(a):
                    yield a

    def _unit_slot(self, part: Partition) -> _PartitionSlot:
        # a file's first block starts the numbering again (a file named twice is read twice, as locally)
        prev = self._last_block.get(part.path) if part.kind == "jsonl" and part.start else None
        slot = _PartitionSlot(part, prev, hashing=self.executor.submit_hash(part, self.o.fields))
        self._last_block[part.path] = slot
        self._pending.append(slot)
        return slot

    def _advance(self, window) -> None:
        # in order: a block's line numbering needs the blocks before it
        self._pending = [s for s in self._pending if not s.advance(self)]

    def _wait_for(self, slot, window) -> None:
        from distributed import wait

        def futures(s) -> list:
            if isinstance(s, _PartitionSlot):
                return s.futures()
            return [s.handle] if s.handle is not None and not isinstance(s.handle, list) else []

        self._advance(window)
        while not slot.ready():
            # The head's own work (never empty until it is emitted), and what is
            # still running further on: a later partition that finished before
            # the head would otherwise end every wait at once.
            others = [f for s in window if s is not slot for f in futures(s) if not f.done()]
            wait(futures(slot) + others, return_when="FIRST_COMPLETED")
            self._advance(window)

    def outcomes(self) -> Iterator[ArticleOutcome]:
        from distributed import KilledWorker

        try:
            yield from super().outcomes()
        except WorkerMismatch as exc:
            raise UsageError(str(exc)) from None
        except KilledWorker as exc:
            # the scheduler's allowed-failures: the same task took down worker after worker
            raise UsageError(f"Dask gave up on a task whose workers kept dying ({exc}); what was done is cached, "
                             "so the same command resumes (look for memory limits in the workers' logs)") from None

    def close(self) -> None:
        super().close()
        self._pending.clear()
        self._last_block.clear()


class _NotYet:
    """The executor while Scan.__init__ runs; DaskScan puts its own in place."""

    started = False

    def close(self) -> None:
        pass
