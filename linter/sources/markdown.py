"""Markdown: one block per paragraph, heading, list-item paragraph and table cell.

markdown-it-py (CommonMark, plus tables, strikethrough and dollar math) finds
the structure, but its inline tokens carry no source positions. So every
inline rule is wrapped to record which span of the paragraph's inline source
it consumed and what that span is: prose to keep, markup to blank, or an
entity to decode. Each character of the inline source is then mapped back to
the document (one source line per content line, minus the container prefix:
block-quote `>`s, list indentation), and the analysis text is built with
prose characters at their own offsets and spaces everywhere else, so it has
exactly the length of the source slice.

Skipped entirely: code blocks (fenced and indented), HTML blocks and
comments, `$$` math blocks, link reference definitions, thematic breaks, and
YAML (`---`) or TOML (`+++`) front matter at the top of the file.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from linter.sources.text import Block, _cut

_KEY = "hedgelint_spans"  # env key of the per-inline-source records
_BLANK, _KEEP = 0, 1  # span actions; a str action is a decoded entity
_NEWLINE = re.compile(r"\r\n|\r|\n")  # what markdown-it's normalize treats as a line break
# Bare URLs: a linter would read "https://x.org/will-fall" as words.
_URL = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>]*[^\s<>.,;:!?'\")\]}]", re.IGNORECASE)
_TASK = re.compile(r"\[[ xX]\](?=\s|$)")  # GFM task-list box at the start of a list item


@dataclass
class _Record:
    """What the wrapped inline rules saw in one inline source (one paragraph)."""

    tokens: list  # the token list being filled, to tell records apart
    events: list[tuple[int, int, object]] = field(default_factory=list)
    delims: list[tuple[object, int, int]] = field(default_factory=list)


def _record(state) -> _Record:
    records = state.env.setdefault(_KEY, {})
    rec = records.get(id(state.tokens))
    if rec is None or rec.tokens is not state.tokens:
        rec = records[id(state.tokens)] = _Record(state.tokens)
    return rec


def _wrap(name: str, rule):
    def recording(state, silent):
        if silent:  # look-ahead only (link labels): nothing is emitted
            return rule(state, silent)
        start, ntokens, pending = state.pos, len(state.tokens), bool(state.pending)
        label_end = -1
        if name == "link" and state.src[start] == "[":
            # the same call the link rule makes; cached in state.cache
            label_end = state.md.helpers.parseLinkLabel(state, start, True)
        if not rule(state, silent):
            return False
        end = state.pos
        if name == "text":
            return True
        rec = _record(state)
        new = state.tokens[ntokens:]
        if pending and new and new[0].type == "text":
            new = new[1:]  # the literal text before this span, flushed by push()
        if name == "escape":
            if state.src[start + 1] == "\n":  # hard break: backslash and line break
                rec.events.append((start, end, _BLANK))
            elif state.tokens[-1].content != state.tokens[-1].markup:  # "\*": keep the "*"
                rec.events.append((start, start + 1, _BLANK))
        elif name == "entity":
            rec.events.append((start, end, state.tokens[-1].content))
        elif name in ("emphasis", "strikethrough"):
            # One text token per marker (or pair of "~"); whether it became
            # markup is only known after post-processing (see _settle).
            pos = start
            for tok in new:
                rec.delims.append((tok, pos, pos + len(tok.content)))
                pos += len(tok.content)
        elif name == "link":
            rec.events.append((start, end, _BLANK))  # "[", "](url)" or "][ref]"
            if label_end > start:
                rec.events.append((start + 1, label_end, _KEEP))  # the link text
        elif any(tok.type not in ("text", "text_special") for tok in new):
            rec.events.append((start, end, _BLANK))
        # else the rule read its span as literal text (a lone "`"): prose
        return True

    return recording


def _settle(state) -> None:
    """Before fragments_join merges text tokens: blank the markers that became markup."""
    rec = state.env.get(_KEY, {}).get(id(state.tokens))
    if rec is None or rec.tokens is not state.tokens:
        return
    for tok, start, end in rec.delims:
        # unused markers stay "text"; the inner half of "**" keeps type text but loses its content
        if tok.type != "text" or not tok.content:
            rec.events.append((start, end, _BLANK))


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    # Prose mentions money: "$5 and $6" is not math (no digit next to a "$",
    # no space inside it).
    dollarmath_plugin(md, allow_space=False, allow_digits=False, double_inline=True)
    for rule in list(md.inline.ruler.__rules__):
        md.inline.ruler.at(rule.name, _wrap(rule.name, rule.fn), {"alt": rule.alt})
    md.inline.ruler2.before("fragments_join", "hedgelint_settle", _settle)
    md.core.ruler.at("inline", _core_inline)
    return md


def _core_inline(state) -> None:
    """markdown-it's core "inline" rule, keeping each paragraph's record on its token.

    (A later core rule, text_join, replaces the children lists, so the record
    cannot be looked up by them afterwards.)
    """
    for token in state.tokens:
        if token.type == "inline":
            if token.children is None:
                token.children = []
            state.env[_KEY] = {}
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            rec = state.env.pop(_KEY).get(id(token.children))
            token.meta[_KEY] = rec if rec is not None and rec.tokens is token.children else None


# ------------------------------------------------------------------ structure
def _front_matter(lines: list[str]) -> int:
    """Number of leading lines that are YAML (---) or TOML (+++) front matter."""
    if not lines:
        return 0
    fence = lines[0].lstrip("\ufeff").rstrip()
    if fence not in ("---", "+++"):
        return 0
    closers = ("---", "...") if fence == "---" else ("+++",)
    for i in range(1, len(lines)):
        if lines[i].rstrip() in closers:
            return i + 1
    return 0  # never closed: a thematic break, not front matter


def _map_paragraph(content: str, lines: list[str], first: int, last: int) -> list[tuple[int, int]]:
    """(line index, column) of each content character; (-1, -1) for none.

    Paragraph (and setext heading) content has one content line per source
    line; each content line is the end of its source line, after the container
    prefix, trimmed (markdown-it may also expand a tab of the prefix into
    spaces, which map to nothing).
    """
    out: list[tuple[int, int]] = []
    li = first
    for k, cl in enumerate(content.split("\n")):
        if k:
            out.append((-1, -1))  # the "\n" between content lines
        # Python's whitespace is a superset of what markdown-it trims, so the
        # stripped core is always the end of the stripped source line.
        core = cl.strip()
        lead = len(cl) - len(cl.lstrip())
        while li < last and core and not lines[li].rstrip().endswith(core):
            li += 1  # a line that trimming removed entirely
        if li >= last or not core:
            out.extend([(-1, -1)] * len(cl))
            continue
        col = len(lines[li].rstrip()) - len(core)
        out.extend([(-1, -1)] * lead)
        out.extend((li, col + j) for j in range(len(core)))
        out.extend([(-1, -1)] * (len(cl) - lead - len(core)))
        li += 1
    return out


def _map_heading(content: str, line: str, li: int, level: int) -> list[tuple[int, int]] | None:
    at = line.find(content, line.index("#") + level)
    return None if at < 0 else [(li, at + j) for j in range(len(content))]


def _map_cell(content: str, line: str, li: int, cursor: int) -> tuple[list[tuple[int, int]], int] | None:
    """Cells of a row arrive in order; the table rule dropped the "\\" of "\\|"."""
    pattern = "".join(r"\\?\|" if c == "|" else re.escape(c) for c in content)
    m = re.compile(r"(?<![^\s|>])" + pattern).search(line, cursor)
    if not m:
        return None
    out, j = [], m.start()
    for c in content:
        if c == "|" and line[j] == "\\":
            j += 1
        out.append((li, j))
        j += 1
    return out, m.end()


# ------------------------------------------------------------------ blocks
def markdown_blocks(text: str) -> list[Block]:
    """The prose blocks of a Markdown document, with exact source positions."""
    # Lines as markdown-it sees them (it normalises \r\n and \r to \n, NUL to U+FFFD).
    starts = [0] + [m.end() for m in _NEWLINE.finditer(text)]
    ends = [m.start() for m in _NEWLINE.finditer(text)] + [len(text)]
    lines = [text[s:e].replace("\0", "\ufffd") for s, e in zip(starts, ends)]
    skip = _front_matter(lines)
    parsed = "\n".join([""] * skip + lines[skip:])  # blank lines keep the numbering
    env: dict = {}
    tokens = _parser().parse(parsed, env)
    nl_starts = [0] + [m.end() for m in re.finditer("\n", text)]  # Block.position counts "\n" only

    blocks: list[Block] = []
    quote_depth = 0
    cursors: dict[int, int] = {}  # table row line -> where the next cell starts
    for i, tok in enumerate(tokens):
        if tok.type == "blockquote_open":
            quote_depth += 1
        elif tok.type == "blockquote_close":
            quote_depth -= 1
        if tok.type != "inline" or not tok.map or not tok.content.strip():
            continue
        opener = tokens[i - 1]
        first, last = tok.map
        if opener.type == "heading_open" and opener.markup.startswith("#"):
            where = _map_heading(tok.content, lines[first], first, len(opener.markup))
        elif opener.type in ("th_open", "td_open"):
            found = _map_cell(tok.content, lines[first], first, cursors.get(first, 0))
            where = None
            if found:
                where, cursors[first] = found
        else:  # paragraph or setext heading
            where = _map_paragraph(tok.content, lines, first, last)
        if not where:
            continue
        offsets = [starts[li] + col if li >= 0 else -1 for li, col in where]
        rec = tok.meta.get(_KEY)
        events = list(rec.events) if rec is not None else []
        if i >= 2 and tokens[i - 2].type == "list_item_open" and (m := _TASK.match(tok.content)):
            events.append((0, m.end(), _BLANK))
        block = _build(text, tok.content, offsets, events, quote_depth > 0, nl_starts)
        if block is not None:
            blocks.extend(_cut(block))
    return blocks


def _build(text: str, content: str, offsets: list[int], events, quoted: bool, nl_starts: list[int]) -> Block | None:
    """The block of one inline source, given where each of its characters is in `text`."""
    # Apply spans outermost first, so a link's text (inside the blanked link)
    # and whatever is nested in it override the outer span.
    action: list[object] = [_KEEP] * len(content)
    for start, end, what in sorted(events, key=lambda e: (e[0], -e[1])):
        if isinstance(what, str):
            action[start:end] = [what] + [_BLANK] * (end - start - 1)
        else:
            action[start:end] = [what] * (end - start)
    chars: dict[int, str] = {}
    for ci, what in enumerate(action):
        at = offsets[ci]
        if at < 0 or what == _BLANK:
            continue
        if what == _KEEP:
            chars[at] = text[at]
        else:  # a decoded entity: its characters from the "&" on
            for k, ch in enumerate(what):
                chars[at + k] = " " if ch.isspace() else ch
    mapped = [at for at in offsets if at >= 0]
    if not mapped:
        return None
    # The block is the whole inline content, markup included: "**will** go"
    # reads "  will   go".
    lo, hi = min(mapped), max(mapped) + 1
    buf = [" "] * (hi - lo)
    for at, ch in chars.items():
        buf[at - lo] = ch
    analysis = "".join(buf)
    analysis = _URL.sub(lambda m: " " * len(m.group()), analysis)
    if not analysis.strip():
        return None
    line = bisect.bisect_right(nl_starts, lo)
    return Block(lo, line, lo - nl_starts[line - 1] + 1, text[lo:hi], analysis, quoted)
