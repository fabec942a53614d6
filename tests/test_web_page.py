"""The page of `hedgelint serve` in headless Chromium, against a real server.

One uvicorn server per module, on a free port of 127.0.0.1, over the
session's engine. Skips (with the reason) where Chromium or Playwright is
missing; .ci/run installs Debian's chromium so CI runs these.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the web extra is not installed: pip install -e '.[web]'")
pytest.importorskip("uvicorn", reason="the web extra is not installed: pip install -e '.[web]'")

from linter.web.app import LOOPBACK_HOSTS, create_app  # noqa: E402
from tests.webserver import running  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "samples" / "draft.md"
CLAIM = "The junta will collapse before the monsoon."

# Where each mark starts in the drawn document, its text, category and finding id.
MARKS_JS = """() => {
  const doc = document.getElementById('doc');
  return Array.from(doc.querySelectorAll('mark.hl')).map((m) => {
    const r = document.createRange();
    r.setStart(doc, 0);
    r.setEndBefore(m);
    return [r.toString().length, m.textContent, m.className, m.dataset.id];
  });
}"""


@pytest.fixture(scope="module")
def base_url(engine, tmp_path_factory):
    root = tmp_path_factory.mktemp("serve-root")  # no config of the checkout applies
    with running(create_app(engine, root=root, allowed_hosts=LOOPBACK_HOSTS)) as url:
        yield url


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    p = context.new_page()
    p.problems = []  # console errors (a CSP violation shows here) and uncaught exceptions
    p.on("console", lambda m: p.problems.append(m.text) if m.type == "error" else None)
    p.on("pageerror", lambda e: p.problems.append(str(e)))
    p.goto(base_url)
    yield p
    context.close()


def paste_and_check(page, text, kind="text"):
    page.fill("#draft", text)
    page.select_option("#kind", kind)
    page.click("#check")
    page.wait_for_selector("#review:not([hidden])")


def same_text(shown: str, text: str) -> bool:
    """The page draws the draft character for character, a hard line break
    inside a paragraph drawn as a space so the text reflows on a phone."""
    return len(shown) == len(text) and shown.split() == text.split()


def cli_offsets(cli, path: Path, text: str):
    """(offset, flagged text, category) of each finding `hedgelint check` reports."""
    found = json.loads(cli(["check", "--isolated", "--format", "json", str(path)]).stdout)["findings"]
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return sorted((starts[f["line"] - 1] + f["column"] - 1, f["text"], f["category"]) for f in found)


def test_paste_see_highlights_accept_a_rewrite_and_download(page, cli):
    text = DRAFT.read_text()
    paste_and_check(page, text, "markdown")
    page.wait_for_selector("mark.hl")
    marks = page.evaluate(MARKS_JS)
    expected = cli_offsets(cli, DRAFT, text)
    assert sorted((o, t, c.split("cat-")[1].split()[0]) for o, t, c, _ in marks) == expected
    assert page.locator("#cards .card").count() == len(expected)
    assert same_text(page.locator("#doc").text_content(), text)  # the whole draft, highlights in place

    # the highlight opens its card: message, why it fired, rewrites
    page.click('mark.hl[data-id^="HL101:"]')
    card = page.locator("#cards .card.active")
    assert "States a regime's collapse as certain." in card.text_content()
    card.locator("summary", has_text="Why it fired").click()
    assert "No source is named for it." in card.locator(".why").text_content()
    assert "could" in card.locator(".rewrite").first.text_content()

    card.locator("button.accept").first.click()
    # (a locator wait, not wait_for_function: the page's CSP forbids the eval that one needs)
    page.locator("#doc", has_text="The junta could collapse").wait_for()
    after = page.evaluate(MARKS_JS)
    assert len(after) == len(marks) - 1
    assert not [m for m in after if m[3].startswith("HL101:")]
    revised = text.replace("The junta will collapse", "The junta could collapse")
    assert same_text(page.locator("#doc").text_content(), revised)

    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "draft-revised.md"
    assert Path(download.path()).read_text() == revised
    assert page.problems == []


def test_dismiss_hides_a_finding_and_it_stays_hidden_after_an_accept(page):
    text = CLAIM + " This clearly proves that the generals are split.\n"
    paste_and_check(page, text)
    page.wait_for_selector("mark.hl")
    assert page.locator("mark.hl").count() == 2
    page.click('mark.hl[data-id^="HL301:"]')
    page.locator("#cards .card.active button.dismiss").click()
    assert page.locator("mark.hl").count() == 1
    page.locator("#cards .card button.accept").first.click()
    page.locator("#doc", has_text="could collapse").wait_for()
    assert page.locator("mark.hl").count() == 0
    assert "No findings left" in page.locator("#cards").text_content()


def test_script_in_a_draft_is_shown_as_text_and_never_runs(page):
    draft = (
        "<script>window.__pwned = 1</script>\n\n"
        '<img src="x" onerror="window.__pwned = 2">' + CLAIM + ' <b onmouseover="window.__pwned = 3">bold</b>\n'
    )
    paste_and_check(page, draft)
    page.wait_for_selector("mark.hl")
    assert same_text(page.locator("#doc").text_content(), draft)
    assert page.locator("#doc script, #doc img, #doc b, #cards script, #cards img, #cards b").count() == 0
    page.hover("#doc")
    assert page.evaluate("window.__pwned") is None
    assert "<img" in page.locator("#cards .card .flagged").first.text_content()

    html = b"<html><body><script>window.__pwned = 4</script><p>" + CLAIM.encode() + b"</p></body></html>"
    page.click("#new")
    page.set_input_files("#file", files=[{"name": "story.html", "mimeType": "text/html", "buffer": html}])
    page.wait_for_selector("mark.hl")
    assert same_text(page.locator("#doc").text_content(), html.decode())
    assert page.evaluate("window.__pwned") is None
    assert page.problems == []


def _docx(paragraphs) -> bytes:
    import docx

    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def test_a_word_draft_downloads_with_its_suggestions_as_comments(page):
    import docx

    paragraphs = ["The winter the money ran out", CLAIM, "This clearly proves that the generals are split."]
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    page.set_input_files("#file", files=[{"name": "draft.docx", "mimeType": mime, "buffer": _docx(paragraphs)}])
    page.wait_for_selector("mark.hl")
    assert page.locator("mark.hl").count() == 2
    assert page.locator("#edit").is_hidden()  # a Word draft is commented, not rewritten
    page.click('mark.hl[data-id^="HL101:"]')
    page.locator("#cards .card.active button.accept").nth(1).click()  # the second rewrite for the comment
    page.click('mark.hl[data-id^="HL301:"]')
    page.locator("#cards .card.active button.dismiss").click()
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "draft-revised.docx"
    out = docx.Document(download.path())
    comments = list(out.comments)
    assert len(comments) == 1
    assert comments[0].text.startswith("HL101:") and "may" in comments[0].text
    assert [p.text for p in out.paragraphs] == paragraphs


def test_phone_width_has_no_sideways_scrolling(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(base_url)
        paste_and_check(page, DRAFT.read_text(), "markdown")
        page.wait_for_selector("mark.hl")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        # the cards come below the draft, full width
        doc_box, card_box = page.locator("#doc").bounding_box(), page.locator("#cards .card").first.bounding_box()
        assert card_box["y"] >= doc_box["y"] + doc_box["height"]
    finally:
        context.close()


def test_a_file_over_the_limit_is_refused_with_the_reason(page):
    page.set_input_files("#file", files=[{"name": "huge.txt", "mimeType": "text/plain", "buffer": b"a" * (10 * 1024 * 1024 + 1)}])
    page.locator("#status", has_text="10 MB").wait_for()
    assert page.locator("#status.error").count() == 1
    assert page.locator("#review").is_hidden()
