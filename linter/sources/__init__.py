"""Input kinds: each module turns one kind of file into a Document of blocks.

Markdown and HTML are read as plain text until their own parsers land; the
dispatch below is the one place that maps a file to its reader.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

from .text import Block, Document, SourceError, read_document, text_document

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
        from .markdown import markdown_blocks

        doc.block_reader = lambda: markdown_blocks(text)
    elif doc.kind == "html":
        from .html import html_blocks

        doc.block_reader = lambda: html_blocks(text)
    return doc


def open_document(path: Path, display: str | None = None) -> Document:
    """A checkable Document for `path`, with the reader its extension asks for."""
    kind = kind_of(str(path))
    if kind == "docx":
        from .docx import read_docx

        return read_docx(path, display or str(path))
    return attach_reader(read_document(path, display, kind))


def walk(root: Path) -> Iterator[Path]:
    """Files under `root` with a known extension, skipping hidden folders, in a stable order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in EXTENSIONS:
                yield Path(dirpath) / name


__all__ = ["Block", "Document", "SourceError", "attach_reader", "open_document", "text_document", "walk", "kind_of", "EXTENSIONS"]
