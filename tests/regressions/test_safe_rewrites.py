"""Issue 14, defect 3: a rewrite marked safe lowers confidence and keeps grammar, punctuation and wrapping."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from linter.cli import app
from linter.core.safe_edit import to_source

runner = CliRunner()


def _fixed(tmp_path, name: str, data: bytes, *args) -> bytes:
    p = tmp_path / name
    p.write_bytes(data)
    runner.invoke(app, ["check", "--fix", *args, str(p)], catch_exceptions=False)
    return p.read_bytes()


@pytest.mark.parametrize("eol", [b"\n", b"\r\n", b"\r"])
def test_negated_future_across_a_wrap_becomes_may_not(tmp_path, eol):
    out = _fixed(tmp_path, "n.txt", b"The regime will" + eol + b"not survive the winter." + eol)
    assert out == b"The regime may" + eol + b"not survive the winter." + eol


def test_negated_future_on_one_line(tmp_path):
    assert _fixed(tmp_path, "n.txt", b"The regime will not survive the winter.\n") == b"The regime may not survive the winter.\n"


def test_replacement_across_a_wrap_keeps_the_line_break(tmp_path):
    before = b"Nobody saw him at the parade. His absence is a sure\nsign that the generals no longer trust each other.\n"
    out = _fixed(tmp_path, "w.md", before)
    assert out == b"Nobody saw him at the parade. His absence suggests\nthat the generals no longer trust each other.\n"


def test_replacement_with_room_puts_the_break_between_its_words(tmp_path):
    before = b"Prices have tripled since May, and the ruling party is on\nthe brink of collapse.\n"
    p = tmp_path / "w.md"
    p.write_bytes(before)
    runner.invoke(app, ["check", "--fix", "--unsafe-fixes", str(p)], catch_exceptions=False)
    out = p.read_bytes()
    assert out.count(b"\n") == before.count(b"\n") and b"\n\n" not in out
    assert b"on\nthe brink" not in out


def test_html_wrap_and_markup_are_kept(tmp_path):
    before = "<p>The junta <em>will</em>\ncollapse before the monsoon, and the ruling party is\non the brink of collapse.</p>\n".encode()
    out = _fixed(tmp_path, "h.html", before)
    assert out.count(b"\n") == before.count(b"\n")
    assert b"<em>" in out and b"</em>" in out and b"<p>" in out and b"</p>" in out


def test_edit_over_markup_is_unsafe():
    source = "is <b>on the brink</b> of collapse"
    text = "is    on the brink     of collapse"
    se = to_source(source, text, 0, len(source), "appears to be under severe strain", True)
    assert not se.safe and "markup" in se.why_unsafe


@pytest.mark.parametrize(
    "source,deleted,why",
    [
        ("The matter is settled it.", "it", "space before punctuation"),  # "settled ."
        ("A purge — no doubt — followed.", "no doubt ", "two dashes"),  # "— —"
        ("“No doubt — the purge followed.”", "No doubt ", "quotation opening on punctuation"),  # "“—"
        ("Après the purge — “everyone” agrees — the régime", "everyone” agrees — ", "quotation marks"),
    ],
)
def test_deletions_that_damage_punctuation_are_unsafe(source, deleted, why):
    start = source.index(deleted)
    se = to_source(source, source, start, start + len(deleted), "", True)
    assert not se.safe and why in se.why_unsafe


def test_clean_deletion_stays_safe():
    source = "There is no doubt that the army is afraid."
    se = to_source(source, source, 0, 23, "", True)
    assert se.safe, se.why_unsafe


def test_dropping_a_consensus_holder_is_unsafe(engine):
    for text in ("Everyone agrees that the regime will collapse before the monsoon.", "Everyone in the capital knows the general was purged."):
        booster = [f for f in engine.check_text(text) if f.category == "certainty"]
        assert booster, text
        assert booster[0].suggestions and not any(s.safe for s in booster[0].suggestions if s.op == "drop-trigger")


def test_dropping_an_impersonal_booster_stays_safe(engine):
    (f,) = [f for f in engine.check_text("It is obvious that the regime fears its own army.") if f.category == "certainty"]
    assert f.suggestions[0].safe and f.suggestions[0].op == "drop-trigger"


@pytest.mark.parametrize(
    "text,be",
    [
        ("The Assads will rule Syria for another century.", "are"),
        ("The generals will rule the country for another century.", "are"),
        ("The junta will collapse before the monsoon.", "is"),
    ],
)
def test_estimative_agrees_with_the_subject(engine, text, be):
    from linter.core.engine import Engine

    est = Engine(estimative=True)
    est._nlp = None
    (f,) = [f for f in est.check_text(text) if f.category == "forecast"]
    calibrated = [s.replacement for s in f.suggestions if s.op == "estimative"]
    assert calibrated and all(r.startswith(be + " ") for r in calibrated)
