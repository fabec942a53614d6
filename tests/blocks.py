"""Invariants every reader's blocks keep: exact source slices, one line of
analysis text per block, and positions that point back into the source."""

from __future__ import annotations

import html


def _by_counting(doc: str, offset: int) -> tuple[int, int]:
    before = doc[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _from_entity(source: str, i: int, ch: str) -> bool:
    """Whether text[i] == ch can come from an entity that starts at or before i."""
    for j in range(i, max(-1, i - 40), -1):
        if source[j] != "&":
            continue
        for k in range(i + 1, min(len(source), j + 40) + 1):
            raw = source[j:k]
            dec = html.unescape(raw)
            if dec != raw and len(dec) > i - j and dec[i - j] == ch:
                return True
    return False


def check_invariants(doc: str, blocks) -> None:
    for b in blocks:
        assert len(b.text) == len(b.source)
        assert doc[b.start : b.start + len(b.source)] == b.source
        assert "\n" not in b.text and "\r" not in b.text
        assert b.text.strip(), "a block with no prose"
        assert (b.line, b.column) == _by_counting(doc, b.start)
        for i, ch in enumerate(b.text):
            if not ch.isspace() and ch != b.source[i]:
                assert _from_entity(b.source, i, ch), (b.source, b.text, i)
        for i in range(len(b.source)):
            assert b.position(i) == _by_counting(doc, b.start + i)
        for s, e in b.quoted_ranges:
            assert 0 <= s < e <= len(b.source)
