#!/usr/bin/env python3
"""Fuzz check and --fix through the real CLI (prints counts; never a test).

Generates drafts in Markdown, HTML and plain text (tests/draftgen.py: rule
pack examples dressed in markup, entities, CR/CRLF/LS/PS wraps, combining
marks, zero-width characters, suppressions, config selections, baselines),
runs them through `hedgelint check` in process in batches, and prints per
kind: files, files with findings, files --fix changed, files where --fix
changed characters outside every reported edit, files where --fix did
anything else than the reported edits (the same or a different fix),
second-fix changes, new findings, quotes or brackets left unpaired, wrong positions, tracebacks. With
--show N the first N problems are printed.

Usage: python benchmarks/fuzz_fix.py [--files 3000] [--seed 1] [--batch 150] [--kind html] [--show 5]
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from draftgen import KINDS, draft, examine  # noqa: E402


def _invoker():
    """The CLI in process, with one engine per (select, ignore, ...) for the whole run."""
    from typer.testing import CliRunner

    import linter.cli as cli

    engines: dict = {}
    real = cli._load_engine

    def cached(model, select, ignore, keep_cleared=False, estimative=False, extra_packs=None):
        key = (model, tuple(select or ()), tuple(ignore or ()), keep_cleared, estimative, tuple(extra_packs or ()))
        if key not in engines:
            engines[key] = real(model, select, ignore, keep_cleared, estimative, extra_packs)
        return engines[key]

    cli._load_engine = cached
    runner = CliRunner()
    return lambda args: runner.invoke(cli.app, args)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--files", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--batch", type=int, default=150)
    ap.add_argument("--kind", choices=sorted(KINDS))
    ap.add_argument("--show", type=int, default=0)
    args = ap.parse_args()
    r = random.Random(args.seed)
    invoke = _invoker()
    counts: dict[str, Counter] = {k: Counter() for k in sorted(KINDS)}
    shown = 0
    t0 = time.time()
    cwd = os.getcwd()
    done = 0
    while done < args.files:
        drafts = [draft(r, args.kind) for _ in range(min(args.batch, args.files - done))]
        done += len(drafts)
        with tempfile.TemporaryDirectory() as tmp:
            os.chdir(tmp)
            try:
                outcomes = examine(invoke, drafts, Path(tmp))
            except Exception:
                # one traceback stops the batch: find the drafts that raise, alone
                outcomes = []
                for d in drafts:
                    with tempfile.TemporaryDirectory() as one:
                        os.chdir(one)
                        try:
                            outcomes += examine(invoke, [d], Path(one))
                        except Exception:
                            counts[d.kind]["files"] += 1
                            counts[d.kind]["tracebacks"] += 1
                            if shown < args.show:
                                shown += 1
                                print(f"--- traceback on {d.render()!r}\n{traceback.format_exc()}")
                            outcomes.append(None)
            finally:
                os.chdir(cwd)
        for d, o in zip(drafts, outcomes):
            if o is None:
                continue
            c = counts[d.kind]
            c["files"] += 1
            c["with findings"] += o.findings > 0
            c["changed by --fix"] += o.fixed_rounds > 0
            c["changed outside reported edits"] += o.outside
            c["safe edit overwrote markup/wrap"] += o.overwrote
            c["not the reported edits"] += any("the reported edits give" in p for p in o.problems)
            c["second --fix changed"] += any("a second --fix" in p for p in o.problems)
            c["new findings after --fix"] += any("new finding" in p for p in o.problems)
            c["rounds differ from one --fix"] += any("its rounds one at a time" in p for p in o.problems)
            c["quotes or brackets unpaired"] += any("how quotes or brackets pair" in p for p in o.problems)
            c["wrong positions"] += o.wrong_positions
            c["input errors"] += any("input error" in p for p in o.problems)
            c["tracebacks"] += 0
            if o.problems and shown < args.show:
                shown += 1
                print(f"--- {d.kind} {d.config} baseline={d.baseline_from}\n{d.render()!r}\n" + "\n".join(o.problems) + "\n")
    keys = ["files", "with findings", "changed by --fix", "changed outside reported edits", "safe edit overwrote markup/wrap", "not the reported edits", "second --fix changed", "new findings after --fix", "rounds differ from one --fix", "quotes or brackets unpaired", "wrong positions", "input errors", "tracebacks"]
    print(f"seed {args.seed}, {done} drafts in {time.time() - t0:.0f} s")
    print(f"{'':32}" + "".join(f"{k:>10}" for k in counts))
    for k in keys:
        print(f"{k:32}" + "".join(f"{counts[kind][k]:>10}" for kind in counts))


if __name__ == "__main__":
    main()
