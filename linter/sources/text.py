"""Plain text: decoding, paragraphs (blocks) and exact line:column positions.

A block is one paragraph. Its analysis text has the same length as its
source slice: each line break inside the paragraph ("\\n", or both characters
of "\\r\\n") becomes a space, so a hard-wrapped sentence parses as one
sentence (a newline token degrades tagging) and every character offset maps
back to the source unchanged.

Files above LARGE_FILE bytes are read line by line and never held whole;
paragraphs above MAX_BLOCK characters are cut at sentence-like boundaries, so
memory stays bounded whatever the input.
"""

from __future__ import annotations

import codecs
import hashlib
import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

LARGE_FILE = 8 * 1024 * 1024
MAX_BLOCK = 20_000
_SNIFF = 8192
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


class SourceError(Exception):
    """A file that cannot be checked; `message` is one line for the user."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


@dataclass
class Block:
    """One paragraph: where it starts in the source and the text to analyse."""

    start: int  # character offset of the block in the document
    line: int  # 1-based line of `start`
    column: int  # 1-based column of `start`
    source: str  # the exact source slice
    text: str = ""  # same length as `source`, line breaks as spaces
    quoted: bool = False  # the whole block is quoted material (a block quote)
    # block-relative character ranges that are quoted material (an HTML <q>)
    quoted_ranges: tuple[tuple[int, int], ...] = ()

    def __post_init__(self):
        if not self.text:
            self.text = self.source.replace("\r\n", "  ").replace("\n", " ").replace("\r", " ")
        assert len(self.text) == len(self.source)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset inside this block."""
        before = self.source[:offset]
        nl = before.count("\n")
        if nl == 0:
            return self.line, self.column + offset
        return self.line + nl, offset - before.rfind("\n")


@dataclass
class Document:
    """A source to check: a display path and a way to produce its blocks."""

    path: str
    kind: str = "text"
    text: str | None = None  # the whole decoded text, when it was small enough to hold
    _lines: Callable[[], Iterator[str]] | None = field(default=None, repr=False)
    encoding: str = "utf-8"
    bom: bool = False
    source_path: Path | None = None  # the file on disk, for --fix
    digest: str | None = None  # hash of the bytes read, to detect changes before writing
    # a reader that is not line-based (Markdown, HTML, .docx) supplies its blocks
    block_reader: Callable[[], Iterable[Block]] | None = field(default=None, repr=False)

    def lines(self) -> Iterator[str]:
        if self.text is not None:
            return iter(self.text.split("\n"))
        assert self._lines is not None
        return self._lines()

    def blocks(self) -> Iterator[Block]:
        if self.block_reader is not None:
            return iter(self.block_reader())
        return blocks_from_lines(self.lines())


def blocks_from_lines(lines: Iterable[str]) -> Iterator[Block]:
    """Split lines (without their "\\n") into paragraphs at blank lines and headings."""
    offset = 0
    buf: list[str] = []
    buf_start = 0
    buf_line = 1
    lineno = 0

    def flush() -> Iterator[Block]:
        if not buf:
            return
        source = "\n".join(buf)
        yield from _cut(Block(buf_start, buf_line, 1, source))

    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or _HEADING.match(line):
            yield from flush()
            buf = []
            if line.strip():
                yield from _cut(Block(offset, lineno, 1, line))
        else:
            if not buf:
                buf_start, buf_line = offset, lineno
            buf.append(line)
        offset += len(line) + 1
    yield from flush()


_CUT_AT = re.compile(r"[.!?\u3002][\"'\u201d\u2019)]*\s+|\n")


def _cut(block: Block) -> Iterator[Block]:
    """Cut an over-long paragraph at sentence ends, so no piece exceeds MAX_BLOCK."""
    if len(block.source) <= MAX_BLOCK:
        yield block
        return
    src = block.source
    pos = 0
    while pos < len(src):
        end = min(len(src), pos + MAX_BLOCK)
        if end < len(src):
            best = None
            for m in _CUT_AT.finditer(src, pos + MAX_BLOCK // 2, end):
                best = m.end()
            end = best or end
        line, col = block.position(pos)
        yield Block(block.start + pos, line, col, src[pos:end], block.text[pos:end], block.quoted)
        pos = end


# ------------------------------------------------------------------ reading
def decode(data: bytes, path: str) -> tuple[str, str, bool]:
    """Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM; else a SourceError."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8"), "utf-8", True
        except UnicodeDecodeError as exc:
            raise SourceError(path, f"invalid UTF-8 at byte {exc.start + 3}") from None
    for bom_bytes, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom_bytes):
            try:
                return data[2:].decode(enc), enc, True
            except UnicodeDecodeError as exc:
                raise SourceError(path, f"invalid UTF-16 at byte {exc.start + 2}") from None
    if b"\x00" in data[:_SNIFF]:
        raise SourceError(path, "binary file (contains NUL bytes), not checked")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"invalid UTF-8 at byte {exc.start} (hedgelint reads UTF-8 or UTF-16 with a BOM)") from None


def _stream_lines(path: Path, display: str) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder("utf-8")()
    consumed = 0
    first = True
    try:
        with open(path, "rb") as fh:
            for raw in fh:
                if first and raw.startswith(codecs.BOM_UTF8):
                    raw = raw[3:]
                    consumed = 3
                first = False
                try:
                    line = decoder.decode(raw)
                except UnicodeDecodeError as exc:
                    raise SourceError(display, f"invalid UTF-8 at byte {consumed + exc.start}") from None
                if "\x00" in line:
                    raise SourceError(display, f"binary data (NUL byte) near byte {consumed}")
                consumed += len(raw)
                yield line[:-1] if line.endswith("\n") else line
            try:
                decoder.decode(b"", final=True)
            except UnicodeDecodeError:
                raise SourceError(display, f"invalid UTF-8 at byte {consumed} (truncated character)") from None
    except OSError as exc:
        raise SourceError(display, f"cannot read: {exc.strerror or exc}") from None


def read_document(path: Path, display: str | None = None, kind: str = "text") -> Document:
    """Open a file for checking; raises SourceError with a one-line reason."""
    display = display or str(path)
    with os_errors(display):
        if not path.exists():
            raise SourceError(display, "no such file or directory")
        if path.is_dir():
            raise SourceError(display, "is a directory")
        size = path.stat().st_size
        if size > LARGE_FILE:
            with open(path, "rb") as fh:
                head = fh.read(_SNIFF)
            if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
                raise SourceError(display, "UTF-16 files over 8 MiB are not supported; convert to UTF-8")
            if b"\x00" in head:
                raise SourceError(display, "binary file (contains NUL bytes), not checked")
            return Document(display, kind, None, lambda: _stream_lines(path, display), "utf-8", head.startswith(codecs.BOM_UTF8), path)
        data = path.read_bytes()
    text, encoding, bom = decode(data, display)
    return Document(display, kind, text, None, encoding, bom, path, hashlib.sha256(data).hexdigest())


@contextmanager
def os_errors(display: str) -> Iterator[None]:
    """Turn the operating system's complaint about a file into a one-line SourceError."""
    try:
        yield
    except FileNotFoundError:
        raise SourceError(display, "no such file or directory") from None
    except IsADirectoryError:
        raise SourceError(display, "is a directory") from None
    except OSError as exc:
        raise SourceError(display, f"cannot read: {exc.strerror or exc}") from None


def text_document(text: str, path: str = "<stdin>", kind: str = "text") -> Document:
    return Document(path, kind, text)
