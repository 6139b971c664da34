"""The shipped checker's "Bahaya" result in a real Chromium: what to do and the numbers to call
are on the first screen at 1024x768 and 1366x768, above the dock, before the list of signs."""

from pathlib import Path

import pytest
from conftest import settings

from browser.conftest import SIZES, serious_violations
from kiosk import create_app

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# The Cambodia "admin" job from issue 13: one severe sign, two others, two unknowns.
ANSWERS = {"negara-penipuan": "ya", "agen-berizin": "tidak-tahu", "lewat-disnaker": "tidak",
           "kontrak-tertulis": "tidak-tahu", "biaya-di-muka": "ya",
           "visa-bukan-kerja": "tidak-tahu", "hanya-media-sosial": "ya"}


@pytest.fixture
def shipped(tmp_path, serve):
    app = create_app(settings(ROOT / "content", tmp_path, QUIZ_DIR=str(ROOT / "quizzes"),
                              CONTENT_RECHECK_SECONDS=0, KIOSK_NAME="Desa Sukamaju"))
    return serve(app)


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_dangerous_offer_shows_what_to_do_and_whom_to_call_first(screens, shipped, size):
    screen = screens(size, touch=True, prefix="checker")
    page = screen.page
    page.goto(shipped("/cek-tawaran"))
    page.locator("form button.button-primary").click()
    while not page.url.endswith("/hasil"):
        question = page.locator("[data-question]").get_attribute("data-question")
        with page.expect_navigation():  # every question not in ANSWERS: no sign
            page.locator(f"button[value={ANSWERS.get(question, 'tidak')}]").click()
    assert page.locator("[data-risk]").get_attribute("data-risk") == "bahaya"
    screen.shoot("bahaya")
    dock_top = page.locator("nav.dock").bounding_box()["y"]
    first = page.locator(".checker-report-first")
    for part in (page.locator(".checker-verdict h1"), page.locator(".checker-verdict .lead"),
                 first.locator(".number-card").first, first.locator(".number-card").last,
                 first.locator("a.button-warn[href='/lapor']")):
        box = part.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= dock_top, part
    signs = page.locator("[data-section=signs]").bounding_box()
    assert signs["y"] > first.bounding_box()["y"]  # the reasons come after what to do
    assert page.locator("[data-section=find-out]").bounding_box()["y"] > signs["y"]
    assert page.locator("[data-sign=negara-penipuan].is-severe").count() == 1
    assert "Tidak tahu" in page.locator("[data-section=find-out]").inner_text()
    assert serious_violations(page) == []
    assert screen.errors == []


def test_not_knowing_the_licence_says_what_to_find_out_and_where(screens, shipped):
    screen = screens((1024, 768), touch=True, prefix="checker")
    page = screen.page
    page.goto(shipped("/cek-tawaran"))
    page.locator("form button.button-primary").click()
    legal = {"agen-berizin": "tidak-tahu", "lewat-disnaker": "ya", "kontrak-tertulis": "ya"}
    while not page.url.endswith("/hasil"):
        question = page.locator("[data-question]").get_attribute("data-question")
        with page.expect_navigation():
            page.locator(f"button[value={legal.get(question, 'tidak')}]").click()
    assert page.locator("[data-risk]").get_attribute("data-risk") == "hati-hati"
    find_out = page.locator("[data-section=find-out]")
    text = " ".join(find_out.inner_text().split())
    assert "Perusahaan berizin (P3MI) sudah dicek: Tidak tahu" in text
    assert "Disnaker" in text and 'pelajaran "Cek dulu: agen resmi atau bukan?"' in text
    assert page.locator("[data-section=signs]").count() == 0
    screen.shoot("hati-hati")
    assert serious_violations(page) == []
    assert screen.errors == []
