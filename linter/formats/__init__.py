"""Output formats: each module serialises FileResults, nothing more.

A formatter is a class with `begin()`, `file(result)` and `end(summary)`,
writing to a stream. Register new formats in FORMATS; the CLI offers every
key as a `--format` choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .json import JsonFormatter
from .text import TextFormatter


@dataclass
class Summary:
    files: int = 0
    findings: int = 0
    errors: int = 0
    by_severity: dict = field(default_factory=dict)


FORMATS = {
    "text": TextFormatter,
    "json": JsonFormatter,
}

__all__ = ["FORMATS", "Summary"]
