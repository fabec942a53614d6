"""Articles from an archive: files in directories or globs, and JSONL, CSV
or Parquet archives with one article per record, read as a stream.

Nothing here parses language: a record becomes an Article (its text, id,
title, date and a content hash) or an ArticleError naming where it was and
what is wrong, and the scan goes on. Memory is bounded by the largest
single article: JSONL is read line by line, CSV row by row, directories
walked lazily, Parquet a record batch at a time (pyarrow, optional).
"""

from __future__ import annotations

import csv
import glob
import hashlib
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from linter.sources import EXTENSIONS, SourceError, kind_of, walk
from linter.sources.text import LARGE_FILE, decode

# Field names tried, in order, when the user names none (case-insensitive).
TEXT_FIELDS = ("text", "body", "content", "article", "story", "full_text", "fulltext", "article_text", "maintext")
ID_FIELDS = ("id", "url", "uri", "link", "guid", "doc_id", "article_id", "slug")
DATE_FIELDS = ("date", "published", "published_at", "publish_date", "pub_date", "pubdate", "date_published", "datetime", "timestamp", "created_at", "time")
TITLE_FIELDS = ("title", "headline", "heading", "name")
ARCHIVE_KINDS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
PARQUET_HINT = "reading Parquet needs pyarrow: pip install pyarrow (it comes with 'hedgelint[dask]')"


@dataclass
class Article:
    """One article to check. `text` is None when the worker reads `path` itself
    (a .docx, or a file too large to hold)."""

    id: str
    kind: str  # text, markdown, html, docx (the reader the check uses)
    digest: str  # sha256 of the content: the cache key's article half
    text: str | None = None
    path: str | None = None  # the file on disk, when the article is a file
    title: str | None = None
    date: str | None = None
    size: int = 0  # bytes read, for progress
    where: str = ""  # "archive.jsonl:17", for messages
    key: str = ""  # the cache key, set by the scan


@dataclass
class ArticleError:
    """A record or file that cannot be checked; written to errors.jsonl."""

    id: str | None
    where: str
    reason: str
    size: int = 0

    def to_dict(self) -> dict:
        return {"id": self.id, "where": self.where, "reason": self.reason}


class ScanInputError(Exception):
    """Options that make no sense for the inputs (one line, exit 2)."""


@dataclass
class Fields:
    """Which record fields hold the text, id, date and title (None: detect)."""

    text: str | None = None
    id: str | None = None
    date: str | None = None
    title: str | None = None
    _resolved: dict = field(default_factory=dict, repr=False)

    def resolve(self, keys: Iterable[str], where: str) -> dict[str, str | None]:
        """The field name for each role, given one record's keys."""
        keys = list(keys)
        lower = {k.lower(): k for k in keys}
        signature = tuple(keys)
        if signature in self._resolved:
            return self._resolved[signature]

        def pick(given: str | None, candidates: tuple[str, ...], role: str) -> str | None:
            if given is not None:
                if given in keys:
                    return given
                if given.lower() in lower:
                    return lower[given.lower()]
                return None  # the record lacks it: reported per record for text, tolerated otherwise
            return next((lower[c] for c in candidates if c in lower), None)

        out = {
            "text": pick(self.text, TEXT_FIELDS, "text"),
            "id": pick(self.id, ID_FIELDS, "id"),
            "date": pick(self.date, DATE_FIELDS, "date"),
            "title": pick(self.title, TITLE_FIELDS, "title"),
        }
        self._resolved[signature] = out
        return out


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)  # paragraphs as a list
    return None


def article_from_record(record: dict, fields: Fields, where: str, fallback_id: str, size: int = 0) -> Article | ArticleError:
    """An Article from one JSONL or CSV record (or a dict given to the API)."""
    if not isinstance(record, dict):
        return ArticleError(None, where, f"a record must be a JSON object, not {type(record).__name__}", size)
    names = fields.resolve(record.keys(), where)
    ident = _as_text(record.get(names["id"])) if names["id"] else None
    ident = ident or fallback_id
    if names["text"] is None:
        wanted = f"no field '{fields.text}'" if fields.text else f"no text field (looked for {', '.join(TEXT_FIELDS[:3])}...; name it with --text-field)"
        return ArticleError(ident, where, f"{wanted} in this record; its fields: {', '.join(map(str, list(record)[:8])) or 'none'}", size)
    value = record.get(names["text"])
    text = value if isinstance(value, str) else _as_text(value) if isinstance(value, list) else None
    if text is None:
        kind = "empty" if value is None else f"a {type(value).__name__}"
        return ArticleError(ident, where, f"field '{names['text']}' is {kind}, not text", size)
    title = _as_text(record.get(names["title"])) if names["title"] else None
    date = _as_text(record.get(names["date"])) if names["date"] else None
    # The text's kind: records are plain text unless they carry HTML markup.
    kind = "html" if _looks_like_html(text) else "text"
    return Article(ident, kind, _digest(text.encode("utf-8", "surrogatepass")), text=text, title=title, date=date, size=size, where=where)


_HTML_HINT = re.compile(r"<(p|div|br|h[1-6]|article|span|a|em|strong|blockquote)\b[^>]*>", re.I)


def _looks_like_html(text: str) -> bool:
    return bool(_HTML_HINT.search(text[:4000]))


# ----------------------------------------------------------------- archives
def read_jsonl(path: Path, fields: Fields) -> Iterator[Article | ArticleError]:
    display = str(path)
    try:
        fh = open(path, "rb")
    except OSError as exc:
        yield ArticleError(None, display, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        for n, raw in enumerate(fh, 1):
            item = jsonl_record(raw, f"{display}:{n}", f"{path.name}:{n}", fields, first_line=n == 1)
            if item is not None:
                yield item


def jsonl_record(raw: bytes, where: str, fallback_id: str, fields: Fields, first_line: bool = False) -> Article | ArticleError | None:
    """One JSONL line (None when blank). Shared with the Dask engine, whose
    workers read an archive in byte blocks, so both report the same errors."""
    if not raw.strip():
        return None
    try:
        line = raw.decode("utf-8-sig" if first_line else "utf-8")
    except UnicodeDecodeError as exc:
        return ArticleError(None, where, f"invalid UTF-8 at byte {exc.start} of the line", len(raw))
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ArticleError(None, where, f"not valid JSON ({exc.msg} at column {exc.colno})", len(raw))
    return article_from_record(record, fields, where, fallback_id, len(raw))


def read_csv(path: Path, fields: Fields) -> Iterator[Article | ArticleError]:
    display = str(path)
    # News bodies are long: the csv module's default field limit (128 KiB) is not.
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        fh = open(path, "r", encoding="utf-8-sig", newline="")
    except OSError as exc:
        yield ArticleError(None, display, f"cannot read: {exc.strerror or exc}")
        return
    with fh:
        reader = csv.DictReader(fh)
        n = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError as exc:
                yield ArticleError(None, f"{display}:{reader.line_num + 1}", f"invalid UTF-8 ({exc.reason}); the rest of the file is not read")
                return
            except csv.Error as exc:
                yield ArticleError(None, f"{display}:{reader.line_num}", f"malformed CSV: {exc}")
                continue
            n += 1
            where = f"{display}:{reader.line_num}"
            size = sum(len(v) for v in row.values() if isinstance(v, str))
            if None in row:  # more cells than the header names
                row.pop(None)
            yield article_from_record(row, fields, where, f"{path.name}:{n}", size)


def _plain(value):
    """A Parquet value as a JSON record would hold it (dates and timestamps as ISO text)."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def parquet_group_bytes(meta, group: int) -> int:
    """A row group's bytes on disk (compressed), for progress against the file's size."""
    rg = meta.row_group(group)
    return sum(rg.column(i).total_compressed_size for i in range(rg.num_columns))


def parquet_group(pf, group: int, first_row: int, display: str, fields: Fields) -> Iterator[Article | ArticleError]:
    """One row group's articles, rows numbered on from `first_row`. Shared
    with the Dask engine, whose partitions of a Parquet archive are its row
    groups, so both give the same ids, locations and errors. Read in record
    batches: a row group is decoded a slice at a time."""
    rows = pf.metadata.row_group(group).num_rows
    share = parquet_group_bytes(pf.metadata, group) // rows if rows else 0
    name = Path(display).name
    n = first_row
    for batch in pf.iter_batches(batch_size=256, row_groups=[group]):
        for row in batch.to_pylist():
            n += 1
            yield article_from_record({k: _plain(v) for k, v in row.items()}, fields, f"{display}:row {n}", f"{name}:{n}", share)


def read_parquet(path: Path, fields: Fields) -> Iterator[Article | ArticleError]:
    display = str(path)
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield ArticleError(None, display, PARQUET_HINT)
        return
    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError: not a Parquet file
        yield ArticleError(None, display, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
        return
    first = 0
    for g in range(pf.num_row_groups):
        try:
            yield from parquet_group(pf, g, first, display, fields)
        except (OSError, ValueError) as exc:
            yield ArticleError(None, f"{display}:row group {g}", f"cannot read this row group: {exc}")
        first += pf.metadata.row_group(g).num_rows


# -------------------------------------------------------------------- files
_MD_TITLE = re.compile(r"^\s{0,3}#\s+(.+?)\s*#*\s*$", re.M)
_HTML_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_FRONT_DATE = re.compile(r"^(?:date|published)\s*[:=]\s*[\"']?([^\"'\n]+)", re.M | re.I)


def _file_title(text: str, kind: str) -> str | None:
    if kind == "markdown":
        m = _MD_TITLE.search(text[:5000])
        if m:
            return m.group(1).strip()
    if kind == "html":
        m = _HTML_TITLE.search(text[:20000])
        if m:
            import html

            return " ".join(html.unescape(m.group(1)).split()) or None
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    # a short first line is a headline, as in most story dumps (the BBC corpus among them)
    return first.lstrip("# ").strip() if 0 < len(first) <= 160 else None


def _front_matter_date(text: str) -> str | None:
    if not text.startswith(("---", "+++")):
        return None
    end = text.find("\n---", 3) if text.startswith("---") else text.find("\n+++", 3)
    head = text[: end if end > 0 else 2000]
    m = _FRONT_DATE.search(head)
    return m.group(1).strip() if m else None


def article_from_file(path: Path, display: str) -> Article | ArticleError:
    kind = kind_of(str(path))
    try:
        size = path.stat().st_size
        if kind == "docx" or size > LARGE_FILE:
            # read by the worker with the check's own reader; hashed here in pieces
            h = hashlib.sha256()
            with open(path, "rb") as fh:
                for chunk in iter(lambda: fh.read(1 << 20), b""):
                    h.update(chunk)
            return Article(display, kind, h.hexdigest(), path=str(path), size=size, where=display)
        data = path.read_bytes()
    except OSError as exc:
        return ArticleError(display, display, f"cannot read: {exc.strerror or exc}")
    try:
        text, _, _ = decode(data, display)
    except SourceError as exc:
        return ArticleError(display, display, exc.message, len(data))
    return Article(display, kind, _digest(data), text=text, path=str(path), title=_file_title(text, kind),
                   date=_front_matter_date(text) if kind == "markdown" else None, size=len(data), where=display)


# ----------------------------------------------------------------- dispatch
def expand(paths: Iterable[str]) -> Iterator[Path | ArticleError]:
    """Each path as given, a glob's matches, or a directory's files (recursively)."""
    for raw in paths:
        if glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield ArticleError(None, raw, "no file matches this pattern")
            for m in matches:
                p = Path(m)
                if p.is_dir():
                    yield from _walk(p)
                else:
                    yield p
            continue
        p = Path(raw)
        try:
            mode = os.stat(p).st_mode
        except FileNotFoundError:
            yield ArticleError(None, raw, "no such file or directory")
            continue
        except OSError as exc:
            yield ArticleError(None, raw, f"cannot read: {exc.strerror or exc}")
            continue
        if stat.S_ISDIR(mode):
            yield from _walk(p)
        elif stat.S_ISREG(mode):
            yield p
        else:
            yield ArticleError(None, raw, "not a regular file, not read")


def _walk(root: Path) -> Iterator[Path | ArticleError]:
    """A directory's article files and archives, in a stable order."""
    for item in walk(root):
        if isinstance(item, SourceError):
            yield ArticleError(None, item.path, item.message)
        else:
            yield item
    # walk() takes the extensions check reads; archives inside a directory too
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and Path(name).suffix.lower() in ARCHIVE_KINDS:
                yield Path(dirpath) / name


def read_articles(paths: Iterable[str], fields: Fields | None = None) -> Iterator[Article | ArticleError]:
    """Every article under `paths`, streamed, in a stable order."""
    fields = fields or Fields()
    for item in expand(paths):
        yield from read_path(item, fields)


def read_path(item: Path | ArticleError, fields: Fields) -> Iterator[Article | ArticleError]:
    """One of expand()'s items: an archive's records, or an article file."""
    if isinstance(item, ArticleError):
        yield item
        return
    archive = ARCHIVE_KINDS.get(item.suffix.lower())
    if archive == "jsonl":
        yield from read_jsonl(item, fields)
    elif archive == "csv":
        yield from read_csv(item, fields)
    elif archive == "parquet":
        yield from read_parquet(item, fields)
    else:
        yield article_from_file(item, str(item))


def records_to_articles(records: Iterable[dict], fields: Fields | None = None) -> Iterator[Article | ArticleError]:
    """Dicts handed to the Python API, read like JSONL records."""
    fields = fields or Fields()
    for n, record in enumerate(records, 1):
        yield article_from_record(record, fields, f"record {n}", f"record-{n}")


def total_bytes(paths: Iterable[str]) -> int | None:
    """The archive's size on disk, for progress and ETA (None if unknown)."""
    total = 0
    for item in expand(paths):
        if isinstance(item, ArticleError):
            continue
        try:
            total += item.stat().st_size
        except OSError:
            pass
    return total


__all__ = ["Article", "ArticleError", "Fields", "read_articles", "records_to_articles", "total_bytes", "EXTENSIONS"]
