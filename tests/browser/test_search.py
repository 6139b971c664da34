"""The search box in a real Chromium: suggestions while typing, keys, and no script errors."""

import shutil
import threading

import pytest
from werkzeug.serving import make_server

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]

pytestmark = pytest.mark.browser


@pytest.fixture
def kiosk_url(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()


@pytest.fixture
def page():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.problems = []
        page.on("console", lambda msg: msg.type == "error" and page.problems.append(msg.text))
        page.on("pageerror", lambda exc: page.problems.append(str(exc)))
        yield page
        browser.close()


def test_typing_offers_lessons_and_the_keys_reach_them(page, kiosk_url):
    page.goto(kiosk_url + "/")
    box = page.locator("input[data-osk][name=q]")
    assert box.get_attribute("type") == "search"
    box.click()
    page.keyboard.type("pasp", delay=40)
    suggestions = page.locator(".search-suggestions a")
    suggestions.first.wait_for()
    titles = suggestions.locator(".search-suggestion-title").all_inner_texts()
    assert sorted(titles) == ["Calo", "Visa ziarah"]  # both are tagged 'paspor'
    assert page.locator(".search-status").inner_text() == "2 saran pelajaran"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.className") == "search-suggestion"
    page.keyboard.press("Escape")
    assert page.locator(".search-suggestions").is_hidden()
    assert page.evaluate("document.activeElement.name") == "q"
    page.keyboard.type("or ditahan")
    page.keyboard.press("Enter")
    page.wait_for_url("**/cari?q=paspor+ditahan")
    titles = page.locator(".search-found .lesson-card-title").all_inner_texts()
    assert sorted(titles) == ["Calo", "Visa ziarah"]
    assert page.problems == []  # no script error, no Content-Security-Policy refusal


def test_a_suggestion_opens_its_lesson(page, kiosk_url):
    page.goto(kiosk_url + "/cari")
    page.locator("#search-q").fill("jalur")
    page.locator(".search-suggestions a").first.click()
    page.wait_for_url("**/pelajaran/jalur-resmi")
    assert page.locator("h1").inner_text() == "Jalur resmi"
    assert page.problems == []


def test_the_search_pages_pass_axe(page, kiosk_url):
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    for path in ("/", "/cari", "/cari?q=paspor", "/cari?q=xylofon"):
        page.goto(kiosk_url + path)
        results = axe.run(page)
        assert results.violations_count == 0, (path, results.generate_report())
