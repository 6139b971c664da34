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
