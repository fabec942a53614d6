"""The HTML reader: blocks, skipped elements, entities, quotes and exact positions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.sources import text as text_source
from linter.sources.html import html_blocks

from blocks import check_invariants


def words(src: str) -> list[str]:
    return [" ".join(b.text.split()) for b in html_blocks(src)]


ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>The junta will fall</title>
  <meta charset="utf-8">
  <style>p::before { content: "will collapse"; }</style>
  <script>const claim = "<p>will collapse</p>";</script>
</head>
<body>
<article>
  <h1>Will the junta <em>fall</em>?</h1>
  <p>Analysts disagree. Run <code>hedgelint --strict</code> first.</p>
  <pre>The regime will collapse.</pre>
  <blockquote><p>The deputy minister said the junta will certainly
  fall before the rains.</p></blockquote>
  <p>The junta <strong>will</strong>
collapse before the monsoon, according to <a href="https://example.org/cable">one diplomat</a>,
who called it <q>a matter of weeks</q>.</p>
  <!-- editor: will collapse? -->
</article>
</body>
</html>
"""


def test_realistic_article():
    blocks = html_blocks(ARTICLE)
    assert words(ARTICLE) == [
        "Will the junta fall ?",
        "Analysts disagree. Run first.",
        "The deputy minister said the junta will certainly fall before the rains.",
        "The junta will collapse before the monsoon, according to one diplomat , who called it a matter of weeks .",
    ]
    assert [b.quoted for b in blocks] == [False, False, True, False]
    assert not any(word in b.text for b in blocks for word in ("regime", "editor", "const", "content"))
    assert all(b.line >= 10 for b in blocks)  # nothing from <head>, <title> included
    last = blocks[3]
    assert last.text.startswith("The junta         will          collapse before the monsoon")
    assert ARTICLE.split("\n")[15] == "  <p>The junta <strong>will</strong>"
    assert last.position(last.text.index("will")) == (16, 24)
    assert last.position(last.text.index("collapse")) == (17, 1)
    [(s, e)] = last.quoted_ranges
    assert last.text[s:e] == "a matter of weeks"
    check_invariants(ARTICLE, blocks)


def test_wrapped_paragraph_is_one_sentence(engine):
    [block] = html_blocks("<p>The junta <b>will</b>\ncollapse before the monsoon.</p>")
    assert block.text == "The junta    will     collapse before the monsoon."
    assert len(list(engine.nlp(block.text).sents)) == 1


# ------------------------------------------------------------------ blocks
def test_block_elements_split_and_inline_elements_do_not():
    src = (
        "<h2>Heading</h2><p>One <i>two</i> <span>three</span> <a href=#>four</a></p>"
        "<ul><li>Item one<li>Item <b>two</b><ol><li>Nested</ol> tail</ul>"
        "<dl><dt>Term</dt><dd>Definition</dd></dl>"
        "<table><caption>Caption</caption><tr><th>Head</th><td>Cell</td></tr></table>"
        "<figure><img src=x alt='no'><figcaption>Figure caption</figcaption></figure>"
        "<div>Loose <em>div</em> text<p>Para</p>after para</div>"
        "<section>Section text</section><main>Main text</main>"
    )
    assert words(src) == [
        "Heading", "One two three four", "Item one", "Item two", "Nested", "tail", "Term", "Definition",
        "Caption", "Head", "Cell", "Figure caption", "Loose div text", "Para", "after para", "Section text", "Main text",
    ]
    check_invariants(src, html_blocks(src))


def test_text_directly_in_body_and_fragments():
    assert words("<body>Just text.<br>More text.</body>") == ["Just text. More text."]
    assert words("Bare fragment with <b>bold</b>.") == ["Bare fragment with bold ."]


# ------------------------------------------------------------------ skipped
@pytest.mark.parametrize(
    "src",
    [
        "<script>var s = 'The junta will collapse.';</script>",
        "<style>.x:after { content: 'The junta will collapse.' }</style>",
        "<pre>The junta will collapse.</pre>",
        "<p><code>The junta will collapse.</code></p>",
        "<template><p>The junta will collapse.</p></template>",
        "<noscript>The junta will collapse.</noscript>",
        "<svg><text>The junta will collapse.</text></svg>",
        "<math><mi>The junta will collapse.</mi></math>",
        "<head><title>The junta will collapse.</title></head>",
        "<title>The junta will collapse.</title>",
        "<!-- The junta will collapse. -->",
        "<!--\nThe junta\nwill collapse.\n-->",
        "<textarea>The junta will collapse.</textarea>",
    ],
)
def test_skipped_elements_give_no_text(src):
    assert html_blocks(src) == []
    assert words(src + "<p>After it.</p>") == ["After it."]


def test_unclosed_comment_runs_to_the_end():
    assert words("<p>Before.</p><!-- The junta will collapse.<p>Not after it.</p>") == ["Before."]


def test_code_inside_a_paragraph_is_blanked_without_splitting():
    [block] = html_blocks("<p>Run <code>x &amp;&amp; y</code> now.</p>")
    assert block.text == "Run                             now."


def test_unclosed_skip_element_ends_with_its_parent():
    assert words("<p>Use <code>make</p><p>The junta will fall.</p>") == ["Use", "The junta will fall."]


def test_head_without_end_tag():
    assert words("<head><title>Title</title><p>Body text.</p>") == ["Body text."]
    assert words("<html><head><title>T</title><body><p>Body text.</p>") == ["Body text."]


# ------------------------------------------------------------------ entities
def test_entities_are_decoded_without_shifting():
    src = "<p>Tom &amp; Jerry &#8220;will&#8221; &#x2014; &eacute;t&eacute; &nbsp;x &bogus; &amp</p>"
    [block] = html_blocks(src)
    assert block.source == src[3:-4]  # up to the end of the last "&amp"
    assert block.text == "Tom &     Jerry \u201c      will\u201d       \u2014        \u00e9       t\u00e9              x &bogus; &   "
    check_invariants(src, [block])


def test_entity_positions():
    src = "<p>A &amp; B will\nfall.</p>"
    [block] = html_blocks(src)
    assert block.position(block.text.index("will")) == (1, 14)
    assert block.position(block.text.index("fall")) == (2, 1)


def test_bare_ampersand_and_less_than_are_text():
    assert words("<p>Salt & pepper, 3 < 4.</p>") == ["Salt & pepper, 3 < 4."]


# ------------------------------------------------------------------ quoted
def test_blockquote_sets_quoted():
    src = "<p>Before.</p><blockquote>Direct text<p>In a paragraph</p><ul><li>Listed</li></ul></blockquote><p>After.</p>"
    blocks = html_blocks(src)
    assert [(b.text, b.quoted) for b in blocks] == [
        ("Before.", False),
        ("Direct text", True),
        ("In a paragraph", True),
        ("Listed", True),
        ("After.", False),
    ]


def test_q_gives_quoted_ranges():
    src = '<p>He said <q>it <b>will</b> fall</q> and <q cite="x">soon</q>.</p>'
    [block] = html_blocks(src)
    assert [block.text[s:e] for s, e in block.quoted_ranges] == ["it    will     fall", "soon"]
    assert not block.quoted


def test_unclosed_q_ends_with_its_block():
    [block] = html_blocks("<p>He said <q>it will fall.</p>")
    [(s, e)] = block.quoted_ranges
    assert block.text[s:e] == "it will fall."


# ------------------------------------------------------------------ line endings
def test_crlf_file():
    src = "<html>\r\n<body>\r\n<p>The junta <b>will</b>\r\ncollapse\r\nsoon.</p>\r\n</body>\r\n</html>\r\n"
    [block] = html_blocks(src)
    assert block.text == "The junta    will      collapse  soon."
    assert block.position(block.text.index("will")) == (3, 17)
    assert block.position(block.text.index("collapse")) == (4, 1)
    assert block.position(block.text.index("soon")) == (5, 1)
    check_invariants(src, [block])


def test_long_block_is_cut_and_keeps_quoted_ranges(monkeypatch):
    monkeypatch.setattr(text_source, "MAX_BLOCK", 100)
    src = "<p>" + " ".join(f"Sentence <q>number {i}</q> ends here." for i in range(40)) + "</p>"
    blocks = html_blocks(src)
    assert len(blocks) > 5 and all(len(b.source) <= 100 for b in blocks)
    for b in blocks:
        assert all(b.text[s:e].startswith("number") for s, e in b.quoted_ranges)
    check_invariants(src, blocks)


def test_empty_documents():
    assert html_blocks("") == []
    assert html_blocks("<html><body>\n  <div> </div>\n</body></html>") == []


# ------------------------------------------------------------------ property
FRAGMENTS = [
    "a", "b", "will", " ", "\n", "\r\n", "\t", "<p>", "</p>", "<b>", "</b>", "<q>", "</q>", "<blockquote>",
    "</blockquote>", "<li>", "<div>", "</div>", "&amp;", "&#8220;", "&#x201d;", "&nbsp;", "&bogus;", "&amp",
    "&", ";", "<", ">", "<!--", "-->", "<script>", "</script>", "<code>", "</code>", "<br/>", '<a href="x">',
    "</a>", "<h1>", "</h1>", "<td>", "<pre>", "</pre>", "<head>", "<title>", "</title>", "</head>", "<body>",
    "\u00e9", "\u201c", "<![CDATA[x]]>", "<!DOCTYPE html>", "<?pi?>", "\0",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join))
def test_blocks_map_back_to_the_source(src):
    check_invariants(src, html_blocks(src))
