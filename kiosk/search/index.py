"""The Whoosh index of lessons in DATA_DIR/search, and the manifest saying what it holds.

Changed, added and removed lessons are re-indexed one by one; a broken index is rebuilt.
"""

import gc
import json
import logging
import mmap
import os
import secrets
import shutil
import threading
import time
import traceback
import warnings
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.util.filelock import FileLock

from ..files import atomic_write
from .documents import FORMAT, make_schema
from .postings import LibraryWriter

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
STEMS = "synonym-stems.json"
WRITE_TIMEOUT = 30.0
# A full build holds a segment's postings in memory (~170 bytes each) before writing them:
# 1.5 million is ~3,000 lessons and ~250 MB; a larger library is built in several segments.
SEGMENT_POSTINGS = 1_500_000


class MappedStorage(FileStorage):
    """An index folder whose files are read through mmap.

    Whoosh reads a posting block with a seek and three reads; on a plain file each is a
    system call, on a mapping a memory copy (about 10% less CPU a query, measured, and
    less waiting on a busy machine). Threads' searchers share the kernel's pages.
    """

    def open_file(self, name, **kwargs):
        with open(self._fpath(name), "rb") as fh:
            try:
                mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            except (ValueError, OSError):  # an empty file cannot be mapped
                return super().open_file(name, **kwargs)
        return StructFile(mapped, name=name, **kwargs)


class IndexBusy(Exception):
    """Another process or thread held the index for longer than we wait."""


def release(exc):
    """The traceback of a failure as text, after closing the files Whoosh left open.

    Reading a damaged index, Whoosh raises with an open file held by a closure in the
    traceback; whoever keeps the traceback (a log record) keeps the file. So the log gets
    text, the traceback is dropped, and the file is closed now, quietly, instead of a
    ResourceWarning at some later garbage collection. Only runs when something failed.
    """
    text = "".join(traceback.format_exception(exc)).rstrip()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        for failure in (exc, exc.__context__, exc.__cause__):
            if failure is not None and failure.__traceback__ is not None:
                traceback.clear_frames(failure.__traceback__)
                failure.__traceback__ = None
        gc.collect()
    return text


@dataclass
class Report:
    """What one pass over the index did."""

    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    rebuilt: bool = False
    total: int = 0
    seconds: float = 0.0

    def __bool__(self):
        return bool(self.added or self.changed or self.removed or self.rebuilt)


class LessonIndex:
    """The index folder: a manifest naming the live index directory and what it holds.

    A rebuild fills a new directory and then switches the manifest to it in one atomic
    write, so readers never see a half-built index and Windows never renames open files.
    """

    def __init__(self, folder, languages):
        self.folder = Path(folder)
        self.languages = list(languages)
        self.schema = make_schema(self.languages)
        self._lock = threading.RLock()
        # Called as progress(done, total) before each lesson of a full build: for the log
        # of a long build, and for tests that hold a build midway.
        self.progress = None

    # -- the manifest -----------------------------------------------------

    @property
    def manifest_path(self):
        return self.folder / MANIFEST

    def read_manifest(self):
        """The manifest, or None when it is missing, unreadable or for another format."""
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT \
                or data.get("languages") != self.languages \
                or not isinstance(data.get("lessons"), dict) \
                or not str(data.get("index", "")).startswith("index-"):
            return None
        return data

    def manifest_stamp(self):
        try:
            st = self.manifest_path.stat()
        except OSError:
            return None
        return (st.st_mtime_ns, st.st_size, st.st_ino)

    def _write_manifest(self, name, lessons):
        data = {"format": FORMAT, "languages": self.languages, "index": name,
                "lessons": dict(sorted(lessons.items()))}
        atomic_write(self.manifest_path, json.dumps(data, ensure_ascii=False, indent=1))

    # -- the synonyms' stems ------------------------------------------------

    def read_stems(self, digest):
        """The stems saved for the synonyms file with this digest, or {}."""
        try:
            data = json.loads((self.folder / STEMS).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != FORMAT \
                or data.get("digest") != digest or not isinstance(data.get("stems"), dict):
            return {}
        return data["stems"]

    def write_stems(self, digest, stems):
        atomic_write(self.folder / STEMS, json.dumps(
            {"format": FORMAT, "digest": digest, "stems": stems}, ensure_ascii=False))

    # -- opening ------------------------------------------------------------

    def open(self, manifest=None):
        """The live index named by the manifest; raises if it is missing or unreadable."""
        manifest = manifest or self.read_manifest()
        if manifest is None:
            raise FileNotFoundError(self.manifest_path)
        path = self.folder / manifest["index"]
        # A commit in another process replaces _MAIN_N.toc; open_dir can catch it midway.
        for attempt in range(5):
            try:
                ix = MappedStorage(str(path), readonly=False).open_index(schema=self.schema)
                ix.is_empty()  # reads the TOC now (only the TOC: no segment files opened)
                return ix
            except FileNotFoundError as exc:
                if attempt == 4 or not path.is_dir():
                    raise
                release(exc)
                time.sleep(0.02 * (attempt + 1))

    # -- writing --------------------------------------------------------------

    @contextmanager
    def writing(self, timeout=WRITE_TIMEOUT):
        """One writer at a time, across threads and across processes (`kiosk index`)."""
        if not self._lock.acquire(timeout=timeout):
            raise IndexBusy("the search index is busy in this process")
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.folder / "write.lock"))
            deadline = time.monotonic() + timeout
            while not lock.acquire():
                if time.monotonic() > deadline:
                    raise IndexBusy(f"{self.folder} is locked by another kiosk process")
                time.sleep(0.1)
            try:
                yield
            finally:
                lock.release()
        finally:
            self._lock.release()

    def rebuild(self, docs):
        """Index every document into a fresh directory and switch the manifest to it."""
        started = time.perf_counter()
        with self.writing():
            old = self.read_manifest()
            name = f"index-{secrets.token_hex(4)}"
            path = self.folder / name
            path.mkdir(parents=True)
            ix = whoosh_index.create_in(str(path), self.schema)
            writer = None
            try:
                with _collector_spaced():
                    for done, doc in enumerate(docs.values()):
                        if self.progress is not None:
                            self.progress(done, len(docs))
                        if writer is None:
                            # Separate files, not one compound .seg: Whoosh opens a compound
                            # segment by copying it into memory (60 ms and 30 MB for 2,000
                            # lessons, at every open).
                            writer = LibraryWriter(ix, timeout=10, delay=0.1, compound=False)
                        writer.add_document(**doc.fields())
                        if writer.postings >= SEGMENT_POSTINGS:
                            writer.commit(merge=False)
                            writer = None
                    if writer is not None:
                        writer.commit(merge=False)
            except BaseException:
                if writer is not None and not writer.is_closed:
                    writer.cancel()
                shutil.rmtree(path, ignore_errors=True)
                raise
            ix.close()
            self._write_manifest(name, {key: doc.entry() for key, doc in docs.items()})
            self._remove_stale(keep=name)
        return Report(added=sorted(docs), rebuilt=True, total=len(docs),
                      seconds=time.perf_counter() - started, removed=sorted(
                          set((old or {}).get("lessons", {})) - set(docs)))

    def update(self, docs, keys=None, timeout=WRITE_TIMEOUT):
        """Bring the index in line with ``docs``: all of them, or only the given keys.

        Compares first without the lock and returns at once when nothing changed (the
        usual answer: ~10 ms at 2,000 lessons). Raises FileNotFoundError (and Whoosh's
        errors) when the index cannot be opened.
        """
        started = time.perf_counter()
        stamp, manifest = self.manifest_stamp(), self.read_manifest()
        if manifest is None:
            raise FileNotFoundError(self.manifest_path)
        report, fresh = _compare(manifest["lessons"], docs, keys)
        if not report and fresh == {key: manifest["lessons"].get(key) for key in fresh}:
            report.total = len(manifest["lessons"])
            report.seconds = time.perf_counter() - started
            return report
        with self.writing(timeout):
            if self.manifest_stamp() != stamp:  # another process wrote it meanwhile
                manifest = self.read_manifest()
                if manifest is None:
                    raise FileNotFoundError(self.manifest_path)
                report, fresh = _compare(manifest["lessons"], docs, keys)
            entries = manifest["lessons"]
            if report:
                ix = self.open(manifest)
                writer = ix.writer(timeout=10, delay=0.1, compound=False)
                try:
                    for key in report.removed:
                        writer.delete_by_term("key", key)
                    for key in report.added + report.changed:
                        writer.update_document(**docs[key].fields())
                    writer.commit()
                except BaseException:
                    writer.cancel()
                    raise
                finally:
                    ix.close()
            # Stamps may move without a change (a file touched, a hash equal): keep them true.
            moved = any(entries.get(key) != entry for key, entry in fresh.items())
            for key in report.removed:
                entries.pop(key, None)
            entries.update(fresh)
            if report or moved:
                self._write_manifest(manifest["index"], entries)
            report.total = len(entries)
        report.seconds = time.perf_counter() - started
        return report

    def remove_leftovers(self):
        """Remove index folders the manifest does not name: what a rebuild killed midway
        (power cut, `kill -9`) left behind, which nothing else would ever delete."""
        try:
            with self.writing(timeout=1.0):  # a rebuild in another process: next start
                manifest = self.read_manifest()
                if manifest is not None:
                    self._remove_stale(keep=manifest["index"])
        except (IndexBusy, OSError) as exc:
            log.info("old search index folders left for later: %s", exc)

    def _remove_stale(self, keep):
        # Old index directories; on Windows a reader may still hold one open: next time.
        for path in self.folder.glob("index-*"):
            if path.name != keep and path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
        for path in self.folder.glob(f".{MANIFEST}.*.tmp"):
            with suppress(OSError):
                os.unlink(path)

    def size_bytes(self):
        manifest = self.read_manifest()
        if manifest is None:
            return 0
        path = self.folder / manifest["index"]
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())


@contextmanager
def _collector_spaced():
    # A build allocates millions of small objects and frees them by reference counting;
    # the cycle collector, run every 700 allocations, would scan them ~2,600 times (0.7 to
    # 1 s of a 2,000-lesson build). Every 20,000 allocations it costs 0.1 s. It is the
    # process's setting, so pages served meanwhile share it: still collected, in pauses of
    # a few milliseconds (switched off entirely, one collection afterwards took 1.2 s).
    first, *rest = gc.get_threshold()
    gc.set_threshold(max(first, 20_000), *rest)
    try:
        yield
    finally:
        gc.set_threshold(first, *rest)


def _compare(entries, docs, keys=None):
    """(a Report of what to add, change and remove; the fresh manifest entries)."""
    report, fresh = Report(), {}
    for key in sorted(set(docs) | set(entries) if keys is None else set(keys)):
        doc, old = docs.get(key), entries.get(key)
        if doc is None:
            if old is not None:
                report.removed.append(key)
            continue
        fresh[key] = doc.entry(old)
        if old is None:
            report.added.append(key)
        elif old.get("hash") != fresh[key]["hash"]:
            report.changed.append(key)
    return report, fresh
