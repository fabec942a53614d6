"""Found by benchmarks/fuzz_fix.py (issue 14, item 9): an invisible format
character beside a space made its own token, so the parse missed the hedge
that --fix had just inserted, and every --fix inserted it again
("has reportedly reportedly ~~already~~\u200c chosen").

Zero-width and bidi characters by a space now reach the tokenizer as spaces
(offsets unchanged); between two letters they stay, so no word is split.
"""

from __future__ import annotations

import pytest

SECRET = "Behind closed doors, the politburo has ~~already~~{zw} chosen the leader's successor.\n"


@pytest.mark.parametrize("zw", ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u200e"])
def test_a_second_fix_beside_a_zero_width_character_is_a_no_op(cli, tmp_path, zw):
    p = tmp_path / "z.md"
    p.write_text(SECRET.format(zw=zw), encoding="utf-8")
    cli(["check", "--fix", str(p)])
    once = p.read_text(encoding="utf-8")
    assert once == SECRET.format(zw=zw).replace("has ~~", "has reportedly ~~")
    r = cli(["check", "--fix", str(p)])
    assert p.read_text(encoding="utf-8") == once
    assert r.exit_code == 0


@pytest.mark.parametrize("text", [
    "The junta\u200b will collapse before the monsoon.",
    "The\u200c junta will\u2060 collapse before the monsoon.",
    "\u200fThe junta will collapse before the monsoon.\u200b",
])
def test_a_claim_beside_zero_width_characters_is_read_as_without_them(engine, text):
    plain = engine.check_text("The junta will collapse before the monsoon.")
    found = engine.check_text(text)
    assert [f.rule for f in found] == [f.rule for f in plain] == ["HL101"]
    for f in found:
        assert f.text == text[f.start: f.end]


def test_a_hedge_beside_a_zero_width_character_still_hedges(engine):
    assert engine.check_text("The junta\u200b may\u200d collapse before the monsoon.") == []


def test_a_zero_width_character_inside_a_word_does_not_split_it(engine):
    # "col" + "lapse" would be two words; the character stays between the letters
    from linter.core.engine import analysable

    assert analysable("col\u200blapse") == "col\u200blapse"
    assert analysable("the\u200b regime") == "the  regime"
