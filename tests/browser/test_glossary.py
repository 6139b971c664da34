"""The glossary by touch, at both screen sizes: a tapped term shows its
meaning in place, readable at arm's length and in view above the dock; a second tap or a tap
elsewhere closes it, Esc too; the page never navigates. Screenshots, then axe."""

import textwrap

import pytest
from conftest import lesson_text, write

from browser.conftest import SIZES, kiosk_app, serious_violations, size_id

pytestmark = pytest.mark.browser

LESSON = "/pelajaran/minta-tolong"
KBRI = ("KBRI: Kedutaan Besar Republik Indonesia. Kantor pemerintah Indonesia di ibu kota "
        "negara lain. Menolong warga Indonesia di sana.")
GLOSSARY = textwrap.dedent("""\
    KBRI:
      id: Kedutaan Besar Republik Indonesia. Kantor pemerintah Indonesia di ibu kota negara
        lain. Menolong warga Indonesia di sana.
      en: Embassy of the Republic of Indonesia, in another country's capital.
    KJRI:
      id: Konsulat Jenderal Republik Indonesia. Kantor pemerintah Indonesia di kota besar
        negara lain.
      en: Consulate General of the Republic of Indonesia, in another country's big city.
    Kemlu:
      id: Kementerian Luar Negeri. Mengurus hubungan dengan negara lain.
      en: The Ministry of Foreign Affairs.
    """)
BODY = textwrap.dedent("""\
    Wulan bekerja di rumah majikan di luar negeri. Sudah empat bulan gajinya tidak dibayar.
    Ia tidak boleh keluar rumah.

    Suatu malam, Wulan menelepon ibunya di desa. "Bu, tolong. Saya mau pulang."

    ## KBRI dan KJRI

    - KBRI adalah Kedutaan Besar Republik Indonesia. Ada di ibu kota banyak negara.
    - KJRI adalah Konsulat Jenderal Republik Indonesia. Ada di kota besar.

    ## Safe Travel

    Safe Travel adalah aplikasi dari Kemlu untuk warga Indonesia di luar negeri.
    """)


@pytest.fixture
def app(site):
    """The site's kiosk with a glossary and a lesson that uses its terms."""
    write(site / "content" / "istilah.yaml", GLOSSARY)
    write(site / "content" / "id" / "minta-tolong.md",
          lesson_text("Sudah di luar negeri? Minta tolong", "jalur", "[kbri]", 5, BODY))
    return kiosk_app(site)


def pixels(locator, prop):
    return float(locator.evaluate(f"el => getComputedStyle(el).{prop}").removesuffix("px"))


def dock_top(page):
    return page.locator(".dock").bounding_box()["y"]


def in_view_above_the_dock(page, locator):
    box = locator.bounding_box()
    return box["y"] >= 0 and box["y"] + box["height"] <= dock_top(page)


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_a_tapped_term_shows_its_meaning_in_place_and_a_second_tap_closes_it(live, screens,
                                                                             size):
    screen = screens(size)
    page = screen.page
    page.goto(live(LESSON))
    visited = page.evaluate("history.length")
    term = page.locator("button.term", has_text="KBRI")
    meaning = page.locator("#" + term.get_attribute("aria-controls"))
    assert term.count() == 1  # its first use only
    assert term.get_attribute("aria-expanded") == "false" and meaning.is_hidden()
    box = term.bounding_box()
    assert box["height"] >= 48

    term.tap()
    meaning.wait_for(state="visible")
    assert meaning.inner_text() == KBRI
    assert term.get_attribute("aria-expanded") == "true"
    assert pixels(meaning, "fontSize") >= 20
    assert in_view_above_the_dock(page, meaning) and in_view_above_the_dock(page, term)
    # In place: inside the list item that uses the word, right below its sentence.
    assert meaning.evaluate("el => el.closest('li').textContent.startsWith('KBRI adalah')")
    assert page.url == live(LESSON)
    assert page.locator(".osk").count() == 0 or not page.locator(".osk").is_visible()
    screen.shoot("glossary-open")
    assert serious_violations(page) == []

    term.tap()
    meaning.wait_for(state="hidden")
    assert term.get_attribute("aria-expanded") == "false"

    # A tap anywhere else closes it too; another term opens in its place.
    term.tap()
    meaning.wait_for(state="visible")
    page.locator("article.lesson h1").tap()
    meaning.wait_for(state="hidden")
    other = page.locator("button.term", has_text="Kemlu")
    other.tap()
    page.locator("#" + other.get_attribute("aria-controls")).wait_for(state="visible")
    term.tap()
    meaning.wait_for(state="visible")
    assert other.get_attribute("aria-expanded") == "false"
    assert page.locator(".term-meaning:visible").count() == 1

    assert page.url == live(LESSON)
    assert page.evaluate("history.length") == visited  # nothing was navigated to
    assert screen.errors == []


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_with_a_meaning_open_one_tap_on_the_dock_opens_lapor(live, screens, size):
    """The dock never moves and the meaning never covers it: the tap that closes the meaning
    also presses Lapor, as the villager meant (it took two taps)."""
    screen = screens(size)
    page = screen.page
    page.goto(live(LESSON))
    term = page.locator("button.term", has_text="KBRI")
    term.tap()
    page.locator("#" + term.get_attribute("aria-controls")).wait_for(state="visible")
    with page.expect_navigation():
        page.locator(".dock-report").tap()
    assert page.url == live("/lapor")
    assert screen.errors == []


def test_a_term_opens_and_closes_from_the_keyboard(live, screens):
    screen = screens(SIZES[0], touch=False)
    page = screen.page
    page.goto(live(LESSON))
    term = page.locator("button.term", has_text="KBRI")
    meaning = page.locator("#" + term.get_attribute("aria-controls"))
    term.focus()
    page.keyboard.press("Enter")
    meaning.wait_for(state="visible")
    page.keyboard.press("Escape")
    meaning.wait_for(state="hidden")
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == \
        term.get_attribute("aria-controls")
    page.keyboard.press("Space")
    meaning.wait_for(state="visible")
    assert screen.errors == []


@pytest.mark.parametrize("size", SIZES, ids=size_id)
def test_the_glossary_page_lists_every_term(live, screens, size):
    screen = screens(size)
    page = screen.page
    page.goto(live("/istilah"))
    assert page.locator(".glossary-entry").count() == 3
    assert page.locator("#istilah-kbri dd").inner_text() == KBRI.removeprefix("KBRI: ")
    screen.shoot("glossary-page")
    assert serious_violations(page) == []
    assert screen.errors == []


def test_lanjut_goes_when_closing_a_meaning_brings_the_end_into_view(live, screens, site):
    """A tap on an open meaning closes it and is swallowed, click and all: "Lanjut" must still
    look again, as the lesson's end comes up into view without any scrolling."""
    long_body = "Kalimat panjang tentang calo. " * 300 + "\n\n" + BODY
    write(site / "content" / "id" / "minta-tolong.md",
          lesson_text("Sudah di luar negeri? Minta tolong", "jalur", "[kbri]", 5, long_body))
    screen = screens(SIZES[1])
    page = screen.page
    page.goto(live(LESSON))
    term = page.locator("button.term", has_text="Kemlu")
    meaning = page.locator("#" + term.get_attribute("aria-controls"))
    term.tap()
    meaning.wait_for(state="visible")
    # The end just below the dock, by less than the meaning is high: Lanjut is wanted.
    page.evaluate("""() => {
      const end = document.getElementById('akhir').getBoundingClientRect();
      const floor = document.querySelector('.dock').getBoundingClientRect().top;
      window.scrollBy(0, end.bottom - floor - 30);
    }""")
    read_on = page.locator(".read-on")
    read_on.wait_for(state="visible")
    box = meaning.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    meaning.wait_for(state="hidden")
    read_on.wait_for(state="hidden", timeout=5000)
    assert page.url == live(LESSON)
    assert screen.errors == []
