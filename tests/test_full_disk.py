"""A full or read-only data folder: the kiosk starts, teaches, counts in memory, says so, and
writes what it kept once the disk takes writes again. No database is moved aside for it.

The disk is "full" through RLIMIT_FSIZE in the kiosk's process: every write that would make a
file bigger fails with EFBIG, as on a full disk, and works as root (a read-only chmod does
not). Raising the limit of the running process is the disk getting room again.
"""

import http.cookiejar
import os
import re
import signal
import sqlite3
import subprocess
import urllib.parse
import urllib.request

import pytest
from conftest import lesson_text, search_ready, settings, write
from served import Served, wait_for

from kiosk import create_app

resource = pytest.importorskip("resource")
pytestmark = pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")

PIN = "246813"


def disk_full():
    # In the kiosk's process only: soft limit 0 (no file may grow), hard limit unlimited, so
    # the test may give the room back later.
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.RLIM_INFINITY))


def room_again(proc):
    resource.prlimit(proc.pid, resource.RLIMIT_FSIZE,
                     (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def views(data):
    with sqlite3.connect(data / "stats.sqlite3") as conn:
        return conn.execute("SELECT COALESCE(SUM(n), 0) FROM lesson_viewed").fetchone()[0]


def officer_page(kiosk, path="/petugas"):
    """(status, body) of an officer page after logging in with the PIN, as a browser would."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    with opener.open(kiosk.url + "/petugas/masuk", timeout=30) as response:
        token = re.search(r'name="csrf" value="([^"]+)"', response.read().decode()).group(1)
    form = urllib.parse.urlencode({"csrf": token, "pin": PIN, "peran": "officer"}).encode()
    with opener.open(kiosk.url + "/petugas/masuk", data=form, timeout=30):
        pass
    try:
        with opener.open(kiosk.url + path, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


@pytest.fixture
def used_kiosk(content_dir, tmp_path):
    """A kiosk that has run for a while: 3 views counted, an officer PIN, a search index."""
    config = settings(content_dir, tmp_path)
    app = create_app(config)
    search_ready(app)
    done = app.test_cli_runner().invoke(args=["set-pin"], input=f"{PIN}\n{PIN}\n")
    assert done.exit_code == 0, done.output
    client = app.test_client()
    for _ in range(3):
        assert client.get("/pelajaran/calo").status_code == 200
    app.extensions["stats"].close()
    return config


def test_a_full_disk_keeps_the_kiosk_teaching_and_counting_in_memory(used_kiosk, tmp_path):
    data = tmp_path / "data"
    before = (data / "stats.sqlite3").read_bytes()
    kiosk = Served(used_kiosk, preexec_fn=disk_full).ready()
    try:
        for _ in range(5):
            assert kiosk.get("/pelajaran/calo")[0] == 200
        status, page = kiosk.get("/cari?q=paspor")
        assert status == 200 and "Calo" in page
        # The buku saku cannot be kept on disk: a phone gets it from memory, not a 500.
        for _ in range(2):
            with urllib.request.urlopen(kiosk.url + "/buku-saku.pdf?lang=id",
                                        timeout=60) as response:
                assert response.status == 200 and response.read().startswith(b"%PDF")
        # The log arrives through a pipe read by another thread: wait for the line.
        wait_for(lambda: "booklet kept in memory" in kiosk.log(),
                 "the log to say the booklet is kept in memory")
        assert not list((data / "buku-saku").glob("*.pdf"))
        wait_for(lambda: "stats are kept in memory" in kiosk.log(), "the log to say so")
        health = kiosk.get("/healthz")[1]
        assert '"status":"degraded"' in health and '"stats":"memory"' in health
        assert "stats kept in memory: the data folder refuses writes" in health
        # The officer's report answers, with the counts kept in memory, and says why.
        status, report = officer_page(kiosk)
        assert status == 200, kiosk.log()
        assert "Folder data kios tidak bisa ditulis" in report
        assert [p.name for p in data.iterdir() if ".broken-" in p.name] == []
        assert (data / "stats.sqlite3").read_bytes() == before
        assert views(data) == 3

        room_again(kiosk.proc)
        wait_for(lambda: views(data) == 8, "the kept views to be written")
        # The log line follows the commit, so it is waited for too. 5 views, a search and
        # 2 booklets taken:
        wait_for(lambda: "the disk takes writes again; 8 events kept in memory were written"
                 in kiosk.log(), "the log to say the kept events were written")
        wait_for(lambda: '"status":"ok"' in kiosk.get("/healthz")[1], "healthz to be ok")
    finally:
        kiosk.stop()


def test_a_kiosk_started_on_a_full_empty_disk_serves_and_searches_the_lesson_list(
        content_dir, tmp_path):
    write(content_dir / "id" / "ternak.md", lesson_text("Ternak", body="Jual kambing.\n"))
    kiosk = Served(settings(content_dir, tmp_path), preexec_fn=disk_full).ready()
    try:
        assert kiosk.get("/pelajaran/calo")[0] == 200
        status, page = kiosk.get("/cari?q=kambing")
        assert status == 200 and 'href="/pelajaran/ternak"' in page
        health = kiosk.get("/healthz")[1]
        assert '"status":"degraded"' in health and '"stats":"memory"' in health
        wait_for(lambda: "search answers from the lesson list" in kiosk.get("/healthz")[1],
                 "healthz to name the search")
        assert "the secret key is kept in memory" in kiosk.log()
    finally:
        kiosk.stop()


def mount_namespaces():
    try:
        return subprocess.run(["unshare", "--mount", "true"], capture_output=True,
                              timeout=30).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not mount_namespaces(), reason="needs `unshare --mount` (root)")
def test_a_read_only_data_folder_keeps_the_kiosk_teaching(used_kiosk, tmp_path):
    # A real read-only bind mount, seen by the kiosk's process alone.
    data = tmp_path / "data"
    before = sorted(p.name for p in data.iterdir())
    config = {**used_kiosk}
    kiosk = Served(config, wrap=["unshare", "--mount", "sh", "-c",
                                 f'mount --bind -o ro "{data}" "{data}" && exec "$0" "$@"'])
    kiosk.ready()
    try:
        assert kiosk.get("/pelajaran/calo")[0] == 200
        health = kiosk.get("/healthz")[1]
        assert '"status":"degraded"' in health and "read-only" in health
        status, report = officer_page(kiosk)
        assert status == 200, kiosk.log()
        assert "Folder data kios tidak bisa ditulis" in report
    finally:
        kiosk.stop()
    assert sorted(p.name for p in data.iterdir()) == before
    assert views(data) == 3


def test_the_full_screen_kiosk_starts_on_a_full_disk(content_dir, tmp_path):
    # /bin/true stands in for the browser: the launcher's own writes are what is tried here.
    kiosk = Served(settings(content_dir, tmp_path, BROWSER="/bin/true"), args=["--fullscreen"],
                   preexec_fn=disk_full).ready()
    try:
        assert kiosk.get("/pelajaran/calo")[0] == 200
        assert "`kiosk stop` will not find this kiosk" in kiosk.log()
        kiosk.proc.send_signal(signal.SIGTERM)
        assert kiosk.proc.wait(timeout=60) == 0, kiosk.log()
    finally:
        kiosk.stop()
    assert "Traceback" not in kiosk.log()
