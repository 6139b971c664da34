"""Every screen fits the kiosk's landscape screen and works by finger alone, measured in a real
Chromium at 1366x768 and 1024x768 with touch, on the content the kiosk ships with (its real
text lengths are what must fit):

- the screen's primary actions (and a question's every option) lie wholly inside the viewport,
  above the dock or the on-screen keyboard, without scrolling;
- no interactive element is smaller than 48x48 px;
- no villager text is smaller than 18 px (the officer's report may use 16 px);
- nothing overflows horizontally;
- a tap on an overlay (the idle question, a glossary meaning, the keyboard) changes nothing
  beneath it.

The officer's report and the editor's pages are measured whole, down to their end, in a test
of their own; the count pad opens clear of its box and the box's label.

One page per size walks every screen; each screen is measured in one page.evaluate. A failure
names the screen, the element and its measured box. Screenshots land in tests/artifacts/
(git-ignored) as layout-<screen>-<size>.png.
"""

from pathlib import Path

import pytest
import yaml
from conftest import PIN_COST
from playwright.sync_api import Error as PlaywrightError

from browser.conftest import PIN, SIZES, LiveKiosk, set_pin, size_id
from browser.test_numpad import PAD_CLEAR
from kiosk import create_app
from kiosk.stats.privacy import QUERY_MIN_COUNT

pytestmark = pytest.mark.browser

VILLAGER_TEXT, OFFICER_TEXT, TARGET = 18, 16, 48

# Measures the page as it is now and returns its problems, one line each.
MEASURE = """(spec) => {
  const problems = [];
  const vw = document.documentElement.clientWidth, vh = window.innerHeight;
  const box = (r) => `[x=${Math.round(r.left)} y=${Math.round(r.top)} `
    + `w=${Math.round(r.width)} h=${Math.round(r.height)}]`;
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    if (typeof el.className === 'string' && el.className.trim())
      s += '.' + el.className.trim().split(/\\s+/).join('.');
    const text = (el.innerText || el.value || el.getAttribute('aria-label')
                  || (el instanceof SVGElement ? el.textContent : '') || '')
      .trim().replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  const shown = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const st = getComputedStyle(e);
      if (st.display === 'none' || st.visibility === 'hidden' || Number(st.opacity) === 0)
        return false;
      if (st.clipPath === 'inset(50%)' || st.clip === 'rect(0px, 0px, 0px, 0px)') return false;
    }
    const r = el.getBoundingClientRect();
    return r.width > 2 && r.height > 2 && r.right > 0 && r.left < vw;
  };
  // topOnly: only what the first screen shows (the walk's look at the report's top; the
  // whole report is measured by test_the_officer_report_and_the_editor_work_by_finger...).
  const inView = (el) => !spec.topOnly || el.getBoundingClientRect().top < vh;
  // The bottom bar: the on-screen keyboard while it is open, else the dock.
  let floor = vh;
  for (const sel of ['.osk:not([hidden])', '.dock', '.deck-bar']) {
    const bar = document.querySelector(sel);
    if (bar && shown(bar)) { floor = Math.min(floor, bar.getBoundingClientRect().top); break; }
  }
  for (const wanted of spec.primary) {
    // "all:<selector>": every match (a question's options); else the first match.
    const every = wanted.startsWith('all:'), sel = every ? wanted.slice(4) : wanted;
    let found = [...document.querySelectorAll(sel)].filter(shown);
    if (!found.length) { problems.push(`no visible ${sel}`); continue; }
    if (!every) found = found.slice(0, 1);
    for (const el of found) {
      const r = el.getBoundingClientRect();
      const bar = el.closest('.osk, .dock, .deck-bar');  // on the bar: only in the viewport
      const bottom = bar ? vh : floor;
      if (r.top < 0 || r.left < 0 || r.right > vw + 0.5 || r.bottom > bottom + 0.5)
        problems.push(`not in view above the bottom bar (top ${Math.round(floor)}): `
                      + `${name(el)} ${box(r)}`);
    }
  }
  const targets = 'a[href], button, input:not([type=hidden]), select, textarea, summary, '
    + 'label.answer, [role=button]';
  for (const el of document.querySelectorAll(targets)) {
    if (!shown(el) || !inView(el)) continue;
    // A visually hidden checkbox inside its big label: the label is what a finger touches.
    if (el.matches('input[type=checkbox], input[type=radio]') && el.closest('label')) continue;
    const r = el.getBoundingClientRect();
    if (r.width < spec.target - 0.5 || r.height < spec.target - 0.5)
      problems.push(`target under ${spec.target}x${spec.target}: ${name(el)} ${box(r)}`);
  }
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || seen.has(el) || !node.textContent.trim()) continue;
    seen.add(el);
    if (el.closest('script, style, template, noscript, title') || !shown(el) || !inView(el))
      continue;
    // Text in a scaled SVG (a chart) is drawn at its font size times the drawing's scale:
    // it must be large enough both as styled and as drawn.
    const styled = parseFloat(getComputedStyle(el).fontSize);
    const matrix = el instanceof SVGGraphicsElement ? el.getScreenCTM() : null;
    const size = matrix ? Math.min(styled, styled * Math.hypot(matrix.a, matrix.b)) : styled;
    if (size < spec.text - 0.05)
      problems.push(`text ${Math.round(size * 10) / 10}px under ${spec.text}px: ${name(el)} `
                    + `${box(el.getBoundingClientRect())}`);
  }
  const wide = document.documentElement.scrollWidth;
  if (wide > vw) {
    const over = [...document.body.querySelectorAll('*')].filter(
      (el) => shown(el) && el.getBoundingClientRect().right > vw + 0.5);
    const first = over.length ? over[over.length - 1] : document.body;
    problems.push(`overflows horizontally (${wide}px in ${vw}px): ${name(first)} `
                  + `${box(first.getBoundingClientRect())}`);
  }
  return problems;
}"""

# Where to tap so the finger lands on an element beneath an overlay (see overlay_swallows).
TAP_POINT = """(a) => {
  const vw = innerWidth, vh = innerHeight;
  const osk = document.querySelector('.osk:not([hidden])');
  const floor = osk ? osk.getBoundingClientRect().top : vh;
  const on = a.on ? document.querySelector(a.on).getBoundingClientRect() : null;
  const out = a.outside ? document.querySelector(a.outside).getBoundingClientRect() : null;
  for (const el of document.querySelectorAll(a.beneath)) {
    if (a.skip && el.closest(a.skip)) continue;
    const r = el.getBoundingClientRect();
    // below: only what lies under the overlay's box (it moves up as the overlay closes).
    if (a.below && r.top < out.bottom) continue;
    let l = Math.max(r.left, 0), t = Math.max(r.top, 0);
    let right = Math.min(r.right, vw), b = Math.min(r.bottom, floor);
    if (on) {
      l = Math.max(l, on.left); t = Math.max(t, on.top);
      right = Math.min(right, on.right); b = Math.min(b, on.bottom);
    }
    // Outside the overlay: the element's part left, right, above or below it.
    const parts = !out ? [[l, t, right, b]] : [
      [l, t, Math.min(right, out.left), b], [Math.max(l, out.right), t, right, b],
      [l, t, right, Math.min(b, out.top)], [l, Math.max(t, out.bottom), right, b]];
    const part = parts.find(([pl, pt, pr, pb]) => pr - pl >= 8 && pb - pt >= 8);
    if (!part) continue;
    return {x: (part[0] + part[2]) / 2, y: (part[1] + part[3]) / 2,
            what: el.tagName.toLowerCase() + '.' + el.className + ' "'
                  + el.innerText.trim().slice(0, 30) + '"'};
  }
  return null;
}"""

# The projector's current slide and step: is anything cut, does a control label wrap?
SLIDE_FITS = """() => {
  const slide = document.querySelector('.deck > .slide.is-current');
  const inner = slide.querySelector('.slide-inner');
  const at = `slide ${Number(slide.dataset.index) + 1} step ${slide.dataset.step || 0}`;
  const problems = [];
  if (inner.scrollHeight > inner.clientHeight + 1)
    problems.push(`cut: ${inner.scrollHeight}px of content in ${inner.clientHeight}px`);
  const bar = document.querySelector('.deck-bar').getBoundingClientRect();
  const r = inner.getBoundingClientRect();
  if (r.bottom > bar.top + 0.5) problems.push(`under the control bar: bottom ${r.bottom}`);
  // A word of the control bar on more than one line (the visually hidden ones aside).
  const walker = document.createTreeWalker(document.querySelector('.deck-bar'),
                                           NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim() || node.parentElement.closest('.visually-hidden')) continue;
    const st = getComputedStyle(node.parentElement);
    if (st.clipPath === 'inset(50%)' || node.parentElement.closest('[hidden]')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const lines = new Set([...range.getClientRects()].map((b) => Math.round(b.top)));
    if (lines.size > 1)
      problems.push(`control label wraps: "${node.textContent.trim()}" on ${lines.size} lines`);
  }
  const slides = document.querySelectorAll('.deck > .slide').length;
  const last = Number(slide.dataset.index) === slides - 1
    && Number(slide.dataset.step || 0) >= Number(slide.dataset.steps || 0);
  return {at, problems, last};
}"""

# Tapped on an overlay: what the page beneath would show if the tap had gone through.
STATE = """() => ({url: location.href, scroll: Math.round(scrollY),
  checked: [...document.querySelectorAll('input:checked')].length,
  focus: document.activeElement ? document.activeElement.outerHTML.slice(0, 60) : ''})"""


@pytest.fixture(scope="module")
def shipped(tmp_path_factory):
    """The kiosk on the content and quizzes it ships with, served once for this module, with
    an officer PIN; its search index is ready and its watcher runs, as under `kiosk run`."""
    data = tmp_path_factory.mktemp("layout")
    app = create_app({"TESTING": True, "DATA_DIR": str(data), "OFFICER_PIN_COST": PIN_COST,
                      "KIOSK_NAME": "Desa Sukamaju",
                      "OFFICE_NAME": "Kantor Imigrasi Kelas I Yogyakarta",
                      "OFFICE_ADDRESS": "Jl. Solo Km 10, Yogyakarta",
                      "OFFICE_PHONE": "(0274) 484-370"})
    set_pin(app)
    app.extensions["search"].start()
    assert app.extensions["search"].wait(timeout=60)
    watcher = app.extensions["watcher"].start()
    live = LiveKiosk(app).start()
    yield app, live
    live.stop()
    watcher.stop()


class Walk:
    """One page at one size, walking screen after screen and noting every problem."""

    def __init__(self, screen, live):
        self.screen, self.page, self.live = screen, screen.page, live
        self.problems = []
        self.page.set_default_timeout(15_000)

    def go(self, path, ready):
        self.page.goto(self.live(path))
        self.page.wait_for_selector(ready)

    def tap(self, selector, ready=None):
        """Tap and, when ``ready`` is given, wait for the next page to show it."""
        if ready:
            with self.page.expect_navigation():
                self.page.locator(selector).first.tap()
            self.page.wait_for_selector(ready)
        else:
            self.page.locator(selector).first.tap()

    def check(self, screen, primary, officer=False, top_only=False):
        """Measure the screen as it is now (only its top, in view, with ``top_only``); save
        its screenshot. ``primary``: selectors of what must be in view; the first match of
        each, or every match for 'all:<selector>'."""
        spec = {"primary": list(primary), "target": TARGET, "topOnly": top_only,
                "text": OFFICER_TEXT if officer else VILLAGER_TEXT}
        found = self.page.evaluate(MEASURE, spec)
        self.problems += [f"{screen}: {line}" for line in found]
        self.screen.shoot(screen)

    def overlay_swallows(self, screen, beneath, on=None, outside=None, skip=None,
                         below=False):
        """A tap that dismisses an overlay presses nothing beneath it: same address, nothing
        ticked, nothing sent. The tap lands on the first element matching ``beneath`` that is
        in view (and not inside ``skip``): inside the box of ``on`` (a button of the overlay),
        or outside the box of ``outside`` (the overlay itself, so the tap is on its backdrop
        or next to it); with ``below``, only an element under that box (which moves up as
        the overlay closes)."""
        point = self.page.evaluate(TAP_POINT, {"beneath": beneath, "on": on, "below": below,
                                               "outside": outside, "skip": skip})
        if point is None:
            self.problems.append(f"{screen}: nothing of {beneath} in view to tap")
            return
        before = self.page.evaluate(STATE)
        requests = []

        def sent(request):
            requests.append(request)

        self.page.on("request", sent)
        self.page.touchscreen.tap(point["x"], point["y"])
        # Let any click the tap would cause arrive (two frames), then compare.
        try:
            self.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => "
                               "requestAnimationFrame(() => done())))")
            after = self.page.evaluate(STATE)
        except PlaywrightError:  # the tap went through and the page is leaving
            after = {"url": "(left the page)", "checked": None}
            self.page.wait_for_load_state()
        self.page.remove_listener("request", sent)
        where = f"{point['what']} at ({point['x']:.0f}, {point['y']:.0f})"
        if before["url"] != after["url"] or before["checked"] != after["checked"]:
            self.problems.append(f"{screen}: a tap on the overlay reached {where}: "
                                 f"{before} -> {after}")
        went = [r.url for r in requests if r.resource_type in ("document", "fetch", "xhr")
                and "/beacon" not in r.url]
        if went:
            self.problems.append(f"{screen}: a tap on the overlay over {where} sent {went}")


def answer_quiz(walk, slug, size):
    """Every question of the quiz ``slug`` and its feedback (answered wrong where it can be:
    the longest feedback), then the result."""
    page = walk.page
    walk.go(f"/kuis/{slug}", ".quiz-form")
    number = 0
    while page.locator(".quiz-form").count():
        number += 1
        if page.locator("input[type=checkbox]").count():
            kind = "multiple"
        elif page.locator(".answers-truefalse").count():
            kind = "truefalse"
        elif page.locator(".quiz-story").count():
            kind = "scenario"
        else:
            kind = "single"
        submit = ["button.quiz-submit"] if kind == "multiple" else []
        walk.check(f"quiz-{kind}", [".quiz-text", "all:.answer", *submit])
        if kind == "multiple":
            for label in page.locator("label.answer").all():
                label.tap()
            walk.tap("button.quiz-submit", ".verdict")
        else:
            walk.tap("button.answer", ".verdict")
        walk.check(f"quiz-{kind}-feedback", [".verdict", ".quiz-actions .button-primary"])
        walk.tap(".quiz-actions .button-primary", "main")
    page.wait_for_selector("[data-score]")
    walk.check("quiz-result", [".score", "all:.quiz-actions .button"])


def walk_checker(walk, app):
    """The checker's question and a result of each level: every answer the safe way
    (belum-terlihat), every answer 'Tidak tahu' (hati-hati), every answer the risky way
    (bahaya). Questions that depend on earlier answers are answered as they come."""
    checker = app.extensions["quizzes"].checker
    page = walk.page
    ways = {
        "belum-terlihat": lambda sign: "tidak" if sign.flag == "ya" else "ya",
        "hati-hati": lambda sign: "tidak-tahu",
        "bahaya": lambda sign: sign.flag,
    }
    for level, way in ways.items():
        walk.go("/cek-tawaran", ".checker-intro")
        if level == "belum-terlihat":
            walk.check("checker-intro", [".checker-intro .button-primary"])
        walk.tap(".checker-intro button[type=submit]", ".checker-question")
        for number in range(len(checker.signs)):
            if not page.locator(".checker-question").count():
                break
            if level == "belum-terlihat" and number == 0:
                walk.check("checker-question", [".quiz-text", "all:.answer"])
            sign = checker.sign(page.get_attribute(".checker-question", "data-question"))
            walk.tap(f"button.answer[value='{way(sign)}']", "main")
        risk = page.get_attribute("[data-risk]", "data-risk")
        if risk != level:
            walk.problems.append(f"checker: answering for {level} gave {risk}")
        # Bahaya: whom to call comes first, in view with the verdict.
        call = [".checker-report-first .button", "all:.checker-report-first .number-card"]
        walk.check(f"checker-result-{level}", [".checker-verdict .risk-badge",
                                               ".checker-verdict h1", "all:.quiz-actions .button",
                                               *(call if level == "bahaya" else [])])


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_every_screen_fits_and_works_by_finger(shipped, screens, size):
    app, live = shipped
    screen = screens(size, prefix="layout")
    walk = Walk(screen, live)
    page = walk.page

    walk.go("/mulai", ".attract-slide.is-current")
    walk.check("attract", [".attract-button"])
    walk.tap(".attract-button", ".tiles")
    walk.check("home", ["all:.tile", "all:.home-action", ".search-input"])
    # The keyboard over the home screen: a topic in sight above it opens in one tap (the page
    # does not move as the keyboard closes, so the finger lands where the villager aimed).
    walk.tap(".search-input")
    page.wait_for_selector(".osk:not([hidden])")
    point = page.evaluate(TAP_POINT, {"beneath": ".tile", "skip": ".osk, form"})
    href = page.locator(".tile").first.get_attribute("href")
    with page.expect_navigation():
        page.touchscreen.tap(point["x"], point["y"])
    if not page.url.endswith(href):
        walk.problems.append(f"home-keyboard: a tap on {point['what']} went to {page.url}")
    walk.go("/", ".tiles")

    walk.tap(".tile", ".lesson-list")
    walk.check("category", [".page-head h1", ".lesson-card"])

    # A long lesson: its top, then "Lanjut" until its end actions are in view.
    walk.go("/pelajaran/calo-sponsor-ilegal", "article.lesson")
    walk.check("lesson-top", [".lesson-head h1", ".read-on"])
    for _ in range(40):
        if not page.locator(".read-on").is_visible():
            break
        walk.tap(".read-on")
    walk.check("lesson-end", [".quiz-invite .button", ".pager-next"])

    # The glossary: a meaning open; a tap on what lies below it (and moves up as it closes)
    # only closes it. (The dock, which never moves, is pressed: test_glossary.py.)
    walk.go("/pelajaran/minta-tolong-di-luar-negeri", "button.term")
    walk.tap("button.term")
    page.wait_for_selector(".term-meaning:not([hidden])")
    walk.check("glossary", [".term-meaning:not([hidden])"])
    walk.overlay_swallows("glossary", "main a[href], main button:not(.term)",
                          outside=".term-meaning:not([hidden])", below=True)
    if page.locator(".term-meaning:not([hidden])").count():
        walk.problems.append("glossary: a tap elsewhere left the meaning open")

    # Search: the one Cari opens /cari with the keyboard ready; then results.
    walk.go("/kategori/jalur-resmi", ".lesson-list")
    walk.tap(".topbar-search", ".search-form")
    page.wait_for_selector(".osk:not([hidden])")
    walk.check("search-keyboard", [".search-input", ".osk-enter"])
    for key in "pasport":  # a typo: "Maksud Anda: paspor" while typing
        page.locator(f".osk [data-key='{key}']").tap()
    page.wait_for_selector(".search-correction a")
    walk.check("search-typing", [".search-input", ".search-clear", ".search-correction a",
                                 ".osk-enter"])
    walk.tap(".search-button", ".search-results")
    walk.check("search-results", [".search-count", ".search-results .lesson-card"])
    walk.go("/cari?q=pasport", ".search-form")
    walk.check("search-did-you-mean", [".search-hint a"])

    answer_quiz(walk, "jeratan-utang-paspor-ditahan", size)
    walk_checker(walk, app)

    walk.go("/lapor", ".numbers")
    walk.check("report", [".page-head h1", ".numbers .number-card"])
    walk.go("/tentang", ".prose")
    walk.check("about", [".page-head h1"])

    # The idle question: "Ya, lanjutkan" answers it and presses nothing beneath (on the home
    # screen a topic lies under it); a tap on its backdrop beside a quiz's answer neither.
    walk.go("/", ".tiles")
    page.evaluate("() => document.querySelector('dialog[data-idle]').showModal()")
    walk.check("idle", [".idle-continue"])
    walk.overlay_swallows("idle", ".tile, .home-action", on=".idle-continue")
    if page.locator("dialog[data-idle][open]").count():
        walk.problems.append("idle: 'Ya, lanjutkan' left the question open")
    walk.go("/kuis/jeratan-utang-paspor-ditahan", ".quiz-form")
    page.evaluate("() => document.querySelector('dialog[data-idle]').showModal()")
    walk.overlay_swallows("idle-backdrop", ".answer", outside="dialog[data-idle]")
    if page.locator("dialog[data-idle][open]").count():
        walk.problems.append("idle-backdrop: a tap on the backdrop left the question open")

    # The officer: the PIN form, the report, a presentation's question after its reveal.
    walk.go("/petugas", "#pin")
    page.wait_for_selector("[data-numpad]:not([hidden])")
    walk.check("officer-login", ["#pin", "all:.numpad-key"], officer=True)
    for digit in PIN:  # by finger, on the PIN pad
        page.locator(f".numpad-key[data-digit='{digit}']").tap()
    walk.tap(".numpad-ok", ".report-head")
    walk.check("officer-report", [".report-head h1"], officer=True, top_only=True)
    walk.go("/petugas/presentasi", ".session-card")
    # The count pad over the list: a tap on another presentation beside it only closes it.
    walk.tap(".session-card input[name=hadirin]")
    page.wait_for_selector("[data-numpad]:not([hidden])")
    walk.check("officer-count-pad", ["[data-numpad]:not([hidden])"], officer=True,
               top_only=True)
    # The pad leaves the box and its words ("Jumlah hadirin") in sight, above the dock.
    walk.problems += [f"officer-count-pad: {line}" for line in page.evaluate(PAD_CLEAR)]
    walk.overlay_swallows("count-pad", "a.present-link, .session-card button[type=submit]",
                          outside="[data-numpad]:not([hidden])", skip="form:has(input:focus)")
    if page.locator("[data-numpad]:not([hidden])").count():
        walk.problems.append("count-pad: a tap outside left the number pad open")
    walk.go("/petugas/presentasi", ".session-card")
    walk.tap(".session-card button[type=submit]", ".deck")
    for _ in range(200):  # the clicker's key, up to the first question
        if page.locator(".deck > .slide-question.is-current").count():
            break
        page.keyboard.press("PageDown")
    page.keyboard.press("r")
    page.wait_for_selector(".deck > .slide.is-current .room-answer")
    walk.check("presenter-reveal", [".deck > .slide.is-current .room-answer",
                                    ".deck-button[data-action=end]"], officer=True)
    # Every slide at every step (each reveal of each question) fits: nothing cut, nothing
    # to scroll; the control bar's labels stay on one line.
    page.keyboard.press("Home")
    for _ in range(300):
        found = page.evaluate(SLIDE_FITS)
        walk.problems += [f"presenter {found['at']}: {line}" for line in found["problems"]]
        if found["last"]:
            break
        page.keyboard.press("PageDown")

    assert walk.problems == [], "\n".join(walk.problems)
    assert screen.errors == []


def log_in_by_pad(walk, path, ready):
    """Open ``path`` (behind a PIN), tap the PIN on the pad and wait for ``ready``."""
    walk.go(path, "[data-numpad-for=pin]:not([hidden])")
    for digit in PIN:
        walk.page.locator(f"[data-numpad-for=pin] .numpad-key[data-digit='{digit}']").tap()
    walk.tap("[data-numpad-for=pin] .numpad-ok", ready)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_officer_report_and_the_editor_work_by_finger_to_their_end(shipped, screens, size):
    """The officer's report and the editor's pages measured whole, every element down to the
    page's end (not only what the first screen shows): targets of 48x48, text of 16 px."""
    app, live = shipped
    set_pin(app, role="editor")
    screen = screens(size, prefix="layout")
    walk = Walk(screen, live)
    page = walk.page
    # Some use first, so the report shows its tables and its chart: a lesson opened, a search
    # often enough to be listed, and one without result.
    walk.go("/pelajaran/calo-sponsor-ilegal", "article.lesson")
    for _ in range(QUERY_MIN_COUNT):
        walk.go("/cari?q=paspor", ".search-results")
        walk.go("/cari?q=zzqx", ".search-form")
    app.extensions["stats"].flush()

    log_in_by_pad(walk, "/petugas", ".report-head")
    for part in ("#grafik-jam", "table.unreviewed a[href]"):
        if not page.locator(part).count():
            walk.problems.append(f"officer-report: nothing to measure, no {part}")
    walk.check("officer-report-whole", [".report-head h1"], officer=True)
    screen.shoot("officer-report-whole", full_page=True)

    log_in_by_pad(walk, "/petugas/konten", ".editor-files")
    walk.check("editor-index", [".report-head h1"], officer=True)
    screen.shoot("editor-index-whole", full_page=True)
    walk.tap(".editor-files a.file-link[href*='content/']", ".editor-form")
    page.wait_for_selector(".preview-frame")
    walk.check("editor-edit", [".report-head h1", ".editor-buttons .button-primary"],
               officer=True)
    screen.shoot("editor-edit-whole", full_page=True)
    # The same page with the checker's findings (shown, not saved: "Perbarui pratinjau").
    page.fill("#teks", "---\ntitle: Calo\nkategori: tidak-ada\n---\n\n[rusak](tidak-ada.md)\n")
    walk.tap("[data-preview-button]")
    page.wait_for_selector(".finding")
    page.evaluate("() => window.scrollTo(0, 0)")
    walk.check("editor-edit-findings", [".report-head h1", ".editor-buttons .button-primary"],
               officer=True)
    screen.shoot("editor-edit-findings-whole", full_page=True)
    walk.go("/petugas/konten/baru", ".stacked-form")
    walk.check("editor-new", ["h1"], officer=True)
    walk.go("/petugas/konten/gambar", ".upload-form")
    walk.check("editor-pictures", ["h1"], officer=True)

    assert walk.problems == [], "\n".join(walk.problems)
    assert screen.errors == []


QUIZZES = Path(__file__).resolve().parents[2] / "quizzes"


def longest_multiple_question():
    """The shipped multiple-choice question with the most words to show (its text and every
    option, in Indonesian), as the quiz file that holds it: the same one on every run."""
    found = []
    for path in sorted(QUIZZES.glob("*.yaml")):
        quiz = yaml.safe_load(path.read_text(encoding="utf-8"))
        for question in quiz.get("questions") or []:
            if question.get("type") != "multiple":
                continue
            length = len(question["text"]["id"]) + sum(len(option["text"]["id"])
                                                      for option in question["options"])
            found.append((length, path.stem, question["id"], quiz, question))
    assert found, f"no multiple-choice question in {QUIZZES}"
    length, slug, _, quiz, question = max(found, key=lambda f: f[:3])
    return slug, {**quiz, "questions": [question]}


# Where "Periksa jawaban" and the last option are, against the dock, now and scrolled down.
SUBMIT_IN_VIEW = """() => {
  const dock = document.querySelector('.dock').getBoundingClientRect();
  const button = document.querySelector('.quiz-submit');
  const options = document.querySelectorAll('.answer');
  const at = () => ({button: button.getBoundingClientRect().toJSON(),
                     last: options[options.length - 1].getBoundingClientRect().toJSON()});
  const first = at();
  window.scrollTo(0, document.documentElement.scrollHeight);
  return {dock: dock.top, first, end: at()};
}"""


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_periksa_jawaban_stays_above_the_dock_on_the_longest_question(screens, tmp_path, size):
    """The shipped question with the most to read: "Periksa jawaban" is in view above the dock
    without scrolling, and scrolled to the end, the last option shows whole above it."""
    slug, quiz = longest_multiple_question()
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    (quizzes / f"{slug}.yaml").write_text(yaml.safe_dump(quiz, allow_unicode=True),
                                          encoding="utf-8")
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"),
                      "QUIZ_DIR": str(quizzes), "OFFICER_PIN_COST": PIN_COST})
    live = LiveKiosk(app).start()
    try:
        screen = screens(size, prefix="layout")
        screen.page.goto(live(f"/kuis/{slug}"))
        screen.page.wait_for_selector(".quiz-submit")
        screen.shoot("quiz-longest-multiple")
        at = screen.page.evaluate(SUBMIT_IN_VIEW)
        screen.shoot("quiz-longest-multiple-end")
    finally:
        live.stop()
    first, end, dock = at["first"], at["end"], at["dock"]
    assert first["button"]["top"] >= 0 and first["button"]["bottom"] <= dock + 0.5, at
    assert end["button"]["bottom"] <= dock + 0.5, at
    assert end["last"]["bottom"] <= end["button"]["top"] + 0.5, at  # the last option whole
    assert screen.errors == []
