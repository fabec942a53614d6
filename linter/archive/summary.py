"""Totals over a scan, kept in bounded memory: per category, per rule, per
period (month or year of the article's date), and the articles with most
findings (a fixed-size heap), for summary.json and the report."""

from __future__ import annotations

import heapq
import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from linter.core.finding import CATEGORIES

TOP_ARTICLES = 25
_YEAR_MONTH = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2}))?")
_DAY_FIRST = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")


def parse_date(value: str | None) -> tuple[int, int] | None:
    """(year, month) of a date as archives write it: ISO 8601, RFC 2822, a bare
    year or year-month; None when it cannot be read (the article is undated)."""
    if not value:
        return None
    value = value.strip()
    try:
        d = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return d.year, d.month
    except ValueError:
        pass
    try:
        d = parsedate_to_datetime(value)
        if d is not None:
            return d.year, d.month
    except (TypeError, ValueError, IndexError):
        pass
    m = _YEAR_MONTH.match(value)
    if m and 1800 <= int(m.group(1)) <= 2200:
        month = int(m.group(2)) if m.group(2) else 0
        return int(m.group(1)), month if 1 <= month <= 12 else 0
    m = _DAY_FIRST.match(value)  # 03/05/2019: the month is ambiguous, the year is not
    if m:
        return int(m.group(3)), 0
    if value.isdigit() and len(value) >= 9:  # a Unix timestamp
        try:
            d = datetime.utcfromtimestamp(int(value[:10]))
            return d.year, d.month
        except (OverflowError, OSError, ValueError):
            return None
    return None


def shares(profile: dict) -> dict[str, float]:
    """Each status's share of the sentences (scan --profile)."""
    n = profile.get("sentences", 0)
    return {k: round(v / n, 4) if n else 0.0 for k, v in profile.items() if k != "sentences"}


def _per_1000(count: int, words: int) -> float:
    return round(1000.0 * count / words, 3) if words else 0.0


class Totals:
    def __init__(self):
        self.articles = 0
        self.articles_from_cache = 0
        self.words = 0
        self.findings = 0
        self.errors = 0
        self.by_category = {c: 0 for c in CATEGORIES}
        self.by_rule: dict[str, int] = {}
        self.periods: dict[tuple[int, int], dict] = {}
        self.profile: dict[str, int] | None = None  # sentences per status, with --profile
        self._top: list[tuple] = []  # min-heap of (findings, -order, article)
        self._order = 0

    def add(self, article: dict, findings: list[dict], cached: bool) -> None:
        """One article's row (id, title, date, words) and its finding records."""
        self.articles += 1
        self.articles_from_cache += cached
        words = article["words"]
        self.words += words
        self.findings += len(findings)
        counts = {c: 0 for c in CATEGORIES}
        for f in findings:
            counts[f["category"]] = counts.get(f["category"], 0) + 1
            self.by_rule[f["rule"]] = self.by_rule.get(f["rule"], 0) + 1
        for c, n in counts.items():
            self.by_category[c] = self.by_category.get(c, 0) + n
        prof = article.get("profile")
        if prof is not None:
            self.profile = self.profile or {}
            for k, v in prof.items():
                self.profile[k] = self.profile.get(k, 0) + v
        when = parse_date(article.get("date"))
        if when is not None:
            p = self.periods.setdefault(when, {"articles": 0, "words": 0, "by_category": {c: 0 for c in CATEGORIES}})
            p["articles"] += 1
            p["words"] += words
            for c, n in counts.items():
                p["by_category"][c] += n
            if prof is not None:
                pp = p.setdefault("profile", {})
                for k, v in prof.items():
                    pp[k] = pp.get(k, 0) + v
        if findings:
            self._order += 1
            entry = (len(findings), -self._order, {**article, "findings": findings, "counts": counts})
            if len(self._top) < TOP_ARTICLES:
                heapq.heappush(self._top, entry)
            elif entry[:2] > self._top[0][:2]:
                heapq.heapreplace(self._top, entry)

    def by_period(self) -> tuple[str | None, list[dict], int]:
        """(unit, rows, undated articles): months when the dates span five
        years or less and every dated article has a month, else years."""
        if not self.periods:
            return None, [], self.articles
        years = [y for y, _ in self.periods]
        monthly = max(years) - min(years) <= 5 and all(m for _, m in self.periods)
        merged: dict[str, dict] = {}
        for (y, m), p in sorted(self.periods.items()):
            key = f"{y:04d}-{m:02d}" if monthly else f"{y:04d}"
            row = merged.setdefault(key, {"period": key, "articles": 0, "words": 0, "by_category": {c: 0 for c in CATEGORIES}})
            row["articles"] += p["articles"]
            row["words"] += p["words"]
            for c, n in p["by_category"].items():
                row["by_category"][c] += n
            if "profile" in p:
                rp = row.setdefault("profile", {})
                for k, v in p["profile"].items():
                    rp[k] = rp.get(k, 0) + v
        rows = list(merged.values())
        for row in rows:
            row["per_1000_words"] = {c: _per_1000(n, row["words"]) for c, n in row["by_category"].items()}
            if "profile" in row:
                row["profile_shares"] = shares(row["profile"])
        dated = sum(p["articles"] for p in self.periods.values())
        return ("month" if monthly else "year"), rows, self.articles - dated

    def top_articles(self) -> list[dict]:
        out = []
        for n, _, a in sorted(self._top, key=lambda e: (-e[0], -e[1])):
            out.append({
                "id": a["id"], "title": a.get("title"), "date": a.get("date"), "words": a["words"],
                "findings": n, "per_1000_words": _per_1000(n, a["words"]), "by_category": a["counts"],
                "flagged": [
                    {"rule": f["rule"], "category": f["category"], "severity": f["severity"], "message": f["message"],
                     "line": f["line"], "column": f["column"], "sentence": f.get("sentence", ""), "text": f["text"],
                     "start": f.get("sentence_start", -1),
                     "suggestions": [{"replacement": s["replacement"], "preview": s.get("preview", ""), "safe": s["safe"]} for s in f["suggestions"]]}
                    for f in a["findings"]
                ],
            })
        return out

    def summary(self, rule_info: dict[str, tuple[str, str]]) -> dict:
        unit, periods, undated = self.by_period()
        extra = {} if self.profile is None else {"profile": dict(self.profile), "profile_shares": shares(self.profile)}
        return {
            **extra,
            "articles": self.articles,
            "articles_from_cache": self.articles_from_cache,
            "words": self.words,
            "findings": self.findings,
            "errors": self.errors,
            "by_category": dict(self.by_category),
            "per_1000_words": {c: _per_1000(n, self.words) for c, n in self.by_category.items()},
            "by_rule": [
                {"rule": r, "name": rule_info.get(r, ("", ""))[0], "category": rule_info.get(r, ("", ""))[1], "count": n}
                for r, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0]))
            ],
            "period_unit": unit,
            "by_period": periods,
            "undated_articles": undated,
        }
