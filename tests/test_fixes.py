"""Suggestions and --fix: every rule's fix examples, grammar, safety, idempotence, byte preservation."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from linter.cli import app
from linter.check.fix import apply_edits, choose_edits, fix_text
from linter.core.rules import load_packs

RULESET = load_packs()


def _fix(engine, text: str, unsafe: bool = False) -> str:
    findings = engine.check_text(text)
    fixed, _ = apply_edits(text, choose_edits(findings, unsafe))
    return fixed


@pytest.mark.parametrize(
    "rule_id,before,after",
    [pytest.param(r.id, fx.input, fx.output, id=f"{r.category}-{r.id}-fix{n}") for r in RULESET.rules for n, fx in enumerate(r.fix_examples, 1)],
)
def test_fix_example(engine, rule_id, before, after):
    assert _fix(engine, before) == after
    assert not [f for f in engine.check_text(after) if f.rule == rule_id], "the fixed text is no longer flagged"


def test_every_rule_has_fix_examples():
    assert all(r.fix_examples for r in RULESET.rules)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The regime is doomed.", "The regime may be in serious trouble."),
        ("They were executed.", "They were reportedly executed."),
        ("It proves that the talks failed.", "It suggests that the talks failed."),
        ("These reports prove that the talks failed.", "These reports suggest that the talks failed."),
        ("The ruling party is on the brink of collapse.", "The ruling party appears to be under severe strain."),
        ("The juntas are on the brink of collapse.", "The juntas appear to be under severe strain."),
    ],
)
def test_issue_examples_are_among_the_suggestions(engine, text, expected):
    (f,) = engine.check_text(text) or [None]
    assert f is not None
    outcomes = [text[: s.start] + s.replacement + text[s.end:] for s in f.suggestions]
    assert expected in outcomes


def test_unverified_offers_a_source_placeholder_marked_unsafe(engine):
    (f,) = engine.check_text("Two generals were secretly executed last month.")
    assert f.suggestions[0].safe and "reportedly" in f.suggestions[0].replacement
    unsafe = [s for s in f.suggestions if not s.safe]
    assert any("[source]" in s.replacement for s in unsafe)


def test_capital_kept_when_the_edit_starts_a_sentence(engine):
    assert _fix(engine, "There is no doubt the junta ordered the shootings.") == "The junta ordered the shootings."
    assert _fix(engine, "Make no mistake: the generals run the country.") == "The generals run the country."


@pytest.mark.parametrize(
    "text",
    [
        # what follows hangs on the dropped words: no edit beats "For that silence than that ..."
        "There can be no other explanation for that silence than that the generals have given up on the president.",
        "The customs numbers speak for themselves: exports to China fell by half.",
        "The kyat has lost half its value since March, and that settles the question.",
    ],
)
def test_dropped_booster_never_leaves_a_fragment(engine, text):
    findings = [f for f in engine.check_text(text) if f.category == "certainty"]
    assert findings, "the booster itself is still reported"
    assert not any(s.op == "drop-trigger" for f in findings for s in f.suggestions)


@pytest.mark.parametrize(
    "before,after",
    [
        (
            "It is obvious to anyone paying attention that the church closures are about property.",
            "The church closures are about property.",
        ),
        ("I am in no doubt that the pardons were a gesture to Washington.", "I believe that the pardons were a gesture to Washington."),
        ("ASHGABAT — There is no question that the gas deal favours Beijing.", "ASHGABAT — The gas deal favours Beijing."),
    ],
)
def test_dropped_booster_takes_its_whole_frame(engine, before, after):
    assert _fix(engine, before) == after


@pytest.mark.parametrize(
    "before,after",
    [
        ("The leaked orders prove beyond doubt that the army planned the crackdown.", "The leaked orders suggest that the army planned the crackdown."),
        # the parser hangs this claim on "doubt": --fix takes two rounds and ends in the same place
        (
            "Satellite images prove beyond any doubt that the army is massing troops on the border.",
            "Satellite images suggest the army is massing troops on the border.",
        ),
    ],
)
def test_booster_phrase_goes_with_the_replaced_verb(engine, before, after):
    # never "suggest beyond doubt": the phrase that made "prove" a booster goes too
    fixed, _, _ = fix_text(engine, before, engine.check_text(before))
    assert fixed == after


def test_no_double_hedge_and_idempotent(engine):
    text = "The junta will collapse. Two generals were executed last month, and the regime is doomed."
    once = _fix(engine, text)
    assert once.count("reportedly") == 1
    assert _fix(engine, once) == once


def test_suggestions_cover_findings_on_the_dev_corpus(engine):
    """Goal >= 95% of findings carry a suggestion (measured on the dev split)."""
    from pathlib import Path

    from linter.evaluate import load_corpus

    items = load_corpus([Path(__file__).resolve().parent.parent / "corpora" / "dev"])
    findings = [f for it in items for f in engine.check_text(it.text)]
    with_suggestion = sum(1 for f in findings if f.suggestions)
    assert with_suggestion / len(findings) >= 0.95


def test_estimative_terms(tmp_path):
    from linter.core.engine import Engine

    eng = Engine(estimative=True)
    (f,) = eng.check_text("The junta will collapse.")
    outcomes = ["The junta will collapse."[: s.start] + s.replacement + "The junta will collapse."[s.end:] for s in f.suggestions]
    assert "The junta is likely to collapse." in outcomes or "The junta is very likely to collapse." in outcomes
    assert all(not s.safe for s in f.suggestions if "likely" in s.replacement or "certain" in s.replacement)


# ------------------------------------------------------------- property test
TRIGGERS = [
    "The junta will collapse before the monsoon.",
    "Two generals were secretly executed last month.",
    "This leaves no doubt that the talks failed.",
    "The regime's days are numbered.",
    "The supreme leader is gravely ill.",
    "The new checkpoints clearly prove the army is afraid.",
]
FILLER = st.text(alphabet=st.sampled_from(list("abcdefgh ijklmnop.,\n\u00e9\u201c\u201d")), max_size=60)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=FILLER, trigger=st.sampled_from(TRIGGERS), middle=FILLER, trigger2=st.sampled_from(TRIGGERS), after=FILLER)
def test_fixes_touch_only_their_edits(engine, before, trigger, middle, trigger2, after):
    text = before + " " + trigger + " " + middle + "\n\n" + trigger2 + after
    findings = engine.check_text(text)
    fixed, applied = apply_edits(text, choose_edits(findings))
    # every character outside the applied edits is unchanged, in order
    pos, rebuilt = 0, []
    for e in sorted(applied, key=lambda e: e.start):
        rebuilt.append(text[pos: e.start])
        rebuilt.append(e.replacement)
        pos = e.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == fixed
    kept = [text[a.end: b.start] for a, b in zip(sorted(applied, key=lambda e: e.start), sorted(applied, key=lambda e: e.start)[1:])]
    assert all(k in fixed for k in kept)
    # what --fix writes (fix, re-check, fix again) raises nothing new, and
    # leaves no finding that still has a safe edit
    final, _, remaining = fix_text(engine, text, findings)
    before_rules = {f.rule for f in findings}
    assert not [f for f in remaining if f.rule not in before_rules], [(f.rule, f.text) for f in remaining]
    assert not [f for f in remaining if any(s.safe for s in f.suggestions)]


# ------------------------------------------------------------------ the CLI
runner = CliRunner()


@pytest.fixture
def shared(engine, monkeypatch):
    import linter.cli as cli

    monkeypatch.setattr(cli, "_load_engine", lambda *a, **k: engine)


def test_fix_in_place_keeps_bytes_mode_and_endings(tmp_path, shared):
    p = tmp_path / "draft.txt"
    body = "Intro \u00e9t\u00e9.\r\n\r\nThe junta will collapse.\r\nUntouched line.\r\n"
    p.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    os.chmod(p, 0o640)
    r = runner.invoke(app, ["check", "--fix", str(p)], catch_exceptions=False)
    assert r.exit_code == 0, r.stdout
    data = p.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data[3:].decode() == body.replace("will collapse", "could collapse")
    assert oct(os.stat(p).st_mode & 0o777) == oct(0o640)
    assert not list(tmp_path.glob(".*hedgelint"))  # no temporary file left behind
    again = runner.invoke(app, ["check", "--fix", str(p)], catch_exceptions=False)
    assert p.read_bytes() == data and again.exit_code == 0


def test_diff_writes_nothing(tmp_path, shared):
    p = tmp_path / "draft.md"
    p.write_text("The junta will collapse.\n")
    r = runner.invoke(app, ["check", "--diff", str(p)], catch_exceptions=False)
    assert r.exit_code == 1
    assert "-The junta will collapse." in r.stdout and "+The junta could collapse." in r.stdout
    assert p.read_text() == "The junta will collapse.\n"


def test_stdin_fix_prints_fixed_text(shared):
    r = runner.invoke(app, ["check", "--fix", "-"], input="The regime is doomed.\n", catch_exceptions=False)
    assert r.stdout == "The regime may be doomed.\n"


def test_unsafe_fixes_only_on_request(tmp_path, shared):
    p = tmp_path / "draft.md"
    p.write_text("The ruling party is on the brink of collapse.\n")
    runner.invoke(app, ["check", "--fix", str(p)], catch_exceptions=False)
    assert p.read_text() == "The ruling party may be on the brink of collapse.\n"
    p.write_text("The ruling party is on the brink of collapse.\n")
    runner.invoke(app, ["check", "--fix", "--unsafe-fixes", str(p)], catch_exceptions=False)
    assert p.read_text() == "The ruling party appears to be under severe strain.\n"


def test_file_changed_on_disk_is_skipped(tmp_path, engine):
    from linter.check.fix import write_fixed
    from linter.sources import open_document

    p = tmp_path / "draft.md"
    p.write_text("The junta will collapse.\n")
    doc = open_document(p)
    p.write_text("Someone else edited this.\n")
    problem = write_fixed(p, doc.digest, "The junta could collapse.\n", doc.encoding, doc.bom)
    assert "changed on disk" in problem
    assert p.read_text() == "Someone else edited this.\n"


def test_overlapping_edits_never_applied_together():
    from linter.core.finding import Edit

    a = Edit("X", 1, 1, 1, 5, True, 0, 4)
    b = Edit("Y", 1, 3, 1, 7, True, 2, 6)
    c = Edit("Z", 1, 8, 1, 9, True, 7, 8)
    out, applied = apply_edits("abcdefghij", [b, a, c])
    assert applied == [a, c] and out == "Xefg" + "Z" + "ij"
