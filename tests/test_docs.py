"""docs/rules.md is generated from the packs; stale docs fail the suite."""

from __future__ import annotations

from pathlib import Path

from linter.core.docs import render_rules_markdown
from linter.core.rules import load_packs

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules.md"


def test_rules_doc_is_current():
    expected = render_rules_markdown(load_packs())
    assert DOCS.read_text(encoding="utf-8") == expected, "docs/rules.md is stale: run `hedgelint rules --markdown > docs/rules.md`"


def test_every_rule_documented_with_examples():
    text = DOCS.read_text(encoding="utf-8")
    for r in load_packs().rules:
        assert f"## {r.id} {r.name}" in text
        assert r.explanation in text


HOUSE = """\
pack: house
rules:
  - id: NYT002
    name: house-term
    category: certainty
    severity: info
    message: "House style."
    explanation: A house rule.
    trigger: {phrases: ["beyond a peradventure"]}
    examples: {flag: ["It is beyond a peradventure."], pass: ["It is possible."]}
"""


def test_validate_custom_pack(tmp_path, cli):
    good = tmp_path / "house.yaml"
    good.write_text(HOUSE)
    r = cli(["rules", "--validate", str(good)])
    assert r.exit_code == 0 and "1 rule" in r.stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(HOUSE.replace("severity: info", "severity: fatal"))
    r = cli(["rules", "--validate", str(bad)])
    assert r.exit_code == 2 and "NYT002" in r.stderr and "severity" in r.stderr
