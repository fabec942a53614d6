"""Drafts in, findings out, through the same check layer as `hedgelint check`.

A pasted or uploaded draft is checked as `hedgelint check --stdin-filename
NAME -` would check it: the configuration found from the directory the
server runs in (select, ignore, severity, quotes, rule packs), the inline
suppressions in the draft, the reader its extension asks for. Accepted
rewrites are applied by linter/check/fix.py and Word drafts get their
suggestions as comments by linter/check/docx_fix.py, as `--fix` does.

No draft is kept: text lives in the request and the browser. A Word file
must be a file for python-docx's reader and the comment writer, so it is
written to a private temporary directory (in memory where /dev/shm exists)
and deleted before the response leaves.
"""

from __future__ import annotations

import os
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path, PurePath
from typing import Iterator

from linter.check.filters import FileFilter
from linter.check.fix import apply_edits
from linter.check.session import CheckOptions, CheckSession
from linter.core.finding import Finding
from linter.sources import SourceError, attach_reader, kind_of, text_document
from linter.sources.text import decode

KINDS = ("text", "markdown", "html")
UPLOAD_KINDS = {"markdown", "text", "html", "docx"}


class DraftError(Exception):
    """A draft the page cannot use; `message` is shown to the writer as is."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass
class Checked:
    text: str  # what the page shows: the decoded source (a Word draft: its paragraphs, one per line)
    kind: str
    name: str
    findings: list[Finding]
    encoding: str = "utf-8"
    bom: bool = False


def safe_name(name: str | None, kind: str = "text") -> str:
    """The file name a draft is checked under: no directories (a name picks its
    config and reader, never a path to read), an extension for its kind."""
    base = PurePath((name or "").replace("\\", "/")).name.strip()
    if not base or base in (".", ".."):
        base = {"markdown": "draft.md", "html": "draft.html", "docx": "draft.docx"}.get(kind, "draft.txt")
    return base[:200]


def _private_dir() -> str | None:
    shm = Path("/dev/shm")  # memory-backed: the Word file never reaches a disk
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else None


@contextmanager
def scratch_file(data: bytes, name: str) -> Iterator[Path]:
    """`data` as a file named `name` in a private directory, removed on exit."""
    with tempfile.TemporaryDirectory(prefix="hedgelint-web-", dir=_private_dir()) as d:
        path = Path(d) / name
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        yield path


class DraftChecker:
    """One engine (one model load) behind every request; requests take turns
    on it, since a spaCy pipeline is not made to be shared between threads."""

    def __init__(self, engine, config: Path | None = None, isolated: bool = False, root: Path | None = None):
        self.engine = engine
        self.config = config
        self.isolated = isolated
        self.root = Path(root) if root is not None else Path.cwd()
        self._lock = threading.Lock()

    @property
    def rules(self) -> dict:
        return {r.id: r for r in self.engine.rules}

    # ------------------------------------------------------------ checking
    def _session(self, name: str) -> CheckSession:
        # the config is found from <root>/<name>, as for --stdin-filename
        options = CheckOptions(paths=[], stdin_filename=str(self.root / name), config=self.config, isolated=self.isolated)
        session = CheckSession(options, lambda **_: self.engine)
        session.engine = self.engine
        return session

    def _filtered(self, document, name: str) -> list[Finding]:
        with self._lock:
            result = next(self.engine.check_documents([document]))
        if result.error is not None:
            raise DraftError(f"{name}: {result.error.message}")
        return FileFilter(self._session(name), result, report=False).filter(result.findings)

    def check_text(self, text: str, name: str, kind: str | None = None) -> Checked:
        kind = kind or kind_of(name)
        if kind not in KINDS:
            raise DraftError(f"cannot read pasted text as {kind}")
        doc = attach_reader(text_document(text, name, kind))
        return Checked(text, kind, name, self._filtered(doc, name))

    def check_upload(self, data: bytes, name: str) -> Checked:
        kind = kind_of(name)
        if kind == "docx":
            return self.check_docx(data, name)
        try:
            text, encoding, bom = decode(data, name)
        except SourceError as exc:
            raise DraftError(f"{name}: {exc.message}") from None
        checked = self.check_text(text, name, kind)
        checked.encoding, checked.bom = encoding, bom
        return checked

    def check_docx(self, data: bytes, name: str) -> Checked:
        from linter.sources.docx import read_docx

        with scratch_file(data, name) as path:
            try:
                doc = read_docx(path, name)
            except SourceError as exc:
                raise DraftError(f"{name}: {exc.message}") from None
            doc.source_path = None  # the config is found from the draft's name, not the scratch file
            findings = self._filtered(doc, name)
            text = "\n".join(doc.lines())
        return Checked(text, "docx", name, findings)

    # ------------------------------------------------------------- editing
    def accept(self, text: str, name: str, kind: str, finding_id: str, choice: int) -> tuple[Checked, Finding]:
        """Apply suggestion `choice` of the finding `finding_id` of `text`.

        The finding is found again by checking `text` afresh, so the edit
        applied is one the engine made for exactly this text, never offsets
        sent by the browser; the fix code applies it, and the new text is
        checked again for the page.
        """
        current = self.check_text(text, name, kind)
        finding = next((f for f in current.findings if finding_key(f) == finding_id), None)
        if finding is None:
            raise DraftError("that finding is no longer in the draft; it was checked again", status=409)
        if not 0 <= choice < len(finding.suggestions):
            raise DraftError("no such suggestion for that finding", status=409)
        new_text, applied = apply_edits(text, [finding.suggestions[choice]])
        return self.check_text(new_text, name, kind), finding

    def docx_with_comments(self, data: bytes, name: str, choices: dict[str, int], dismissed: set[str]) -> tuple[bytes, int]:
        """The Word draft with one comment per finding not dismissed, as
        `--fix` adds them; a chosen suggestion is the one the comment names."""
        from linter.check.docx_fix import add_comments
        from linter.sources.docx import read_docx

        with scratch_file(data, name) as path:
            try:
                doc = read_docx(path, name)
            except SourceError as exc:
                raise DraftError(f"{name}: {exc.message}") from None
            doc.source_path = None
            findings = []
            for f in self._filtered(doc, name):
                key = finding_key(f)
                if key in dismissed:
                    continue
                k = choices.get(key, 0)
                if 0 < k < len(f.suggestions):
                    f = replace(f, suggestions=(f.suggestions[k], *(s for i, s in enumerate(f.suggestions) if i != k)))
                findings.append(f)
            result = add_comments(path, findings)
            return path.read_bytes(), result.added


def finding_key(f: Finding) -> str:
    """A finding's name within one text: its rule and exact range."""
    return f"{f.rule}:{f.start}:{f.end}"


def encode_like(text: str, encoding: str, bom: bool) -> bytes:
    """The revised text in the uploaded file's encoding, with its BOM if it had one."""
    if encoding not in ("utf-8", "utf-16-le", "utf-16-be"):
        encoding = "utf-8"
    data = text.encode(encoding, errors="surrogatepass")
    if bom:
        data = {"utf-8": b"\xef\xbb\xbf", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding] + data
    return data
