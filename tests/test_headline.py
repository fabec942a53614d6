"""Title Case headlines are parsed from a sentence-case copy (core/headline.py)."""

import pytest

from linter.core import headline


@pytest.fixture(scope="module")
def parts(engine):
    comp = engine.component
    return engine.nlp, comp

def _lowered(parts, text):
    nlp, comp = parts
    doc = nlp.make_doc(text)
    return headline.sentence_case(doc, comp.names.hits(doc), comp._dictionary)


def test_common_words_are_lowered_and_names_kept(parts):
    out = _lowered(parts, "Kim Jong Un Executes Senior Officials With Anti-Aircraft Guns")
    assert out == "Kim Jong Un executes senior officials with anti-aircraft guns"
    # a state of two words, a leader in the gazetteer, an unknown name
    assert _lowered(parts, "North Korea Says Lukashenko Ill") == "North Korea says Lukashenko ill"
    assert _lowered(parts, "Daniel Ortega Regime Enters Final Days").startswith("Daniel Ortega")


def test_acronyms_and_the_first_word_stay(parts):
    out = _lowered(parts, "IRGC Commander Vanishes After Purge Rumours")
    assert out is not None and out.startswith("IRGC commander vanishes")


@pytest.mark.parametrize("text", [
    "The junta executed three officers, the agency said.",  # a sentence, not a title
    "Executions Rise",  # too short to tell
    "Kim Jong Un executes senior officials\nwith anti-aircraft guns",  # two lines
])
def test_only_one_line_title_case_blocks_count(parts, text):
    nlp, _ = parts
    assert not headline.is_title_case_line(nlp.make_doc(text))


def test_the_source_text_is_kept_and_the_parse_replaced(engine):
    text = "Kim Jong Un Executes Senior Security Officials With Anti-Aircraft Guns"
    doc = engine.nlp(text)
    assert doc.text == text
    verb = doc[3]
    assert verb.text == "Executes" and verb.pos_ == "VERB" and verb.lemma_ == "execute"
    assert [t.text for t in doc if t.dep_ == "dobj"] == ["Officials"]
    found = engine.check_text(text + "\n")
    assert [(f.rule, f.text) for f in found] == [("HL201", "Executes")]
    # the same headline attributed stays clear, as in sentence case
    assert engine.check_text("Seoul Says Kim Jong Un Executes Senior Security Officials\n") == []
