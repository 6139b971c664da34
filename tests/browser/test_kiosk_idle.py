"""Left alone, the kiosk asks "Masih di sini?", then forgets the visit (language, quiz attempt,
officer login) and shows the attract screen. Idle times are a few seconds here."""

import re

import pytest

from browser.conftest import PIN, SIZES, kiosk_app, set_pin, stats_rows

pytestmark = pytest.mark.browser

IDLE = {"IDLE_SECONDS": 3, "IDLE_COUNTDOWN_SECONDS": 2}


@pytest.fixture
def idle_app(site):
    return kiosk_app(site, **IDLE)


def test_a_touch_answers_the_question_and_keeps_the_visit(idle_app, serve, screens):
    live = serve(idle_app)
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/pelajaran/calo?lang=en"))
    dialog = page.locator("dialog[data-idle]")
    dialog.wait_for(state="visible")
    assert dialog.locator("h2").inner_text() == "Still there?"
    assert dialog.locator("[data-idle-count]").inner_text() in ("2", "1")
    page.locator("[data-idle-continue]").tap()
    assert not dialog.is_visible()
    assert page.url == live("/pelajaran/calo?lang=en")
    # It asks again after the next quiet spell, and a touch anywhere is an answer too.
    dialog.wait_for(state="visible")
    page.mouse.click(5, 5)
    dialog.wait_for(state="hidden")
    assert page.url.startswith(live("/pelajaran/"))
    assert page.get_attribute("html", "lang") == "en"
    assert screen.errors == []


def test_left_alone_the_kiosk_forgets_the_visit_and_shows_the_attract_screen(
        idle_app, serve, screens):
    live = serve(idle_app)
    screen = screens(SIZES[1])
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

    page.locator("dialog[data-idle]").wait_for(state="visible")
    page.wait_for_url(live("/mulai"), timeout=15_000)
    # The server forgot the visit before the attract screen showed: the cookie is gone.
    assert screen.context.cookies() == []
    assert stats_rows(idle_app, "SELECT pages, n FROM visit") == [(3, 1)]  # 3 pages seen
    assert page.evaluate("sessionStorage.getItem('kioskVisit')") is None
    screen.shoot("after-reset-attract")

    page.locator(".attract-button").tap()
    page.wait_for_url(live("/"))
    assert page.get_attribute("html", "lang") == "id"
    page.goto(live("/kuis/calo"))
    # A fresh attempt: the question answered before the reset is not remembered.
    assert re.search(r"1 / 4", page.locator(".quiz-progress-text").inner_text())
    assert screen.errors == []


def test_the_reset_also_ends_an_officer_login(idle_app, serve, screens):
    set_pin(idle_app)
    live = serve(idle_app)
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/petugas"))
    page.fill("input[name=pin]", PIN)
    page.press("input[name=pin]", "Enter")
    page.wait_for_url(live("/petugas"))
    logged_in = screen.context.cookies()
    page.wait_for_url(live("/mulai"), timeout=15_000)
    # Even the old cookie, replayed, no longer opens the officer area.
    screen.context.add_cookies(logged_in)
    page.goto(live("/petugas"))
    assert page.url.startswith(live("/petugas/masuk"))
    assert screen.errors == []


def test_the_attract_screen_itself_never_resets(idle_app, serve, screens):
    live = serve(idle_app)
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/mulai"))
    first = page.locator(".attract-slide.is-current .attract-main").inner_text()
    # Longer than idle time and countdown together, and long enough for one change of warning.
    page.wait_for_function(
        "(first) => document.querySelector('.attract-slide.is-current .attract-main')"
        ".textContent !== first", arg=first, timeout=15_000)
    assert page.url == live("/mulai")
    assert page.locator("dialog").count() == 0
    assert screen.errors == []
