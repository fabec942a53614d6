"""Small helpers the machine-readable formats share.

Archive text is untrusted: a finding's text, a path or an error message may
hold control characters, lone surrogates (from undecodable file names) or
markup. Each format escapes for its own syntax; these helpers only make
strings representable at all.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}

_SURROGATES = re.compile("[\ud800-\udfff]")


def no_surrogates(text: str) -> str:
    """Replace lone surrogates, which no UTF-8 stream can encode, with U+FFFD."""
    return _SURROGATES.sub("\ufffd", text)


def scrub(value):
    """`no_surrogates` applied to every string in a JSON-like tree."""
    if isinstance(value, str):
        return no_surrogates(value)
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [scrub(v) for v in value]
    return value


def path_uri(path: str) -> str:
    """A URI reference for a path as the user gave it.

    Relative paths stay relative (forward slashes, percent-escaped, so that
    "a b#1.md" is "a%20b%231.md" and a colon cannot read as a scheme);
    absolute paths become file: URIs.
    """
    path = no_surrogates(path)
    if PureWindowsPath(path).drive and PureWindowsPath(path).is_absolute():
        return PureWindowsPath(path).as_uri()
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix, safe="/")
    return quote(posix, safe="/")


def describe_fixed(fixed: int, on_recheck: int = 0) -> str:
    """"fixed 2 findings (1 of them on a re-check ...)": exactly the edits applied.

    A re-check after the first fixes can report a claim the first pass did
    not (an edit uncovers a second booster); saying so keeps the count
    honest next to the number of findings the writer saw."""
    text = f"fixed {fixed} finding{'s' if fixed != 1 else ''}"
    if on_recheck:
        text += f" ({on_recheck} of them on a re-check after the first fixes)"
    return text
