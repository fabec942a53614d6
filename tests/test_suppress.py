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


def test_streamed_file_is_filtered_like_a_file_read_whole(tmp_path, cli, monkeypatch):
    """A file over the streaming threshold is filtered finding by finding;
    suppressions, the baseline's occurrence counts and the unused report must
    come out exactly as when the file is read whole."""
    import linter.sources.text as text_source

    body = (
        "# hedgelint-disable-next-line HL201\n"
        "Two generals were secretly executed last month.\n\n"
        "Two colonels have fled to Laos. Two colonels have fled to Laos.\n\n"
        "# hedgelint-disable forecast\n"
        "The junta will collapse before the monsoon.\n"
        "# hedgelint-enable forecast\n\n"
        "Filler paragraph about the harvest and the weather this year.\n\n"
    ) * 12 + "# hedgelint-disable-next-line HL999\nThe regime is doomed.\n\n# hedgelint-disable-next-line HL101\nQuiet.\n"
    p = tmp_path / "big.txt"
    p.write_text(body)
    base = tmp_path / "base.json"

    def run():
        r = cli(["check", "-f", "json", "--report-unused-suppressions", str(p)], cwd=tmp_path)
        w = cli(["check", "--write-baseline", str(base), str(p)], cwd=tmp_path)
        return json.loads(r.stdout)["findings"], r.stderr, w.stderr, base.read_text()

    whole = run()
    monkeypatch.setattr(text_source, "LARGE_FILE", 1000)
    assert text_source.read_document(p).text is None  # now streamed
    streamed = run()
    assert whole == streamed
    findings, stderr, wrote, _ = whole
    assert sorted({f["rule"] for f in findings}) == ["HL103", "HL203"]
    assert len(findings) == 25  # 12 paragraphs x 2 defections + the doomed regime
    assert "unknown rule 'HL999'" in stderr and "unused suppression: hedgelint-disable-next-line HL101" in stderr
    assert "wrote 25 findings" in wrote  # one fingerprint per occurrence, counted across the file
