"""Real documents end to end: Markdown, HTML and Word drafts yield exactly the
right findings at exact positions (issue 4's acceptance case)."""

from __future__ import annotations

import json

import docx

MARKDOWN = """\
---
title: "The junta will collapse, says nobody"
tags: [myanmar]
---

# Dispatch from the border

```python
# a code sample that mentions it: the junta will collapse
print("will collapse")
```

Officials still refer to the `will collapse` scenario in their slides.

> "The junta will collapse before the monsoon," the exiled minister said.

Food prices in the border towns have doubled since spring, and traders
say the police no longer collect bribes. The junta **will**
collapse before the monsoon, and nobody in the capital is ready.

<!-- hedgelint-disable-next-line unverified -->
Two generals were secretly executed last month.

Two colonels have fled to Laos.
"""

HTML = """\
<!doctype html>
<html><head><title>The junta will collapse</title>
<script>var s = "the junta will collapse";</script></head>
<body><article>
<h1>Dispatch</h1>
<p>Officials still refer to the <code>will collapse</code> scenario.</p>
<blockquote><p>The junta will collapse before the monsoon, the exiled minister said.</p></blockquote>
<p>Food prices have doubled &amp; traders say the police no longer collect bribes.
The junta <b>will</b> collapse before the monsoon.</p>
<!-- hedgelint-disable-next-line HL201 -->
<p>Two generals were secretly executed last month.</p>
<p>He called it <q>the end of the regime: the junta will collapse</q>, and left.</p>
</article></body></html>
"""


def _check(cli, path):
    r = cli(["check", "-f", "json", str(path)])
    return [(f["rule"], f["line"], f["column"], f["text"]) for f in json.loads(r.stdout)["findings"]], r


def _at(text, line, col):
    return text.split("\n")[line - 1][col - 1:]


def _line_of(text, needle):
    return next(n for n, line in enumerate(text.split("\n"), 1) if needle in line)


def test_markdown_article(tmp_path, cli):
    p = tmp_path / "dispatch.md"
    p.write_text(MARKDOWN)
    found, _ = _check(cli, p)
    assert [(r, line) for r, line, _, _ in found] == [("HL101", _line_of(MARKDOWN, "junta **will**")), ("HL203", _line_of(MARKDOWN, "have fled"))]
    rule, line, col, text = found[0]
    assert _at(MARKDOWN, line, col).startswith("will**") and text.startswith("will")
    assert _at(MARKDOWN, found[1][1], found[1][2]).startswith("have fled")


def test_markdown_block_quotes_can_be_checked(tmp_path, cli):
    p = tmp_path / "dispatch.md"
    p.write_text(MARKDOWN)
    (tmp_path / ".hedgelint.yaml").write_text("quotes: checked\n")
    found, _ = _check(cli, p)
    # the quotation marks inside the block quote still mark it as quoted speech
    assert [r for r, *_ in found] == ["HL101", "HL203"]


def test_html_export(tmp_path, cli):
    p = tmp_path / "dispatch.html"
    p.write_text(HTML)
    found, _ = _check(cli, p)
    assert [(r, line) for r, line, _, _ in found] == [("HL101", _line_of(HTML, "<b>will</b>"))]
    _, line, col, _ = found[0]
    assert _at(HTML, line, col).startswith("will</b>")


def test_word_document(tmp_path, cli):
    d = docx.Document()
    d.add_heading("Dispatch", level=1)
    d.add_paragraph("Officials still refer to the collapse scenario in their slides.")
    para = d.add_paragraph("Food prices have doubled. The junta ")
    para.add_run("will").bold = True
    para.add_run(" collapse before the monsoon.")
    d.add_paragraph("Diplomats wonder whether the junta will survive the winter.")
    d.add_paragraph("Two colonels have fled to Laos.")
    p = tmp_path / "dispatch.docx"
    d.save(p)
    found, r = _check(cli, p)
    assert [(rule, line) for rule, line, _, _ in found] == [("HL101", 3), ("HL203", 5)]
    assert found[0][2] == len("Food prices have doubled. The junta ") + 1
    # --fix adds Word comments; the text is untouched
    before = [x.text for x in docx.Document(p).paragraphs]
    fixed = cli(["check", "--fix", str(p)])
    assert fixed.exit_code in (0, 1)
    after = docx.Document(p)
    assert [x.text for x in after.paragraphs] == before
    comments = list(after.comments)
    assert len(comments) == 2 and "HL101" in comments[0].text
