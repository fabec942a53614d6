#!/usr/bin/env python3
"""The page's time from paste to highlights (prints figures; never a test).

Starts `hedgelint serve`'s app on a free port of 127.0.0.1, opens the page in
headless Chromium (Debian's /usr/bin/chromium, driven by Playwright), pastes
a draft and clicks "Check draft". The time is taken inside the page, from the
click to the moment the first highlight is in the document (a
MutationObserver), so it covers the request, the engine and the drawing, and
not Playwright's own round trips. Also times one accepted rewrite (click to
the redrawn draft). With --shots DIR it saves screenshots at desktop (1280)
and phone (390) widths.

Usage: python benchmarks/web_latency.py [--runs N] [--words N] [--shots /tmp/web-shots]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_check import draft_of  # noqa: E402
from tests.webserver import running  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Arms a timer: the click on `selector` starts it, the first node matching
# `done` (or a change of #doc's text, for an accept) stops it.
ARM = """([selector, done]) => {
  window.__t = null;
  const start = { t: 0 };
  document.querySelector(selector).addEventListener('click', () => { start.t = performance.now(); }, { capture: true, once: true });
  const before = document.getElementById('doc').textContent;
  const obs = new MutationObserver(() => {
    const doc = document.getElementById('doc');
    const ready = done ? doc.querySelector(done) : doc.textContent !== before;
    if (start.t && ready) { window.__t = performance.now() - start.t; obs.disconnect(); }
  });
  obs.observe(document.getElementById('doc'), { childList: true, subtree: true, characterData: true });
}"""


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--words", type=int, default=1000)
    ap.add_argument("--shots", type=Path, default=None)
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from linter.core.engine import Engine
    from linter.web.app import LOOPBACK_HOSTS, create_app

    exe = os.environ.get("HEDGELINT_CHROMIUM") or shutil.which("chromium")
    if not exe:
        sys.exit("no Chromium: apt-get install chromium")
    engine = Engine()
    t = time.perf_counter()
    engine.nlp
    print(f"model load {time.perf_counter() - t:.2f} s (once, at server start)")
    text = draft_of(args.words)
    words = len(text.split())

    with running(create_app(engine, allowed_hosts=LOOPBACK_HOSTS)) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=FLAGS, headless=True)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url)
        paste, accept = [], []
        for i in range(args.runs + 1):  # the first run warms the engine and the page
            if page.locator("#new").is_visible():
                page.click("#new")
            page.fill("#draft", text)
            page.select_option("#kind", "markdown")
            page.evaluate(ARM, ["#check", "mark.hl"])
            page.click("#check")
            page.wait_for_selector("mark.hl")
            _wait(page)
            if i:
                paste.append(page.evaluate("() => window.__t"))
            marks = page.locator("mark.hl").count()
            page.locator("mark.hl").first.click()
            page.evaluate(ARM, ["#cards .card.active button.accept", None])
            page.locator("#cards .card.active button.accept").first.click()
            _wait(page)
            if i:
                accept.append(page.evaluate("() => window.__t"))
        print(f"paste to highlights, {words}-word draft ({marks} highlights), {args.runs} runs: "
              f"median {statistics.median(paste):.0f} ms, p95 {pct(paste, 95):.0f} ms, min {min(paste):.0f} ms")
        print(f"accept a rewrite to redrawn draft (check, edit, re-check): "
              f"median {statistics.median(accept):.0f} ms, p95 {pct(accept, 95):.0f} ms")
        if args.shots:
            shots(browser, url, args.shots)
        browser.close()


def _wait(page, timeout: float = 30.0) -> None:
    # polled from Python: the page's CSP forbids the eval wait_for_function needs
    deadline = time.monotonic() + timeout
    while page.evaluate("() => window.__t") is None:
        if time.monotonic() > deadline:
            raise TimeoutError("the page did not draw in time")
        time.sleep(0.005)


def shots(browser, url: str, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    text = (ROOT / "samples" / "draft.md").read_text()
    for width, height, name in ((1280, 900, "desktop"), (390, 844, "phone")):
        ctx = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=1 if width > 500 else 2,
                                  is_mobile=width < 500, has_touch=width < 500)
        page = ctx.new_page()
        page.goto(url)
        page.screenshot(path=str(out / f"{name}-1-empty.png"))
        page.fill("#draft", text)
        page.select_option("#kind", "markdown")
        page.click("#check")
        page.wait_for_selector("mark.hl")
        page.screenshot(path=str(out / f"{name}-2-highlights.png"))
        page.locator('mark.hl[data-id^="HL101:"]').click()
        time.sleep(1.2)  # the smooth scroll to the card
        page.locator("#cards .card.active summary", has_text="Why it fired").click()
        time.sleep(1.2)  # the smooth scroll to the card
        page.screenshot(path=str(out / f"{name}-3-card.png"))
        page.screenshot(path=str(out / f"{name}-4-full.png"), full_page=True)
        ctx.close()
    print(f"screenshots in {out}")


if __name__ == "__main__":
    main()
