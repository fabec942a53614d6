"""Human output: `path:line:col: severity RULE message`, the source line, a caret, the fix."""

from __future__ import annotations

import os

from linter.core.finding import Finding
from linter.formats._util import describe_fixed

_COLOURS = {"error": "\033[31m", "warning": "\033[33m", "info": "\033[36m", "path": "\033[1m", "dim": "\033[2m", "fix": "\033[32m", "reset": "\033[0m"}


def use_colour(stream, mode: str = "auto") -> bool:
    if mode == "always":
        return True
    if mode == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty()


def _clean(text: str) -> str:
    """Archive text is untrusted: never let it emit terminal control sequences."""
    return "".join(ch if ch.isprintable() or ch == " " else " " if ch in "\t\r\n" else "\ufffd" for ch in text)


class TextFormatter:
    def __init__(self, stream, colour: str = "auto", show_context: bool = False, **_):
        self.out = stream
        self.colour = use_colour(stream, colour)
        self.show_context = show_context

    def _c(self, key: str, text: str) -> str:
        return f"{_COLOURS[key]}{text}{_COLOURS['reset']}" if self.colour else text

    def begin(self) -> None:
        pass

    def finding(self, f: Finding, document) -> None:
        lines = self._lines(document)
        self._finding(f, lines, document.text if document is not None else None)

    def file(self, result) -> None:
        self._cached = None  # errors go to stderr, written by the CLI

    _cached: tuple | None = None

    def _lines(self, document):
        """The document's lines, split once per file (None for a streamed file)."""
        if document is None or document.text is None:
            return None
        if self._cached is None or self._cached[0] is not document:
            self._cached = (document, document.text.split("\n"))
        return self._cached[1]

    def _finding(self, f: Finding, all_lines, document_text: str | None = None) -> None:
        w = self.out.write
        head = f"{self._c('path', _clean(f.path))}:{f.line}:{f.column}: {self._c(f.severity, f.severity)} {f.rule} {_clean(f.message)} [{f.category}]"
        w(head + "\n")
        src = None
        if all_lines is not None and 0 < f.line <= len(all_lines):
            src = all_lines[f.line - 1].rstrip("\r")
        if src is not None:
            end_col = f.end_column if f.end_line == f.line else len(src) + 1
            w(f"  | {_clean(src)}\n")
            w(f"  | {' ' * (f.column - 1)}{self._c(f.severity, '^' * max(1, end_col - f.column))}\n")
        else:
            w(f"  | {_clean(f.text)}\n")
        if f.suggestions:
            s = f.suggestions[0]
            label = "fix" if s.safe else "suggestion"
            if not s.old:
                change = f"insert {_clean(s.replacement.strip())!r}"
            elif not s.replacement:
                change = f"delete {_clean(s.old)!r}"
            else:
                change = f"{_clean(s.old)!r} -> {_clean(s.replacement)!r}"
            w(f"  = {label}: {self._c('fix', change)}\n")
            if s.preview:
                w(f"  = reads: {_clean(s.preview)}\n")
        if self.show_context:
            checked = [c for c in f.context if c.result == "absent"]
            seen = [c for c in f.context if c.result != "absent"]
            w(self._c("dim", f"  = checked: {', '.join(c.kind.replace('_', ' ') for c in checked)}: none applies") + "\n")
            for c in seen:
                w(self._c("dim", f"  = {c.kind.replace('_', ' ')}: '{_clean(c.cue or '')}' does not count ({c.note})") + "\n")

    def end(self, summary) -> None:
        fixed = getattr(summary, "fixed", 0)
        if fixed:
            text = describe_fixed(fixed, getattr(summary, "fixed_on_recheck", 0))
            self.out.write(text[:1].upper() + text[1:] + ".\n")
        if summary.files == 0 and summary.errors == 0:
            return  # the session has said "no files to check"; "All checked!" would mislead
        if summary.findings == 0 and summary.errors == 0:
            self.out.write(f"All checked! {summary.files} file{'s' if summary.files != 1 else ''}, no findings.\n")
            return
        parts = [f"Found {summary.findings} finding{'s' if summary.findings != 1 else ''} in {summary.files} file{'s' if summary.files != 1 else ''}"]
        sev = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in sorted(summary.by_severity.items()))
        if sev:
            parts[0] += f" ({sev})"
        if summary.errors:
            parts.append(f"{summary.errors} file{'s' if summary.errors != 1 else ''} could not be checked")
        self.out.write("; ".join(parts) + ".\n")
