"""Every main screen at the kiosk's two screen sizes: a screenshot for people to look at
(tests/artifacts/, git-ignored) and an axe-core scan with no serious or critical finding."""

import pytest

from browser.conftest import SIZES, serious_violations, size_id

pytestmark = pytest.mark.browser

# name -> (path, what must be on screen before it is judged)
SCREENS = {
    "attract": ("/mulai", ".attract-slide.is-current"),
    "home": ("/", ".tiles"),
    "category": ("/kategori/modus", ".lesson-list"),
    "lesson": ("/pelajaran/calo", "article.lesson"),
    "search-results": ("/cari?q=paspor", ".search-results"),
    "quiz-question": ("/kuis/calo", ".quiz-form"),
    "checker": ("/cek-tawaran", ".checker-intro"),
    "report": ("/lapor", ".numbers"),
    "about": ("/tentang", ".prose"),
    "offline": ("/offline", ".offline-body"),
}


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("name", list(SCREENS))
def test_each_screen_looks_right_and_passes_axe(live, screens, name, size):
    path, ready = SCREENS[name]
    screen = screens(size)
    screen.page.goto(live(path))
    screen.page.wait_for_selector(ready)
    screen.shoot(name)
    assert serious_violations(screen.page) == []
    assert screen.errors == []


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_keyboard_and_the_idle_question_look_right_and_pass_axe(live, screens, size):
    screen = screens(size)
    page = screen.page
    page.goto(live("/"))
    page.locator("#search-q").tap()
    keyboard = page.locator(".osk")
    keyboard.wait_for()
    for key in "paspor":
        keyboard.locator(f"[data-key='{key}']").tap()
    page.wait_for_selector(".search-suggestions:not([hidden]) a")
    screen.shoot("keyboard")
    assert serious_violations(page) == []
    page.evaluate("document.querySelector('dialog[data-idle]').showModal()")
    screen.shoot("idle")
    assert serious_violations(page) == []
    assert screen.errors == []


@pytest.mark.parametrize("motion, durations", [("no-preference", "1.4s"), ("reduce", "0s")])
def test_the_attract_screen_fades_only_for_those_who_want_motion(browser, live, motion,
                                                                  durations):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, reduced_motion=motion)
    try:
        page = context.new_page()
        page.goto(live("/mulai"))
        found = page.evaluate("getComputedStyle(document.querySelector('.attract-slide'))"
                              ".transitionDuration")
        assert found == durations
    finally:
        context.close()
