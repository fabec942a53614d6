"""Findings as the protocol's records: positions, diagnostics, edits, hover text.

The engine counts lines from 1 and columns in code points; LSP counts both
from 0 and columns in the units of the negotiated position encoding (UTF-16
unless the client offers another). Every conversion between the two is
here, so no handler does position arithmetic of its own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from lsprotocol import types

from linter.core.finding import Edit, Finding

SOURCE = "hedgelint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


# ---------------------------------------------------------------- positions
def _units(ch: str, encoding: str) -> int:
    if encoding == types.PositionEncodingKind.Utf32:
        return 1
    cp = ord(ch)
    if encoding == types.PositionEncodingKind.Utf8:
        # a lone surrogate (JSON can carry one) would take three bytes as WTF-8
        return 1 if cp < 0x80 else 2 if cp < 0x800 else 3 if cp < 0x10000 else 4
    return 2 if cp > 0xFFFF else 1


class Lines:
    """A document's lines, split as the engine splits them (at "\\n" only)."""

    def __init__(self, text: str, encoding: str = types.PositionEncodingKind.Utf16):
        self.lines = text.split("\n")
        self.encoding = encoding

    def position(self, line: int, column: int) -> types.Position:
        """An engine (1-based line, 1-based code-point column) as an LSP Position."""
        n = min(max(line - 1, 0), len(self.lines) - 1)
        prefix = self.lines[n][: max(column - 1, 0)]
        if self.encoding == types.PositionEncodingKind.Utf32:
            return types.Position(n, len(prefix))
        return types.Position(n, sum(_units(c, self.encoding) for c in prefix))

    def column(self, position: types.Position) -> tuple[int, int]:
        """An LSP Position as an engine (line, column); past the end clamps."""
        if position.line >= len(self.lines):  # a range "to the end" often ends on the line after the last
            return len(self.lines), len(self.lines[-1]) + 1
        n = max(position.line, 0)
        text, units, col = self.lines[n], 0, 0
        while col < len(text) and units < position.character:
            units += _units(text[col], self.encoding)
            col += 1
        return n + 1, col + 1

    def range(self, line: int, column: int, end_line: int, end_column: int) -> types.Range:
        return types.Range(self.position(line, column), self.position(end_line, end_column))

    def line_text(self, line: int) -> str:
        """The text of a 1-based line, without its line break."""
        return self.lines[line - 1].rstrip("\r") if 0 < line <= len(self.lines) else ""

    def end(self) -> types.Position:
        return self.position(len(self.lines), len(self.lines[-1]) + 1)


def finding_range(lines: Lines, f: Finding) -> types.Range:
    return lines.range(f.line, f.column, f.end_line, f.end_column)


def contains(lines: Lines, f: Finding, position: types.Position) -> bool:
    """Is `position` on the finding's range (its end included, as editors hover)?"""
    at = lines.column(position)
    return (f.line, f.column) <= at <= (f.end_line, f.end_column)


def overlaps(lines: Lines, f: Finding, rng: types.Range) -> bool:
    start, end = lines.column(rng.start), lines.column(rng.end)
    return (f.line, f.column) <= end and start <= (f.end_line, f.end_column)


# -------------------------------------------------------------- diagnostics
@lru_cache(maxsize=1)
def _rules_doc() -> Path | None:
    """docs/rules.md beside the package (a checkout or an editable install)."""
    candidate = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    return candidate if candidate.is_file() else None


def rule_href(rule) -> str | None:
    """Where the rule is documented: its section of docs/rules.md when that
    file is at hand, else the reference the rule itself links to."""
    doc = _rules_doc()
    if doc is not None and rule is not None:
        return f"{doc.as_uri()}#{rule.id.lower()}-{rule.name}"
    return getattr(rule, "link", None) or None


def diagnostic(lines: Lines, f: Finding, rule=None) -> types.Diagnostic:
    href = rule_href(rule)
    return types.Diagnostic(
        range=finding_range(lines, f),
        message=f"{f.message} [{f.category}]",
        severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
        code=f.rule,
        code_description=types.CodeDescription(href=href) if href else None,
        source=SOURCE,
        data={"rule": f.rule, "category": f.category, "severity": f.severity, "text": f.text},
    )


def text_edit(lines: Lines, e: Edit) -> types.TextEdit:
    return types.TextEdit(range=lines.range(e.line, e.column, e.end_line, e.end_column), new_text=e.replacement)


def describe_edit(e: Edit) -> str:
    """A code action's title for a suggestion: what changes, in the writer's words."""
    old, new = e.old.strip(), e.replacement.strip()
    if not old and new:
        return f"Insert '{new}'"
    if old and not new:
        return f"Delete '{old}'"
    return f"Replace '{old}' with '{new}'"


# -------------------------------------------------------------------- hover
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~])")


def md_escape(text: str) -> str:
    """Draft text shown in hover Markdown: markup characters as themselves."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def hover_markdown(f: Finding, rule) -> str:
    """The rule's explanation and the scope checks that let the claim stand."""
    from linter.core.docs import clearance

    name = f" {rule.name}" if rule is not None else ""
    out = [f"**{f.rule}**{name} · {f.category} · {f.severity}", "", f"**{md_escape(f.message)}**"]
    explanation = (getattr(rule, "explanation", "") or "").strip()
    if explanation:
        out += ["", explanation]
    if f.context:
        out += ["", f"**Why it fired:** '{md_escape(f.text)}' is the writer's own claim; nothing clears it:", ""]
        for c in f.context:
            if c.result == "absent":
                out.append(f"- {clearance(c.kind)}: none")
            else:
                out.append(f"- {clearance(c.kind)}: '{md_escape(c.cue or '')}' does not count ({md_escape(c.note or '')})")
    if f.suggestions:
        out += ["", "**Suggestions:**", ""]
        for s in f.suggestions:
            out.append(f"- {md_escape(describe_edit(s))}" + ("" if s.safe else " (review: not applied by fix-all)"))
    href = rule_href(rule)
    if href:
        out += ["", f"[{f.rule} in the rule reference]({href})"]
    return "\n".join(out)
