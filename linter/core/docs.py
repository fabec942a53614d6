"""docs/rules.md, generated from the packs themselves (as sqlfluff does).

Regenerate with `hedgelint rules --markdown > docs/rules.md`; a test fails
when the checked-in file is stale.
"""

from __future__ import annotations

from linter.core.rules import RuleSet

_CLEARED = {
    "question": "a question",
    "hedge": "a hedge (may, could, likely, reportedly, seems ...)",
    "attribution": "attribution (said, told, according to, a trailing \"..., officials said\")",
    "quote": "quotation marks",
    "paragraph_attribution": "a source named earlier in the paragraph whose account continues",
    "conditional": "a condition (if, unless, whether, \"if confirmed\")",
    "negation": "a prudent negation (\"does not mean\", \"has not been confirmed\")",
    "negated_trigger": "negation of the trigger itself",
    "embedded": "embedding under a non-assertive word (\"wonder whether\", \"the idea that\")",
    "title": "the title of a cited work",
    "past": "a past event, not a forecast",
    "public_record": "ordinary public record (courts, open legal process)",
    "history": "a dated past event (settled history)",
}


def clearance(kind: str) -> str:
    """A scope check's kind in words ("hedge" -> "a hedge (may, could, ...)")."""
    return _CLEARED.get(kind, kind)


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def render_rules_markdown(ruleset: RuleSet) -> str:
    out = [
        "# hedgelint rules",
        "",
        "Generated from the rule packs in `rules/` by `hedgelint rules --markdown`; do not edit by hand.",
        "",
        "| id | name | category | severity | message |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in ruleset.rules:
        out.append(f"| [{r.id}](#{r.id.lower()}-{r.name}) | {r.name} | {r.category} | {r.severity} | {_md(r.message)} |")
    for r in ruleset.rules:
        out += ["", f"## {r.id} {r.name}", "", f"**{_md(r.message)}**  ", f"Category: `{r.category}`; severity: `{r.severity}`.", "", r.explanation]
        if r.link:
            out += ["", f"Reference: <{r.link}>"]
        out += ["", "Not reported when the trigger is under " + "; ".join(_CLEARED.get(k, k) for k in r.cleared_by) + ".", "", "Flagged:", ""]
        out += [f"- {_md(x)}" for x in r.flag_examples]
        out += ["", "Not flagged:", ""]
        out += [f"- {_md(x)}" for x in r.pass_examples]
        if r.fix_examples:
            out += ["", "Fixes (`hedgelint check --fix`):", ""]
            out += [f"- {_md(fx.input)} → {_md(fx.output)}" for fx in r.fix_examples]
    return "\n".join(out) + "\n"
