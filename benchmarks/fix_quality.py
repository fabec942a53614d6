#!/usr/bin/env python3
"""Suggestion and --fix figures on the corpora (prints numbers; never a test).

For each split: the share of findings with at least one suggestion (goal
>= 95%), the share of findings fixed by --fix that are gone when the fixed
text is checked again (goal >= 95%), and the number of new findings the fixes
introduce (goal 0). Then twenty before/after pairs drawn at random from the
dev split, so a reader can judge the grammar.

Usage: python benchmarks/fix_quality.py [--seed N]
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.core.engine import Engine  # noqa: E402
from linter.evaluate import load_corpus  # noqa: E402
from linter.check.fix import apply_edits, choose_edits, fix_text  # noqa: E402


def key(f):
    return (f.rule, f.sentence)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    engine = Engine()
    pairs = []
    for split in ("dev", "dev2", "dev3", "dev4", "unseen", "unseen2"):
        items = load_corpus([ROOT / "corpora" / split])
        total = with_sugg = fixed = gone = new = 0
        for it in items:
            findings = engine.check_text(it.text)
            total += len(findings)
            with_sugg += sum(1 for f in findings if f.suggestions)
            edits = choose_edits(findings)
            _, applied = apply_edits(it.text, edits)
            if not applied:
                continue
            text, _, _ = fix_text(engine, it.text, findings)  # what --fix writes
            applied_ids = {id(e) for e in applied}
            fixed_findings = [f for f in findings if any(id(s) in applied_ids for s in f.suggestions)]
            fixed += len(fixed_findings)
            after = engine.check_text(text)
            before_keys = {f.rule for f in findings}
            # a fixed finding is gone if its rule no longer fires on its clause
            for f in fixed_findings:
                still = [g for g in after if g.rule == f.rule and g.sentence.split()[:3] == f.sentence.split()[:3]]
                if not still:
                    gone += 1
            introduced = [g for g in after if g.rule not in before_keys]
            new += len(introduced)
            if split.startswith("dev"):  # the unseen splits are measured, never read
                for g in introduced:
                    print(f"  new finding in {it.id}: {g.rule} {g.text!r} in {g.sentence!r}")
            if split == "dev":
                for f in fixed_findings:
                    e = next(s for s in f.suggestions if id(s) in applied_ids)
                    one, _ = apply_edits(it.text, [e])
                    pairs.append((it.id, f.rule, f.sentence, " ".join(one[max(0, e.start - 60): e.start + len(e.replacement) + 60].split())))
        print(f"{split}: {total} findings; with a suggestion {with_sugg}/{total} = {with_sugg / max(1, total):.1%}; "
              f"fixed {fixed}; gone after re-check {gone}/{fixed} = {gone / max(1, fixed):.1%}; new findings introduced {new}")
    random.Random(args.seed).shuffle(pairs)
    print("\ntwenty before/after pairs from the dev split (first safe suggestion):")
    for pid, rule, sentence, after in pairs[:20]:
        print(f"- [{pid} {rule}] {sentence}")
        print(f"    after: ...{after}...")


if __name__ == "__main__":
    main()
