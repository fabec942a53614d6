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

from linter.check.atomic import atomic_write
from linter.core.finding import Edit, Finding


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


@dataclass
class FixRound:
    """One round of fixing: the text it started from and the edits it applied."""

    before: str
    applied: list[Edit]
    # how many of the edits fix findings that only a re-check found (a claim
    # that an earlier edit uncovered); 0 in the first round
    rechecked: int = 0


@dataclass
class FixOutcome:
    text: str
    rounds: list[FixRound]
    remaining: list[Finding]

    @property
    def applied(self) -> int:
        return sum(len(r.applied) for r in self.rounds)

    @property
    def found_on_recheck(self) -> int:
        return sum(len(r.applied) for r in self.rounds[1:])


def fix_findings(recheck, text: str, findings: list[Finding], unsafe: bool = False) -> FixOutcome:
    """Apply fixes, re-check, and apply again until nothing changes (as ruff does).

    `findings` are exactly what the run reported for `text`, after every
    filter (config, suppressions, baseline, changed lines); `recheck(text)`
    must return the findings of a new text under the same filters. So every
    edit applied is one that was reported, in the first round or by a
    re-check: a suppressed or ignored finding is never fixed. A second round
    picks up a claim whose other trigger was hidden behind the first ("This
    proves beyond doubt ...") and overlapping edits held back in the first.
    """
    rounds: list[FixRound] = []
    for _ in range(MAX_ROUNDS):
        new_text, applied = apply_edits(text, choose_edits(findings, unsafe))
        if not applied:
            break
        rounds.append(FixRound(text, applied))
        text = new_text
        findings = recheck(text)
    return FixOutcome(text, rounds, findings)


def fix_text(engine, text: str, findings: list[Finding], unsafe: bool = False, path: str = "<text>", kind: str = "text") -> tuple[str, int, list[Finding]]:
    """fix_findings with the engine's unfiltered findings (the API, no config)."""
    out = fix_findings(lambda t: engine.check_text(t, path, kind), text, findings, unsafe)
    return out.text, out.applied, out.remaining


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
