"""The starlette application behind `hedgelint serve`.

`create_app(engine)` takes a loaded Engine, so the server (and the test
suite) loads the model once. Routes:

    GET  /                  the page (static/index.html, app.js, app.css)
    POST /api/check         {"text", "kind", "name"} -> the draft and its findings
    POST /api/upload?name=  the file's bytes -> the same, read as its extension says
    POST /api/accept        {"text", "kind", "name", "id", "choice"} -> the revised draft
    POST /api/download      {"text", "name", "encoding", "bom"} -> the file
    POST /api/download-docx?name=  a JSON line of decisions, a newline, the .docx -> with comments
    POST /v2/check, GET /v2/languages   LanguageTool's API (languagetool.py)

Every response carries a Content-Security-Policy that allows only this
server's own script and style (no inline script, nothing remote), and the
page builds its DOM with textContent, so a draft's "<script>" is text.
"""

from __future__ import annotations

import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from linter.web import languagetool
from linter.web.drafts import KINDS, DraftChecker, DraftError, encode_like, safe_name
from linter.web.present import checked_json

STATIC = Path(__file__).parent / "static"
MAX_BODY = 10 * 1024 * 1024  # bytes: a long book chapter as .docx fits; a whole archive is for `hedgelint check`

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEDIA_TYPES = {"markdown": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8", "text": "text/plain; charset=utf-8"}


def too_large_message(size: int | None) -> str:
    got = f" (this one is {size / 1_048_576:.1f} MB)" if size else ""
    return (
        f"The draft is too large: requests are limited to {MAX_BODY // 1_048_576} MB{got}. "
        "Split it into parts, or check it from a terminal with `hedgelint check`."
    )


def _host_of(raw: str) -> str:
    raw = raw.strip().lower()
    if raw.startswith("["):
        return raw[: raw.find("]") + 1] if "]" in raw else raw
    return raw.split(":", 1)[0]


class Guard:
    """Outermost ASGI layer: the Host check, the body-size limit and the security headers.

    The body is read here, up to the limit, before the application sees the
    request: a draft is held in memory anyway, and a request over the limit
    gets its 413 with a message before any of it is parsed.
    """

    def __init__(self, app, max_body: int = MAX_BODY, allowed_hosts: list[str] | None = None):
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_secure(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        if self.allowed_hosts is not None and _host_of(headers.get("host", "")) not in self.allowed_hosts:
            # a page on another site reaching this server by DNS rebinding names its own host
            return await _reply(send_secure, 400, "this server answers only requests addressed to its own host name")
        declared = headers.get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.max_body:
            return await _reply(send_secure, 413, too_large_message(int(declared)))
        chunks, size = [], 0
        more = scope["method"] not in ("GET", "HEAD")
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_body:
                return await _reply(send_secure, 413, too_large_message(None))
            chunks.append(body)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send_secure)


async def _reply(send, status: int, message: str) -> None:
    data = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]})
    await send({"type": "http.response.body", "body": data})


def _error(exc: DraftError) -> JSONResponse:
    return JSONResponse({"error": exc.message}, status_code=exc.status)


async def _json(request: Request) -> dict:
    try:
        data = json.loads(await request.body())
    except ValueError:
        raise DraftError("the request is not valid JSON") from None
    if not isinstance(data, dict):
        raise DraftError("the request must be a JSON object")
    return data


def _text_fields(data: dict) -> tuple[str, str, str]:
    text = data.get("text")
    if not isinstance(text, str):
        raise DraftError("no text to check")
    kind = data.get("kind") or "text"
    if kind not in KINDS:
        raise DraftError(f"unknown kind '{kind}' (choose from {', '.join(KINDS)})")
    return text, kind, safe_name(data.get("name"), kind)


def _attachment(data: bytes, name: str, media_type: str) -> Response:
    from urllib.parse import quote

    ascii_name = "".join(ch if ch.isascii() and ch.isprintable() and ch not in '"\\' else "_" for ch in name)
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=media_type, headers={"content-disposition": disposition})


def revised_name(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    return f"{stem}-revised.{ext}" if dot and stem else f"{name}-revised"


def create_app(engine, config: Path | None = None, isolated: bool = False, root: Path | None = None,
               allowed_hosts: list[str] | None = None, max_body: int = MAX_BODY, allow_origin: str | None = None):
    """The ASGI application over a loaded `engine`.

    `config`, `isolated` and `root` choose the configuration as `hedgelint
    check` would for a file named like the draft in `root` (default: the
    current directory). `allowed_hosts` limits the Host header (None: any).
    `allow_origin`, as LanguageTool's server's --allow-origin, lets scripts
    of that origin ("*": any) call /v2/ from a browser page; the page's own
    API never answers another origin.
    """
    checker = DraftChecker(engine, config, isolated, root)

    def cors(response: Response) -> Response:
        if allow_origin:
            response.headers["access-control-allow-origin"] = allow_origin
        return response

    def preflight() -> Response:
        if not allow_origin:
            return Response(status_code=405)
        return cors(Response(status_code=204, headers={
            "access-control-allow-methods": "GET, POST, OPTIONS",
            "access-control-allow-headers": "Content-Type",
            "access-control-max-age": "600",
        }))

    def rules():
        return checker.rules

    async def index(request: Request):
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def api_check(request: Request):
        try:
            text, kind, name = _text_fields(await _json(request))
            checked = await run_in_threadpool(checker.check_text, text, name, kind)
        except DraftError as exc:
            return _error(exc)
        return JSONResponse(checked_json(checked, rules()))

    async def api_upload(request: Request):
        name = safe_name(request.query_params.get("name"))
        try:
            checked = await run_in_threadpool(checker.check_upload, await request.body(), name)
        except DraftError as exc:
            return _error(exc)
        return JSONResponse(checked_json(checked, rules()))

    async def api_accept(request: Request):
        try:
            data = await _json(request)
            text, kind, name = _text_fields(data)
            choice = data.get("choice", 0)
            if not isinstance(data.get("id"), str) or not isinstance(choice, int):
                raise DraftError("an accepted rewrite needs the finding's id and the suggestion's number")
            checked, accepted = await run_in_threadpool(checker.accept, text, name, kind, data["id"], choice)
        except DraftError as exc:
            return _error(exc)
        out = checked_json(checked, rules())
        out["accepted"] = {"rule": accepted.rule, "replacement": accepted.suggestions[choice].replacement}
        return JSONResponse(out)

    async def api_download(request: Request):
        try:
            data = await _json(request)
            text, kind, name = _text_fields(data)
            payload = encode_like(text, str(data.get("encoding") or "utf-8"), bool(data.get("bom")))
        except DraftError as exc:
            return _error(exc)
        return _attachment(payload, revised_name(name), MEDIA_TYPES[kind])

    async def api_download_docx(request: Request):
        name = safe_name(request.query_params.get("name"), "docx")
        body = await request.body()
        head, sep, data = body.partition(b"\n")
        try:
            if not sep:
                raise DraftError("expected a line of decisions, a newline, then the .docx file")
            try:
                decisions = json.loads(head or b"{}")
            except ValueError:
                raise DraftError("the decisions line is not valid JSON") from None
            choices = {str(k): int(v) for k, v in (decisions.get("accepted") or {}).items()}
            dismissed = {str(k) for k in decisions.get("dismissed") or []}
            out, _ = await run_in_threadpool(checker.docx_with_comments, data, name, choices, dismissed)
        except DraftError as exc:
            return _error(exc)
        except (TypeError, ValueError, AttributeError):
            return JSONResponse({"error": "the decisions line must be {\"accepted\": {id: n}, \"dismissed\": [id]}"}, status_code=400)
        return _attachment(out, revised_name(name), DOCX_TYPE)

    async def lt_check(request: Request):
        if request.method == "OPTIONS":
            return preflight()
        try:
            fields = dict(request.query_params)
            if request.method == "POST":
                ctype = request.headers.get("content-type", "")
                if ctype.startswith("multipart/form-data"):
                    form = await request.form(max_part_size=max_body)
                    fields.update({k: v for k, v in form.items() if isinstance(v, str)})
                else:
                    fields.update(languagetool.read_form(await request.body()))
            result = await run_in_threadpool(languagetool.check, checker, fields)
        except DraftError as exc:
            # LanguageTool answers a bad request with a plain-text reason
            return cors(Response(exc.message, status_code=400, media_type="text/plain; charset=utf-8"))
        return cors(JSONResponse(result))

    async def lt_languages(request: Request):
        if request.method == "OPTIONS":
            return preflight()
        return cors(JSONResponse(languagetool.languages()))

    routes = [
        Route("/", index),
        Route("/api/check", api_check, methods=["POST"]),
        Route("/api/upload", api_upload, methods=["POST"]),
        Route("/api/accept", api_accept, methods=["POST"]),
        Route("/api/download", api_download, methods=["POST"]),
        Route("/api/download-docx", api_download_docx, methods=["POST"]),
        Route("/v2/check", lt_check, methods=["GET", "POST", "OPTIONS"]),
        Route("/v2/languages", lt_languages, methods=["GET", "OPTIONS"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    app = Starlette(routes=routes)
    app.state.checker = checker
    return Guard(app, max_body=max_body, allowed_hosts=allowed_hosts)


LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]
