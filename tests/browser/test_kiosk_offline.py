"""When the kiosk's server does not answer, the screen shows the kiosk's own offline page
(from the service worker), never the browser's error page, and comes back by itself."""

import re

import pytest

from browser.conftest import SIZES, scroll_to_the_end, serious_violations, stats_rows

pytestmark = pytest.mark.browser


def worker_ready(page):
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")


OFFLINE_EVERY = 3  # seconds between the offline page's questions to the server (offline.js)


def page_errors(screen):
    # While the server is down the offline page's own retries fail, and Chromium says so.
    return [e for e in screen.errors if "net::ERR_CONNECTION_REFUSED" not in e]


def test_a_page_that_cannot_load_shows_the_offline_page_until_the_server_is_back(
        live, screens):
    screen = screens(SIZES[0])
    screen.stop_clock()
    page = screen.page
    page.goto(live("/"))
    worker_ready(page)
    live.stop()

    page.locator(".tile").first.tap()
    page.wait_for_selector(".offline-body")
    assert re.fullmatch(re.escape(live("/kategori/")) + r"[a-z-]+", page.url)
    title = page.locator("h1").inner_text()
    assert "Sebentar, kios sedang dimuat ulang…" in title
    assert "One moment, the kiosk is reloading…" in title
    # Its stylesheet came from the worker's cache too: the page is in the kiosk's style.
    colour = page.evaluate("getComputedStyle(document.querySelector('.offline-retry'))"
                           ".backgroundColor")
    assert colour == "rgb(10, 79, 149)"
    for size in SIZES:
        page.set_viewport_size({"width": size[0], "height": size[1]})
        screen.shoot("offline-served")
    page.clock.resume()  # axe-core needs its timers; the page may ask (in vain) meanwhile
    assert serious_violations(page) == []

    live.start()  # same port: the kiosk's server came back
    page.clock.fast_forward(OFFLINE_EVERY * 1000)  # the page's next question is due at once
    page.wait_for_selector(".lesson-list")
    assert page.locator(".offline-body").count() == 0
    assert re.fullmatch(re.escape(live("/kategori/")) + r"[a-z-]+", page.url)
    assert page_errors(screen) == []


def test_an_answer_sent_while_the_server_is_down_is_not_sent_twice(live, screens):
    screen = screens(SIZES[1])
    screen.stop_clock()
    page = screen.page
    page.goto(live("/kuis/calo"))
    worker_ready(page)
    live.stop()
    if page.locator("input[type=checkbox]").count():
        page.locator("label.answer").first.tap()
        page.locator("button.quiz-submit").tap()
    else:
        page.locator("button.answer").first.tap()
    page.wait_for_selector(".offline-body")
    page.wait_for_load_state("load")  # its retry timer is set before time passes
    live.start()
    screen.pass_time(OFFLINE_EVERY)
    # Back as a plain page load (no "resend the form?" dialog): the question, still unanswered.
    page.wait_for_selector(".quiz-form")
    assert page.url == live("/kuis/calo")
    assert "1 / 4" in page.locator(".quiz-progress-text").inner_text()
    assert page_errors(screen) == []


def test_the_worker_keeps_only_the_offline_page_and_its_files(live, screens):
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/"))
    worker_ready(page)
    through_worker = []
    page.on("response", lambda r: through_worker.append(r.url) if r.from_service_worker else 0)
    for path in ("/pelajaran/calo", "/cari?q=paspor", "/lapor"):
        page.goto(live(path))
    # Only the pages themselves pass the worker; their files, searches and beacons do not.
    assert through_worker == [live("/pelajaran/calo"), live("/cari?q=paspor"),
                              live("/lapor")]
    kept = page.evaluate("""async () => {
        const urls = [];
        for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
                const url = new URL(request.url);
                urls.push(url.pathname + url.search);
            }
        }
        return urls.sort();
    }""")
    assert kept == ["/offline", "/static/css/kiosk.css?offline=1",
                    "/static/css/kiosk_mode.css?offline=1", "/static/icons/shield.svg?offline=1",
                    "/static/js/kiosk.js?offline=1", "/static/js/offline.js?offline=1"]
    assert screen.errors == []


def test_the_offline_page_opened_itself_goes_home_when_the_server_answers(live, screens):
    screen = screens(SIZES[1])
    screen.stop_clock()
    page = screen.page
    page.goto(live("/offline"))
    screen.pass_time(OFFLINE_EVERY)
    page.wait_for_url(live("/"))
    assert page.locator(".tiles").is_visible()
    assert screen.errors == []


def test_a_beacon_sent_as_a_page_is_left_still_arrives(app, live, screens):
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/pelajaran/panjang"))
    worker_ready(page)  # from now on every request of the page passes the worker
    scroll_to_the_end(page)
    page.goto(live("/"))  # stats.js sends the lesson's reading on pagehide
    rows = stats_rows(app, "SELECT lesson, scrolled FROM lesson_read")
    assert rows == [("panjang", 100)]
    assert screen.errors == []
