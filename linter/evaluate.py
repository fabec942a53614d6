"""Measure the linter on an annotated corpus (corpora/*.jsonl).

Each line is one paragraph: {"id", "text", "labels": [categories], "claims":
[...], "tags": [...], "style"}. A paragraph counts as predicted for a
category when at least one finding of that category falls in it. Reported:
precision, recall and F1 per category, their macro average, and the share of
clean paragraphs (no labels) that got any finding.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from linter.core.finding import CATEGORIES
from linter.sources import text_document


class CorpusError(ValueError):
    pass


@dataclass
class Item:
    id: str
    text: str
    labels: frozenset[str]
    tags: tuple[str, ...] = ()
    source: str = ""


@dataclass
class Report:
    n: int = 0
    clean: int = 0
    clean_flagged: int = 0
    counts: dict = field(default_factory=lambda: {c: {"tp": 0, "fp": 0, "fn": 0} for c in CATEGORIES})
    errors: list = field(default_factory=list)  # (item, predicted, findings)

    def scores(self) -> dict:
        out = {}
        for c, k in self.counts.items():
            p = k["tp"] / (k["tp"] + k["fp"]) if k["tp"] + k["fp"] else 0.0
            r = k["tp"] / (k["tp"] + k["fn"]) if k["tp"] + k["fn"] else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            out[c] = {"precision": p, "recall": r, "f1": f, "support": k["tp"] + k["fn"], **k}
        out["macro"] = {m: sum(out[c][m] for c in CATEGORIES) / len(CATEGORIES) for m in ("precision", "recall", "f1")}
        return out

    @property
    def clean_flagged_share(self) -> float:
        return self.clean_flagged / self.clean if self.clean else 0.0


def load_corpus(paths: list[Path]) -> list[Item]:
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(p.rglob("*.jsonl")))
        elif p.is_file():
            files.append(p)
        else:
            raise CorpusError(f"{p}: no such file or directory")
    if not files:
        raise CorpusError(f"{', '.join(map(str, paths))}: no .jsonl corpus files found")
    items: list[Item] = []
    seen: set[str] = set()
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                labels = frozenset(obj.get("labels", []))
                bad = labels - set(CATEGORIES)
                if bad:
                    raise ValueError(f"unknown label {sorted(bad)[0]!r}")
                item = Item(str(obj["id"]), str(obj["text"]), labels, tuple(obj.get("tags", [])), str(f))
            except (ValueError, KeyError, TypeError) as exc:
                raise CorpusError(f"{f}:{n}: bad corpus line: {exc}") from None
            if item.id in seen:
                raise CorpusError(f"{f}:{n}: duplicate id {item.id!r}")
            seen.add(item.id)
            items.append(item)
    return items


def evaluate(engine, items: list[Item]) -> Report:
    report = Report()
    docs = [text_document(it.text, it.id) for it in items]
    for item, result in zip(items, engine.check_documents(docs)):
        predicted = frozenset(f.category for f in result.findings)
        report.n += 1
        if not item.labels:
            report.clean += 1
            if predicted:
                report.clean_flagged += 1
        for c in CATEGORIES:
            gold, pred = c in item.labels, c in predicted
            key = "tp" if gold and pred else "fp" if pred else "fn" if gold else None
            if key:
                report.counts[c][key] += 1
        if predicted != item.labels:
            report.errors.append((item, predicted, result.findings))
    return report


def render_text(report: Report, show_errors: bool = False) -> str:
    s = report.scores()
    lines = [f"paragraphs: {report.n}  (clean: {report.clean})", "", f"{'category':<12}{'precision':>10}{'recall':>8}{'F1':>8}{'support':>9}{'tp':>5}{'fp':>5}{'fn':>5}"]
    for c in CATEGORIES:
        r = s[c]
        lines.append(f"{c:<12}{r['precision']:>10.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{r['support']:>9}{r['tp']:>5}{r['fp']:>5}{r['fn']:>5}")
    m = s["macro"]
    lines.append(f"{'macro':<12}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>8.3f}")
    lines.append("")
    lines.append(f"clean paragraphs flagged: {report.clean_flagged}/{report.clean} = {report.clean_flagged_share:.1%}")
    if show_errors:
        lines.append("")
        for item, predicted, findings in report.errors:
            missed = sorted(item.labels - predicted)
            extra = sorted(predicted - item.labels)
            lines.append(f"--- {item.id} gold={sorted(item.labels)} missed={missed} extra={extra} tags={list(item.tags)}")
            lines.append(f"    {item.text}")
            for f in findings:
                lines.append(f"    > {f.rule} [{f.category}] {f.text!r}")
    return "\n".join(lines)


def render_json(report: Report) -> str:
    return json.dumps(
        {
            "paragraphs": report.n,
            "clean": report.clean,
            "clean_flagged": report.clean_flagged,
            "clean_flagged_share": report.clean_flagged_share,
            "scores": report.scores(),
        },
        indent=2,
    )
