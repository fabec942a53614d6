"""End to end with the real pre-commit: a temporary editorial repository
whose .pre-commit-config.yaml is the README's snippet as written, with only
the repository URL changed to a local clone of this checkout.

pre-commit clones that repository at the README's `rev` and pip-installs it
into a fresh virtualenv (spaCy and the pinned model come from the package
index), so this is the slowest test in the suite (about a minute). It needs
the hook definitions committed: it tests what users would get.

The README names the release tag (`v` + the version). When the tag is not
in this repository yet (it is made when the release is), the clone gets it
at HEAD, standing in for the release; once it exists, the clone carries the
real tag and the test runs what users of the README install.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = [sys.executable, "-m", "pre_commit"]


def _git(cwd, *args, check=True):
    return subprocess.run(["git", *args], cwd=cwd, check=check, capture_output=True, text=True)


def readme_snippet() -> str:
    """The README's pre-commit configuration, exactly as a reader would copy it."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```yaml\n(.*?)```", text, re.S) if "repos:" in b and "id: hedgelint" in b]
    assert len(blocks) == 1, "the README should hold one pre-commit snippet"
    return blocks[0]


def snippet_rev(snippet: str) -> str:
    return re.search(r"^\s*rev:\s*(\S+)", snippet, re.M).group(1)


def with_repo_url(snippet: str, url: str) -> str:
    """The snippet with its `repo:` URL replaced, and nothing else."""
    out, n = re.subn(r"^(\s*-\s*repo:\s*)\S+", lambda m: m.group(1) + url, snippet, count=1, flags=re.M)
    assert n == 1
    return out


@pytest.fixture(scope="module")
def editorial_repo(tmp_path_factory):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    head = _git(ROOT, "rev-parse", "HEAD").stdout.strip()
    committed = _git(ROOT, "cat-file", "-e", f"{head}:.pre-commit-hooks.yaml", check=False)
    assert committed.returncode == 0, ".pre-commit-hooks.yaml must be committed for pre-commit to find it"
    snippet = readme_snippet()
    rev = snippet_rev(snippet)
    clone = tmp_path_factory.mktemp("hedgelint-clone") / "hedgelint"
    _git(ROOT.parent, "clone", "-q", "--no-checkout", str(ROOT), str(clone))
    _git(clone, "checkout", "-q", head)
    if _git(clone, "rev-parse", "-q", "--verify", f"refs/tags/{rev}", check=False).returncode != 0:
        assert not re.fullmatch(r"[0-9a-f]{40}", rev), f"README pins commit {rev}, which this repository does not have"
        _git(clone, "tag", rev, head)  # the release tag, made when the release is
    repo = tmp_path_factory.mktemp("newsroom")
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "desk@example.com")
    _git(repo, "config", "user.name", "Desk")
    (repo / ".pre-commit-config.yaml").write_text(with_repo_url(snippet, str(clone)))
    env = dict(os.environ, PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")), HEDGELINT_NO_CACHE="1")
    # the hook runs in pre-commit's own environment, as on a user's machine: a
    # PYTHONPATH pointing at a working tree would mix two versions of the package
    env.pop("PYTHONPATH", None)
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


def test_word_draft_is_checked_by_the_hook(editorial_repo):
    docx = pytest.importorskip("docx")
    repo, env = editorial_repo
    d = docx.Document()
    d.add_paragraph("Dispatch")
    d.add_paragraph("The junta will collapse before the monsoon.")
    d.save(repo / "dispatch.docx")
    _git(repo, "add", "dispatch.docx")
    r = subprocess.run(["git", "commit", "-m", "add dispatch.docx"], cwd=repo, env=env, capture_output=True, text=True)
    assert r.returncode != 0
    assert "dispatch.docx:2:11: warning HL101" in r.stdout + r.stderr
    _git(repo, "reset", "-q", "HEAD")
