"""The stats database: counters in SQLite (WAL), fed by a buffer that is written once a second.

An event is never a row of its own: it adds one to a daily counter for what happened, and
one to a separate counter for the hour, so no row ties a topic to a time of day.
"""

import atexit
import contextlib
import logging
import os
import sqlite3
import threading
import time
import weakref
from collections import Counter
from pathlib import Path

from .. import events
from ..errors import KioskError
from . import disk
from .engagement import tally_key
from .privacy import RareQueries, day_and_hour
from .schema import MIGRATIONS

log = logging.getLogger(__name__)

# Kinds that are a villager touching the kiosk, counted in the hour-of-day chart. A visit
# summary and a presenter session describe a stretch of time, not one touch; a room's answer
# is an officer's count, not a touch.
# A page view is counted besides what was done on the page (a lesson viewed, a search).
HOURLY_KINDS = frozenset(events.KINDS) - {"visit", "presenter_session", "quiz_group_answer",
                                          "page_viewed"}
# A disk that refuses writes must not make the buffer grow without end: 100,000 events are
# weeks of a busy kiosk, held in memory until the disk takes them again.
MAX_PENDING = 100_000
# While the disk refuses writes, the writer tries again this often.
RETRY_SECONDS = 5.0

# kiosk '' is this kiosk; imported rows carry the name of the kiosk they came from.
LOCAL = ""


class StatsError(KioskError):
    """The stats database cannot be used as it is (its message names the file)."""


def upsert_sql(table, columns, replace=False):
    """INSERT one counter row; on a clash add to it, or with ``replace`` overwrite it."""
    # Quoted: a field may be an SQL word ('where', take_home's screen or phone).
    keys = ", ".join(f'"{name}"' for name in columns)
    marks = ", ".join("?" for _ in columns)
    change = "excluded.n" if replace else "n + excluded.n"
    return (f"INSERT INTO {table} ({keys}, n) VALUES ({marks}, ?) "
            f"ON CONFLICT ({keys}) DO UPDATE SET n = {change}")


def tally_columns(kind):
    return ("day", "kiosk", *events.KINDS[kind])


class StatsStore:
    """Counts engagement events in ``path``; ``record`` is the sink for ``kiosk.events``.

    Durability: events wait in memory for at most ``flush_seconds`` and are then written in
    one transaction (synchronous=FULL). A clean shutdown writes the buffer (``close`` and an
    atexit hook); a crash or power cut loses at most the last ``flush_seconds`` of events.
    """

    def __init__(self, path, clock=time.time, flush_seconds=1.0):
        self.path = Path(path)
        self.clock = clock
        self.flush_seconds = flush_seconds
        self.on_new_day = []  # callables run with the store after the first flush of a day
        self._pending = []
        self._lock = threading.Lock()  # guards _pending and _writer
        self._flush_lock = threading.Lock()  # one writer at a time
        self._wake = threading.Event()
        self._writer = None
        self._closed = False
        self._last_day = None
        # Why the disk refuses the stats now (events are kept in memory), or None.
        self.trouble = None
        self._migrated = False
        self.queries = RareQueries()  # query texts not yet typed often enough to be stored
        self._migrate()
        atexit.register(_flush_at_exit, weakref.ref(self))

    # -- connections ---------------------------------------------------------

    def _connect(self):
        conn = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        conn.execute("PRAGMA busy_timeout = 10000")
        conn.execute("PRAGMA synchronous = FULL")
        # Deleted detail (folded days) is overwritten, not left in free pages; some SQLite
        # builds have this on by default, not all.
        conn.execute("PRAGMA secure_delete = ON")
        return conn

    @contextlib.contextmanager
    def reading(self):
        """A connection that sees one consistent snapshot, after the buffer is written.

        While the disk refuses writes, the snapshot is a copy in memory of what the file
        holds plus the events kept in memory: reports go on, with every count.
        """
        self.flush()
        conn = None
        if self.trouble is None:
            try:
                conn = self._connect()
                conn.execute("BEGIN")
                conn.execute("SELECT 1 FROM daily_total LIMIT 1").fetchall()
            except sqlite3.OperationalError as exc:
                if conn is not None:
                    conn.close()
                if not disk.trouble(exc):
                    raise
                conn = None
        if conn is None:
            conn = self._copy_in_memory()
        try:
            yield conn
        finally:
            with contextlib.suppress(sqlite3.Error):
                conn.execute("COMMIT")
            conn.close()

    def _copy_in_memory(self):
        memory = sqlite3.connect(":memory:", isolation_level=None)
        copied = False
        if self.path.exists():
            # mode=ro first: it reads the -wal too, where a full disk (failing checkpoints)
            # leaves the latest counts, or even the schema. immutable=1 when the folder
            # refuses the -shm or lock file a reader needs: the file as it is.
            uri = self.path.resolve().as_uri()
            for options in ("mode=ro", "immutable=1"):
                with contextlib.suppress(sqlite3.Error):
                    disk = sqlite3.connect(f"{uri}?{options}", uri=True)
                    try:
                        if (disk.execute("PRAGMA user_version").fetchone()[0]
                                == len(MIGRATIONS)):
                            disk.backup(memory)
                            copied = True
                    finally:
                        disk.close()
                if copied:
                    break
        if not copied:
            for script in MIGRATIONS:
                for statement in _statements(script):
                    memory.execute(statement)
        with self._lock:
            batch = list(self._pending)
        memory.execute("BEGIN")
        self._add(memory, batch)
        memory.execute("COMMIT")
        memory.execute("BEGIN")
        return memory

    @contextlib.contextmanager
    def writing(self):
        """A connection inside an immediate transaction, committed unless an error escapes."""
        conn = self._connect()
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.execute("ROLLBACK")
                raise
            conn.execute("COMMIT")
        finally:
            conn.close()

    def _migrate(self):
        """Bring the file to the latest schema; a disk that refuses only sets ``trouble``."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._apply_migrations()
        except (sqlite3.DatabaseError, OSError) as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            if not disk.damaged(self.path):
                self._refused(exc)
                return
            # A damaged file must not stop the kiosk: keep it aside for a technician and
            # start counting again in a fresh one.
            broken = self.path.with_name(f"{self.path.name}.broken-{int(self.clock())}")
            log.error("%s: cannot be read (%s; integrity check failed); moved to %s and "
                      "started afresh", self.path, exc, broken.name)
            try:
                for suffix in ("", "-wal", "-shm"):
                    part = Path(f"{self.path}{suffix}")
                    if part.exists():
                        part.replace(Path(f"{broken}{suffix}"))
                self._apply_migrations()
            except (sqlite3.DatabaseError, OSError) as again:
                self._refused(again)
                return
        self._migrated = True

    def _refused(self, exc):
        reason = disk.trouble(exc) or str(exc)
        if not os.access(self.path.parent, os.W_OK):  # SQLite only says "cannot open"
            reason = f"read-only folder; {reason}"
        if self.trouble is None:
            log.error("%s cannot be written (%s): stats are kept in memory and written once "
                      "the disk takes them", self.path, reason)
        self.trouble = reason

    def _apply_migrations(self):
        conn = self._connect()
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > len(MIGRATIONS):
                raise StatsError(
                    f"written by a newer kiosk (schema {version}, this kiosk knows "
                    f"{len(MIGRATIONS)}); update the kiosk or move the file away",
                    path=str(self.path),
                )
            for number in range(version, len(MIGRATIONS)):
                # executescript() would commit half-way, so statements run one by one.
                conn.execute("BEGIN IMMEDIATE")
                for statement in _statements(MIGRATIONS[number]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {number + 1}")
                conn.execute("COMMIT")
        finally:
            conn.close()

    # -- recording -------------------------------------------------------------

    def record(self, kind, fields):
        """Count one event (the ``kiosk.events`` sink). Raises EventError for bad events."""
        key = tally_key(kind, fields)
        day, hour = day_and_hour(self.clock())
        # (stored key, n): a search may also move earlier ones out of "other queries".
        tallies = self.queries.tallies(day, key) if kind == "search" else [(key, 1)]
        with self._lock:
            if len(self._pending) >= MAX_PENDING:
                log.error("stats buffer full; dropping a %s event", kind)
                return
            self._pending.append((kind, day, hour, *tallies[0]))
            self._pending.extend((kind, day, None, *more) for more in tallies[1:])
            if self._writer is None and not self._closed:
                self._writer = threading.Thread(
                    target=self._drain, name="stats-writer", daemon=True
                )
                self._writer.start()
        if self._closed:
            self.flush()

    def _drain(self):
        # Lives only while there is something to write, so an idle kiosk has no thread.
        while True:
            self._wake.wait(RETRY_SECONDS if self.trouble else self.flush_seconds)
            try:
                self.flush()
            except Exception:  # logged; the events stay in the buffer for the next try
                log.exception("could not write stats to %s", self.path)
            with self._lock:
                if not self._pending or self._closed:
                    self._writer = None
                    return

    def flush(self):
        """Write every buffered event now, in one transaction.

        When the disk refuses (full, read-only), the events stay in memory and
        ``trouble`` says why; the writer thread tries again every few seconds.
        """
        with self._flush_lock:
            with self._lock:
                batch, self._pending = self._pending, []
            if not batch:
                return
            try:
                if not self._migrated:
                    self._migrate()
                if self._migrated:
                    self._write(batch)
            except BaseException as exc:
                self._keep(batch)
                if not disk.trouble(exc):
                    raise
                self._refused(exc)
                return
            if not self._migrated:
                self._keep(batch)
                return
            if self.trouble is not None:
                log.warning("%s: the disk takes writes again; %d events kept in memory were "
                            "written", self.path, len(batch))
                self.trouble = None
            newest_day = max(entry[1] for entry in batch)
            # The first write after start is not a new day: init_app folds at start.
            new_day = self._last_day is not None and newest_day != self._last_day
            self._last_day = newest_day
        if new_day:
            for hook in self.on_new_day:
                try:
                    hook(self)
                except Exception:  # a failed fold is retried the next day
                    log.exception("stats: daily task %r failed", hook)

    def _keep(self, batch):
        with self._lock:
            self._pending[:0] = batch[: MAX_PENDING - len(self._pending)]

    def _write(self, batch):
        with self.writing() as conn:
            self._add(conn, batch)

    @staticmethod
    def _add(conn, batch):
        tallies, hours = Counter(), Counter()
        for kind, day, hour, key, n in batch:
            tallies[(kind, day, key)] += n
            if hour is not None and kind in HOURLY_KINDS:  # one touch, whatever it moved
                hours[(day, hour)] += 1
        for (kind, day, key), n in sorted(tallies.items()):
            if n:
                conn.execute(upsert_sql(kind, tally_columns(kind)), (day, LOCAL, *key, n))
        if any(n < 0 for n in tallies.values()):
            # Searches moved out of "other queries" may leave its counter at 0.
            conn.execute("DELETE FROM search WHERE n <= 0")
        hourly = upsert_sql("hourly_use", ("day", "kiosk", "hour"))
        for (day, hour), n in sorted(hours.items()):
            conn.execute(hourly, (day, LOCAL, hour, n))

    def pending(self):
        with self._lock:
            return len(self._pending)

    def close(self):
        """Write what is buffered and stop the writer thread (a clean shutdown loses nothing)."""
        with self._lock:
            was_closed, self._closed = self._closed, True
            writer = self._writer
        self._wake.set()
        if writer is not None and writer is not threading.current_thread():
            writer.join(timeout=30)
        self.flush()
        if self.pending() and not was_closed:
            log.error("%s: %d counted events could not be written (%s) and are lost",
                      self.path, self.pending(), self.trouble)


def _statements(script):
    return [part.strip() for part in script.split(";") if part.strip()]


def _flush_at_exit(ref):
    store = ref()
    if store is not None:
        try:
            store.close()
        except Exception:
            log.exception("could not write the last stats at exit")
