"""Anonymous engagement stats: what the kiosk counts, where, for how long, and its reports.

The store in ``app.extensions['stats']`` is the sink of ``kiosk.events``.
"""

import logging
from pathlib import Path

from flask import current_app

from .. import events
from ..errors import KioskError
from . import retention
from .commands import group
from .store import StatsStore

log = logging.getLogger(__name__)

__all__ = ["StatsStore", "get_stats", "init_app"]


def init_app(app):
    days = app.config["STATS_RETENTION_DAYS"]
    app.cli.add_command(group)
    app.extensions["stats"] = None
    try:
        store = StatsStore(Path(app.config["DATA_DIR"]) / "stats.sqlite3",
                           clock=app.extensions["clock"],
                           flush_seconds=app.config["STATS_FLUSH_SECONDS"])
    except KioskError as exc:
        # The kiosk keeps teaching without stats; the officer area and the CLI say why.
        log.error("stats are off: %s", exc)
        app.extensions["stats.error"] = str(exc)
        return
    app.extensions["stats"] = store
    events.set_sink(app, store.record)
    store.on_new_day.append(lambda s: retention.fold(s, days))
    if store.trouble:
        return  # said in the log; folding waits for a disk that takes writes
    try:
        retention.fold(store, days)
    except Exception:  # retention is retried the next day; serving comes first
        log.exception("stats: could not fold old days")


def get_stats():
    """The stats store of the current app, or None when the database cannot be used."""
    return current_app.extensions.get("stats")
