"""Found by benchmarks/fuzz_fix.py (issue 14, item 9).

1. A line or paragraph separator (U+2028/2029; also VT, FF, NEL) in a plain
   text paragraph reached the parser as a boundary: "There is\\u2028no doubt
   that ..." lost "There is", and the fix deleted only "no doubt that",
   leaving "There is the regime fears ...". They are spaces to the parser
   now, as a wrapped LF is.
2. An edit that leaves a word doubled ("reportedly reportedly") means the
   word was already there and the parse missed it; each --fix would add it
   again. Such an edit is never safe.
"""

from __future__ import annotations

import pytest

from linter.core.safe_edit import to_source


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x0b", "\x0c", "\x85"])
def test_a_claim_wrapped_at_an_odd_line_break_is_read_whole(engine, brk):
    text = f"There is{brk}no doubt that the regime fears its own soldiers."
    found = engine.check_text(text)
    assert [f.rule for f in found] == ["HL303"]
    assert found[0].text.startswith("There is"), found[0].text
    for e in found[0].suggestions:
        fixed = text[: e.start] + e.replacement + text[e.end:]
        assert not fixed.startswith("There is the"), fixed


def test_fix_never_leaves_there_is_behind(cli, tmp_path):
    p = tmp_path / "l.txt"
    draft = "There is\u2028no doubt that the regime fears its own soldiers.\n"
    p.write_text(draft, encoding="utf-8")
    cli(["check", "--fix", str(p)])
    after = p.read_text(encoding="utf-8")
    assert "There is the" not in after and "There is\u2028the" not in after


@pytest.mark.parametrize("source,start,end,rep", [
    ("The politburo has reportedly chosen.", 18, 18, "reportedly "),
    ("Reported a purge is under way.", 0, 0, "Reported "),
])
def test_an_edit_that_doubles_a_word_is_unsafe(source, start, end, rep):
    se = to_source(source, source, start, end, rep, True)
    assert not se.safe
    assert "doubled" in se.why_unsafe


def test_an_edit_next_to_a_different_word_stays_safe():
    source = "The politburo has chosen."
    se = to_source(source, source, 18, 18, "reportedly ", True)
    assert se.safe, se.why_unsafe
