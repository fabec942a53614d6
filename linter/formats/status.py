"""`hedgelint analyze` output: every sentence with its status and cues (text or JSON).

Formatters only serialise the StatusResults the engine made. Draft text is
untrusted: the text format strips control characters before colouring, and
JSON escapes by construction.
"""

from __future__ import annotations

import json

from linter.core.status import effect
from linter.formats.text import _clean, use_colour

JSON_VERSION = 1

_RESET = "\033[0m"
# one colour per cue type; the status label in bold
_CUE_COLOURS = {
    "modal": "\033[33m", "hedge_adverb": "\033[33m", "hedge_verb": "\033[33m",
    "attribution": "\033[36m", "quotation": "\033[36m",
    "conditional": "\033[35m", "question": "\033[35m",
    "negation": "\033[34m", "booster": "\033[31m",
}
_STATUS_COLOURS = {"asserted": "\033[1m", "hedged": "\033[1;33m", "attributed": "\033[1;36m", "conditional": "\033[1;35m", "question": "\033[1;35m"}


def _range(block, start_char: int, end_char: int) -> dict:
    line, col = block.position(start_char)
    end_line, end_col = block.position(end_char)
    return {"line": line, "column": col, "end_line": end_line, "end_column": end_col}


def _source(block, a: int, b: int) -> str:
    """The source text of doc characters a..b (readers keep the two aligned)."""
    return block.source[a:b]


def _trimmed(sent) -> tuple[int, int]:
    a, b = sent.start_char, sent.end_char
    text = sent.doc.text
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def cue_dict(block, cue) -> dict:
    return {"text": _source(block, cue.start_char, cue.end_char), "type": cue.type, "effect": effect(cue), **_range(block, cue.start_char, cue.end_char)}


def sentence_dict(block, s) -> dict:
    a, b = _trimmed(s.span)
    out = {
        **_range(block, a, b),
        "text": " ".join(_source(block, a, b).split()),
        "status": s.status,
        "cues": [cue_dict(block, c) for c in s.cues],
        "clauses": [
            {"text": " ".join(_source(block, c.start_char, c.end_char).split()), "head": c.head.text, **_range(block, c.start_char, c.end_char), "commitment": c.commitment}
            for c in s.clauses
        ],
    }
    if s.carried is not None:
        out["continues_attribution"] = cue_dict(block, s.carried)
    return out


def render_json(stream, results) -> None:
    files, errors = [], []
    for r in results:
        if r.error is not None:
            errors.append(r.error.to_dict())
            if not r.sentences:
                continue
        files.append({"path": r.path, "sentences": [sentence_dict(b, s) for b, s in r.sentences]})
    json.dump({"version": JSON_VERSION, "files": files, "errors": errors}, stream, ensure_ascii=False, indent=1)
    stream.write("\n")


class StatusText:
    """`path:line:col: STATUS  sentence`, cues coloured in place (a terminal only), then the cue list."""

    def __init__(self, stream, colour: str = "auto"):
        self.out = stream
        self.colour = use_colour(stream, colour)

    def file(self, result) -> None:
        for block, s in result.sentences:
            self.sentence(result.path, block, s)

    def sentence(self, path, block, s) -> None:
        a, b = _trimmed(s.span)
        line, col = block.position(a)
        status = f"{s.status:<11}"
        if self.colour:
            status = f"{_STATUS_COLOURS[s.status]}{status}{_RESET}"
        self.out.write(f"{_clean(path)}:{line}:{col}: {status} {self._marked(block, s, a, b)}\n")
        if s.cues:
            listed = ", ".join(f"{_clean(_source(block, c.start_char, c.end_char))!r} {c.type}" for c in s.cues)
            self.out.write(f"    cues: {listed}\n")
        if s.carried is not None and s.status == "asserted":
            self.out.write(f"    continues the account of {_clean(s.carried.text)!r} (earlier in the paragraph)\n")

    def _marked(self, block, s, a: int, b: int) -> str:
        """The sentence on one line with each cue coloured (plain text without colour)."""
        if not self.colour:
            return " ".join(_clean(_source(block, a, b)).split())
        pieces, pos = [], a
        # the quotation is the outer span: colour the other cues only
        for c in sorted((c for c in s.cues if c.type != "quotation"), key=lambda c: c.start_char):
            if c.start_char < pos or c.end_char > b:
                continue
            pieces.append(_clean(_source(block, pos, c.start_char)))
            pieces.append(f"{_CUE_COLOURS[c.type]}{_clean(_source(block, c.start_char, c.end_char))}{_RESET}")
            pos = c.end_char
        pieces.append(_clean(_source(block, pos, b)))
        return " ".join("".join(pieces).split())
