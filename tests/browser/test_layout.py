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

One page per size walks every screen; each screen is measured in one page.evaluate. A failure
names the screen, the element and its measured box. Screenshots land in tests/artifacts/
(git-ignored) as layout-<screen>-<size>.png.
"""

import pytest
from conftest import PIN_COST

from browser.conftest import PIN, SIZES, LiveKiosk, log_in, set_pin, size_id
from kiosk import create_app

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
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '')
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
  // The officer's long report is judged by its top, the screen an officer sees first.
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
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < spec.text - 0.05)
      problems.push(`text ${size}px under ${spec.text}px: ${name(el)} `
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

    def overlay_swallows(self, screen, tap_at):
        """A tap at ``tap_at`` (a selector beneath the open overlay) dismisses the overlay
        and nothing else: same address, same scroll, nothing ticked, nothing sent."""
        before = self.page.evaluate(STATE)
        box = self.page.locator(tap_at).first.bounding_box()
        requests = []

        def sent(request):
            requests.append(request)

        self.page.on("request", sent)
        self.page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        # Let any click the tap would cause arrive (two frames), then compare.
        self.page.evaluate("() => new Promise((done) => requestAnimationFrame(() => "
                           "requestAnimationFrame(() => done())))")
        self.page.remove_listener("request", sent)
        after = self.page.evaluate(STATE)
        if before["url"] != after["url"] or before["checked"] != after["checked"]:
            self.problems.append(f"{screen}: a tap on the overlay reached {tap_at}: "
                                 f"{before} -> {after}")
        went = [r.url for r in requests if r.resource_type in ("document", "fetch", "xhr")
                and "/beacon" not in r.url]
        if went:
            self.problems.append(f"{screen}: a tap on the overlay sent {went}")


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
    """The checker's question and a result of each level: every answer the safe way (aman),
    every answer 'Tidak tahu' (hati-hati), every answer the risky way (bahaya)."""
    checker = app.extensions["quizzes"].checker
    page = walk.page
    ways = {
        "aman": lambda sign: "tidak" if sign.flag == "ya" else "ya",
        "hati-hati": lambda sign: "tidak-tahu",
        "bahaya": lambda sign: sign.flag,
    }
    for level, way in ways.items():
        walk.go("/cek-tawaran", ".checker-intro")
        if level == "aman":
            walk.check("checker-intro", [".checker-intro .button-primary"])
        walk.tap(".checker-intro button[type=submit]", ".checker-question")
        for number, sign in enumerate(checker.signs):
            if level == "aman" and number == 0:
                walk.check("checker-question", [".quiz-text", "all:.answer"])
            walk.tap(f"button.answer[value='{way(sign)}']", "main")
        page.wait_for_selector("[data-risk]")
        walk.check(f"checker-result-{level}", [".checker-verdict .risk-badge",
                                               ".checker-verdict h1", ".quiz-actions .button"])


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

    # The glossary: a meaning open; a tap elsewhere closes it and presses nothing.
    walk.go("/pelajaran/minta-tolong-di-luar-negeri", "button.term")
    walk.tap("button.term")
    page.wait_for_selector(".term-meaning:not([hidden])")
    walk.check("glossary", [".term-meaning:not([hidden])"])
    walk.overlay_swallows("glossary", ".lesson-category")
    if page.locator(".term-meaning:not([hidden])").count():
        walk.problems.append("glossary: a tap elsewhere left the meaning open")

    # Search: the one Cari opens /cari with the keyboard ready; then results.
    walk.go("/kategori/jalur-resmi", ".lesson-list")
    walk.tap(".topbar-search", ".search-form")
    page.wait_for_selector(".osk:not([hidden])")
    for key in "paspor":
        page.locator(f".osk [data-key='{key}']").tap()
    page.wait_for_selector(".search-suggestions:not([hidden]) a")
    walk.check("search-keyboard", [".search-input", ".osk-enter"])
    walk.overlay_swallows("search-keyboard", ".topbar .brand")
    if page.locator(".osk:not([hidden])").count():
        walk.problems.append("search-keyboard: a tap outside left the keyboard open")
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

    # The idle question over a quiz: "Ya, lanjutkan" answers it and presses nothing beneath.
    walk.go("/kuis/jeratan-utang-paspor-ditahan", ".quiz-form")
    page.evaluate("() => document.querySelector('dialog[data-idle]').showModal()")
    walk.check("idle", [".idle-continue"])
    walk.overlay_swallows("idle", ".idle-continue")
    page.evaluate("() => document.querySelector('dialog[data-idle]').showModal()")
    walk.overlay_swallows("idle-backdrop", ".answer")
    if page.locator("dialog[data-idle][open]").count():
        walk.problems.append("idle-backdrop: a tap on the backdrop left the question open")

    # The officer: the PIN form, the report, a presentation's question after its reveal.
    walk.go("/petugas", "#pin")
    walk.check("officer-login", ["#pin", ".pin-form button[type=submit]"], officer=True)
    log_in(page, live("/petugas"), PIN)
    page.wait_for_selector(".report-head")
    walk.check("officer-report", [".report-head h1"], officer=True, top_only=True)
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
    cut = page.evaluate("""() => { const i = document.querySelector(
        '.deck > .slide.is-current .slide-inner');
        return i.scrollHeight > i.clientHeight + 1 ? [i.scrollHeight, i.clientHeight] : null; }""")
    if cut:
        walk.problems.append(f"presenter-reveal: the slide is cut: {cut[0]}px in {cut[1]}px")

    assert walk.problems == [], "\n".join(walk.problems)
    assert screen.errors == []
