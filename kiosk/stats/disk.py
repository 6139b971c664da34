"""What a refusing disk looks like to the stats: a full or read-only folder told apart from
a damaged database file, which alone is ever moved aside.
"""

import sqlite3

# SQLite's primary result codes that mean the disk, not the file, is the problem.
DISK_CODES = {
    3: "permission denied", 8: "read-only", 10: "disk I/O error", 13: "disk full",
    14: "cannot open the file",
}
CORRUPT_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB


def _code(exc):
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def trouble(exc):
    """Why the disk refused, for an error that is the disk's (full, read-only, I/O), or None.

    Only these keep events in memory; anything else is a bug to raise.
    """
    if isinstance(exc, sqlite3.Error):
        label = DISK_CODES.get(_code(exc))
        return label and (label if str(exc) == label else f"{label}: {exc}")
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return None


def damaged(path):
    """True only when SQLite says the file itself is unsound (PRAGMA integrity_check)."""
    if not path.is_file():
        return False
    uri = path.resolve().as_uri()
    # mode=ro first (it reads the -wal too); immutable when the folder refuses even the
    # little files a reader needs beside the database.
    for options in ("mode=ro", "immutable=1"):
        try:
            conn = sqlite3.connect(f"{uri}?{options}", uri=True)
        except sqlite3.Error:
            continue
        try:
            return conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]
        except sqlite3.DatabaseError as exc:
            if _code(exc) in CORRUPT_CODES:
                return True
        finally:
            conn.close()
    return False
