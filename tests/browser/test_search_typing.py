"""A typo while typing, by touch on the on-screen keyboard in a real Chromium: "pasport"
gets "Maksud Anda: paspor", whose tap shows the lessons meant."""

import pytest

from browser.conftest import SIZES

pytestmark = pytest.mark.browser


def test_typing_pasport_on_the_keys_suggests_paspor(live, screens):
    screen = screens(SIZES[1], touch=True, prefix="search")
    page = screen.page
    page.goto(live("/cari"))
    page.locator("#search-q").tap()
    keyboard = page.locator(".osk")
    keyboard.wait_for()
    hint = page.locator(".search-correction")
    for letter in "pasport":
        keyboard.locator(f'[data-key="{letter}"]').tap()
        if letter == "s":  # "pas" is a word still being typed, not a typo
            page.wait_for_function("() => document.querySelector('.search-suggestions a')")
            assert hint.is_hidden()
    link = hint.locator("a")
    link.wait_for()
    assert hint.inner_text() == "Maksud Anda: paspor"
    assert "Maksud Anda: paspor" in page.locator(".search-status").inner_text()
    screen.shoot("typo-hint")
    box = link.bounding_box()
    assert box["height"] >= 48, box
    keyboard.locator('[data-action="close"]').tap()
    with page.expect_navigation():
        link.tap()
    assert page.url.endswith("/cari?q=paspor")
    assert page.locator(".search-found .lesson-card").count() >= 1
    screen.shoot("typo-results")
    assert screen.errors == []
