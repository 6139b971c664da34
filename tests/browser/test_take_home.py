"""Bawa pulang by finger: a lesson's QR fills the screen, a photo of it (the screenshot) reads
back as the lesson's text, as a phone camera would, and Tutup brings the lesson back.
Screenshots of the QR screen at 1366x768, 1024x768 and on a 360x640 phone."""

import io

import pytest
import zxingcpp
from PIL import Image

from browser.conftest import ARTIFACTS
from browser.test_layout import Walk, shipped  # noqa: F401  (the fixture: shipped content)
from kiosk.content import get_library
from kiosk.content.take_home import Contacts, lesson_text

pytestmark = pytest.mark.browser

SLUG = "calo-sponsor-ilegal"


def read_qr(png):
    with Image.open(io.BytesIO(png)) as image:
        found = zxingcpp.read_barcodes(image.convert("L"))
    return [code.text for code in found]


def expected(app):
    with app.app_context():
        lesson, _ = get_library().lesson(SLUG, "id")
        return lesson_text(lesson, Contacts.from_config(app.config, "id"))


def test_a_lesson_goes_home_in_a_qr_tapped_read_and_closed_by_finger(shipped, screens):  # noqa: F811
    app, live = shipped
    text = expected(app)
    for size in ((1366, 768), (1024, 768)):
        screen = screens(size=size)
        walk = Walk(screen, live)
        walk.go(f"/pelajaran/{SLUG}", "[data-take-home]")
        walk.tap("[data-take-home]", "[data-take-home-qr] svg")
        box = screen.page.locator("[data-take-home-qr]").bounding_box()
        assert box["width"] >= 300 and box["height"] >= 300, box
        # The whole QR above the dock, in view without scrolling.
        dock = screen.page.locator(".dock").bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= dock["y"], (box, dock)
        walk.check("bawa-pulang", ["[data-take-home-qr]", "[data-take-home-close]"])
        assert walk.problems == []
        assert read_qr(screen.page.screenshot()) == [text], size
        walk.tap("[data-take-home-close]", "[data-take-home]")
        assert screen.page.url == live(f"/pelajaran/{SLUG}")
        assert screen.errors == []


def test_the_qr_screen_on_a_phone(shipped, browser):  # noqa: F811
    app, live = shipped
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True,
                                  has_touch=True, locale="id-ID")
    try:
        page = context.new_page()
        page.goto(live(f"/pelajaran/{SLUG}/bawa-pulang"))
        box = page.locator("[data-take-home-qr]").bounding_box()
        assert box["width"] >= 300 and box["x"] + box["width"] <= 360
        assert page.evaluate("() => innerWidth") == 360  # nothing wider than the phone
        ARTIFACTS.mkdir(exist_ok=True)
        png = page.screenshot(path=str(ARTIFACTS / "phone-bawa-pulang-360x640.png"))
        assert read_qr(png) == [expected(app)]
    finally:
        context.close()
