"""A quiz and the checker in a real Chromium: by keyboard alone, a double tap, and checked by
axe-core."""

import threading

import pytest

from browser.conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def page(screens):
    """A desk screen: mouse and keyboard, no touch, so the keyboard's focus is what shows."""
    screen = screens((1280, 900), touch=False, prefix="quiz")
    yield screen.page
    assert screen.errors == []  # no script error, no Content-Security-Policy refusal


def tab_to(page, selector, limit=40):
    """Press Tab until the focused element matches ``selector``; returns it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return page.locator(":focus")
    raise AssertionError(f"Tab never reached {selector}")


def test_a_quiz_can_be_finished_with_the_keyboard_alone(page, live):
    page.goto(live("/kuis/calo"))
    for number in range(1, 5):
        assert page.locator(".quiz-progress-text").inner_text().endswith(f"{number} / 4")
        if page.locator("input[type=checkbox]").count():
            tab_to(page, "input[type=checkbox]")
            page.keyboard.press("Space")
            assert page.locator("input[type=checkbox]:checked").count() == 1
            outline = page.evaluate(
                "() => getComputedStyle(document.activeElement.closest('label')).outlineStyle")
            assert outline == "solid"  # the focused card shows where the keyboard is
            tab_to(page, "button.quiz-submit")
        else:
            tab_to(page, "button.answer")
            outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
            assert outline == "solid"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        verdict = page.locator("h1.verdict").inner_text().strip()
        assert verdict in ("Benar!", "Sebagian benar", "Belum tepat")
        tab_to(page, ".quiz-actions a.button-primary")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.locator("[data-score]").get_attribute("data-score").endswith("/4")


class HeldAnswers:
    """WSGI middleware: once holding, answers (POSTs) wait at the server until the test lets
    them through, as on a slow village PC, and are counted."""

    def __init__(self, app):
        self.app = app
        self.holding = False
        self.arrived = threading.Semaphore(0)
        self.go = threading.Event()
        self.posts = 0

    def __call__(self, environ, start_response):
        if environ["REQUEST_METHOD"] == "POST" and self.holding:
            self.posts += 1
            self.arrived.release()
            self.go.wait(timeout=30)
        return self.app(environ, start_response)


def test_a_double_tap_sends_the_answer_once(app, serve, page):
    held = HeldAnswers(app)
    live = serve(held)
    page.goto(live("/kuis/visa-ziarah"))
    while page.locator("input[type=checkbox]").count():  # want a one-tap question
        page.locator("label.answer").first.click()
        page.locator("button.quiz-submit").click()
        page.locator(".quiz-actions a.button-primary").click()
    held.holding = True
    posts = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else 0)
    box = page.locator("button.answer").first.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    with page.expect_navigation(url="**/jawaban"):
        page.mouse.click(x, y)  # raw taps: nothing waits for the page in between
        assert held.arrived.acquire(timeout=15), "the first answer never reached the server"
        page.mouse.click(x, y)  # the first answer is still on its way when the second lands
        held.go.set()
    assert len(posts) == 1 and held.posts == 1
    assert page.locator("h1.verdict").count() == 1  # not the "already answered" page


def test_the_checker_can_be_walked_with_the_keyboard(page, live):
    page.goto(live("/cek-tawaran"))
    tab_to(page, "form button.button-primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for _ in range(3):  # the checker's three questions, each answered "Tidak tahu"
        tab_to(page, "button[value=tidak-tahu]")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    assert page.locator("[data-risk]").get_attribute("data-risk") == "hati-hati"


def test_quiz_screens_pass_axe(page, live):
    paths = ["/kuis", "/kuis/calo", "/cek-tawaran", "/"]
    found = {}
    for path in paths:
        page.goto(live(path))
        found[path] = axe_violations(page)
    assert found == dict.fromkeys(paths, [])


def test_feedback_result_and_verdict_pass_axe(page, live):
    page.goto(live("/kuis/visa-ziarah"))
    for _ in range(4):
        if page.locator("input[type=checkbox]").count():
            page.locator("label.answer").first.click()
            page.locator("button.quiz-submit").click()
        else:
            page.locator("button.answer").first.click()
        page.locator("h1.verdict").wait_for()
        assert axe_violations(page) == []
        page.locator(".quiz-actions a.button-primary").click()
        page.wait_for_load_state()
    page.locator("[data-score]").wait_for()
    assert axe_violations(page) == []
    page.goto(live("/cek-tawaran"))
    page.locator("form button.button-primary").click()
    for _ in range(3):
        page.locator("button[value=ya]").click()
        page.wait_for_load_state()
    assert page.locator("[data-risk]").get_attribute("data-risk") == "bahaya"
    assert axe_violations(page) == []
