"""The versioned JSON document (see README, "JSON output").

    {"version": 1, "findings": [...], "errors": [{"path", "message"}]}
"""

from __future__ import annotations

import json

VERSION = 1


class JsonFormatter:
    def __init__(self, stream, **_):
        self.out = stream
        self.findings: list[dict] = []
        self.errors: list[dict] = []

    def begin(self) -> None:
        pass

    def file(self, result) -> None:
        if result.error is not None:
            self.errors.append(result.error.to_dict())
        self.findings.extend(f.to_dict() for f in result.findings)

    def end(self, summary) -> None:
        json.dump({"version": VERSION, "findings": self.findings, "errors": self.errors}, self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
