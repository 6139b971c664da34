"""The web editor in a real Chromium: the preview follows the typing, "Ke baris N" finds the
line, unsaved text survives a lost page, and the editor's screens pass axe-core."""

import pytest

from browser.conftest import axe_violations, log_in, set_pin

pytestmark = pytest.mark.browser

EDITOR_PIN = "135792"
LESSON = "/petugas/konten/ubah/content/id/calo.md"


@pytest.fixture
def editor(app, live, screens):
    """A logged-in editor's screen (a desk computer: mouse and keyboard)."""
    set_pin(app, EDITOR_PIN, role="editor")
    screen = screens((1400, 900), touch=False, prefix="editor")
    log_in(screen.page, live("/petugas/konten"), EDITOR_PIN)
    yield screen
    assert screen.errors == []  # no script error on any page, CSP included


def test_the_preview_follows_the_typing_and_points_at_the_line(editor, live, site):
    page = editor.page
    page.goto(live(LESSON))
    text = page.input_value("#teks")
    page.fill("#teks", text.replace("summary:", "sumary:"))
    finding = page.locator(".finding-error[data-line='3']")
    finding.wait_for()
    assert "did you mean 'summary'?" in finding.inner_text()
    page.click("[data-goto-line='3']")
    selected = page.evaluate(
        "() => { const t = document.getElementById('teks');"
        " return t.value.slice(t.selectionStart, t.selectionEnd); }")
    assert selected == "sumary: Ringkasan Calo."
    page.fill("#teks", text.replace("## Contoh di desa", "## Contoh di kampung"))
    page.locator(".preview-frame h2#contoh-di-kampung").wait_for()
    assert (site / "content" / "id" / "calo.md").read_text() == text  # unsaved


def test_a_save_shows_at_once_in_the_kiosk(editor, live):
    page = editor.page
    page.goto(live(LESSON))
    text = page.input_value("#teks")
    page.fill("#teks", text.replace("title: Calo\n", "title: Calo gelap\n"))
    with page.expect_navigation():
        page.click("button[value=simpan]")
    assert "Tersimpan." in page.locator("[data-saved]").inner_text()
    page.goto(live("/pelajaran/calo"))
    assert page.locator("h1").inner_text() == "Calo gelap"


def test_unsaved_text_is_offered_back_after_the_page_is_lost(editor, live):
    page = editor.page
    page.goto(live(LESSON))
    mine = page.input_value("#teks") + "\nTambahan yang belum disimpan.\n"
    page.fill("#teks", mine)
    # The copy is kept after a short pause in typing: wait until this browser holds it.
    page.wait_for_function(
        """(mine) => Object.keys(localStorage).some((key) =>
            key.startsWith('kios-penyunting:')
            && JSON.parse(localStorage.getItem(key)).text === mine)""", arg=mine)
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?"
    page.goto(live(LESSON))
    notice = page.locator("[data-draft-notice]")
    assert notice.is_visible()
    page.click("[data-draft-use]")
    assert page.input_value("#teks") == mine
    assert not notice.is_visible()


def test_editor_screens_pass_axe(editor, live):
    page = editor.page
    paths = ["/petugas/konten", LESSON, "/petugas/konten/ubah/quizzes/calo.yaml",
             "/petugas/konten/ubah/content/categories.yaml", "/petugas/konten/baru",
             "/petugas/konten/gambar"]
    found = {}
    for path in paths:  # one login for all: logging in is most of the time of each
        page.goto(live(path))
        found[path] = axe_violations(page)
    assert found == dict.fromkeys(paths, [])


def test_a_refused_save_passes_axe(editor, live):
    page = editor.page
    page.goto(live(LESSON))
    page.fill("#teks", page.input_value("#teks").replace("summary:", "sumary:"))
    with page.expect_navigation():
        page.click("button[value=simpan]")
    assert page.locator("[data-refused]").is_visible()
    assert editor.errors == ["Failed to load resource: the server responded with a status of "
                             "422 (UNPROCESSABLE ENTITY)"]  # the refusal itself, nothing else
    editor.errors.clear()
    assert axe_violations(page) == []
