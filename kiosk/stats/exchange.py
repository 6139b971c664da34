"""Export of daily counters (CSV or JSON, labelled with the kiosk's name) and their import.

An import overwrites the counters it brings, keyed by kiosk, day and what was counted,
so importing a file twice, or a newer export of the same days, never counts anything twice.
"""

import csv
import datetime as dt
import io
import json
from pathlib import Path

from .. import events
from ..errors import KioskError
from . import retention
from .engagement import FIELDS, EventError, tally_key
from .privacy import QUERY_MIN_COUNT
from .store import LOCAL, tally_columns, upsert_sql
from .totals import METRIC_NAME

FORMAT = "kios-waspada-stats"
VERSION = 1
EXTRA_KINDS = {"hour": ("hour",), "total": ("metric",)}
EXTRA_TABLES = {"hour": "hourly_use", "total": "daily_total"}
_FIELD_ORDER = list(dict.fromkeys(f for fields in events.KINDS.values() for f in fields))
COLUMNS = ("kiosk", "day", "kind", *_FIELD_ORDER, "hour", "metric", "n")
LIST_FIELDS = ("lessons", "options", "flags")
MAX_KIOSK_NAME = 80
MAX_COUNT = 10**9


class ExchangeError(KioskError):
    """A stats file that cannot be imported as it is; nothing of it was imported."""


def kind_fields(kind):
    return events.KINDS.get(kind) or EXTRA_KINDS[kind]


def _table(kind):
    return EXTRA_TABLES.get(kind, kind)


# -- export -------------------------------------------------------------------------


def export_rows(store, start, end, label, kiosk=LOCAL):
    """Rows {kiosk, day, kind, <fields>, n} for the days ``start``..``end`` (ISO dates).

    ``kiosk`` picks whose counters: '' this kiosk (labelled ``label``), a name, or None for
    all. A query typed fewer than QUERY_MIN_COUNT times in the exported days leaves as ''.
    """
    where, params = ("", ()) if kiosk is None else (" AND kiosk = ?", (kiosk,))
    rows = []
    with store.reading() as conn:
        for kind in (*events.KINDS, *EXTRA_KINDS):
            fields = kind_fields(kind)
            columns = ", ".join(f'"{c}"' for c in ("day", "kiosk", *fields, "n"))
            for day, row_kiosk, *values, n in conn.execute(
                    f"SELECT {columns} FROM {_table(kind)} WHERE day BETWEEN ? AND ?{where} "
                    f"ORDER BY {columns}", (start, end, *params)):
                row = {"kiosk": row_kiosk or label, "day": day, "kind": kind}
                row.update(zip(fields, values, strict=True))
                row["n"] = n
                rows.append(row)
    return _hide_rare_queries(rows)


def _hide_rare_queries(rows):
    seen = {}
    for row in rows:
        if row["kind"] == "search":
            key = (row["kiosk"], row["query"])
            seen[key] = seen.get(key, 0) + row["n"]
    merged, out = {}, []
    for row in rows:
        if row["kind"] == "search" and seen[(row["kiosk"], row["query"])] < QUERY_MIN_COUNT:
            hidden = {**row, "query": ""}
            key = (hidden["kiosk"], hidden["day"], hidden["results"], hidden["lang"])
            if key in merged:
                merged[key]["n"] += row["n"]
                continue
            merged[key] = hidden
            row = hidden
        out.append(row)
    return out


def write_csv(rows):
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, COLUMNS, restval="", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue()


def write_json(rows, label, start, end):
    compact = [{k: v for k, v in row.items() if k in ("kiosk", "day", "kind", "n")
                or k in kind_fields(row["kind"])} for row in rows]
    document = {"format": FORMAT, "version": VERSION, "kiosk": label, "from": start,
                "to": end, "rows": compact}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# -- import -------------------------------------------------------------------------


def read_file(path, own_name=""):
    """The checked rows of an export file; ExchangeError (path:line) at the first problem."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ExchangeError(f"cannot read the file ({exc.__class__.__name__})",
                            path=str(path)) from exc
    reader = _json_rows if text.lstrip().startswith("{") else _csv_rows
    located = reader(text, path)
    rows, seen = [], {}
    for line, raw in located:
        try:
            row = check_row(raw, own_name)
        except ValueError as exc:
            raise ExchangeError(str(exc), path=str(path), line=line) from None
        key = (row["kiosk"], row["day"], row["kind"], *(row[f] for f in kind_fields(row["kind"])))
        if key in seen:
            raise ExchangeError(f"repeats the counter of line {seen[key]}", path=str(path),
                                line=line)
        seen[key] = line
        rows.append(row)
    return rows


def _json_rows(text, path):
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExchangeError(f"not valid JSON: {exc.msg}", path=str(path), line=exc.lineno)\
            from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExchangeError(f"not a stats export (expected \"format\": \"{FORMAT}\")",
                            path=str(path))
    if document.get("version") != VERSION:
        raise ExchangeError(f"export version {document.get('version')!r} is not {VERSION}",
                            path=str(path))
    rows = document.get("rows")
    if not isinstance(rows, list):
        raise ExchangeError("\"rows\" must be a list", path=str(path))
    # JSON rows have no line of their own; "row N" is shown as the line, 1-based.
    return [(number, row) for number, row in enumerate(rows, start=1)]


def _csv_rows(text, path):
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in ("kiosk", "day", "kind", "n") if c not in header]
    unknown = [c for c in header if c not in COLUMNS]
    if missing or unknown:
        problem = f"missing columns {missing}" if missing else f"unknown columns {unknown}"
        raise ExchangeError(f"not a stats export: {problem}", path=str(path), line=1)
    located = []
    for raw in reader:
        if None in raw:
            raise ExchangeError("has more cells than the header", path=str(path),
                                line=reader.line_num)
        located.append((reader.line_num, {k: v for k, v in raw.items() if v not in ("", None)}))
    return located


def _integer(name, value):
    if isinstance(value, bool):
        raise ValueError(f"{name!r} must be a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value)
    raise ValueError(f"{name!r} must be a whole number")


def check_row(raw, own_name=""):
    """One row in stored form, or ValueError saying what is wrong with it."""
    if not isinstance(raw, dict):
        raise ValueError("a row must be an object with kiosk, day, kind and n")
    kiosk = raw.get("kiosk")
    if not isinstance(kiosk, str) or not kiosk.strip():
        raise ValueError("'kiosk' is empty: set KIOSK_NAME on the kiosk that made this file "
                         "and export again")
    # A name starting with = + - @ would run as a formula in a spreadsheet.
    if (len(kiosk) > MAX_KIOSK_NAME or not kiosk.isprintable() or kiosk != kiosk.strip()
            or kiosk[0] in "=+-@"):
        raise ValueError(f"'kiosk' must be a name of at most {MAX_KIOSK_NAME} characters, "
                         f"not starting with = + - @")
    if own_name and kiosk == own_name:
        raise ValueError(f"this file comes from this kiosk ({kiosk!r}); its numbers are "
                         f"already here")
    day = raw.get("day")
    try:
        if not isinstance(day, str) or len(day) != 10:
            raise ValueError
        dt.date.fromisoformat(day)
    except ValueError:
        raise ValueError(f"'day' must be a date like 2026-03-05, got {str(day)[:20]!r}")\
            from None
    kind = raw.get("kind")
    if kind not in events.KINDS and kind not in EXTRA_KINDS:
        raise ValueError(f"unknown kind {str(kind)[:40]!r}")
    n = _integer("n", raw.get("n"))
    if not 1 <= n <= MAX_COUNT:
        raise ValueError(f"'n' must be from 1 to {MAX_COUNT}, got {n}")
    row = {"kiosk": kiosk, "day": day, "kind": kind, "n": n}
    allowed = set(kind_fields(kind)) | {"kiosk", "day", "kind", "n"}
    extra = sorted(k for k in raw if k not in allowed)
    if extra:
        raise ValueError(f"kind {kind!r} has no field {extra[0]!r}")
    row.update(_stored_fields(kind, raw))
    return row


def _stored_fields(kind, raw):
    if kind == "hour":
        hour = _integer("hour", raw.get("hour"))
        if not 0 <= hour <= 23:
            raise ValueError(f"'hour' must be from 0 to 23, got {hour}")
        return {"hour": hour}
    if kind == "total":
        metric = raw.get("metric")
        if not isinstance(metric, str) or not METRIC_NAME.match(metric):
            raise ValueError(f"unknown total {str(metric)[:40]!r}")
        return {"metric": metric}
    given = {}
    for name in events.KINDS[kind]:
        value = raw.get(name)
        if value is None:
            continue
        if FIELDS[name][0] == "INTEGER":
            value = _integer(name, value)
        elif name in LIST_FIELDS and isinstance(value, str):
            value = [item for item in value.split(",") if item]
        given[name] = value
    # A rare query, removed by the exporting kiosk (an empty CSV cell, or "" in JSON).
    hidden = kind == "search" and given.get("query", "") == ""
    if hidden:
        given["query"] = "hidden"
    try:
        key = tally_key(kind, given)
    except EventError as exc:
        raise ValueError(str(exc).replace(f"event {kind!r}", f"kind {kind!r}")) from None
    stored = dict(zip(events.KINDS[kind], key, strict=True))
    if hidden:
        stored["query"] = ""
    for name, value in given.items():
        original = ",".join(value) if isinstance(value, list) else value
        if name == "query" and hidden:
            continue
        if stored[name] != original:
            raise ValueError(f"{name!r} is not in the form the kiosk stores "
                             f"({stored[name]!r} expected)")
    return stored


def merge(store, rows, retention_days=retention.DEFAULT_DAYS):
    """Write checked rows into the store (overwriting the same counters); fold old days."""
    with store.writing() as conn:
        for row in rows:
            kind = row["kind"]
            columns = ("day", "kiosk", *kind_fields(kind)) if kind in EXTRA_KINDS \
                else tally_columns(kind)
            values = [row[c] for c in columns]
            conn.execute(upsert_sql(_table(kind), columns, replace=True), (*values, row["n"]))
    retention.fold(store, retention_days)
    return {
        "rows": len(rows),
        "kiosks": sorted({row["kiosk"] for row in rows}),
        "days": (min(r["day"] for r in rows), max(r["day"] for r in rows)) if rows else None,
    }
