"""Live changes: an edit on disk reaches the pages, the quizzes and search within seconds,
even when nobody touches the screen (the watcher `kiosk run` starts)."""

import logging
import os
import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest
from conftest import lesson_text, look, write
from quiz_samples import QUIZ

from kiosk import create_app, watch

KIOSK = [sys.executable, "-m", "kiosk"]


def eventually(condition, seconds=10.0):
    """Wait for something another thread does; the deadline only keeps a broken test finite."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


@pytest.fixture
def watched(content_dir, tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIR": str(content_dir),
                      "QUIZ_DIR": str(tmp_path / "quizzes"), "DATA_DIR": str(tmp_path / "data"),
                      "CONTENT_RECHECK_SECONDS": 0.05})
    watcher = watch.start(app)
    yield app
    watcher.stop()


def test_requests_only_read_what_the_watcher_last_loaded(app, client, content_dir):
    assert "<h1>Calo</h1>" in client.get("/pelajaran/calo").get_data(as_text=True)
    write(content_dir / "id" / "calo.md", lesson_text("Calo diubah", order=2))
    assert "<h1>Calo</h1>" in client.get("/pelajaran/calo").get_data(as_text=True)
    look(app)
    assert "<h1>Calo diubah</h1>" in client.get("/pelajaran/calo").get_data(as_text=True)


def test_the_watcher_reloads_without_any_request(watched, content_dir, tmp_path):
    library, search = watched.extensions["library"], watched.extensions["search"]
    write(content_dir / "id" / "calo.md", lesson_text("Calo diubah", order=2,
                                                      body="Waspada dukun palsu.\n"))
    assert eventually(lambda: library.shelf.lessons[("id", "calo")].title == "Calo diubah")
    # The same thread re-indexes it: search finds a word only its new text has (the lesson
    # list that stands in for a missing index knows titles, tags and summaries only).
    assert eventually(lambda: [h.slug for h in search.find("dukun", "id").hits] == ["calo"])
    write(tmp_path / "quizzes" / "visa-ziarah.yaml", QUIZ)
    book = watched.extensions["quizzes"]
    assert eventually(lambda: book.shelf.quizzes.get("visa-ziarah") is not None)
    page = watched.test_client().get("/pelajaran/calo").get_data(as_text=True)
    assert "<h1>Calo diubah</h1>" in page


def test_the_watcher_logs_what_the_checker_finds_in_an_edit(watched, content_dir, caplog):
    caplog.set_level(logging.WARNING, logger="kiosk.watch")
    write(content_dir / "id" / "calo.md", lesson_text("Calo", order=2,
                                                      body="Baca [ini](kalo.md).\n"))
    expected = ("content/id/calo.md:12: error: link to 'kalo.md' leads to no lesson; did you "
                "mean 'calo.md'?")
    assert eventually(lambda: expected in caplog.messages)


def test_kiosk_run_watches_the_content_folder(content_dir, tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "KIOSK_CONTENT_DIR": str(content_dir),
           "KIOSK_QUIZ_DIR": str(tmp_path / "quizzes"), "KIOSK_DATA_DIR": str(tmp_path / "data"),
           "KIOSK_CONTENT_RECHECK_SECONDS": "0.2"}
    proc = subprocess.Popen(KIOSK + ["run", "--port", str(port)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout],
                              daemon=True)
    reader.start()
    seen = []

    def said(text):
        while not lines.empty():
            seen.append(lines.get())
        return any(text in line for line in seen)

    try:
        assert eventually(lambda: said("Serving on"), 20), seen
        write(content_dir / "id" / "calo.md", lesson_text("Calo diubah", order=2))
        # No request is made: only the watcher can have noticed.
        assert eventually(lambda: said("content changed on disk: 1 lesson files reloaded"), 20)
        url = f"http://127.0.0.1:{port}/pelajaran/calo"
        with urllib.request.urlopen(url) as response:
            assert "<h1>Calo diubah</h1>" in response.read().decode()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        reader.join(timeout=10)
        proc.stdout.close()
    said("")
    assert any("Checked 4 lessons and 0 quiz files: 0 errors, 2 warnings." in line
               for line in seen)
