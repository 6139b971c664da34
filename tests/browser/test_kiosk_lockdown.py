"""Nothing on a kiosk page leads away from the kiosk: no outside link, window or form, no
context menu, no dragging, no selecting text; a finger needs nothing else."""

import pytest

from browser.conftest import SIZES

pytestmark = pytest.mark.browser

OUTSIDE = "http://example.invalid/"

# Added to a real page, as an editor's mistake or a bug would; each must lead nowhere.
ESCAPES = {
    "outside link": f"<a id=escape href='{OUTSIDE}'>keluar</a>",
    "outside link in a new window": f"<a id=escape href='{OUTSIDE}' target=_blank>keluar</a>",
    "telephone link": "<a id=escape href='tel:08001000'>0800-1000</a>",
    "form to another site": f"<form action='{OUTSIDE}'><button id=escape>kirim</button></form>",
}


@pytest.fixture
def kiosk_page(live, screens):
    screen = screens(SIZES[0])
    screen.requests = []
    screen.context.on("request", lambda request: screen.requests.append(request.url))
    screen.popups = []
    screen.context.on("page", lambda popup: screen.popups.append(popup))
    screen.page.goto(live("/pelajaran/calo"))
    return screen


@pytest.mark.parametrize("html", ESCAPES.values(), ids=ESCAPES.keys())
def test_a_way_out_leads_nowhere(kiosk_page, live, html):
    page = kiosk_page.page
    page.evaluate("html => document.querySelector('.lesson-body').insertAdjacentHTML("
                  "'afterbegin', html)", html)
    page.locator("#escape").tap()
    # A same-origin link tapped afterwards is followed: the page is alive and nothing left.
    page.locator(".dock [data-nav=home]").tap()
    page.wait_for_url(live("/"))
    assert not [url for url in kiosk_page.requests if not url.startswith(live(""))]
    assert kiosk_page.popups == []
    assert kiosk_page.errors == []


def test_a_link_to_a_new_window_opens_in_the_same_one(kiosk_page, live):
    page = kiosk_page.page
    page.evaluate("document.querySelector('.lesson-body').insertAdjacentHTML('afterbegin', "
                  "\"<a id=inside href='/lapor' target=_blank>Lapor</a>\")")
    page.locator("#inside").tap()
    page.wait_for_url(live("/lapor"))
    assert kiosk_page.popups == []


def test_a_script_cannot_open_a_window(kiosk_page):
    page = kiosk_page.page
    assert page.evaluate(f"window.open({OUTSIDE!r}, '_blank')") is None
    assert page.evaluate("window.open('/lapor')") is None
    assert kiosk_page.popups == []


def test_no_context_menu_no_dragging_no_selecting(kiosk_page):
    page = kiosk_page.page
    page.evaluate("""() => window.addEventListener('contextmenu', (e) => {
        window.menuPrevented = e.defaultPrevented; })""")
    page.locator(".lesson-body p").first.click(button="right")
    assert page.evaluate("window.menuPrevented") is True
    # Links and pictures cannot be picked up (CSS), and a drag that starts anyway is cancelled.
    assert page.evaluate("getComputedStyle(document.querySelector('.dock a')).webkitUserDrag") \
        == "none"
    dragged = page.evaluate("""() => document.querySelector('.dock a').dispatchEvent(
        new DragEvent('dragstart', {bubbles: true, cancelable: true}))""")
    assert dragged is False
    styles = page.evaluate("""() => {
        const body = getComputedStyle(document.body);
        const html = getComputedStyle(document.documentElement);
        return [body.userSelect, html.touchAction];
    }""")
    assert styles == ["none", "manipulation"]  # no selecting, no double-tap zoom
    page.goto(page.url.split("/pelajaran")[0] + "/cari")
    # The search box still takes text (and the caret) like any input.
    assert page.evaluate("getComputedStyle(document.getElementById('search-q')).userSelect") \
        == "text"
    assert kiosk_page.errors == []
