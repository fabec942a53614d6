"""The sample GitHub Actions workflow: the hedgelint commands it runs work.

The workflow itself cannot run here; its `run:` steps that call hedgelint are
run in a temporary git repository that looks like a pull request.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / "docs" / "github-actions.yml"


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_workflow_commands(tmp_path):
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["hedgelint"]["steps"]
    commands = [s["run"] for s in steps if "run" in s and s["run"].startswith("hedgelint ")]
    assert len(commands) == 2
    # a repository with a base branch and a pull request that adds one sentence
    _git(tmp_path, "init", "-q", "-b", "main")
    _git(tmp_path, "config", "user.email", "desk@example.com")
    _git(tmp_path, "config", "user.name", "Desk")
    (tmp_path / "articles").mkdir()
    old = tmp_path / "articles" / "old.md"
    old.write_text("# Old\n\nThe regime is doomed.\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "base")
    _git(tmp_path, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(tmp_path, "checkout", "-q", "-b", "pr")
    old.write_text("# Old\n\nThe regime is doomed.\n\nTwo generals were secretly executed last month.\n")
    env = dict(os.environ, PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}")
    outputs = []
    for cmd in commands:
        cmd = cmd.replace("${{ github.base_ref }}", "main")
        outputs.append(subprocess.run(cmd, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True))
    annotate, sarif = outputs
    # only the new sentence is annotated, as a workflow command
    lines = [l for l in annotate.stdout.splitlines() if l.startswith("::")]
    assert len(lines) == 1 and lines[0].startswith("::warning file=articles/old.md,line=5,") and "HL201" in lines[0]
    assert annotate.returncode == 1
    # the SARIF file is written whatever the findings, and is valid SARIF
    assert sarif.returncode == 0
    log = json.loads((tmp_path / "hedgelint.sarif").read_text())
    assert log["version"] == "2.1.0"
    assert {r["ruleId"] for r in log["runs"][0]["results"]} == {"HL103", "HL201"}
