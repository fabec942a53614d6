"""Where batches of articles are checked. An executor's `submit(batch)`
returns the results list at once (in this process) or a future with
`done()` and `result()` (worker processes; a Dask client's futures have
the same two methods). Each starts lazily, on the first batch, so a scan
whose articles are all cached never loads a model.
"""

from __future__ import annotations

from linter.archive.records import Article
from linter.archive.worker import ArticleChecker, ArticleResult, CheckSettings, check_batch, init_worker


class InProcess:
    """jobs=1: the checker (and its model) lives in this process."""

    def __init__(self, settings: CheckSettings, engine_factory=None):
        self.settings = settings
        self.engine_factory = engine_factory
        self._checker: ArticleChecker | None = None

    @property
    def started(self) -> bool:
        return self._checker is not None

    def submit(self, batch: list[Article]) -> list[ArticleResult]:
        if self._checker is None:
            self._checker = ArticleChecker(self.settings, self.engine_factory)
        return self._checker.check(batch)

    def close(self) -> None:
        pass


class ProcessPool:
    """jobs=N: N worker processes, each with one checker and one model load."""

    def __init__(self, settings: CheckSettings, jobs: int):
        self.settings = settings
        self.jobs = jobs
        self._pool = None

    @property
    def started(self) -> bool:
        return self._pool is not None

    def submit(self, batch: list[Article]):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: a notebook or a caller may hold threads or a loaded model
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                initializer=init_worker, initargs=(self.settings,),
            )
        return self._pool.submit(check_batch, batch)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
