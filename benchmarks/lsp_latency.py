#!/usr/bin/env python3
"""Warm re-check time of `hedgelint lsp` after single-word edits (prints figures; never a test).

A 1,000-word Markdown draft (the shipped sample's paragraphs, repeated with
small variations so no two paragraphs are the same) is checked once to warm
the engine and the paragraph cache; then 100 edits each replace, insert or
delete one word at a random place, and each re-check is timed as the
language server runs it: the paragraph cache (re-reading the buffer's
paragraphs, the engine on the changed ones) plus check's filters (config,
suppressions). Target: median and 95th percentile under 50 ms.

Usage: python benchmarks/lsp_latency.py [--edits 100] [--words 1000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = ("reportedly", "clearly", "the", "army", "will", "quietly", "regime", "soon", "officials", "collapse")


def build_draft(words: int) -> str:
    sample = (ROOT / "samples" / "draft.md").read_text(encoding="utf-8")
    paragraphs = [p for p in sample.split("\n\n") if p.strip() and not p.startswith("#")]
    out, n, i = [], 0, 0
    while n < words:
        p = paragraphs[i % len(paragraphs)]
        out.append(f"In week {i + 1}, {p[0].lower()}{p[1:]}")
        n += len(out[-1].split())
        i += 1
    return "# A long draft\n\n" + "\n\n".join(out) + "\n"


def edit(r: random.Random, text: str) -> str:
    spans = [(m.start(), m.end()) for m in __import__("re").finditer(r"[A-Za-z]+", text)]
    a, b = r.choice(spans[5:])  # never the heading
    what = r.random()
    if what < 0.4:
        return text[:a] + r.choice(WORDS) + text[b:]
    if what < 0.8:
        return text[:a] + r.choice(WORDS) + " " + text[a:]
    return text[:a] + text[b:].lstrip(" ")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--edits", type=int, default=100)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()

    from linter.core.engine import Engine
    from linter.lsp.documents import ParagraphCache
    from linter.lsp.session import EditorSession

    engine = Engine()
    t0 = time.perf_counter()
    engine.nlp
    load = time.perf_counter() - t0
    session = EditorSession(lambda: engine, ROOT)
    cache = ParagraphCache(engine)
    text = build_draft(args.words)
    path = str(ROOT / "draft.md")

    def recheck(text: str) -> list:
        found = cache.check(text, path, "markdown")
        return session.filter(cache.document(text, path, "markdown"), found)

    t0 = time.perf_counter()
    first = recheck(text)
    full = time.perf_counter() - t0
    r = random.Random(args.seed)
    times, checked = [], []
    for _ in range(args.edits):
        text = edit(r, text)
        t0 = time.perf_counter()
        recheck(text)
        times.append((time.perf_counter() - t0) * 1000)
        checked.append(cache.checked)
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * len(times))) - 1)]
    print(f"draft: {len(text.split())} words, {len(cache.blocks)} paragraphs, {len(first)} findings")
    print(f"model load: {load:.2f} s; first (cold cache) check: {full * 1000:.0f} ms")
    print(f"warm re-check over {args.edits} single-word edits: median {statistics.median(times):.1f} ms, "
          f"95th percentile {p95:.1f} ms, max {times[-1]:.1f} ms (target < 50 ms)")
    print(f"paragraphs sent to the engine per edit: mean {statistics.mean(checked):.2f}")


if __name__ == "__main__":
    main()
