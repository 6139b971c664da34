"""Atomic file writes: what the kiosk writes to disk is either all there or not at all.

A power cut on a village PC must never leave a half-written file behind.
"""

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path, data, mode=0o644):
    """Write ``data`` (str or bytes) to ``path`` through a synced temp file and os.replace."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    with atomic_output(path, mode) as fh:
        fh.write(raw)


@contextlib.contextmanager
def atomic_output(path, mode=0o644):
    """A binary file to write that replaces ``path`` only once it is complete and synced.

    For what is too big to hold in memory first (a content bundle); on any error the old
    file stays and the temp file is removed.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder):
    # The rename itself lives in the directory entry; sync it where the OS allows.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
