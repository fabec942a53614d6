"""Issue 14, defect 6: the README's pre-commit snippet used `rev: v0.1.0`,
a tag that did not exist, and the hooks left out `.docx`, which the README
lists as an input.

The snippet is run as written by tests/test_precommit.py (the real
pre-commit, about a minute); these are the quick checks of the same text.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from linter import __version__
from linter.sources import EXTENSIONS

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from test_precommit import readme_snippet, snippet_rev, with_repo_url  # noqa: E402

pytest.importorskip("pre_commit")
identify = pytest.importorskip("identify.identify")


def _hooks() -> list[dict]:
    return yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())


def test_readme_rev_is_the_release_tag_of_this_version():
    rev = snippet_rev(readme_snippet())
    # a release is tagged "v" + the version; README and package move together
    assert rev == f"v{__version__}", f"README pins {rev}; this is hedgelint {__version__}"
    assert rev != "v0.1.0"


def test_readme_rev_exists_or_is_this_release(tmp_path):
    """A tag the README names must be the one at a release of this version:
    if the repository has it, it must carry this same version."""
    rev = snippet_rev(readme_snippet())
    found = subprocess.run(["git", "rev-parse", "-q", "--verify", f"refs/tags/{rev}"], cwd=ROOT, capture_output=True, text=True)
    if found.returncode != 0:
        pytest.skip(f"{rev} is not tagged yet: it is made at the release (tests/test_precommit.py stands in for it)")
    init = subprocess.run(["git", "show", f"{rev}:linter/__init__.py"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert f'__version__ = "{__version__}"' in init


def test_snippet_and_manifest_validate_with_pre_commit(tmp_path):
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(with_repo_url(readme_snippet(), "https://example.org/elsewhere.git"))
    for command, path in (("validate-config", config), ("validate-manifest", ROOT / ".pre-commit-hooks.yaml")):
        r = subprocess.run([sys.executable, "-m", "pre_commit", command, str(path)], capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr


def test_snippet_hook_ids_are_defined():
    snippet = yaml.safe_load(readme_snippet())
    ids = {h["id"] for h in _hooks()}
    used = {h["id"] for repo in snippet["repos"] for h in repo["hooks"]}
    assert used and used <= ids


def _selected(hook: dict, path: Path) -> bool:
    """pre-commit's own rule: files/exclude patterns, then types (all), types_or (any)."""
    name = path.name
    if not re.search(hook.get("files", ""), name) or re.search(hook.get("exclude", "^$"), name):
        return False
    tags = identify.tags_from_path(str(path))
    if not set(hook.get("types", ["file"])) <= tags:
        return False
    types_or = hook.get("types_or", [])
    return not types_or or bool(set(types_or) & tags)


@pytest.mark.parametrize("hook", _hooks(), ids=lambda h: h["id"])
def test_hooks_take_every_extension_hedgelint_reads_and_no_other(hook, tmp_path):
    for ext in [*EXTENSIONS, ".DOCX", ".Md"]:
        p = tmp_path / f"draft{ext}"
        p.write_bytes(b"PK\x03\x04" if ext.lower() == ".docx" else b"The junta will collapse.\n")
        assert _selected(hook, p), f"{hook['id']} leaves out {ext}"
    for other in ("setup.py", "data.csv", "scan.png", "notes.docx.bak"):
        p = tmp_path / other
        p.write_bytes(b"x")
        assert not _selected(hook, p), f"{hook['id']} takes {other}"
