"""Baselines: adopt hedgelint on an archive without drowning in old findings.

A finding's fingerprint is its rule, its file and its sentence with
whitespace normalised, plus an occurrence index for the same rule in the same
sentence; no line numbers, so text inserted above a finding does not
resurrect it. `--write-baseline FILE` records the fingerprints; `--baseline
FILE` reports only findings that are not in it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Iterable

from linter.core.finding import Finding

VERSION = 1


class BaselineError(ValueError):
    pass


def _norm_path(path: str) -> str:
    p = Path(path)
    try:
        return p.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return p.as_posix()


def fingerprints(findings: Iterable[Finding], seen: Counter | None = None) -> list[str]:
    """One fingerprint per finding, in order.

    `seen` carries the occurrence counts between calls, so a file whose
    findings arrive piece by piece gets the same fingerprints as in one go.
    """
    seen = Counter() if seen is None else seen
    out = []
    for f in findings:
        sentence = " ".join(f.sentence.split()).lower()
        base = (f.rule, _norm_path(f.path), sentence)
        n = seen[base]
        seen[base] += 1
        out.append(hashlib.sha256("\0".join((*base, str(n))).encode("utf-8")).hexdigest()[:24])
    return out


def write(path: Path, prints: Iterable[str]) -> int:
    """Write the fingerprints atomically; returns how many distinct ones."""
    entries = sorted(set(prints))
    data = {"version": VERSION, "tool": "hedgelint", "fingerprints": entries}
    fd, tmp = tempfile.mkstemp(dir=path.resolve().parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, indent=1)
        fh.write("\n")
    os.replace(tmp, path)
    return len(entries)


def read(path: Path) -> set[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline file not found") from None
    except (OSError, ValueError) as exc:
        raise BaselineError(f"{path}: not a hedgelint baseline ({exc})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("fingerprints"), list):
        raise BaselineError(f"{path}: not a hedgelint baseline (expected version {VERSION})")
    return set(data["fingerprints"])
