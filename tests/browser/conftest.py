"""What the browser tests share: Debian's Chromium, a kiosk served from a thread, pages that
record script errors, screenshots and the axe-core scan.

Outside CI a missing Chromium (or Playwright) skips these tests with the reason; with CI=true
they fail instead, so a CI machine without a browser cannot pass by testing nothing.
"""

import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from kiosk import create_app

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Debian's Chromium, quiet and headless; `playwright install` cannot work on these machines.
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
SIZES = [(1366, 768), (1024, 768)]
PIN = "246813"


def size_id(size):
    return f"{size[0]}x{size[1]}"


def _cannot_test(reason):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="package")
def browser():
    """One Chromium for the whole folder; every test gets its own context (cookies, storage)."""
    if not os.path.exists(CHROMIUM):
        _cannot_test(f"the browser tests need Debian's chromium at {CHROMIUM} "
                     "(apt-get install -y --no-install-recommends chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _cannot_test("the browser tests need Playwright for Python (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


class LiveKiosk:
    """The kiosk served by waitress on 127.0.0.1 from a thread; it can be stopped and started
    again on the same port, as when the kiosk's server dies and comes back."""

    def __init__(self, app):
        self.app = app
        self.port = 0
        self.thread = None
        self._stop = threading.Event()

    def start(self):
        from waitress.server import create_server

        server = create_server(self.app, host="127.0.0.1", port=self.port, threads=4)
        self.port = server.effective_port
        self._stop.clear()
        self.thread = threading.Thread(target=self._serve, args=(server,), daemon=True)
        self.thread.start()
        return self

    def _serve(self, server):
        from waitress import wasyncore

        # waitress's own close() leaves kept-alive connections answering: a browser would
        # never notice the server had gone. Closing everything in the loop's thread does.
        while not self._stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1)
        wasyncore.close_all(server._map)
        server.task_dispatcher.shutdown()

    def stop(self):
        if self.thread is not None:
            self._stop.set()
            self.thread.join(timeout=10)
            assert not self.thread.is_alive(), "the kiosk's server did not stop"
            self.thread = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def __call__(self, path="/"):
        return self.url + path


def kiosk_app(tmp_path, **config):
    """The kiosk on the bundled lessons and quizzes, writing into tmp_path."""
    settings = {"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "KIOSK_NAME": "Desa Sukamaju",
                "OFFICE_NAME": "Kantor Imigrasi Kelas I Yogyakarta",
                "OFFICE_ADDRESS": "Jl. Solo Km 10, Yogyakarta", "OFFICE_PHONE": "(0274) 484-370"}
    settings.update(config)
    return create_app(settings)


@pytest.fixture
def serve():
    """serve(app) -> a running LiveKiosk, stopped after the test."""
    started = []

    def start(app):
        live = LiveKiosk(app).start()
        started.append(live)
        return live

    yield start
    for live in started:
        live.stop()


@pytest.fixture
def app(tmp_path):
    return kiosk_app(tmp_path)


@pytest.fixture
def live(app, serve):
    return serve(app)


class Screen:
    """A page in its own browser context, collecting every script error and CSP complaint."""

    def __init__(self, browser, size, touch=True):
        self.size = size
        self.context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, has_touch=touch, locale="id-ID")
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def shoot(self, name, full_page=False):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"kiosk-{name}-{size_id(self.size)}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def screens(browser):
    """screens(size=(1366, 768), touch=True) -> a new Screen, closed after the test."""
    opened = []

    def open_screen(size=SIZES[0], touch=True):
        screen = Screen(browser, size, touch)
        opened.append(screen)
        return screen

    yield open_screen
    for screen in opened:
        screen.close()


def serious_violations(page):
    """axe-core's serious and critical findings on the page as it is now, as a report."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    return [f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(", ".join(node["target"]) for node in v["nodes"]) for v in found]


def set_pin(app, pin=PIN):
    done = app.test_cli_runner().invoke(args=["set-pin"], input=f"{pin}\n{pin}\n")
    assert done.exit_code == 0, done.output


def stats_rows(app, sql, deadline=15):
    """Rows of the stats store once a page's beacon has arrived (polled; no timing asserted)."""
    store = app.extensions["stats"]
    end = time.monotonic() + deadline
    while True:
        store.flush()
        conn = sqlite3.connect(store.path)
        try:
            rows = conn.execute(sql).fetchall()
        finally:
            conn.close()
        if rows or time.monotonic() > end:
            return rows
        time.sleep(0.05)
