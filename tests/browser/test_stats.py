"""static/js/stats.js in a real Chromium: a lesson read to the end and a visit summary reach
the store through the beacon, under the kiosk's Content-Security-Policy."""

import os
import shutil
import sqlite3
import threading
import time

import pytest
from conftest import lesson_text, write

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("the browser tests need Debian's chromium in CI")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
waitress_server = pytest.importorskip("waitress.server")

LONG_BODY = "".join(f"## Bagian {i}\n\n" + "Kalimat panjang tentang calo. " * 40 + "\n\n"
                    for i in range(12))


@pytest.fixture
def live_kiosk(stats_app, content_dir):
    write(content_dir / "id" / "panjang.md", lesson_text("Pelajaran panjang", body=LONG_BODY))
    stats_app.extensions["library"].refresh()
    server = waitress_server.create_server(stats_app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=10)


@pytest.fixture
def page(live_kiosk):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-quic"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 800})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        yield page
        browser.close()
        assert errors == []  # no CSP violation, no script error


def wait_for_rows(app, sql, deadline=15):
    """Poll the store until the beacon's event has arrived (no timing is asserted)."""
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


def test_a_lesson_scrolled_to_the_end_is_reported_when_left(stats_app, live_kiosk, page):
    page.goto(f"{live_kiosk}/pelajaran/panjang")
    page.mouse.wheel(0, 200_000)
    page.wait_for_function("() => window.scrollY > 1000")  # a function: CSP forbids eval
    page.wait_for_timeout(100)  # let the scroll handler's animation frame run
    page.goto(f"{live_kiosk}/")
    rows = wait_for_rows(stats_app, "SELECT lesson, lang, scrolled, n FROM lesson_read")
    assert rows == [("panjang", "id", 100, 1)]


def test_a_lesson_left_at_its_top_is_not_read_to_the_end(stats_app, live_kiosk, page):
    page.goto(f"{live_kiosk}/pelajaran/panjang")
    page.goto(f"{live_kiosk}/")
    rows = wait_for_rows(stats_app, "SELECT lesson, scrolled FROM lesson_read")
    assert len(rows) == 1 and rows[0][0] == "panjang" and rows[0][1] < 100


def test_end_visit_sends_the_pages_seen_and_starts_afresh(stats_app, live_kiosk, page):
    for path in ("/", "/kategori/modus", "/pelajaran/calo"):
        page.goto(live_kiosk + path)
    page.evaluate("window.kioskStats.endVisit()")
    rows = wait_for_rows(stats_app, "SELECT pages, n FROM visit")
    assert rows == [(3, 1)]
    assert page.evaluate("sessionStorage.getItem('kioskVisit')") is None
    page.goto(live_kiosk + "/")
    page.evaluate("window.kioskStats.endVisit()")
    rows = wait_for_rows(stats_app, "SELECT pages, n FROM visit WHERE pages = 1")
    assert rows == [(1, 1)]


def test_officer_pages_are_not_part_of_a_visit(stats_app, live_kiosk, page):
    page.goto(live_kiosk + "/")
    page.goto(live_kiosk + "/petugas")
    page.evaluate("window.kioskStats.endVisit()")
    assert wait_for_rows(stats_app, "SELECT pages FROM visit") == [(1,)]
