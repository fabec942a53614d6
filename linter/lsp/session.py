"""The check layer for an editor: configuration per document, the editor's own settings, filters.

An EditorSession is a CheckSession (linter/check/session.py) whose inputs
are open buffers instead of paths: each buffer's settings come from the same
layered `.hedgelint.yaml` found from its path (a buffer with no file takes
the workspace root's), and its findings go through the same FileFilter as
`hedgelint check` (select, ignore, severity, quoted material, inline
suppressions). The editor's settings (workspace/didChangeConfiguration) are
one more layer, applied as the command line's options are: `select`
replaces the configured selection, `ignore` narrows it, `severity` wins.
When the configuration changes on disk, the server makes a new session.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from linter.check.config import ConfigError, Settings, UsageError
from linter.check.filters import FileFilter
from linter.check.session import CheckOptions, CheckSession
from linter.core.engine import FileResult
from linter.core.finding import SEVERITIES, Finding
from linter.sources import Document


@dataclass
class ClientSettings:
    """What the editor's settings say about rule selection and severity."""

    select: list[str] | None = None
    ignore: list[str] = field(default_factory=list)
    severity: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, raw, every_rule=None) -> tuple["ClientSettings", list[str]]:
        """Settings from an editor's JSON (optionally under a "hedgelint" key),
        and a problem for each value left out because it names no rule or
        is not a severity."""
        if isinstance(raw, dict) and isinstance(raw.get("hedgelint"), dict):
            raw = raw["hedgelint"]
        if not isinstance(raw, dict):
            return cls(), []
        problems: list[str] = []

        def selectors(key: str) -> list[str] | None:
            value = raw.get(key)
            if value is None:
                return None
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",")]
            if not isinstance(value, list):
                problems.append(f"{key}: expected a list of rule ids, names or categories")
                return None
            out = []
            for v in value:
                if not isinstance(v, str) or not v.strip():
                    problems.append(f"{key}: {v!r} is not a rule selector")
                    continue
                problem = _unknown(every_rule, v)
                if problem:
                    problems.append(f"{key}: {problem}")
                    continue
                out.append(v.strip())
            return out

        select = selectors("select")
        ignore = selectors("ignore") or []
        severity: dict[str, str] = {}
        raw_severity = raw.get("severity") or {}
        if not isinstance(raw_severity, dict):
            problems.append("severity: expected a mapping of rule or category to error, warning or info")
            raw_severity = {}
        for k, v in raw_severity.items():
            if v not in SEVERITIES:
                problems.append(f"severity: {k}: expected one of {', '.join(SEVERITIES)}")
                continue
            problem = _unknown(every_rule, k)
            if problem:
                problems.append(f"severity: {problem}")
                continue
            severity[k] = v
        return cls(select, ignore, severity), problems

    def applied_to(self, settings: Settings) -> Settings:
        s = settings
        if self.select is not None:
            s = replace(s, select=list(self.select), ignore=list(self.ignore))
        elif self.ignore:
            s = replace(s, ignore=[*s.ignore, *self.ignore])
        if self.severity:
            s = replace(s, severity={**s.severity, **self.severity})
        return s


def _unknown(every_rule, selector: str) -> str | None:
    if every_rule is None:
        return None
    from linter.core.rules import unknown_selector

    return unknown_selector(every_rule, selector.strip())


class EditorSession(CheckSession):
    """One configuration state of the workspace: configs read from disk, the editor's settings."""

    def __init__(self, get_engine, root: Path | None, client: ClientSettings | None = None, isolated: bool = False, warn=None):
        """`get_engine()` returns the loaded engine; it is asked on the first
        filter, since which engine to load depends on this session's config."""
        self.client = client or ClientSettings()
        self._warn = warn
        root = root if root is not None and root.is_dir() else None
        super().__init__(CheckOptions(paths=[], isolated=isolated), lambda **_: get_engine(), cwd=root)

    def warn(self, message: str) -> None:
        if self._warn is not None:
            self._warn(message)

    def _settings_for(self, result) -> Settings:
        return self.client.applied_to(super()._settings_for(result))

    def engine_settings(self) -> tuple[str | None, tuple[str, ...]]:
        """What the engine must be built with for this workspace (model, extra packs)."""
        return self.settings_cwd.model, tuple(sorted(str(p) for p in self.settings_cwd.rule_packs))

    def excluded(self, path: Path | None) -> bool:
        return path is not None and self.resolver.for_path(path).excluded(path)

    def filter(self, document: Document, findings: list[Finding]) -> list[Finding]:
        """The findings `check` would report for this buffer's text, from the engine's.

        Raises ConfigError (or UsageError) when a configuration that governs
        the buffer is invalid."""
        return FileFilter(self, FileResult(document, document.path)).filter(findings)


__all__ = ["ClientSettings", "EditorSession", "ConfigError", "UsageError"]
