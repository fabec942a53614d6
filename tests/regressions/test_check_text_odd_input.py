"""Issue 14, item 9: `Engine.check_text` never raises, whatever string it gets.

The component, the language server and the web page hand it what an editor
or a JSON request sends: lone surrogates, NULs, non-characters (U+FFFE),
words longer than a block, nothing but whitespace or nothing but markup.
Each is checked as text, Markdown and HTML; a claim next to the odd
character is still found, and every finding quotes its own range.
"""

from __future__ import annotations

import pytest

CLAIM = "The junta will collapse before the monsoon."
KINDS = ("text", "markdown", "html")

# the claim is still there: it must still be found
WITH_CLAIM = {
    "lone high surrogate in a word": CLAIM.replace("monsoon", "mon\ud800soon"),
    "lone low surrogate first": "\udc00 " + CLAIM,
    "high surrogate last": CLAIM + " \udbff",
    "surrogates reversed": "\udc00\ud800 " + CLAIM,
    "NUL between sentences": "It rained.\x00" + CLAIM,
    "non-characters": "\ufffe " + CLAIM + " \uffff",
    "control characters": "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85") + " " + CLAIM,
    "a word longer than a block": "x" * 30_000 + " " + CLAIM,
    "bidi overrides": "\u202e" + CLAIM + "\u202c",
}
# nothing to find, and nothing may break
NOTHING = {
    "empty": "",
    "only NULs": "\x00" * 40,
    "only surrogates": "\ud800\udc00\udfff" * 10,
    "only whitespace": " \t\n\r\n\r\u2028\u2029\u00a0\u3000\u200b\ufeff\x0b\x0c" * 50,
    "one endless word": "collapse" * 4_000,
    "only Markdown markup": "**\n\n* * *\n\n<!-- x -->\n\n[]()\n\n```\n```\n\n> \n\n#\n\n|a|\n|-|\n",
    "only HTML markup": "<p></p><div><b></b><i> </i></div><br><img src=x><!-- --><script>x</script><p>&nbsp;&#8203;</p>",
    "broken entities": "&#0; &#xD800; &#1114112; &#99999999999; &nosuch; &#55296; &",
    "an unclosed comment": "<p><b>x<!--",
}


def _consistent(text, findings):
    assert isinstance(findings, list)
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.text == text[f.start: f.end]
        for e in f.suggestions:
            assert 0 <= e.start <= e.end <= len(text)
            assert e.old == text[e.start: e.end]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(WITH_CLAIM))
def test_odd_characters_around_a_claim(check_engine, name, kind):
    text = WITH_CLAIM[name]
    found = check_engine.check_text(text, kind=kind)
    _consistent(text, found)
    assert "HL101" in {f.rule for f in found}, f"{name} ({kind}): the claim beside it was lost"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("name", sorted(NOTHING))
def test_input_with_no_prose(check_engine, name, kind):
    text = NOTHING[name]
    found = check_engine.check_text(text, kind=kind)
    _consistent(text, found)
    assert found == []


def test_a_claim_inside_broken_markup_and_entities(check_engine):
    text = "<p><b>" + CLAIM.replace("monsoon", "mon&#xD800;soon") + "<!--"
    found = check_engine.check_text(text, kind="html")
    _consistent(text, found)
    assert [f.rule for f in found] == ["HL101"]


@pytest.fixture(scope="module")
def check_engine(engine):
    return engine
