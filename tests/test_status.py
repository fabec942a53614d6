"""Sentence status, cues and clause commitment (issue 11): linter/core/status.py,
`hedgelint analyze`, and the Span extensions."""

from __future__ import annotations

import json

import pytest

from linter.core.rules import load_packs
from linter.core.status import CUE_TYPES, STATUSES, analyser_for, effect, profile


@pytest.fixture(scope="session")
def analyse(engine):
    def run(text):
        doc = engine.nlp(text)
        return analyser_for(doc).analyse(doc)

    return run


def one(analyse, text):
    res = analyse(text)
    assert len(res) == 1, [s.span.text for s in res]
    return res[0]


@pytest.mark.parametrize(
    "text, status",
    [
        ("These results suggest that the protein may bind DNA.", "hedged"),
        ("Critics argue the policy was a mistake.", "attributed"),
        ("Is the government finished?", "question"),
        ("If the strike goes ahead, trains will not run on Friday.", "conditional"),
        ("Were the dam to fail, the valley would flood within hours.", "conditional"),
        ("The council voted to close two libraries.", "asserted"),
        ("It is unclear whether the two men ever met.", "hedged"),
        ("The cause of the crash is still unknown.", "hedged"),
        ("The protein is thought to regulate the cell cycle.", "hedged"),
        ("It is said that the king hid in an oak tree.", "attributed"),
        ("The actor has reportedly signed a new contract.", "attributed"),
        # the precedence: a question wins over a hedge, a condition over a hedge,
        # a source over a hedge
        ("Could the regime really collapse?", "question"),
        ("If the blackouts continue, the government may ration electricity.", "conditional"),
        ("Officials said the bridge might reopen next month.", "attributed"),
    ],
)
def test_sentence_status(analyse, text, status):
    assert one(analyse, text).status == status


@pytest.mark.parametrize(
    "text",
    [
        "The festival takes place every year in May.",  # the month
        "The screen is bright and clearly visible in sunlight.",  # manner, not a booster
        "The soup comes in a can that is hard to open.",  # a can of soup; hard to open
        "The will of the donor specified that the samples be used for research.",
        "She suggested a meeting with the unions next week.",  # suggest = propose
        "The singer appeared on stage two hours late.",  # appear = show up
        "You should read the manual before the first use.",  # deontic should
        "The factory can produce ten thousand cars a year.",  # ability
        "The images clearly show two distinct populations of cells.",  # a booster, and a description
        "The company did not say when the road would reopen.",  # future in the past
    ],
)
def test_sense_traps_stay_asserted(analyse, text):
    s = one(analyse, text)
    assert s.status == "asserted", [(c.text, c.type, c.counts) for c in s.cues]


def test_cues_have_types_ranges_and_text(analyse):
    text = "The talks may fail, officials said, unless the army clearly backs them."
    s = one(analyse, text)
    got = {(c.text, c.type) for c in s.cues}
    assert ("may", "modal") in got
    assert ("said", "attribution") in got
    assert ("unless", "conditional") in got
    assert ("clearly", "booster") in got
    for c in s.cues:
        assert c.type in CUE_TYPES
        assert text[c.start_char: c.end_char] == c.text
    assert s.status == "conditional"


def test_month_may_is_no_cue_and_modal_may_is(analyse):
    assert not any(c.text == "May" for c in one(analyse, "In May the researchers collected soil samples.").cues)
    assert [c.type for c in one(analyse, "The talks may resume in May.").cues if c.text.lower() == "may"] == ["modal"]


def test_non_counting_cues_are_shown_but_do_not_hedge(analyse):
    s = one(analyse, "Editors should be wary of treating the purge as proof that the junta is finished.")
    should = [c for c in s.cues if c.text == "should"]
    assert should and should[0].type == "modal" and not should[0].counts


@pytest.mark.parametrize(
    "text, head, commitment",
    [
        ("I don't think the talks failed.", "failed", "committed_negative"),
        ("She knew the talks had failed.", "failed", "committed"),
        ("He claimed the talks had failed.", "failed", "not_committed"),
        ("It is unclear whether the talks failed.", "failed", "not_committed"),
        ("The talks did not fail.", "fail", "committed_negative"),
        ("He did not know that the talks had failed.", "failed", "committed"),
        ("He pretended that the talks had failed.", "failed", "committed_negative"),
        ("It is not true that the talks failed.", "failed", "committed_negative"),
        ("The activists, who were detained last week, were released.", "detained", "committed"),
    ],
)
def test_clause_commitment(analyse, text, head, commitment):
    s = one(analyse, text)
    clause = next(c for c in s.clauses if c.head.text == head)
    assert clause.commitment == commitment


# The kinds of scope check that are cues of the sentence (the others, such as
# "past" or "topic", say what the claim is about, not how it is held).
_CUE_KINDS = {"question", "hedge", "attribution", "quote", "conditional", "negation", "negated_trigger", "paragraph_attribution"}


def _words(cue: str) -> set[str]:
    return {w.lower().strip(":;,.!?\"'") for w in cue.replace("...", " ").split()} - {""}


def _examples():
    out = []
    for r in load_packs().rules:
        out += list(r.pass_examples) + list(r.flag_examples)
    return out


def test_the_cues_behind_every_scope_check_are_the_cues_analyze_reports(engine):
    """One code path: for every rule example, each cue a scope check saw on a
    trigger (clearing it, or seen and set aside in a finding's context) is
    among the cues `analyze` reports for that sentence."""
    checked = 0
    for text in _examples():
        doc = engine.nlp(text)
        hits = engine.component.examine(doc)
        sentences = analyser_for(doc).analyse(doc)
        for h in hits:
            s = next(x for x in sentences if x.span.start <= h.anchor.i < x.span.end)
            for c in h.checks:
                if c.result == "absent" or c.kind not in _CUE_KINDS:
                    continue
                checked += 1
                if c.kind == "paragraph_attribution":
                    assert s.carried is not None, text
                elif c.kind == "quote":
                    assert any(q.type == "quotation" and c.cue[:10] in q.text for q in s.cues), text
                elif c.cue == "?":
                    assert any(q.text == "?" and q.type == "question" for q in s.cues), text
                else:
                    assert any(_words(q.text) & _words(c.cue or "") for q in s.cues), (text, c, s.cues)
    assert checked > 100  # the examples exercise every kind, many times


@pytest.mark.parametrize(
    "text",
    [
        "I have no doubt the junta will be gone by spring.",  # negation seen as a booster
        "I said the junta will collapse before the monsoon.",  # first person is no source
        "Expect the junta to collapse before the monsoon.",  # an imperative
    ],
)
def test_a_findings_context_cue_is_an_analyze_cue(engine, analyse, text):
    """A finding's own context (the cues scope saw and set aside) matches analyze,
    and those cues do not lower the sentence's status."""
    seen = [c for f in engine.check_text(text) for c in f.context if c.result != "absent" and c.kind in _CUE_KINDS]
    assert seen
    s = one(analyse, text)
    for c in seen:
        match = [q for q in s.cues if _words(q.text) & _words(c.cue)]
        assert match, (c, s.cues)
        assert all(effect(q) is None for q in match)
    assert s.status == "asserted"


def test_span_extensions_on_sentences(engine):
    doc = engine.nlp("The junta may fall. Officials said the talks failed. Is it over?")
    sents = list(doc.sents)
    assert [s._.hedge_status for s in sents] == ["hedged", "attributed", "question"]
    assert [c.text for c in sents[0]._.hedge_cues] == ["may"]
    assert sents[1]._.hedge_cues[0].type == "attribution"


def test_profile_counts_sentences_per_status(engine):
    text = "The junta may fall. Officials said the talks failed. Is it over? The army left. If it rains, we stay."
    counts = profile(engine.nlp(text))
    assert counts == {"sentences": 5, "question": 1, "conditional": 1, "attributed": 1, "hedged": 1, "asserted": 1}
    assert profile(text, engine.nlp) == counts
    assert set(counts) == {"sentences", *STATUSES}


def test_profile_of_a_doc_from_a_pipeline_without_the_component_says_so():
    import spacy

    with pytest.raises(ValueError, match="hedgelint component"):
        profile(spacy.blank("en")("Some text."))


def test_analyze_json(tmp_path, cli):
    p = tmp_path / "draft.md"
    p.write_text("# Notes\n\nThe junta may fall before spring. Officials said\nthe talks had failed.\n", encoding="utf-8")
    r = cli(["analyze", "--format", "json", str(p)])
    assert r.exit_code == 0, r.output
    data = json.loads(r.stdout)
    assert data["version"] == 1 and data["errors"] == []
    (f,) = data["files"]
    assert f["path"] == str(p)
    statuses = [(s["text"], s["status"]) for s in f["sentences"]]
    assert ("The junta may fall before spring.", "hedged") in statuses
    assert ("Officials said the talks had failed.", "attributed") in statuses
    said = next(s for s in f["sentences"] if s["status"] == "attributed")
    assert (said["line"], said["column"], said["end_line"]) == (3, 35, 4)
    cue = said["cues"][0]
    assert cue == {"text": "said", "type": "attribution", "effect": "attributed", "line": 3, "column": 45, "end_line": 3, "end_column": 49}
    clause = next(c for c in said["clauses"] if c["head"] == "failed")
    assert clause["commitment"] == "not_committed" and clause["text"] == "the talks had failed"


def test_analyze_text_colours_only_when_asked(tmp_path, cli):
    p = tmp_path / "d.txt"
    p.write_text("The junta may fall.\x1b[31m\n", encoding="utf-8")
    plain = cli(["analyze", str(p)])
    assert plain.exit_code == 0
    assert "hedged" in plain.stdout and "'may' modal" in plain.stdout
    assert "\x1b" not in plain.stdout  # not a terminal: no colour, and the draft's own escape is stripped
    coloured = cli(["analyze", "--color", "always", str(p)])
    assert "\x1b[33mmay\x1b[0m" in coloured.stdout
    assert "\ufffd[31m" in coloured.stdout  # the draft's escape is shown inert, never emitted


def test_analyze_rejects_an_unknown_format_and_json_triggers(tmp_path, cli):
    p = tmp_path / "d.txt"
    p.write_text("The junta may fall.\n", encoding="utf-8")
    assert cli(["analyze", "--format", "sarif", str(p)]).exit_code == 2
    assert cli(["analyze", "--triggers", "--format", "json", str(p)]).exit_code == 2
