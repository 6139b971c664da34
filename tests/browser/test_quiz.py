"""A quiz and the checker in a real Chromium: by keyboard alone, and checked by axe-core.

Skipped where Debian's chromium is not installed (CI installs it).
"""

import shutil
import threading
import time

import pytest
from werkzeug.serving import make_server

from kiosk import create_app

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium")
if CHROMIUM is None:
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")


SLOW_POSTS = {"seconds": 0.0}  # a slow village PC, for the double-tap test


def slowed(app):
    def middleware(environ, start_response):
        if environ["REQUEST_METHOD"] == "POST" and SLOW_POSTS["seconds"]:
            time.sleep(SLOW_POSTS["seconds"])
        return app(environ, start_response)

    return middleware


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    server = make_server("127.0.0.1", 0, slowed(app), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
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
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def tab_to(page, selector, limit=40):
    """Press Tab until the focused element matches ``selector``; returns it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return page.locator(":focus")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_quiz_can_be_finished_with_the_keyboard_alone(page, base_url):
    page.goto(base_url + "/kuis/calo-sponsor-ilegal")
    for number in range(1, 5):
        assert page.locator(".quiz-progress-text").inner_text().endswith(f"{number} / 4")
        if page.locator("input[type=checkbox]").count():
            tab_to(page, "input[type=checkbox]")
            page.keyboard.press("Space")
            assert page.locator("input[type=checkbox]:checked").count() == 1
            outline = page.evaluate(
                "getComputedStyle(document.activeElement.closest('label')).outlineStyle")
            assert outline == "solid"  # the focused card shows where the keyboard is
            tab_to(page, "button.quiz-submit")
        else:
            tab_to(page, "button.answer")
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline == "solid"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.locator("h1.verdict").inner_text().strip() in ("Benar!", "Belum tepat")
        tab_to(page, ".quiz-actions a.button-primary")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.locator("[data-score]").get_attribute("data-score").endswith("/4")


def test_a_double_tap_sends_the_answer_once(page, base_url):
    page.goto(base_url + "/kuis/cara-melapor")
    while page.locator("input[type=checkbox]").count():  # want a one-tap question
        page.locator("label.answer").first.click()
        page.locator("button.quiz-submit").click()
        page.locator(".quiz-actions a.button-primary").click()
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else 0)
    SLOW_POSTS["seconds"] = 0.5  # the first answer is still on its way when the second tap lands
    try:
        box = page.locator("button.answer").first.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        with page.expect_navigation(url="**/jawaban"):
            page.mouse.click(x, y)  # raw taps: nothing waits for the page in between
            page.wait_for_timeout(150)
            page.mouse.click(x, y)
    finally:
        SLOW_POSTS["seconds"] = 0.0
    assert len(posts) == 1
    assert page.locator("h1.verdict").count() == 1  # not the "already answered" page


def test_the_checker_can_be_walked_with_the_keyboard(page, base_url):
    page.goto(base_url + "/cek-tawaran")
    tab_to(page, "form button.button-primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(12):
        tab_to(page, "button[value=tidak-tahu]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.locator("[data-risk]").get_attribute("data-risk") == "hati-hati"


@pytest.mark.parametrize("path", ["/kuis", "/kuis/uji-pengetahuan", "/cek-tawaran", "/"])
def test_quiz_screens_pass_axe(page, base_url, path):
    from axe_playwright_python.sync_playwright import Axe

    page.goto(base_url + path)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_feedback_result_and_verdict_pass_axe(page, base_url):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.goto(base_url + "/kuis/visa-umrah-ziarah")
    for _ in range(4):
        if page.locator("input[type=checkbox]").count():
            page.locator("label.answer").first.click()
            page.locator("button.quiz-submit").click()
        else:
            page.locator("button.answer").first.click()
        page.wait_for_load_state()
        results = axe.run(page)
        assert results.violations_count == 0, results.generate_report()
        page.locator(".quiz-actions a.button-primary").click()
        page.wait_for_load_state()
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    page.goto(base_url + "/cek-tawaran")
    page.locator("form button.button-primary").click()
    for _ in range(12):
        page.locator("button[value=ya]").click()
        page.wait_for_load_state()
    assert page.locator("[data-risk]").get_attribute("data-risk") == "bahaya"
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
