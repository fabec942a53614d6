"""Code actions: each suggestion as a quick fix, fix-all, and a suppression comment.

Every edit here comes from the check layer: suggestions are the finding's
own Edits (safe_edit.py decided which are safe), fix-all applies the edits
`hedgelint check --fix` would apply in one round (fix.choose_edits and
fix.apply_edits: the first safe suggestion of each finding, overlaps
dropped), and the suppression comment is the one suppress.py reads.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lsprotocol import types

from linter.check.fix import apply_edits, choose_edits
from linter.core.finding import Finding
from linter.lsp.convert import Lines, describe_edit, diagnostic, overlaps, text_edit
from linter.sources import Block

FIX_ALL_KIND = "source.fixAll.hedgelint"
_NEXT_LINE = re.compile(r"hedgelint-disable-next-line\b[ \t]*([^\s>][^\n]*?)?[ \t]*(?=-->|$)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")


@dataclass
class Buffer:
    """What the actions need to know about one checked version of a buffer."""

    uri: str
    version: int | None
    text: str
    kind: str
    lines: Lines
    findings: list[Finding]
    blocks: list[Block]
    rules: dict
    document_changes: bool = True  # the client takes versioned edits

    def edit(self, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
        if self.document_changes:
            ident = types.OptionalVersionedTextDocumentIdentifier(uri=self.uri, version=self.version)
            return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=ident, edits=edits)])
        return types.WorkspaceEdit(changes={self.uri: edits})

    def block_of(self, f: Finding) -> Block | None:
        for b in self.blocks:
            if b.start <= f.start < b.start + max(len(b.source), 1):
                return b
        return None


def _wanted(kind: str, only) -> bool:
    """Is an action of `kind` among those the client asked for (context.only)?"""
    if not only:
        return True
    return any(kind == k or kind.startswith(k + ".") for k in only)


def code_actions(buf: Buffer, rng: types.Range, only=None) -> list[types.CodeAction]:
    out: list[types.CodeAction] = []
    here = [f for f in buf.findings if overlaps(buf.lines, f, rng)]
    quick = _wanted(types.CodeActionKind.QuickFix, only)
    if quick:
        for f in here:
            diag = diagnostic(buf.lines, f, buf.rules.get(f.rule))
            for s in f.suggestions:
                out.append(types.CodeAction(
                    title=f"{describe_edit(s)} ({f.rule})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=s.safe or None,
                    edit=buf.edit([text_edit(buf.lines, s)]),
                ))
            disable = disable_for_line(buf, f)
            if disable is not None:
                title, edits = disable
                out.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, diagnostics=[diag], edit=buf.edit(edits)))
    fix_all = fix_all_edits(buf)
    if fix_all:
        title = f"Fix all safe hedges in this file ({len(fix_all)})"
        if quick and here:
            out.append(types.CodeAction(title=title, kind=types.CodeActionKind.QuickFix, edit=buf.edit(fix_all)))
        if _wanted(FIX_ALL_KIND, only):
            out.append(types.CodeAction(title=title, kind=FIX_ALL_KIND, edit=buf.edit(fix_all)))
    return out


def fix_all_edits(buf: Buffer) -> list[types.TextEdit]:
    """The edits one `--fix` round applies to this text, as text edits.

    A claim that only shows once an earlier fix is in is reported by the
    re-check that follows the edit, and fix-all is offered again."""
    _, applied = apply_edits(buf.text, choose_edits(buf.findings))
    return [text_edit(buf.lines, e) for e in applied]


# -------------------------------------------------------------- suppression
def _comment(kind: str, words: str) -> str:
    return f"# {words}" if kind == "text" else f"<!-- {words} -->"


def disable_for_line(buf: Buffer, f: Finding) -> tuple[str, list[types.TextEdit]] | None:
    """The suppression comment that silences `f`'s rule on its line, as suppress.py reads it.

    A comment line of its own goes above the finding's line when that line
    starts its paragraph. Inside a hard-wrapped paragraph a line of its own
    would cut the paragraph in two (and change how the rest of it reads), so
    in Markdown the comment goes at the end of the line before, where the
    reader skips it as inline HTML; in HTML a comment line is skipped
    wherever it is; plain text has no inline comment, so there the rule is
    disabled for the paragraph, from a line before it to a line after it.
    """
    rule = f.rule
    prev = buf.lines.line_text(f.line - 1) if f.line > 1 else None
    eol = "\r\n" if buf.lines.lines[f.line - 1].endswith("\r") else "\n"
    if prev is not None:
        m = _NEXT_LINE.search(prev)
        if m and m.group(1):  # the line before already suppresses other rules: add this one
            at = buf.lines.position(f.line - 1, m.end(1) + 1)
            return f"Disable {rule} for this line", [types.TextEdit(types.Range(at, at), f",{rule}")]
    block = buf.block_of(f)
    first_line = block is None or f.line == block.line or prev is None or not prev.strip()
    words = f"hedgelint-disable-next-line {rule}"
    if first_line or buf.kind == "html" or (buf.kind == "text" and _HEADING.match(prev or "")):
        line = buf.lines.line_text(f.line)
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        at = buf.lines.position(f.line, 1)
        return f"Disable {rule} for this line", [types.TextEdit(types.Range(at, at), f"{indent}{_comment(buf.kind, words)}{eol}")]
    if buf.kind == "markdown":
        at = buf.lines.position(f.line - 1, len(prev) + 1)
        return f"Disable {rule} for this line", [types.TextEdit(types.Range(at, at), f" {_comment('markdown', words)}")]
    # plain text, inside a paragraph
    last = block.position(len(block.source.rstrip("\r\n")))[0]
    start = buf.lines.position(block.line, 1)
    end_text = buf.lines.line_text(last)
    end = buf.lines.position(last, len(end_text) + 1)
    return f"Disable {rule} for this paragraph", [
        types.TextEdit(types.Range(start, start), f"{_comment('text', f'hedgelint-disable {rule}')}{eol}"),
        types.TextEdit(types.Range(end, end), f"{eol}{_comment('text', f'hedgelint-enable {rule}')}"),
    ]
