"""A client that prefers UTF-8 positions (Neovim 0.11 offers utf-8 first) and takes plain `changes` edits.

The server must take the encoding the client offers, count every range in
bytes past an emoji and accents, and send a quick fix as `changes` (Neovim
declares no documentChanges support). One short second server launch.
"""

from __future__ import annotations

import sys

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from test_lsp_session import _client, actions, change, diagnostics, open_doc

pytestmark = pytest.mark.asyncio(loop_scope="module")


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(server_command=[sys.executable, "-m", "linter.cli", "lsp"], client_factory=_client),
)
async def client(lsp_client: LanguageClient, tmp_path_factory):
    root = tmp_path_factory.mktemp("utf8")
    lsp_client.result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim@v0.11.0"), root_uri=root.as_uri()))
    lsp_client.root = root
    yield
    await lsp_client.shutdown_session()


def utf8_position(text: str, needle: str) -> types.Position:
    at = text.index(needle)
    line_start = text.rfind("\n", 0, at) + 1
    return types.Position(text.count("\n", 0, at), len(text[line_start:at].encode("utf-8")))


async def test_utf8_positions_and_plain_changes(client: LanguageClient):
    assert client.result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    uri = (client.root / "draft.txt").as_uri()
    text = "Stra\u00dfe \U0001F600 cr\u00e8me: the junta will collapse before the monsoon.\n"
    open_doc(client, uri, text, language="text")
    diags = await diagnostics(client, uri, 1)
    d = next(x for x in diags if x.code == "HL101")
    start = utf8_position(text, "will collapse")
    assert d.range == types.Range(start, types.Position(start.line, start.character + len("will collapse")))

    fix = next(a for a in await actions(client, uri, d.range) if a.is_preferred)
    assert fix.edit.document_changes is None
    (edit,) = fix.edit.changes[uri]
    assert edit.range.start == start  # bytes, as the client counts
    line = text.split("\n")[0].encode("utf-8")
    fixed = (line[: edit.range.start.character] + edit.new_text.encode("utf-8") + line[edit.range.end.character:]).decode("utf-8") + "\n"
    assert "the junta could collapse" in fixed
    change(client, uri, fixed, 2)
    assert not [x for x in await diagnostics(client, uri, 2) if x.code == "HL101"]
