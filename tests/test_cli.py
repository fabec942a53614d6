"""The command line: output contract, exit codes, bad input. Runs the real CLI in-process."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from linter import __version__
from linter.cli import app

runner = CliRunner()

POSITIVE = "The junta will collapse before the monsoon.\n"
CLEAN = "Diplomats wonder whether the junta will survive the winter.\n"


@pytest.fixture(autouse=True)
def _share_engine(engine, monkeypatch):
    """The CLI loads its model once per process; reuse the session's engine in tests."""
    import linter.cli as cli

    monkeypatch.setattr(cli, "_load_engine", lambda model, select, ignore, keep_cleared=False, estimative=False, extra_packs=None, prefilter=True: _configured(engine, select, ignore, keep_cleared, estimative, extra_packs, prefilter))


def _configured(engine, select, ignore, keep_cleared, estimative, extra_packs, prefilter=True):
    if not (select or ignore or keep_cleared or estimative or extra_packs or not prefilter):
        return engine
    from linter.core.engine import Engine

    return Engine(select=select, ignore=ignore, keep_cleared=keep_cleared, estimative=estimative, extra_packs=extra_packs, prefilter=prefilter)


def _run(args, input=None):
    return runner.invoke(app, args, input=input, catch_exceptions=False)


def test_version():
    r = _run(["--version"])
    assert r.exit_code == 0 and __version__ in r.stdout


def test_text_format_and_exit_1(tmp_path):
    p = tmp_path / "draft.md"
    p.write_text(POSITIVE)
    r = _run(["check", str(p)])
    assert r.exit_code == 1
    first = r.stdout.splitlines()[0]
    assert first.startswith(f"{p}:1:11: warning HL101 ")
    assert "will collapse" in r.stdout


def test_clean_file_exits_0(tmp_path):
    p = tmp_path / "clean.md"
    p.write_text(CLEAN)
    assert _run(["check", str(p)]).exit_code == 0


def test_json_contract(tmp_path):
    p = tmp_path / "draft.md"
    p.write_text("Intro line.\n\n" + POSITIVE)
    r = _run(["check", "--format", "json", str(p)])
    doc = json.loads(r.stdout)
    assert doc["version"] == 1 and doc["errors"] == []
    (f,) = doc["findings"]
    assert set(f) == {"path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message", "text", "context", "suggestions"}
    assert (f["line"], f["column"], f["end_line"], f["end_column"]) == (3, 11, 3, 24)
    assert f["text"] == "will collapse" and f["category"] == "forecast" and f["severity"] == "warning"
    assert isinstance(f["suggestions"], list) and all("kind" in c and "result" in c for c in f["context"])


def test_bad_inputs_are_reported_and_others_still_checked(tmp_path):
    good = tmp_path / "good.md"
    good.write_text(POSITIVE)
    binary = tmp_path / "image.md"
    binary.write_bytes(b"\x00\x01\x02PNG")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"caf\xe9 \xe9")
    empty = tmp_path / "empty.md"
    empty.write_text("")
    missing = tmp_path / "missing.md"
    r = _run(["check", "--format", "json", str(binary), str(missing), str(latin), str(empty), str(good)])
    assert r.exit_code == 2, "an input error wins over findings"
    doc = json.loads(r.stdout)
    errs = {e["path"]: e["message"] for e in doc["errors"]}
    assert set(errs) == {str(binary), str(missing), str(latin)}
    assert "binary" in errs[str(binary)] and "no such file" in errs[str(missing)] and "UTF-8" in errs[str(latin)]
    assert [f["path"] for f in doc["findings"]] == [str(good)]


def test_text_errors_are_one_line_on_stderr(tmp_path):
    missing = tmp_path / "missing.md"
    r = runner.invoke(app, ["check", str(missing)], catch_exceptions=False)
    assert r.exit_code == 2
    assert r.stderr.strip() == f"{missing}: error: no such file or directory"
    assert "Traceback" not in r.stdout + r.stderr


def test_directory_walk_and_stdin(tmp_path):
    (tmp_path / "a.md").write_text(POSITIVE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text(POSITIVE)
    (tmp_path / "sub" / "ignored.py").write_text(POSITIVE)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.md").write_text(POSITIVE)
    doc = json.loads(_run(["check", "-f", "json", str(tmp_path)]).stdout)
    assert sorted(f["path"].replace(str(tmp_path), "") for f in doc["findings"]) == ["/a.md", "/sub/b.txt"]
    r = _run(["check", "-f", "json", "--stdin-filename", "draft.md", "-"], input=POSITIVE)
    assert json.loads(r.stdout)["findings"][0]["path"] == "draft.md"


def test_fail_on(tmp_path):
    p = tmp_path / "draft.md"
    p.write_text(POSITIVE)
    assert _run(["check", "--fail-on", "error", str(p)]).exit_code == 0
    assert _run(["check", "--fail-on", "never", str(p)]).exit_code == 0
    assert _run(["check", "--fail-on", "info", str(p)]).exit_code == 1


def test_select_and_ignore(tmp_path):
    p = tmp_path / "draft.md"
    p.write_text(POSITIVE + "This leaves no doubt that the talks failed.\n")
    rules = lambda args: {f["rule"] for f in json.loads(_run(["check", "-f", "json", *args, str(p)]).stdout)["findings"]}  # noqa: E731
    assert rules([]) == {"HL101", "HL303"}
    assert rules(["--select", "certainty"]) == {"HL303"}
    assert rules(["--ignore", "HL1*"]) == {"HL303"}


def test_rules_and_explain():
    r = _run(["rules"])
    assert r.exit_code == 0 and "HL101" in r.stdout and "regime-collapse" in r.stdout
    r = _run(["explain", "HL101"])
    assert r.exit_code == 0 and "Directive 203" in r.stdout and "Flagged:" in r.stdout
    r = _run(["explain", "regime-collapse"])
    assert r.exit_code == 0
    r = runner.invoke(app, ["explain", "NOPE"])
    assert r.exit_code == 2 and "unknown rule" in r.stderr


def test_missing_model_is_one_line(monkeypatch):
    import linter.cli as cli
    from linter.core.engine import Engine

    monkeypatch.undo()  # use the real loader
    r = runner.invoke(cli.app, ["check", "--model", "en_core_web_nonexistent", "-"], input="x")
    assert r.exit_code == 2
    assert r.stderr.strip().startswith("hedgelint: error: spaCy model 'en_core_web_nonexistent' is not installed; install it with: pip install")
    assert Engine  # imported for the monkeypatch target
