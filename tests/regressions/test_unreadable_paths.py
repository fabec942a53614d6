"""Issue 14, defect 5: unreadable and odd paths.

A mode-000 directory was skipped silently ("0 files", exit 0), a file inside
one gave a traceback, a FIFO hung the run forever. Now: one-line errors and
exit 2 for what cannot be read, a warning for what is not a regular file
(never opened), and "no files to check" when nothing is left.

The suite runs as root, for whom mode 000 changes nothing, so the
permission failures are made by patching os.scandir and os.stat to fail as
they do for an unprivileged user.
"""

from __future__ import annotations

import errno
import os
import socket
import threading

import pytest

DRAFT = "The junta will collapse before the monsoon.\n"


@pytest.fixture
def locked(tmp_path, monkeypatch):
    """tmp_path/locked behaves as a directory with mode 000 does for a normal user."""
    d = tmp_path / "locked"
    d.mkdir()
    (d / "a.md").write_text(DRAFT)
    (tmp_path / "open.md").write_text(DRAFT)
    real_scandir, real_stat = os.scandir, os.stat
    inside = str(d) + os.sep

    def denied(p, inner: bool) -> bool:
        try:
            path = os.path.abspath(os.fspath(p))
        except TypeError:  # a file descriptor
            return False
        return path.startswith(inside) if inner else (path == str(d) or path.startswith(inside))

    def scandir(p="."):
        if denied(p, inner=False):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(p))
        return real_scandir(p)

    def stat(p, *args, **kwargs):
        if denied(p, inner=True):  # stat of the directory itself works; of anything in it, not
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(p))
        return real_stat(p, *args, **kwargs)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)
    return d


def test_unreadable_directory_is_a_one_line_error(locked, cli):
    r = cli(["check", str(locked)])
    assert r.exit_code == 2
    assert f"{locked}: error: cannot read directory: Permission denied" in r.stderr.splitlines()


def test_unreadable_directory_inside_a_walk_is_reported_and_the_rest_checked(locked, cli):
    r = cli(["check", str(locked.parent)])
    assert r.exit_code == 2
    assert f"{locked}: error: cannot read directory: Permission denied" in r.stderr.splitlines()
    assert f"{locked.parent / 'open.md'}:1:11: warning HL101" in r.stdout


def test_file_inside_an_unreadable_directory_is_a_one_line_error(locked, cli):
    target = locked / "a.md"
    r = cli(["check", str(target), str(locked.parent / "open.md")])
    assert r.exit_code == 2
    assert f"{target}: error: cannot read: Permission denied" in r.stderr.splitlines()
    assert "Traceback" not in r.stderr + r.stdout
    assert "open.md:1:11: warning HL101" in r.stdout


def test_unreadable_file_is_a_one_line_error(tmp_path, cli, monkeypatch):
    p = tmp_path / "secret.md"
    p.write_text(DRAFT)
    from pathlib import Path

    real = Path.read_bytes

    def read_bytes(self):
        if self == p:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    r = cli(["check", str(p)])
    assert r.exit_code == 2 and f"{p}: error: cannot read: Permission denied" in r.stderr


def _with_timeout(fn, seconds=60):
    """Run fn in a thread: a FIFO that is opened would block forever."""
    out = {}
    t = threading.Thread(target=lambda: out.setdefault("r", fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), "the run hung (a FIFO was opened?)"
    return out["r"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_in_a_directory_is_skipped_with_a_warning(tmp_path, cli):
    (tmp_path / "a.md").write_text(DRAFT)
    os.mkfifo(tmp_path / "pipe.md")
    r = _with_timeout(lambda: cli(["check", str(tmp_path)]))
    assert r.exit_code == 1  # the regular file's finding; the FIFO is no error
    assert f"{tmp_path / 'pipe.md'}: warning: skipped a FIFO (only regular files are read)" in r.stderr.splitlines()
    assert "a.md:1:11: warning HL101" in r.stdout


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_named_explicitly_is_skipped_and_nothing_is_left(tmp_path, cli):
    os.mkfifo(tmp_path / "pipe.md")
    r = _with_timeout(lambda: cli(["check", str(tmp_path / "pipe.md")]))
    assert r.exit_code == 0
    lines = r.stderr.splitlines()
    assert f"{tmp_path / 'pipe.md'}: warning: skipped a FIFO (only regular files are read)" in lines
    assert "hedgelint: warning: no files to check" in lines


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets")
def test_socket_is_skipped(tmp_path, cli):
    path = tmp_path / "s.md"
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(path))
    except OSError as exc:  # a path too long for AF_UNIX
        pytest.skip(str(exc))
    try:
        r = cli(["check", str(tmp_path)])
    finally:
        sock.close()
    assert r.exit_code == 0
    assert f"{path}: warning: skipped a socket (only regular files are read)" in r.stderr


def test_empty_directory_says_no_files_to_check(tmp_path, cli):
    r = cli(["check", str(tmp_path)])
    assert r.exit_code == 0
    assert r.stderr.splitlines() == ["hedgelint: warning: no files to check"]


def test_missing_path_is_exit_2(tmp_path, cli):
    r = cli(["check", str(tmp_path / "nothere.md")])
    assert r.exit_code == 2
    assert f"{tmp_path / 'nothere.md'}: error: no such file or directory" in r.stderr
    assert "no files to check" not in r.stderr
