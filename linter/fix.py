"""Apply suggested edits to files: atomically, touching nothing else.

Edits are chosen one per finding (the first safe suggestion, or the first of
any kind with --unsafe-fixes); overlapping edits are never applied together
(the earlier one wins, as in ruff). The file is re-read before writing and
left alone if it changed on disk after it was checked. Encoding, BOM, line
endings and file mode are kept: only the edited ranges change.
"""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from pathlib import Path

from .atomic import atomic_write
from .finding import Edit, Finding


@dataclass
class FixResult:
    path: str
    applied: list[Edit]
    fixed_text: str
    message: str | None = None  # why the file was not written


def choose_edits(findings: list[Finding], unsafe: bool = False) -> list[Edit]:
    out = []
    for f in findings:
        for s in f.suggestions:
            if s.safe or unsafe:
                out.append(s)
                break
    return out


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, list[Edit]]:
    """Apply non-overlapping edits; returns the new text and the edits applied."""
    accepted: list[Edit] = []
    last_end = -1
    for e in sorted(edits, key=lambda e: (e.start, e.end)):
        if e.start < last_end:
            continue  # overlaps an edit already taken
        if accepted and e.start == e.end == accepted[-1].start == accepted[-1].end:
            continue  # two insertions at one point: their order would be a guess
        accepted.append(e)
        last_end = max(last_end, e.end)
    out = text
    for e in reversed(accepted):
        out = out[: e.start] + e.replacement + out[e.end:]
    return out, accepted


MAX_ROUNDS = 4


def fix_text(engine, text: str, findings: list[Finding], unsafe: bool = False, path: str = "<text>", kind: str = "text") -> tuple[str, int, list[Finding]]:
    """Apply fixes, re-check, and apply again until nothing changes (as ruff does).

    A second round picks up a claim whose other trigger was hidden behind the
    first ("This proves beyond doubt ..."), and overlapping edits held back in
    the first round. Returns the text, the number of edits applied and the
    findings that remain.
    """
    applied_total = 0
    for _ in range(MAX_ROUNDS):
        new_text, applied = apply_edits(text, choose_edits(findings, unsafe))
        if not applied:
            break
        applied_total += len(applied)
        text = new_text
        findings = engine.check_text(text, path, kind)
    return text, applied_total, findings


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_fixed(path: Path, original_digest: str, new_text: str, encoding: str, bom: bool) -> str | None:
    """Write `new_text` over `path` atomically; None on success, else why not."""
    try:
        current = path.read_bytes()
    except OSError as exc:
        return f"cannot re-read before writing: {exc.strerror or exc}"
    if digest(current) != original_digest:
        return "changed on disk since it was checked; not fixed"
    data = new_text.encode(encoding)
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}.get(encoding, b"") + data
    try:
        atomic_write(path, lambda fh: fh.write(data))
    except OSError as exc:
        return f"cannot write: {exc.strerror or exc}"
    return None


def unified_diff(path: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path.lstrip('/')}", tofile=f"b/{path.lstrip('/')}")
    )
