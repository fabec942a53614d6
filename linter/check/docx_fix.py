"""Fix for Word documents: findings become Word comments; the text is never rewritten.

A finding on a .docx locates paragraph `line` (numbered as linter/sources/docx.py
reads them) and the characters `column` to `end_column` (1-based, end
exclusive) of that paragraph's text. The file is re-read with the same reader,
so paragraph N is found again; the flagged characters must still be the
finding's text, or the finding is skipped.

Each comment is anchored on exactly the flagged characters: a run that the
range starts or ends inside is split in two (a copy of the run, with the same
properties, takes the characters after the cut), so the text and its
formatting are unchanged; only comment markers and the comment reference are
added. Comments go in the main text only (body paragraphs and tables): Word
does not allow comments in headers and footers, and footnotes and endnotes are
read but not edited, so findings there are skipped.

A comment already there with the same author, the same text and the same
range is not added twice, so fixing a file again does not pile up comments.
The file is written atomically (a temporary file in the same directory, then
os.replace), keeping its mode, and only if at least one comment was added.
"""

from __future__ import annotations

import hashlib
from copy import deepcopy
from dataclasses import dataclass, field
from pathlib import Path

from linter.check.atomic import atomic_write
from linter.core.finding import Finding
from linter.sources.docx import W_R, DocxParagraph, _child_text, open_docx, read_paragraphs, text_runs

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W_RPR = _W + "rPr"
_W_T = _W + "t"
_W_ID = _W + "id"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_RANGE_START = _W + "commentRangeStart"
_RANGE_END = _W + "commentRangeEnd"


class DocxFixError(Exception):
    """Comments could not be added to a file; `message` is one line for the user."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class CommentsUnsupportedError(DocxFixError):
    """The installed python-docx cannot add comments (it needs python-docx >= 1.2)."""


@dataclass
class CommentResult:
    added: int = 0
    skipped: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, why)


def comments_supported() -> bool:
    try:
        from docx.document import Document
    except ImportError:
        return False
    return callable(getattr(Document, "add_comment", None))


def _require_comments(display: str) -> None:
    if not comments_supported():
        try:
            import docx

            version = getattr(docx, "__version__", "?")
            why = f"python-docx {version} cannot add comments (Document.add_comment needs python-docx >= 1.2)"
        except ImportError:
            why = "python-docx is not installed (Word comments need python-docx >= 1.2)"
        raise CommentsUnsupportedError(display, why)


# ------------------------------------------------------------------ comment text
def comment_text(finding: Finding, paragraph_text: str | None = None) -> str:
    """"<rule>: <message> Suggestion: <replacement>"; no suggestion part if there is none.

    The replacement is the first suggestion's ("(delete)" when it is empty).
    When that suggestion edits a range other than the flagged text (an adverb
    inserted before the verb, "will" of "will collapse" replaced), a note in
    parentheses says what it replaces or where it goes, since the replacement
    alone would be ambiguous: 'Suggestion: could (replacing "will")'.
    """
    text = f"{finding.rule}: {finding.message}"
    if not finding.suggestions:
        return text
    s = finding.suggestions[0]
    new = s.replacement.strip()
    suggestion = new if new else "(delete)"
    same = (s.line, s.column, s.end_line, s.end_column) == (finding.line, finding.column, finding.end_line, finding.end_column)
    if not same and paragraph_text is not None and s.line == s.end_line == finding.line and 1 <= s.column <= s.end_column <= len(paragraph_text) + 1:
        original = paragraph_text[s.column - 1 : s.end_column - 1].strip()
        if s.column == s.end_column:  # an insertion
            following = paragraph_text[s.column - 1 :].split()
            where = f'before "{following[0]}"' if following else "at the end"
            suggestion = f"{new} (insert {where})"
        elif not new:
            suggestion = f'(delete "{original}")'
        elif original:
            suggestion = f'{new} (replacing "{original}")'
    return f"{text} Suggestion: {suggestion}"


def _initials(author: str) -> str:
    return "".join(w[0] for w in author.split() if w).upper()[:4]


# ------------------------------------------------------------------ runs
def _split_run(r, k: int):
    """Split run `r` at character `k` (0 < k < its length); returns the new second run.

    Both halves keep the run's properties (w:rPr) and attributes; each content
    child goes to one half, a w:t straddling the cut is cut in two.
    """
    second = deepcopy(r)
    r.addnext(second)
    pos = 0
    for c1, c2 in zip(list(r), list(second)):
        if c1.tag == _W_RPR:
            continue
        n = len(_child_text(c1))
        if pos + n <= k:
            second.remove(c2)
        elif pos >= k:
            r.remove(c1)
        else:  # only a w:t can straddle the cut
            cut = k - pos
            c1.text, c2.text = c1.text[:cut], c1.text[cut:]
            c1.set(_XML_SPACE, "preserve")
            c2.set(_XML_SPACE, "preserve")
        pos += n
    return second


def _runs_with_offsets(p) -> list[tuple[object, int, int]]:
    out = []
    pos = 0
    for r, t in text_runs(p):
        out.append((r, pos, pos + len(t)))
        pos += len(t)
    return out


def _cut_at(p, offset: int) -> None:
    """Make `offset` a run boundary in paragraph `p` (splitting the run it falls inside)."""
    for r, s, e in _runs_with_offsets(p):
        if s < offset < e:
            _split_run(r, offset - s)
            return


def _anchor_runs(p, a: int, b: int) -> tuple[object, object] | None:
    """The first and last runs covering exactly characters [a, b) of paragraph `p`."""
    _cut_at(p, a)
    _cut_at(p, b)
    covered = [r for r, s, e in _runs_with_offsets(p) if a <= s and e <= b and e > s]
    if not covered:
        return None
    return covered[0], covered[-1]


def _existing_ranges(p, comments: dict[int, tuple[str, str]]) -> set[tuple[int, int, str, str]]:
    """(start, end, author, text) of the comments already anchored in paragraph `p`."""
    pairs = text_runs(p)  # held, so that p.iter() returns these same proxies
    runs = {id(r): len(t) for r, t in pairs}
    starts: dict[int, int] = {}
    out = set()
    pos = 0
    for el in p.iter():
        if el.tag == W_R and id(el) in runs:
            pos += runs[id(el)]
        elif el.tag in (_RANGE_START, _RANGE_END):
            try:
                cid = int(el.get(_W_ID))
            except (TypeError, ValueError):
                continue
            if el.tag == _RANGE_START:
                starts[cid] = pos
            elif cid in starts and cid in comments:
                out.add((starts[cid], pos, *comments[cid]))
    return out


# ------------------------------------------------------------------ entry points
def add_comments(path: Path, findings: list[Finding], author: str = "hedgelint", expected_digest: str | None = None) -> CommentResult:
    """Add one Word comment per finding to the .docx at `path`; see the module docstring.

    Raises CommentsUnsupportedError if python-docx cannot add comments,
    SourceError if the file cannot be read as a .docx, and DocxFixError if it
    changed since it was checked (`expected_digest`) or cannot be written.
    """
    display = str(path)
    _require_comments(display)
    result = CommentResult()
    if not findings:
        return result
    document, data = open_docx(path, display)
    if expected_digest is not None and hashlib.sha256(data).hexdigest() != expected_digest:
        raise DocxFixError(display, "changed on disk since it was checked; no comments added")
    paragraphs: dict[int, DocxParagraph] = {para.number: para for para in read_paragraphs(document, display)}
    existing: dict[int, tuple[str, str]] | None = None
    initials = _initials(author)

    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    for f in sorted(findings, key=lambda f: (f.line, f.column, f.end_column)):
        para = paragraphs.get(f.line)
        if para is None:
            result.skipped.append((f, f"no paragraph {f.line}"))
            continue
        if para.story != "body":
            result.skipped.append((f, f"paragraph {f.line} is in a {para.story}; comments go in the main text only"))
            continue
        if f.end_line != f.line:
            result.skipped.append((f, "the range spans paragraphs"))
            continue
        a, b = f.column - 1, f.end_column - 1
        if not (0 <= a < b <= len(para.text)):
            result.skipped.append((f, f"columns {f.column}-{f.end_column} are outside paragraph {f.line}"))
            continue
        if f.text and para.text[a:b] != f.text.replace("\n", " "):
            result.skipped.append((f, f"paragraph {f.line} changed since it was checked"))
            continue
        text = comment_text(f, para.text)
        if existing is None:
            existing = {c.comment_id: (c.author, c.text) for c in document.comments}
        if (a, b, author, text) in _existing_ranges(para.element, existing):
            result.skipped.append((f, "the same comment is already there"))
            continue
        anchor = _anchor_runs(para.element, a, b)
        if anchor is None:
            result.skipped.append((f, "no text run covers the range"))
            continue
        parent = Paragraph(para.element, document)  # a Run's parent only has to provide .part
        first, last = (Run(r, parent) for r in anchor)
        comment = document.add_comment([first, last], text=text, author=author, initials=initials)
        existing[comment.comment_id] = (author, text)
        result.added += 1

    if result.added:
        _save_atomically(document, path, display)
    return result


def comment_fixes(path: Path, findings: list[Finding], author: str = "hedgelint") -> int:
    """Add a Word comment for each finding to the .docx at `path`; returns how many were added."""
    return add_comments(Path(path), findings, author).added


def _save_atomically(document, path: Path, display: str) -> None:
    try:
        atomic_write(path, document.save)
    except OSError as exc:
        raise DocxFixError(display, f"cannot write: {exc.strerror or exc}") from None


__all__ = ["comment_fixes", "add_comments", "comment_text", "CommentResult", "DocxFixError", "CommentsUnsupportedError", "comments_supported"]
