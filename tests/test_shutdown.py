"""Stopping `kiosk run` the way systemd, Docker, `kill` and a closed terminal do saves the
counted visits still waiting in memory, as Ctrl+C does."""

import os
import signal
import sqlite3

import pytest
from conftest import settings
from served import WAIT, Served

pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX signals")

VIEWS = 20


def saved_views(data_dir):
    with sqlite3.connect(data_dir / "stats.sqlite3") as conn:
        return conn.execute("SELECT COALESCE(SUM(n), 0) FROM lesson_viewed").fetchone()[0]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_stopped_kiosk_saves_the_views_it_was_holding(content_dir, tmp_path, signum):
    # An hour between writes: every view is still in memory when the signal comes.
    kiosk = Served(settings(content_dir, tmp_path, STATS_FLUSH_SECONDS=3600)).ready()
    try:
        for _ in range(VIEWS):
            assert kiosk.get("/pelajaran/calo")[0] == 200
        kiosk.proc.send_signal(signum)
        code = kiosk.proc.wait(timeout=WAIT)
    finally:
        kiosk.stop()
    assert saved_views(tmp_path / "data") == VIEWS, kiosk.log()
    assert code == 0, kiosk.log()

