"""The versioned JSON document (see README, "JSON output").

    {"version": 1, "findings": [...], "errors": [{"path", "message"}]}

Findings are written as they arrive, so a large scan never holds them all.
"""

from __future__ import annotations

import json

VERSION = 1


class JsonFormatter:
    def __init__(self, stream, **_):
        self.out = stream
        self.errors: list[dict] = []
        self.count = 0

    def begin(self) -> None:
        self.out.write(f'{{"version": {VERSION}, "findings": [')

    def finding(self, f, document) -> None:
        self.out.write(("," if self.count else "") + "\n  " + json.dumps(f.to_dict(), ensure_ascii=False))
        self.count += 1

    def file(self, result) -> None:
        if result.error is not None:
            self.errors.append(result.error.to_dict())

    def end(self, summary) -> None:
        self.out.write(("\n" if self.count else "") + '], "errors": ' + json.dumps(self.errors, ensure_ascii=False) + "}\n")
