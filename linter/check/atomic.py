"""Write a file atomically, keeping its mode: nothing the user wrote is ever lost.

The new content goes to a temporary file in the same directory, is flushed to
disk, takes the original's permissions, and replaces it with one rename. A
symlink is written through (the link stays a link). On any error the
temporary file is removed and the original is untouched.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Callable


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Replace `path` with what `write` puts into a binary file object; raises OSError."""
    target = Path(os.path.realpath(path))
    mode = os.stat(target).st_mode
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".hedgelint")
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode & 0o7777)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
