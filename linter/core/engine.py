"""Documents in, findings out: the one engine behind every front end.

The engine loads the spaCy pipeline once per process (without the components
hedgelint does not use), adds the hedgelint component, and streams blocks of
any number of documents through `nlp.pipe` in batches. The tokenizer alone
decides which paragraphs could match a trigger; only those reach the tagger
and parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from linter.core.finding import Edit, Finding, InputError
from linter.core.models import DEFAULT_MODEL, install_hint, is_installed
from linter.core.pipeline import Hit, HedgelintComponent
from linter.core.safe_edit import to_source
from linter.sources import Block, Document, SourceError

# Components hedgelint never runs on every paragraph; excluding the sentence
# recogniser and disabling the entity recogniser roughly halves parse time.
# The entity recogniser stays loaded: the hedgelint component calls it on
# the few paragraphs whose topic it must place (pipeline.py).
_EXCLUDE = ["senter"]
_DISABLE = ["ner"]


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Invisible format characters (zero-width space, joiners, word joiner, BOM,
# bidi marks) beside a space or at the edge of a block: spaCy makes each a
# token of its own or glues it to the word ("the\u200c"), so the parse and
# every lexicon match around it go wrong, and a hedge the fixer inserted
# beside one is not seen ("reportedly reportedly ..." on every --fix). A space
# in its place keeps every offset; one between two letters stays, since a
# space there would split the word.
_FORMAT = "\u200b-\u200f\u2060-\u2064\ufeff\u202a-\u202e\u2066-\u2069"
_FORMAT_RUN = re.compile(f"[{_FORMAT}]+")


# Line breaks other than CR and LF (line and paragraph separators, vertical
# tab, form feed, NEL) left in a block: the parser reads each as a boundary,
# so "There is\u2028no doubt that" loses "There is" and the fix deletes only
# "no doubt that". Like a wrapped LF, each is a space to the parser.
_OTHER_BREAKS = re.compile("[\u2028\u2029\x0b\x0c\x1c-\x1e\x85]")


def analysable(text: str) -> str:
    """A block's analysis text as the tokenizer should see it, offsets unchanged."""
    text = _LONE_SURROGATE.sub("\ufffd", text)
    text = _OTHER_BREAKS.sub(" ", text)
    def space(m: re.Match) -> str:
        a, b = m.start(), m.end()
        inside_word = 0 < a and b < len(text) and text[a - 1].isalpha() and text[b].isalpha()
        return m.group(0) if inside_word else " " * (b - a)

    return _FORMAT_RUN.sub(space, text)


class ModelError(RuntimeError):
    """The requested spaCy pipeline is not installed (or not an English pipeline)."""


@dataclass
class FileResult:
    document: Document | None
    path: str
    findings: list[Finding] = field(default_factory=list)
    error: InputError | None = None
    hits: list[Hit] = field(default_factory=list)  # cleared triggers, for `analyze`


def load_nlp(model: str = DEFAULT_MODEL):
    """Load an installed spaCy pipeline by package name or path; never downloads."""
    import spacy

    if not is_installed(model):
        raise ModelError(f"spaCy model '{model}' is not installed; install it with: {install_hint(model)}")
    try:
        nlp = spacy.load(model, exclude=_EXCLUDE, disable=_DISABLE)  # a missing name is ignored
    except OSError as exc:
        raise ModelError(f"cannot load spaCy model '{model}': {str(exc).splitlines()[0]}") from None
    if nlp.lang != "en":
        raise ModelError(f"spaCy model '{model}' is for language '{nlp.lang}'; hedgelint needs an English pipeline")
    if "parser" not in nlp.pipe_names:
        raise ModelError(f"spaCy model '{model}' has no dependency parser; hedgelint needs one")
    return nlp


class Engine:
    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        packs: list[str] | None = None,
        extra_packs: list[str] | None = None,
        select: list[str] | None = None,
        ignore: list[str] | None = None,
        keep_cleared: bool = False,
        estimative: bool = False,
        batch_size: int = 64,
        prefilter: bool = True,
    ):
        self.model = model
        self.config = {
            "packs": [str(p) for p in packs] if packs else None,
            "extra_packs": [str(p) for p in extra_packs or []],
            "select": list(select or []),
            "ignore": list(ignore or []),
            "keep_cleared": keep_cleared,
            "estimative": estimative,
        }
        self.keep_cleared = keep_cleared
        self.batch_size = batch_size
        # False parses every paragraph: the slow path the prefilter must agree
        # with exactly (tests/test_prefilter_identity.py compares the two).
        self.prefilter = prefilter
        self._nlp = None

    @property
    def nlp(self):
        """The spaCy pipeline with the hedgelint component, loaded on first use."""
        if self._nlp is None:
            nlp = load_nlp(self.model)
            nlp.add_pipe("hedgelint", config=self.config)
            self._nlp = nlp
        return self._nlp

    @property
    def component(self) -> HedgelintComponent:
        return self.nlp.get_pipe("hedgelint")

    @property
    def rules(self):
        return self.component.rules

    def check_text(self, text: str, path: str = "<text>", kind: str = "text") -> list[Finding]:
        """Findings in `text`, read as `kind` (text, markdown or html)."""
        from linter.sources import attach_reader, text_document

        doc = text_document(text, path, kind)
        attach_reader(doc)
        return next(self.check_documents([doc])).findings

    def check_documents(self, documents: Iterable[Document | SourceError]) -> Iterator[FileResult]:
        """Yield one FileResult per input, in order, with its findings collected.

        A SourceError in the input (or raised while a large file streams) becomes
        that file's error; every other document is still checked.
        """
        collected: list[Finding] = []
        cleared: list = []
        for kind, payload, _ in self.stream(documents):
            if kind == "finding":
                collected.append(payload)
            elif kind == "cleared":
                cleared.append(payload)
            else:
                payload.findings = collected
                payload.hits = cleared
                collected, cleared = [], []
                yield payload

    def analyse_documents(self, documents: Iterable[Document | SourceError]) -> Iterator[StatusResult]:
        """Yield every sentence's status, cues and clauses, one StatusResult per input (`analyze`).

        The same component and scope checks as `check`, but every paragraph
        is parsed (no prefilter), so it is slower.
        """
        return _analyse_documents(self, documents)

    def stream(self, documents: Iterable[Document | SourceError]) -> Iterator[tuple[str, object, Document | None]]:
        """The engine's event stream of (kind, payload, document): ("finding",
        Finding) as each paragraph is checked, ("cleared", (Block, Hit)) with
        keep_cleared, and ("file", FileResult) when a document ends. Nothing per file is held beyond the
        current batch of paragraphs, so an archive of any size, or one huge
        file, streams in bounded memory.
        """
        nlp = self.nlp
        comp = self.component
        tokenizer = nlp.tokenizer
        results: dict[int, FileResult] = {}
        end = object()

        def feed():
            for n, doc in enumerate(documents):
                if isinstance(doc, SourceError):
                    results[n] = FileResult(None, doc.path, error=InputError(doc.path, doc.message))
                    yield tokenizer(""), (n, end)
                    continue
                results[n] = FileResult(doc, doc.path)
                try:
                    for block in doc.blocks():
                        # a lone surrogate (an editor or a JSON request can send one)
                        # breaks the tokenizer: one replacement character keeps offsets;
                        # invisible format characters by a space become spaces
                        tokens = tokenizer(analysable(block.text))
                        if block.quoted_ranges:
                            tokens.user_data["hedgelint_quotes"] = list(block.quoted_ranges)
                        # The prefilter: most paragraphs never reach the parser.
                        if not self.prefilter or comp.might_match(tokens):
                            yield tokens, (n, block)
                except SourceError as exc:
                    results[n].error = InputError(exc.path, exc.message)
                yield tokenizer(""), (n, end)

        for doc, (n, block) in nlp.pipe(feed(), as_tuples=True, batch_size=self.batch_size):
            if block is end:
                res = results.pop(n)
                yield "file", res, res.document
                continue
            res = results[n]
            for hit in doc._.hedgelint or ():
                yield "finding", _to_finding(res.path, block, hit), res.document
            if self.keep_cleared:
                for hit in doc._.hedgelint_cleared or ():
                    yield "cleared", (block, hit), res.document


@dataclass
class StatusResult:
    """One file's sentences with their status (`analyze`), or its error."""

    path: str
    document: Document | None
    sentences: list = field(default_factory=list)  # (Block, SentenceStatus)
    error: InputError | None = None


def _analyse_documents(engine: "Engine", documents: Iterable[Document | SourceError]) -> Iterator[StatusResult]:
    from linter.core.status import analyser_for

    nlp = engine.nlp
    for doc in documents:
        if isinstance(doc, SourceError):
            yield StatusResult(doc.path, None, error=InputError(doc.path, doc.message))
            continue
        res = StatusResult(doc.path, doc)
        try:
            def texts():
                for block in doc.blocks():
                    tokens = nlp.tokenizer(analysable(block.text))
                    if block.quoted_ranges:
                        tokens.user_data["hedgelint_quotes"] = list(block.quoted_ranges)
                    yield tokens, block

            # every block is parsed: a status needs every sentence, not only
            # those the prefilter would pass
            for parsed, block in nlp.pipe(texts(), as_tuples=True, batch_size=engine.batch_size):
                for s in analyser_for(parsed).analyse(parsed):
                    res.sentences.append((block, s))
        except SourceError as exc:
            res.error = InputError(exc.path, exc.message)
        yield res


def _to_finding(path: str, block: Block, hit: Hit) -> Finding:
    span = hit.span
    # trim trailing whitespace/punctuation from the flagged range
    start, end = span.start_char, span.end_char
    line, col = block.position(start)
    end_line, end_col = block.position(end)
    rule = hit.rule
    return Finding(
        path=path,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=rule.message,
        text=block.source[start:end],
        context=hit.checks,
        suggestions=tuple(_to_edit(block, e, hit.anchor.sent) for e in hit.edits),
        start=block.start + start,
        end=block.start + end,
        sentence=" ".join(hit.anchor.sent.text.split()),
        sentence_start=_collapsed_offset(block.text, hit.anchor.sent.start_char, start),
        sentence_lines=(block.position(hit.anchor.sent.start_char)[0], block.position(hit.anchor.sent.end_char)[0]),
        in_quoted_block=block.quoted,
    )


def _collapsed_offset(text: str, sent_start: int, start: int) -> int:
    """`start`'s offset in the sentence as Finding.sentence writes it (runs of
    whitespace as one space, none at the ends), so a trigger that occurs
    twice in its sentence is placed at the occurrence that was flagged."""
    before = text[sent_start:start]
    words = " ".join(before.split())
    if not words:
        return 0
    return len(words) + (1 if before[-1:].isspace() else 0)


def _to_edit(block: Block, e, sent) -> Edit:
    """A doc-relative edit as a source edit that keeps the wrapping, safe only if it still is."""
    se = to_source(block.source, block.text, e.start, e.end, e.replacement, e.safe)
    line, col = block.position(se.start)
    end_line, end_col = block.position(se.end)
    lo, hi = min(sent.start_char, se.start), max(sent.end_char, se.end)
    preview = " ".join((block.text[lo: se.start] + se.replacement + block.text[se.end: hi]).split())
    return Edit(
        se.replacement, line, col, end_line, end_col, se.safe, block.start + se.start, block.start + se.end, e.op,
        old=block.source[se.start: se.end], preview=preview,
    )
