"""Issue 14, defect 7: `analyze` ignored the configuration and had no
--stdin-filename, so its REPORTED lines could disagree with `check`."""

from __future__ import annotations

import textwrap

import pytest

DRAFT = "The junta will collapse before the monsoon.\n\nThis leaves no doubt that the talks failed.\n"


_ENGINES: dict = {}


@pytest.fixture(autouse=True)
def _one_engine_per_configuration(cli, monkeypatch):
    """`analyze` keeps cleared triggers, so the shared engine does not do;
    load one such engine per configuration for the module, not per test."""
    import linter.cli as cli_module

    make = cli_module._load_engine

    def cached(model, select, ignore, keep_cleared=False, estimative=False, extra_packs=None, prefilter=True):
        key = (model, tuple(select or ()), tuple(ignore or ()), keep_cleared, estimative, tuple(extra_packs or ()), prefilter)
        if key not in _ENGINES:
            _ENGINES[key] = make(model, select, ignore, keep_cleared=keep_cleared, estimative=estimative, extra_packs=extra_packs, prefilter=prefilter)
        return _ENGINES[key]

    monkeypatch.setattr(cli_module, "_load_engine", cached)


def test_analyze_honours_select_and_ignore_from_the_config(tmp_path, cli):
    (tmp_path / ".hedgelint.yaml").write_text("ignore: [certainty]\n")
    p = tmp_path / "draft.md"
    p.write_text(DRAFT)
    r = cli(["analyze", "--triggers", str(p)])
    assert r.exit_code == 0
    assert f"{p}:1:11: REPORTED HL101 'will collapse'" in r.stdout
    assert "REPORTED HL303" not in r.stdout
    assert f"{p}:3:6: filtered HL303 'leaves no doubt' not selected ({tmp_path / '.hedgelint.yaml'})" in r.stdout
    r = cli(["analyze", "--triggers", "--isolated", str(p)])
    assert "REPORTED HL303" in r.stdout


def test_analyze_shows_suppressed_findings_as_filtered(tmp_path, cli):
    p = tmp_path / "draft.md"
    p.write_text("<!-- hedgelint-disable-next-line HL101 -->\n" + DRAFT)
    r = cli(["analyze", "--triggers", "--isolated", str(p)])
    assert f"{p}:2:11: filtered HL101 'will collapse' suppressed by line 1: hedgelint-disable-next-line HL101" in r.stdout
    assert f"{p}:4:6: REPORTED HL303" in r.stdout


def test_analyze_uses_the_rule_packs_of_the_config(tmp_path, cli):
    (tmp_path / "house.yaml").write_text(textwrap.dedent("""\
        pack: house
        rules:
          - id: HX1
            name: house-booster
            category: certainty
            severity: warning
            message: A house booster.
            explanation: House style forbids it.
            trigger: {lemmas: [famously]}
            examples: {flag: ["The regime is famously weaker."], pass: ["Analysts question whether the regime is weaker."]}
    """))
    (tmp_path / ".hedgelint.yaml").write_text("rule_packs: [house.yaml]\nselect: [HX1]\n")
    p = tmp_path / "draft.md"
    p.write_text("The regime is famously weaker.\n\n" + DRAFT)
    r = cli(["analyze", "--triggers", str(p)], cwd=tmp_path)
    assert r.exit_code == 0, r.stderr
    assert "REPORTED HX1 'famously'" in r.stdout
    assert "REPORTED HL101" not in r.stdout


def test_analyze_reads_stdin_as_the_named_file(tmp_path, cli):
    (tmp_path / ".hedgelint.yaml").write_text("select: [certainty]\n")
    text = "<!-- The junta will collapse before the monsoon. -->\n\nThis leaves no doubt that the talks failed.\n"
    r = cli(["analyze", "--triggers", "--stdin-filename", "desk/draft.md", "-"], input=text, cwd=tmp_path)
    assert r.exit_code == 0
    # read as Markdown (the comment is skipped) and governed by the config
    assert r.stdout.splitlines() == ["desk/draft.md:3:6: REPORTED HL303 'leaves no doubt'"]


def test_analyze_rejects_an_unknown_selector_in_the_config(tmp_path, cli):
    (tmp_path / ".hedgelint.yaml").write_text("select: [forcast]\n")
    p = tmp_path / "draft.md"
    p.write_text(DRAFT)
    r = cli(["analyze", "--triggers", str(p)])
    assert r.exit_code == 2 and "did you mean 'forecast'?" in r.stderr
