"""Warm, incremental checking of an open buffer: only changed paragraphs reach the engine.

The engine's findings in a paragraph depend on that paragraph alone (the
pipeline sees one block at a time), so a buffer's findings are the union of
its paragraphs' findings. Each paragraph's findings are kept under its
content (source, analysis text, first column, quoted material); after an
edit the buffer is split into paragraphs again by the same reader `check`
uses, the paragraphs seen before take their findings from the cache,
shifted by how far the paragraph moved, and only the new ones go through
the same engine call as `check` (Engine.check_documents), batched together.
tests/lsp/test_incremental.py holds the result equal to a full check after
random edits.
"""

from __future__ import annotations

from dataclasses import replace

from linter.core.finding import Edit, Finding
from linter.sources import Block, Document, attach_reader, text_document


def _key(block: Block, kind: str) -> tuple:
    # Positions inside a block depend on its source and its first column;
    # the analysis depends on its text and quoted material. Nothing else.
    return (kind, block.source, block.text, block.column, block.quoted, block.quoted_ranges)


def _shift_edit(e: Edit, lines: int, chars: int) -> Edit:
    return replace(e, line=e.line + lines, end_line=e.end_line + lines, start=e.start + chars, end=e.end + chars)


def shift(f: Finding, lines: int, chars: int) -> Finding:
    """A finding of a paragraph that moved by `lines` lines and `chars` characters."""
    if not lines and not chars:
        return f
    a, b = f.sentence_lines
    return replace(
        f, line=f.line + lines, end_line=f.end_line + lines, start=f.start + chars, end=f.end + chars,
        sentence_lines=(a + lines, b + lines), suggestions=tuple(_shift_edit(e, lines, chars) for e in f.suggestions),
    )


class ParagraphCache:
    """One buffer's paragraphs and their engine findings, as last checked."""

    def __init__(self, engine):
        self.engine = engine
        self._seen: dict[tuple, tuple[Block, list[Finding]]] = {}
        self.blocks: list[Block] = []  # the buffer's paragraphs, as last checked
        self.checked = 0  # paragraphs sent to the engine by the last check (for tests and benchmarks)

    def document(self, text: str, path: str, kind: str) -> Document:
        return attach_reader(text_document(text, path, kind))

    def check(self, text: str, path: str, kind: str) -> list[Finding]:
        """The engine's findings in `text`, in document order, exactly as a full check finds them."""
        blocks = list(self.document(text, path, kind).blocks())
        keys = [_key(b, kind) for b in blocks]
        fresh: dict[tuple, Block] = {}
        for k, b in zip(keys, blocks):
            if k not in self._seen and k not in fresh:
                fresh[k] = b
        seen = {k: self._seen[k] for k in keys if k in self._seen}
        if fresh:
            # one document per paragraph, so each result is that paragraph's
            # findings; the engine batches them through one nlp.pipe
            docs = [Document(path, kind, block_reader=(lambda b=b: (b,))) for b in fresh.values()]
            for (k, b), result in zip(fresh.items(), self.engine.check_documents(docs)):
                if result.error is not None:
                    raise RuntimeError(result.error.describe())
                seen[k] = (b, result.findings)
        self.checked = len(fresh)
        self.blocks = blocks
        self._seen = seen  # what the buffer no longer holds is dropped
        out: list[Finding] = []
        for k, b in zip(keys, blocks):
            first, findings = seen[k]
            lines, chars = b.line - first.line, b.start - first.start
            out.extend(shift(f, lines, chars) for f in findings)
        return out
