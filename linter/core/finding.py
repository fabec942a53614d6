"""The records every front end shares: a Finding, its suggested Edits, and input errors.

Formatters only serialise these; nothing downstream of the engine decides what a
finding is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3}
CATEGORIES = ("forecast", "unverified", "certainty")


@dataclass(frozen=True)
class Edit:
    """A suggested replacement of one source range (1-based, end exclusive)."""

    replacement: str
    line: int
    column: int
    end_line: int
    end_column: int
    safe: bool
    # Character offsets into the source text; the fixer uses these, the JSON
    # contract exposes only line and column.
    start: int = field(default=-1, compare=False)
    end: int = field(default=-1, compare=False)
    # Which suggestion op made it ("drop-trigger", "insert-adverb"...), for
    # tests; not part of the JSON contract.
    op: str = field(default="", compare=False)
    # The source text the edit replaces and the finding's sentence as it would
    # read with the edit applied (whitespace collapsed), for showing the
    # rewrite; not part of the JSON contract.
    old: str = field(default="", compare=False)
    preview: str = field(default="", compare=False)

    def to_dict(self) -> dict:
        return {
            "replacement": self.replacement,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "safe": self.safe,
        }


@dataclass(frozen=True)
class ContextCheck:
    """One scope check made on a trigger: what was looked for and what was seen.

    `result` is "absent" (nothing of that kind governs the trigger) or
    "ignored" (a cue was there but does not lower the writer's confidence, e.g.
    first-person "I have no doubt" is not attribution).
    """

    kind: str
    result: str
    cue: str | None = None
    note: str | None = None

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "result": self.result}
        if self.cue:
            out["cue"] = self.cue
        if self.note:
            out["note"] = self.note
        return out

    def describe(self) -> str:
        if self.result == "absent":
            return f"{self.kind}: none"
        return f"{self.kind}: '{self.cue}' ignored ({self.note})"


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    text: str
    context: tuple[ContextCheck, ...] = ()
    suggestions: tuple[Edit, ...] = ()
    start: int = field(default=-1, compare=False)
    end: int = field(default=-1, compare=False)
    # The sentence the finding sits in; baselines fingerprint on it, and
    # --changed-since keeps findings whose sentence touches a changed line.
    sentence: str = field(default="", compare=False)
    sentence_lines: tuple[int, int] = field(default=(0, 0), compare=False)
    # where `text` starts in `sentence` (both with whitespace collapsed); -1 unknown
    sentence_start: int = field(default=-1, compare=False)
    in_quoted_block: bool = field(default=False, compare=False)

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "text": self.text,
            "context": [c.to_dict() for c in self.context],
            "suggestions": [s.to_dict() for s in self.suggestions],
        }


@dataclass(frozen=True)
class InputError:
    """A file that could not be checked; reported on one line, exit code 2."""

    path: str
    message: str

    def to_dict(self) -> dict:
        return {"path": self.path, "message": self.message}

    def describe(self) -> str:
        return f"{self.path}: error: {self.message}"
