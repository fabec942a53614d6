"""Scan progress on stderr: a rich progress bar on a terminal, a plain line
every few seconds when stderr is a log or a pipe, nothing when quiet.

Progress is measured in bytes of the archive read (known before the scan
starts without reading anything), so there is an ETA for a JSONL archive
whose article count is unknown until its end.
"""

from __future__ import annotations

import sys
import time


def _eta(seconds: float | None) -> str:
    if seconds is None:
        return "--"
    seconds = int(seconds)
    if seconds >= 3600:
        return f"{seconds // 3600}h{(seconds % 3600) // 60:02d}m"
    if seconds >= 60:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds}s"


class Progress:
    def __init__(self, total_bytes: int | None, mode: str = "auto", every: float = 10.0, stream=None):
        """`mode`: auto (a bar on a terminal, lines otherwise), bar, lines or quiet."""
        self.stream = stream or sys.stderr
        if mode == "auto":
            mode = "bar" if getattr(self.stream, "isatty", lambda: False)() else "lines"
        self.mode = mode
        self.total = total_bytes or None
        self.every = every
        self.start = time.monotonic()
        self.articles = self.words = self.done_bytes = self.cached = 0
        self._last = self.start
        self._bar = None
        self._task = None
        if mode == "bar":
            from rich.console import Console
            from rich.progress import BarColumn, Progress as RichProgress, TextColumn, TimeRemainingColumn

            self._bar = RichProgress(
                TextColumn("[bold]scan"), BarColumn(), TextColumn("{task.percentage:>3.0f}%"),
                TextColumn("{task.fields[articles]:,} articles"), TextColumn("{task.fields[rate]:,.0f} words/s"),
                TimeRemainingColumn(), console=Console(file=self.stream), transient=False,
            )
            self._bar.start()
            self._task = self._bar.add_task("scan", total=self.total, articles=0, rate=0.0)

    def rate(self) -> float:
        elapsed = time.monotonic() - self.start
        return self.words / elapsed if elapsed > 0 else 0.0

    def advance(self, size: int, words: int, cached: bool) -> None:
        self.articles += 1
        self.words += words
        self.done_bytes += size
        self.cached += cached
        if self.mode == "bar":
            self._bar.update(self._task, completed=self.done_bytes, articles=self.articles, rate=self.rate())
        elif self.mode == "lines":
            now = time.monotonic()
            if now - self._last >= self.every:
                self._last = now
                self.stream.write(self.line() + "\n")
                self.stream.flush()

    def line(self) -> str:
        pct = eta = None
        if self.total:
            frac = min(1.0, self.done_bytes / self.total)
            pct = f"{100 * frac:.0f}%"
            elapsed = time.monotonic() - self.start
            eta = elapsed * (1 - frac) / frac if frac > 0 else None
        parts = [f"hedgelint: scanned {self.articles:,} articles"]
        if pct:
            parts.append(pct)
        parts.append(f"{self.rate():,.0f} words/s")
        if self.total:
            parts.append(f"ETA {_eta(eta)}")
        return ", ".join(parts)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.stop()
