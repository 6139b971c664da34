"""The web editor in a real Chromium: the preview follows the typing, "Ke baris N" finds the
line, unsaved text survives a lost page, and the editor's screens pass axe-core.

Skipped where Debian's chromium is not installed (CI installs it).
"""

import shutil
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from kiosk import create_app

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")

ROOT = Path(__file__).resolve().parent.parent
PIN = "135792"
LESSON = "/petugas/konten/ubah/content/id/calo-sponsor-ilegal.md"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The bundled content, copied so the tests may change it."""
    base = tmp_path_factory.mktemp("kios")
    shutil.copytree(ROOT / "content", base / "content")
    shutil.copytree(ROOT / "quizzes", base / "quizzes")
    app = create_app({"TESTING": True, "CONTENT_DIR": str(base / "content"),
                      "QUIZ_DIR": str(base / "quizzes"), "DATA_DIR": str(base / "data"),
                      "CONTENT_RECHECK_SECONDS": 0})
    app.extensions["officer.pins"].set("editor", PIN)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", base
    server.shutdown()
    thread.join()


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"])
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site):
    base_url, _ = site
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(error))
    page.goto(base_url + "/petugas/konten")
    page.fill("#pin", PIN)
    with page.expect_navigation():
        page.click("form.pin-form button[type=submit]")
    yield page
    context.close()
    assert errors == []  # no script error on any page, CSP included


def test_the_preview_follows_the_typing_and_points_at_the_line(page, site):
    base_url, base = site
    page.goto(base_url + LESSON)
    text = page.input_value("#teks")
    page.fill("#teks", text.replace("summary:", "sumary:"))
    finding = page.locator(".finding-error[data-line='3']")
    finding.wait_for()
    assert "did you mean 'summary'?" in finding.inner_text()
    page.click("[data-goto-line='3']")
    selected = page.evaluate(
        "(() => { const t = document.getElementById('teks');"
        " return t.value.slice(t.selectionStart, t.selectionEnd); })()")
    assert selected.startswith("sumary: Orang datang ke desa")
    page.fill("#teks", text.replace("# Contoh di desa", "# Contoh di kampung"))
    page.locator(".preview-frame h2#contoh-di-kampung").wait_for()
    assert (base / "content" / "id" / "calo-sponsor-ilegal.md").read_text() == text  # unsaved


def test_a_save_shows_at_once_in_the_kiosk(page, site):
    base_url, base = site
    page.goto(base_url + LESSON)
    text = page.input_value("#teks")
    page.fill("#teks", text.replace("title: Calo dan sponsor tidak resmi",
                                    "title: Calo dan sponsor gelap"))
    with page.expect_navigation():
        page.click("button[value=simpan]")
    assert "Tersimpan." in page.locator("[data-saved]").inner_text()
    page.goto(base_url + "/pelajaran/calo-sponsor-ilegal")
    assert page.locator("h1").inner_text() == "Calo dan sponsor gelap"
    path = base / "content" / "id" / "calo-sponsor-ilegal.md"
    path.write_text(text, encoding="utf-8")


def test_unsaved_text_is_offered_back_after_the_page_is_lost(page, site):
    base_url, _ = site
    page.goto(base_url + LESSON)
    text = page.input_value("#teks")
    mine = text + "\nTambahan yang belum disimpan.\n"
    page.fill("#teks", mine)
    page.wait_for_timeout(600)  # the copy is kept after a short pause in typing
    page.on("dialog", lambda dialog: dialog.accept())  # "leave this page?"
    page.goto(base_url + LESSON)
    notice = page.locator("[data-draft-notice]")
    assert notice.is_visible()
    page.click("[data-draft-use]")
    assert page.input_value("#teks") == mine
    assert not notice.is_visible()


@pytest.mark.parametrize("path", [
    "/petugas/konten", LESSON, "/petugas/konten/ubah/quizzes/calo-sponsor-ilegal.yaml",
    "/petugas/konten/ubah/content/categories.yaml", "/petugas/konten/baru",
    "/petugas/konten/gambar",
])
def test_editor_screens_pass_axe(page, site, path):
    from axe_playwright_python.sync_playwright import Axe

    base_url, _ = site
    page.goto(base_url + path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_a_refused_save_passes_axe(page, site):
    from axe_playwright_python.sync_playwright import Axe

    base_url, _ = site
    page.goto(base_url + LESSON)
    page.fill("#teks", page.input_value("#teks").replace("summary:", "sumary:"))
    with page.expect_navigation():
        page.click("button[value=simpan]")
    assert page.locator("[data-refused]").is_visible()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
