"""The checker's result names what /lapor holds: before `kiosk setup` there is no office there,
so no "Kantor imigrasi terdekat". The Bahaya numbers keep each note, one line, readable."""

import pytest
from conftest import settings

from browser.test_checker_result import ANSWERS, ROOT
from kiosk import create_app

pytestmark = pytest.mark.browser

OFFICE = {"OFFICE_NAME": "Kantor Imigrasi Kelas I Yogyakarta", "OFFICE_PHONE": "(0274) 484-370"}
# Every note of the Bahaya number cards: its text, font size and how many lines it takes.
NOTES = """() => [...document.querySelectorAll('.checker-report-first .number-card')]
  .map((card) => {
  const note = card.querySelector('.number-note');
  if (!note) return {name: card.querySelector('.number-name').innerText, note: null};
  const range = document.createRange();
  range.selectNodeContents(note);
  const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  return {note: note.innerText, size: parseFloat(getComputedStyle(note).fontSize), lines,
          cut: note.scrollWidth > note.clientWidth + 1};
})"""


def bahaya(screens, serve, tmp_path, office, size=(1024, 768)):
    app = create_app(settings(ROOT / "content", tmp_path, QUIZ_DIR=str(ROOT / "quizzes"),
                              CONTENT_RECHECK_SECONDS=0, **office))
    live = serve(app)
    screen = screens(size, prefix="checker-office")
    page = screen.page
    page.goto(live("/cek-tawaran"))
    page.locator("form button.button-primary").click()
    while not page.url.endswith("/hasil"):
        question = page.locator("[data-question]").get_attribute("data-question")
        with page.expect_navigation():
            page.locator(f"button[value={ANSWERS.get(question, 'tidak')}]").click()
    assert page.locator("[data-risk]").get_attribute("data-risk") == "bahaya"
    return screen


def test_without_an_office_the_result_promises_none(screens, serve, tmp_path):
    screen = bahaya(screens, serve, tmp_path, {})
    link = screen.page.locator(".checker-report-first a.button-warn")
    assert link.inner_text().strip() == "Semua nomor untuk melapor"
    assert "kantor imigrasi" not in screen.page.locator("main").inner_text().lower()
    assert screen.errors == []


def test_with_an_office_the_result_points_to_it(screens, serve, tmp_path):
    screen = bahaya(screens, serve, tmp_path, OFFICE)
    link = screen.page.locator(".checker-report-first a.button-warn")
    assert link.inner_text().strip() == "Kantor imigrasi terdekat"
    assert screen.errors == []


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768)], ids=["1024x768", "1366x768"])
def test_the_bahaya_numbers_keep_their_notes_on_one_readable_line(screens, serve, tmp_path,
                                                                   size):
    screen = bahaya(screens, serve, tmp_path, {}, size)
    notes = screen.page.evaluate(NOTES)
    screen.shoot("bahaya")
    assert [n["note"] for n in notes] == ["Gratis, 24 jam", "Keadaan darurat",
                                          "Untuk perempuan dan anak. WhatsApp 08111-129-129"]
    for note in notes:
        assert note["size"] >= 18 and note["lines"] == 1 and not note["cut"], note
    assert screen.errors == []
