"""Python counts characters in code points; browsers, Java and LanguageTool's
clients count UTF-16 code units. An emoji or any other character outside the
Basic Multilingual Plane is one of the first and two of the second, so every
offset that leaves this server is converted here."""

from __future__ import annotations

from bisect import bisect_right


class Utf16Offsets:
    """Code-point offsets of one text as UTF-16 offsets, and back."""

    def __init__(self, text: str):
        # positions (code points) of the astral characters: each adds one unit
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
        self._astral16 = [i + n for n, i in enumerate(self._astral)]

    def to16(self, offset: int) -> int:
        return offset + bisect_right(self._astral, offset - 1)

    def from16(self, offset: int) -> int:
        # an offset inside a surrogate pair is taken as the character's start
        return offset - bisect_right(self._astral16, offset - 1)


def utf16_len(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
