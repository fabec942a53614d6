"""`hedgelint lsp`: the language server (pygls) over standard input and output.

The handlers only move text in and records out: findings come from the
engine through the same check layer as `hedgelint check` (session.py),
and convert.py and actions.py turn them into the protocol's records.

One worker thread owns the engine. It loads the model after `initialize`
(the editor is never blocked: requests are answered meanwhile, and the
buffers opened before the model is ready are checked once it is), then
checks buffers as they become due: at once on open and save, 300 ms after
the last change. Whatever goes wrong in one check is logged to the client
(window/logMessage) and the worker goes on with the next.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from linter import __version__
from linter.check.config import CONFIG_NAMES, ConfigError, UsageError
from linter.lsp.actions import FIX_ALL_KIND, Buffer, code_actions
from linter.lsp.convert import Lines, contains, diagnostic, finding_range, hover_markdown
from linter.lsp.documents import ParagraphCache
from linter.lsp.session import ClientSettings, EditorSession

DEBOUNCE = 0.3  # seconds after the last change before a buffer is checked
LANGUAGES = {"markdown": "markdown", "plaintext": "text", "text": "text", "html": "html"}
_SUFFIXES = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
_CONFIG_FILES = (*CONFIG_NAMES, "pyproject.toml")

log = logging.getLogger("hedgelint.lsp")


@dataclass(frozen=True)
class Snapshot:
    """One version of an open buffer, as the editor last sent it."""

    uri: str
    version: int | None
    text: str
    kind: str
    path: Path | None


def buffer_kind(language_id: str, path: Path | None) -> str | None:
    """How to read a buffer (markdown, text, html), or None if hedgelint does not check it."""
    if language_id in LANGUAGES:
        return LANGUAGES[language_id]
    if path is not None:
        return _SUFFIXES.get(path.suffix.lower())
    return None


def _path_of(uri: str) -> Path | None:
    if not uri.startswith("file:"):
        return None  # untitled: buffers take the workspace root's configuration
    fs = to_fs_path(uri)
    return Path(fs) if fs else None


class Checker:
    """The worker thread, the buffers it checks and what it found in them."""

    def __init__(self, server: "HedgelintServer"):
        self.server = server
        self.root: Path | None = None
        self.raw_settings: object = None  # the editor's settings, as sent
        self.open: dict[str, Snapshot] = {}
        self.checked: dict[str, Buffer] = {}
        self._caches: dict[str, ParagraphCache] = {}
        self._due: dict[str, float] = {}
        self._cond = threading.Condition()
        self._reload = True  # the configuration must be (re)read before the next check
        self._stop = False
        self.ready = threading.Event()
        self.engine = None
        self._engine_key = None
        self.session: EditorSession | None = None
        self.fallback: EditorSession | None = None  # defaults, where a config is invalid
        self._config_errors: set[str] = set()
        self._thread = threading.Thread(target=self._run, name="hedgelint-checker", daemon=True)

    # ------------------------------------------------------ from the loop
    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify()

    def update(self, snap: Snapshot, delay: float) -> None:
        with self._cond:
            self.open[snap.uri] = snap
            self._due[snap.uri] = time.monotonic() + delay
            self._cond.notify()

    def recheck(self, uri: str) -> None:
        with self._cond:
            if uri in self.open:
                self._due[uri] = time.monotonic()
                self._cond.notify()

    def close(self, uri: str) -> None:
        with self._cond:
            self.open.pop(uri, None)
            self._due.pop(uri, None)
            self.checked.pop(uri, None)
            self._caches.pop(uri, None)

    def reconfigure(self, raw_settings=None, settings_given: bool = False) -> None:
        """The configuration changed (a file on disk, or the editor's settings)."""
        with self._cond:
            if settings_given:
                self.raw_settings = raw_settings
            self._reload = True
            self._cond.notify()

    # ------------------------------------------------------ worker thread
    def _run(self) -> None:
        while True:
            with self._cond:
                while True:
                    if self._stop:
                        return
                    if self._reload:
                        self._reload = False
                        job = None
                        break
                    now = time.monotonic()
                    if self._due and self.engine is not None:
                        uri, at = min(self._due.items(), key=lambda kv: kv[1])
                        if at <= now:
                            del self._due[uri]
                            job = self.open.get(uri)
                            if job is not None:
                                break
                            continue
                        self._cond.wait(at - now)
                    else:
                        self._cond.wait()
            try:
                if job is None:
                    self._configure()
                else:
                    self._check(job)
            except Exception as exc:  # one failed check must not stop the server
                self.server.log(types.MessageType.Error, f"hedgelint: {'check of ' + job.uri if job else 'configuration'} failed: {exc!r}\n{traceback.format_exc()}")

    def _configure(self) -> None:
        warnings: list[str] = []
        try:
            session = EditorSession(lambda: self.engine, self.root, warn=self._warn)
        except ConfigError as exc:
            self._config_error(str(exc))
            session = EditorSession(lambda: self.engine, self.root, isolated=True, warn=self._warn)
        key = session.engine_settings()
        if self.engine is None or key != self._engine_key:
            self._load_engine(key)
        if self.engine is None:
            return
        every_rule = self.engine.component.ruleset.rules
        client, warnings = ClientSettings.parse(self.raw_settings, every_rule)
        for w in warnings:
            self.server.show(types.MessageType.Warning, f"hedgelint: editor setting ignored: {w}")
        session.client = client
        self.session = session
        self.fallback = EditorSession(lambda: self.engine, self.root, client, isolated=True, warn=self._warn)
        self._config_errors.clear()
        with self._cond:
            now = time.monotonic()
            for uri in self.open:
                self._due[uri] = now
            self.checked.clear()
            self._cond.notify()

    def _load_engine(self, key) -> None:
        import warnings as py_warnings

        from linter.core.engine import DEFAULT_MODEL, Engine

        model, packs = key
        started = time.perf_counter()
        self.ready.clear()
        try:
            engine = Engine(model=model or DEFAULT_MODEL, extra_packs=list(packs))
            with py_warnings.catch_warnings():
                py_warnings.simplefilter("ignore")
                engine.nlp
        except Exception as exc:  # ModelError, RulePackError: say so, check nothing
            self.engine, self._engine_key = None, None
            self.server.show(types.MessageType.Error, f"hedgelint: cannot load the engine: {exc}")
            return
        self.engine, self._engine_key = engine, key
        self._caches.clear()
        self.ready.set()
        self.server.log(types.MessageType.Info, f"hedgelint: model {engine.model} loaded in {time.perf_counter() - started:.1f} s")

    def _warn(self, message: str) -> None:
        self.server.log(types.MessageType.Warning, message)

    def _config_error(self, message: str) -> None:
        if message not in self._config_errors:
            self._config_errors.add(message)
            self.server.show(types.MessageType.Error, f"hedgelint: {message} (checking with the default settings)")

    def _check(self, snap: Snapshot) -> None:
        from linter.core.engine import FileResult

        session = self.session
        cache = self._caches.get(snap.uri)
        if cache is None:
            cache = self._caches[snap.uri] = ParagraphCache(self.engine)
        display = str(snap.path) if snap.path is not None else snap.uri
        lines = Lines(snap.text, self.server.encoding)
        try:
            excluded = session.excluded(snap.path)
        except ConfigError as exc:
            self._config_error(str(exc))
            session, excluded = self.fallback, False
        if excluded:
            findings, blocks = [], []
        else:
            raw, blocks = cache.check(snap.text, display, snap.kind), cache.blocks
            document = cache.document(snap.text, display, snap.kind)
            document.source_path = snap.path
            try:
                findings = session.filter(document, raw)
            except (ConfigError, UsageError) as exc:
                self._config_error(str(exc))
                findings = self.fallback.filter(document, raw)
        rules = {r.id: r for r in self.engine.component.ruleset.rules}
        buf = Buffer(snap.uri, snap.version, snap.text, snap.kind, lines, findings, blocks, rules, self.server.document_changes)
        with self._cond:
            if snap.uri not in self.open:
                return  # closed meanwhile
            self.checked[snap.uri] = buf
            newer = self.open[snap.uri] is not snap
        if not newer:  # a newer version is checked shortly: do not flash stale squiggles
            self.server.publish(snap.uri, snap.version, [diagnostic(lines, f, rules.get(f.rule)) for f in findings])

    # ------------------------------------------------------ for the handlers
    def current(self, uri: str) -> Buffer | None:
        """What was found in the buffer's current version (None while it is not checked yet)."""
        buf = self.checked.get(uri)
        snap = self.open.get(uri)
        if buf is None or snap is None or buf.version != snap.version or buf.text != snap.text:
            return None
        return buf


class HedgelintServer(LanguageServer):
    def __init__(self):
        super().__init__("hedgelint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.checker = Checker(self)
        self.loop = None
        self.encoding = types.PositionEncodingKind.Utf16
        self.document_changes = False
        self.markdown_hover = True

    # Everything the worker sends goes through the event loop's thread.
    def _soon(self, fn, *args) -> None:
        if self.loop is None:
            fn(*args)
        else:
            self.loop.call_soon_threadsafe(fn, *args)

    def publish(self, uri: str, version, diagnostics) -> None:
        self._soon(self.text_document_publish_diagnostics, types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def log(self, kind: types.MessageType, message: str) -> None:
        log.info("%s", message)
        self._soon(self.window_log_message, types.LogMessageParams(type=kind, message=message))

    def show(self, kind: types.MessageType, message: str) -> None:
        self.log(kind, message)
        self._soon(self.window_show_message, types.ShowMessageParams(type=kind, message=message))

    def report_server_error(self, error: Exception, source) -> None:
        # A malformed message or a failed request: tell the client, keep serving.
        detail = "".join(traceback.format_exception(error)) if error.__traceback__ else ""
        self.log(types.MessageType.Error, f"hedgelint: {source.__name__}: {error}\n{detail}".rstrip())


def make_server() -> HedgelintServer:
    ls = HedgelintServer()
    checker = ls.checker

    @ls.feature(types.INITIALIZE)
    def initialize(ls: HedgelintServer, params: types.InitializeParams):
        root = None
        if params.workspace_folders:
            root = _path_of(params.workspace_folders[0].uri)
        elif params.root_uri:
            root = _path_of(params.root_uri)
        elif params.root_path:
            root = Path(params.root_path)
        checker.root = root
        options = params.initialization_options
        if isinstance(options, dict):
            checker.raw_settings = options.get("settings", options)
        ls.encoding = ls.workspace.position_encoding or types.PositionEncodingKind.Utf16
        caps = params.capabilities
        ls.document_changes = bool(caps.workspace and caps.workspace.workspace_edit and caps.workspace.workspace_edit.document_changes)
        hover = caps.text_document.hover if caps.text_document else None
        formats = hover.content_format if hover and hover.content_format else [types.MarkupKind.Markdown]
        ls.markdown_hover = types.MarkupKind.Markdown in formats

    @ls.feature(types.INITIALIZED)
    async def initialized(ls: HedgelintServer, params: types.InitializedParams):
        import asyncio

        ls.loop = asyncio.get_running_loop()
        checker.start()  # the model loads there, never on this thread
        caps = ls.client_capabilities.workspace
        if caps and caps.did_change_watched_files and caps.did_change_watched_files.dynamic_registration:
            watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in _CONFIG_FILES]
            try:
                await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
                    id="hedgelint-config-files", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                    register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
                )]))
            except Exception as exc:
                ls.log(types.MessageType.Warning, f"hedgelint: cannot watch configuration files: {exc}")
        await _pull_settings(ls)

    @ls.feature(types.SHUTDOWN)
    def shutdown(ls: HedgelintServer, *_):
        checker.stop()

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: HedgelintServer, params: types.DidOpenTextDocumentParams):
        doc = params.text_document
        _update(doc.uri, doc.language_id, doc.version, doc.text, 0.0)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: HedgelintServer, params: types.DidChangeTextDocumentParams):
        doc = ls.workspace.get_text_document(params.text_document.uri)
        _update(doc.uri, doc.language_id or "", doc.version, doc.source, DEBOUNCE)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: HedgelintServer, params: types.DidSaveTextDocumentParams):
        uri = params.text_document.uri
        path = _path_of(uri)
        if path is not None and path.name in _CONFIG_FILES:
            checker.reconfigure()
        checker.recheck(uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: HedgelintServer, params: types.DidCloseTextDocumentParams):
        uri = params.text_document.uri
        was_open = uri in checker.open
        checker.close(uri)
        if was_open:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    def _update(uri: str, language_id: str, version, text: str, delay: float) -> None:
        path = _path_of(uri)
        kind = buffer_kind(language_id, path)
        if kind is None:
            return
        checker.update(Snapshot(uri, version, text, kind, path), delay)

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: HedgelintServer, params: types.DidChangeWatchedFilesParams):
        if any(Path(to_fs_path(c.uri) or c.uri).name in _CONFIG_FILES for c in params.changes):
            checker.reconfigure()

    @ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def configuration(ls: HedgelintServer, params: types.DidChangeConfigurationParams):
        settings = params.settings
        if isinstance(settings, dict) and isinstance(settings.get("hedgelint"), dict):
            checker.reconfigure(settings["hedgelint"], settings_given=True)
        elif not await _pull_settings(ls):
            checker.reconfigure(settings, settings_given=True)

    @ls.feature(types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL_KIND]))
    def code_action(ls: HedgelintServer, params: types.CodeActionParams):
        buf = checker.current(params.text_document.uri)
        if buf is None:
            return None
        return code_actions(buf, params.range, params.context.only) or None

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    def hover(ls: HedgelintServer, params: types.HoverParams):
        buf = checker.current(params.text_document.uri)
        if buf is None:
            return None
        here = [f for f in buf.findings if contains(buf.lines, f, params.position)]
        if not here:
            return None
        text = "\n\n---\n\n".join(hover_markdown(f, buf.rules.get(f.rule)) for f in here)
        kind = types.MarkupKind.Markdown if ls.markdown_hover else types.MarkupKind.PlainText
        return types.Hover(contents=types.MarkupContent(kind=kind, value=text), range=finding_range(buf.lines, here[0]))

    return ls


async def _pull_settings(ls: HedgelintServer) -> bool:
    """Ask the client for the "hedgelint" section (the pull model), where it answers."""
    caps = ls.client_capabilities.workspace
    if not (caps and caps.configuration):
        ls.checker.reconfigure()
        return False
    scope = ls.checker.root.as_uri() if ls.checker.root is not None else None
    try:
        result = await ls.workspace_configuration_async(types.ConfigurationParams(items=[types.ConfigurationItem(scope_uri=scope, section="hedgelint")]))
    except Exception as exc:
        ls.log(types.MessageType.Warning, f"hedgelint: workspace/configuration failed: {exc}")
        ls.checker.reconfigure()
        return False
    value = result[0] if result else None
    ls.checker.reconfigure(value if value is not None else ls.checker.raw_settings, settings_given=True)
    return True


def serve() -> None:
    """Serve on stdio. Anything printed by accident goes to stderr, not into the protocol."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="hedgelint-lsp: %(levelname)s %(message)s")
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr
    server = make_server()
    server.start_io(stdin, stdout)
