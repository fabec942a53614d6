"""Inline suppressions: next line, ranges, whole file, unknown ids, unused report."""

from __future__ import annotations

import json

DRAFT = """The junta will collapse before the monsoon.

{directive}
Two generals were secretly executed last month.

Two colonels have fled to Laos.
"""


def _rules(run, path, *extra):
    r = run(["check", "-f", "json", *extra, str(path)])
    return sorted(f["rule"] for f in json.loads(r.stdout)["findings"]), r


def test_next_line_in_markdown_and_text(tmp_path, cli):
    md = tmp_path / "a.md"
    md.write_text(DRAFT.format(directive="<!-- hedgelint-disable-next-line HL201 -->"))
    assert _rules(cli, md)[0] == ["HL101", "HL203"]
    txt = tmp_path / "a.txt"
    txt.write_text(DRAFT.format(directive="# hedgelint-disable-next-line unverified"))
    assert _rules(cli, txt)[0] == ["HL101", "HL203"]
    txt.write_text(DRAFT.format(directive="// hedgelint-disable-next-line"))
    assert _rules(cli, txt)[0] == ["HL101", "HL203"]


def test_ranges_and_file(tmp_path, cli):
    md = tmp_path / "a.md"
    md.write_text(
        "<!-- hedgelint-disable HL2* -->\n\nTwo generals were secretly executed last month.\n\n"
        "<!-- hedgelint-enable HL2* -->\n\nTwo colonels have fled to Laos.\n"
    )
    assert _rules(cli, md)[0] == ["HL203"]
    md.write_text("<!-- hedgelint-disable-file -->\n\nThe junta will collapse.\n")
    assert _rules(cli, md)[0] == []


def test_unknown_rule_warns_and_unused_reported(tmp_path, cli):
    md = tmp_path / "a.md"
    md.write_text("<!-- hedgelint-disable-next-line NOPE123 -->\nQuiet text.\n\n<!-- hedgelint-disable-next-line HL101 -->\nAlso quiet.\n")
    rules, r = _rules(cli, md, "--report-unused-suppressions")
    assert rules == []
    assert "unknown rule 'NOPE123'" in r.stderr
    assert f"{md}:4: unused suppression: hedgelint-disable-next-line HL101" in r.stderr
