"""`hedgelint serve` over HTTP: the page's API, LanguageTool's /v2 API, the limits.

The app is built over the session's engine (one model load for the suite)
and driven with starlette's TestClient; the page itself, in Chromium, is
tests/test_web_page.py.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from urllib.parse import urlencode

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install -e '.[web]'")
pytest.importorskip("httpx", reason="starlette's TestClient needs httpx: pip install -e '.[test]'")

from starlette.testclient import TestClient  # noqa: E402

from linter.web.app import MAX_BODY, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "samples" / "draft.md"
CLAIM = "The junta will collapse before the monsoon."


@pytest.fixture(scope="module")
def client(engine, tmp_path_factory):
    # an empty directory as the root, so no config of the checkout applies
    root = tmp_path_factory.mktemp("serve-root")
    with TestClient(create_app(engine, root=root)) as c:
        yield c


def check(client, text, kind="text", name=None):
    r = client.post("/api/check", json={"text": text, "kind": kind, "name": name})
    assert r.status_code == 200, r.text
    return r.json()


def by_rule(found, rule):
    return [f for f in found["findings"] if f["rule"] == rule]


def utf16_slice(text: str, offset: int, length: int) -> str:
    units = text.encode("utf-16-le")
    return units[2 * offset: 2 * (offset + length)].decode("utf-16-le")


# ------------------------------------------------------------------ the page
def test_page_and_assets_come_with_a_policy_that_forbids_remote_and_inline_script(client):
    page = client.get("/")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["default-src"] == "'none'"
    assert "unsafe-inline" not in csp and "http" not in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert '<script src="/static/app.js"' in page.text
    for asset in ("app.js", "app.css"):
        r = client.get(f"/static/{asset}")
        assert r.status_code == 200 and r.headers["content-security-policy"] == csp
    # the page has no inline script or style to allow
    assert "<script>" not in page.text and "style=" not in page.text


def test_the_script_never_writes_markup_from_strings():
    js = (ROOT / "linter" / "web" / "static" / "app.js").read_text()
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in js.replace("never innerHTML", ""), sink


def test_a_draft_with_markup_comes_back_as_data(client):
    text = "<script>alert(1)</script> " + CLAIM
    found = check(client, text)
    assert found["text"] == text
    assert [f["text"] for f in found["findings"]] == ["will collapse"]


# ------------------------------------------------------------------ same findings as check
def test_web_findings_equal_the_cli_json_findings_on_the_sample_draft(client, cli):
    result = cli(["check", "--isolated", "--format", "json", str(DRAFT)])
    expected = [{k: v for k, v in f.items() if k != "path"} for f in json.loads(result.stdout)["findings"]]
    assert expected, "the sample draft has findings"
    keys = expected[0].keys()

    pasted = check(client, DRAFT.read_text(), "markdown", "draft.md")
    uploaded = client.post("/api/upload?name=draft.md", content=DRAFT.read_bytes()).json()
    for found in (pasted, uploaded):
        got = [{k: f[k] for k in keys} for f in found["findings"]]
        assert got == expected


def test_config_and_inline_suppressions_apply_as_in_check(engine, tmp_path):
    (tmp_path / ".hedgelint.yaml").write_text("ignore: [certainty]\n")
    text = "This clearly proves that the generals no longer trust each other.\n\n<!-- hedgelint-disable-next-line HL101 -->\n" + CLAIM + "\n\n" + CLAIM + "\n"
    with TestClient(create_app(engine, root=tmp_path)) as c:
        found = c.post("/api/check", json={"text": text, "kind": "markdown", "name": "x.md"}).json()
    assert [(f["rule"], f["line"]) for f in found["findings"]] == [("HL101", 6)]


# ------------------------------------------------------------------ uploads
def test_upload_reads_each_format_by_its_extension(client):
    html = ("<html><body><p>" + CLAIM + "</p><blockquote>" + CLAIM + "</blockquote></body></html>").encode()
    found = client.post("/api/upload?name=story.html", content=html).json()
    assert found["kind"] == "html" and len(found["findings"]) == 1  # the block quote is someone else's words
    assert found["text"][found["findings"][0]["offset"]:found["findings"][0]["end"]] == "will collapse"

    md = ("```\n" + CLAIM + "\n```\n\n" + CLAIM + "\n").encode()
    found = client.post("/api/upload?name=notes.md", content=md).json()
    assert [f["line"] for f in found["findings"]] == [5]  # code is skipped

    found = client.post("/api/upload?name=notes.txt", content=b"\xff\xfe" + CLAIM.encode("utf-16-le")).json()
    assert (found["encoding"], found["bom"]) == ("utf-16-le", True)
    assert len(found["findings"]) == 1


def test_upload_errors_say_what_is_wrong(client):
    r = client.post("/api/upload?name=scan.txt", content=b"PNG\x00\x00\x01binary")
    assert r.status_code == 400 and "binary" in r.json()["error"]
    r = client.post("/api/upload?name=report.docx", content=b"just some text, renamed")
    assert r.status_code == 400 and "not a Word document" in r.json()["error"]


def test_upload_name_is_only_a_name(client):
    found = client.post("/api/upload?name=../../etc/passwd.md", content=CLAIM.encode()).json()
    assert found["name"] == "passwd.md"


def _docx(paragraphs) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _scratch_dirs() -> set[str]:
    import tempfile

    found = set()
    for base in ("/dev/shm", tempfile.gettempdir()):
        if os.path.isdir(base):
            found |= {os.path.join(base, n) for n in os.listdir(base) if n.startswith("hedgelint-web-")}
    return found


def test_docx_upload_and_download_with_comments(client):
    import docx

    before = _scratch_dirs()
    data = _docx(["The winter the money ran out", CLAIM, "This clearly proves that the generals no longer trust each other."])
    found = client.post("/api/upload?name=draft.docx", content=data).json()
    assert found["kind"] == "docx" and found["editable"] is False
    assert found["text"].split("\n")[1] == CLAIM
    rules = [f["rule"] for f in found["findings"]]
    assert "HL101" in rules and len(rules) == 2
    forecast = by_rule(found, "HL101")[0]
    other = next(f for f in found["findings"] if f["rule"] != "HL101")
    assert found["text"][forecast["offset"]:forecast["end"]] == "will collapse"

    decisions = {"accepted": {forecast["id"]: 1}, "dismissed": [other["id"]]}
    r = client.post("/api/download-docx?name=draft.docx", content=json.dumps(decisions).encode() + b"\n" + data)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "draft-revised.docx" in r.headers["content-disposition"]
    out = docx.Document(io.BytesIO(r.content))
    comments = list(out.comments)
    assert len(comments) == 1  # the dismissed finding has none
    assert comments[0].text.startswith("HL101:") and forecast["rewrites"][1]["new"] in comments[0].text
    assert [p.text for p in out.paragraphs] == ["The winter the money ran out", CLAIM, "This clearly proves that the generals no longer trust each other."]
    assert _scratch_dirs() == before  # nothing of the draft is left behind


# ------------------------------------------------------------------ accept, download
def test_accept_applies_the_rewrite_and_rechecks(client):
    text = "Notes\n\n" + CLAIM + " This clearly proves that the army is split.\n"
    found = check(client, text)
    f = by_rule(found, "HL101")[0]
    assert f["rewrites"][0]["new"] == "could"
    r = client.post("/api/accept", json={"text": text, "kind": "text", "name": "notes.txt", "id": f["id"], "choice": 0})
    assert r.status_code == 200, r.text
    fresh = r.json()
    assert fresh["text"] == text.replace("will collapse", "could collapse")
    assert not by_rule(fresh, "HL101")
    assert len(fresh["findings"]) == len(found["findings"]) - 1
    # offsets of the findings left point into the new text
    for g in fresh["findings"]:
        assert fresh["text"][g["offset"]:g["end"]] == g["text"]


def test_accept_of_a_finding_no_longer_there_is_refused(client):
    r = client.post("/api/accept", json={"text": CLAIM, "kind": "text", "name": "a.txt", "id": "HL101:0:4", "choice": 0})
    assert r.status_code == 409 and "no longer" in r.json()["error"]


def test_download_keeps_the_uploaded_encoding(client):
    text = "Caf\u00e9 notes\r\n\r\n" + CLAIM.replace("will collapse", "could collapse") + "\r\n"
    r = client.post("/api/download", json={"text": text, "kind": "text", "name": "notes.txt", "encoding": "utf-16-le", "bom": True})
    assert r.status_code == 200
    assert r.content == b"\xff\xfe" + text.encode("utf-16-le")
    assert 'filename="notes-revised.txt"' in r.headers["content-disposition"]
    r = client.post("/api/download", json={"text": "# T\n\n" + CLAIM, "kind": "markdown", "name": "draft.md"})
    assert r.content == ("# T\n\n" + CLAIM).encode() and r.headers["content-type"].startswith("text/markdown")


# ------------------------------------------------------------------ limits, hosts
def test_a_request_over_ten_megabytes_is_refused_with_a_clear_message(client):
    big = b"a" * (MAX_BODY + 1)
    r = client.post("/api/upload?name=big.txt", content=big)
    assert r.status_code == 413
    message = r.json()["error"]
    assert "10 MB" in message and "hedgelint check" in message

    def chunks():  # no Content-Length: the limit is counted as the body arrives
        for _ in range(11):
            yield b"b" * (1024 * 1024)

    r = client.post("/api/upload?name=big.txt", content=chunks())
    assert r.status_code == 413 and "10 MB" in r.json()["error"]
    r = client.post("/v2/check", content=b"text=" + big, headers={"content-type": "application/x-www-form-urlencoded"})
    assert r.status_code == 413


def test_a_request_for_another_host_name_is_refused(engine):
    with TestClient(create_app(engine, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1:8000") as c:
        assert c.get("/").status_code == 200
        assert c.get("/", headers={"host": "localhost:8000"}).status_code == 200
        r = c.get("/", headers={"host": "attacker.example:8000"})
        assert r.status_code == 400 and "host" in r.json()["error"]


# ------------------------------------------------------------------ LanguageTool's API
def test_v2_check_offsets_count_utf16_units_past_emoji_and_accents(client):
    text = "\U0001F600 Caf\u00e9 cr\u00e8me, na\u00efve \U0001F1F0\U0001F1F5 note.\n\n" + CLAIM
    r = client.post("/v2/check", data={"text": text, "language": "en-US"})
    assert r.status_code == 200, r.text
    body = r.json()
    (m,) = body["matches"]
    assert utf16_slice(text, m["offset"], m["length"]) == "will collapse"
    assert m["offset"] == len(text[: text.index("will")].encode("utf-16-le")) // 2
    assert m["offset"] != text.index("will")  # the emoji count twice
    assert [r["value"] for r in m["replacements"]] == ["could collapse", "may collapse"]
    ctx = m["context"]
    assert utf16_slice(ctx["text"], ctx["offset"], ctx["length"]) == "will collapse"
    assert m["sentence"] == CLAIM
    assert m["rule"]["id"] == "HL101" and m["rule"]["category"]["id"] == "HEDGELINT_FORECAST"
    assert m["rule"]["issueType"] == "style" and m["rule"]["description"]
    assert {"message", "shortMessage"} <= m.keys() and m["message"].startswith("States")
    assert body["software"]["apiVersion"] == 1 and body["language"]["code"] == "en-US"


def test_v2_check_replacement_covers_a_rewrite_outside_the_flagged_words(client):
    # HL301 flags "proves"; its rewrite replaces "clearly proves"
    text = "This clearly proves that the generals are split."
    (m,) = client.post("/v2/check", data={"text": text, "language": "en-GB"}).json()["matches"]
    assert m["rule"]["id"] == "HL301"
    assert utf16_slice(text, m["offset"], m["length"]) == "clearly proves"
    assert m["replacements"][0]["value"] == "suggests"


# A request as LTeX's LanguageToolHttpInterface sends it: the form fields
# urlencoded, under a JSON content type, `data` an annotation of a Markdown
# buffer (markup skipped, counted in the offsets), rules disabled by id.
LTEX_BODY = urlencode(
    {
        "language": "en-US",
        "data": json.dumps(
            {
                "annotation": [
                    {"markup": "# "},
                    {"text": "Caf\u00e9 \U0001F30D report"},
                    {"markup": "\n\n", "interpretAs": "\n\n"},
                    {"markup": "**"},
                    {"text": "The junta"},
                    {"markup": "**"},
                    {"text": " will collapse before the monsoon. This clearly proves that the generals are split."},
                ]
            }
        ),
        "disabledRules": "HL301,OTHER_RULE",
    }
)


def test_a_recorded_ltex_request(client):
    r = client.post("/v2/check", content=LTEX_BODY.encode(), headers={"content-type": "application/json; charset=UTF-8"})
    assert r.status_code == 200, r.text
    matches = r.json()["matches"]
    original = "# Caf\u00e9 \U0001F30D report\n\n**The junta** will collapse before the monsoon. This clearly proves that the generals are split."
    texts = {m["rule"]["id"]: utf16_slice(original, m["offset"], m["length"]) for m in matches}
    assert texts["HL101"] == "will collapse"
    assert "HL301" not in texts  # the client disabled it
    forecast = next(m for m in matches if m["rule"]["id"] == "HL101")
    assert forecast["offset"] == len(original[: original.index("will")].encode("utf-16-le")) // 2


# The browser extension's shape: `data` with text and markup for a rich
# editor, language "auto" with preferred variants, and fields it always sends.
EXTENSION_FIELDS = {
    "data": json.dumps({"annotation": [{"markup": "<p>"}, {"text": "Na\u00efvely put, " + CLAIM}, {"markup": "</p>", "interpretAs": "\n\n"}]}),
    "language": "auto",
    "preferredVariants": "en-US,de-DE,pt-BR",
    "level": "picky",
    "enabledOnly": "false",
    "textSessionId": "12345:1700000000000",
    "useragent": "webextension-chrome-ng",
}


def test_a_browser_extension_request(client):
    r = client.post("/v2/check", data=EXTENSION_FIELDS)
    assert r.status_code == 200, r.text
    body = r.json()
    (m,) = body["matches"]
    original = "<p>Na\u00efvely put, " + CLAIM + "</p>"
    assert utf16_slice(original, m["offset"], m["length"]) == "will collapse"
    assert body["language"]["code"] == "en-US"


def test_v2_check_filters_other_languages_and_bad_requests(client):
    r = client.post("/v2/check", data={"text": "Die Junta wird fallen.", "language": "de-DE"})
    assert r.status_code == 200 and r.json()["matches"] == []
    r = client.post("/v2/check", data={"language": "en-US"})
    assert r.status_code == 400 and "text" in r.text
    r = client.post("/v2/check", data={"data": "{not json", "language": "en-US"})
    assert r.status_code == 400 and "JSON" in r.text
    r = client.post("/v2/check", data={"text": CLAIM, "language": "en-US", "enabledOnly": "true", "enabledCategories": "HEDGELINT_CERTAINTY"})
    assert r.json()["matches"] == []
    r = client.get("/v2/check", params={"text": CLAIM, "language": "en"})
    assert len(r.json()["matches"]) == 1


def test_v2_answers_other_origins_only_when_allowed(client, engine):
    assert "access-control-allow-origin" not in client.post("/v2/check", data={"text": CLAIM, "language": "en"}).headers
    assert client.options("/v2/check").status_code == 405
    with TestClient(create_app(engine, allow_origin="*")) as c:
        pre = c.options("/v2/check", headers={"origin": "moz-extension://abc", "access-control-request-method": "POST"})
        assert pre.status_code == 204 and pre.headers["access-control-allow-origin"] == "*"
        assert "POST" in pre.headers["access-control-allow-methods"]
        r = c.post("/v2/check", data={"text": CLAIM, "language": "en"}, headers={"origin": "moz-extension://abc"})
        assert r.headers["access-control-allow-origin"] == "*" and len(r.json()["matches"]) == 1
        assert "access-control-allow-origin" not in c.post("/api/check", json={"text": CLAIM}).headers


def test_v2_languages(client):
    langs = client.get("/v2/languages").json()
    assert {"name": "English (US)", "code": "en", "longCode": "en-US"} in langs
    assert all(set(x) == {"name", "code", "longCode"} for x in langs)


# ------------------------------------------------------------------ the command
def test_serve_binds_to_loopback_by_default_and_says_so(cli, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    r = cli(["serve", "--port", "8123"])
    assert r.exit_code == 0, r.output
    (app, kw), = calls
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8123
    assert "http://127.0.0.1:8123/" in r.output and "only this computer" in r.output
    assert "warning" not in r.output
    assert app.allowed_hosts is not None and "localhost" in app.allowed_hosts


def test_serve_warns_when_told_to_listen_beyond_this_computer(cli, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    r = cli(["serve", "--host", "0.0.0.0"])
    assert r.exit_code == 0
    assert calls[0]["host"] == "0.0.0.0"
    assert "warning: listening on 0.0.0.0" in r.output and "other computers" in r.output
