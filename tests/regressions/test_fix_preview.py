"""Issue 14, defect 8: the text output shows the sentence as it would read after the first suggestion."""

from __future__ import annotations

from typer.testing import CliRunner

from linter.cli import app

runner = CliRunner()


def test_text_output_shows_the_rewritten_sentence(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("Nobody is ready. The junta will collapse before\nthe monsoon, and the army knows it.\n", encoding="utf-8")
    out = runner.invoke(app, ["check", str(p)]).output
    assert "= fix: 'will' -> 'could'" in out
    assert "= reads: The junta could collapse before the monsoon, and the army knows it." in out


def test_deletion_is_shown_as_delete(tmp_path):
    p = tmp_path / "d.md"
    p.write_text("There is no doubt that the army is afraid of the students.\n", encoding="utf-8")
    out = runner.invoke(app, ["check", str(p)]).output
    assert "= reads: The army is afraid of the students." in out
