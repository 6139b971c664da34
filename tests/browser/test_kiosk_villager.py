"""A villager with a finger only: from the attract screen through a
topic and a lesson, a search typed on the on-screen keyboard, its result and quiz, and home;
and the language switch. Every screen on the way is kept as a screenshot at both sizes."""

import re

import pytest

from browser.conftest import SIZES, kiosk_app, size_id

pytestmark = pytest.mark.browser


def answer_one_question(page):
    """Tap the first answer, as a villager would; multiple-choice questions need Periksa."""
    if page.locator("input[type=checkbox]").count():
        page.locator("label.answer").first.tap()
        page.locator("button.quiz-submit").tap()
    else:
        page.locator("button.answer").first.tap()
    page.wait_for_selector("h1.verdict")


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_a_villager_reads_searches_by_touch_and_takes_the_quiz(live, screens, size):
    screen = screens(size)
    page = screen.page
    page.goto(live("/mulai"))
    screen.shoot("path-1-attract")

    # Any touch starts the visit; a tap on the warning itself, not only on the button.
    page.locator(".attract-slide.is-current .attract-main").tap()
    page.wait_for_url(live("/"))
    assert page.get_attribute("html", "lang") == "id"
    assert page.locator(".dock").is_visible()
    screen.shoot("path-2-home")

    page.locator(".tile").first.tap()
    page.wait_for_url(re.compile(r"/kategori/"))
    screen.shoot("path-3-category")
    page.locator(".lesson-card").first.tap()
    page.wait_for_url(re.compile(r"/pelajaran/"))
    screen.shoot("path-4-lesson")

    page.locator(".topbar-search").tap()
    page.wait_for_url(live("/cari"))
    keyboard = page.locator(".osk")
    keyboard.wait_for(state="visible")  # the one Cari opens with the keyboard ready
    box = page.locator("#search-q")
    for key in "calp":
        keyboard.locator(f"button[data-key='{key}']").tap()
    keyboard.locator("button[data-action=backspace]").tap()
    keyboard.locator("button[data-key='o']").tap()
    assert box.input_value() == "calo"
    assert page.evaluate("document.activeElement.id") == "search-q"  # keys never take focus
    # The suggestions follow what the keys type, and the keyboard covers neither them nor the box.
    page.wait_for_selector(".search-suggestions:not([hidden]) a")
    keys_top = keyboard.bounding_box()["y"]
    assert box.bounding_box()["y"] >= 0
    assert box.bounding_box()["y"] + box.bounding_box()["height"] <= keys_top
    first_suggestion = page.locator(".search-suggestions a").first.bounding_box()
    assert first_suggestion["y"] + first_suggestion["height"] <= keys_top
    keys = keyboard.locator("button").all()
    assert min(key.bounding_box()["height"] for key in keys) >= 56
    screen.shoot("path-5-keyboard")

    keyboard.locator("button[data-action=enter]").tap()
    page.wait_for_url(live("/cari?q=calo"))
    assert not keyboard.is_visible()
    assert page.locator(".search-results li").count() >= 1
    screen.shoot("path-6-results")
    page.locator(".search-results a[href='/pelajaran/calo']").tap()
    page.wait_for_url(live("/pelajaran/calo"))

    page.get_by_role("link", name="Uji pemahaman Anda").tap()
    page.wait_for_url(live("/kuis/calo"))
    screen.shoot("path-7-quiz")
    answer_one_question(page)
    screen.shoot("path-8-feedback")

    page.locator(".dock [data-nav=home]").tap()
    page.wait_for_url(live("/"))
    assert page.locator(".tiles").is_visible()
    assert screen.errors == []


def test_the_keyboard_closes_with_its_key_and_opens_again_with_a_touch(live, screens):
    screen = screens(SIZES[1])
    page = screen.page
    page.goto(live("/"))
    keyboard = page.locator(".osk")
    page.locator("#search-q").tap()
    keyboard.wait_for(state="visible")
    assert not page.locator(".dock").is_visible()  # the keys sit where the dock was
    page.locator(".osk [data-action=close]").tap()
    assert not keyboard.is_visible()
    assert page.locator(".dock").is_visible()
    page.locator("#search-q").tap()
    keyboard.wait_for(state="visible")
    page.locator("h1").tap()  # a touch elsewhere on the page closes it too
    keyboard.wait_for(state="hidden")
    assert screen.errors == []


def test_the_language_switch_holds_for_the_visit(live, screens):
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/"))
    assert page.locator("h1").inner_text() == "Waspada tawaran kerja ke luar negeri"
    page.locator(".languages a[lang=en]").tap()
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == "Beware of job offers abroad"
    screen.shoot("language-english")
    page.locator(".tile").first.tap()  # the next page, without ?lang, is still English
    page.wait_for_url(re.compile(r"/kategori/"))
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator(".dock [data-nav=home]").inner_text().strip() == "Home"
    page.locator(".languages a[lang=id]").tap()
    page.wait_for_url(re.compile(r"lang=id"))
    assert page.get_attribute("html", "lang") == "id"
    assert page.locator(".dock [data-nav=home]").inner_text().strip() == "Beranda"
    assert screen.errors == []


def test_without_the_on_screen_keyboard_the_box_is_a_plain_input(site, serve, screens):
    live = serve(kiosk_app(site, ONSCREEN_KEYBOARD=False))
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/"))
    page.locator("#search-q").tap()
    assert page.locator(".osk").count() == 0
    assert page.evaluate("document.getElementById('search-q').inputMode") == ""
    page.keyboard.type("paspor")  # a real keyboard works as it always did
    page.wait_for_selector(".search-suggestions:not([hidden]) a")
    assert screen.errors == []


@pytest.mark.parametrize("size", SIZES, ids=size_id)
@pytest.mark.parametrize("path", ["/", "/cari"])  # a long page and a short one
def test_a_suggestion_tapped_while_the_keyboard_is_open_is_followed(live, screens, path, size):
    screen = screens(size)
    page = screen.page
    page.goto(live(path))
    page.locator("#search-q").tap()
    for key in "calo":
        page.locator(f".osk button[data-key='{key}']").tap()
    suggestion = page.locator(".search-suggestions a").first
    suggestion.wait_for()
    target = suggestion.get_attribute("href")
    # The keyboard closes as the box loses the focus; the page must not jump under the finger.
    suggestion.tap()
    page.wait_for_url(live(target))
    assert screen.errors == []
