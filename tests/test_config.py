"""Layered configuration: discovery, merging, overrides, errors."""

from __future__ import annotations

import json
import textwrap

from linter.check.config import ConfigError, ConfigResolver, read_config

POSITIVE = "The junta will collapse before the monsoon.\n\nThis leaves no doubt that the talks failed.\n"


def _rules(run, args, cwd=None):
    r = run(["check", "-f", "json", *args], cwd=cwd)
    return sorted(f["rule"] for f in json.loads(r.stdout)["findings"]), r


def test_parent_config_changes_result_for_files_below(tmp_path, cli):
    (tmp_path / ".hedgelint.yaml").write_text("ignore: [certainty]\n")
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "draft.txt").write_text(POSITIVE)
    other = tmp_path.parent / f"{tmp_path.name}-elsewhere"
    other.mkdir()
    (other / "draft.txt").write_text(POSITIVE)
    assert _rules(cli, [str(sub / "draft.txt")])[0] == ["HL101"]
    assert _rules(cli, [str(other / "draft.txt")])[0] == ["HL101", "HL303"]


def test_nearer_config_wins_and_severity_override(tmp_path, cli):
    (tmp_path / ".hedgelint.yaml").write_text("ignore: [certainty]\nseverity: {forecast: error}\n")
    sub = tmp_path / "desk"
    sub.mkdir()
    (sub / "pyproject.toml").write_text("[tool.hedgelint]\nignore = []\n")
    (sub / "draft.txt").write_text(POSITIVE)
    rules, r = _rules(cli, [str(sub / "draft.txt")])
    assert rules == ["HL101", "HL303"]
    sev = {f["rule"]: f["severity"] for f in json.loads(r.stdout)["findings"]}
    assert sev["HL101"] == "error" and sev["HL303"] == "warning"


def test_overrides_and_exclude(tmp_path, cli):
    (tmp_path / ".hedgelint.yaml").write_text(textwrap.dedent("""\
        exclude: [archive/*]
        overrides:
          - files: ["opinion/*.txt"]
            ignore: [forecast]
    """))
    for d in ("archive", "opinion", "news"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "a.txt").write_text(POSITIVE)
    r = cli(["check", "-f", "json", str(tmp_path)])
    paths = {(f["path"].split("/")[-2], f["rule"]) for f in json.loads(r.stdout)["findings"]}
    assert paths == {("news", "HL101"), ("news", "HL303"), ("opinion", "HL303")}


def test_config_flag_and_isolated(tmp_path, cli):
    (tmp_path / ".hedgelint.yaml").write_text("ignore: [certainty]\n")
    (tmp_path / "draft.txt").write_text(POSITIVE)
    elsewhere = tmp_path / "custom.yaml"
    elsewhere.write_text("select: [certainty]\n")
    assert _rules(cli, ["--isolated", str(tmp_path / "draft.txt")])[0] == ["HL101", "HL303"]
    assert _rules(cli, ["--config", str(elsewhere), str(tmp_path / "draft.txt")])[0] == ["HL303"]


def test_cli_options_beat_config(tmp_path, cli):
    (tmp_path / ".hedgelint.yaml").write_text("ignore: [certainty]\nfail_on: never\n")
    (tmp_path / "draft.txt").write_text(POSITIVE)
    r = cli(["check", "--select", "certainty", str(tmp_path / "draft.txt")])
    assert "HL303" in r.stdout and r.exit_code == 0  # fail_on: never from the file
    r = cli(["check", "--fail-on", "warning", str(tmp_path / "draft.txt")])
    assert r.exit_code == 1


def test_invalid_config_names_file_line_and_key(tmp_path, cli):
    bad = tmp_path / ".hedgelint.yaml"
    bad.write_text("select: [forecast]\ncolour: red\n")
    (tmp_path / "draft.txt").write_text(POSITIVE)
    r = cli(["check", str(tmp_path / "draft.txt")])
    assert r.exit_code == 2
    assert f"{bad}:2: colour: unknown key" in r.stderr
    bad.write_text("fail_on: sometimes\n")
    r = cli(["check", str(tmp_path / "draft.txt")])
    assert r.exit_code == 2 and "fail_on" in r.stderr


def test_read_config_rejects_bad_types(tmp_path):
    p = tmp_path / "pyproject.toml"
    p.write_text('[tool.hedgelint]\nseverity = {HL101 = "fatal"}\n')
    try:
        read_config(p)
    except ConfigError as exc:
        assert "severity" in str(exc) and str(p) in str(exc)
    else:
        raise AssertionError("bad severity accepted")
    p.write_text("[tool.other]\nx = 1\n")
    assert read_config(p) is None


def test_resolver_caches_per_directory(tmp_path):
    (tmp_path / ".hedgelint.yaml").write_text("ignore: [HL1*]\n")
    r = ConfigResolver()
    a = r.for_dir(tmp_path)
    assert r.for_dir(tmp_path) is a and a.ignore == ["HL1*"]


def test_custom_rule_pack_from_config(tmp_path, cli):
    pack = tmp_path / "house.yaml"
    pack.write_text(textwrap.dedent("""\
        pack: house
        rules:
          - id: NYT001
            name: house-toast
            category: forecast
            severity: info
            message: "House style: a regime is not 'toast'."
            explanation: The desk's style guide bans this slang for regimes.
            trigger:
              phrases: ["be toast"]
            where:
              subject: {lemma: ["@regime"]}
            examples:
              flag: ["The regime is toast."]
              pass: ["The bread is toast."]
    """))
    (tmp_path / ".hedgelint.yaml").write_text("rule_packs: [house.yaml]\n")
    (tmp_path / "draft.txt").write_text("The regime is toast.\n")
    rules, r = _rules(cli, [str(tmp_path / "draft.txt")], cwd=tmp_path)
    assert "NYT001" in rules
