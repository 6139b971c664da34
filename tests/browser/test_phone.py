"""A villager's own phone (360x640, touch, a mobile browser): every page stays as wide as the
screen. Chrome on a phone widens the whole page, and shrinks it, for one line that does not
fit (a long number from abroad, a language name), so a check of scrollWidth alone misses it:
the layout viewport itself is measured. Screenshots land in tests/artifacts/."""

import pytest

from browser.conftest import ARTIFACTS
from browser.test_layout import shipped  # noqa: F401  (the fixture: the shipped content, served)

pytestmark = pytest.mark.browser

PHONE = {"width": 360, "height": 640}
PAGES = {
    "home": "/",
    "category": "/kategori/modus-perekrutan",
    "lesson": "/pelajaran/calo-sponsor-ilegal",
    "report": "/lapor",
    "about": "/tentang",
    "glossary": "/istilah",
    "search": "/cari?q=paspor",
    "checker": "/cek-tawaran",
    "quiz": "/kuis/calo-sponsor-ilegal",
}

# What sticks out of a 360 wide page: the layout viewport's width, and the elements beyond it.
WIDTH = """() => ({width: innerWidth, scale: visualViewport.scale,
  beyond: [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > 360.5 && e.getClientRects().length)
    .slice(0, 5)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} "${e.textContent.trim().slice(0, 40)}"`
              + ` right=${Math.round(e.getBoundingClientRect().right)}`)})"""


def test_every_villager_page_fits_a_phone(shipped, browser):  # noqa: F811
    app, live = shipped
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="id-ID")
    try:
        page = context.new_page()
        problems = []
        for name, path in PAGES.items():
            response = page.goto(live(path))
            assert response.status == 200, (name, path, response.status)
            seen = page.evaluate(WIDTH)
            if seen["width"] != PHONE["width"] or seen["beyond"]:
                problems.append(f"{name} ({path}): the page is {seen['width']} px wide, "
                                f"zoom {seen['scale']}; beyond 360: {seen['beyond']}")
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"phone-{name}-360x640.png"))
        assert problems == []
    finally:
        context.close()


# -- a phone on the hall's network --------------------------------------------------------------

# What a page loaded: kiosk mode's scripts and styles must not even be sent to a phone.
LOADED = """() => performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"""
KIOSK_ONLY = ("/static/js/kiosk.js", "/static/js/osk.js", "/static/js/overlay.js",
              "/static/css/kiosk_mode.css", "/static/css/osk.css")
PHONE_PAGES = {
    "lesson": ("/pelajaran/calo-sponsor-ilegal", "article.lesson"),
    "search": ("/cari?q=paspor", ".search-form"),
    "quiz": ("/kuis/calo-sponsor-ilegal", ".quiz-text"),
    "checker": ("/cek-tawaran", "main form, main a.button"),
    "report": ("/lapor", "a.number[href^='tel:']"),
}


@pytest.fixture(scope="module")
def hall_phone(tmp_path_factory):
    """The shipped content served to a phone. Linux answers a connection to 127.0.0.2 from
    127.0.0.1, and Chromium cannot choose its source address, so here the screen is said to
    be 127.0.0.9: the browser at 127.0.0.1 is then a phone, on loopback only."""
    from conftest import PIN_COST

    from browser.conftest import LiveKiosk
    from kiosk import create_app

    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path_factory.mktemp("phone")),
                      "OFFICER_PIN_COST": PIN_COST, "SCREEN_ADDRESSES": ["127.0.0.9"],
                      "OFFICE_NAME": "Kantor Imigrasi Kelas I Yogyakarta",
                      "OFFICE_PHONE": "(0274) 484-370"})
    live = LiveKiosk(app).start()
    yield live
    live.stop()


def test_a_phone_gets_the_phone_layout_with_targets_for_a_thumb(hall_phone, browser):
    from browser.test_layout import MEASURE, OFFICER_TEXT, TARGET

    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True,
                                  locale="id-ID")
    try:
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        problems = []
        for name, (path, shown) in PHONE_PAGES.items():
            assert page.goto(hall_phone(path)).status == 200, name
            page.wait_for_selector(shown)
            assert page.evaluate("() => document.body.classList.contains('phone')"), name
            sent = [p for p in page.evaluate(LOADED) if p in KIOSK_ONLY]
            assert sent == [], f"{name}: kiosk mode sent to a phone: {sent}"
            seen = page.evaluate(WIDTH)
            if seen["width"] != PHONE["width"] or seen["beyond"]:
                problems.append(f"{name}: {seen['width']} px wide; beyond 360: {seen['beyond']}")
            # A phone is held at reading distance: 16 px, its own system's body size, is the
            # least there (the kiosk's screen, read at arm's length, keeps 18 px).
            problems += [f"{name}: {line}" for line in page.evaluate(
                MEASURE, {"primary": [], "target": TARGET, "topOnly": False,
                          "text": OFFICER_TEXT})]
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"hall-phone-{name}-360x640.png"))
        assert problems == [], "\n".join(problems)
        # Numbers dial: nothing stands between a tap and the phone's dialler.
        dial = page.locator("a.number[href^='tel:']").first
        assert dial.get_attribute("href") == "tel:08001000"
        # The officer's area answers with the calm 403 page, never a PIN form.
        assert page.goto(hall_phone("/petugas")).status == 403
        assert page.locator("input[name=pin]").count() == 0
        assert "hanya untuk petugas" in page.locator("h1").text_content()
        page.screenshot(path=str(ARTIFACTS / "hall-phone-officer-360x640.png"))
        assert errors == []
    finally:
        context.close()


def test_the_screen_shows_the_codes_that_bring_a_phone(tmp_path, browser):
    """kiosk run --lan: the home page's corner leads to /di-hp, whose codes (the Wi-Fi, then
    the address) a camera reads off the screen; the home page still fits the screen."""
    import zxingcpp
    from conftest import PIN_COST

    from browser.conftest import LiveKiosk
    from browser.test_presenter import png_gray
    from kiosk import create_app
    from kiosk.lan import open_hall

    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path), "OFFICER_PIN_COST": PIN_COST,
                      "LAN_WIFI_NAME": "Balai Desa", "LAN_WIFI_PASSWORD": "waspada;123"})
    open_hall(app, 8080, ["192.168.137.1"])
    live = LiveKiosk(app).start()
    context = browser.new_context(viewport={"width": 1024, "height": 768}, has_touch=True)
    try:
        page = context.new_page()
        page.goto(live("/"))
        dock = page.locator(".dock").bounding_box()
        last = page.locator(".home-actions a").last.bounding_box()
        assert last["y"] + last["height"] <= dock["y"] + 0.5, "the home page no longer fits"
        with page.expect_navigation():
            page.locator(".phone-corner").tap()
        texts = []
        for code in page.locator(".hall-code svg.qr").all():
            box = code.bounding_box()
            assert box["y"] + box["height"] <= dock["y"] + 0.5
            texts += [found.text for found in zxingcpp.read_barcodes(png_gray(code.screenshot()))]
        assert texts == ["WIFI:T:WPA;S:Balai Desa;P:waspada\\;123;;", "http://192.168.137.1:8080/"]
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "kiosk-on-phone-1024x768.png"))
    finally:
        context.close()
        live.stop()
