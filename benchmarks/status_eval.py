#!/usr/bin/env python3
"""Sentence status, clause commitment and draft agreement figures (prints numbers; never a test).

1. Status: accuracy and per-status precision / recall / F1 on
   corpora/status/dev.jsonl (tuned on) and held.jsonl (never tuned on), plus
   "uncertain" (any status but asserted) against asserted, the binary
   question of the CoNLL-2010 shared task.
2. Commitment: accuracy per class on corpora/status/commitment.jsonl.
3. Draft agreement: corpora/status/draft50.md analysed as a file, compared
   sentence by sentence with draft50.jsonl (status, and cue precision /
   recall on (text, type)).

Usage: python benchmarks/status_eval.py [--show-errors dev|commitment|draft]
(--show-errors never lists held-out errors: that file is not tuned on.)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linter.core.engine import Engine  # noqa: E402
from linter.core.status import STATUSES, analyser_for  # noqa: E402

DATA = ROOT / "corpora" / "status"


def load(name):
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def prf(pairs, label):
    tp = sum(1 for g, p in pairs if g == label and p == label)
    fp = sum(1 for g, p in pairs if g != label and p == label)
    fn = sum(1 for g, p in pairs if g == label and p != label)
    pr = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * pr * rc / (pr + rc) if pr + rc else 0.0
    return pr, rc, f1, tp + fn


def sentence_status(nlp, text):
    doc = nlp(text)
    res = analyser_for(doc).analyse(doc)
    # a one-sentence item the parser split: the strongest status by precedence wins
    return min((r.status for r in res), key=STATUSES.index), res


def status_report(nlp, name, show):
    items = load(name)
    pairs, errors = [], []
    for it in items:
        pred, res = sentence_status(nlp, it["text"])
        pairs.append((it["status"], pred))
        if pred != it["status"]:
            errors.append((it, pred, [f"{c.text}:{c.type}/{c.kind}" for r in res for c in r.cues]))
    acc = sum(g == p for g, p in pairs) / len(pairs)
    print(f"\n{name}: {len(pairs)} sentences, accuracy {acc:.3f}")
    print(f"{'status':<12} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}")
    f1s = []
    for s in STATUSES:
        p, r, f, n = prf(pairs, s)
        f1s.append(f)
        print(f"{s:<12} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}")
    print(f"{'macro F1':<12} {sum(f1s) / len(f1s):20.3f}")
    binary = [("u" if g != "asserted" else "c", "u" if p != "asserted" else "c") for g, p in pairs]
    p, r, f, n = prf(binary, "u")
    print(f"{'not asserted':<12} {p:6.3f} {r:6.3f} {f:6.3f} {n:4d}   (uncertain vs certain, CoNLL-2010 style)")
    genres = Counter(it["genre"] for it in items)
    for g in sorted(genres):
        sub = [(it["status"], pairs[i][1]) for i, it in enumerate(items) if it["genre"] == g]
        print(f"  {g:<14} accuracy {sum(a == b for a, b in sub) / len(sub):.3f} ({len(sub)})")
    if show:
        for it, pred, cues in errors:
            print(f"  ERR {it['id']} gold={it['status']} got={pred} {it['text']!r} {cues}")


def commitment_report(nlp, show):
    items = load("commitment.jsonl")
    pairs, errors = [], []
    for it in items:
        doc = nlp(it["text"])
        res = analyser_for(doc).analyse(doc)
        clauses = [c for r in res for c in r.clauses]
        match = next((c for c in clauses if c.head.text == it["clause_head"]), None)
        if match is None:  # a non-finite head ("seem to have failed"): its finite clause
            tok = next((t for t in doc if t.text == it["clause_head"]), None)
            match = next((c for c in clauses if tok is not None and c.head.i in {a.i for a in tok.ancestors}), None)
        pred = match.commitment if match else "none"
        pairs.append((it["commitment"], pred))
        if pred != it["commitment"]:
            errors.append((it, pred))
    acc = sum(g == p for g, p in pairs) / len(pairs)
    print(f"\ncommitment.jsonl: {len(pairs)} clauses, accuracy {acc:.3f}")
    for s in ("committed", "not_committed", "committed_negative"):
        p, r, f, n = prf(pairs, s)
        print(f"{s:<20} P {p:.3f} R {r:.3f} F1 {f:.3f} n {n}")
    if show:
        for it, pred in errors:
            print(f"  ERR gold={it['commitment']} got={pred} {it['text']!r}")


def draft_report(nlp, show):
    items = load("draft50.jsonl")
    text = (DATA / "draft50.md").read_text(encoding="utf-8")
    from linter.sources import attach_reader, text_document

    # read as `analyze` reads it: block by block, one Doc per block
    document = text_document(text, "draft50.md", "markdown")
    attach_reader(document)
    got = {}
    for block in document.blocks():
        doc = nlp(block.text)
        for s in analyser_for(doc).analyse(doc):
            got[" ".join(s.span.text.split())] = s
    agree = 0
    tp = fp = fn = 0
    missing = 0
    for it in items:
        s = got.get(" ".join(it["text"].split()))
        if s is None:
            missing += 1
            if show:
                print(f"  MISSING {it['text']!r}")
            continue
        gold_cues = {(c["text"].lower(), c["type"]) for c in it["cues"]}
        pred_cues = set()
        for c in s.cues:
            t = c.text.lower()
            if c.type == "quotation":
                t = '""'
            pred_cues.add((t, c.type))
        ok = s.status == it["status"]
        agree += ok
        tp += len(gold_cues & pred_cues)
        fp += len(pred_cues - gold_cues)
        fn += len(gold_cues - pred_cues)
        if show and (not ok or gold_cues != pred_cues):
            print(f"  {'ERR' if not ok else 'cue'} gold={it['status']} got={s.status} {it['text'][:70]!r} +{sorted(pred_cues - gold_cues)} -{sorted(gold_cues - pred_cues)}")
    n = len(items)
    print(f"\ndraft50: status agreement {agree}/{n} = {agree / n:.3f} ({missing} sentences split differently)")
    p = tp / (tp + fp) if tp + fp else 0
    r = tp / (tp + fn) if tp + fn else 0
    print(f"cues (text, type): precision {p:.3f} recall {r:.3f} ({tp} agreed, {fp} extra, {fn} missed)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--show-errors", choices=["dev", "commitment", "draft"], action="append", default=[])
    ap.add_argument("--no-held", action="store_true", help="skip the held-out file (while tuning)")
    ap.add_argument("--only", choices=["status", "commitment", "draft"])
    args = ap.parse_args()
    nlp = Engine().nlp
    if args.only in (None, "status"):
        status_report(nlp, "dev.jsonl", "dev" in args.show_errors)
        if not args.no_held:
            status_report(nlp, "held.jsonl", False)
    if args.only in (None, "commitment"):
        commitment_report(nlp, "commitment" in args.show_errors)
    if args.only in (None, "draft"):
        draft_report(nlp, "draft" in args.show_errors)


if __name__ == "__main__":
    main()
