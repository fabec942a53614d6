"""Findings as the page's JSON: the CLI's JSON record of each finding, plus
what the page needs to draw it (UTF-16 ranges, the rule's explanation, the
scope checks in words, each rewrite as it would read)."""

from __future__ import annotations

from linter.core.finding import ContextCheck, Finding
from linter.web.drafts import Checked, finding_key
from linter.web.offsets import Utf16Offsets

# What each scope check found absent, in the writer's words: the reasons the
# sentence reads as the writer's own unhedged claim.
ABSENT = {
    "question": "It is not a question.",
    "quote": "It is not inside quotation marks.",
    "title": "It is not the title of a cited work.",
    "hedge": "No hedge (may, reportedly, likely ...) governs it.",
    "attribution": "No source is named for it.",
    "conditional": "It is not a condition (if, unless ...).",
    "negation": "It is not negated or denied.",
    "negated_trigger": "The claim itself is not negated.",
    "embedded": "It is not someone else's wondering or doubt (wonder whether, fear that ...).",
    "past": "It is not about a settled past.",
    "topic": "Its paragraph is about politics.",
    "topic_strict": "Its sentence names a state, a regime or its people.",
    "normative": "It states a fact, not a wish or a demand.",
}


def describe_check(c: ContextCheck) -> str:
    if c.result == "absent":
        return ABSENT.get(c.kind, f"{c.kind.replace('_', ' ')}: none")
    note = f" ({c.note})" if c.note else ""
    return f"'{c.cue}' was seen but does not lower the writer's confidence{note}."


def _whole_words(text: str, start: int, end: int, replacement: str) -> tuple[str, str]:
    """The edit as whole words before and after, for showing it: "T" -> "Unconfirmed
    reports say t" reads as "The" -> "Unconfirmed reports say the"."""
    a, b = start, end
    while a > 0 and text[a - 1].isalnum():
        a -= 1
    while b < len(text) and text[b].isalnum():
        b += 1
    return text[a:b], text[a:start] + replacement + text[end:b]


def finding_json(f: Finding, rules: dict, u16: Utf16Offsets, text: str = "") -> dict:
    rule = rules.get(f.rule)
    out = f.to_dict()
    out.pop("path", None)
    out.update(
        id=finding_key(f),
        offset=u16.to16(f.start),
        end=u16.to16(f.end),
        name=rule.name if rule else f.rule,
        explanation=rule.explanation if rule else "",
        link=(rule.link if rule else None) or None,
        sentence=f.sentence,
        why=[describe_check(c) for c in f.context],
        rewrites=[
            {
                "old": shown[0],
                "new": shown[1],
                "reads": s.preview,
                "safe": s.safe,
                "offset": u16.to16(s.start),
                "end": u16.to16(s.end),
            }
            for s in f.suggestions
            for shown in [_whole_words(text, s.start, s.end, s.replacement) if text else (s.old, s.replacement)]
        ],
    )
    return out


def checked_json(c: Checked, rules: dict) -> dict:
    u16 = Utf16Offsets(c.text)
    findings = sorted(c.findings, key=lambda f: (f.start, f.end, f.rule))
    return {
        "name": c.name,
        "kind": c.kind,
        "text": c.text,
        "encoding": c.encoding,
        "bom": c.bom,
        # a Word draft is never rewritten: its suggestions become comments
        "editable": c.kind != "docx",
        "findings": [finding_json(f, rules, u16, c.text) for f in findings],
    }
