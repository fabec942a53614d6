"""`hedgelint lsp` driven by a real LSP client over stdio (pytest-lsp).

One server process serves the whole module (it loads the model itself, in
its background thread): an editor session as VS Code would run it, the
findings held equal to `hedgelint check --format json`, configuration
changes, and requests the server must survive. Expected positions are found
from the text (UTF-16 code units, as the client counts), never written in.
"""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

pytestmark = pytest.mark.asyncio(loop_scope="module")

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 90  # the first diagnostics wait for the model to load in the server


def _publish(client: LanguageClient, params: types.PublishDiagnosticsParams):
    client.diagnostics[params.uri] = params.diagnostics
    client.published.setdefault(params.uri, []).append(params)


def _register(client: LanguageClient, params: types.RegistrationParams):
    client.registrations = [*getattr(client, "registrations", []), *params.registrations]


def _client() -> LanguageClient:
    """pytest-lsp's test client, keeping every publication (with its version) and registration."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = {}  # uri -> every PublishDiagnosticsParams, in order
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _publish, types.CLIENT_REGISTER_CAPABILITY: _register})
    return client


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("workspace")


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "linter.cli", "lsp", "--stdio"], client_factory=_client),
)
async def client(lsp_client: LanguageClient, workspace: Path):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="drafts")],
    ))
    yield
    await lsp_client.shutdown_session()


# ------------------------------------------------------------------ helpers
def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def position_of(text: str, needle: str, after: str = "") -> types.Position:
    """Where `needle` starts (after `after`), as an LSP position in UTF-16 units."""
    at = text.index(needle, text.index(after) if after else 0)
    line = text.count("\n", 0, at)
    line_start = text.rfind("\n", 0, at) + 1
    return types.Position(line, utf16(text[line_start:at]))


def range_of(text: str, needle: str, after: str = "") -> types.Range:
    start = position_of(text, needle, after)
    return types.Range(start, types.Position(start.line, start.character + utf16(needle)))


def offset(text: str, pos: types.Position) -> int:
    lines = text.split("\n")
    base = sum(len(line) + 1 for line in lines[: pos.line])
    line, units, i = lines[pos.line], 0, 0
    while units < pos.character:
        units += 2 if ord(line[i]) > 0xFFFF else 1
        i += 1
    return base + i


def apply(text: str, edit: types.WorkspaceEdit, uri: str) -> str:
    """Apply a workspace edit to one buffer, as an editor does."""
    if edit.document_changes:
        edits = [e for change in edit.document_changes if change.text_document.uri == uri for e in change.edits]
    else:
        edits = edit.changes[uri]
    spans = sorted(((offset(text, e.range.start), offset(text, e.range.end), e.new_text) for e in edits), reverse=True)
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


async def diagnostics(client: LanguageClient, uri: str, version: int) -> list[types.Diagnostic]:
    """The diagnostics published for this version of the buffer (waits for them)."""
    async def wait():
        while True:
            for p in client.published.get(uri, []):
                if p.version == version:
                    return list(p.diagnostics)
            await asyncio.sleep(0.05)

    return await asyncio.wait_for(wait(), TIMEOUT)


def open_doc(client: LanguageClient, uri: str, text: str, language: str = "markdown", version: int = 1) -> None:
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        text_document=types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))


def change(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
        content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))


async def actions(client: LanguageClient, uri: str, rng: types.Range, only=None) -> list[types.CodeAction]:
    found = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
        context=types.CodeActionContext(diagnostics=[], only=only)))
    return found or []


def by_code(diags, code: str) -> list[types.Diagnostic]:
    return [d for d in diags if d.code == code]


# -------------------------------------------------------------------- tests
DRAFT = (
    "# Caf\u00e9 notes\n"
    "\n"
    "Na\u00efve traders \U0001F600 in the border market say little. The junta will collapse before the monsoon.\n"
    "\n"
    "The new checkpoints clearly prove the army is afraid.\n"
)


async def test_an_editor_session(client: LanguageClient, workspace: Path):
    uri = (workspace / "session.md").as_uri()
    text = DRAFT
    open_doc(client, uri, text)
    diags = await diagnostics(client, uri, 1)

    # the forecast, after an accent and an emoji (two UTF-16 units) on its line
    forecast = by_code(diags, "HL101")
    assert len(forecast) == 1
    d = forecast[0]
    assert d.range == range_of(text, "will collapse")
    assert d.source == "hedgelint" and d.severity == types.DiagnosticSeverity.Warning
    assert "[forecast]" in d.message and d.data["category"] == "forecast"
    assert d.code_description is not None and d.code_description.href.endswith("#hl101-regime-collapse")
    certainty = [x for x in diags if x.data["category"] == "certainty"]
    assert len(certainty) == 1 and certainty[0].range == range_of(text, "prove")

    # hover: the rule's explanation and the scope checks that let it stand
    middle = types.Position(d.range.start.line, d.range.start.character + 3)
    hover = await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=middle))
    assert hover is not None and hover.range == d.range
    assert "HL101" in hover.contents.value and "Why it fired" in hover.contents.value
    assert "a hedge" in hover.contents.value  # the hedge check, in words
    nothing = await client.text_document_hover_async(types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=position_of(text, "traders")))
    assert nothing is None

    # the safe suggestion is a preferred quick fix; apply it
    found = await actions(client, uri, d.range)
    titles = [a.title for a in found]
    fix = next(a for a in found if a.title.startswith("Replace 'will' with 'could'"))
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert fix.diagnostics and fix.diagnostics[0].code == "HL101"
    assert any(t.startswith("Disable HL101 for this line") for t in titles)
    assert any(t.startswith("Fix all safe hedges in this file") for t in titles)
    text = apply(text, fix.edit, uri)
    assert "The junta could collapse before the monsoon." in text
    change(client, uri, text, 2)
    diags = await diagnostics(client, uri, 2)
    assert not by_code(diags, "HL101")
    certainty = [x for x in diags if x.data["category"] == "certainty"]
    assert len(certainty) == 1 and certainty[0].range == range_of(text, "prove")

    # typing moves the remaining finding: its range follows the text
    text = text.replace("The new checkpoints", "Worse, the new checkpoints")
    change(client, uri, text, 3)
    diags = await diagnostics(client, uri, 3)
    certainty = [x for x in diags if x.data["category"] == "certainty"]
    assert len(certainty) == 1 and certainty[0].range == range_of(text, "prove")

    # disable the rule for that line: the suppression comment check reads
    rule = certainty[0].code
    disable = next(a for a in await actions(client, uri, certainty[0].range) if a.title == f"Disable {rule} for this line")
    text = apply(text, disable.edit, uri)
    assert f"<!-- hedgelint-disable-next-line {rule} -->\nWorse, the new checkpoints" in text
    change(client, uri, text, 4)
    assert await diagnostics(client, uri, 4) == []

    # closing the buffer clears its diagnostics
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await asyncio.wait_for(_until(lambda: not client.published[uri][-1].diagnostics and client.published[uri][-1].version is None), TIMEOUT)


async def _until(condition):
    while not condition():
        await asyncio.sleep(0.05)


async def test_diagnostics_equal_check_json_on_the_sample_draft(client: LanguageClient, cli):
    sample = ROOT / "samples" / "draft.md"
    result = cli(["check", "--format", "json", str(sample)])
    expected = json.loads(result.stdout)["findings"]
    assert expected
    text = sample.read_text(encoding="utf-8")
    lines = text.split("\n")

    def lsp_range(f):
        start = types.Position(f["line"] - 1, utf16(lines[f["line"] - 1][: f["column"] - 1]))
        end = types.Position(f["end_line"] - 1, utf16(lines[f["end_line"] - 1][: f["end_column"] - 1]))
        return types.Range(start, end)

    open_doc(client, sample.as_uri(), text)
    got = await diagnostics(client, sample.as_uri(), 1)
    severities = {"error": types.DiagnosticSeverity.Error, "warning": types.DiagnosticSeverity.Warning, "info": types.DiagnosticSeverity.Information}
    assert sorted((d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character, d.severity, d.message) for d in got) == sorted(
        (f["rule"], r.start.line, r.start.character, r.end.line, r.end.character, severities[f["severity"]], f"{f['message']} [{f['category']}]")
        for f in expected for r in [lsp_range(f)])
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=sample.as_uri())))


WRAPPED = (
    "Queues outside the state bank now start before dawn, and traders say\n"
    "the customs officers no longer bother. The junta will collapse before\n"
    "the monsoon. The new checkpoints clearly prove the army is afraid.\n"
    "\n"
    "The regime will fall within months.\n"
)


async def test_fix_all_applies_checks_safe_edits(client: LanguageClient, workspace: Path, cli):
    path = workspace / "fixall.md"
    path.write_text(WRAPPED, encoding="utf-8")
    uri = path.as_uri()
    open_doc(client, uri, WRAPPED)
    diags = await diagnostics(client, uri, 1)
    assert len(diags) >= 3
    whole = types.Range(types.Position(0, 0), types.Position(len(WRAPPED.split("\n")), 0))
    fix_all = await actions(client, uri, whole, only=["source.fixAll"])
    assert [a.kind for a in fix_all] == ["source.fixAll.hedgelint"]
    fixed = apply(WRAPPED, fix_all[0].edit, uri)

    # the same edits as one round of `hedgelint check --fix`: each finding's first safe suggestion
    report = json.loads(cli(["check", "--format", "json", str(path)]).stdout)["findings"]
    expected = WRAPPED
    lines = WRAPPED.split("\n")

    def at(line, column):
        return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1

    edits = [next(s for s in f["suggestions"] if s["safe"]) for f in report if any(s["safe"] for s in f["suggestions"])]
    for s in sorted(edits, key=lambda s: (s["line"], s["column"]), reverse=True):
        expected = expected[: at(s["line"], s["column"])] + s["replacement"] + expected[at(s["end_line"], s["end_column"]):]
    assert fixed == expected != WRAPPED
    change(client, uri, fixed, 2)
    assert len(await diagnostics(client, uri, 2)) < len(diags)
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


async def test_disable_inside_a_wrapped_paragraph_keeps_the_paragraph_whole(client: LanguageClient, workspace: Path):
    uri = (workspace / "wrapped.md").as_uri()
    open_doc(client, uri, WRAPPED)
    diags = await diagnostics(client, uri, 1)
    forecast = next(d for d in diags if d.range == range_of(WRAPPED, "will collapse"))
    disable = next(a for a in await actions(client, uri, forecast.range) if a.title.startswith("Disable"))
    text = apply(WRAPPED, disable.edit, uri)
    # at the end of the line before, where Markdown reads it as inline HTML
    assert f"bother. The junta will collapse before\n" in text
    assert f"traders say <!-- hedgelint-disable-next-line {forecast.code} -->\n" in text
    change(client, uri, text, 2)
    after = await diagnostics(client, uri, 2)
    assert [(d.code, d.range) for d in after] == [(d.code, d.range) for d in diags if d is not forecast]
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


async def test_configuration_on_disk_and_from_the_editor(client: LanguageClient, workspace: Path):
    assert any(r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES for r in getattr(client, "registrations", []))
    uri = (workspace / "config.md").as_uri()
    open_doc(client, uri, DRAFT)
    diags = await diagnostics(client, uri, 1)
    assert by_code(diags, "HL101")
    config = workspace / ".hedgelint.yaml"
    try:
        config.write_text("ignore: [forecast]\n", encoding="utf-8")
        seen = len(client.published[uri])
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Created)]))
        await asyncio.wait_for(_until(lambda: len(client.published[uri]) > seen), TIMEOUT)
        assert not by_code(client.published[uri][-1].diagnostics, "HL101")
        assert client.published[uri][-1].diagnostics  # the certainty finding stays

        seen = len(client.published[uri])
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"hedgelint": {"severity": {"certainty": "error"}}}))
        await asyncio.wait_for(_until(lambda: len(client.published[uri]) > seen), TIMEOUT)
        now = client.published[uri][-1].diagnostics
        assert now and all(d.severity == types.DiagnosticSeverity.Error for d in now)

        seen = len(client.published[uri])
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"hedgelint": {"select": ["forecast", "no-such-rule"]}}))
        await asyncio.wait_for(_until(lambda: len(client.published[uri]) > seen), TIMEOUT)
        now = client.published[uri][-1].diagnostics
        # the editor's select replaces the file's selection, as --select does
        assert [d.code for d in now] == ["HL101"]
        assert any("no-such-rule" in m.message for m in client.messages)
    finally:
        config.unlink(missing_ok=True)
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"hedgelint": {}}))
        client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Deleted)]))
        client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


async def test_a_malformed_message_is_logged_and_the_server_keeps_serving(client: LanguageClient, workspace: Path):
    bodies = (
        b'{"jsonrpc": "2.0", "id": 9999, "method": "textDocument/hover", "params": {"textDocument": 7',  # cut short
        b'{"jsonrpc": "2.0", "id": 9998, "method": "textDocument/hover", "params": {"textDocument": 7, "position": "x"}}',
    )
    for body in bodies:
        logged = len(client.log_messages)
        client._server.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        await client._server.stdin.drain()
        await asyncio.wait_for(_until(lambda: any(m.type == types.MessageType.Error for m in client.log_messages[logged:])), TIMEOUT)

    uri = (workspace / "after.txt").as_uri()
    text = "The junta will collapse before the monsoon."
    open_doc(client, uri, text, language="plaintext")
    diags = await diagnostics(client, uri, 1)
    assert [d.range for d in by_code(diags, "HL101")] == [range_of(text, "will collapse")]
    client.text_document_did_close(types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
