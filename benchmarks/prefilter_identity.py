#!/usr/bin/env python3
"""The prefilter against the slow path on the WHOLE BBC News corpus (prints figures; never a test).

Every story runs twice through one engine: with the tokenizer prefilter, and
with every paragraph parsed (`check --no-prefilter`). Prints paragraphs,
the share the prefilter passes to the parser, findings and time of each
path, and every finding one path has and the other lacks (path, line,
column, rule). tests/test_prefilter_identity.py runs a sample of the same
stories in the test suite.

Usage: python benchmarks/prefilter_identity.py [--every N]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc-news-2005"


def run(engine, docs, prefilter: bool):
    engine.prefilter = prefilter
    t = time.perf_counter()
    found = {}
    for res in engine.check_documents(docs):
        for f in res.findings:
            key = (f.rule, f.start, f.end, f.context, tuple((e.replacement, e.start, e.end, e.safe) for e in f.suggestions))
            found.setdefault(res.path, []).append((key, f))
    return found, time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--every", type=int, default=1, help="use every Nth story (default: all)")
    args = ap.parse_args()
    if not BBC.is_dir():
        print(f"BBC News corpus not found at {BBC}: nothing to compare")
        return 2
    sys.path.insert(0, str(ROOT))
    from linter.core.engine import Engine
    from linter.sources import text_document

    files = sorted(BBC.rglob("*.txt"))[:: args.every]
    texts = [(str(p.relative_to(BBC)), p.read_text(encoding="latin-1")) for p in files]
    engine = Engine()
    engine.nlp
    comp, tok = engine.component, engine.nlp.tokenizer
    blocks = [b for name, t in texts for b in text_document(t, name).blocks()]
    passed = sum(1 for b in blocks if comp.might_match(tok(b.text)))
    words = sum(len(t.split()) for _, t in texts)
    print(f"BBC News: {len(texts):,} stories, {words:,} words, {len(blocks):,} paragraphs")
    print(f"  prefilter passes {passed:,} paragraphs ({passed / len(blocks):.1%}) to the parser")

    def docs():
        return (text_document(t, name) for name, t in texts)

    fast, t_fast = run(engine, docs(), True)
    slow, t_slow = run(engine, docs(), False)
    n_fast = sum(len(v) for v in fast.values())
    n_slow = sum(len(v) for v in slow.values())
    print(f"  with prefilter:    {n_fast} findings  {t_fast:6.1f} s  {words / t_fast:8,.0f} words/s")
    print(f"  every paragraph:   {n_slow} findings  {t_slow:6.1f} s  {words / t_slow:8,.0f} words/s")
    differences = 0
    for path in sorted(set(fast) | set(slow)):
        a = {k: f for k, f in fast.get(path, [])}
        b = {k: f for k, f in slow.get(path, [])}
        for key in b.keys() - a.keys():
            f = b[key]
            print(f"  MISSED by the prefilter: {path}:{f.line}:{f.column} {f.rule}")
            differences += 1
        for key in a.keys() - b.keys():
            f = a[key]
            print(f"  only with the prefilter: {path}:{f.line}:{f.column} {f.rule}")
            differences += 1
    print(f"  differences: {differences}")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    sys.exit(main())
