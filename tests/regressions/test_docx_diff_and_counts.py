"""Issue 14, defect 7: Word drafts behave like the rest.

`--diff` on a .docx exited 0 with a message lacking the usual `path: error:`
form; `--fix` said "Fixed 8 findings" when it had added 8 comments.
"""

from __future__ import annotations

import pytest

docx = pytest.importorskip("docx")


def _draft(path):
    d = docx.Document()
    d.add_paragraph("The junta will collapse before the monsoon.")
    d.add_paragraph("This leaves no doubt that the talks failed.")
    d.save(path)
    return path


def test_diff_on_docx_is_an_error_in_the_usual_form(tmp_path, cli):
    p = _draft(tmp_path / "dispatch.docx")
    before = p.read_bytes()
    r = cli(["check", "--diff", str(p)])
    assert r.exit_code == 2
    assert f"{p}: error: --diff does not apply to .docx files (their fixes are Word comments: use --fix)" in r.stderr.splitlines()
    assert r.stdout == ""  # no diff, nothing else on stdout
    assert p.read_bytes() == before


def test_diff_still_works_on_the_other_files_of_the_run(tmp_path, cli):
    p = _draft(tmp_path / "dispatch.docx")
    md = tmp_path / "notes.md"
    md.write_text("The junta will collapse before the monsoon.\n")
    r = cli(["check", "--diff", str(p), str(md)])
    assert r.exit_code == 2  # the error wins over the diff's 1
    assert "+The junta could collapse before the monsoon." in r.stdout


def test_fix_on_docx_counts_comments_not_fixes(tmp_path, cli):
    p = _draft(tmp_path / "dispatch.docx")
    r = cli(["check", "--fix", str(p)])
    assert r.exit_code == 1  # the findings stand: the text is unchanged
    assert "Added 2 comments." in r.stdout.splitlines()
    assert "Fixed" not in r.stdout
    assert "Found 2 findings in 1 file" in r.stdout
    comments = list(docx.Document(p).comments)
    assert len(comments) == 2
    r = cli(["check", "--fix", str(p)])  # a second run adds nothing
    assert "Added" not in r.stdout and "Fixed" not in r.stdout
