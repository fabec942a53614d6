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
EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}


def kind_of(path: str) -> str:
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def open_document(path: Path, display: str | None = None) -> Document:
    return read_document(path, display, kind_of(str(path)))


def walk(root: Path) -> Iterator[Path]:
    """Files under `root` with a known extension, skipping hidden folders, in a stable order."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            if Path(name).suffix.lower() in EXTENSIONS:
                yield Path(dirpath) / name


__all__ = ["Block", "Document", "SourceError", "open_document", "text_document", "walk", "kind_of", "EXTENSIONS"]
