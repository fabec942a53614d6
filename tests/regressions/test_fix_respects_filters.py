"""Issue 14, defect 1: --fix and --diff touch only findings the run reports.

Every filter that hides a finding from `check` (inline suppressions,
disable/enable ranges, config select/ignore, a baseline) hides it from the
fixer too, also in the re-check rounds after the first fixes.
"""

from __future__ import annotations

from typer.testing import CliRunner

from linter.cli import app

runner = CliRunner()

FORECAST = "The junta will collapse before the monsoon."
EXECUTION = "A senior official at the Ministry was executed by firing squad in March."


def _fix(path, *args):
    r = runner.invoke(app, ["check", "--fix", *args, str(path)], catch_exceptions=False)
    return r, path.read_text(encoding="utf-8")


def test_suppressed_next_line_is_not_fixed(tmp_path):
    p = tmp_path / "s.md"
    p.write_text(f"{FORECAST}\n\n<!-- hedgelint-disable-next-line HL201 -->\n{EXECUTION}\n", encoding="utf-8")
    r, after = _fix(p)
    assert "The junta could collapse" in after
    assert EXECUTION in after, "the suppressed sentence was rewritten"
    assert "Fixed 1 finding." in r.output


def test_disable_enable_range_is_not_fixed(tmp_path):
    p = tmp_path / "r.md"
    p.write_text(f"{FORECAST}\n\n<!-- hedgelint-disable unverified -->\n{EXECUTION}\n<!-- hedgelint-enable unverified -->\n", encoding="utf-8")
    _, after = _fix(p)
    assert "could collapse" in after and EXECUTION in after


def test_config_ignore_is_not_fixed(tmp_path):
    (tmp_path / ".hedgelint.yaml").write_text("ignore: [unverified]\n", encoding="utf-8")
    p = tmp_path / "c.md"
    p.write_text(f"{FORECAST}\n\n{EXECUTION}\n", encoding="utf-8")
    _, after = _fix(p)
    assert "could collapse" in after and EXECUTION in after


def test_config_select_is_not_fixed(tmp_path):
    (tmp_path / ".hedgelint.yaml").write_text("select: [unverified]\n", encoding="utf-8")
    p = tmp_path / "c.md"
    p.write_text(f"{FORECAST}\n\n{EXECUTION}\n", encoding="utf-8")
    _, after = _fix(p)
    assert FORECAST in after and "reportedly executed" in after


def test_baseline_findings_are_not_fixed(tmp_path):
    p = tmp_path / "b.md"
    p.write_text(f"{EXECUTION}\n", encoding="utf-8")
    base = tmp_path / "baseline.json"
    runner.invoke(app, ["check", "--write-baseline", str(base), str(p)], catch_exceptions=False)
    p.write_text(f"{FORECAST}\n\n{EXECUTION}\n", encoding="utf-8")
    r, after = _fix(p, "--baseline", str(base))
    assert "could collapse" in after and EXECUTION in after
    assert "Fixed 1 finding." in r.output


def test_diff_shows_only_reported_fixes(tmp_path):
    p = tmp_path / "s.md"
    p.write_text(f"{FORECAST}\n\n<!-- hedgelint-disable-next-line HL201 -->\n{EXECUTION}\n", encoding="utf-8")
    r = runner.invoke(app, ["check", "--diff", str(p)], catch_exceptions=False)
    assert "+The junta could collapse" in r.output
    assert "reportedly" not in r.output
