"""The one browser harness: Debian's Chromium (one per test session), a kiosk served by waitress
from a thread, on a small content tree written into tmp_path, pages that record script errors,
screenshots, axe-core, and waiting for the stats a page's beacon sends.

Outside CI a missing Chromium (or Playwright) skips these tests with the reason; with CI=true
they fail instead, so a CI machine without a browser cannot pass by testing nothing.
"""

import datetime
import os
import shutil
import sqlite3
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import lesson_text, settings, write
from quiz_samples import CHECKER, QUIZ

from kiosk import create_app

ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Debian's Chromium, quiet and headless; `playwright install` cannot work on these machines.
# Audio may start without a gesture: a test's tap is one, but a page that played by itself
# would then be caught by the tests of Dengarkan, not hidden by the browser's policy.
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        "--autoplay-policy=no-user-gesture-required"]
SIZES = [(1366, 768), (1024, 768)]
PIN = "246813"


def size_id(size):
    return f"{size[0]}x{size[1]}"


def _cannot_test(reason):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"CI=true and {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole test session; every page gets its own context (cookies,
    storage, service workers), so tests share nothing but the browser process."""
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


# -- the content the browser walks through --------------------------------------------------

# The first lesson of the village session: a first part, a part with a speaker note, one with
# a callout, and the section the quiz's first question points at.
CALO = textwrap.dedent("""\
    Calo bisa saja orang yang kita kenal. Ia ramah, tetapi tidak punya izin.

    ## Contoh di desa

    Pak Darto datang ke rumah Bu Siti dan menawarkan kerja di luar negeri untuk Rina.

    ::: catatan
    Tanyakan kepada hadirin: siapa yang pernah didatangi orang seperti Pak Darto?
    :::

    ## Tanda-tanda calo

    ::: waspada
    - Waspada jika keluarga diberi uang sebelum berangkat.
    - Waspada jika paspor diminta untuk dibawa pergi.
    :::

    ## Bagian satu

    Daftar lewat [jalur resmi](jalur-resmi.md) di Disnaker.
    """)
# Long enough to scroll at every screen size: stats.js reports how far it was read.
LONG_BODY = "".join(f"## Bagian {i}\n\n" + "Kalimat panjang tentang calo. " * 40 + "\n\n"
                    for i in range(12))
SESSION = textwrap.dedent("""\
    title: {id: Bekerja ke luar negeri dengan aman, en: Working abroad safely}
    summary: {id: Kenali calo dan jalur resmi., en: Know brokers and the legal route.}
    lessons:
      - calo
      - jalur-resmi
      - visa-ziarah
    quiz: calo
    closing: {id: "Jika ragu, tanyakan dulu.", en: "If in doubt, ask first."}
    """)


@pytest.fixture
def site(content_dir, tmp_path):
    """tmp_path holding tests/conftest.py's content tree, grown with what the browser tests
    walk through: the lesson 'calo' in both languages with its quiz (each question type), a
    long lesson, the offer checker, and the village session 'imdes-desa'."""
    write(content_dir / "id" / "calo.md", lesson_text("Calo", tags="[calo, paspor]", order=2,
                                                      body=CALO))
    write(content_dir / "en" / "calo.md", lesson_text("Brokers", tags="[broker]", order=2))
    write(content_dir / "id" / "panjang.md", lesson_text("Pelajaran panjang", "jalur",
                                                         tags="[panjang]", order=3,
                                                         body=LONG_BODY))
    write(content_dir / "sessions" / "imdes-desa.yaml", SESSION)
    quizzes = tmp_path / "quizzes"
    write(quizzes / "visa-ziarah.yaml", QUIZ)
    write(quizzes / "calo.yaml", QUIZ.replace("{id: Kuis visa ziarah, en: Pilgrimage visa quiz}",
                                              "{id: Kuis calo, en: Broker quiz}")
                                     .replace("lessons: [visa-ziarah]", "lessons: [calo]"))
    write(quizzes / "cek-tawaran.yaml", CHECKER)
    return tmp_path


def kiosk_app(site, clock=time.time, **config):
    """The kiosk on the site's content, writing into its data folder.

    Read-aloud is off unless a test turns it on (SPEECH=True): a served kiosk renders its
    clips in the background, seconds of CPU that tests which never listen should not pay.
    """
    config.setdefault("SPEECH", False)
    return create_app(settings(
        site / "content", site,
        CONTENT_RECHECK_SECONDS=0, KIOSK_NAME="Desa Sukamaju",
        OFFICE_NAME="Kantor Imigrasi Kelas I Yogyakarta",
        OFFICE_ADDRESS="Jl. Solo Km 10, Yogyakarta", OFFICE_PHONE="(0274) 484-370",
        **config), clock=clock)


@pytest.fixture
def app(site):
    return kiosk_app(site)


def set_pin(app, pin=PIN, role="officer"):
    done = app.test_cli_runner().invoke(args=["set-pin", "--role", role],
                                        input=f"{pin}\n{pin}\n")
    assert done.exit_code == 0, done.output


# -- serving it -------------------------------------------------------------------------------


class LiveKiosk:
    """A WSGI app (the kiosk) served by waitress on 127.0.0.1 from a thread; it can be stopped
    and started again on the same port, as when the kiosk's server dies and comes back."""

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


@pytest.fixture
def serve():
    """serve(wsgi_app) -> a running LiveKiosk, stopped after the test."""
    started = []

    watchers = []

    def start(app):
        extensions = getattr(app, "extensions", {})
        if "watcher" in extensions and not extensions["watcher"].running:
            # As `kiosk run` does: the watcher follows edits, and search answers from its
            # index from the first page on (not from the lesson list while it is built).
            extensions["search"].start()
            assert extensions["search"].wait(timeout=60)
            watchers.append(extensions["watcher"].start())
        live = LiveKiosk(app).start()
        started.append(live)
        return live

    yield start
    for live in started:
        live.stop()
    for watcher in watchers:
        watcher.stop()


@pytest.fixture
def live(app, serve):
    """The site's kiosk, served: live("/lapor") is the page's full URL."""
    return serve(app)


# -- pages --------------------------------------------------------------------------------------


class Screen:
    """A page in its own browser context, collecting every script error and CSP complaint."""

    def __init__(self, browser, size, touch, prefix):
        self.size = size
        self.prefix = prefix
        self.context = browser.new_context(
            viewport={"width": size[0], "height": size[1]}, has_touch=touch, locale="id-ID")
        self.page = self.context.new_page()
        self.errors = []
        self.watch(self.page)

    def watch(self, page):
        """Collect the script errors of another page of this context too."""
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        return page

    def stop_clock(self):
        """From now on the pages' timers (setTimeout, setInterval, Date, performance.now)
        stand still until pass_time() runs them: Playwright's fake clock, which is kept across
        navigations. Then no test waits for a page's timer, and a busy machine cannot make a
        timer fire before the test is ready for it. Call it before the first page is opened.
        axe-core needs running timers: page.clock.resume() before a scan."""
        start = datetime.datetime(2026, 3, 5, 10, 37, 42)
        self.page.clock.install(time=start)
        self.page.clock.pause_at(start + datetime.timedelta(seconds=1))

    def pass_time(self, seconds):
        """Let ``seconds`` go by on the stopped clock, firing every timer due, in order."""
        self.page.clock.run_for(int(seconds * 1000))

    def shoot(self, name, page=None, full_page=False):
        """A screenshot in tests/artifacts/ (git-ignored), for people to look at."""
        page = page or self.page
        size = page.viewport_size
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{self.prefix}-{name}-{size['width']}x{size['height']}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def screens(browser):
    """screens(size=(1366, 768), touch=True, prefix="kiosk") -> a new Screen, closed after the
    test. A touch screen unless told otherwise: the kiosk is one."""
    opened = []

    def open_screen(size=SIZES[0], touch=True, prefix="kiosk"):
        screen = Screen(browser, size, touch, prefix)
        opened.append(screen)
        return screen

    yield open_screen
    for screen in opened:
        screen.close()


def axe_violations(page, impacts=("minor", "moderate", "serious", "critical")):
    """axe-core's findings of these impacts on the page as it is now, one line each."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = [v for v in results.response["violations"] if v["impact"] in impacts]
    return [f"{v['id']} ({v['impact']}): {v['help']} -> "
            + "; ".join(", ".join(node["target"]) for node in v["nodes"]) for v in found]


def serious_violations(page):
    return axe_violations(page, ("serious", "critical"))


def log_in(page, url, pin=PIN):
    """Type the PIN on the login form ``url`` leads to and wait to be let in."""
    page.goto(url)
    page.fill("input[name=pin]", pin)
    with page.expect_navigation():
        page.press("input[name=pin]", "Enter")
    assert "/petugas/masuk" not in page.url, "the PIN was refused"


def scroll_to_the_end(page):
    """Scroll a long page to its end, as a finger would, and wait until its scripts saw it."""
    page.mouse.wheel(0, 200_000)
    page.wait_for_function("() => window.scrollY > 1000")  # a function: the CSP forbids eval
    # The scroll event comes with the next frame and stats.js measures in that frame's
    # animation callbacks: two frames later the depth is noted.
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => "
                  "requestAnimationFrame(() => done())))")


# -- what reaches the server --------------------------------------------------------------------


def stats_rows(app, sql, deadline=15):
    """Rows of the stats store once a page's beacon has arrived (polled; no timing asserted:
    the deadline only keeps a broken test finite)."""
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
