"""The language server re-checks only changed paragraphs: the result must equal a full check.

A sequence of random edits (words typed and deleted, paragraphs split and
joined, claims pasted in, lines moved) is applied to generated drafts in
each input kind; after every edit the incremental findings are compared,
position for position and suggestion for suggestion, with a fresh check of
the whole text through the engine.
"""

from __future__ import annotations

import random

import pytest

from draftgen import KINDS, draft
from linter.lsp.documents import ParagraphCache

SNIPPETS = (
    "The junta will collapse before the monsoon.",
    "This clearly proves the army is afraid.",
    "Two colonels have fled to Laos.",
    "reportedly",
    "Officials said",
    "\u00e9t\u00e9 \U0001F600 caf\u00e9",
    "**will**",
    "<!-- hedgelint-disable-next-line HL101 -->",
)


def _full(engine, cache, text, kind):
    found = next(engine.check_documents([cache.document(text, "draft", kind)])).findings
    return found


def _key(f):
    return (f.rule, f.line, f.column, f.end_line, f.end_column, f.start, f.end, f.text, f.sentence, f.sentence_lines,
            f.in_quoted_block, f.context, tuple((s, s.start, s.end, s.old, s.preview) for s in f.suggestions))


def _edit(r: random.Random, text: str) -> str:
    what = r.random()
    if not text:
        return r.choice(SNIPPETS)
    at = r.randrange(len(text) + 1)
    if what < 0.3:  # type a word or a claim
        return text[:at] + r.choice((" ", "")) + r.choice(SNIPPETS) + " " + text[at:]
    if what < 0.5:  # delete a run of characters
        return text[:at] + text[at + r.randint(1, 12):]
    if what < 0.6:  # split a paragraph
        return text[:at] + "\n\n" + text[at:]
    if what < 0.7:  # join paragraphs
        i = text.find("\n\n", at)
        return text if i < 0 else text[:i] + " " + text[i + 2:]
    if what < 0.8:  # a line break inside a paragraph
        return text[:at] + "\n" + text[at:]
    lines = text.split("\n")  # move a line to another place
    line = lines.pop(r.randrange(len(lines)))
    lines.insert(r.randrange(len(lines) + 1), line)
    return "\n".join(lines)


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("seed", range(3))
def test_incremental_equals_full_check_after_random_edits(engine, kind, seed):
    r = random.Random(f"{kind}-{seed}")
    text = "\n\n".join(draft(r, kind).render() for _ in range(2))
    cache = ParagraphCache(engine)
    reused = 0
    for step in range(25):
        incremental = cache.check(text, "draft", kind)
        blocks = len(cache.blocks)
        full = _full(engine, cache, text, kind)
        assert [_key(f) for f in incremental] == [_key(f) for f in full], f"step {step}: {text!r}"
        if step:
            reused += blocks - cache.checked
        text = _edit(r, text)
    assert reused > 0  # the cache did spare the engine some paragraphs


def test_an_edit_rechecks_only_its_paragraph(engine):
    text = open("samples/draft.md", encoding="utf-8").read()
    cache = ParagraphCache(engine)
    first = cache.check(text, "samples/draft.md", "markdown")
    assert cache.checked == len(cache.blocks) > 3
    edited = "A new first line.\n\n" + text.replace("quietly purged", "purged")
    after = cache.check(edited, "samples/draft.md", "markdown")
    assert cache.checked == 2  # the new line and the edited paragraph
    moved = [f for f in after if f.rule == first[0].rule and f.text == first[0].text]
    assert moved and moved[0].line == first[0].line + 2 and moved[0].start == first[0].start + len("A new first line.\n\n")
