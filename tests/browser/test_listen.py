"""Dengarkan in a real Chromium, with clips eSpeak NG built for the test's content: a tap reads
the lesson from the part on screen and the mark follows the voice sentence by sentence; a quiz
question is read, then its options in the order shown; the idle reset stops the reading, which
itself keeps the kiosk from asking "Masih di sini?". Nothing plays before a tap.

Conditions are waited for (the voice takes the time it takes); nothing is timed here: the time
from tap to first sound is measured by bench/listen_bench.py."""

import pytest
from conftest import CATEGORIES, lesson_text, write
from quiz_samples import CHECKER, QUIZ

from browser.conftest import CALO, SIZES, kiosk_app
from kiosk.audio import clips, engine

pytestmark = pytest.mark.browser

IDLE, COUNTDOWN = 3, 2  # seconds, passed on the page's stopped clock

# What the page marks now: the text of the highlighted range, and the block it is in.
MARKED = """() => {
  const found = CSS.highlights.get('dengar');
  const range = found && [...found][0];
  if (!range) return null;
  const block = range.startContainer.parentElement.closest('[data-baca]');
  return {text: range.toString(), block: block && block.dataset.baca};
}"""
PLAYING = """() => { const a = document.querySelector('audio[data-dengar-audio]');
  return !!a && !a.paused && a.currentTime > 0; }"""


@pytest.fixture(scope="module")
def spoken_site(tmp_path_factory):
    """The lesson 'calo' (as the other browser tests know it), its quiz and the checker, with
    every clip built once for this module by `kiosk audio build`."""
    site = tmp_path_factory.mktemp("spoken")
    content = site / "content"
    write(content / "categories.yaml", CATEGORIES)
    write(content / "id" / "calo.md", lesson_text("Calo", tags="[calo, paspor]", body=CALO))
    write(content / "id" / "jalur-resmi.md", lesson_text("Jalur resmi", "jalur", "[resmi]"))
    write(site / "quizzes" / "calo.yaml", QUIZ.replace("lessons: [visa-ziarah]",
                                                      "lessons: [calo]"))
    write(site / "quizzes" / "cek-tawaran.yaml", CHECKER)
    done = kiosk_app(site, SPEECH=True).test_cli_runner().invoke(args=["audio", "build"])
    assert done.exit_code == 0, done.output
    return site


def marked(page):
    return page.evaluate(MARKED)


def wait_marked(page, condition):
    """Wait until the mark satisfies ``condition`` (JS, given the MARKED value as m)."""
    page.wait_for_function(f"() => {{ const m = ({MARKED})(); return !!m && ({condition}); }}",
                           timeout=20_000)
    return marked(page)


def test_a_tap_reads_the_lesson_and_the_mark_follows_the_voice(spoken_site, serve, screens):
    live = serve(kiosk_app(spoken_site, SPEECH=True))
    screen = screens(SIZES[1])
    page = screen.page
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(live("/pelajaran/calo"))
    button = page.locator("button[data-dengar]")
    assert button.inner_text().strip() == "Dengarkan"
    assert button.get_attribute("aria-pressed") == "false"
    # Nothing is fetched or plays before the tap: no player, no playlist, no audio element.
    page.wait_for_load_state("load")
    assert not [url for url in asked if "/dengar/" in url or "js/listen.js" in url]
    assert page.evaluate("() => document.querySelector('audio') === null")

    button.tap()
    page.wait_for_function(PLAYING, timeout=20_000)
    assert button.get_attribute("aria-pressed") == "true"
    assert button.inner_text().strip() == "Jeda"
    # From the top: the title first; then, sentence by sentence, the first paragraph.
    assert wait_marked(page, "m.block === 'judul'")["text"] == "Calo"
    first = wait_marked(page, "m.text.startsWith('Calo bisa saja')")
    assert first["text"] == "Calo bisa saja orang yang kita kenal."
    block = first["block"]
    second = wait_marked(page, "m.text.startsWith('Ia ramah')")
    assert second == {"text": "Ia ramah, tetapi tidak punya izin.", "block": block}
    screen.shoot("listen-lesson")

    button.tap()  # Jeda
    assert button.inner_text().strip() == "Lanjutkan"
    assert button.get_attribute("aria-pressed") == "false"
    page.wait_for_function("() => document.querySelector('audio[data-dengar-audio]').paused")
    held = page.evaluate("() => document.querySelector('audio[data-dengar-audio]').currentTime")
    button.tap()  # Lanjutkan: on from where it was, not from the start
    page.wait_for_function(f"() => document.querySelector('audio[data-dengar-audio]')"
                           f".currentTime > {held}")
    assert button.inner_text().strip() == "Jeda"
    # The player came with the first tap, and each tap on Dengarkan asked for one playlist.
    assert len([url for url in asked if "/dengar/lesson.json" in url]) == 1

    # Another language: the voice stops at the tap, before the page is left. What the page
    # was doing just after the tap is kept where the next page can read it.
    page.evaluate("""() => document.addEventListener('click', (event) => {
      if (!event.target.closest('a.lang')) return;
      const a = document.querySelector('audio[data-dengar-audio]');
      const b = document.querySelector('button[data-dengar]');
      sessionStorage.setItem('afterTap', JSON.stringify([b.dataset.state, a.paused]));
    })""")
    page.locator("a.lang[lang='en']").tap()
    page.wait_for_url(live("/pelajaran/calo?lang=en"))
    assert page.evaluate("() => sessionStorage.getItem('afterTap')") == '["idle",true]'
    assert screen.errors == []


def test_a_quiz_question_is_read_then_each_option_in_the_order_shown(spoken_site, serve,
                                                                      screens):
    live = serve(kiosk_app(spoken_site, SPEECH=True))
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/kuis/calo"))
    shown = page.evaluate("() => [...document.querySelectorAll('main [data-baca]')]"
                          ".map((el) => el.dataset.baca)")
    assert shown[0] in ("soal", "cerita") and shown[-1].startswith("pilihan-")
    # Every block the voice marks, in the order it marks them.
    page.evaluate("""() => {
      window.seen = [];
      document.addEventListener('timeupdate', () => {
        const found = CSS.highlights.get('dengar');
        const range = found && [...found][0];
        const block = range && range.startContainer.parentElement.closest('[data-baca]');
        const id = block && block.dataset.baca;
        if (id && window.seen[window.seen.length - 1] !== id) window.seen.push(id);
      }, true);
    }""")
    page.locator("button[data-dengar]").tap()
    last = shown[-1]
    wait_marked(page, f"m.block === {last!r}")
    screen.shoot("listen-quiz")
    seen = page.evaluate("() => window.seen")
    assert seen == shown
    page.wait_for_function("() => document.querySelector('button[data-dengar]')"
                           ".dataset.state === 'idle'", timeout=20_000)
    assert marked(page) is None  # read to its end: nothing is left marked
    assert screen.errors == []


def test_reading_keeps_the_visit_and_the_idle_reset_stops_it(spoken_site, serve, screens):
    live = serve(kiosk_app(spoken_site, SPEECH=True, IDLE_SECONDS=IDLE,
                           IDLE_COUNTDOWN_SECONDS=COUNTDOWN))
    screen = screens(SIZES[1])
    screen.stop_clock()
    page = screen.page
    page.goto(live("/pelajaran/calo"))
    page.wait_for_load_state("load")
    button = page.locator("button[data-dengar]")
    dialog = page.locator("dialog[data-idle]")
    button.tap()
    page.wait_for_function(PLAYING, timeout=20_000)
    # Someone listening touches nothing: while it reads, the kiosk does not ask.
    screen.pass_time(IDLE + COUNTDOWN + 1)
    assert not dialog.is_visible()
    assert page.evaluate("() => !document.querySelector('audio[data-dengar-audio]').paused")

    # Paused and left alone, the visit ends; the reset stops the reading before the attract
    # screen comes (held back here until the reading is seen stopped).
    button.tap()
    held = []
    page.route("**/selesai", lambda route: held.append(route))
    screen.pass_time(IDLE)
    assert dialog.is_visible()
    screen.pass_time(COUNTDOWN)
    page.wait_for_function("() => document.querySelector('button[data-dengar]')"
                           ".dataset.state === 'idle'")
    assert button.inner_text().strip() == "Dengarkan"
    assert marked(page) is None
    assert page.evaluate("() => { const a = document.querySelector('audio[data-dengar-audio]');"
                         " return a.paused && !a.getAttribute('src'); }")
    for _ in range(1000):  # the route hears of the request with the next call to the page
        if held:
            break
        page.evaluate("() => 0")
    held[0].continue_()
    page.wait_for_url(live("/mulai"))
    assert screen.errors == []


def test_without_the_voice_a_recorded_section_plays_and_the_rest_is_said_to_wait(
        tmp_path, serve, screens):
    # No eSpeak NG on this kiosk, one section recorded by an officer: the button plays the
    # recording, and says calmly that the rest is not ready, instead of going silent.
    content = tmp_path / "content"
    write(content / "categories.yaml", CATEGORIES)
    write(content / "id" / "calo.md", lesson_text("Calo", tags="[calo, paspor]", body=CALO))
    write(content / "id" / "jalur-resmi.md", lesson_text("Jalur resmi", "jalur", "[resmi]"))
    samples, _ = clips.say(engine.load(), "id", ["Waspada jika keluarga diberi uang."])
    folder = content / "audio" / "id"
    folder.mkdir(parents=True)
    (folder / "calo#tanda-tanda-calo.ogg").write_bytes(clips.encode(samples))
    live = serve(kiosk_app(tmp_path, SPEECH=True, SPEECH_LIBRARY="/tidak/ada/libespeak.so"))
    screen = screens(SIZES[0])
    page = screen.page
    page.goto(live("/pelajaran/calo"))
    page.locator("button[data-dengar]").tap()
    page.wait_for_function(PLAYING, timeout=20_000)
    screen.shoot("listen-some-waiting")
    assert "/dengar/rekaman/id/calo" in page.evaluate(
        "() => document.querySelector('audio[data-dengar-audio]').src")
    assert page.locator("[data-listen-message]").inner_text() == (
        "Sebagian suara masih disiapkan. Yang sudah siap dibacakan sekarang.")
    assert screen.errors == []
