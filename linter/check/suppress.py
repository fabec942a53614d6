"""Inline suppression comments, as ruff's `noqa` and sqlfluff's `noqa` do for code.

In Markdown and HTML:

    <!-- hedgelint-disable-next-line HL101,forecast -->
    <!-- hedgelint-disable HL2* -->   ...   <!-- hedgelint-enable HL2* -->
    <!-- hedgelint-disable-file -->

In plain text the same words follow `#` or `//` on a line of their own. Rule
lists accept ids, names, categories and globs; no list means every rule.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass, field

_WORDS = r"hedgelint-(disable-next-line|disable-file|disable|enable)\b\s*([^\n]*?)"
_HTML = re.compile(r"<!--\s*" + _WORDS + r"\s*-->")
_PLAIN = re.compile(r"^\s*(?:#|//)\s*" + _WORDS + r"\s*$")


@dataclass
class Directive:
    line: int
    kind: str  # disable-next-line, disable, enable, disable-file
    selectors: tuple[str, ...]
    used: bool = False

    def covers(self, rule) -> bool:
        if not self.selectors:
            return True
        return any(_selects(rule, s) for s in self.selectors)

    def describe(self) -> str:
        return f"hedgelint-{self.kind}{(' ' + ','.join(self.selectors)) if self.selectors else ''}"


def _selects(rule, selector: str) -> bool:
    names = (rule.id, rule.name, rule.category, *rule.aliases)
    if any(ch in selector for ch in "*?["):
        return any(fnmatch.fnmatchcase(n.lower(), selector.lower()) for n in names)
    return any(n.lower() == selector.lower() for n in names)


def parse(lines, kind: str) -> list[Directive]:
    """Directives in a document, by 1-based line."""
    out = []
    for n, line in enumerate(lines, start=1):
        matches = list(_HTML.finditer(line)) if kind in ("markdown", "html") else []
        if kind not in ("markdown", "html"):
            m = _PLAIN.match(line.rstrip("\r"))
            matches = [m] if m else list(_HTML.finditer(line))
        for m in matches:
            selectors = tuple(s.strip() for s in re.split(r"[,\s]+", m.group(2).strip()) if s.strip())
            out.append(Directive(n, m.group(1), selectors))
    return out


@dataclass
class Suppressions:
    directives: list[Directive] = field(default_factory=list)

    def suppresses(self, rule, line: int) -> Directive | None:
        """The directive that silences `rule` at `line`, if any (and mark it used)."""
        hit = None
        for d in self.directives:
            if d.kind == "disable-file" and d.covers(rule):
                hit = d
                break
            if d.kind == "disable-next-line" and d.line + 1 == line and d.covers(rule):
                hit = d
                break
        if hit is None:
            # the nearest disable/enable before the line decides, rule by rule
            state = None
            for d in self.directives:
                if d.line >= line:
                    break
                if d.kind in ("disable", "enable") and d.covers(rule):
                    state = d if d.kind == "disable" else None
            hit = state
        if hit is not None:
            hit.used = True
        return hit

    def unknown_selectors(self, rules) -> list[tuple[Directive, str]]:
        """Selectors that name no known rule, category or glob match (a warning, not an error)."""
        out = []
        for d in self.directives:
            for s in d.selectors:
                if not any(_selects(r, s) for r in rules):
                    out.append((d, s))
        return out

    def unused(self) -> list[Directive]:
        return [d for d in self.directives if d.kind != "enable" and not d.used]
