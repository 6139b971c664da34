"""The day totals: the headline numbers of the monthly report, kept for every day forever.

Computed from the detailed counters while a day is recent; stored as such once it is folded.
"""

import re
from collections import Counter

from .privacy import DURATION_BUCKETS, READ_TO_END_SQL, duration_midpoint

# Bucket -> representative seconds, as SQL, so visit lengths can be averaged.
_MIDPOINT = "CASE seconds " + " ".join(
    f"WHEN {b} THEN {duration_midpoint(b)}" for b in DURATION_BUCKETS
) + " ELSE seconds END"

# (metric, table, value expression, extra condition, column appended to the metric name)
METRICS = (
    ("visits", "visit", "SUM(n)", "", None),
    ("visit_seconds", "visit", f"SUM(n * ({_MIDPOINT}))", "", None),
    ("visit_pages", "visit", "SUM(n * pages)", "", None),
    ("lesson_views", "lesson_viewed", "SUM(n)", "", None),
    ("lesson_views:", "lesson_viewed", "SUM(n)", "", "lang"),
    ("lesson_reads", "lesson_read", "SUM(n)", "", None),
    ("lessons_read_to_end", "lesson_read", "SUM(n)", f"AND {READ_TO_END_SQL}", None),
    ("searches", "search", "SUM(n)", "", None),
    ("searches_without_result", "search", "SUM(n)", "AND results = 0", None),
    ("quiz_answers", "quiz_answer", "SUM(n)", "", None),
    ("quiz_answers_correct", "quiz_answer", "SUM(n * correct)", "", None),
    ("quiz_completions", "quiz_completed", "SUM(n)", "", None),
    ("quiz_score", "quiz_completed", "SUM(n * score)", "", None),
    ("quiz_points", "quiz_completed", "SUM(n * total)", "", None),
    ("checker_results", "checker_result", "SUM(n)", "", None),
    ("checker:", "checker_result", "SUM(n)", "", "risk"),
    ("language_switches:", "language_switched", "SUM(n)", "", "lang"),
    ("presenter_sessions", "presenter_session", "SUM(n)", "", None),
    ("presenter_audience", "presenter_session", "SUM(n * audience)", "", None),
    ("quiz_group_answers", "quiz_group_answer", "SUM(n)", "", None),
    # Bawa pulang: QRs shown, booklets and lesson PDFs taken ('take_home:qr' ...).
    ("take_home:", "take_home", "SUM(n)", "", "what"),
    ("listens", "listened", "SUM(n)", "", None),
    ("listens:", "listened", "SUM(n)", "", "page"),
    ("interactions", "hourly_use", "SUM(n)", "", None),
    # page_views:screen and page_views:phone (the column is an SQL word, hence the quotes).
    ("page_views:", "page_viewed", "SUM(n)", "", '"where"'),
)

METRIC_NAME = re.compile(
    "^(?:" + "|".join(re.escape(m) + ("[A-Za-z0-9][A-Za-z0-9_.-]*" if col else "")
                      for m, _, _, _, col in METRICS) + ")$"
)


def kiosk_condition(kiosk):
    """SQL and parameters limiting rows to one kiosk ('' is this one), or all when None."""
    return ("", ()) if kiosk is None else (" AND kiosk = ?", (kiosk,))


def from_detail(conn, start, end, kiosk=None):
    """{(kiosk, day): Counter(metric -> n)} computed from the detailed counters."""
    where, params = kiosk_condition(kiosk)
    found = {}
    for metric, table, value, extra, column in METRICS:
        group = column or "''"
        rows = conn.execute(
            f"SELECT kiosk, day, {group}, {value} FROM {table} "
            f"WHERE day BETWEEN ? AND ?{where} {extra} GROUP BY kiosk, day, {group}",
            (start, end, *params),
        )
        for row_kiosk, day, suffix, n in rows:
            if n:
                name = metric + suffix if column else metric
                found.setdefault((row_kiosk, day), Counter())[name] += n
    return found


def stored(conn, start, end, kiosk=None):
    """{(kiosk, day): Counter(metric -> n)} of days already folded into totals."""
    where, params = kiosk_condition(kiosk)
    found = {}
    rows = conn.execute(
        f"SELECT kiosk, day, metric, n FROM daily_total WHERE day BETWEEN ? AND ?{where}",
        (start, end, *params),
    )
    for row_kiosk, day, metric, n in rows:
        found.setdefault((row_kiosk, day), Counter())[metric] += n
    return found


def per_kiosk(conn, start, end, kiosk=None):
    """{kiosk: Counter(metric -> n)} over a period, folded days included."""
    result = {}
    for source in (from_detail(conn, start, end, kiosk), stored(conn, start, end, kiosk)):
        for (row_kiosk, _day), counts in source.items():
            result.setdefault(row_kiosk, Counter()).update(counts)
    return result
