"""Word (.docx) reading and comment fixes: paragraphs in reading order, (paragraph, column) positions,
one-line errors, and comments that cover exactly the flagged text without changing it."""

from __future__ import annotations

import io
import os
import random
import stat
import zipfile
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from docx.opc.constants import CONTENT_TYPE as CT  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.opc.packuri import PackURI  # noqa: E402
from docx.opc.part import Part  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402

from linter.check import docx_fix  # noqa: E402
from linter.check.docx_fix import CommentsUnsupportedError, comment_fixes, comment_text  # noqa: E402
from linter.core.finding import Edit, Finding  # noqa: E402
from linter.sources.docx import read_docx  # noqa: E402
from linter.sources.text import SourceError  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INS = f'<w:ins {nsdecls("w")} w:id="901" w:author="Editor" w:date="2024-01-01T00:00:00Z">' '<w:r><w:t xml:space="preserve">will certainly </w:t></w:r></w:ins>'
DEL = f'<w:del {nsdecls("w")} w:id="902" w:author="Editor" w:date="2024-01-01T00:00:00Z">' '<w:r><w:delText xml:space="preserve"> Surely.</w:delText></w:r></w:del>'


# ------------------------------------------------------------------ builders
def build_sample(path: Path) -> Path:
    """Paragraphs, an empty paragraph, a bold run mid-sentence, a table (with a nested table), a header and footer."""
    d = docx.Document()
    d.add_paragraph("Intro paragraph.")  # 1
    d.add_paragraph("")  # 2 (empty: counted, no block)
    p = d.add_paragraph("The junta ")  # 3
    p.add_run("will collapse").bold = True
    p.add_run(" before the monsoon.")
    t = d.add_table(rows=2, cols=2)
    t.cell(0, 0).text = "Cell A1."  # 4
    t.cell(0, 1).text = "Cell B1."  # 5
    t.cell(1, 0).text = "Cell A2."  # 6
    t.cell(1, 1).text = "Cell B2."  # 7
    nested = t.cell(1, 1).add_table(rows=1, cols=1)
    nested.cell(0, 0).text = "Nested cell."  # 8, then the empty paragraph Word needs after a table: 9
    d.add_paragraph("After the table.")  # 10
    d.sections[0].header.paragraphs[0].text = "Header text."  # 11
    d.sections[0].footer.paragraphs[0].text = "Footer text."  # 12
    d.save(path)
    return path


SAMPLE = [
    (1, "Intro paragraph."),
    (3, "The junta will collapse before the monsoon."),
    (4, "Cell A1."),
    (5, "Cell B1."),
    (6, "Cell A2."),
    (7, "Cell B2."),
    (8, "Nested cell."),
    (10, "After the table."),
    (11, "Header text."),
    (12, "Footer text."),
]


def finding(line: int, column: int, end_column: int, text: str, rule: str = "HL101", message: str = "States a collapse as certain.", suggestions=()) -> Finding:
    return Finding("f.docx", line, column, line, end_column, rule, "forecast", "warning", message, text, suggestions=tuple(suggestions))


def paragraph_texts(path: Path) -> list[str]:
    return list(read_docx(path, "f.docx").lines())


def body_paragraph_elements(path: Path):
    d = docx.Document(str(path))
    return list(d.element.body.iter(qn("w:p")))


def _in_deletion(el) -> bool:
    anc = el.getparent()
    while anc is not None:
        if anc.tag in (W + "del", W + "moveFrom"):
            return True
        anc = anc.getparent()
    return False


def commented(path: Path) -> dict[str, list[str]]:
    """Comment text -> the document text between its range markers (one entry per comment)."""
    d = docx.Document(str(path))
    texts = {c.comment_id: c.text for c in d.comments}
    covered: dict[int, list[str]] = {}
    open_ids: set[int] = set()
    for el in d.element.body.iter():
        if el.tag == W + "commentRangeStart":
            open_ids.add(int(el.get(W + "id")))
            covered.setdefault(int(el.get(W + "id")), [])
        elif el.tag == W + "commentRangeEnd":
            open_ids.discard(int(el.get(W + "id")))
        elif el.tag == W + "t" and not _in_deletion(el):
            for cid in open_ids:
                covered[cid].append(el.text or "")
    out: dict[str, list[str]] = {}
    for cid, parts in covered.items():
        out.setdefault(texts[cid], []).append("".join(parts))
    return out


def char_formats(path: Path) -> list[list[tuple[str, object, object]]]:
    """For every body paragraph, each character with its run's bold and italic."""
    from docx.text.run import Run

    out = []
    for p in body_paragraph_elements(path):
        chars = []
        for r in p.iter(qn("w:r")):
            if _in_deletion(r):
                continue
            run = Run(r, None)
            chars.extend((ch, run.bold, run.italic) for ch in run.text)
        out.append(chars)
    return out


# ------------------------------------------------------------------ reading
def test_blocks_in_reading_order_with_paragraph_positions(tmp_path):
    path = build_sample(tmp_path / "sample.docx")
    doc = read_docx(path, "sample.docx")
    assert doc.kind == "docx" and doc.text is None and doc.path == "sample.docx"
    assert doc.source_path == path and doc.digest and doc.block_reader is not None
    blocks = list(doc.blocks())
    assert [(b.line, b.source) for b in blocks] == SAMPLE
    assert all(b.column == 1 for b in blocks)
    # start is an offset into the paragraphs joined with newlines: line N is paragraph N
    lines = list(doc.lines())
    joined = "\n".join(lines)
    for b in blocks:
        assert joined[b.start : b.start + len(b.source)] == b.source
        assert lines[b.line - 1] == b.source
        assert b.text == b.source and "\n" not in b.source
    # (paragraph, column) of a character: "will collapse" is in paragraph 3, columns 11..24
    b3 = blocks[1]
    k = b3.source.index("will collapse")
    assert b3.position(k) == (3, 11)
    assert b3.position(k + len("will collapse")) == (3, 24)
    assert list(doc.blocks()) == blocks  # the reader can be called again


def test_table_between_paragraphs_comes_between_them(tmp_path):
    d = docx.Document()
    d.add_paragraph("Before.")
    d.add_table(rows=1, cols=2).cell(0, 1).text = "Inside."
    d.add_paragraph("After.")
    d.save(tmp_path / "t.docx")
    blocks = list(read_docx(tmp_path / "t.docx", "t.docx").blocks())
    # the empty first cell is paragraph 2
    assert [(b.line, b.source) for b in blocks] == [(1, "Before."), (3, "Inside."), (4, "After.")]


def test_tracked_insertion_is_read_and_deletion_is_not(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Prices ")
    p._p.append(parse_xml(INS))
    p.add_run("rise.")
    p._p.append(parse_xml(DEL))
    d.save(tmp_path / "ins.docx")
    reopened = docx.Document(str(tmp_path / "ins.docx"))
    # python-docx itself does not see the tracked insertion ...
    assert reopened.paragraphs[0].text == "Prices rise."
    # ... hedgelint reads the text as it is once the changes are accepted
    blocks = list(read_docx(tmp_path / "ins.docx", "ins.docx").blocks())
    assert [(b.line, b.column, b.source) for b in blocks] == [(1, 1, "Prices will certainly rise.")]


def test_soft_line_break_becomes_a_space_and_tab_is_kept_in_source(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("First line")
    p.add_run().add_break()
    p.add_run("second line.\tTabbed.")
    d.save(tmp_path / "br.docx")
    (b,) = read_docx(tmp_path / "br.docx", "br.docx").blocks()
    assert b.source == "First line second line.\tTabbed."
    assert b.text == "First line second line. Tabbed."
    assert b.position(len("First line second")) == (1, 18)


def test_content_controls_hyperlinks_and_text_boxes(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("See ")
    p._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")} w:anchor="x"><w:r><w:t>the link</w:t></w:r></w:hyperlink>'))
    p._p.append(parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:r><w:t xml:space="preserve"> and a control</w:t></w:r></w:sdtContent></w:sdt>'))
    p._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
            "<w:p><w:r><w:t>Boxed text.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        )
    )
    p.add_run(".")
    block_sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>In a block control.</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    p._p.addnext(block_sdt)
    d.add_paragraph("Last.")
    d.save(tmp_path / "cc.docx")
    blocks = list(read_docx(tmp_path / "cc.docx", "cc.docx").blocks())
    # the text box is neither text of the paragraph nor a paragraph of its own
    assert [(b.line, b.source) for b in blocks] == [(1, "See the link and a control."), (2, "In a block control."), (3, "Last.")]


def test_linked_headers_once_and_footnotes_last(tmp_path):
    d = docx.Document()
    d.add_paragraph("Body one.")
    d.sections[0].header.paragraphs[0].text = "First header."
    s2 = d.add_section()
    assert s2.header.is_linked_to_previous  # same header: read once
    d.add_paragraph("Body two.")
    s3 = d.add_section()
    s3.header.is_linked_to_previous = False
    s3.header.paragraphs[0].text = "Third header."
    notes = (
        f'<w:footnotes {nsdecls("w")}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
        '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>'
        '<w:footnote w:id="1"><w:p><w:r><w:t>A footnote.</w:t></w:r></w:p></w:footnote>'
        "</w:footnotes>"
    )
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, notes.encode(), d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(tmp_path / "hf.docx")
    doc = read_docx(tmp_path / "hf.docx", "hf.docx")
    texts = [b.source for b in doc.blocks()]
    assert texts == ["Body one.", "Body two.", "First header.", "Third header.", "A footnote."]
    lines = list(doc.lines())
    for b in doc.blocks():
        assert lines[b.line - 1] == b.source


def test_long_paragraph_is_cut_with_exact_columns(tmp_path):
    from linter.sources.text import MAX_BLOCK

    sentence = "The junta will collapse before the monsoon. "
    text = sentence * (MAX_BLOCK // len(sentence) + 50)
    d = docx.Document()
    d.add_paragraph("Short.")
    d.add_paragraph(text)
    d.save(tmp_path / "long.docx")
    blocks = list(read_docx(tmp_path / "long.docx", "long.docx").blocks())
    assert len(blocks) > 2 and all(len(b.source) <= MAX_BLOCK for b in blocks)
    rest = blocks[1:]
    assert all(b.line == 2 for b in rest)
    assert "".join(b.source for b in rest) == text
    for b in rest:
        assert text[b.column - 1 : b.column - 1 + len(b.source)] == b.source


# ------------------------------------------------------------------ errors
def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    d = docx.Document()
    d.add_paragraph("Hello.")
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, change(info.filename, zin.read(info.filename)))
    return out.getvalue()


def _ole(name: str) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + name.encode("utf-16-le") + bytes(1024)


BAD_FILES = {
    "random.docx": (lambda: random.Random(7).randbytes(4096), "not a zip archive"),
    "empty.docx": (lambda: b"", "empty file"),
    "renamed.docx": (lambda: "The junta will collapse.\nA plain text file.\n".encode(), "plain text"),
    "truncated.docx": (lambda: _docx_bytes()[:3000], "damaged zip archive"),
    "badxml.docx": (lambda: _rezip(_docx_bytes(), lambda n, b: b"<w:document><oops" if n == "word/document.xml" else b), "invalid XML"),
    "nocontenttypes.docx": (lambda: _zip_without_types(), "no [Content_Types].xml"),
    "macro.docx": (lambda: _rezip(_docx_bytes(), _as_docm), ".docm"),
    "encrypted.docx": (lambda: _ole("EncryptionInfo"), "password-protected"),
    "legacy.docx": (lambda: _ole("WordDocument"), ".doc file"),
}


def _zip_without_types() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("hello.txt", "hello")
    return out.getvalue()


def _as_docm(name: str, data: bytes) -> bytes:
    if name == "[Content_Types].xml":
        return data.replace(
            b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            b"application/vnd.ms-word.document.macroEnabled.main+xml",
        )
    return data


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_give_one_line_source_errors(tmp_path, name):
    make, expected = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(SourceError) as info:
        read_docx(path, f"dir/{name}")
    err = info.value
    assert err.path == f"dir/{name}"
    assert err.message and "\n" not in err.message and "\n" not in str(err)
    assert expected in err.message, err.message


def test_corrupt_member_gives_a_source_error(tmp_path):
    data = bytearray(_docx_bytes())
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        info = z.getinfo("word/document.xml")
    # flip bytes inside the compressed document.xml (after its 30-byte local header and name)
    at = info.header_offset + 30 + len(info.filename) + len(info.extra) + 5
    for i in range(at, at + 20):
        data[i] ^= 0xFF
    path = tmp_path / "corrupt.docx"
    path.write_bytes(bytes(data))
    with pytest.raises(SourceError) as info_err:
        read_docx(path, "corrupt.docx")
    assert "\n" not in info_err.value.message
    assert "damaged" in info_err.value.message


def test_damaged_footnotes_part_is_a_source_error(tmp_path):
    d = docx.Document()
    d.add_paragraph("Body.")
    part = Part(PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, b"<w:footnotes><broken", d.part.package)
    d.part.relate_to(part, RT.FOOTNOTES)
    d.save(tmp_path / "fn.docx")
    with pytest.raises(SourceError, match="invalid XML") as info:
        read_docx(tmp_path / "fn.docx", "fn.docx")
    assert "\n" not in info.value.message
    with pytest.raises(SourceError, match="invalid XML"):
        comment_fixes(tmp_path / "fn.docx", [finding(1, 1, 5, "Body")])


def test_missing_file_and_directory(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        read_docx(tmp_path / "missing.docx", "missing.docx")
    (tmp_path / "dir.docx").mkdir()
    with pytest.raises(SourceError, match="is a directory"):
        read_docx(tmp_path / "dir.docx", "dir.docx")


# ------------------------------------------------------------------ comments
def test_comment_covers_exactly_the_flagged_text_inside_a_bold_run(tmp_path):
    path = build_sample(tmp_path / "c.docx")
    before_texts = paragraph_texts(path)
    before_formats = char_formats(path)
    before_xml_paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    # "collapse" is the second half of the bold run "will collapse"; "junta will" spans a plain and the bold run
    f1 = finding(3, 16, 24, "collapse", suggestions=[Edit("fall", 3, 16, 3, 24, True)])
    f2 = finding(3, 5, 15, "junta will", rule="HL999", message="Another rule.")
    f3 = finding(8, 1, 7, "Nested")  # in a nested table cell
    assert comment_fixes(path, [f1, f2, f3]) == 3
    assert paragraph_texts(path) == before_texts
    assert [p.text for p in docx.Document(str(path)).paragraphs] == before_xml_paragraphs
    assert char_formats(path) == before_formats  # same characters, same bold/italic
    assert commented(path) == {
        "HL101: States a collapse as certain. Suggestion: fall": ["collapse"],
        "HL999: Another rule.": ["junta will"],
        "HL101: States a collapse as certain.": ["Nested"],
    }
    d = docx.Document(str(path))
    assert {c.author for c in d.comments} == {"hedgelint"}
    # the bold run "will collapse" was cut after "will" and before "collapse"; every piece stays bold
    runs = [(r.text, r.bold) for r in d.paragraphs[2].runs if r.text]
    assert runs == [("The ", None), ("junta ", None), ("will", True), (" ", True), ("collapse", True), (" before the monsoon.", None)]
    # the document still reads the same way
    assert [(b.line, b.source) for b in read_docx(path, "c.docx").blocks()] == SAMPLE


def test_comment_inside_a_tracked_insertion_and_across_a_tab(tmp_path):
    d = docx.Document()
    p = d.add_paragraph("Prices ")
    p._p.append(parse_xml(INS))
    p.add_run("rise.")
    p._p.append(parse_xml(DEL))
    d.add_paragraph("Note:\tthe junta will collapse.")
    path = tmp_path / "ins.docx"
    d.save(path)
    before = paragraph_texts(path)
    assert before == ["Prices will certainly rise.", "Note:\tthe junta will collapse."]
    n = comment_fixes(path, [finding(1, 13, 22, "certainly", rule="HL301", message="Certainty."), finding(2, 11, 16, "junta", rule="HL302", message="Junta.")])
    assert n == 2
    assert paragraph_texts(path) == before
    assert commented(path) == {"HL301: Certainty.": ["certainly"], "HL302: Junta.": ["junta"]}
    # the split run stays inside the tracked insertion
    ins = next(docx.Document(str(path)).element.body.iter(W + "ins"))
    assert "".join(t.text for t in ins.iter(W + "t")) == "will certainly "


def test_comment_text_formats():
    f = finding(2, 11, 24, "will collapse", message="States a collapse as certain.")
    assert comment_text(f) == "HL101: States a collapse as certain."
    same = finding(2, 11, 24, "will collapse", suggestions=[Edit("could collapse", 2, 11, 2, 24, True)])
    assert comment_text(same, "The junta will collapse soon.") == "HL101: States a collapse as certain. Suggestion: could collapse"
    other = finding(2, 11, 24, "will collapse", suggestions=[Edit("could", 2, 11, 2, 15, True)])
    assert comment_text(other, "The junta will collapse soon.") == 'HL101: States a collapse as certain. Suggestion: could (replacing "will")'
    insert = finding(2, 5, 24, "junta will collapse", suggestions=[Edit(" reportedly", 2, 15, 2, 15, True)])
    assert comment_text(insert, "The junta will collapse soon.") == 'HL101: States a collapse as certain. Suggestion: reportedly (insert before "collapse")'
    delete = finding(2, 11, 24, "will collapse", suggestions=[Edit("", 2, 11, 2, 24, True)])
    assert comment_text(delete, "The junta will collapse soon.") == "HL101: States a collapse as certain. Suggestion: (delete)"


def test_fixing_twice_adds_no_duplicate_and_keeps_mode(tmp_path):
    path = build_sample(tmp_path / "m.docx")
    os.chmod(path, 0o640)
    f = finding(3, 11, 24, "will collapse")
    assert comment_fixes(path, [f]) == 1
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o640
    data = path.read_bytes()
    assert comment_fixes(path, [f]) == 0
    assert path.read_bytes() == data  # nothing added, nothing written
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.docx"]  # no temporary file left


def test_findings_outside_the_body_or_stale_are_skipped(tmp_path):
    path = build_sample(tmp_path / "s.docx")
    data = path.read_bytes()
    header = finding(11, 1, 7, "Header")
    stale = finding(3, 11, 24, "will explode")  # the paragraph no longer says this
    missing = finding(99, 1, 2, "x")
    outside = finding(1, 10, 99, "paragraph.")
    result = docx_fix.add_comments(path, [header, stale, missing, outside])
    assert result.added == 0 and len(result.skipped) == 4
    assert all("\n" not in why for _, why in result.skipped)
    assert path.read_bytes() == data


def test_comments_unsupported_raises_a_clear_error(tmp_path, monkeypatch):
    path = build_sample(tmp_path / "u.docx")
    data = path.read_bytes()
    monkeypatch.setattr(docx_fix, "comments_supported", lambda: False)
    with pytest.raises(CommentsUnsupportedError, match="python-docx"):
        comment_fixes(path, [finding(3, 11, 24, "will collapse")])
    assert path.read_bytes() == data


def test_installed_python_docx_has_add_comment():
    from docx.document import Document

    assert callable(getattr(Document, "add_comment", None))
    assert docx_fix.comments_supported()


def test_comment_fixes_on_a_bad_file_raise_source_error(tmp_path):
    path = tmp_path / "bad.docx"
    path.write_bytes(b"not a docx")
    with pytest.raises(SourceError):
        comment_fixes(path, [finding(1, 1, 2, "n")])


def test_engine_findings_become_comments(tmp_path, engine):
    """End to end: read, check with the engine, comment; every comment covers its finding's text."""
    d = docx.Document()
    d.add_paragraph("Queues outside the state bank now start before dawn.")
    p = d.add_paragraph("The junta ")
    p.add_run("will collapse").italic = True
    p.add_run(" before the monsoon, and nobody in the capital is ready for what comes after.")
    d.add_table(rows=1, cols=1).cell(0, 0).text = "His absence from the parade is a sure sign that the generals no longer trust each other."
    d.sections[0].header.paragraphs[0].text = "The junta will collapse before the monsoon."
    path = tmp_path / "draft.docx"
    d.save(path)
    doc = read_docx(path, "draft.docx")
    findings = next(engine.check_documents([doc])).findings
    if not findings:
        pytest.skip("the rule packs flag nothing in this text")
    lines = list(doc.lines())
    for f in findings:
        assert lines[f.line - 1][f.column - 1 : f.end_column - 1] == f.text
    body = [f for f in findings if f.line <= 3]
    before = paragraph_texts(path)
    formats = char_formats(path)
    assert comment_fixes(path, findings) == len(body)
    assert paragraph_texts(path) == before
    assert char_formats(path) == formats
    covered = commented(path)
    assert sorted(t for texts in covered.values() for t in texts) == sorted(f.text for f in body)
