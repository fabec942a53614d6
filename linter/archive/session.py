"""What `hedgelint scan` does: a Scan into DIR's outputs, with progress, and
an interrupt that keeps what was done (the cache) for the next run."""

from __future__ import annotations

import sys
import time

from linter.archive.outputs import ScanWriter
from linter.archive.progress import Progress
from linter.archive.records import total_bytes
from linter.archive.run import Scan, ScanOptions
from linter.check.config import UsageError

EXIT_CLEAN, EXIT_ERROR, EXIT_INTERRUPTED = 0, 2, 130


def _err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def preflight(options: ScanOptions, settings_model: str | None) -> None:
    """Fail before reading the archive: a missing model or an unknown rule
    would otherwise surface in a worker process as a broken pool."""
    from linter.core.models import DEFAULT_MODEL, install_hint, is_installed

    model = options.model or settings_model or DEFAULT_MODEL
    if not is_installed(model):
        raise UsageError(f"spaCy model '{model}' is not installed; install it with: {install_hint(model)}")
    if not (options.select or options.ignore):
        return
    from linter.core.rules import SelectorError, check_selectors, load_packs

    rules = load_packs().rules
    for name, values in (("select", options.select), ("ignore", options.ignore)):
        try:
            check_selectors(rules, name, values)
        except SelectorError as exc:
            raise UsageError(f"--{exc}") from None


def make_scan(options: ScanOptions, engine_factory=None) -> Scan:
    """The local scan, or the Dask engine's (imported only when asked for)."""
    if options.engine == "dask":
        from linter.archive.dask_engine import DaskScan
        from linter.archive.partitions import DEFAULT_BLOCKSIZE

        return DaskScan(options, scheduler=options.scheduler, blocksize=options.blocksize or DEFAULT_BLOCKSIZE)
    return Scan(options, engine_factory=engine_factory)


def run_scan(options: ScanOptions, progress: str = "auto", engine_factory=None) -> int:
    """Scan into options.out; the exit code (2 when any article failed)."""
    assert options.out is not None
    scan = make_scan(options, engine_factory)
    preflight(options, scan.settings_cwd.model)
    scan.start(None if progress == "quiet" else _err)  # a cluster: its workers and dashboard, before the bar
    bar = Progress(total_bytes(options.paths), mode=progress)
    writer = ScanWriter(options.out, list(options.paths), options.prefilter, scan.jobs, options.profile)
    started = time.monotonic()
    try:
        for outcome in scan.outcomes():
            writer.add(outcome)
            bar.advance(outcome.size, outcome.words, outcome.cached)
    except KeyboardInterrupt:
        bar.close()
        writer.abandon()
        scan.close()
        done = bar.articles - bar.cached
        _err(f"hedgelint: scan interrupted after {bar.articles:,} articles; {done:,} new results are cached"
             f"{'' if scan.o.use_cache else ' (not: --no-cache)'}. Run the same command to resume.")
        return EXIT_INTERRUPTED
    except BaseException:
        bar.close()
        writer.abandon()
        raise
    bar.close()
    summary = writer.finish(scan.rule_info(), time.monotonic() - started, scan.checked)
    if progress != "quiet":
        rate = summary["words"] / summary["seconds"] if summary["seconds"] else 0
        cached = f", {summary['articles_from_cache']:,} from the cache" if summary["articles_from_cache"] else ""
        errors = f", {summary['errors']:,} could not be checked (see errors.jsonl)" if summary["errors"] else ""
        _err(f"hedgelint: scanned {summary['articles']:,} articles ({summary['words']:,} words{cached}) in "
             f"{summary['seconds']:.1f} s, {rate:,.0f} words/s: {summary['findings']:,} findings{errors}. "
             f"Report: {options.out / 'report.html'}")
    return EXIT_ERROR if summary["errors"] else EXIT_CLEAN
