"""The scan cache: one SQLite file of per-article results.

A row is keyed by the article's content hash and by the fingerprint of
everything else that decides its findings (rule packs, configuration,
model and its version, hedgelint's version): change any of them and every
article is checked again; change nothing and a re-scan only reads and
hashes. Each result is committed as it arrives (in small transactions), so
a scan that is interrupted, or killed, resumes where it stopped. Rows hold
findings, and findings hold sentences of the archive, which may be
unpublished: `hedgelint cache purge` deletes the file.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

CACHE_NAME = "cache.sqlite"
_SCHEMA = 1


@dataclass
class CachedResult:
    words: int
    findings: list[dict]
    error: str | None
    profile: dict | None = None


def model_version(model: str) -> str:
    """The installed pipeline's version, read from its package metadata or
    meta.json, without loading it (a cached re-scan never loads the model)."""
    if Path(model).exists():
        meta = Path(model) / "meta.json"
        try:
            return hashlib.sha256(meta.read_bytes()).hexdigest()[:16]
        except OSError:
            return "unknown"
    for dist in (model.replace("_", "-"), model):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            continue
    return "unknown"


def fingerprint(parts: dict) -> str:
    """A stable hash of what decides findings besides the article itself."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def pack_digest(files: list[Path]) -> str:
    h = hashlib.sha256()
    for f in sorted(files):
        h.update(str(f.name).encode())
        try:
            h.update(f.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
    return h.hexdigest()


class ScanCache:
    """Results by (fingerprint, article digest). Not thread-safe: one writer, the scan."""

    def __init__(self, path: Path, commit_every: float = 0.5):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), isolation_level=None)
        # WAL: a reader (a second scan, a notebook) does not block the writer,
        # and a killed process loses at most the uncommitted tail.
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS results (fingerprint TEXT NOT NULL, digest TEXT NOT NULL,"
            " words INTEGER NOT NULL, findings TEXT NOT NULL, error TEXT, profile TEXT, PRIMARY KEY (fingerprint, digest))"
        )
        columns = {row[1] for row in self.db.execute("PRAGMA table_info(results)")}
        if "profile" not in columns:  # a cache written before --profile existed
            self.db.execute("ALTER TABLE results ADD COLUMN profile TEXT")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")
        self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema', ?)", (str(_SCHEMA),))
        self.commit_every = commit_every
        self._pending = 0
        self._last_commit = time.monotonic()
        self.db.execute("BEGIN")

    def get(self, fp: str, digest: str) -> CachedResult | None:
        row = self.db.execute("SELECT words, findings, error, profile FROM results WHERE fingerprint=? AND digest=?", (fp, digest)).fetchone()
        if row is None:
            return None
        try:
            findings = json.loads(row[1])
            profile = json.loads(row[3]) if row[3] else None
        except json.JSONDecodeError:
            return None  # a damaged row is only work to do again
        return CachedResult(row[0], findings, row[2], profile)

    def put(self, fp: str, digest: str, words: int, findings: list[dict], error: str | None, profile: dict | None = None) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO results (fingerprint, digest, words, findings, error, profile) VALUES (?, ?, ?, ?, ?, ?)",
            (fp, digest, words, json.dumps(findings), error, json.dumps(profile) if profile is not None else None),
        )
        self._pending += 1
        now = time.monotonic()
        if now - self._last_commit >= self.commit_every:
            self.commit()

    def commit(self) -> None:
        if self.db.in_transaction:
            self.db.execute("COMMIT")
        self._pending = 0
        self._last_commit = time.monotonic()
        self.db.execute("BEGIN")

    def close(self) -> None:
        try:
            if self.db.in_transaction:
                self.db.execute("COMMIT")
        finally:
            self.db.close()


def cache_path(out: Path | None, cache: Path | None) -> Path:
    return cache if cache is not None else Path(out) / CACHE_NAME


def purge(path: Path) -> list[Path]:
    """Delete a scan cache (the file and SQLite's side files); what was removed."""
    if path.is_dir():
        path = path / CACHE_NAME
    removed = []
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            os.remove(p)
            removed.append(p)
        except FileNotFoundError:
            pass
    return removed
