"""The tokenizer prefilter is exact: it skips a paragraph only when the full
pipeline would find nothing in it.

Every input runs twice through one engine, with the prefilter and without
(every paragraph parsed), and the findings must be identical: rule, range,
scope checks and suggestions. Inputs: every corpus split (only ids and
offsets are ever printed, so the never-tuned splits may run too), every
rule's examples with their political subject replaced by bare state names,
capitals, peoples and leaders' names, and a sample of the BBC News stories
in ../shared/corpora (benchmarks/prefilter_identity.py runs all of them).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from linter.sources import text_document

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
BBC = ROOT.parent / "shared" / "corpora" / "bbc-news-2005"
BBC_EVERY = 8  # every 8th story (279): under a minute for both paths on 2 idle cores

# Bare political subjects, as real copy writes them: states (some of them
# also ordinary words or names, which the gazetteer treats with care),
# capitals, peoples and leaders by name.
SUBJECTS = [
    "Venezuela", "North Korea", "Iran", "Belarus", "Eritrea", "Burkina Faso", "Myanmar", "Cuba",
    "Turkey", "China", "Jordan", "Georgia", "Chad", "Guinea",
    "Caracas", "Pyongyang", "Tehran", "Minsk", "Asmara", "Havana", "Naypyidaw", "Managua",
    "North Koreans", "Iranians", "Belarusians", "Cubans", "Eritreans",
    "Putin", "Lukashenko", "Maduro", "Kim Jong Un", "Xi Jinping", "Khamenei", "Ortega", "Min Aung Hlaing",
    # names the gazetteer does not hold: the two paths must still agree
    "Bulawayo", "Tabriz", "Zorbakov",
]
SUBJECT_DEPS = {"nsubj", "nsubjpass", "poss", "pobj", "dobj"}


def findings_of(engine, docs, prefilter: bool) -> dict[str, list[tuple]]:
    """path -> comparable findings, through one path."""
    old = engine.prefilter
    engine.prefilter = prefilter
    try:
        out = {}
        for res in engine.check_documents(docs):
            out[res.path] = [
                (f.rule, f.start, f.end, f.line, f.column, f.end_line, f.end_column, f.context,
                 tuple((e.replacement, e.start, e.end, e.safe) for e in f.suggestions))
                for f in res.findings
            ]
        return out
    finally:
        engine.prefilter = old


def assert_identical(engine, make_docs, what: str) -> int:
    """Both paths agree on every document; returns how many findings they share."""
    fast = findings_of(engine, make_docs(), prefilter=True)
    slow = findings_of(engine, make_docs(), prefilter=False)
    assert fast.keys() == slow.keys()
    # ids, rules and offsets only: never a paragraph's text
    differ = [(path, sorted(set(slow[path]) - set(fast[path]))[:3], sorted(set(fast[path]) - set(slow[path]))[:3])
              for path in slow if fast[path] != slow[path]]
    assert not differ, f"{what}: the prefilter changed the findings of {len(differ)} documents (path, missed, extra): " + "; ".join(
        f"{p}: missed {[(r, s, e) for r, s, e, *_ in m]} extra {[(r, s, e) for r, s, e, *_ in x]}" for p, m, x in differ[:10])
    return sum(len(v) for v in slow.values())


def _split_docs(split: str):
    def make():
        for f in sorted((CORPORA / split).glob("*.jsonl")):
            for line in f.read_text(encoding="utf-8").splitlines():
                obj = json.loads(line)
                yield text_document(obj["text"], f"{split}:{obj['id']}")
    return make


@pytest.mark.parametrize("split", sorted(p.name for p in CORPORA.iterdir() if p.is_dir() and any(p.glob("*.jsonl"))))
def test_prefilter_is_exact_on_every_corpus_split(engine, split):
    found = assert_identical(engine, _split_docs(split), split)
    assert found > 0, f"{split}: no findings at all, so nothing was compared"


def substituted_examples(engine) -> list[str]:
    """Every rule's flag and pass examples with each subject-like noun phrase
    replaced by bare political names (several per phrase, in rotation)."""
    nlp = engine.nlp
    examples = sorted({x for r in engine.rules for x in (*r.flag_examples, *r.pass_examples)})
    out: list[str] = []
    turn = 0
    for doc in nlp.pipe(examples):
        for chunk in doc.noun_chunks:
            if chunk.root.dep_ not in SUBJECT_DEPS or chunk.root.pos_ not in ("NOUN", "PROPN"):
                continue
            for _ in range(4):
                name = SUBJECTS[turn % len(SUBJECTS)]
                turn += 1
                out.append(doc.text[: chunk.start_char] + name + doc.text[chunk.end_char:])
    return sorted(set(out))


def test_prefilter_is_exact_on_rule_examples_with_bare_political_subjects(engine):
    texts = substituted_examples(engine)
    assert len(texts) >= 400

    def make():
        return (text_document(t, f"generated:{n}") for n, t in enumerate(texts))

    found = assert_identical(engine, make, "generated examples")
    assert found >= 100, "the substituted examples should still flag plenty"


def test_prefilter_admits_bare_states_capitals_peoples_and_leaders(engine):
    comp = engine.component
    tok = engine.nlp.tokenizer
    for text in ["Venezuela will collapse.", "Caracas will collapse before the monsoon.",
                 "North Koreans will see the regime's days are numbered.", "Maduro's days are numbered."]:
        assert comp.might_match(tok(text)), text
    # an ordinary word is not a state: the china cabinet, a turkey
    assert not comp.might_match(tok("The old china teapot will collapse."))
    assert comp.might_match(tok("China will collapse."))


def test_check_no_prefilter_parses_every_paragraph_and_reports_the_same(cli, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(
        "# Notes\n\nRain is expected across the north on Tuesday.\n\n"
        "Venezuela will collapse before the monsoon.\n\nMaduro's days are numbered.\n", encoding="utf-8")
    fast = cli(["check", "--format", "jsonl", str(draft)])
    slow = cli(["check", "--format", "jsonl", "--no-prefilter", str(draft)])
    assert fast.exit_code == slow.exit_code == 1
    assert fast.output == slow.output
    assert [json.loads(line)["rule"] for line in slow.output.splitlines()] == ["HL101", "HL105"]


@pytest.mark.skipif(not BBC.is_dir(), reason=f"BBC News corpus not found at {BBC} (CI has it at ../shared/corpora)")
def test_prefilter_is_exact_on_bbc_news_sample(engine):
    files = sorted(BBC.rglob("*.txt"))[::BBC_EVERY]

    def make():
        return (text_document(p.read_text(encoding="latin-1"), str(p.relative_to(BBC))) for p in files)

    assert_identical(engine, make, "BBC News sample")
