"""JSON Lines: one JSON object per line, written as it arrives, for piping.

A finding is the same object as in the JSON document's "findings" array:

    {"path": "a.md", "line": 3, "column": 5, "end_line": 3, "end_column": 12,
     "rule": "HL301", "category": "certainty", "severity": "warning",
     "message": "...", "text": "...", "context": [...], "suggestions": [...]}

A file that could not be checked is one line with an "error" key and no
"rule" key:

    {"path": "missing.md", "error": "No such file or directory"}

(each shown wrapped here; in the output every object is on one line). There
is no header or summary line; an empty output means nothing was found.

Every line is a complete object: JSON escapes newlines inside strings, and
this format also escapes U+0085, U+2028 and U+2029, which `str.splitlines`
and some JavaScript readers treat as line breaks. Lone surrogates (from an
undecodable file name) become U+FFFD.
"""

from __future__ import annotations

import json

from linter.core.finding import Finding
from linter.formats._util import scrub

_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def dumps_line(obj: dict) -> str:
    text = json.dumps(scrub(obj), ensure_ascii=False, separators=(",", ":"))
    for ch, esc in _LINE_BREAKS.items():
        text = text.replace(ch, esc)
    return text


class JsonLinesFormatter:
    def __init__(self, stream, **_):
        self.out = stream

    def begin(self) -> None:
        pass

    def finding(self, f: Finding, document) -> None:
        self.out.write(dumps_line(f.to_dict()) + "\n")

    def file(self, result) -> None:
        if result.error is not None:
            self.out.write(dumps_line({"path": result.error.path, "error": result.error.message}) + "\n")

    def end(self, summary) -> None:
        self.out.flush()
