"""End to end with the real pre-commit: a temporary editorial repository whose
.pre-commit-config.yaml points at this checkout.

pre-commit clones this repository at HEAD and pip-installs it into a fresh
virtualenv (spaCy and the pinned model come from the package index), so this
is the slowest test in the suite (about a minute). It needs the hook
definitions committed: it tests what users would get.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _git(cwd, *args, check=True):
    return subprocess.run(["git", *args], cwd=cwd, check=check, capture_output=True, text=True)


@pytest.fixture(scope="module")
def editorial_repo(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = _git(ROOT, "rev-parse", "HEAD").stdout.strip()
    committed = _git(ROOT, "cat-file", "-e", f"{head}:.pre-commit-hooks.yaml", check=False)
    assert committed.returncode == 0, ".pre-commit-hooks.yaml must be committed for pre-commit to find it"
    repo = tmp_path_factory.mktemp("newsroom")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.com")
    _git(repo, "config", "user.name", "Desk")
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: hedgelint\n      - id: hedgelint-fix\n        stages: [manual]\n"
    )
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")), HEDGELINT_NO_CACHE="1")
    _git(repo, "add", ".pre-commit-config.yaml")
    _git(repo, "commit", "-qm", "config")
    install = subprocess.run([*PRE_COMMIT, "install"], cwd=repo, env=env, capture_output=True, text=True)
    assert install.returncode == 0, install.stderr
    return repo, env


def _commit(repo, env, name, text):
    (repo / name).write_text(text)
    _git(repo, "add", name)
    return subprocess.run(["git", "commit", "-m", f"add {name}"], cwd=repo, env=env, capture_output=True, text=True)


def test_clean_draft_commits(editorial_repo):
    repo, env = editorial_repo
    r = _commit(repo, env, "clean.md", "# Budget\n\nDiplomats wonder whether the junta will survive the winter.\n")
    assert r.returncode == 0, r.stdout + r.stderr


def test_overconfident_draft_is_blocked(editorial_repo):
    repo, env = editorial_repo
    r = _commit(repo, env, "bad.md", "# Dispatch\n\nThe junta will collapse before the monsoon.\n")
    assert r.returncode != 0
    assert "bad.md:3:11: warning HL101" in r.stdout + r.stderr
    _git(repo, "reset", "-q", "HEAD")


def test_fix_hook_rewrites_the_draft(editorial_repo):
    repo, env = editorial_repo
    draft = repo / "bad.md"
    draft.write_text("# Dispatch\n\nThe junta will collapse before the monsoon.\n")
    r = subprocess.run([*PRE_COMMIT, "run", "--hook-stage", "manual", "hedgelint-fix", "--files", "bad.md"], cwd=repo, env=env, capture_output=True, text=True)
    assert "could collapse" in draft.read_text()
    r = _commit(repo, env, "bad.md", draft.read_text())
    assert r.returncode == 0, r.stdout + r.stderr
