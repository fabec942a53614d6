"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One log with one run. `tool.driver` describes hedgelint and every rule it ran
(`rules=` from the CLI); each finding is a `result` pointing at its rule by
`ruleId` and `ruleIndex`, with one physical location whose region carries the
flagged text as its snippet. Columns count Unicode code points, so the run
says `columnKind: unicodeCodePoints`. Each *safe* suggestion becomes a `fix`
(unsafe ones are left to a human: SARIF viewers may offer a fix in one click).
Files that could not be read become error notifications of the invocation,
which is then not `executionSuccessful`.

SARIF is one JSON document, so results are held and written at `end()`.
"""

from __future__ import annotations

import json
import re

from linter.core.finding import Finding
from linter.formats._util import SARIF_LEVELS, path_uri, scrub

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
INFORMATION_URI = "https://pypi.org/project/hedgelint/"
_SEMVER = re.compile(r"\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?")


def _default_version() -> str:
    from linter import __version__

    return __version__


def _markdown_link(link: str) -> str:
    # A link destination in angle brackets may hold parentheses; it may not hold
    # spaces, angle brackets or line breaks.
    dest = "".join("%%%02X" % ord(ch) if ch in " <>\r\n" else ch for ch in link)
    return f"[{dest}](<{dest}>)"


def rule_descriptor(rule) -> dict:
    """A SARIF reportingDescriptor for a linter.core.rules.Rule."""
    level = SARIF_LEVELS.get(rule.severity, "warning")
    out: dict = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.message},
        "fullDescription": {"text": (rule.explanation or rule.message).strip()},
    }
    explanation = (rule.explanation or rule.message).strip()
    help_ = {"text": explanation, "markdown": explanation}
    if rule.link:
        help_["text"] += f"\n\nSee {rule.link}"
        help_["markdown"] += f"\n\nSee {_markdown_link(rule.link)}."
        out["help"] = help_
        out["helpUri"] = rule.link
    else:
        out["help"] = help_
    out["defaultConfiguration"] = {"level": level}
    out["properties"] = {"category": rule.category, "tags": [rule.category]}
    return out


def _describe_edit(e, source: str | None) -> str:
    """'Replace "will" with "could"', when the document text is at hand."""
    old = source[e.start: e.end] if source is not None and 0 <= e.start <= e.end <= len(source) else None
    if old is None:
        return f"Replace with '{e.replacement}'" if e.replacement else "Delete the flagged words"
    if not old:
        return f"Insert '{e.replacement}'"
    if not e.replacement:
        return f"Delete '{old}'"
    return f"Replace '{old}' with '{e.replacement}'"


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


class SarifFormatter:
    def __init__(self, stream, rules=None, version: str | None = None, information_uri: str = INFORMATION_URI, **_):
        self.out = stream
        self.version = version or _default_version()
        self.information_uri = information_uri
        self.descriptors: list[dict] = []
        self.index: dict[str, int] = {}
        for rule in rules or ():
            if rule.id not in self.index:
                self.index[rule.id] = len(self.descriptors)
                self.descriptors.append(rule_descriptor(rule))
        self.results: list[dict] = []
        self.notifications: list[dict] = []

    def begin(self) -> None:
        pass

    def _rule_index(self, f: Finding) -> int:
        """The finding's rule in driver.rules; a rule we were not told about is added."""
        if f.rule not in self.index:
            self.index[f.rule] = len(self.descriptors)
            self.descriptors.append(
                {
                    "id": f.rule,
                    "shortDescription": {"text": f.message},
                    "defaultConfiguration": {"level": SARIF_LEVELS.get(f.severity, "warning")},
                    "properties": {"category": f.category, "tags": [f.category]},
                }
            )
        return self.index[f.rule]

    def finding(self, f: Finding, document) -> None:
        uri = path_uri(f.path)
        source = getattr(document, "text", None)
        result = {
            "ruleId": f.rule,
            "ruleIndex": self._rule_index(f),
            "level": SARIF_LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": {**_region(f.line, f.column, f.end_line, f.end_column), "snippet": {"text": f.text}},
                    }
                }
            ],
        }
        fixes = [
            {
                "description": {"text": _describe_edit(e, source)},
                "artifactChanges": [
                    {
                        "artifactLocation": {"uri": uri},
                        "replacements": [
                            {
                                "deletedRegion": _region(e.line, e.column, e.end_line, e.end_column),
                                "insertedContent": {"text": e.replacement},
                            }
                        ],
                    }
                ],
            }
            for e in f.suggestions
            if e.safe
        ]
        if fixes:
            result["fixes"] = fixes
        if f.category:
            result["properties"] = {"category": f.category}
        self.results.append(result)

    def file(self, result) -> None:
        err = result.error
        if err is None:
            return
        self.notifications.append(
            {
                "level": "error",
                "message": {"text": err.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": path_uri(err.path)}}}],
            }
        )

    def document(self, summary=None) -> dict:
        """The SARIF log as a dict (what `end` writes)."""
        failed = bool(self.notifications) or bool(summary is not None and summary.errors)
        invocation: dict = {"executionSuccessful": not failed}
        if self.notifications:
            invocation["toolExecutionNotifications"] = self.notifications
        driver = {"name": "hedgelint", "version": self.version}
        if _SEMVER.fullmatch(self.version):
            driver["semanticVersion"] = self.version
        driver["informationUri"] = self.information_uri
        driver["rules"] = self.descriptors
        run = {
            "tool": {"driver": driver},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "results": self.results,
        }
        return scrub({"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]})

    def end(self, summary) -> None:
        json.dump(self.document(summary), self.out, ensure_ascii=False, indent=2)
        self.out.write("\n")
