"""Baselines and changed-line mode."""

from __future__ import annotations

import json
import subprocess

ARTICLE = "Intro paragraph about the budget.\n\nThe junta will collapse before the monsoon.\n\nThis leaves no doubt that the talks failed.\n"


def _findings(run, args, cwd=None):
    r = run(["check", "-f", "json", *args], cwd=cwd)
    return json.loads(r.stdout)["findings"], r


def test_baseline_adoption_and_new_finding_only(tmp_path, cli):
    archive = tmp_path / "archive"
    archive.mkdir()
    for n in range(3):
        (archive / f"a{n}.md").write_text(ARTICLE)
    base = tmp_path / "baseline.json"
    r = cli(["check", "--write-baseline", str(base), str(archive)], cwd=tmp_path)
    assert base.is_file() and "wrote 6 findings" in r.stderr
    found, r = _findings(cli, ["--baseline", str(base), str(archive)], cwd=tmp_path)
    assert found == [] and r.exit_code == 0
    # a new overconfident sentence, after lines were inserted above the old ones
    a0 = archive / "a0.md"
    a0.write_text("A new standfirst.\n\nAnother new line.\n\n" + ARTICLE + "\nThe regime is doomed.\n")
    found, r = _findings(cli, ["--baseline", str(base), str(archive)], cwd=tmp_path)
    assert [(f["path"].split("/")[-1], f["rule"]) for f in found] == [("a0.md", "HL103")]
    assert r.exit_code == 1
    # an old finding edited away shows up as a stale baseline entry
    (archive / "a1.md").write_text("Intro paragraph about the budget.\n")
    found, r = _findings(cli, ["--baseline", str(base), str(archive)], cwd=tmp_path)
    assert "2 baseline entries no longer occur" in r.stderr


def test_bad_baseline_is_a_usage_error(tmp_path, cli):
    (tmp_path / "b.json").write_text("{}")
    (tmp_path / "a.md").write_text(ARTICLE)
    r = cli(["check", "--baseline", str(tmp_path / "b.json"), str(tmp_path / "a.md")])
    assert r.exit_code == 2 and "not a hedgelint baseline" in r.stderr


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_since(tmp_path, cli):
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "t@example.com")
    _git(tmp_path, "config", "user.name", "t")
    a = tmp_path / "a.md"
    a.write_text(ARTICLE)
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "old")
    a.write_text(ARTICLE + "\nThe regime is doomed.\n")
    found, r = _findings(cli, ["--changed-since", "HEAD", str(a)], cwd=tmp_path)
    assert [f["rule"] for f in found] == ["HL103"]
    new = tmp_path / "new.md"
    new.write_text("The junta will collapse.\n")
    found, _ = _findings(cli, ["--changed-since", "HEAD", str(new)], cwd=tmp_path)
    assert [f["rule"] for f in found] == ["HL101"], "an untracked file is all new"


def test_changed_since_outside_git(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE)
    r = cli(["check", "--changed-since", "HEAD", str(tmp_path / "a.md")])
    assert r.exit_code == 2 and "not inside a git repository" in r.stderr


def test_exit_zero(tmp_path, cli):
    (tmp_path / "a.md").write_text(ARTICLE)
    assert cli(["check", "--exit-zero", str(tmp_path / "a.md")]).exit_code == 0
