"""Positions in every encoding, the suppression comment per input kind, and a failing check.

In-process, on the session's engine: what the stdio session cannot reach
cheaply (UTF-8 and UTF-32 clients, plain text and HTML suppression
comments, an exception inside one check).
"""

from __future__ import annotations

import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lsprotocol import types

from linter.lsp.actions import Buffer, code_actions, disable_for_line
from linter.lsp.convert import Lines, hover_markdown, md_escape
from linter.lsp.documents import ParagraphCache
from linter.lsp.server import Checker, Snapshot
from linter.lsp.session import ClientSettings, EditorSession

UTF8, UTF16, UTF32 = types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16, types.PositionEncodingKind.Utf32
LINE = "Caf\u00e9 \U0001F1F0\U0001F1F5 e\u0301 says: the regime will collapse."


@pytest.mark.parametrize("encoding, width", [(UTF8, lambda s: len(s.encode("utf-8"))), (UTF16, lambda s: len(s.encode("utf-16-le")) // 2), (UTF32, len)])
def test_a_position_after_emoji_and_accents_counts_the_clients_units(encoding, width):
    text = "first line\n" + LINE
    at = LINE.index("will")
    pos = Lines(text, encoding).position(2, at + 1)
    assert pos == types.Position(1, width(LINE[:at]))
    assert Lines(text, encoding).column(pos) == (2, at + 1)


@given(st.text(alphabet=st.sampled_from("ab \u00e9\u0301\U0001F600\u4e2d\n"), max_size=40), st.sampled_from([UTF8, UTF16, UTF32]))
def test_positions_round_trip(text, encoding):
    lines = Lines(text, encoding)
    for n, line in enumerate(text.split("\n"), start=1):
        for col in range(1, len(line) + 2):
            assert lines.column(lines.position(n, col)) == (n, col)


def _buffer(engine, text: str, kind: str) -> Buffer:
    """A checked buffer: the engine's findings through check's filters (suppressions included)."""
    cache = ParagraphCache(engine)
    document = cache.document(text, "draft", kind)
    findings = EditorSession(lambda: engine, None, isolated=True).filter(document, cache.check(text, "draft", kind))
    rules = {r.id: r for r in engine.rules}
    return Buffer("file:///draft", 1, text, kind, Lines(text), findings, cache.blocks, rules)


def _apply(text: str, edits: list[types.TextEdit]) -> str:
    lines = Lines(text)
    offsets = []
    for e in edits:
        (l1, c1), (l2, c2) = lines.column(e.range.start), lines.column(e.range.end)
        start = sum(len(x) + 1 for x in lines.lines[: l1 - 1]) + c1 - 1
        end = sum(len(x) + 1 for x in lines.lines[: l2 - 1]) + c2 - 1
        offsets.append((start, end, e.new_text))
    for a, b, new in sorted(offsets, reverse=True):
        text = text[:a] + new + text[b:]
    return text


WRAPPED = "Queues outside the bank start before dawn.\nThe junta will collapse before the monsoon.\n\nAnother paragraph.\n"


@pytest.mark.parametrize("kind, text, comment", [
    ("text", "The junta will collapse before the monsoon.\n", "# hedgelint-disable-next-line HL101\nThe junta"),
    ("markdown", "  The junta will collapse before the monsoon.\n", "  <!-- hedgelint-disable-next-line HL101 -->\n  The junta"),
    ("html", "<p>Queues outside the bank start before dawn.\nThe junta will collapse before the monsoon.</p>\n", "dawn.\n<!-- hedgelint-disable-next-line HL101 -->\nThe junta"),
    ("markdown", WRAPPED, "dawn. <!-- hedgelint-disable-next-line HL101 -->\nThe junta"),
    ("text", WRAPPED, "# hedgelint-disable HL101\nQueues outside the bank start before dawn.\nThe junta will collapse before the monsoon.\n# hedgelint-enable HL101\n\nAnother"),
])
def test_disable_for_line_writes_the_comment_check_reads(engine, kind, text, comment):
    buf = _buffer(engine, text, kind)
    f = next(f for f in buf.findings if f.rule == "HL101")
    title, edits = disable_for_line(buf, f)
    fixed = _apply(text, edits)
    assert comment in fixed
    assert not [g for g in _buffer(engine, fixed, kind).findings if g.rule == "HL101"]
    # nothing else changed how the draft reads: the same other findings
    others = [(g.rule, g.text) for g in buf.findings if g is not f]
    assert [(g.rule, g.text) for g in _buffer(engine, fixed, kind).findings if g.rule != "HL101"] == others


def test_disable_adds_to_an_existing_comment(engine):
    text = "<!-- hedgelint-disable-next-line HL301 -->\nThis clearly proves the junta will collapse before the monsoon.\n"
    buf = _buffer(engine, text, "markdown")
    f = next(f for f in buf.findings if f.rule == "HL101")
    _, edits = disable_for_line(buf, f)
    assert _apply(text, edits).startswith("<!-- hedgelint-disable-next-line HL301,HL101 -->\n")


def test_hover_escapes_the_drafts_text(engine):
    buf = _buffer(engine, "The junta will collapse before the monsoon.", "text")
    f = buf.findings[0]
    from dataclasses import replace

    shown = hover_markdown(replace(f, text="[x](javascript:alert(1)) <b>"), buf.rules[f.rule])
    assert "[x](javascript" not in shown and "<b>" not in shown
    assert md_escape("[x](javascript:alert(1)) <b>") in shown


def test_code_actions_only_returns_the_kinds_asked_for(engine):
    buf = _buffer(engine, "The junta will collapse before the monsoon.", "text")
    whole = types.Range(types.Position(0, 0), types.Position(1, 0))
    assert {a.kind for a in code_actions(buf, whole, only=[types.CodeActionKind.QuickFix])} == {types.CodeActionKind.QuickFix}
    assert {a.kind for a in code_actions(buf, whole, only=["source.fixAll"])} == {"source.fixAll.hedgelint"}


def test_client_settings_drop_unknown_values_and_say_why(engine):
    every = engine.component.ruleset.rules
    settings, problems = ClientSettings.parse({"hedgelint": {"select": ["forcast", "certainty"], "severity": {"HL101": "loud", "HL301": "error"}}}, every)
    assert settings.select == ["certainty"] and settings.severity == {"HL301": "error"}
    assert any("forcast" in p and "forecast" in p for p in problems) and any("HL101" in p for p in problems)


class _Recorder:
    """What a Checker sends to its server, kept for the test."""

    encoding = UTF16
    document_changes = True

    def __init__(self):
        self.logs, self.published = [], {}
        self.event = threading.Event()

    def log(self, kind, message):
        self.logs.append((kind, message))

    show = log

    def publish(self, uri, version, diagnostics):
        self.published[uri] = (version, diagnostics)
        self.event.set()


def test_a_failing_check_is_logged_and_the_others_go_on(engine, monkeypatch, tmp_path):
    rec = _Recorder()
    checker = Checker(rec)
    checker.root = tmp_path
    checker.engine, checker._engine_key = engine, (None, ())  # the session's engine: no second model load
    real = ParagraphCache.check

    def check(self, text, path, kind):
        if "explode" in path:
            raise ValueError("a bug in one check")
        return real(self, text, path, kind)

    monkeypatch.setattr(ParagraphCache, "check", check)
    checker.start()
    try:
        bad, good = (tmp_path / "explode.md").as_uri(), (tmp_path / "fine.md").as_uri()
        checker.update(Snapshot(bad, 1, "The junta will collapse.", "markdown", tmp_path / "explode.md"), 0)
        checker.update(Snapshot(good, 1, "The junta will collapse.", "markdown", tmp_path / "fine.md"), 0)
        deadline = time.monotonic() + 30
        while good not in rec.published and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rec.published[good][0] == 1 and [d.code for d in rec.published[good][1]] == ["HL101"]
        assert bad not in rec.published
        assert any(kind == types.MessageType.Error and "a bug in one check" in m and bad in m for kind, m in rec.logs)
    finally:
        checker.stop()
