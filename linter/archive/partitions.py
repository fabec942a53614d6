"""Partitions of an archive that a Dask worker reads itself, so the client
never reads the records: byte blocks of a JSONL file (cut on line ends, as
dask's `read_bytes(..., delimiter=b"\\n")` cuts them) and the row groups of a
Parquet file (planned from its footer).

Records are turned into articles by the same functions the local scan
uses (`jsonl_record`, `parquet_group`), numbered from the lines or rows
before the partition, so ids, locations and errors are the local scan's.
Nothing here imports Dask.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from linter.archive.records import PARQUET_HINT, Article, ArticleError, Fields, jsonl_record, parquet_group, parquet_group_bytes
from linter.check.config import UsageError

PARTITIONED = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
DEFAULT_BLOCKSIZE = 4 << 20  # bytes of JSONL per partition: about a thousand news articles
MIN_BLOCKSIZE = 64 << 10


@dataclass(frozen=True)
class Partition:
    kind: str  # jsonl | parquet
    path: str  # absolute: what a worker opens (the same path on every machine)
    display: str  # as the user gave it: the local scan's locations and fallback ids
    start: int = 0  # jsonl: the byte range [start, end)
    end: int = 0
    group: int = 0  # parquet: the row group, and the rows before it
    first_row: int = 0
    size: int = 0  # bytes on disk, for progress

    def where(self) -> str:
        return f"{self.display}:bytes {self.start}-{self.end}" if self.kind == "jsonl" else f"{self.display}:row group {self.group}"


def parse_size(text: str) -> int:
    """'4MiB', '512kB', '1000000' as bytes (--blocksize)."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(i?)b?\s*", str(text), re.I)
    if not m or float(m.group(1)) <= 0:
        raise UsageError(f"--blocksize {text}: not a size (say 4MiB, 512kB or a number of bytes)")
    base = 1024 if m.group(3) or not m.group(2) else 1000
    return max(1, int(float(m.group(1)) * base ** " kmg".index(m.group(2).lower() or " ")))


def partitioned(path: Path) -> bool:
    return path.suffix.lower() in PARTITIONED


def plan(path: Path, display: str, blocksize: int = DEFAULT_BLOCKSIZE, min_parts: int = 1) -> list[Partition]:
    """A worker-read archive's partitions, from its size or its Parquet footer.
    A JSONL file is cut into at least `min_parts` blocks (down to 64 KiB), so
    an archive smaller than a few blocks still keeps every worker busy."""
    kind = PARTITIONED[path.suffix.lower()]
    absolute = str(path.resolve())
    if kind == "jsonl":
        size = path.stat().st_size
        if min_parts > 1:
            blocksize = min(blocksize, max(MIN_BLOCKSIZE, -(-size // min_parts)))
        return [Partition("jsonl", absolute, display, s, min(size, s + blocksize), size=min(size, s + blocksize) - s)
                for s in range(0, size, blocksize)]
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UsageError(f"{display}: {PARQUET_HINT}") from None
    meta = pq.read_metadata(absolute)
    parts, rows = [], 0
    for g in range(meta.num_row_groups):
        parts.append(Partition("parquet", absolute, display, group=g, first_row=rows, size=parquet_group_bytes(meta, g)))
        rows += meta.row_group(g).num_rows
    return parts


def jsonl_lines(part: Partition) -> Iterator[bytes]:
    """Every line that starts inside the block: a line crossing `end` belongs
    to this block, the one crossing `start` to the block before."""
    with open(part.path, "rb") as fh:
        if part.start:
            fh.seek(part.start - 1)
            fh.readline()  # the rest of the previous block's last line (or just its newline)
        pos = fh.tell()
        while pos < part.end:
            raw = fh.readline()
            if not raw:
                return
            pos += len(raw)
            yield raw


def items(part: Partition, fields: Fields, first_line: int = 0) -> Iterator[Article | ArticleError]:
    """The partition's articles and bad records, in order; a JSONL block's
    lines numbered on from `first_line` (the lines of the blocks before it)."""
    if part.kind == "jsonl":
        name = Path(part.display).name
        for i, raw in enumerate(jsonl_lines(part), 1):
            n = first_line + i
            item = jsonl_record(raw, f"{part.display}:{n}", f"{name}:{n}", fields, first_line=n == 1)
            if item is not None:
                yield item
    else:
        import pyarrow.parquet as pq

        yield from parquet_group(pq.ParquetFile(part.path), part.group, part.first_row, part.display, fields)


def line_digests(part: Partition, fields: Fields) -> tuple[int, list[str | None]]:
    """The first pass: the block's line count (the next block's numbering)
    and each record's content hash (None for a blank line or a bad record),
    for the client's cache lookup. A partition that cannot be read counts
    what was read; the second pass reports the error."""
    digests: list[str | None] = []
    try:
        if part.kind == "jsonl":
            for raw in jsonl_lines(part):
                item = jsonl_record(raw, "", "", fields, first_line=part.start == 0 and not digests)
                digests.append(item.digest if isinstance(item, Article) else None)
        else:
            digests = [a.digest if isinstance(a, Article) else None for a in items(part, fields)]
    except (OSError, ValueError):  # ValueError: pyarrow's ArrowInvalid, a damaged Parquet file
        pass
    return len(digests), digests


def read_all(part: Partition, fields: Fields, first_line: int) -> list[Article | ArticleError]:
    """The partition's items; a read error after them when it cannot be read to its end."""
    out: list[Article | ArticleError] = []
    try:
        for item in items(part, fields, first_line):
            out.append(item)
    except (OSError, ValueError) as exc:
        out.append(ArticleError(None, part.where(), f"a worker cannot read this partition: {getattr(exc, 'strerror', None) or exc}", part.size))
    return out
