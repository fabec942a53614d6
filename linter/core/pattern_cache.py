"""A small on-disk cache for work that depends only on the rule packs.

Expanding every trigger word to all its inflections needs lemminflect, whose
tables take most of a second to load; that is the same work on every run of
the same packs. The expanded patterns are stored as JSON (never pickle: the
cache directory is not trusted input) under a key that hashes the packs'
triggers and the versions that shape the expansion. Any failure to read or
write the cache only means the work is done again.

HEDGELINT_CACHE_DIR overrides the location; HEDGELINT_NO_CACHE=1 turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path


def cache_dir() -> Path | None:
    if os.environ.get("HEDGELINT_NO_CACHE"):
        return None
    if os.environ.get("HEDGELINT_CACHE_DIR"):
        return Path(os.environ["HEDGELINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "hedgelint"


def key_for(*parts: object) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(json.dumps(p, sort_keys=True, ensure_ascii=False).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()[:32]


def load(kind: str, key: str):
    d = cache_dir()
    if d is None:
        return None
    try:
        return json.loads((d / f"{kind}-{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def store(kind: str, key: str, data) -> None:
    d = cache_dir()
    if d is None:
        return
    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, d / f"{kind}-{key}.json")
        _prune(d, kind)
    except OSError:
        pass


def _prune(d: Path, kind: str, keep: int = 8) -> None:
    """Keep the most recent entries; older packs' expansions are dead weight."""
    entries = sorted(d.glob(f"{kind}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[keep:]:
        try:
            old.unlink()
        except OSError:
            pass
