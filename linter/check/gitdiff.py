"""Changed lines since a git ref, from git itself (for pull-request checks)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


class GitError(RuntimeError):
    pass


def changed_lines(ref: str, path: Path) -> set[int] | None:
    """1-based lines of `path` added or changed since `ref`; None if the file is new to git."""
    cwd = path.resolve().parent
    try:
        inside = subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=cwd, capture_output=True, text=True)
    except FileNotFoundError:
        raise GitError("--changed-since needs git, which is not installed") from None
    if inside.returncode != 0 or inside.stdout.strip() != "true":
        raise GitError(f"{path}: not inside a git repository (--changed-since needs one)")
    verify = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=cwd, capture_output=True, text=True)
    if verify.returncode != 0:
        raise GitError(f"--changed-since: unknown git ref '{ref}'")
    tracked = subprocess.run(["git", "ls-files", "--error-unmatch", path.name], cwd=cwd, capture_output=True, text=True)
    if tracked.returncode != 0:
        return None  # untracked: every line is new
    diff = subprocess.run(["git", "diff", "--unified=0", "--no-color", "--no-ext-diff", ref, "--", path.name], cwd=cwd, capture_output=True, text=True)
    if diff.returncode != 0:
        raise GitError(f"{path}: git diff failed: {diff.stderr.strip().splitlines()[-1] if diff.stderr.strip() else diff.returncode}")
    lines: set[int] = set()
    for line in diff.stdout.splitlines():
        m = _HUNK.match(line)
        if m:
            start = int(m.group(1))
            count = int(m.group(2)) if m.group(2) is not None else 1
            lines.update(range(start, start + count))
    return lines
