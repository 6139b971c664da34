"""Putting staged content and quiz folders live, so that a kill or a power cut at any moment
leaves (after the next start) a whole content folder: the old one or the new one.

A journal in DATA_DIR names the folders before the first rename; the start of any `kiosk`
command finishes or undoes what it names, and removes staging folders nobody finished.
"""

import json
import logging
import os
import shutil
import sys
import threading
from pathlib import Path

from ..files import atomic_write, sync_folder
from .bundles import BundleError

log = logging.getLogger(__name__)

JOURNAL = "content-swap.json"
LOCK = "content-bundle.lock"
# Tests stop an import at its worst moments with this variable (see pause_point).
PAUSE_VARIABLE = "WASPADA_TEST_PAUSE"


def pause_point(name):
    """Where a test may stop this process to kill it: with WASPADA_TEST_PAUSE=<name> in the
    environment, say "paused at <name>" on stderr and wait to be killed. Nothing otherwise."""
    if os.environ.get(PAUSE_VARIABLE) == name:
        sys.stderr.write(f"paused at {name}\n")
        sys.stderr.flush()
        threading.Event().wait()


# -- one import or rollback at a time -----------------------------------------------------


class BundleLock:
    """A lock file in DATA_DIR holding the pid of the import or rollback that runs; a lock
    whose process has ended (killed, power cut) is taken over."""

    def __init__(self, data_dir):
        self.path = Path(data_dir) / LOCK
        self.held = False

    def holder(self):
        """The pid of a live process holding the lock, -1 for a lock without a pid, or
        None when the lock is free or its process has ended."""
        try:
            text = self.path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError):
            return -1
        if not text.isdigit():
            return -1  # not ours to judge: someone made it by hand
        pid = int(text)
        return pid if pid == os.getpid() or process_alive(pid) else None

    def acquire(self):
        """True once held; False while a live process holds it."""
        while True:
            tmp = self.path.with_name(f".{LOCK}.{os.getpid()}")
            atomic_write(tmp, f"{os.getpid()}\n")
            try:
                os.link(tmp, self.path)  # creates the lock with its pid in one step
                self.held = True
                return True
            except FileExistsError:
                if self.holder() is not None:
                    return False
                log.warning("%s: its process has ended; taking the lock over", self.path)
                self.path.unlink(missing_ok=True)
            finally:
                tmp.unlink(missing_ok=True)

    def release(self):
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False


def process_alive(pid):
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


# -- the swap -------------------------------------------------------------------------------


def swap_in(staging, folders, record):
    """Put the staged folders live by renaming; the replaced ones become the backup.

    Each folder is two renames on its own disk; the journal written first lets the next
    start put back a folder a kill left missing. A failed rename is undone at once.
    """
    for folder in staging.folders.values():
        sync_tree(folder)  # on disk before they are live: a power cut cannot half-empty them
    journal = _journal_path(folders)
    atomic_write(journal, json.dumps({
        "token": staging.token, "record": record,
        "areas": {area: {"live": str(folders.live(area)), "root": str(root),
                         "had_live": folders.live(area).exists()}
                  for area, root in staging.roots.items()},
    }, indent=1, ensure_ascii=False) + "\n")
    moved = []  # (area, the replaced folder or None); the staged folder is live
    aside = None  # the same, for a folder moved aside whose replacement is not in yet
    try:
        for area, new in staging.folders.items():
            live = folders.live(area)
            old = None
            if live.exists():
                old = staging.roots[area] / f"{live.name}.old"
                live.rename(old)
            aside = (area, old)
            pause_point("between-renames")
            new.rename(live)
            moved.append(aside)
            aside = None
    except OSError as exc:
        _put_back(folders, staging, moved, aside, exc)
    pause_point("before-backup")
    try:
        _keep_backup(folders, _read(journal))
    except OSError as exc:
        # The new content is live; the replaced folders stay where they are, never deleted
        # (the next start tries again to keep them).
        kept = ", ".join(str(root) for root in staging.roots.values())
        raise BundleError(f"the new content is live, but the previous content could not be "
                        f"kept in {folders.backup} ({exc}); it is still in {kept}") from None
    journal.unlink()
    staging.cleanup()


def _put_back(folders, staging, moved, aside, exc):
    """Undo a swap that failed halfway; never delete a folder that could not be put back."""
    failed = []
    for area, old in ([aside] if aside else []) + list(reversed(moved)):
        live = folders.live(area)
        try:
            if (area, old) in moved:
                live.rename(staging.folders[area])
            if old is not None:
                old.rename(live)
        except OSError as again:
            failed.append(again)
    if failed:
        kept = ", ".join(str(root) for root in staging.roots.values())
        raise BundleError(f"the folders could not be swapped ({exc}) nor put back "
                        f"({failed[0]}); nothing was deleted: the previous folders are "
                        f"in {kept}") from None
    _journal_path(folders).unlink(missing_ok=True)
    staging.cleanup()
    raise BundleError(f"the folders could not be swapped ({exc}); the content was put back "
                    f"as it was") from None


def _keep_backup(folders, journal):
    """Move the replaced folders into DATA_DIR/content-backup. Run again after a kill, it
    carries on from where the last run stopped."""
    token = journal["token"]
    backup = folders.backup
    info = _backup_info(backup)
    if info is not None and info.get("token") == token:
        return  # done before the kill; only the journal was left
    fresh = backup.with_name(f"{backup.name}.new-{token}")
    fresh.mkdir(parents=True, exist_ok=True)
    present = {}
    for area, place in journal["areas"].items():
        present[area] = place["had_live"]
        old = Path(place["root"]) / f"{Path(place['live']).name}.old"
        if old.exists():
            shutil.rmtree(fresh / area, ignore_errors=True)  # a copy cut short by a kill
            shutil.move(str(old), str(fresh / area))
    atomic_write(fresh / "info.json", json.dumps(
        {**journal["record"], "token": token, "present": present}, indent=1,
        ensure_ascii=False) + "\n")
    if backup.exists():
        shutil.rmtree(backup)
    fresh.rename(backup)


def _backup_info(backup):
    try:
        return json.loads((backup / "info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


# -- at start -------------------------------------------------------------------------------


def recover(folders, data_dir):
    """Finish or undo an import or rollback that a kill stopped, and remove staging folders
    nobody will finish. Returns what was done, for the log, or None."""
    journal = _journal_path(folders)
    leftovers = [left for area in ("content", "quizzes")
                 for left in _staging_folders(folders.live(area))]
    leftovers += list(folders.backup.parent.glob(f"{folders.backup.name}.new-*"))
    if not journal.exists() and not leftovers:
        return None  # the usual start: nothing to write, not even the lock
    lock = BundleLock(data_dir)
    if not lock.acquire():
        return None  # an import is running now; what looks left over is its work
    try:
        said = None
        if journal.exists():
            said = _finish_or_undo(folders, _read(journal))
            journal.unlink()
        for left in leftovers:
            shutil.rmtree(left, ignore_errors=True)
        return said or f"removed {len(leftovers)} folder(s) an unfinished import left"
    finally:
        lock.release()


def _staging_folders(live):
    return list(live.parent.glob(f".{live.name}.bundle-*"))


def _finish_or_undo(folders, journal):
    places = journal["areas"]
    staged = {area: Path(p["root"]) / Path(p["live"]).name for area, p in places.items()}
    if all(not folder.exists() for folder in staged.values()):
        # Every new folder went live before the kill: keep the replaced ones, as the
        # import would have.
        _keep_backup(folders, journal)
        return ("an import or rollback was stopped after its folders were swapped; it has "
                "been finished (`kiosk content rollback` brings the earlier content back)")
    for area, place in places.items():
        live, new = Path(place["live"]), staged[area]
        old = Path(place["root"]) / f"{live.name}.old"
        if not new.exists() and live.exists():
            live.rename(new)  # this one was swapped: take the new folder out again
        if old.exists() and not live.exists():
            old.rename(live)
    return ("an import or rollback was stopped while it swapped the folders; the content "
            "and quizzes were put back as they were before it")


def _journal_path(folders):
    return folders.backup.with_name(JOURNAL)


def _read(journal):
    return json.loads(journal.read_text(encoding="utf-8"))


def sync_tree(root):
    """fsync every file and folder under ``root``, the folders last."""
    for folder, _, names in os.walk(root):
        for name in names:
            fd = os.open(os.path.join(folder, name), os.O_RDONLY)
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
    for folder, _, _ in os.walk(root, topdown=False):
        sync_folder(folder)
