"""HTML: one block per block-level element that holds text, with exact positions.

The standard library's HTMLParser walks the document; `getpos()` gives the
source line and column of every tag, text run and entity, so each prose
character is placed at its own offset. The analysis text of a block is
spaces except for those characters: tags become spaces, and an entity is
decoded in place (`&amp;` -> "&" and four spaces), so it has exactly the
length of the source slice.

Block-level tags (p, h1-h6, li, td, div, ...) start and end blocks; inline
tags (b, em, a, span, ...) do not. Content of script, style, code, pre,
template, noscript, svg, math, textarea and head (title included) is
skipped, as are comments. Text inside <blockquote> gives `quoted`, text
inside <q> goes into `quoted_ranges`.
"""

from __future__ import annotations

import bisect
import html
import re
from html.parser import HTMLParser

from linter.sources.text import Block, _cut

BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "legend",
    "li", "main", "menu", "nav", "ol", "optgroup", "option", "p", "pre", "search", "section",
    "select", "summary", "table", "tbody", "td", "template", "tfoot", "th", "thead", "tr", "ul",
}
SKIP = {"script", "style", "code", "pre", "template", "noscript", "svg", "math", "head", "title", "textarea"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr"}
# What may stand in <head>; anything else means its end tag was omitted.
_HEAD_CONTENT = {"base", "link", "meta", "noscript", "script", "style", "template", "title"}


class _Reader(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=False)  # entities arrive apart, at their own position
        self.text = text
        self.nl_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.stack: list[str] = []  # open elements, a simple approximation of the tree
        self.skipping = 0  # open elements whose content is not prose
        self.quoting = 0  # open <blockquote>s
        self.q_open: list[int] = []  # where the content of each open <q> starts
        self.chars: dict[int, str] = {}  # the current block: offset -> analysis character
        self.raw_end: dict[int, int] = {}  # entities in it: offset of "&" -> end of the entity
        self.q_ranges: list[tuple[int, int]] = []  # closed <q> contents, absolute
        self.quoted = False
        self.has_prose = False
        self.dead = False  # an unclosed "<!--" runs to the end of the file
        self.blocks: list[Block] = []

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.nl_starts[line - 1] + col

    # ---------------------------------------------------------- tags
    def handle_starttag(self, tag, attrs):
        if "head" in self.stack and tag not in _HEAD_CONTENT:
            self._pop("head")  # "</head>" (or even "<body>") left out
        if tag in BLOCK and not self.skipping:
            self._flush()
        if tag in VOID:
            return
        self.stack.append(tag)
        self.skipping += tag in SKIP
        self.quoting += tag == "blockquote"
        if tag == "q":
            self.q_open.append(self._offset() + len(self.get_starttag_text() or ""))

    def handle_endtag(self, tag):
        if tag in self.stack:
            self._pop(tag)
        if tag in BLOCK and not self.skipping:
            self._flush()

    def _pop(self, tag: str) -> None:
        """Close `tag` and whatever was left open inside it."""
        end = self._offset()
        while self.stack:
            top = self.stack.pop()
            self.skipping -= top in SKIP
            self.quoting -= top == "blockquote"
            if top == "q" and self.q_open:
                self.q_ranges.append((self.q_open.pop(), end))
            if top == tag:
                break

    # ---------------------------------------------------------- text
    def handle_data(self, data):
        at = self._offset()
        if data.startswith("<") and self.text.startswith("<!--", at):
            self.dead = True  # HTMLParser hands an unclosed comment back as text
        if self.dead or self.skipping or not self.text.startswith(data, at):
            return
        for k, ch in enumerate(data):
            self._put(at + k, ch)

    def handle_entityref(self, name):
        self._entity("&" + name)

    def handle_charref(self, name):
        self._entity("&#" + name)

    def _entity(self, raw: str) -> None:
        if self.dead or self.skipping:
            return
        at = self._offset()
        if self.text.startswith(";", at + len(raw)):
            raw += ";"
        # An unknown name decodes to itself and stays literal text.
        for k, ch in enumerate(html.unescape(raw)):
            self._put(at + k, " " if ch.isspace() else ch)
        self.raw_end[at] = at + len(raw)  # a block ending in "&amp;" keeps all of it

    def _put(self, at: int, ch: str) -> None:
        if ch in "\r\n":
            ch = " "
        if not ch.isspace() and not self.has_prose:
            self.has_prose = True
            self.quoted = self.quoting > 0  # decided by the block's first prose character
        self.chars[at] = ch

    # ---------------------------------------------------------- blocks
    def _flush(self) -> None:
        chars, ranges = self.chars, self.q_ranges
        raw_end, self.raw_end = self.raw_end, {}
        self.chars, self.q_ranges, self.has_prose = {}, [], False
        prose = [at for at, ch in chars.items() if not ch.isspace()]
        if not prose:
            return
        lo, hi = min(prose), max(prose) + 1
        hi = max([hi] + [end for at, end in raw_end.items() if lo <= at < hi])
        buf = [" "] * (hi - lo)
        for at, ch in chars.items():
            if lo <= at < hi:
                buf[at - lo] = ch
        quoted_ranges = []
        for start, end in ranges + [(start, hi) for start in self.q_open]:
            start, end = max(start, lo) - lo, min(end, hi) - lo
            if end > start:
                quoted_ranges.append((start, end))
        line = bisect.bisect_right(self.nl_starts, lo)  # counting "\n", as Block.position does
        block = Block(lo, line, lo - self.nl_starts[line - 1] + 1, self.text[lo:hi], "".join(buf), self.quoted, tuple(sorted(quoted_ranges)))
        self.blocks.extend(_pieces(block))


def _pieces(block: Block):
    """Cut an over-long block like the plain-text reader does, keeping its quoted ranges."""
    for piece in _cut(block):
        shift = piece.start - block.start
        piece.quoted_ranges = tuple(
            (max(s, shift) - shift, min(e, shift + len(piece.source)) - shift)
            for s, e in block.quoted_ranges
            if min(e, shift + len(piece.source)) > max(s, shift)
        )
        yield piece


def html_blocks(text: str) -> list[Block]:
    """The prose blocks of an HTML document, with exact source positions."""
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    reader._flush()
    return reader.blocks
