"""static/js/stats.js in a real Chromium: a lesson read to the end and a visit summary reach
the store through the beacon, under the kiosk's Content-Security-Policy."""

import pytest

from browser.conftest import kiosk_app, scroll_to_the_end, stats_rows

pytestmark = pytest.mark.browser


@pytest.fixture
def app(site, clock):
    """The site's kiosk with a clock the test controls (a Thursday morning)."""
    return kiosk_app(site, clock=clock)


@pytest.fixture
def page(screens):
    screen = screens((1280, 800), touch=False, prefix="stats")
    yield screen.page
    assert screen.errors == []  # no CSP violation, no script error


def test_a_lesson_scrolled_to_the_end_is_reported_when_left(app, live, page):
    page.goto(live("/pelajaran/panjang"))
    scroll_to_the_end(page)
    page.goto(live("/"))
    rows = stats_rows(app, "SELECT lesson, lang, scrolled, n FROM lesson_read")
    assert rows == [("panjang", "id", 100, 1)]


def test_a_lesson_left_at_its_top_is_not_read_to_the_end(app, live, page):
    page.goto(live("/pelajaran/panjang"))
    page.goto(live("/"))
    rows = stats_rows(app, "SELECT lesson, scrolled FROM lesson_read")
    assert len(rows) == 1 and rows[0][0] == "panjang" and rows[0][1] < 100


def test_end_visit_sends_the_pages_seen_and_starts_afresh(app, live, page):
    for path in ("/", "/kategori/modus", "/pelajaran/calo"):
        page.goto(live(path))
    page.evaluate("() => window.kioskStats.endVisit()")
    rows = stats_rows(app, "SELECT pages, n FROM visit")
    assert rows == [(3, 1)]
    assert page.evaluate("() => sessionStorage.getItem('kioskVisit')") is None
    page.goto(live("/"))
    page.evaluate("() => window.kioskStats.endVisit()")
    rows = stats_rows(app, "SELECT pages, n FROM visit WHERE pages = 1")
    assert rows == [(1, 1)]


def test_officer_pages_are_not_part_of_a_visit(app, live, page):
    page.goto(live("/"))
    page.goto(live("/petugas"))
    page.evaluate("() => window.kioskStats.endVisit()")
    assert stats_rows(app, "SELECT pages FROM visit") == [(1,)]
