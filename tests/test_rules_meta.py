"""Meta-tests on the packs: every rule documented and exemplified; validation names file, rule and field."""

from __future__ import annotations

import textwrap

import pytest

from linter.core.finding import CATEGORIES, SEVERITIES
from linter.core.matching import CompiledRules, phrase_patterns
from linter.core.rules import RulePackError, builtin_rules_dir, load_packs

RULESET = load_packs()


def test_every_category_has_rules():
    assert {r.category for r in RULESET.rules} == set(CATEGORIES)


@pytest.mark.parametrize("rule", RULESET.rules, ids=lambda r: r.id)
def test_rule_is_documented_and_exemplified(rule):
    assert rule.flag_examples and rule.pass_examples
    assert rule.severity in SEVERITIES
    assert len(rule.explanation.split()) >= 25, "explanation should be a real paragraph"
    assert rule.message.endswith(".")
    assert rule.link and rule.link.startswith("https://")


def test_ids_and_names_are_unique():
    ids = [r.id for r in RULESET.rules]
    names = [r.name for r in RULESET.rules]
    assert len(set(ids)) == len(ids) and len(set(names)) == len(names)


def test_selectors():
    rule = RULESET.by_id("HL101")
    assert rule.matches_selector("forecast") and rule.matches_selector("HL1*") and rule.matches_selector("regime-collapse")
    assert not rule.matches_selector("certainty")
    assert {r.category for r in RULESET.selected(["certainty"])} == {"certainty"}
    assert all(r.category != "forecast" for r in RULESET.selected(None, ["forecast"]))


def _pack(tmp_path, body: str):
    p = tmp_path / "custom.yaml"
    p.write_text(textwrap.dedent(body), encoding="utf-8")
    return p


GOOD_RULE = """
    pack: custom
    rules:
      - id: NY001
        name: house-collapse
        category: forecast
        severity: info
        message: "House style: no certain collapse."
        explanation: One paragraph.
        trigger:
          lemmas: [collapse]
        examples:
          flag: ["The regime will collapse."]
          pass: ["The regime may collapse."]
"""


def test_custom_pack_loads_alongside_builtins(tmp_path):
    rs = load_packs(None, [_pack(tmp_path, GOOD_RULE)])
    assert rs.by_id("NY001") is not None and rs.by_id("HL101") is not None


@pytest.mark.parametrize(
    "change,needle",
    [
        (("severity: info", "severity: fatal"), "field 'severity'"),
        (("        message:", "        colour: red\n        message:"), "field 'colour': unknown key"),
        (("lemmas: [collapse]", "lemmas: collapse\n          colour: red"), "field 'trigger.colour'"),
        (("category: forecast", "category: gossip"), "field 'category'"),
        (("          pass: [\"The regime may collapse.\"]", ""), "field 'examples.pass'"),
        (("lemmas: [collapse]", "lemmas: [collapse, off]"), "quote words"),
        (("lemmas: [collapse]", "phrases: [\"will (collapse\"]\n          lemmas: [fall]"), "rule NY001"),
    ],
)
def test_validation_names_file_rule_and_field(tmp_path, change, needle):
    body = GOOD_RULE.replace(*change)
    path = _pack(tmp_path, body)
    with pytest.raises(RulePackError) as err:
        rs = load_packs(None, [path])
        import spacy

        CompiledRules(spacy.blank("en").vocab, rs.rules)
    msg = str(err.value)
    assert str(path) in msg and needle in msg
    if "rule" in needle or "field" in needle:
        assert "NY001" in msg


def test_bad_matcher_pattern_is_reported_with_rule(tmp_path):
    import spacy

    body = GOOD_RULE.replace("lemmas: [collapse]", "tokens: [[{LEMMA: {NOT_A_KEY: [x]}}]]")
    rs = load_packs(None, [_pack(tmp_path, body)])
    with pytest.raises(RulePackError) as err:
        CompiledRules(spacy.blank("en").vocab, rs.rules)
    assert "NY001" in str(err.value) and "trigger" in str(err.value)


def test_invalid_yaml_reports_position(tmp_path):
    path = _pack(tmp_path, "pack: x\nrules: [\n")
    with pytest.raises(RulePackError) as err:
        load_packs(None, [path])
    assert f"{path}:" in str(err.value) and "invalid YAML" in str(err.value)


def test_duplicate_id_is_an_error(tmp_path):
    path = _pack(tmp_path, GOOD_RULE.replace("NY001", "HL101"))
    with pytest.raises(RulePackError, match="already used"):
        load_packs(None, [path])


def test_packs_are_read_with_safe_load(tmp_path):
    path = _pack(tmp_path, "pack: !!python/object/apply:os.system ['echo pwned']\nrules: []\n")
    with pytest.raises(RulePackError):
        load_packs(None, [path])


def test_phrase_syntax():
    pats = phrase_patterns("held [incommunicado|in secret] (at)")
    assert len(pats) == 4
    # an inflected form matches only itself; a base form expands
    be, gone = phrase_patterns("be gone")[0]
    assert gone["LOWER"] in ("gone", {"IN": ["gone"]}) and "was" in be["LOWER"]["IN"]
    with pytest.raises(ValueError, match="unbalanced"):
        phrase_patterns("will (collapse")


def test_builtin_rules_dir_exists():
    assert (builtin_rules_dir() / "forecast.yaml").is_file()


def test_a_pack_extends_a_lexicon_and_lexicons_include_each_other(tmp_path):
    """A newsroom adds a leader's name; it reaches every lexicon that includes
    leader_name (rulers, and the words that mark political copy)."""
    pack = _pack(tmp_path, GOOD_RULE.replace("    rules:", "    lexicons:\n      leader_name: [zorbakov]\n    rules:"))
    rs = load_packs(None, [pack])
    assert "zorbakov" in rs.lexicons["regime"] and "zorbakov" in rs.lexicons["political"]
    assert "putin" in rs.lexicons["regime"]


@pytest.mark.parametrize(
    "lexicons,needle",
    [("      leader_name: ['@nowhere']", "unknown lexicon '@nowhere'"), ("      loop_a: ['@loop_b']\n      loop_b: ['@loop_a']", "includes itself")],
)
def test_bad_lexicon_include_is_an_error(tmp_path, lexicons, needle):
    pack = _pack(tmp_path, GOOD_RULE.replace("    rules:", "    lexicons:\n" + lexicons + "\n    rules:"))
    with pytest.raises(RulePackError, match=needle):
        load_packs(None, [pack])
