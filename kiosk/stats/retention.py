"""Retention: detail older than the configured age is folded into day totals and deleted.

What remains of an old day is its headline numbers; no query, lesson or hour survives it.
"""

import datetime as dt

from .. import events
from . import totals
from .store import upsert_sql

DEFAULT_DAYS = 365
DETAIL_TABLES = (*events.KINDS, "hourly_use")


def today(store):
    return dt.date.fromtimestamp(store.clock())


def fold(store, retention_days=DEFAULT_DAYS, on_day=None):
    """Fold every day older than ``retention_days`` before ``on_day`` (default: today).

    Returns the number of (kiosk, day) pairs folded. Running it twice changes nothing.
    """
    on_day = on_day or today(store)
    first_kept = on_day - dt.timedelta(days=retention_days)
    last_folded = (first_kept - dt.timedelta(days=1)).isoformat()
    insert = upsert_sql("daily_total", ("day", "kiosk", "metric"), replace=True)
    with store.writing() as conn:
        days = totals.from_detail(conn, "0000-01-01", last_folded)
        for (kiosk, day), counts in sorted(days.items()):
            # The detail that arrived is the whole day (an import may bring a day again).
            conn.execute("DELETE FROM daily_total WHERE day = ? AND kiosk = ?", (day, kiosk))
            for metric, n in sorted(counts.items()):
                conn.execute(insert, (day, kiosk, metric, n))
        for table in DETAIL_TABLES:
            conn.execute(f"DELETE FROM {table} WHERE day <= ?", (last_folded,))
    return len(days)


def folded_through(conn, start, end, kiosk=None):
    """The last day in the period whose detail is gone (None if every day is detailed)."""
    where, params = totals.kiosk_condition(kiosk)
    row = conn.execute(
        f"SELECT MAX(day) FROM daily_total WHERE day BETWEEN ? AND ?{where}",
        (start, end, *params),
    ).fetchone()
    return row[0]
