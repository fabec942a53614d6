"""Issue 14, defect 2: --fix applies no edit that was not reported, and counts exactly what it applied."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from linter.cli import app

runner = CliRunner()

DRAFT = "Après the purge — “everyone” in Pyongyang agrees — the régime *will\ncollapse* soon.\n"


def test_recheck_finding_with_a_damaging_deletion_is_not_applied(tmp_path):
    p = tmp_path / "q.md"
    p.write_text(DRAFT, encoding="utf-8")
    r = runner.invoke(app, ["check", "--diff", str(p)], catch_exceptions=False)
    assert "“everyone” in Pyongyang agrees" in r.output.split("+Après", 1)[1], "a quotation mark was deleted"
    runner.invoke(app, ["check", "--fix", str(p)], catch_exceptions=False)
    after = p.read_text(encoding="utf-8")
    assert after == DRAFT.replace("*will\n", "*could\n")
    assert after.count("“") == after.count("”")


def test_fixed_count_is_the_edits_applied(tmp_path):
    text = "The junta will collapse before the monsoon.\n\nThe general was executed in March.\n\nIt is obvious that the regime fears its own army.\n"
    p = tmp_path / "n.md"
    p.write_text(text, encoding="utf-8")
    found = json.loads(runner.invoke(app, ["check", "--format", "json", str(p)]).output)["findings"]
    safe = [f for f in found if any(s["safe"] for s in f["suggestions"])]
    r = runner.invoke(app, ["check", "--fix", str(p)], catch_exceptions=False)
    assert f"Fixed {len(safe)} findings." in r.output
    again = json.loads(runner.invoke(app, ["check", "--format", "json", str(p)]).output)["findings"]
    assert len(again) == len(found) - len(safe)


def test_a_finding_only_a_recheck_reports_is_counted_and_said(tmp_path):
    # dropping "beyond any doubt that" uncovers "proves": the first pass reports
    # one finding, the re-check reports the second, and the summary says so
    p = tmp_path / "t.md"
    p.write_text("This proves beyond any doubt that the Kremlin is hunting for scapegoats inside the army.\n", encoding="utf-8")
    before = json.loads(runner.invoke(app, ["check", "--format", "json", str(p)]).output)["findings"]
    assert [f["rule"] for f in before] == ["HL303"]
    r = runner.invoke(app, ["check", "--fix", str(p)], catch_exceptions=False)
    assert "Fixed 2 findings (1 of them on a re-check after the first fixes)." in r.output
    assert p.read_text(encoding="utf-8") == "This suggests the Kremlin is hunting for scapegoats inside the army.\n"
    assert runner.invoke(app, ["check", str(p)]).exit_code == 0
