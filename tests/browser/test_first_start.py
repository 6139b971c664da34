"""A kiosk started before `kiosk setup`: Lapor in a real Chromium shows the national numbers,
large and in view, and no placeholder office; screenshots land in tests/artifacts/."""

import pytest
from conftest import settings

from browser.conftest import SIZES, size_id
from kiosk import create_app

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_lapor_without_an_office_shows_the_national_numbers_large(site, serve, screens, size):
    live = serve(create_app(settings(site / "content", site, CONTENT_RECHECK_SECONDS=0)))
    screen = screens(size, touch=True, prefix="first-start")
    page = screen.page
    page.goto(live("/lapor"))
    screen.shoot("lapor")
    numbers = page.locator(".numbers-large .number")
    assert numbers.all_text_contents() == ["0800-1000", "110", "129"]
    dock_top = page.locator(".dock").bounding_box()["y"]
    for number in numbers.all():
        box = number.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= dock_top, box
        # The whole number inside its card: nothing sticks out past the card's edge.
        assert number.evaluate("(el) => el.scrollWidth <= el.clientWidth"), \
            number.evaluate("(el) => [el.textContent, el.scrollWidth, el.clientWidth]")
        assert float(number.evaluate("(el) => getComputedStyle(el).fontSize")[:-2]) >= 36
    body = page.locator("main").inner_text()
    assert "Kantor Imigrasi setempat" not in body and "Kantor imigrasi terdekat" not in body
    assert screen.errors == []
