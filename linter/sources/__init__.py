"""Input kinds: each module turns one kind of file into a Document of blocks.

Markdown and HTML are read as plain text until their own parsers land; the
dispatch below is the one place that maps a file to its reader.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Iterator

from linter.sources.text import Block, Document, SourceError, read_document, text_document

# Extensions a directory walk picks up; a file named explicitly is always read.
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".docx": "docx"}


def kind_of(path: str) -> str:
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def attach_reader(doc: Document) -> Document:
    """Give a document the reader of its kind; plain text needs none."""
    if doc.text is None or doc.block_reader is not None:
        return doc
    text = doc.text
    if doc.kind == "markdown":
        from linter.sources.markdown import markdown_blocks

        doc.block_reader = lambda: markdown_blocks(text)
    elif doc.kind == "html":
        from linter.sources.html import html_blocks

        doc.block_reader = lambda: html_blocks(text)
    return doc


def open_document(path: Path, display: str | None = None) -> Document:
    """A checkable Document for `path`, with the reader its extension asks for."""
    kind = kind_of(str(path))
    if kind == "docx":
        from linter.sources.docx import read_docx

        return read_docx(path, display or str(path))
    return attach_reader(read_document(path, display, kind))


def walk(root: Path, on_skip=None) -> Iterator[Path | SourceError]:
    """Files under `root` with a known extension, skipping hidden folders, in a
    stable order; a directory that cannot be read is a SourceError in its
    place. A FIFO, socket or device with a known extension is never opened
    (reading a FIFO waits forever): `on_skip(path, what)` is told instead.
    """
    try:
        with os.scandir(root) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        yield SourceError(str(root), f"cannot read directory: {exc.strerror or exc}")
        return
    subdirs = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                subdirs.append(entry)
                continue
            if Path(entry.name).suffix.lower() not in EXTENSIONS:
                continue
            regular = entry.is_file() or entry.is_symlink()  # a broken link is reported when opened
        except OSError:
            regular = True  # let opening it report why
        if regular:
            yield Path(entry.path)
        elif on_skip is not None:
            on_skip(Path(entry.path), special_kind(Path(entry.path)))
    for entry in subdirs:
        yield from walk(Path(entry.path), on_skip)


def special_kind(path: Path) -> str:
    """What a non-regular file is, in words."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return "not a regular file"
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device")):
        if test(mode):
            return name
    return "not a regular file"


__all__ = ["Block", "Document", "SourceError", "attach_reader", "open_document", "text_document", "walk", "special_kind", "kind_of", "EXTENSIONS"]
