"""Left alone, the kiosk asks "Masih di sini?", then forgets the visit (language, quiz attempt,
officer login) and shows the attract screen. Idle times are a few seconds here, and they pass
on the page's own clock, which stands still until a test lets time pass: no test waits them
out, and a slow machine cannot make the countdown run out under a test's finger."""

import datetime
import re

import pytest

from browser.conftest import SIZES, kiosk_app, log_in, set_pin, stats_rows

pytestmark = pytest.mark.browser

IDLE, COUNTDOWN = 3, 2  # seconds
ATTRACT_EVERY = 7  # seconds each warning shows on the attract screen (static/js/attract.js)


@pytest.fixture
def app(site):
    return kiosk_app(site, IDLE_SECONDS=IDLE, IDLE_COUNTDOWN_SECONDS=COUNTDOWN)


@pytest.fixture
def still_screens(screens):
    """screens(), with the pages' timers (setTimeout, setInterval, performance.now, Date)
    stopped until pass_time() runs them: Playwright's fake clock, kept across navigations."""

    def open_screen(size):
        screen = screens(size)
        start = datetime.datetime(2026, 3, 5, 10, 37, 42)
        screen.page.clock.install(time=start)
        screen.page.clock.pause_at(start + datetime.timedelta(seconds=1))
        return screen

    return open_screen


def pass_time(page, seconds):
    """Let ``seconds`` go by on the page, firing every timer that falls due, in order."""
    page.clock.run_for(int(seconds * 1000))


def test_a_touch_answers_the_question_and_keeps_the_visit(live, still_screens):
    screen = still_screens(SIZES[0])
    page = screen.page
    page.goto(live("/pelajaran/calo?lang=en"))
    dialog = page.locator("dialog[data-idle]")
    pass_time(page, IDLE - 1)
    assert not dialog.is_visible()
    pass_time(page, 1)
    assert dialog.is_visible()
    assert dialog.locator("h2").inner_text() == "Still there?"
    assert dialog.locator("[data-idle-count]").inner_text() == str(COUNTDOWN)
    pass_time(page, 1)
    assert dialog.locator("[data-idle-count]").inner_text() == str(COUNTDOWN - 1)
    page.locator("[data-idle-continue]").tap()
    assert not dialog.is_visible()
    assert page.url == live("/pelajaran/calo?lang=en")
    # It asks again after the next quiet spell, counted from the touch; a touch anywhere is
    # an answer too.
    pass_time(page, IDLE - 1)
    assert not dialog.is_visible()
    pass_time(page, 1)
    assert dialog.is_visible()
    page.mouse.click(5, 5)
    assert not dialog.is_visible()
    pass_time(page, IDLE - 1)
    assert not dialog.is_visible()
    assert page.url.startswith(live("/pelajaran/"))
    assert page.get_attribute("html", "lang") == "en"
    assert screen.errors == []


def test_left_alone_the_kiosk_forgets_the_visit_and_shows_the_attract_screen(
        app, live, still_screens):
    screen = still_screens(SIZES[1])
    page = screen.page
    page.goto(live("/?lang=en"))
    page.goto(live("/kuis/calo"))
    if page.locator("input[type=checkbox]").count():
        page.locator("label.answer").first.tap()
        page.locator("button.quiz-submit").tap()
    else:
        page.locator("button.answer").first.tap()
    page.wait_for_selector("h1.verdict")
    assert page.get_attribute("html", "lang") == "en"
    assert [c["name"] for c in screen.context.cookies()] == ["kiosk"]

    pass_time(page, IDLE)
    assert page.locator("dialog[data-idle]").is_visible()
    pass_time(page, COUNTDOWN)
    page.wait_for_url(live("/mulai"))
    # The server forgot the visit before the attract screen showed: the cookie is gone.
    assert screen.context.cookies() == []
    assert stats_rows(app, "SELECT pages, n FROM visit") == [(3, 1)]  # 3 pages seen
    assert page.evaluate("() => sessionStorage.getItem('kioskVisit')") is None
    screen.shoot("after-reset-attract")

    page.locator(".attract-button").tap()
    page.wait_for_url(live("/"))
    assert page.get_attribute("html", "lang") == "id"
    page.goto(live("/kuis/calo"))
    # A fresh attempt: the question answered before the reset is not remembered.
    assert re.search(r"1 / 4", page.locator(".quiz-progress-text").inner_text())
    assert screen.errors == []


def test_the_reset_also_ends_an_officer_login(app, live, still_screens):
    set_pin(app)
    screen = still_screens(SIZES[0])
    page = screen.page
    log_in(page, live("/petugas"))
    assert page.url == live("/petugas")
    logged_in = screen.context.cookies()
    pass_time(page, IDLE + COUNTDOWN)
    page.wait_for_url(live("/mulai"))
    # Even the old cookie, replayed, no longer opens the officer area.
    screen.context.add_cookies(logged_in)
    page.goto(live("/petugas"))
    assert page.url.startswith(live("/petugas/masuk"))
    assert screen.errors == []


def test_the_attract_screen_itself_never_resets(live, still_screens):
    screen = still_screens(SIZES[0])
    page = screen.page
    page.goto(live("/mulai"))
    shown = page.locator(".attract-slide.is-current .attract-main")
    first = shown.inner_text()
    # Longer than idle time and countdown together, and long enough for one change of warning.
    pass_time(page, max(IDLE + COUNTDOWN, ATTRACT_EVERY) + 1)
    assert shown.inner_text() != first
    assert page.url == live("/mulai")
    assert page.locator("dialog").count() == 0
    assert screen.errors == []
