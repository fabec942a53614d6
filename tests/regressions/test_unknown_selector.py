"""Issue 14, defect 4: misconfiguration that passed silently.

`select: [forcast]` ran no rule and said "All checked!"; unknown names mixed
with valid ones were dropped (`select: [forecast, HL2O1]`, `--ignore
nonexistent`); a house pack's `lexicons: {leader_nam: [kim]}` validated.
Each is now an error naming the file, line and value (exit 2), with a "did
you mean" when one is close. And CLI --ignore narrows the configured
selection, while --select replaces it (as ruff does).
"""

from __future__ import annotations

import json
import textwrap

import pytest

from linter.check.config import ConfigResolver
from linter.core.rules import RulePackError, SelectorError, check_selectors, load_packs, unknown_selector

DRAFT = "The junta will collapse before the monsoon.\n\nThis leaves no doubt that the talks failed.\n"


@pytest.fixture(scope="module")
def every_rule():
    return load_packs().rules


def _draft(tmp_path, config: str | None, name: str = ".hedgelint.yaml"):
    if config is not None:
        (tmp_path / name).write_text(textwrap.dedent(config))
    p = tmp_path / "draft.md"
    p.write_text(DRAFT)
    return p


def _rules(r):
    return sorted(f["rule"] for f in json.loads(r.stdout)["findings"])


@pytest.mark.parametrize(
    "config, line, key, value, hint",
    [
        ("select: [forcast]\n", 1, "select", "forcast", "did you mean 'forecast'?"),
        ("select:\n  - forecast\n  - HL2O1\n", 3, "select", "HL2O1", "did you mean 'HL201'?"),
        ("ignore: [HL303, certianty]\n", 1, "ignore", "certianty", "did you mean 'certainty'?"),
        ("severity:\n  HL101: error\n  unverifed: info\n", 3, "severity", "unverifed", "did you mean 'unverified'?"),
        ("overrides:\n  - files: ['*.md']\n    ignore: [regime-colapse]\n", 3, "overrides: ignore", "regime-colapse", "did you mean 'regime-collapse'?"),
        ("select: ['HL9*']\n", 1, "select", "HL9*", "matches no rule"),
    ],
)
def test_unknown_selector_in_yaml_config_is_an_error(tmp_path, cli, config, line, key, value, hint):
    draft = _draft(tmp_path, config)
    r = cli(["check", str(draft)])
    assert r.exit_code == 2
    assert "All checked" not in r.stdout
    message = r.stderr.strip().splitlines()[-1]
    assert message.startswith(f"hedgelint: error: {tmp_path / '.hedgelint.yaml'}:{line}: {key}: ")
    assert f"'{value}'" in message and hint in message


def test_unknown_selector_in_pyproject_names_its_line(tmp_path, cli):
    draft = _draft(tmp_path, '[project]\nname = "desk"\n\n[tool.hedgelint]\nselect = ["forecast", "unverifed"]\n', "pyproject.toml")
    r = cli(["check", str(draft)])
    assert r.exit_code == 2
    assert f"{tmp_path / 'pyproject.toml'}:5: select: unknown rule or category 'unverifed' (did you mean 'unverified'?)" in r.stderr


def test_unknown_selector_in_a_nested_config_found_by_the_walk(tmp_path, cli):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / ".hedgelint.yaml").write_text("ignore: [forcast]\n")
    (desk / "a.md").write_text(DRAFT)
    r = cli(["check", str(tmp_path)])
    assert r.exit_code == 2
    assert f"{desk / '.hedgelint.yaml'}:1: ignore: unknown rule or category 'forcast'" in r.stderr


@pytest.mark.parametrize("option, value", [("--ignore", "nonexistent"), ("--select", "forecast,HL2O1")])
def test_unknown_selector_on_the_command_line_is_an_error(tmp_path, cli, option, value):
    draft = _draft(tmp_path, None)
    r = cli(["check", option, value, str(draft)])
    assert r.exit_code == 2
    bad = value.split(",")[-1]
    assert f"hedgelint: error: {option}: unknown rule or category '{bad}'" in r.stderr


def test_valid_selectors_still_pass(tmp_path, cli):
    draft = _draft(tmp_path, "select: [forecast, 'HL3*', regime-collapse]\nseverity: {certainty: info}\n")
    r = cli(["check", "-f", "json", str(draft)])
    assert r.exit_code == 1 and _rules(r) == ["HL101", "HL303"]


def test_cli_ignore_narrows_the_configured_selection(tmp_path, cli):
    # before: any CLI selection dropped the config's, so this reported HL303
    draft = _draft(tmp_path, "select: [forecast]\n")
    r = cli(["check", "-f", "json", "--ignore", "HL303", str(draft)])
    assert _rules(r) == ["HL101"]
    r = cli(["check", "-f", "json", "--ignore", "forecast", str(draft)])
    assert _rules(r) == []  # config select minus CLI ignore: nothing left
    draft = _draft(tmp_path, "ignore: [certainty]\n")
    r = cli(["check", "-f", "json", "--ignore", "forecast", str(draft)])
    assert _rules(r) == []  # the config's ignore still holds


def test_cli_select_replaces_the_configured_selection(tmp_path, cli):
    draft = _draft(tmp_path, "select: [forecast]\nignore: [HL303]\n")
    r = cli(["check", "-f", "json", "--select", "certainty", str(draft)])
    assert _rules(r) == ["HL303"]


def test_selector_helpers(every_rule):
    assert unknown_selector(every_rule, "forecast") is None
    assert unknown_selector(every_rule, "hl1*") is None
    assert "did you mean 'forecast'" in unknown_selector(every_rule, "forcast")
    assert "see 'hedgelint rules'" in unknown_selector(every_rule, "zzzzzz")
    with pytest.raises(SelectorError, match="select: unknown rule or category 'HL2O1'"):
        check_selectors(every_rule, "select", ["forecast", "HL2O1"])


def test_component_rejects_an_unknown_selector(engine):
    nlp = engine.nlp
    with pytest.raises(SelectorError, match="did you mean 'forecast'"):
        nlp.add_pipe("hedgelint", name="hedgelint_bad", config={"select": ["forcast"]})
    assert "hedgelint_bad" not in nlp.component_names


def test_resolver_reports_selectors_read_before_and_after_validation(tmp_path):
    (tmp_path / ".hedgelint.yaml").write_text("select: [a]\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / ".hedgelint.yaml").write_text("ignore: [b]\n")
    r = ConfigResolver()
    r.for_dir(tmp_path)
    seen = []
    r.validate_selectors(lambda ref: seen.append((ref.value, ref.line, ref.key)))
    r.for_dir(sub)
    assert seen == [("a", 1, "select"), ("b", 1, "ignore")]


# ------------------------------------------------------------ house lexicons
def _pack(tmp_path, lexicons: str, rules: str = "rules: []\n"):
    p = tmp_path / "house.yaml"
    p.write_text("pack: house\nlexicons:\n" + textwrap.indent(textwrap.dedent(lexicons), "  ") + rules)
    return p


def test_misspelt_lexicon_in_a_house_pack_is_an_error(tmp_path, cli):
    pack = _pack(tmp_path, "leader_nam: [kim]\n")
    with pytest.raises(RulePackError) as exc:
        load_packs(None, [pack])
    assert str(exc.value).startswith(f"{pack}:3: field 'lexicons.leader_nam': unknown lexicon 'leader_nam' (did you mean 'leader_name'?)")
    r = cli(["rules", "--validate", str(pack)])
    assert r.exit_code == 2 and "leader_nam" in r.stderr and "valid" not in r.stdout


def test_known_and_used_lexicons_in_a_house_pack_validate(tmp_path):
    rule = textwrap.dedent("""\
        rules:
          - id: HX1
            name: house-rule
            category: certainty
            severity: warning
            message: A house booster.
            explanation: House style.
            trigger: {lemmas: ["@house_boosters"]}
            examples: {flag: ["It is beyond question."], pass: ["It is questioned."]}
    """)
    pack = _pack(tmp_path, "leader_name: [zorbakov]\nhouse_boosters: [unquestionably]\n", rule)
    ruleset = load_packs(None, [pack])
    assert "zorbakov" in ruleset.lexicons["leader_name"]
    assert ruleset.lexicons["house_boosters"] == frozenset({"unquestionably"})


def test_rules_listing_rejects_an_unknown_selector(cli):
    r = cli(["rules", "--select", "forcast"])
    assert r.exit_code == 2 and "--select: unknown rule or category 'forcast' (did you mean 'forecast'?)" in r.stderr
    r = cli(["rules", "--select", "forecast"])
    assert r.exit_code == 0 and "HL101" in r.stdout and "HL303" not in r.stdout
