"""The number pad by touch alone, in a real Chromium with no keyboard used: an officer taps
the PIN (a wrong one is refused, the right one lets in), and the presenter's counts are
tapped in; screenshots of the PIN pad land in tests/artifacts/."""

import pytest
from playwright.sync_api import expect

from browser.conftest import PIN, SIZES, kiosk_app, serious_violations, set_pin, size_id, stats_rows

pytestmark = pytest.mark.browser

PHONE = (360, 640)


def tap_pin(page, pin):
    pad = page.locator("[data-numpad-for=pin]")
    for digit in pin:
        pad.locator(f'[data-digit="{digit}"]').tap()
    return pad


def log_in_by_pad(page, url):
    """Open ``url`` (behind the PIN) and log in by tapping the PIN pad."""
    page.goto(url)
    tap_pin(page, PIN)
    with page.expect_navigation():
        page.locator('[data-numpad-for=pin] [data-pad="ok"]').tap()


def submit_typed_pin(page):
    """The plain form, as without script: the PIN typed in, Masuk pressed."""
    page.fill("#pin", PIN)
    with page.expect_navigation():
        page.locator(".pin-form > button[type=submit]").click()


def pressed_look(page, selector):
    """A key's colours while a finger (here the mouse) is held down on it, and at rest."""
    key = page.locator(selector)
    box = key.bounding_box()
    look = "(el) => { const s = getComputedStyle(el); return [s.backgroundColor, " \
           "s.borderColor, s.color, s.outlineStyle, s.transform]; }"
    rest = key.evaluate(look)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    held = key.evaluate(look)
    page.mouse.up()
    return rest, held


# The open count pad against the input it types into: it must leave the input and its label in
# sight, lie inside the viewport and above the bottom bar. One line per problem, with boxes.
PAD_CLEAR = """() => {
  const pad = document.querySelector('.numpad-floating:not([hidden])');
  const input = document.activeElement;
  if (!pad || !input || !input.matches('[data-numpad-input]'))
    return ['no open count pad at a focused count box, focus on: '
            + (input ? input.outerHTML.slice(0, 60) : 'nothing')];
  const box = (r) => `[x=${Math.round(r.left)} y=${Math.round(r.top)} `
    + `w=${Math.round(r.width)} h=${Math.round(r.height)}]`;
  const p = pad.getBoundingClientRect(), problems = [];
  const over = (r) => Math.min(p.right, r.right) - Math.max(p.left, r.left) > 0.5
    && Math.min(p.bottom, r.bottom) - Math.max(p.top, r.top) > 0.5;
  const named = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} `
    + `"${(el.innerText || el.name || '').trim().replace(/\\s+/g, ' ').slice(0, 40)}"`;
  // The box, its words, its form's buttons (Mulai sesi; the end panel's Keluar and Lanjutkan
  // presentasi) and, on the projected deck, the revealed answers the room reads.
  const form = input.form ? [...input.form.querySelectorAll('button, input[type=submit]')] : [];
  const slide = document.body.classList.contains('projector') && input.closest('.slide');
  const options = slide ? [...slide.querySelectorAll('.room-option')] : [];
  for (const el of [input, ...(input.labels || []), ...form, ...options]) {
    const r = el.getBoundingClientRect();
    if (r.width && r.height && over(r))
      problems.push(`pad ${box(p)} covers ${named(el)} ${box(r)}`);
  }
  // On the projected deck the pad may stand over the control bar's side, not its middle.
  const deck = document.body.classList.contains('projector');
  for (const el of deck ? document.querySelectorAll('.deck-bar [data-action=prev], '
                                                    + '.deck-bar [data-action=next]') : []) {
    const r = el.getBoundingClientRect();
    if (over(r)) problems.push(`pad ${box(p)} covers ${named(el)} ${box(r)}`);
  }
  let floor = innerHeight;
  for (const bar of deck ? [] : document.querySelectorAll('.dock, .deck-bar'))
    if (bar.getClientRects().length) floor = Math.min(floor, bar.getBoundingClientRect().top);
  if (p.left < 0 || p.top < 0 || p.right > innerWidth + 0.5 || p.bottom > floor + 0.5)
    problems.push(`pad ${box(p)} not inside the screen above the bottom bar (top ${floor})`);
  return problems;
}"""


def boxes_overlap(a, b):
    return not (a["x"] + a["width"] <= b["x"] or b["x"] + b["width"] <= a["x"]
                or a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"])


@pytest.mark.parametrize("size", [*SIZES, PHONE], ids=size_id)
def test_an_officer_logs_in_by_tapping_the_pin_pad(app, live, screens, size):
    set_pin(app)
    screen = screens(size, touch=True, prefix="numpad")
    page = screen.page
    page.goto(live("/petugas/masuk"))
    pad = page.locator("[data-numpad-for=pin]")
    assert pad.is_visible()
    screen.shoot("pin-pad")
    assert not page.locator(".pin-form > button[type=submit]").is_visible()  # OK is Masuk
    for key in pad.locator("button").all():
        box = key.bounding_box()
        assert box["width"] >= 64 and box["height"] >= 64, (key.text_content(), box)
    # The whole pad is in view above the dock, without scrolling (on the kiosk's screens).
    if size != PHONE:
        dock_top = page.locator(".dock").bounding_box()["y"]
        box = pad.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= dock_top, (box, dock_top)

    # A wrong PIN, tapped: masked, refused, and the form is there to try again.
    tap_pin(page, "1357")
    pin = page.locator("#pin")
    assert pin.get_attribute("type") == "password"
    assert pin.input_value() == "1357"
    pad.locator('[data-pad="backspace"]').tap()
    assert pin.input_value() == "135"
    tap_pin(page, "799")
    assert page.evaluate("() => document.activeElement.id") == "pin"  # no key took the focus
    assert "135799" not in page.locator("body").inner_text()  # no digit echoed on screen
    with page.expect_navigation():
        pad.locator('[data-pad="ok"]').tap()
    assert "/petugas/masuk" in page.url
    assert "PIN salah" in page.locator(".officer-problem").text_content()
    screen.shoot("pin-pad-wrong")

    # The right PIN lets the officer in.
    tap_pin(page, PIN)
    with page.expect_navigation():
        pad.locator('[data-pad="ok"]').tap()
    assert "/petugas/masuk" not in page.url
    assert page.locator("form[action='/petugas/keluar']").count() == 1
    # The wrong PIN's page came with 401, which Chromium notes; nothing else went wrong.
    assert [e for e in screen.errors if "status of 401" not in e] == []


def test_the_pin_pad_shows_nothing_of_a_key_being_pressed(app, live, screens):
    set_pin(app, role="editor")
    screen = screens(SIZES[1], touch=True, prefix="numpad")
    page = screen.page
    page.goto(live("/petugas/masuk?peran=editor"))  # the editor's PIN has the same pad
    page.locator("[data-numpad-for=pin]").wait_for()
    assert page.locator("h1").inner_text() == "Penyunting isi"
    for key in ('[data-digit="5"]', '[data-digit="0"]', '[data-pad="backspace"]'):
        rest, held = pressed_look(page, f"[data-numpad-for=pin] {key}")
        assert held == rest, key
    assert page.evaluate("() => document.activeElement.id") == "pin"
    assert serious_violations(page) == []


def test_the_plain_pin_form_still_works_without_script(app, live, browser):
    set_pin(app)
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto(live("/petugas/masuk"))
        assert not page.locator("[data-numpad]").is_visible()
        submit_typed_pin(page)
        assert "/petugas/masuk" not in page.url
    finally:
        context.close()


def test_the_presenter_taps_counts_on_the_number_pad(app, live, screens):
    set_pin(app)
    screen = screens(SIZES[1], touch=True, prefix="numpad")
    page = screen.page
    log_in_by_pad(page, live("/petugas/presentasi"))
    page.wait_for_url(live("/petugas/presentasi"))
    numpad = page.locator(".numpad-floating")

    # Jumlah hadirin before starting: the pad opens at the box, and OK only fills it in.
    audience = page.locator('[data-session="imdes-desa"] input[name=hadirin]')
    assert audience.get_attribute("inputmode") == "none" or audience.evaluate(
        "(el) => el.inputMode") == "none"
    audience.tap()
    assert numpad.is_visible()
    assert not boxes_overlap(numpad.bounding_box(), audience.bounding_box())
    for digit in "25":
        numpad.locator(f'[data-digit="{digit}"]').tap()
    numpad.locator('[data-pad="ok"]').tap()
    assert not numpad.is_visible()
    assert audience.input_value() == "25"
    assert "/petugas/presentasi" in page.url  # OK did not start the session by itself
    with page.expect_navigation():
        page.locator('[data-session="imdes-desa"] button[type=submit]').tap()

    # Hands for the right answer, after the reveal: tapped in and recorded by OK.
    page.keyboard.press("End")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    slide = page.locator(".deck > .slide.is-current")
    hands = slide.locator("input[name=hands]")
    hands.tap()
    assert numpad.is_visible()
    box, field = numpad.bounding_box(), hands.bounding_box()
    assert not boxes_overlap(box, field)
    assert box["x"] >= 0 and box["y"] >= 0 and box["x"] + box["width"] <= 1024 \
        and box["y"] + box["height"] <= 768, box
    # Smaller on the projected deck, so the revealed answers stay in sight; still big keys.
    for key in numpad.locator("button").all():
        key_box = key.bounding_box()
        assert key_box["width"] >= 56 and key_box["height"] >= 48, key_box
    for digit in "102":
        numpad.locator(f'[data-digit="{digit}"]').tap()
    numpad.locator('[data-pad="backspace"]').tap()
    assert hands.input_value() == "10"
    screen.shoot("count-pad")
    numpad.locator('[data-pad="ok"]').tap()
    page.wait_for_function("() => document.querySelector("
                           "'.slide.is-current [data-hands-status]').textContent.includes('✓')")

    # Leaving: the panel's Jumlah hadirin, tapped inside the dialog; OK does not leave.
    page.keyboard.press("Escape")
    panel = page.locator("[data-end-panel]")
    assert panel.is_visible()
    end_audience = panel.locator("input[name=hadirin]")
    end_audience.tap()
    assert panel.locator(".numpad-floating").is_visible()  # inside the modal dialog
    numpad.locator('[data-pad="backspace"]').tap()
    numpad.locator('[data-pad="backspace"]').tap()
    for digit in "30":
        numpad.locator(f'[data-digit="{digit}"]').tap()
    numpad.locator('[data-pad="ok"]').tap()
    assert panel.is_visible() and end_audience.input_value() == "30"
    with page.expect_navigation():
        panel.locator("button[type=submit]").tap()
    assert screen.errors == []
    assert stats_rows(app, "SELECT audience FROM presenter_session") == [(30,)]
    assert stats_rows(app, "SELECT hands FROM quiz_group_answer") == [(10,)]


def test_the_count_pad_does_light_up_its_keys(app, live, screens):
    # The pressed_look check above could not fail if no key ever lit up: the counts' pad,
    # which nobody needs to keep secret, shows a key being pressed.
    set_pin(app)
    screen = screens(SIZES[1], touch=True, prefix="numpad")
    page = screen.page
    log_in_by_pad(page, live("/petugas/presentasi"))
    page.locator('[data-session="imdes-desa"] input[name=hadirin]').tap()
    rest, held = pressed_look(page, '.numpad-floating [data-digit="5"]')
    assert held != rest


# Counts the tries the page really sends: a submit no script held back.
COUNT_TRIES = """() => { window.triesSent = 0; document.addEventListener('submit', (event) => {
  if (!event.defaultPrevented) window.triesSent += 1; }); }"""


@pytest.fixture
def waiting(site, clock, serve):
    """A kiosk whose officer PIN must wait 4 s: one free try, then three wrong PINs in a row
    (waits of 1, 2, then 4 s), taken on the kiosk's own clock."""
    app = kiosk_app(site, clock=clock, OFFICER_FREE_TRIES=1)
    set_pin(app)
    guard = app.extensions["officer.guard"]
    for _ in range(3):
        clock.advance(guard.wait_for("officer"))
        assert guard.begin("officer")
    assert guard.wait_for("officer") == 4
    return app, serve(app)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_pin_wait_counts_down_and_holds_ok_until_it_is_over(waiting, clock, screens, size):
    app, live = waiting
    screen = screens(size, prefix="numpad")
    screen.stop_clock()  # the page's seconds pass only when the test says so
    page = screen.page
    page.goto(live("/petugas/masuk"))
    message = page.locator("#pin-problem")
    ok = page.locator("[data-numpad-for=pin] [data-pad=ok]")
    masuk = page.locator(".pin-form > button[type=submit]")
    expect(message).to_have_text("PIN salah terlalu sering. Tunggu 4 detik, lalu coba lagi.")
    expect(ok).to_be_disabled()
    expect(masuk).to_be_disabled()
    screen.shoot("pin-wait")

    # The PIN can be tapped in meanwhile; neither OK nor Enter sends it.
    page.evaluate(COUNT_TRIES)
    tap_pin(page, PIN)
    ok.tap(force=True)  # a finger on the greyed key
    page.locator("#pin").press("Enter")
    assert page.evaluate("() => window.triesSent") == 0

    screen.pass_time(1)
    expect(message).to_have_text("PIN salah terlalu sering. Tunggu 3 detik, lalu coba lagi.")
    screen.pass_time(2)
    expect(message).to_have_text("PIN salah terlalu sering. Tunggu 1 detik, lalu coba lagi.")
    expect(ok).to_be_disabled()
    screen.pass_time(1)
    expect(message).to_have_text("Waktu tunggu sudah habis. Sekarang Anda boleh mencoba lagi.")
    expect(ok).to_be_enabled()
    screen.shoot("pin-wait-over")

    clock.advance(4)  # the kiosk's own clock: its wait is over too
    with page.expect_navigation():
        ok.tap()
    assert "/petugas/masuk" not in page.url
    assert page.locator("form[action='/petugas/keluar']").count() == 1
    assert screen.errors == []


def test_without_script_the_wait_is_the_servers(waiting, clock, browser):
    app, live = waiting
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1024, "height": 768})
    try:
        page = context.new_page()
        page.goto(live("/petugas/masuk"))
        assert "Tunggu 4 detik" in page.locator("#pin-problem").inner_text()
        submit_typed_pin(page)  # not held back
        assert "/petugas/masuk" in page.url  # refused: the wait is not over
        assert "Tunggu 4 detik" in page.locator("#pin-problem").inner_text()
        clock.advance(4)
        submit_typed_pin(page)
        assert "/petugas/masuk" not in page.url
    finally:
        context.close()


def test_the_pin_wait_counts_down_in_english_with_its_plural(waiting, screens):
    app, live = waiting
    screen = screens(SIZES[1], prefix="numpad")
    screen.stop_clock()
    page = screen.page
    page.goto(live("/petugas/masuk?lang=en"))
    message = page.locator("#pin-problem")
    expect(message).to_have_text("Too many wrong PINs. Wait 4 seconds, then try again.")
    screen.pass_time(3)
    expect(message).to_have_text("Too many wrong PINs. Wait 1 second, then try again.")
    screen.pass_time(1)
    expect(message).to_have_text("The wait is over. You may try again now.")
    expect(page.locator("#pin")).not_to_have_attribute("aria-invalid", "true")


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_count_pad_leaves_its_box_and_label_in_sight(app, live, screens, size):
    """Every count box of a presentation, at both kiosk sizes: the pad opens clear of the box
    and its label ("Tangan untuk jawaban yang benar"), on the screen, above the bar."""
    set_pin(app)
    screen = screens(size, prefix="numpad")
    page = screen.page
    problems = []

    def tap_box(where, selector, close=lambda: page.locator(".numpad-close").tap()):
        page.locator(selector).tap()
        page.wait_for_selector(".numpad-floating:not([hidden])")
        problems.extend(f"{where}: {line}" for line in page.evaluate(PAD_CLEAR))
        screen.shoot(f"count-pad-{where}")
        close()
        page.wait_for_selector(".numpad-floating", state="hidden")

    log_in_by_pad(page, live("/petugas/presentasi"))
    tap_box("sessions", '[data-session="imdes-desa"] input[name=hadirin]')
    with page.expect_navigation():
        page.locator('[data-session="imdes-desa"] button[type=submit]').tap()
    deck = page.url.split("#")[0]
    page.keyboard.press("End")  # the last question, revealed
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    tap_box("slide-hands", ".deck > .slide.is-current input[name=hands]")
    page.keyboard.press("Escape")  # the panel for leaving, with its Jumlah hadirin
    page.wait_for_selector("[data-end-panel][open]")
    tap_box("end-panel", "[data-end-panel] input[name=hadirin]",
            close=lambda: page.keyboard.press("Escape"))
    # Esc closed only the pad: the panel is still open, the presentation not left.
    assert page.locator("[data-end-panel][open]").count() == 1
    page.locator("[data-end-panel] [data-action=resume]").tap()

    # The officer's own screen: the room's counts under the slides and notes.
    page.goto(deck + "/pembicara")
    page.wait_for_selector(".view-room")
    page.keyboard.press("End")
    page.keyboard.press("PageUp")
    page.keyboard.press("PageUp")
    page.wait_for_selector("[data-room-hands]:not([hidden])")
    tap_box("view-hands", "#tangan")
    tap_box("view-audience", "#hadirin")
    assert problems == [], "\n".join(problems)
    assert screen.errors == []
