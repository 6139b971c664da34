"""Left alone, the kiosk asks "Masih di sini?", then forgets the visit (language, quiz attempt,
officer login) and shows the attract screen. Idle times are a few seconds here, and they pass
on the page's own clock, which stands still until a test lets time pass: no test waits them
out, and a slow machine cannot make the countdown run out under a test's finger."""

import re

import pytest

from browser.conftest import SIZES, kiosk_app, log_in, set_pin, stats_rows

pytestmark = pytest.mark.browser

IDLE, COUNTDOWN = 3, 2  # seconds
ATTRACT_EVERY = 7  # seconds each warning shows on the attract screen (static/js/attract.js)


@pytest.fixture
def app(site):
    return kiosk_app(site, IDLE_SECONDS=IDLE, IDLE_COUNTDOWN_SECONDS=COUNTDOWN)


def test_a_touch_answers_the_question_and_keeps_the_visit(live, screens):
    screen = screens(SIZES[0])
    screen.stop_clock()
    page = screen.page
    page.goto(live("/pelajaran/calo?lang=en"))
    dialog = page.locator("dialog[data-idle]")
    screen.pass_time(IDLE - 1)
    assert not dialog.is_visible()
    screen.pass_time(1)
    assert dialog.is_visible()
    assert dialog.locator("h2").inner_text() == "Still there?"
    assert dialog.locator("[data-idle-count]").inner_text() == str(COUNTDOWN)
    screen.pass_time(1)
    assert dialog.locator("[data-idle-count]").inner_text() == str(COUNTDOWN - 1)
    page.locator("[data-idle-continue]").tap()
    assert not dialog.is_visible()
    assert page.url == live("/pelajaran/calo?lang=en")
    # It asks again after the next quiet spell, counted from the touch; a touch anywhere is
    # an answer too.
    screen.pass_time(IDLE - 1)
    assert not dialog.is_visible()
    screen.pass_time(1)
    assert dialog.is_visible()
    page.mouse.click(5, 5)
    assert not dialog.is_visible()
    screen.pass_time(IDLE - 1)
    assert not dialog.is_visible()
    assert page.url.startswith(live("/pelajaran/"))
    assert page.get_attribute("html", "lang") == "en"
    assert screen.errors == []


def test_left_alone_the_kiosk_forgets_the_visit_and_shows_the_attract_screen(
        app, live, screens):
    screen = screens(SIZES[1])
    screen.stop_clock()
    page = screen.page
    page.goto(live("/?lang=en"))
    page.goto(live("/kuis/calo"))
    if page.locator("input[type=checkbox]").count():
        page.locator("label.answer").first.tap()
        page.locator("button.quiz-submit").tap()
    else:
        page.locator("button.answer").first.tap()
    page.wait_for_selector("h1.verdict")
    # The feedback page's scripts must have set the idle timer before time passes: the
    # verdict can be in the page before they run.
    page.wait_for_load_state("load")
    assert page.get_attribute("html", "lang") == "en"
    assert [c["name"] for c in screen.context.cookies()] == ["kiosk"]

    screen.pass_time(IDLE)
    assert page.locator("dialog[data-idle]").is_visible()
    screen.pass_time(COUNTDOWN)
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


def test_the_reset_also_ends_an_officer_login(app, live, screens):
    set_pin(app)
    screen = screens(SIZES[0])
    screen.stop_clock()
    page = screen.page
    log_in(page, live("/petugas"))
    assert page.url == live("/petugas")
    logged_in = screen.context.cookies()
    screen.pass_time(IDLE + COUNTDOWN)
    page.wait_for_url(live("/mulai"))
    # Even the old cookie, replayed, no longer opens the officer area.
    screen.context.add_cookies(logged_in)
    page.goto(live("/petugas"))
    assert page.url.startswith(live("/petugas/masuk"))
    assert screen.errors == []


def test_the_attract_screen_itself_never_resets(live, screens):
    screen = screens(SIZES[0])
    screen.stop_clock()
    page = screen.page
    page.goto(live("/mulai"))
    shown = page.locator(".attract-slide.is-current .attract-main")
    first = shown.inner_text()
    # Longer than idle time and countdown together, and long enough for one change of warning.
    screen.pass_time(max(IDLE + COUNTDOWN, ATTRACT_EVERY) + 1)
    assert shown.inner_text() != first
    assert page.url == live("/mulai")
    assert page.locator("dialog").count() == 0
    assert screen.errors == []
