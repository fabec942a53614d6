"""From a suggestion on the analysed text to an edit of the source, and whether it is still safe.

The suggester works on a block's analysed text: line breaks are spaces there,
markup and entities are blanked. This module maps an edit back onto the
source so that --fix keeps what the writer wrote around it, and it is the one
place that decides the last part of "safe": an edit that only lowers the
confidence of a claim is safe only if it also keeps the source's wrapping,
markup and punctuation. Otherwise it is still offered, but as unsafe, so that
--fix leaves it alone and a writer decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BREAK = re.compile(r"[ \t]*(?:\r\n|\n|\r|\u2028|\u2029)[ \t]*")
_QUOTES = "\"\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"
_BRACKETS = "()[]{}"
_DASHES = "\u2014\u2013"


@dataclass(frozen=True)
class SourceEdit:
    start: int  # block-relative
    end: int
    replacement: str
    safe: bool
    why_unsafe: str = ""


def to_source(source: str, text: str, start: int, end: int, replacement: str, safe: bool) -> SourceEdit:
    """Map an edit of `text` (the analysed block) onto `source` (the block as written)."""
    start, end, replacement = _narrow(source, start, end, replacement)
    end, replacement, broke = _keep_breaks(source, start, end, replacement)
    start, end, replacement = _trim_common_words(source, start, end, replacement)
    if not safe:
        return SourceEdit(start, end, replacement, False)
    why = broke or _markup_inside(source, text, start, end) or _damage(text, start, end, replacement, source)
    return SourceEdit(start, end, replacement, not why, why)


def _narrow(source: str, start: int, end: int, text: str) -> tuple[int, int, str]:
    """Keep whitespace that both sides share out of the edit, at either end.

    A space in the replacement where the source has a line break counts as
    shared, so "will⏎not" -> "may not" edits only "will" -> "may"."""
    while start < end and text and source[start].isspace() and text[0].isspace():
        start, text = start + 1, text[1:]
    while start < end and text and source[end - 1].isspace() and text[-1].isspace():
        end, text = end - 1, text[:-1]
    return start, end, text


def _trim_common_words(source: str, start: int, end: int, text: str) -> tuple[int, int, str]:
    """Leave whole words that the edit does not change out of it ("will⏎not" -> "may⏎not" edits "will")."""
    old = source[start:end]
    while True:
        m = re.search(r"(\s+)(\S+)$", old)
        if not m or not text.endswith(m.group(0)) or len(text) == len(m.group(0)):
            break
        old, text, end = old[: m.start()], text[: -len(m.group(0))], end - len(m.group(0))
    while True:
        m = re.match(r"(\S+)(\s+)", old)
        if not m or not text.startswith(m.group(0)) or len(text) == len(m.group(0)):
            break
        old, text, start = old[m.end():], text[m.end():], start + m.end()
    return start, end, text


def _keep_breaks(source: str, start: int, end: int, text: str) -> tuple[int, str, str]:
    """Put the source's line breaks inside the edit back into the replacement.

    Each break goes to the gap between words at the same relative place, so a
    hard-wrapped paragraph keeps its lines. Returns the replacement and, when
    a break cannot be kept, why the edit is no longer safe (with the end,
    which can take in the space after the edit to hold a break)."""
    old = source[start:end]
    breaks = list(_BREAK.finditer(old))
    if not breaks:
        return end, text, ""
    if not text:
        # a deletion across a break: keep one break unless a whole line went
        before = source[:start]
        after = source[end:]
        line_start = before == "" or before[-1] in "\r\n\u2028\u2029"
        line_end = after == "" or after[:1] in "\r\n\u2028\u2029"
        if line_start or line_end:
            return end, "", ""
        return end, breaks[0].group(0).strip(" \t"), ""
    gaps = list(re.finditer(r" +", text))
    if len(gaps) < len(breaks):
        if len(breaks) == 1 and end < len(source) and source[end] == " ":
            # "is a sure⏎sign that" -> "suggests⏎that": the break moves to the
            # space after the edit, which the edit takes over
            return end + 1, text + breaks[0].group(0).strip(" \t"), ""
        return end, text, "the edit would join hard-wrapped lines"
    # each break, in order, takes the nearest free gap after the previous one
    chosen: list[tuple[re.Match, re.Match]] = []
    last = -1
    for n, br in enumerate(breaks):
        where = (br.start() + br.end()) / 2 / len(old) * len(text)
        free = range(last + 1, len(gaps) - (len(breaks) - n - 1))
        k = min(free, key=lambda i: abs((gaps[i].start() + gaps[i].end()) / 2 - where))
        chosen.append((gaps[k], br))
        last = k
    out = text
    for gap, br in reversed(chosen):
        out = out[: gap.start()] + br.group(0).strip(" \t") + out[gap.end():]
    return end, out, ""


def _markup_inside(source: str, text: str, start: int, end: int) -> str:
    """Markup or an entity inside the range would be overwritten by the edit."""
    for k in range(start, end):
        s, t = source[k], text[k]
        if s != t and not (t == " " and s in "\r\n\u2028\u2029"):
            return "the edit would overwrite markup"
    return ""


def _outside_quotes(s: str) -> str:
    """Quote marks that are not apostrophes inside a word."""
    out = []
    for k, ch in enumerate(s):
        if ch in _QUOTES:
            if ch in "\u2019'" and 0 < k < len(s) - 1 and s[k - 1].isalpha() and s[k + 1].isalpha():
                continue
            out.append(ch)
    return "".join(sorted(out))


def _damage(text: str, start: int, end: int, replacement: str, source: str) -> str:
    """Why the edited sentence would read worse than before (punctuation, quotes, spacing), or ''."""
    old = source[start:end]
    flat = replacement.replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    if _outside_quotes(old) != _outside_quotes(flat):
        return "the edit would unbalance quotation marks"
    if sorted(c for c in old if c in _BRACKETS) != sorted(c for c in flat if c in _BRACKETS):
        return "the edit would unbalance brackets"
    lo = max(0, start - 4)
    before = text[lo:start]
    after = text[end: end + 4]
    was = text[lo: end + 4]
    now = before + flat + after
    for pattern, why in (
        (r"\s[.,;:!?](?!\w)", "the edit would leave a space before punctuation"),
        (rf"[{_DASHES}]\s*[{_DASHES}]", "the edit would leave two dashes together"),
        (rf"[\u201c\u2018\u00ab\u201e\"]\s*[{_DASHES},.;:]", "the edit would leave a quotation opening on punctuation"),
        (r"[,;:]\s*[.,;:]", "the edit would leave punctuation doubled"),
        (r"\S  +\S", "the edit would leave a double space"),
    ):
        if re.search(pattern, now) and not re.search(pattern, was):
            return why
    # "reportedly reportedly": the word the edit adds is already there (the
    # parse missed it, e.g. beside an odd character), so each --fix would add
    # it again; never safe
    lo = max(0, start - 40)
    was = text[lo: end + 40]
    now = text[lo:start] + flat + text[end: end + 40]
    if _doubled(now) > _doubled(was):
        return "the edit would leave a word doubled"
    return ""


_DOUBLED = re.compile(r"\b([^\W\d_]{2,})\W+\1\b", re.IGNORECASE)


def _doubled(s: str) -> int:
    return len(_DOUBLED.findall(s))
