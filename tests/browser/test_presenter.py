"""Presenter mode in a real Chromium: an officer logs in, starts the village session, moves
with the keys a clicker sends, reveals a room answer, counts hands, keeps the presenter view
in step, and leaves; screenshots at 1920x1080 and 1024x768 land in tests/artifacts/
(git-ignored), and the closing slide's QR code is decoded from the pixels."""

import struct
import zlib

import pytest
import zxingcpp

from browser.conftest import log_in, set_pin, stats_rows

pytestmark = pytest.mark.browser

SIZES = [(1920, 1080), (1024, 768)]


@pytest.fixture
def officer(app, live, screens):
    """start(size, audience) -> the projector's Screen, logged in, the session started."""
    set_pin(app)

    def start(size=SIZES[0], audience=""):
        screen = screens(size, touch=False, prefix="presenter")
        page = screen.page
        log_in(page, live("/petugas/presentasi"))
        form = page.locator('[data-session="imdes-desa"] form')
        form.locator("input[name=hadirin]").fill(audience)
        form.locator("button[type=submit]").click()
        page.wait_for_url(live("/presentasi/sesi/imdes-desa*"))
        return screen

    return start


def current(page):
    return page.evaluate("""() => {
        const s = document.querySelector('.deck > .slide.is-current');
        return [Number(s.dataset.index), Number(s.dataset.step || 0), s.dataset.fit];
    }""")


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
def test_an_officer_runs_the_session_with_the_keyboard(app, live, officer, size):
    screen = officer(size, audience="30")
    page = screen.page
    total = int(page.get_attribute("body", "data-total"))
    assert current(page)[:2] == [0, 0]
    assert page.text_content("[data-counter]") == "1"
    screen.shoot("opening")

    # The keys a clicker sends: forward, forward, forward, back.
    for key, expected in (("PageDown", 1), ("ArrowRight", 2), ("Space", 3), ("PageUp", 2)):
        page.keyboard.press(key)
        assert current(page)[0] == expected, key
    assert page.text_content("[data-counter]") == "3"
    assert page.evaluate("() => location.hash") == "#3"
    screen.shoot("lesson")
    page.keyboard.press("PageDown")
    page.keyboard.press("PageDown")
    assert page.locator(".deck > .slide.is-current .callout").is_visible()
    screen.shoot("callout")

    # The last question of the room's round: from the closing slide back to its start.
    page.keyboard.press("End")
    assert current(page)[0] == total - 1
    screen.shoot("closing")
    page.keyboard.press("PageUp")
    assert current(page)[:2] == [total - 2, 2]  # back into a question: as it was left
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    assert current(page)[:2] == [total - 2, 0]
    slide = page.locator(".deck > .slide.is-current")
    assert slide.locator(".room-letter").first.text_content() == "A"
    assert not slide.locator(".room-reveal").is_visible()
    assert not slide.locator(".is-right .room-mark").first.is_visible()
    screen.shoot("question")

    page.keyboard.press("r")  # reveal
    assert current(page)[:2] == [total - 2, 1]
    assert slide.locator(".is-right .room-mark").first.is_visible()
    assert slide.locator(".room-answer").is_visible()
    assert not slide.locator(".room-explanation").is_visible()
    hands = slide.locator("input[name=hands]")
    hands.fill("12")
    hands.press("Enter")
    page.wait_for_function("() => document.querySelector("
                           "'.slide.is-current [data-hands-status]').textContent.includes('✓')")
    screen.shoot("answer")
    page.keyboard.press("PageDown")  # the explanation
    assert slide.locator(".room-explanation").is_visible()
    assert not slide.locator(".is-wrong").first.is_visible()
    screen.shoot("explanation")

    # Esc asks first; Esc again leaves for the kiosk's home screen.
    page.keyboard.press("Escape")
    assert page.locator("[data-end-panel]").is_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(live("/"))
    assert page.locator(".tiles").is_visible()  # the villagers' home screen
    assert screen.errors == []  # no CSP violation, no script error

    sessions = stats_rows(app, "SELECT lessons, audience, n FROM presenter_session")
    assert sessions == [("calo,jalur-resmi,visa-ziarah", 30, 1)]
    answers = stats_rows(app, "SELECT hands, audience, n FROM quiz_group_answer")
    assert answers == [(12, 30, 1)]


def test_the_presenter_view_follows_the_projector_and_back(live, officer):
    screen = officer(SIZES[0])
    projector = screen.page
    view = screen.watch(screen.context.new_page())
    view.set_viewport_size({"width": 1440, "height": 900})
    view.goto(live("/presentasi/sesi/imdes-desa/pembicara"))
    projector.keyboard.press("PageDown")
    projector.keyboard.press("PageDown")
    counter_is = "(n) => document.querySelector('[data-counter]').textContent === n"
    view.wait_for_function(counter_is, arg="3")
    assert view.locator("[data-notes='2']").is_visible()
    assert view.locator("[data-next-title]").text_content() == "Contoh di desa"
    view.keyboard.press("PageDown")  # the officer's laptop has the clicker now
    projector.wait_for_function(counter_is, arg="4")
    # The lesson's speaker note, on the officer's screen only.
    assert view.locator("[data-notes='3']").is_visible()
    assert "Tanyakan kepada hadirin" in view.locator("[data-notes='3']").text_content()
    assert "Tanyakan kepada hadirin" not in projector.content()
    screen.shoot("view", page=view)
    view.click('[data-action="end"]')
    view.click("[data-end-panel] button[type=submit]")
    projector.wait_for_url(live("/"))
    assert screen.errors == []


def test_the_qr_code_on_screen_dials_the_crisis_centre(officer):
    screen = officer(SIZES[1])
    page = screen.page
    page.keyboard.press("End")
    texts = []
    for card in page.locator(".deck > .slide.is-current .qr-card svg").all():
        pixels = png_gray(card.screenshot())
        found = zxingcpp.read_barcodes(pixels)
        texts.extend(code.text for code in found)
    assert texts == ["tel:08001000", "tel:0274484370"]
    assert screen.errors == []
