"""The per-file filters between the engine and the output.

What a file's findings go through after the engine: the config that governs
the file (select, ignore, severity, quoted material), its inline
suppressions, a baseline and changed lines. One FileFilter lives for the
whole file, so a file streamed in pieces is filtered finding by finding
(nothing per file accumulates) with the same result as a file filtered in one
go: suppressions are parsed once, baseline occurrence counts carry over, and
unused suppressions are reported when the file ends.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from linter.check.baseline import fingerprints
from linter.check.config import UsageError
from linter.core.finding import Finding
from linter.check.gitdiff import GitError, changed_lines
from linter.check.suppress import Suppressions
from linter.check.suppress import parse as parse_suppressions

if TYPE_CHECKING:  # pragma: no cover
    from linter.check.session import CheckSession


class FileFilter:
    def __init__(self, session: "CheckSession", result, report: bool = True):
        """`report` is False for the re-check after a fix: the file's
        warnings and unused suppressions were reported on the first pass."""
        self.s = session
        self.result = result
        self.doc = result.document
        self.report = report
        self.settings = session._settings_for(result)
        self.rules = {r.id: r for r in session._engine().rules}
        # --select on the command line replaces the config's selection (its
        # select and ignore, as ruff's does); --ignore only narrows it, and
        # the engine has already left out the rules it names.
        self.cli_selection = bool(session.o.select)
        self._sup: Suppressions | None = None
        self._sup_parsed = False
        self._changed: set[int] | None = None
        self._changed_known = False
        self.baseline_seen: Counter = Counter()
        self.record_seen: Counter = Counter()

    # ------------------------------------------------------------ pieces
    def _suppressions(self) -> Suppressions | None:
        """Parsed on first need: a streamed file with no finding is not read twice."""
        if not self._sup_parsed:
            self._sup_parsed = True
            directives = parse_suppressions(self.doc.lines(), self.doc.kind)
            if directives:
                self._sup = Suppressions(directives)
                if self.report:
                    every_rule = self.s._engine().component.ruleset.rules  # not only the selected ones
                    for d, sel in self._sup.unknown_selectors(every_rule):
                        key = f"{self.result.path}:{d.line}:{sel}"
                        if key not in self.s.warnings_seen:
                            self.s.warnings_seen.add(key)
                            self.s.warn(f"{self.result.path}:{d.line}: warning: unknown rule '{sel}' in {d.describe()}")
        return self._sup

    def _changed_lines(self) -> set[int] | None:
        if not self._changed_known:
            self._changed_known = True

            if self.doc.source_path is None:
                raise UsageError("--changed-since cannot be used with standard input")
            try:
                self._changed = changed_lines(self.s.o.changed_since, Path(self.doc.source_path))
            except GitError as exc:
                raise UsageError(str(exc)) from None
        return self._changed

    # ------------------------------------------------------------- filter
    def selects(self, rule) -> bool:
        """Does the selection that governs this file run `rule`?"""
        if rule is None or rule.id not in self.rules:
            return False
        if self.cli_selection:
            return True
        settings = self.settings
        if settings.select is not None and not any(rule.matches_selector(s) for s in settings.select):
            return False
        return not any(rule.matches_selector(s) for s in settings.ignore)

    def why_dropped(self, f: Finding) -> str:
        """Why filter() left `f` out, in a few words (for `analyze`)."""
        rule = self.rules.get(f.rule)
        if not self.selects(rule):
            return f"not selected ({', '.join(self.settings.sources) or 'command line'})"
        if f.in_quoted_block and self.settings.quotes == "attributed":
            return "in a block quote (quotes: attributed)"
        sup = self._suppressions()
        d = sup.suppresses(rule, f.line) if sup is not None else None
        if d is not None:
            return f"suppressed by line {d.line}: {d.describe()}"
        return "filtered"

    def filter(self, findings: Iterable[Finding]) -> list[Finding]:
        settings = self.settings
        out = []
        for f in findings:
            rule = self.rules.get(f.rule)
            if not self.selects(rule):
                continue
            if f.in_quoted_block and settings.quotes == "attributed":
                continue  # a block quote is someone else's words
            sev = _severity_for(rule, settings.severity)
            if sev and sev != f.severity:
                f = replace(f, severity=sev)
            out.append(f)
        if not out:
            return out
        sup = self._suppressions()
        if sup is not None:
            out = [f for f in out if sup.suppresses(self.rules[f.rule], f.line) is None]
        baseline = self.s.baseline
        if baseline is not None and out:
            prints = fingerprints(out, self.baseline_seen)
            self.s.seen_fingerprints |= set(prints) & baseline
            out = [f for f, fp in zip(out, prints) if fp not in baseline]
        if self.s.o.changed_since and out:
            lines = self._changed_lines()
            if lines is not None:
                out = [f for f in out if any(n in lines for n in range(f.sentence_lines[0], f.sentence_lines[1] + 1))]
        return out

    def record(self, findings: list[Finding]) -> list[str]:
        """Fingerprints for --write-baseline, counted across the whole file."""
        return fingerprints(findings, self.record_seen)

    def finish(self) -> None:
        """The file has ended: report its suppressions that silenced nothing."""
        if not self.report:
            return
        if self.doc.text is not None:
            self._suppressions()  # unknown rules are warned about in a clean file too
        if not self.s.o.report_unused_suppressions:
            return
        sup = self._suppressions()
        if sup is not None:
            for d in sup.unused():
                self.s.unused.append(f"{self.result.path}:{d.line}: unused suppression: {d.describe()}")


def _severity_for(rule, overrides: dict[str, str]) -> str | None:
    for key in (rule.id, rule.name, *rule.aliases, rule.category):
        for sel, sev in overrides.items():
            if sel.lower() == key.lower():
                return sev
    return None
