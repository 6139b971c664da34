"""The search box in a real Chromium: suggestions while typing, keys, and no script errors."""

import pytest

from browser.conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def screen(screens):
    """A desk screen: a real keyboard types into the box (no on-screen keys shown)."""
    screen = screens((1280, 900), touch=False, prefix="search")
    yield screen
    assert screen.errors == []  # no script error, no Content-Security-Policy refusal


def test_typing_offers_lessons_and_the_keys_reach_them(screen, live):
    page = screen.page
    page.goto(live("/"))
    box = page.locator("input[data-osk][name=q]")
    assert box.get_attribute("type") == "search"
    box.click()
    page.keyboard.type("pasp", delay=40)  # a villager types a key at a time
    suggestions = page.locator(".search-suggestions a")
    suggestions.first.wait_for()
    titles = suggestions.locator(".search-suggestion-title").all_inner_texts()
    assert sorted(titles) == ["Calo", "Visa ziarah"]  # both are tagged 'paspor'
    assert page.locator(".search-status").inner_text() == "2 saran pelajaran"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.className") == "search-suggestion"
    page.keyboard.press("Escape")
    assert page.locator(".search-suggestions").is_hidden()
    assert page.evaluate("() => document.activeElement.name") == "q"
    page.keyboard.type("or ditahan")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cari?q=paspor+ditahan")
    titles = page.locator(".search-found .lesson-card-title").all_inner_texts()
    assert sorted(titles) == ["Calo", "Visa ziarah"]


def test_a_suggestion_opens_its_lesson(screen, live):
    page = screen.page
    page.goto(live("/cari"))
    page.locator("#search-q").fill("jalur")
    page.locator(".search-suggestions a").first.click()
    page.wait_for_url("**/pelajaran/jalur-resmi")
    assert page.locator("h1").inner_text() == "Jalur resmi"


def test_the_search_pages_pass_axe(screen, live):
    for path in ("/", "/cari", "/cari?q=paspor", "/cari?q=xylofon"):
        screen.page.goto(live(path))
        assert axe_violations(screen.page) == [], path


def test_after_a_tap_closes_the_keyboard_enter_on_a_focused_tile_still_opens_it(screens, live):
    """The tap that closed the on-screen keys was swallowed (the page moves down as their room
    goes); its click never comes, and an officer's Enter on a tile must not be eaten in its
    place."""
    screen = screens((1366, 768), prefix="search")
    page = screen.page
    page.goto(live("/"))
    page.locator(".search-input").tap()
    keys = page.locator(".osk:not([hidden])")
    keys.wait_for()
    # Scrolled to the end of the keys' room: closing them moves the page under the finger.
    page.evaluate("() => window.scrollTo(0, document.documentElement.scrollHeight)")
    top = keys.bounding_box()["y"]
    page.touchscreen.tap(683, top - 10)
    keys.wait_for(state="hidden")
    assert page.url == live("/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('.tile')"):
            break
    href = page.evaluate("() => document.activeElement.href")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == href
    assert screen.errors == []
