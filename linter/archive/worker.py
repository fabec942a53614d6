"""Checking articles: the same engine and check layer as `hedgelint check`.

An ArticleChecker holds one CheckSession (configuration, selection,
severity, inline suppressions, quotes) and one Engine, so an article's
findings are exactly what `check` reports for the same text. Worker
processes each build one and keep it: the model loads once per process.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from pathlib import Path

from linter.archive.records import Article
from linter.core.finding import Finding


@dataclass(frozen=True)
class CheckSettings:
    """What a worker needs to build its checker; picklable for worker processes."""

    model: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    config: str | None = None
    isolated: bool = False
    estimative: bool = False
    prefilter: bool = True
    profile: bool = False  # also every sentence's status (scan --profile): every paragraph parsed
    # where a record with no path of its own finds its configuration (None:
    # this process's working directory); a Dask worker is given the client's
    cwd: str | None = None


@dataclass
class ArticleResult:
    id: str
    digest: str
    words: int
    findings: list[dict] = field(default_factory=list)
    error: str | None = None
    profile: dict | None = None  # sentences per status, with --profile


def words_in(text: str) -> int:
    return len(text.split())


def finding_record(f: Finding) -> dict:
    """A Finding as the scan stores it: the JSON record, plus the sentence it
    sits in (the report highlights it) and each suggestion's rewrite."""
    d = f.to_dict()
    d["sentence"] = f.sentence
    d["sentence_start"] = f.sentence_start
    for out, edit in zip(d["suggestions"], f.suggestions):
        out["preview"] = edit.preview
    return d


def _default_engine(model=None, **kwargs):
    from linter.core.engine import DEFAULT_MODEL, Engine

    return Engine(model=model or DEFAULT_MODEL, **kwargs)


class ArticleChecker:
    def __init__(self, settings: CheckSettings, engine_factory=None):
        from linter.check.session import CheckOptions, CheckSession

        options = CheckOptions(
            paths=[], model=settings.model, select=list(settings.select), ignore=list(settings.ignore),
            config=Path(settings.config) if settings.config else None, isolated=settings.isolated,
            estimative=settings.estimative, prefilter=settings.prefilter,
        )
        self.session = CheckSession(options, engine_factory or _default_engine, cwd=Path(settings.cwd) if settings.cwd else None)
        self.profile = settings.profile

    @property
    def engine(self):
        return self.session._engine()

    def _document(self, article: Article):
        from linter.sources import SourceError, attach_reader, open_document, text_document

        if article.text is None:
            try:
                doc = open_document(Path(article.path), article.id)
            except SourceError as exc:
                return exc
            return doc
        doc = text_document(article.text, article.id, article.kind)
        if article.path:
            doc.source_path = Path(article.path)  # per-file configuration (overrides, excludes) applies
        return attach_reader(doc)

    def check(self, articles: list[Article]) -> list[ArticleResult]:
        """Results for a batch, in order. A crash on one article (a bug in a
        rule, a reader) costs only that article: the batch is re-run one by
        one and the culprit gets the error."""
        try:
            return self._check(articles)
        except Exception:
            if len(articles) == 1:
                a = articles[0]
                last = traceback.format_exc().strip().splitlines()[-1]
                return [ArticleResult(a.id, a.digest, words_in(a.text or ""), [], f"internal error while checking: {last}")]
            out = []
            for a in articles:
                out.extend(self.check([a]))
            return out

    def _check(self, articles: list[Article]) -> list[ArticleResult]:
        from linter.check.filters import FileFilter

        docs = [self._document(a) for a in articles]
        results = []
        for article, res in zip(articles, self.engine.check_documents(docs)):
            if res.error is not None:
                results.append(ArticleResult(article.id, article.digest, 0, [], res.error.message))
                continue
            findings = FileFilter(self.session, res, report=False).filter(res.findings)
            if article.text is not None:
                words = words_in(article.text)
            else:
                words = sum(words_in(b.source) for b in res.document.blocks())
            profile = self._profile(res.document) if self.profile else None
            results.append(ArticleResult(article.id, article.digest, words, [finding_record(f) for f in findings], profile=profile))
        return results

    def _profile(self, document) -> dict:
        """Sentences per status over the article: the same analysis `analyze`
        shows, on every paragraph (the prefilter cannot skip any here)."""
        from linter.core.engine import analysable
        from linter.core.status import STATUSES, profile

        nlp = self.engine.nlp
        total = {"sentences": 0, **{s: 0 for s in STATUSES}}
        texts = (analysable(b.text) for b in document.blocks())
        for doc in nlp.pipe(texts, batch_size=32):
            for k, v in profile(doc).items():
                total[k] = total.get(k, 0) + v
        return total


# ---------------------------------------------------------- worker processes
_CHECKER: ArticleChecker | None = None


def init_worker(settings: CheckSettings) -> None:
    """Process-pool initializer: one checker, one model load, per process."""
    global _CHECKER
    import signal

    # Ctrl-C goes to the scan, which stops the pool; a worker that also
    # caught it would print a traceback per process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _CHECKER = ArticleChecker(settings)
    _CHECKER.engine.nlp  # load now, not inside the first batch's timing


def check_batch(articles: list[Article]) -> list[ArticleResult]:
    assert _CHECKER is not None, "init_worker did not run"
    return _CHECKER.check(articles)
