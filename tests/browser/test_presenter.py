"""Presenter mode in a real Chromium on the bundled content: an officer logs in, starts the
IMDES session, moves with the keys a clicker sends, reveals a room answer, counts hands, keeps
the presenter view in step, and leaves; screenshots at 1920x1080 and 1024x768 land in
tests/artifacts/ (git-ignored), and the closing slide's QR code is decoded from the pixels."""

import os
import shutil
import sqlite3
import struct
import threading
import time
import zlib
from pathlib import Path

import pytest
import zxingcpp

from kiosk import create_app

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("the browser tests need Debian's chromium in CI")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api")
waitress_server = pytest.importorskip("waitress.server")

PIN = "246813"
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SIZES = [(1920, 1080), (1024, 768)]
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-quic"]


@pytest.fixture
def kiosk_app(tmp_path):
    app = create_app({
        "TESTING": True, "DATA_DIR": str(tmp_path / "data"),
        "OFFICE_NAME": "Kantor Imigrasi Kelas I Yogyakarta",
        "OFFICE_ADDRESS": "Jl. Solo Km 10, Yogyakarta", "OFFICE_PHONE": "(0274) 484-370",
    })
    done = app.test_cli_runner().invoke(args=["set-pin"], input=f"{PIN}\n{PIN}\n")
    assert done.exit_code == 0, done.output
    return app


@pytest.fixture
def live(kiosk_app):
    server = waitress_server.create_server(kiosk_app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=10)


@pytest.fixture
def browser():
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def new_page(browser, size, errors):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    return page


def log_in_and_start(page, live, audience=""):
    page.goto(f"{live}/petugas/presentasi")
    page.fill("input[name=pin]", PIN)
    page.press("input[name=pin]", "Enter")
    page.wait_for_url(f"{live}/petugas/presentasi")
    form = page.locator('[data-session="imdes-dasar"] form')
    form.locator("input[name=hadirin]").fill(audience)
    form.locator("button[type=submit]").click()
    page.wait_for_url(f"{live}/presentasi/sesi/imdes-dasar*")


def current(page):
    return page.evaluate("""() => {
        const s = document.querySelector('.deck > .slide.is-current');
        return [Number(s.dataset.index), Number(s.dataset.step || 0), s.dataset.fit];
    }""")


def shoot(page, name, size):
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"presenter-{name}-{size[0]}x{size[1]}.png"
    page.screenshot(path=str(path))
    return path


def rows(app, sql, deadline=10):
    store = app.extensions["stats"]
    end = time.monotonic() + deadline
    while True:
        store.flush()
        conn = sqlite3.connect(store.path)
        try:
            found = conn.execute(sql).fetchall()
        finally:
            conn.close()
        if found or time.monotonic() > end:
            return found
        time.sleep(0.05)


def png_gray(data):
    """Grey pixels of an 8-bit RGB or RGBA PNG (what Chromium's screenshots are)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat = 8, b""
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and color in (2, 6)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    channels = 3 if color == 2 else 4
    stride = width * channels
    raw = zlib.decompress(idat)
    rows_out, previous = [], bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                pa, pb, pc = abs(guess - left), abs(guess - up), abs(guess - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc
                                      else corner)) & 255
        rows_out.append(line)
        previous = line
    gray = bytearray(width * height)
    for y, line in enumerate(rows_out):
        for x in range(width):
            r, g, b = line[x * channels:x * channels + 3]
            gray[y * width + x] = (r * 299 + g * 587 + b * 114) // 1000
    return memoryview(gray).cast("B", (height, width))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_officer_runs_the_session_with_the_keyboard(kiosk_app, live, browser, size):
    errors = []
    page = new_page(browser, size, errors)
    log_in_and_start(page, live, audience="30")
    total = int(page.get_attribute("body", "data-total"))
    assert current(page)[:2] == [0, 0]
    assert page.text_content("[data-counter]") == "1"
    shoot(page, "opening", size)

    # The keys a clicker sends: forward, forward, forward, back.
    for key, expected in (("PageDown", 1), ("ArrowRight", 2), ("Space", 3), ("PageUp", 2)):
        page.keyboard.press(key)
        assert current(page)[0] == expected, key
    assert page.text_content("[data-counter]") == "3"
    assert page.evaluate("location.hash") == "#3"
    shoot(page, "lesson", size)
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    shoot(page, "callout", size)

    # The last question of the room's round: from the closing slide back to its start.
    page.keyboard.press("End")
    assert current(page)[0] == total - 1
    shoot(page, "closing", size)
    page.keyboard.press("PageUp")
    assert current(page)[:2] == [total - 2, 2]  # back into a question: as it was left
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    assert current(page)[:2] == [total - 2, 0]
    slide = page.locator(".deck > .slide.is-current")
    assert slide.locator(".room-letter").first.text_content() == "A"
    assert not slide.locator(".room-reveal").is_visible()
    assert not slide.locator(".is-right .room-mark").first.is_visible()
    shoot(page, "question", size)

    page.keyboard.press("r")  # reveal
    assert current(page)[:2] == [total - 2, 1]
    assert slide.locator(".is-right .room-mark").first.is_visible()
    assert slide.locator(".room-answer").is_visible()
    assert not slide.locator(".room-explanation").is_visible()
    hands = slide.locator("input[name=hands]")
    hands.fill("12")
    hands.press("Enter")
    page.wait_for_function("document.querySelector('.slide.is-current [data-hands-status]')"
                           ".textContent.includes('✓')")
    shoot(page, "answer", size)
    page.keyboard.press("PageDown")  # the explanation
    assert slide.locator(".room-explanation").is_visible()
    assert not slide.locator(".is-wrong").first.is_visible()
    shoot(page, "explanation", size)

    # Esc asks first; Esc again leaves for the kiosk's home screen.
    page.keyboard.press("Escape")
    assert page.locator("[data-end-panel]").is_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(f"{live}/")
    assert page.locator(".tiles").is_visible()  # the villagers' home screen
    assert errors == []  # no CSP violation, no script error

    sessions = rows(kiosk_app, "SELECT lessons, audience, n FROM presenter_session")
    assert sessions == [("calo-sponsor-ilegal,cara-melapor,jalur-resmi-bekerja", 30, 1)]
    answers = rows(kiosk_app, "SELECT hands, audience, n FROM quiz_group_answer")
    assert answers == [(12, 30, 1)]


def test_the_presenter_view_follows_the_projector_and_back(kiosk_app, live, browser):
    errors = []
    projector = new_page(browser, SIZES[0], errors)
    log_in_and_start(projector, live)
    view = projector.context.new_page()
    view.set_viewport_size({"width": 1440, "height": 900})
    view.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    view.goto(f"{live}/presentasi/sesi/imdes-dasar/pembicara")
    projector.keyboard.press("PageDown")
    projector.keyboard.press("PageDown")
    view.wait_for_function("document.querySelector('[data-counter]').textContent === '3'")
    assert view.locator("[data-notes='2']").is_visible()
    assert view.locator("[data-next-title]").text_content() == "Contoh di desa"
    view.keyboard.press("PageDown")  # the officer's laptop has the clicker now
    projector.wait_for_function("document.querySelector('[data-counter]').textContent === '4'")
    # The bundled lesson's speaker note, on the officer's screen only.
    assert view.locator("[data-notes='3']").is_visible()
    assert "Tanyakan kepada hadirin" in view.locator("[data-notes='3']").text_content()
    assert "Tanyakan kepada hadirin" not in projector.content()
    ARTIFACTS.mkdir(exist_ok=True)
    view.screenshot(path=str(ARTIFACTS / "presenter-view-1440x900.png"))
    view.click('[data-action="end"]')
    view.click("[data-end-panel] button[type=submit]")
    projector.wait_for_url(f"{live}/")
    assert errors == []


def test_the_qr_code_on_screen_dials_the_crisis_centre(kiosk_app, live, browser):
    errors = []
    page = new_page(browser, SIZES[1], errors)
    log_in_and_start(page, live)
    page.keyboard.press("End")
    texts = []
    for card in page.locator(".deck > .slide.is-current .qr-card svg").all():
        pixels = png_gray(card.screenshot())
        found = zxingcpp.read_barcodes(pixels)
        texts.extend(code.text for code in found)
    assert texts == ["tel:08001000", "tel:0274484370"]
    assert errors == []
