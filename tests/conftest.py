"""Shared fixtures: one engine (one model load) for the whole session."""

from __future__ import annotations

import os

import pytest

from linter.core.engine import Engine


@pytest.fixture(scope="session")
def engine() -> Engine:
    eng = Engine()
    eng.nlp  # load once, up front
    return eng


@pytest.fixture(scope="session")
def check(engine):
    """check(text) -> findings; check(text, rule=...) keeps one rule's findings."""

    def _check(text: str, rule: str | None = None, category: str | None = None):
        found = engine.check_text(text)
        if rule:
            found = [f for f in found if f.rule == rule]
        if category:
            found = [f for f in found if f.category == category]
        return found

    return _check


@pytest.fixture(scope="session")
def rule_hits(engine):
    """rule_hits(text, rule_id) -> that rule's findings, as if it ran alone."""

    def _hits(text: str, rule_id: str):
        doc = engine.nlp(text)
        return [h for h in engine.component.examine(doc, only={rule_id}) if h.is_finding]

    return _hits


@pytest.fixture
def cli(engine, monkeypatch):
    """Run the real CLI in-process with the session's engine (one model load)."""
    import linter.cli as cli_module
    from typer.testing import CliRunner

    def factory(model, select, ignore, keep_cleared=False, estimative=False, extra_packs=None, prefilter=True):
        if not (select or ignore or keep_cleared or estimative or extra_packs or not prefilter):
            return engine
        from linter.core.engine import Engine

        return Engine(select=select, ignore=ignore, keep_cleared=keep_cleared, estimative=estimative, extra_packs=extra_packs, prefilter=prefilter)

    monkeypatch.setattr(cli_module, "_load_engine", factory)
    runner = CliRunner()

    def run(args, input=None, cwd=None):
        old = os.getcwd()
        if cwd is not None:
            os.chdir(cwd)
        try:
            return runner.invoke(cli_module.app, args, input=input, catch_exceptions=False)
        finally:
            os.chdir(old)

    return run


# Headless Chromium for tests that look at a rendered page (the scan report,
# the local web page). Debian's `chromium` package, driven by Playwright with
# no browser download; .ci/run installs the package so CI runs these tests.
# The flags keep Chromium from reaching for the network, which this machine
# refuses (and which a page of untrusted text must never need).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """A Playwright Browser on the system Chromium, or a skip that says what is missing."""
    import shutil

    exe = os.environ.get("HEDGELINT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        pytest.skip("no Chromium on this machine: install Debian's chromium package (apt-get install chromium; .ci/run does)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield b
        finally:
            b.close()
