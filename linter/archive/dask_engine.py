"""The archive scan on a Dask cluster (`hedgelint scan --engine dask`).

The same Scan, cache and outputs as the local scan; only where articles are
read and checked changes:

- Article files (directories, globs) and CSV archives are read by the client,
  streamed and hashed as in the local scan; only the articles the cache does
  not hold are shipped to the workers, in batches (`DaskExecutor.submit`, the
  executor shape the local scan uses).
- JSONL and Parquet archives are read by the workers, in partitions (byte
  blocks of a JSONL file aligned on line ends, Parquet row groups), so the
  client never reads them. A partition goes through two tasks: the first
  reads it and returns each record's content hash and the partition's line
  count; the client looks the hashes up in its SQLite cache and then sends
  the second, which reads the partition again, numbers its lines from the
  counts of the partitions before it (so error locations and fallback ids
  are those of the local scan), and checks only the records the cache
  lacks. Reading a partition twice costs far less than checking it.

Each worker process keeps one checker (one model load), built on its first
batch: a cached re-scan loads no model anywhere. Results come back in input
order through a bounded window and are written as they arrive; a worker that
dies has its tasks re-run on another by the scheduler, and since the client
takes each partition's result once, in order, nothing is lost or duplicated.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from linter.archive.records import (
    ARCHIVE_KINDS, Article, ArticleError, Fields, article_from_file, article_from_record, expand, jsonl_record,
    read_csv, records_to_articles,
)
from linter.archive.run import ArticleOutcome, Scan, ScanOptions, _Slot
from linter.archive.worker import ArticleChecker, ArticleResult, CheckSettings
from linter.check.config import UsageError

INSTALL_HINT = "--engine dask needs Dask: pip install 'hedgelint[dask]'"
WORKER_ARCHIVES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
DEFAULT_BLOCKSIZE = 4 << 20  # bytes of JSONL per partition: about a thousand news articles


def require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError:
        raise UsageError(INSTALL_HINT) from None


class WorkerMismatch(Exception):
    """A worker would compute other findings than the client's cache key says."""


# ================================================================ worker side
# One checker per worker process and settings, built on first use: the model
# loads once per process. Dask may run several tasks at once in one process
# (a worker with more than one thread); the engine is not made for that, so
# tasks in one process take turns.
_CHECKERS: dict[CheckSettings, ArticleChecker] = {}
_VERIFIED: set[str] = set()
_LOCK = threading.Lock()


def _checker(settings: CheckSettings, options: ScanOptions, expected: str) -> ArticleChecker:
    if expected not in _VERIFIED:
        # The fingerprint as this worker sees it: hedgelint's version, the
        # model and its version, the rule packs, the configuration found from
        # its working directory. Any difference would put other findings in
        # the client's cache under the client's key.
        mine = Scan(options, records=[]).fingerprint
        if mine != expected:
            import socket

            raise WorkerMismatch(
                f"the worker on {socket.gethostname()} (pid {os.getpid()}) has another hedgelint version, model, "
                "rule packs or configuration than this client; install the same on every worker, and pass "
                "--config FILE (on storage the workers read) or --isolated")
        _VERIFIED.add(expected)
    checker = _CHECKERS.get(settings)
    if checker is None:
        checker = _CHECKERS[settings] = ArticleChecker(settings)
    return checker


def check_articles(settings: CheckSettings, options: ScanOptions, expected: str, batch: list[Article]) -> list[ArticleResult]:
    """A batch the client read: the local scan's check, in a worker."""
    with _LOCK:
        return _checker(settings, options, expected).check(batch)


@dataclass(frozen=True)
class Block:
    """One partition of a worker-read archive."""

    kind: str  # jsonl | parquet
    path: str  # as the user gave it (also the display name in errors)
    start: int = 0  # jsonl: byte range [start, end)
    end: int = 0
    group: int = 0  # parquet: row group, and the number of rows before it
    first_row: int = 0
    size: int = 0  # bytes, for progress


def _jsonl_lines(block: Block) -> Iterator[bytes]:
    """Every line that starts inside the block (the convention of dask's
    read_bytes with a delimiter): a line crossing `end` belongs to this block,
    the one crossing `start` to the block before."""
    with open(block.path, "rb") as fh:
        if block.start:
            fh.seek(block.start - 1)
            fh.readline()  # the rest of the previous block's last line
        pos = fh.tell()
        while pos < block.end:
            raw = fh.readline()
            if not raw:
                return
            pos += len(raw)
            yield raw


def _plain(value):
    """Parquet values as JSON would hold them (dates and timestamps as ISO text)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _parquet_rows(block: Block) -> Iterator[dict]:
    import pyarrow.parquet as pq

    table = pq.ParquetFile(block.path).read_row_group(block.group)
    for row in table.to_pylist():
        yield {k: _plain(v) for k, v in row.items()}


def _block_items(block: Block, fields: Fields, offset: int) -> Iterator[Article | ArticleError]:
    """The block's articles and bad records, numbered from `offset` lines (rows) before it."""
    name = Path(block.path).name
    if block.kind == "jsonl":
        for i, raw in enumerate(_jsonl_lines(block), 1):
            n = offset + i
            item = jsonl_record(raw, f"{block.path}:{n}", f"{name}:{n}", fields, first_line=n == 1)
            if item is not None:
                yield item
    else:
        rows = _parquet_rows(block)
        per_row = 0
        for i, row in enumerate(rows, 1):
            n = block.first_row + i
            yield article_from_record(row, fields, f"{block.path}:row {n}", f"{name}:{n}", per_row)


def _unreadable(block: Block, exc: Exception) -> ArticleError:
    where = f"{block.path}:bytes {block.start}-{block.end}" if block.kind == "jsonl" else f"{block.path}:row group {block.group}"
    return ArticleError(None, where, f"the worker cannot read this partition: {getattr(exc, 'strerror', None) or exc}", block.size)


def hash_block(block: Block, fields: Fields) -> tuple[int, list[str | None]]:
    """First pass: the partition's line count and, per line, its record's
    content hash (None for a blank line or a bad record)."""
    digests: list[str | None] = []
    try:
        if block.kind == "jsonl":
            for raw in _jsonl_lines(block):
                item = jsonl_record(raw, "", "", fields, first_line=block.start == 0 and not digests)
                digests.append(item.digest if isinstance(item, Article) else None)
        else:
            for item in _block_items(block, fields, 0):
                digests.append(item.digest if isinstance(item, Article) else None)
    except (OSError, ValueError):  # ValueError: pyarrow's ArrowInvalid, a damaged Parquet file
        pass  # the second pass reports it
    return len(digests), digests


def check_block(settings: CheckSettings, options: ScanOptions, expected: str, block: Block, fields: Fields,
                offset: int, cached: frozenset[str]) -> list:
    """Second pass: each record in order, as an ArticleError, an Article the
    cache holds, or (Article, ArticleResult). Texts stay on the worker."""
    out: list = []
    todo: list[Article] = []
    try:
        for item in _block_items(block, fields, offset):
            if isinstance(item, Article) and item.digest not in cached:
                todo.append(item)
            out.append(item)
    except (OSError, ValueError) as exc:
        return [_unreadable(block, exc)]
    if block.kind == "parquet" and out:
        share = max(1, block.size // len(out))
        for item in out:
            item.size = share
    results = iter(check_articles(settings, options, expected, todo)) if todo else iter(())
    done = []
    for item in out:
        if isinstance(item, Article):
            res = next(results) if item.digest not in cached else None
            item.text = None
            done.append((item, res) if res is not None else item)
        else:
            done.append(item)
    return done


# ================================================================ client side
class DaskExecutor:
    """A Dask client as a scan executor: `submit(batch)` returns a Dask
    future (with the done()/result() the scan waits on). Without a scheduler
    address it starts a LocalCluster of `jobs` worker processes on 127.0.0.1."""

    def __init__(self, settings: CheckSettings, options: ScanOptions, expected: str, jobs: int,
                 scheduler: str | None = None, notice: Callable[[str], None] | None = None):
        require_dask()
        self.settings = settings
        self.options = options
        self.expected = expected
        self.jobs = jobs
        self.scheduler = scheduler
        self.notice = notice
        self.client = None
        self.cluster = None

    @property
    def started(self) -> bool:
        return self.client is not None

    def start(self):
        if self.client is not None:
            return self.client
        import logging

        from distributed import Client, LocalCluster

        if self.scheduler:
            try:
                self.client = Client(self.scheduler, timeout="30s")
            except (OSError, TimeoutError) as exc:
                raise UsageError(f"--scheduler {self.scheduler}: cannot connect ({exc})") from None
        else:
            # Loopback only, and a free port for the dashboard (8787 may be taken).
            # One thread per worker process: the engine runs one document at a time.
            self.cluster = LocalCluster(n_workers=self.jobs, threads_per_worker=1, processes=True, host="127.0.0.1",
                                        dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR)
            self.client = Client(self.cluster)
        if self.notice is not None:
            workers = len(self.client.scheduler_info().get("workers", {}))
            where = self.scheduler or "a local cluster on 127.0.0.1"
            self.notice(f"hedgelint: Dask: {workers} worker{'s' if workers != 1 else ''} on {where}")
            if "dashboard" in self.client.scheduler_info().get("services", {}):
                self.notice(f"hedgelint: Dask dashboard: {self.client.dashboard_link}")
        return self.client

    def workers(self) -> int:
        return max(1, len(self.start().scheduler_info().get("workers", {})))

    def submit(self, batch: list[Article]):
        return self.start().submit(check_articles, self.settings, self.options, self.expected, batch, pure=False)

    def submit_hash(self, block: Block, fields: Fields):
        return self.start().submit(hash_block, block, fields, pure=False)

    def submit_block(self, block: Block, fields: Fields, offset: int, cached: frozenset[str]):
        return self.start().submit(check_block, self.settings, self.options, self.expected, block, fields, offset,
                                   cached, pure=False)

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
            self.client = None
        if self.cluster is not None:
            self.cluster.close()
            self.cluster = None


def plan_blocks(path: Path, display: str, blocksize: int) -> list[Block]:
    """A worker-read archive's partitions, from its size or its Parquet footer
    (the client reads no record)."""
    kind = WORKER_ARCHIVES[path.suffix.lower()]
    if kind == "jsonl":
        size = path.stat().st_size
        return [Block("jsonl", display, s, min(size, s + blocksize), size=min(size, s + blocksize) - s)
                for s in range(0, size, blocksize)]
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"{display}: reading Parquet needs pyarrow: pip install 'hedgelint[dask]'") from None
    meta = pq.read_metadata(str(path))
    blocks, rows = [], 0
    for g in range(meta.num_row_groups):
        rg = meta.row_group(g)
        blocks.append(Block("parquet", display, group=g, first_row=rows, size=rg.total_byte_size))
        rows += rg.num_rows
    return blocks


def _drop(items: list, obj) -> None:
    """Remove by identity: slots compare equal field by field, futures and all."""
    for i, x in enumerate(items):
        if x is obj:
            del items[i]
            return


@dataclass(eq=False)
class _BlockSlot:
    block: Block
    prev: "_BlockSlot | None"  # the partition before it in the same JSONL file
    hashing: object = None
    lines: int | None = None
    digests: list = field(default_factory=list)
    hits: dict = field(default_factory=dict)
    offset: int | None = None
    checking: object = None
    results: list | None = None


class DaskScan(Scan):
    """A Scan whose articles are checked on a Dask cluster, and whose JSONL
    and Parquet archives are read there."""

    def __init__(self, options: ScanOptions, scheduler: str | None = None, blocksize: int = DEFAULT_BLOCKSIZE,
                 notice: Callable[[str], None] | None = None, records=None, **kwargs):
        require_dask()
        super().__init__(options, records=records, executor=_Unstarted(), **kwargs)
        worker_options = dataclasses.replace(options, paths=[], out=None, cache=None, use_cache=False)
        self.executor = DaskExecutor(self.check_settings, worker_options, self.fingerprint, self.jobs, scheduler, notice)
        self.blocksize = blocksize

    # ------------------------------------------------------------ inputs
    def _units(self) -> Iterator[Article | ArticleError | Block]:
        """The inputs in the local scan's order: client-read articles, and the
        partitions of worker-read archives."""
        if self.records is not None:
            yield from records_to_articles(self.records, self.o.fields)
            return
        for item in expand(self.o.paths):
            if isinstance(item, ArticleError):
                yield item
                continue
            display = str(item)
            suffix = item.suffix.lower()
            if suffix in WORKER_ARCHIVES:
                try:
                    yield from plan_blocks(item, display, self.blocksize)
                except OSError as exc:
                    yield ArticleError(None, display, f"cannot read: {exc.strerror or exc}")
            elif ARCHIVE_KINDS.get(suffix) == "csv":
                # A CSV record can hold line breaks, so a byte block cannot be
                # cut without reading what precedes it: the client streams it.
                yield from read_csv(item, self.o.fields)
            else:
                a = article_from_file(item, display)
                if isinstance(a, Article) and self.resolver.for_path(item).excluded(item):
                    continue  # the configuration's `exclude`, as check honours it
                yield a

    # ------------------------------------------------------------ the window
    def outcomes(self) -> Iterator[ArticleOutcome]:
        from distributed import wait

        window: deque = deque()
        pending: list[_BlockSlot] = []  # partitions whose check is not yet submitted
        last_in_file: dict[str, _BlockSlot] = {}
        inflight: list = []  # slots holding a future, so counting them does not walk the window
        open_slot: _Slot | None = None
        workers = 0

        def limit() -> int:
            nonlocal workers
            if not self.executor.started:  # an all-cached scan starts no cluster
                return 2 * self.jobs + 2
            if not workers:
                workers = self.executor.workers()
            return 2 * workers + 2

        def submit_batch(slot: _Slot) -> None:
            nonlocal open_slot
            slot.handle = self._submit(slot.articles)
            inflight.append(slot)
            if open_slot is slot:
                open_slot = None

        def futures() -> list:
            out = []
            for s in inflight:
                if isinstance(s, _BlockSlot):
                    out.extend(f for f in (s.hashing, s.checking) if f is not None)
                elif s.handle is not None and not isinstance(s.handle, list):
                    out.append(s.handle)
            return out

        def pump() -> None:
            """Hash results to cache lookups; partitions whose line offset is known to their checks."""
            for s in list(pending):
                if s.lines is None:
                    if not s.hashing.done():
                        continue
                    s.lines, s.digests = s.hashing.result()
                    s.hashing = None
                    if self.cache is not None:
                        for d in set(d for d in s.digests if d):
                            hit = self.cache.get(self.fingerprint, d)
                            if hit is not None:
                                s.hits[d] = hit
                if s.offset is None:
                    if s.block.kind == "parquet" or s.prev is None:
                        s.offset = 0
                    elif s.prev.offset is not None and s.prev.lines is not None:
                        s.offset = s.prev.offset + s.prev.lines
                    else:
                        continue
                self.checked += sum(1 for d in s.digests if d and d not in s.hits)
                s.checking = self.executor.submit_block(s.block, self.o.fields, s.offset, frozenset(s.hits))
                _drop(pending, s)

        def ready(s) -> bool:
            if isinstance(s, _BlockSlot):
                return s.checking is not None and s.checking.done()
            return s.ready()

        def emit(wait_for_head: bool) -> Iterator[ArticleOutcome]:
            while window:
                head = window[0]
                if isinstance(head, _Slot) and head.outcome is None and head.handle is None:
                    if not wait_for_head:
                        return  # still filling
                    submit_batch(head)
                if not ready(head):
                    if not wait_for_head:
                        return
                    pump()
                    if not ready(head):
                        wait(futures(), return_when="FIRST_COMPLETED")
                        pump()
                        continue
                wait_for_head = False
                window.popleft()
                _drop(inflight, head)
                if isinstance(head, _BlockSlot):
                    yield from self._block_outcomes(head)
                elif head.outcome is not None:
                    yield head.outcome
                else:
                    results = head.handle if isinstance(head.handle, list) else head.handle.result()
                    head.handle = None  # let the cluster forget it
                    for article, res in zip(head.articles, results):
                        yield self._store(article, res)

        try:
            for unit in self._units():
                if isinstance(unit, Block):
                    if open_slot is not None:
                        submit_batch(open_slot)
                    prev = last_in_file.get(unit.path) if unit.kind == "jsonl" else None
                    slot = _BlockSlot(unit, prev)
                    last_in_file[unit.path] = slot
                    slot.hashing = self.executor.submit_hash(unit, self.o.fields)
                    window.append(slot)
                    pending.append(slot)
                    inflight.append(slot)
                elif isinstance(unit, ArticleError):
                    window.append(_Slot(outcome=ArticleOutcome(unit.id, None, None, 0, [], False, unit, unit.size)))
                else:
                    key = self._article_key(unit)
                    hit = self.cache.get(self.fingerprint, key) if self.cache else None
                    if hit is not None:
                        err = ArticleError(unit.id, unit.where, hit.error, unit.size) if hit.error else None
                        window.append(_Slot(outcome=ArticleOutcome(unit.id, unit.title, unit.date, hit.words, hit.findings, True, err, unit.size)))
                    else:
                        unit.key = key
                        if open_slot is None:
                            open_slot = _Slot(articles=[])
                            window.append(open_slot)
                        open_slot.articles.append(unit)
                        open_slot.words += len(unit.text.split()) if unit.text else 2000
                        if len(open_slot.articles) >= self.o.batch_articles or open_slot.words >= self.o.batch_words:
                            submit_batch(open_slot)
                pump()
                while len(futures()) >= limit() or len(window) >= 4096:
                    yield from emit(wait_for_head=True)
                yield from emit(wait_for_head=False)
            while window:
                yield from emit(wait_for_head=True)
        except WorkerMismatch as exc:
            raise UsageError(str(exc)) from None
        finally:
            self.close()

    def _block_outcomes(self, slot: _BlockSlot) -> Iterator[ArticleOutcome]:
        items = slot.checking.result()
        slot.checking = None
        for item in items:
            if isinstance(item, ArticleError):
                yield ArticleOutcome(item.id, None, None, 0, [], False, item, item.size)
            elif isinstance(item, Article):
                hit = slot.hits[item.digest]
                err = ArticleError(item.id, item.where, hit.error, item.size) if hit.error else None
                yield ArticleOutcome(item.id, item.title, item.date, hit.words, hit.findings, True, err, item.size)
            else:
                article, res = item
                article.key = article.digest  # a record's cache key is its content hash (Scan._article_key)
                yield self._store(article, res)


class _Unstarted:
    """A placeholder while Scan.__init__ runs; DaskScan replaces it."""

    started = False

    def close(self) -> None:
        pass
