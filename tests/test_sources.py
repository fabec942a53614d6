"""Reading input: paragraphs, hard wraps, exact line:column, encodings, bad files."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.sources import SourceError, open_document, text_document
from linter.sources import text as text_source
from linter.sources.text import blocks_from_lines


def _position_by_counting(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab c.\n\r\t\u00e9\u201c")), max_size=300))
def test_every_block_character_maps_to_its_source_position(text):
    doc = text_document(text)
    for block in doc.blocks():
        assert text[block.start: block.start + len(block.source)] == block.source
        assert len(block.text) == len(block.source)
        for rel in range(len(block.source)):
            assert block.position(rel) == _position_by_counting(text, block.start + rel)


def test_hard_wrap_is_one_sentence_and_offsets_survive():
    src = "First line of a\nparagraph that wraps\r\nacross lines.\n\nNext paragraph."
    blocks = list(text_document(src).blocks())
    assert len(blocks) == 2
    first = blocks[0]
    assert "\n" not in first.text and "\r" not in first.text
    assert first.text.replace(" ", "") == first.source.replace("\n", "").replace("\r", "").replace(" ", "")
    assert blocks[1].line == 5 and blocks[1].column == 1


def test_headings_are_their_own_block():
    blocks = list(text_document("# The regime will fall\nBody text goes here.\n").blocks())
    assert [b.source for b in blocks] == ["# The regime will fall", "Body text goes here."]


def test_long_paragraph_is_cut_at_sentence_ends(monkeypatch):
    monkeypatch.setattr(text_source, "MAX_BLOCK", 100)
    para = " ".join(f"Sentence number {i} ends here." for i in range(40))
    blocks = list(blocks_from_lines([para]))
    assert len(blocks) > 5
    assert all(len(b.source) <= 100 for b in blocks)
    assert "".join(b.source for b in blocks) == para
    assert all(b.source.rstrip().endswith(".") for b in blocks[:-1])


def test_utf8_bom_and_utf16(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 + "The junta will fall.".encode())
    doc = open_document(p)
    assert doc.text == "The junta will fall." and doc.bom
    q = tmp_path / "u16.txt"
    q.write_bytes("The junta will fall.".encode("utf-16"))
    assert open_document(q).text == "The junta will fall."


@pytest.mark.parametrize(
    "data,needle",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        (b"caf\xe9 au lait", "invalid UTF-8 at byte 3"),
    ],
)
def test_bad_bytes_give_one_line_errors(tmp_path, data, needle):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(SourceError) as err:
        open_document(p)
    assert needle in err.value.message and "\n" not in err.value.message


def test_missing_and_directory(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        open_document(tmp_path / "nope.md")
    with pytest.raises(SourceError, match="directory"):
        open_document(tmp_path)


def test_empty_file_is_clean(tmp_path):
    p = tmp_path / "empty.md"
    p.write_text("")
    assert list(open_document(p).blocks()) == []


def test_large_file_streams_and_reports_bad_bytes_late(tmp_path, monkeypatch):
    monkeypatch.setattr(text_source, "LARGE_FILE", 1000)
    p = tmp_path / "big.txt"
    good = ("Plain paragraph about the weather.\n\n" * 100).encode()
    p.write_bytes(good + b"bad \xff byte\n")
    doc = open_document(p)
    assert doc.text is None  # streamed, never held whole
    with pytest.raises(SourceError, match=f"invalid UTF-8 at byte {len(good) + 4}"):
        for _ in doc.blocks():
            pass
