"""The Markdown reader: what is prose, what is blanked, what is skipped, and exact positions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.sources import text as text_source
from linter.sources.markdown import markdown_blocks

from blocks import check_invariants


def words(src: str) -> list[str]:
    """Each block's analysis text with its runs of spaces collapsed."""
    return [" ".join(b.text.split()) for b in markdown_blocks(src)]


def locate(doc: str, blocks, needle: str, nth: int = 0) -> tuple[int, int]:
    """Source (line, column) of the nth occurrence of `needle` in the analysis texts."""
    hits = []
    for b in blocks:
        at = b.text.find(needle)
        while at >= 0:
            hits.append(b.position(at))
            at = b.text.find(needle, at + 1)
    return hits[nth]


# ------------------------------------------------------------------ a real article
ARTICLE = """---
title: "Briefing: the junta"
tags: [myanmar, forecast]
---

# Will the junta *fall*?

Analysts disagree. Run `hedgelint --strict` before you publish.

```text
The regime will collapse.
```

> The deputy minister said the junta will certainly
> fall before the rains.

The junta **will**
collapse before the monsoon, according to [one diplomat](https://example.org/cable "Cable").
"""


def test_realistic_article():
    blocks = markdown_blocks(ARTICLE)
    assert words(ARTICLE) == [
        "Will the junta fall ?",
        "Analysts disagree. Run before you publish.",
        "The deputy minister said the junta will certainly fall before the rains.",
        "The junta will collapse before the monsoon, according to one diplomat .",
    ]
    assert [b.quoted for b in blocks] == [False, False, True, False]
    assert not any("regime" in b.text for b in blocks)  # the fenced "The regime will collapse."
    assert not any("title" in b.text or "hedgelint" in b.text for b in blocks)
    wrapped = blocks[3]
    assert wrapped.text.startswith("The junta   will   collapse before the monsoon")
    # "will" sits on line 17, column 13 (after "The junta **")
    lines = ARTICLE.split("\n")
    assert lines[16].startswith("The junta **will**")
    assert wrapped.position(wrapped.text.index("will")) == (17, 13)
    assert wrapped.position(wrapped.text.index("collapse")) == (18, 1)
    check_invariants(ARTICLE, blocks)


def test_wrapped_emphasis_paragraph_is_one_sentence(engine):
    [block] = markdown_blocks("The junta **will**\ncollapse before the monsoon.\n")
    assert block.text == "The junta   will   collapse before the monsoon."
    assert len(list(engine.nlp(block.text).sents)) == 1


# ------------------------------------------------------------------ skipped entirely
@pytest.mark.parametrize(
    "src",
    [
        "```\nThe junta will collapse.\n```\n",
        "~~~python\nThe junta will collapse.\n~~~\n",
        "    The junta will collapse.\n",
        "---\ntitle: The junta will collapse\n---\n",
        "+++\ntitle = 'The junta will collapse'\n+++\n",
        "<div>\nThe junta will collapse.\n</div>\n",
        "<!-- The junta will collapse. -->\n",
        "<!--\nThe junta\nwill collapse.\n-->\n",
        "$$\nthe\\ junta = will + collapse\n$$\n",
        "[junta]: https://example.org/will-collapse 'The junta will collapse'\n",
        "![The junta will collapse](chart.png)\n",
        "---\n\n***\n",
    ],
)
def test_skipped_constructs_give_no_block(src):
    assert markdown_blocks(src) == []
    assert markdown_blocks(src + "\nAfter it.\n")[-1].text == "After it."


def test_front_matter_only_at_the_top():
    src = "Intro text.\n\n---\ntitle: not front matter\n---\n"
    assert "title: not front matter" in words(src)


def test_unclosed_front_matter_is_not_skipped():
    assert words("---\nThe junta will fall.\n") == ["The junta will fall."]


def test_front_matter_keeps_line_numbers():
    src = "---\na: 1\nb: 2\n---\nThe junta will fall.\n"
    [block] = markdown_blocks(src)
    assert (block.line, block.column) == (5, 1)


# ------------------------------------------------------------------ blanking
@pytest.mark.parametrize(
    "src,text",
    [
        ("**will** collapse", "  will   collapse"),
        ("__will__ collapse", "  will   collapse"),
        ("*will* _collapse_", " will   collapse "),
        ("~~will~~ collapse", "  will   collapse"),
        ("It `will collapse` soon", "It                 soon"),
        ("It ``will ` collapse`` soon", "It                     soon"),
        ("See [the report](https://x.org/a) now", "See  the report                   now"),
        ("See [the report][r] now\n\n[r]: https://x.org", "See  the report     now"),
        ("See [the report] now\n\n[the report]: https://x.org", "See  the report  now"),
        ("A ![chart of it](c.png) here", "A                       here"),
        ("Mail <a@b.org> or <https://x.org>", "Mail           or                "),
        ("Read https://x.org/will-fall.", "Read                        ."),
        ("Read www.x.org now", "Read           now"),
        ("It <span class='x'>will</span> fall", "It                 will        fall"),
        ("It <!-- will --> fall", "It               fall"),
        ("It \\*will\\* fall", "It  *will * fall"),
        ("Line one\\\nline two", "Line one  line two"),
        ("Line one  \nline two", "Line one   line two"),
        ("Energy $E = mc^2$ falls", "Energy            falls"),
        ("Costs $5 and $6 each", "Costs $5 and $6 each"),
        ("snake_case 2 * 3", "snake_case 2 * 3"),
        ("It \\ is", "It \\ is"),
    ],
)
def test_markup_is_blanked(src, text):
    [block] = markdown_blocks(src)
    assert block.text == text
    check_invariants(src, [block])


def test_heading_markers_are_not_prose():
    src = "## The junta will fall ##\n\nSetext *title*\n==============\n"
    blocks = markdown_blocks(src)
    assert [b.text for b in blocks] == ["The junta will fall", "Setext  title "]
    assert (blocks[0].line, blocks[0].column) == (1, 4)
    check_invariants(src, blocks)


def test_list_items_and_markers():
    src = "- The junta will fall.\n- [ ] Check the\n  claim.\n\n3. Third *point*.\n   Second paragraph? No.\n"
    blocks = markdown_blocks(src)
    assert [b.text for b in blocks] == ["The junta will fall.", "    Check the   claim.", "Third  point .    Second paragraph? No."]
    assert [(b.line, b.column) for b in blocks] == [(1, 3), (2, 3), (5, 4)]
    check_invariants(src, blocks)


def test_loose_list_gives_one_block_per_paragraph():
    src = "- First point.\n\n  Second paragraph of it.\n- Next item.\n"
    assert words(src) == ["First point.", "Second paragraph of it.", "Next item."]


def test_table_gives_one_block_per_cell():
    src = "| Country | Outlook |\n|---|:---:|\n| Myanmar | *will* fall |\n| Chad \\| Niger | unclear |\n"
    blocks = markdown_blocks(src)
    assert [b.text for b in blocks] == ["Country", "Outlook", "Myanmar", " will  fall", "Chad  | Niger", "unclear"]
    assert locate(src, blocks, "fall") == (3, 20)
    assert locate(src, blocks, "Niger") == (4, 11)
    check_invariants(src, blocks)


def test_entities_are_decoded_in_place():
    src = "Tom &amp; Jerry said &#8220;it will fall&#x201D;, &copy; &bogus; &nbsp;x"
    [block] = markdown_blocks(src)
    assert block.text == "Tom &     Jerry said \u201c      it will fall\u201d       , \u00a9      &bogus;       x"
    check_invariants(src, [block])


def test_escaped_entity_is_literal():
    [block] = markdown_blocks("A \\&amp; B")
    assert block.text == "A  &amp; B"


# ------------------------------------------------------------------ quoted
def test_block_quotes_are_quoted_with_nesting_and_lazy_lines():
    src = (
        "Before.\n\n"
        "> The minister said it will fall\n"
        "continuing lazily.\n"
        ">\n"
        "> > Nested: it *will*.\n"
        ">\n"
        "> - A listed claim.\n\n"
        "After.\n"
    )
    blocks = markdown_blocks(src)
    assert [(" ".join(b.text.split()), b.quoted) for b in blocks] == [
        ("Before.", False),
        ("The minister said it will fall continuing lazily.", True),
        ("Nested: it will .", True),
        ("A listed claim.", True),
        ("After.", False),
    ]
    assert locate(src, blocks, "continuing") == (4, 1)
    assert locate(src, blocks, "Nested") == (6, 5)
    assert locate(src, blocks, "listed") == (8, 7)
    check_invariants(src, blocks)


# ------------------------------------------------------------------ line endings
def test_crlf_file():
    src = "---\r\ntitle: x\r\n---\r\n# Head\r\n\r\nThe junta **will**\r\ncollapse\r\nsoon.\r\n\r\n```\r\nwill\r\n```\r\n"
    blocks = markdown_blocks(src)
    assert [b.text for b in blocks] == ["Head", "The junta   will    collapse  soon."]
    assert locate(src, blocks, "will") == (6, 13)
    assert locate(src, blocks, "collapse") == (7, 1)
    assert locate(src, blocks, "soon") == (8, 1)
    check_invariants(src, blocks)


def test_tabs_and_indented_continuations():
    src = "-\tTabbed item\n\t continues here.\n\n>\tQuoted\ttab.\n"
    blocks = markdown_blocks(src)
    assert [" ".join(b.text.split()) for b in blocks] == ["Tabbed item continues here.", "Quoted tab."]
    check_invariants(src, blocks)


def test_long_paragraph_is_cut(monkeypatch):
    monkeypatch.setattr(text_source, "MAX_BLOCK", 100)
    src = " ".join(f"Sentence **number** {i} ends here." for i in range(40))
    blocks = markdown_blocks(src)
    assert len(blocks) > 5 and all(len(b.source) <= 100 for b in blocks)
    check_invariants(src, blocks)


def test_empty_and_blank_documents():
    assert markdown_blocks("") == []
    assert markdown_blocks("\n\n  \r\n") == []


# ------------------------------------------------------------------ property
FRAGMENTS = [
    "a", "b", "will", " ", " ", "\n", "\n", "\r\n", "\n\n", "\t", "*", "**", "_", "~~", "`", "``",
    "[", "]", "(", ")", "](", "![", "<", ">", "> ", "# ", "- ", "1. ", "|", "---", "+++", "\\",
    "&amp;", "&#8220;", "&nbsp;", "&bogus;", "&", ";", "$", "$$", "http://x.y/z", "<!--", "-->",
    "<b>", "</b>", "```", "    ", "\u00e9", "\u201c", "[r]: /u", "\u3000", "\0",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))
def test_blocks_map_back_to_the_source(src):
    check_invariants(src, markdown_blocks(src))


def _markdown_it_words(src: str) -> list[str]:
    """The prose markdown-it itself reads in each block, without whitespace."""
    from linter.sources.markdown import _TASK, _front_matter, _parser

    lines = src.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    skip = _front_matter(lines)
    tokens = _parser().parse("\n".join([""] * skip + lines[skip:]), {})
    out = []
    for i, tok in enumerate(tokens):
        if tok.type != "inline" or not tok.content.strip():
            continue
        parts, in_autolink = [], False
        for child in tok.children:
            in_autolink = (in_autolink or child.markup == "autolink") and child.type != "link_close"
            if child.type == "text" and not in_autolink:
                parts.append(child.content)
        prose = "".join(parts)
        if i >= 2 and tokens[i - 2].type == "list_item_open" and _TASK.match(tok.content):
            prose = prose[3:]
        if prose.split():
            out.append("".join(prose.split()))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([f for f in FRAGMENTS if "http" not in f] + ["\\*", "`a`", "<a@b.c>", "[x](y)", "***"]), max_size=50).map("".join))
def test_prose_agrees_with_markdown_it(src):
    """Every character markdown-it reads as text is kept, and nothing else."""
    got = ["".join(b.text.split()).replace("\0", "\ufffd") for b in markdown_blocks(src)]
    assert got == _markdown_it_words(src)
