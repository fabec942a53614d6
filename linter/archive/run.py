"""One archive scan: articles in, per-article results out, in input order.

Each article is hashed and looked up in the cache; only the ones not there
are checked, in batches, in this process (`jobs=1`) or in worker
processes that each load the model once. Nothing is loaded until the
first article that is not in the cache, so a re-scan of an unchanged
archive only reads and hashes. Results come back in input order through a
bounded window, so memory does not grow with the archive and the outputs
are the same whatever the number of jobs.
"""

from __future__ import annotations

import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from linter import __version__
from linter.archive.cache import ScanCache, cache_path, fingerprint, model_version, pack_digest
from linter.archive.records import Article, ArticleError, Fields, read_articles, records_to_articles
from linter.archive.executors import InProcess, ProcessPool
from linter.archive.worker import ArticleResult, CheckSettings


@dataclass
class ScanOptions:
    paths: list[str] = field(default_factory=list)
    out: Path | None = None
    fields: Fields = field(default_factory=Fields)
    jobs: int | None = None  # None: all cores
    prefilter: bool = True
    cache: Path | None = None  # default: OUT/cache.sqlite
    use_cache: bool = True
    model: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    config: Path | None = None
    isolated: bool = False
    estimative: bool = False
    profile: bool = False  # every sentence's status too (slower: every paragraph parsed)
    batch_words: int = 8000  # words per batch handed to a worker
    batch_articles: int = 32
    engine: str = "local"  # or "dask" (linter/archive/dask_engine.py)
    scheduler: str | None = None  # a Dask scheduler's address; None: a local cluster of `jobs` workers
    blocksize: int | None = None  # bytes of JSONL per Dask partition (None: 4 MiB)


@dataclass
class ArticleOutcome:
    """One article as the outputs see it."""

    id: str | None
    title: str | None
    date: str | None
    words: int
    findings: list[dict]
    cached: bool
    error: ArticleError | None = None
    size: int = 0
    profile: dict | None = None

    def row(self) -> dict:
        out = {"id": self.id, "title": self.title, "date": self.date, "words": self.words}
        if self.profile is not None:
            out["profile"] = self.profile
        return out

    def records(self) -> Iterator[dict]:
        """findings.jsonl records: the article's fields, then the Finding record."""
        for f in self.findings:
            # `path` is this article's: a cached result may come from an
            # identical article elsewhere in the archive
            yield {"article": self.id, "title": self.title, "date": self.date, **f, "path": self.id}


def error_outcome(e: ArticleError) -> ArticleOutcome:
    return ArticleOutcome(e.id, None, None, 0, [], False, e, e.size)


def cached_outcome(a: Article, hit) -> ArticleOutcome:
    """An article whose result the cache holds."""
    err = ArticleError(a.id, a.where, hit.error, a.size) if hit.error else None
    return ArticleOutcome(a.id, a.title, a.date, hit.words, hit.findings, True, err, a.size, hit.profile)


@dataclass
class _Slot:
    """A place in the output order: a finished outcome, or a batch to check."""

    outcome: ArticleOutcome | None = None
    articles: list[Article] = field(default_factory=list)
    handle: object = None  # None while filling; then the results list or a Future
    words: int = 0

    @property
    def busy(self) -> bool:
        """Holds work submitted to an executor (counted against the window's limit)."""
        return self.handle is not None

    def ready(self) -> bool:
        return self.outcome is not None or isinstance(self.handle, list) or (self.handle is not None and self.handle.done())

    def emit(self, scan: "Scan") -> Iterator[ArticleOutcome]:
        if self.outcome is not None:
            yield self.outcome
            return
        results = self.handle if isinstance(self.handle, list) else self.handle.result()
        self.handle = None  # a cluster may forget the future once its result is here
        for article, res in zip(self.articles, results):
            yield scan._store(article, res)


def settings_key(s) -> str:
    """The part of a resolved configuration that decides findings."""
    return fingerprint({"select": s.select, "ignore": s.ignore, "severity": s.severity, "quotes": s.quotes})


def settings_fingerprint(c: CheckSettings, settings_cwd) -> str:
    """The cache key's half that is not the article: hedgelint's version, the
    model and its version, the rule packs, the options and the configuration
    found from the working directory. A Dask worker computes it too, to
    refuse work when its installation would find other findings."""
    from linter.core.models import DEFAULT_MODEL
    from linter.core.rule_files import builtin_rules_dir, pack_files

    model = c.model or settings_cwd.model or DEFAULT_MODEL
    packs = pack_files([builtin_rules_dir()]) + pack_files(sorted(set(settings_cwd.rule_packs)))
    return fingerprint({
        "hedgelint": __version__, "model": model, "model_version": model_version(model),
        "packs": pack_digest(packs), "select": list(c.select), "ignore": list(c.ignore),
        "estimative": c.estimative, "prefilter": c.prefilter, "profile": c.profile,
        "config": settings_key(settings_cwd),
    })


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Scan:
    def __init__(self, options: ScanOptions, engine_factory=None, records: Iterable[dict] | None = None, executor=None):
        from linter.check.config import ConfigResolver

        self.o = options
        self.records = records
        self.engine_factory = engine_factory
        self.resolver = ConfigResolver(options.config, options.isolated)
        self.settings_cwd = self.resolver.for_dir(Path.cwd())
        self.check_settings = CheckSettings(
            model=options.model, select=tuple(options.select), ignore=tuple(options.ignore),
            config=str(options.config) if options.config else None, isolated=options.isolated,
            estimative=options.estimative, prefilter=options.prefilter, profile=options.profile,
        )
        self.jobs = options.jobs or default_jobs()
        if executor is not None:
            self.executor = executor
        elif self.jobs <= 1:
            self.executor = InProcess(self.check_settings, engine_factory)
        else:
            self.executor = ProcessPool(self.check_settings, self.jobs)
        self.fingerprint = self._fingerprint()
        self.cache: ScanCache | None = None
        if options.use_cache and (options.cache or options.out):
            self.cache = ScanCache(cache_path(options.out, options.cache))
        self.checked = 0  # articles that were not in the cache

    # ------------------------------------------------------------- keys
    def _fingerprint(self) -> str:
        return settings_fingerprint(self.check_settings, self.settings_cwd)


    def _article_key(self, a: Article) -> str:
        """The content hash, and for a file the configuration that applies to its path."""
        if a.path is None:
            return a.digest
        return fingerprint({"digest": a.digest, "settings": settings_key(self.resolver.for_path(Path(a.path)))})

    # ------------------------------------------------------------ checking
    def _articles(self) -> Iterator[Article | ArticleError]:
        if self.records is not None:
            yield from records_to_articles(self.records, self.o.fields)
            return
        for a in read_articles(self.o.paths, self.o.fields):
            if self._keep(a):
                yield a

    def _keep(self, a: Article | ArticleError) -> bool:
        """False for a file the configuration's `exclude` names, as check honours it."""
        return not (isinstance(a, Article) and a.path and self.resolver.for_path(Path(a.path)).excluded(Path(a.path)))

    def _submit(self, batch: list[Article]):
        """A handle for a batch's results: a list (in process) or a future."""
        self.checked += len(batch)
        return self.executor.submit(batch)

    @property
    def model_loaded(self) -> bool:
        return self.executor.started

    # Hooks for an engine that reads part of the input elsewhere (the Dask
    # engine's partitions): the units to scan, a window slot for a unit that
    # is neither an article nor an error, a step that moves such slots on,
    # and a wait until the head slot is ready. Here every unit is an article
    # or an error, and waiting is `result()` on the head batch.
    def _units(self) -> Iterator:
        return self._articles()

    def _unit_slot(self, unit):
        raise TypeError(f"not an article: {unit!r}")

    def _advance(self, window) -> None:
        pass

    def _wait_for(self, slot, window) -> None:
        pass

    def start(self, notice: Callable[[str], None] | None = None) -> None:
        """Connect to whatever runs the checks before the first article is read
        (the Dask engine's cluster); local workers start on the first batch."""

    def _window_batches(self) -> int:
        """Batches in flight at most: enough to keep every worker busy."""
        return 2 * self.jobs + 1

    def outcomes(self) -> Iterator[ArticleOutcome]:
        """Every article's outcome, in input order."""
        # The window holds, in input order, finished outcomes and batches of
        # articles to check. The batch being filled already has its place,
        # so a cached article read after it cannot overtake it.
        window: deque[_Slot] = deque()
        open_slot: _Slot | None = None
        limit_items = 4096

        def submit(slot: _Slot) -> None:
            nonlocal open_slot
            slot.handle = self._submit(slot.articles)
            if open_slot is slot:
                open_slot = None

        def close_open_batch() -> None:
            """An outcome queued behind the batch being filled: that batch takes
            no more articles (a later one would come out before the outcome)."""
            if open_slot is not None:
                submit(open_slot)

        def drain(wait_for_head: bool) -> Iterator[ArticleOutcome]:
            """Emit finished slots from the head; optionally wait for the first."""
            while window:
                slot = window[0]
                if slot is open_slot:  # the batch being filled
                    if not wait_for_head:
                        return
                    submit(slot)
                if not slot.ready():
                    if not wait_for_head:
                        return
                    self._wait_for(slot, window)
                wait_for_head = False
                window.popleft()
                yield from slot.emit(self)

        try:
            for a in self._units():
                if not isinstance(a, (Article, ArticleError)):
                    close_open_batch()
                    window.append(self._unit_slot(a))
                elif isinstance(a, ArticleError):
                    close_open_batch()
                    window.append(_Slot(outcome=error_outcome(a)))
                else:
                    key = self._article_key(a)
                    hit = self.cache.get(self.fingerprint, key) if self.cache else None
                    if hit is not None:
                        close_open_batch()
                        window.append(_Slot(outcome=cached_outcome(a, hit)))
                    else:
                        a.key = key
                        if open_slot is None:
                            open_slot = _Slot(articles=[])
                            window.append(open_slot)
                        open_slot.articles.append(a)
                        open_slot.words += len(a.text.split()) if a.text else 2000
                        if len(open_slot.articles) >= self.o.batch_articles or open_slot.words >= self.o.batch_words:
                            submit(open_slot)
                self._advance(window)
                in_flight = sum(1 for s in window if s.busy)
                if in_flight >= self._window_batches() or len(window) >= limit_items:
                    yield from drain(wait_for_head=True)
                yield from drain(wait_for_head=False)
            while window:
                yield from drain(wait_for_head=True)
        finally:
            self.close()

    def _store(self, article: Article, res: ArticleResult) -> ArticleOutcome:
        if self.cache is not None:
            self.cache.put(self.fingerprint, article.key, res.words, res.findings, res.error, res.profile)
        err = ArticleError(article.id, article.where, res.error, article.size) if res.error else None
        return ArticleOutcome(article.id, article.title, article.date, res.words, res.findings, False, err, article.size, res.profile)

    def close(self) -> None:
        self.executor.close()
        if self.cache is not None:
            self.cache.close()
            self.cache = None

    def rule_info(self) -> dict[str, tuple[str, str]]:
        """Rule id -> (name, category), read from the packs without the model or spaCy."""
        from linter.core.rule_files import builtin_rules_dir, pack_files, rule_index

        try:
            files = pack_files([builtin_rules_dir()]) + pack_files(sorted(set(self.settings_cwd.rule_packs)))
        except Exception:
            return {}
        return rule_index(files)


def scan(paths_or_records, *, out: str | Path | None = None, jobs: int | None = 1, prefilter: bool = True,
         cache: str | Path | None = None, text_field: str | None = None, id_field: str | None = None,
         date_field: str | None = None, title_field: str | None = None, select: list[str] | None = None,
         ignore: list[str] | None = None, config: str | Path | None = None, model: str | None = None,
         on_error: Callable[[dict], None] | None = None) -> Iterator[dict]:
    """Scan an archive from Python; yields the records findings.jsonl holds.

    `paths_or_records` is a path, a list of paths (files, directories, globs,
    .jsonl or .csv archives) or an iterable of dicts (one article each, read
    like JSONL records). Nothing is written unless `out` or `cache` is given
    (then results are cached there). Articles that cannot be checked are
    passed to `on_error` as errors.jsonl records, or skipped.
    """
    fields = Fields(text_field, id_field, date_field, title_field)
    records = None
    if isinstance(paths_or_records, (str, os.PathLike)):
        paths = [str(paths_or_records)]
    else:
        items = iter(paths_or_records)
        first = next(items, None)
        if first is None:
            return
        import itertools

        rest = itertools.chain([first], items)
        if isinstance(first, dict):
            paths, records = [], rest
        else:
            paths = [str(p) for p in rest]
    options = ScanOptions(paths=paths, out=Path(out) if out else None, fields=fields, jobs=jobs, prefilter=prefilter,
                          cache=Path(cache) if cache else None, use_cache=bool(out or cache), model=model,
                          select=list(select or []), ignore=list(ignore or []), config=Path(config) if config else None)
    s = Scan(options, records=records)
    for outcome in s.outcomes():
        if outcome.error is not None and on_error is not None:
            on_error(outcome.error.to_dict())
        yield from outcome.records()
