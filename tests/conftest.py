"""Shared fixtures: one engine (one model load) for the whole session."""

from __future__ import annotations

import pytest

from linter.engine import Engine


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
