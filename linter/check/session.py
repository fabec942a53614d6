"""One `hedgelint check` run: inputs, configuration, filters, fixes, output.

The CLI turns options into a CheckOptions; this module walks the inputs,
asks the engine for findings, then applies what is per file and not the
engine's business: the config that governs the file (select, ignore,
severity, quoted material), inline suppressions, a baseline, changed lines,
and fixes. Formatters only serialise what comes out.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from linter.check.baseline import BaselineError
from linter.check.baseline import read as read_baseline
from linter.check.baseline import write as write_baseline
from linter.check.config import ConfigError, ConfigResolver, Settings, UsageError
from linter.core.finding import SEVERITY_RANK, Finding, InputError
from linter.check.filters import FileFilter
from linter.formats._util import describe_fixed
from linter.sources import EXTENSIONS, SourceError, kind_of, open_document, special_kind, text_document
from linter.sources.text import decode

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


@dataclass
class CheckOptions:
    paths: list[str]
    format: str = "text"
    fail_on: str | None = None
    model: str | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    config: Path | None = None
    isolated: bool = False
    show_context: bool = False
    colour: str = "auto"
    stdin_filename: str | None = None
    fix: bool = False
    unsafe_fixes: bool = False
    diff: bool = False
    estimative: bool = False
    report_unused_suppressions: bool = False
    baseline: Path | None = None
    write_baseline: Path | None = None
    changed_since: str | None = None
    exit_zero: bool = False
    keep_cleared: bool = False  # `analyze`: also the triggers that scope cleared
    prefilter: bool = True  # False: parse every paragraph (check --no-prefilter)


def err(message: str) -> None:
    sys.stderr.write(message.rstrip("\n") + "\n")


@dataclass
class Summary:
    files: int = 0
    findings: int = 0
    errors: int = 0
    fixed: int = 0
    fixed_on_recheck: int = 0  # of `fixed`: findings a re-check after earlier fixes found
    comments: int = 0  # suggestions added to .docx files as Word comments
    by_severity: dict = field(default_factory=dict)
    baseline_stale: int = 0


class CheckSession:
    def __init__(self, options: CheckOptions, engine_factory, cwd: Path | None = None):
        """`cwd` is where a document with no path of its own takes its
        configuration from (the working directory; an editor's workspace root)."""
        self.o = options
        self.resolver = ConfigResolver(options.config, options.isolated)
        cwd_settings = self.resolver.for_dir(cwd or Path.cwd())
        self.settings_cwd = cwd_settings
        self.engine_factory = engine_factory
        self.engine = None
        self.summary = Summary()
        self.failing = False
        self.baseline: set[str] | None = None
        self.recorded: set[str] = set()  # fingerprints for --write-baseline
        self.seen_fingerprints: set[str] = set()  # baseline entries that still occur
        self.warnings_seen: set[str] = set()
        self.unused: list[str] = []

    # ------------------------------------------------------------- inputs
    def inputs(self) -> Iterator:
        """Documents (or SourceErrors) for every path: files, directories, '-'."""
        for raw in self.o.paths:
            if raw == "-":
                name = self.o.stdin_filename or "<stdin>"
                data = sys.stdin.buffer.read()
                try:
                    text, _, _ = decode(data, name)
                except SourceError as exc:
                    yield exc
                    continue
                doc = text_document(text, name, kind_of(name) if self.o.stdin_filename else "text")
                _attach_reader(doc)
                yield doc
                continue
            p = Path(raw)
            try:
                mode = os.stat(p).st_mode
            except FileNotFoundError:
                yield SourceError(raw, "no such file or directory")
                continue
            except OSError as exc:  # e.g. a file inside a directory that cannot be read
                yield SourceError(raw, f"cannot read: {exc.strerror or exc}")
                continue
            if stat.S_ISDIR(mode):
                for f in self._walk(p):
                    yield f if isinstance(f, SourceError) else self._open(f, str(f))
                continue
            if self.resolver.for_path(p).excluded(p):
                continue
            if not stat.S_ISREG(mode):
                self._skip(p, special_kind(p))
                continue
            yield self._open(p, raw)

    def _skip(self, path: Path, what: str) -> None:
        self.warn(f"{path}: warning: skipped {what} (only regular files are read)")

    def _open(self, path: Path, display: str):
        try:
            doc = open_document(path, display)
        except SourceError as exc:
            return exc
        return doc

    def _walk(self, root: Path) -> Iterator[Path | SourceError]:
        from linter.sources import walk

        found = [f for f in walk(root, self._skip) if isinstance(f, SourceError) or not self.resolver.for_path(f).excluded(f)]
        ignored = _git_ignored(root, [f for f in found if not isinstance(f, SourceError)])
        for f in found:
            if isinstance(f, SourceError) or f not in ignored:
                yield f

    # -------------------------------------------------------------- engine
    def _engine(self):
        if self.engine is None:
            from linter.core.rules import SelectorError, unknown_selector

            packs = sorted({str(p) for p in self.settings_cwd.rule_packs})
            model = self.o.model or self.settings_cwd.model
            extra = {"keep_cleared": True} if self.o.keep_cleared else {}
            try:
                engine = self.engine_factory(model=model, select=self.o.select, ignore=self.o.ignore, extra_packs=packs, estimative=self.o.estimative, prefilter=self.o.prefilter, **extra)
                every_rule = engine.component.ruleset.rules  # loads the model: the rules are known from here
            except SelectorError as exc:
                raise UsageError(f"--{exc.field}: {exc.problem}") from None
            self.engine = engine

            def check(ref) -> None:
                problem = unknown_selector(every_rule, ref.value)
                if problem:
                    raise ref.error(problem)

            self.resolver.validate_selectors(check)
        return self.engine

    # ---------------------------------------------------------------- run
    def run(self, make_formatter) -> int:
        if self.o.baseline is not None:
            try:
                self.baseline = read_baseline(self.o.baseline)
            except BaselineError as exc:
                raise UsageError(str(exc)) from None
        engine = self._engine()
        engine.nlp  # load (and report a missing model) before any output
        formatter = make_formatter(engine.rules)
        to_stdout = (self.o.fix or self.o.diff) and (self.o.diff or "-" in self.o.paths)
        if not to_stdout:
            formatter.begin()
        fixing = self.o.fix or self.o.diff
        pending: list[Finding] = []
        current: FileFilter | None = None
        for kind, payload, document in engine.stream(self.inputs()):
            if kind == "finding":
                if document.text is None and not fixing:
                    # a file streamed in pieces is filtered and reported as
                    # its findings arrive, so memory does not grow with them
                    if current is None or current.doc is not document:
                        current = FileFilter(self, _Started(document))
                    self._emit(current, current.filter([payload]), formatter, to_stdout)
                else:
                    pending.append(payload)
                continue
            result = payload
            self.summary.files += 1
            if result.document is None:
                findings, ff = pending, None
            elif current is not None and current.doc is result.document:
                findings, ff = [], current
                ff.result = result
            else:
                ff = FileFilter(self, result)
                findings = ff.filter(pending)
            pending, current = [], None
            if result.error is not None:
                self.summary.errors += 1
                if self.o.format == "text" or to_stdout:
                    err(result.error.describe())
            if fixing and result.document is not None and result.error is None:
                if self.o.write_baseline is not None:
                    self.recorded.update(ff.record(findings))
                findings = self._fix(result, findings, to_stdout)
                self._emit(ff, findings, formatter, to_stdout, record=False)
            else:
                self._emit(ff, findings, formatter, to_stdout)
            if ff is not None:
                ff.finish()
            if not to_stdout:
                formatter.file(result)
        if self.o.write_baseline is not None:
            n = write_baseline(self.o.write_baseline, self.recorded)
            err(f"hedgelint: wrote {n} finding{'s' if n != 1 else ''} to baseline {self.o.write_baseline}")
        if self.baseline is not None:
            self.summary.baseline_stale = len(self.baseline - self.seen_fingerprints)
            if self.summary.baseline_stale:
                err(f"hedgelint: {self.summary.baseline_stale} baseline entr{'ies' if self.summary.baseline_stale != 1 else 'y'} no longer occur; rewrite it with --write-baseline")
        for line in self.unused:
            err(line)
        if self.summary.files == 0:
            # as ruff does: say so, on stderr, rather than "All checked!" alone
            err("hedgelint: warning: no files to check")
        comments = self.summary.comments
        added = f"added {comments} comment{'s' if comments != 1 else ''}" if comments else ""
        if to_stdout:
            if self.o.fix and not self.o.diff:
                fixed = describe_fixed(self.summary.fixed, self.summary.fixed_on_recheck)
                done = f"{fixed}, {added}" if added and self.summary.fixed else (added or fixed)
                err(f"hedgelint: {done}; {self.summary.findings} remaining")
        else:
            if added and self.o.format == "text":
                # a Word draft's fixes are comments beside the text, not rewrites
                sys.stdout.write(f"{added[0].upper()}{added[1:]}.\n")
            formatter.end(self.summary)
        if self.summary.errors:
            return EXIT_ERROR
        if self.o.diff:
            return EXIT_FINDINGS if self._diffs else EXIT_CLEAN
        if self.o.exit_zero:
            return EXIT_CLEAN
        return EXIT_FINDINGS if self.failing else EXIT_CLEAN

    _diffs = 0

    def warn(self, message: str) -> None:
        err(message)

    def _emit(self, ff, findings: list[Finding], formatter, to_stdout: bool, record: bool = True) -> None:
        """Count and report a file's filtered findings (and record them for --write-baseline)."""
        if record and ff is not None and self.o.write_baseline is not None and findings:
            self.recorded.update(ff.record(findings))
        settings = ff.settings if ff is not None else self.settings_cwd
        for f in findings:
            self._count(f, settings)
            if not to_stdout:
                formatter.finding(f, ff.doc if ff is not None else None)

    def _count(self, f: Finding, settings: Settings | None = None) -> None:
        self.summary.findings += 1
        self.summary.by_severity[f.severity] = self.summary.by_severity.get(f.severity, 0) + 1
        threshold = self.o.fail_on or (settings or self.settings_cwd).fail_on or "warning"
        if threshold != "never" and SEVERITY_RANK[f.severity] >= SEVERITY_RANK[threshold]:
            self.failing = True

    def _settings_for(self, result) -> Settings:
        doc = result.document
        if doc is not None and doc.source_path is not None:
            return self.resolver.for_path(Path(doc.source_path))
        if self.o.stdin_filename:
            return self.resolver.for_path(Path(self.o.stdin_filename))
        return self.settings_cwd

    # ----------------------------------------------------------------- fix
    def _fix(self, result, findings: list[Finding], to_stdout: bool) -> list[Finding]:
        from linter.check.fix import fix_findings, unified_diff, write_fixed

        doc = result.document
        if doc.kind == "docx":
            return self._fix_docx(result, findings)
        if doc.text is None:
            self.summary.errors += 1
            err(f"{result.path}: error: too large to fix in place (files over 8 MiB are checked, not fixed)")
            return findings
        outcome = fix_findings(self._recheck(result), doc.text, findings, self.o.unsafe_fixes)
        new_text, applied, remaining = outcome.text, outcome.applied, outcome.remaining
        if self.o.diff:
            if applied:
                sys.stdout.write(unified_diff(result.path, doc.text, new_text))
                self._diffs += 1
            return remaining
        if doc.source_path is not None and applied:
            problem = write_fixed(Path(doc.source_path), doc.digest or "", new_text, doc.encoding, doc.bom)
            if problem:
                self.summary.errors += 1
                err(f"{result.path}: error: {problem}")
                return findings
        elif doc.source_path is None:
            sys.stdout.write(new_text)
        if applied:
            # the remaining findings point into the fixed text: show them there
            doc.text = new_text
        self.summary.fixed += applied
        self.summary.fixed_on_recheck += outcome.found_on_recheck
        return remaining

    def _recheck(self, result):
        """Findings of a fixed text under the same filters as the file's first check.

        The re-check sees the new text as the same file: the same config,
        inline suppressions (read again from the new text), baseline and
        changed lines, so a fix round never touches what the run hid.
        """
        from dataclasses import replace as copy

        from linter.sources import attach_reader

        engine = self._engine()
        doc = result.document

        def recheck(text: str) -> list[Finding]:
            fixed = attach_reader(copy(doc, text=text, block_reader=None))
            found = next(engine.check_documents([fixed])).findings
            return FileFilter(self, _Started(fixed), report=False).filter(found)

        return recheck

    def _fix_docx(self, result, findings: list[Finding]) -> list[Finding]:
        if self.o.diff:
            self.summary.errors += 1
            err(f"{result.path}: error: --diff does not apply to .docx files (their fixes are Word comments: use --fix)")
            return findings
        try:
            from linter.check.docx_fix import comment_fixes
        except ImportError:  # pragma: no cover - shipped together
            self.summary.errors += 1
            err(f"{result.path}: error: fixing .docx files is not available in this installation")
            return findings
        try:
            added = comment_fixes(Path(result.document.source_path), findings)
        except Exception as exc:  # a docx library error: report it, keep going
            self.summary.errors += 1
            message = getattr(exc, "message", None) or (str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
            err(f"{result.path}: error: cannot add comments: {message}")
            return findings
        self.summary.comments += added
        return findings  # the text is unchanged: the findings stand, now with comments


@dataclass
class _Started:
    """A file's result before it ends: what its filter needs to begin."""

    document: object

    @property
    def path(self) -> str:
        return self.document.path


def _attach_reader(doc) -> None:
    """Give a stdin document the reader its --stdin-filename asks for."""
    from linter.sources import attach_reader

    attach_reader(doc)


def _git_ignored(root: Path, files: list[Path]) -> set[Path]:
    """The files git ignores (a directory walk skips them, as ruff does)."""
    if not files:
        return set()
    try:
        proc = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            cwd=root, input="\0".join(str(f.resolve()) for f in files), capture_output=True, text=True, timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):  # 128: not a git repository
        return set()
    ignored = {Path(p) for p in proc.stdout.split("\0") if p}
    return {f for f in files if f.resolve() in ignored}


__all__ = ["CheckOptions", "CheckSession", "UsageError", "ConfigError", "EXTENSIONS", "InputError"]
