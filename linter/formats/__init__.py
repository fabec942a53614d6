"""Output formats: each module serialises FileResults, nothing more.

A formatter is a class constructed as `Formatter(stream, **options)` (options
it does not know, such as `rules=` or `version=`, are accepted and ignored),
with `begin()`, `finding(f, document)`, `file(result)` after each input
file's findings, and `end(summary)`, writing to a stream. Register new
formats in FORMATS; the CLI offers every key as a `--format` choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from linter.formats.github import GithubFormatter
from linter.formats.json import JsonFormatter
from linter.formats.jsonl import JsonLinesFormatter
from linter.formats.junit import JUnitFormatter
from linter.formats.sarif import SarifFormatter
from linter.formats.text import TextFormatter


@dataclass
class Summary:
    files: int = 0
    findings: int = 0
    errors: int = 0
    by_severity: dict = field(default_factory=dict)


FORMATS = {
    "text": TextFormatter,
    "json": JsonFormatter,
    "jsonl": JsonLinesFormatter,
    "sarif": SarifFormatter,
    "github": GithubFormatter,
    "junit": JUnitFormatter,
}

__all__ = ["FORMATS", "Summary"]
