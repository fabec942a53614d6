"""The scan's files in DIR: findings.jsonl, articles.csv, errors.jsonl,
summary.json and report.html.

The three record files are written as results arrive (memory stays flat)
into side files that replace the previous outputs only when the scan
finishes, so an interrupted scan never leaves a half-written report
beside a complete one: its results are in the cache, and the next run
resumes from there.
"""

from __future__ import annotations

import csv
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from linter import __version__
from linter.archive.run import ArticleOutcome
from linter.archive.summary import Totals
from linter.core.finding import CATEGORIES

OUTPUTS = ("findings.jsonl", "articles.csv", "errors.jsonl", "summary.json", "report.html")
ARTICLE_COLUMNS = ["id", "title", "date", "words", "findings", *CATEGORIES, "per_1000_words"]
# with --profile: sentences, and the share of them the writer asserts, hedges, attributes
PROFILE_COLUMNS = ["sentences", "asserted_share", "hedged_share", "attributed_share"]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A CSV cell that a spreadsheet shows as text: archive titles are untrusted,
    and one starting with '=' would otherwise run as a formula (CSV injection)."""
    if value is None:
        return ""
    s = str(value)
    return "'" + s if s.startswith(_FORMULA) else s


class ScanWriter:
    def __init__(self, out: Path, inputs: list[str], prefilter: bool, jobs: int, profile: bool = False):
        self.out = out
        out.mkdir(parents=True, exist_ok=True)
        self.inputs = inputs
        self.prefilter = prefilter
        self.jobs = jobs
        self.started = datetime.now(timezone.utc)
        self.totals = Totals()
        self._tmp = {name: out / f".{name}.partial" for name in OUTPUTS}
        self._findings = open(self._tmp["findings.jsonl"], "w", encoding="utf-8")
        self._errors = open(self._tmp["errors.jsonl"], "w", encoding="utf-8")
        self._articles_fh = open(self._tmp["articles.csv"], "w", encoding="utf-8", newline="")
        self._articles = csv.writer(self._articles_fh)
        self.profile = profile
        self._articles.writerow(ARTICLE_COLUMNS + (PROFILE_COLUMNS if profile else []))

    def add(self, outcome: ArticleOutcome) -> None:
        if outcome.error is not None:
            self.totals.errors += 1
            self._errors.write(json.dumps(outcome.error.to_dict(), ensure_ascii=False) + "\n")
            return
        row = outcome.row()
        self.totals.add(row, outcome.findings, outcome.cached)
        for rec in outcome.records():
            self._findings.write(json.dumps(rec, ensure_ascii=False) + "\n")
        counts = {c: 0 for c in CATEGORIES}
        for f in outcome.findings:
            counts[f["category"]] = counts.get(f["category"], 0) + 1
        n = len(outcome.findings)
        per = round(1000.0 * n / outcome.words, 3) if outcome.words else 0.0
        extra = []
        if self.profile:
            p = outcome.profile or {}
            sentences = p.get("sentences", 0)
            extra = [sentences, *(round(p.get(s, 0) / sentences, 3) if sentences else 0.0 for s in ("asserted", "hedged", "attributed"))]
        self._articles.writerow([_cell(outcome.id), _cell(outcome.title), _cell(outcome.date), outcome.words, n,
                                 *(counts[c] for c in CATEGORIES), per, *extra])

    def _close_streams(self) -> None:
        for fh in (self._findings, self._errors, self._articles_fh):
            if not fh.closed:
                fh.close()

    def finish(self, rule_info: dict, seconds: float, checked: int) -> dict:
        """Write summary.json and report.html and put every output in place."""
        self._close_streams()
        summary = {
            "version": 1,
            "hedgelint": __version__,
            "inputs": self.inputs,
            "started": self.started.isoformat(timespec="seconds").replace("+00:00", "Z"),
            "seconds": round(seconds, 2),
            "prefilter": self.prefilter,
            "jobs": self.jobs,
            "articles_checked": checked,
            **self.totals.summary(rule_info),
        }
        self._tmp["summary.json"].write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        from linter.archive.report import render_report

        self._tmp["report.html"].write_text(render_report(summary, self.totals.top_articles()), encoding="utf-8")
        for name, tmp in self._tmp.items():
            os.replace(tmp, self.out / name)
        return summary

    def abandon(self) -> None:
        """An interrupted scan: drop the side files, keep the previous outputs."""
        self._close_streams()
        for tmp in self._tmp.values():
            try:
                tmp.unlink()
            except FileNotFoundError:
                pass
