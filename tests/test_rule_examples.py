"""Every rule's own YAML examples are tests: `pytest -k HL101` or `-k forecast`."""

from __future__ import annotations

import pytest

from linter.core.rules import load_packs

RULESET = load_packs()


def _cases(kind: str):
    for rule in RULESET.rules:
        examples = rule.flag_examples if kind == "flag" else rule.pass_examples
        for n, text in enumerate(examples, start=1):
            yield pytest.param(rule.id, text, id=f"{rule.category}-{rule.id}-{rule.name}-{kind}{n}")


# Each rule is tested alone (as sqlfluff does): when two rules of a category
# see the same claim the linter reports one, but each rule must see it.
@pytest.mark.parametrize("rule_id,text", list(_cases("flag")))
def test_flag_example_is_flagged(rule_hits, check, rule_id, text):
    found = rule_hits(text, rule_id)
    assert found, f"{rule_id} should flag: {text!r}; got {[(f.rule, f.text) for f in check(text)]}"


@pytest.mark.parametrize("rule_id,text", list(_cases("pass")))
def test_pass_example_is_not_flagged(rule_hits, rule_id, text):
    found = rule_hits(text, rule_id)
    assert not found, f"{rule_id} should pass: {text!r}; flagged {[h.span.text for h in found]} ({[c.describe() for c in found[0].checks]})"


@pytest.mark.parametrize("rule_id,text", list(_cases("flag")))
def test_flag_example_is_reported_in_its_category(check, rule_id, text):
    category = RULESET.by_id(rule_id).category
    assert check(text, category=category)
