"""Splitting a lesson into slides (at '---' lines, else at H2 headings), speaker notes kept
off every page but the presenter view, and the tel: links of the closing slide's QR codes."""

import re
import textwrap

import pytest
from conftest import lesson_text, look, write

from kiosk.content.lessons import parse_lesson
from kiosk.content.render import LessonRenderer
from kiosk.presenter import split_lesson
from kiosk.presenter.qr import tel_uri

CATEGORIES = {"modus": None}


def lesson(body):
    raw = lesson_text("Calo", body=textwrap.dedent(body)).encode()
    found = parse_lesson(raw, "content/id/calo.md", "calo", "id", CATEGORIES)
    found.html, found.headings, _problems = LessonRenderer().render(found.body, "id",
                                                                     found.body_line)
    return found


def shown(slides):
    """Each slide as (kind, title, its text without tags)."""
    return [(s.kind, s.title, re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", s.html)).strip())
            for s in slides]


@pytest.mark.parametrize("body, expected", [
    pytest.param("""\
        Calo bisa orang yang kita kenal.

        ## Tanda calo

        Ia datang ke rumah.

        ## Yang dilakukan

        Jangan terima uang.
        """, [("title", "Calo", ""),
              ("content", "Calo", "Calo bisa orang yang kita kenal."),
              ("content", "Tanda calo", "Tanda calo Ia datang ke rumah."),
              ("content", "Yang dilakukan", "Yang dilakukan Jangan terima uang.")],
        id="at-h2-headings"),
    pytest.param("""\
        ## Tanda calo

        Ia datang ke rumah.

        ### Contoh

        Pak Darto.
        """, [("title", "Calo", ""),
              ("content", "Tanda calo", "Tanda calo Ia datang ke rumah. Contoh Pak Darto.")],
        id="h3-stays-in-its-slide"),
    pytest.param("""\
        ## Tanda calo

        Ia datang ke rumah.

        ---

        ## Masih tanda calo

        Ia memberi uang.

        ## Dan lagi

        Ia minta KTP.

        ---

        Laporkan.
        """, [("title", "Calo", ""),
              ("content", "Tanda calo", "Tanda calo Ia datang ke rumah."),
              ("content", "Masih tanda calo",
               "Masih tanda calo Ia memberi uang. Dan lagi Ia minta KTP."),
              ("content", "Calo", "Laporkan.")],
        id="separators-win-over-headings"),
    pytest.param("""\
        Satu.

        ---
        ---

        ```
        ---
        ```

        Judul setext
        ---

        ***
        """, [("title", "Calo", ""),
              ("content", "Calo", "Satu."),
              ("content", "Judul setext", "--- Judul setext")],
        id="code-setext-and-stars-are-not-separators"),
])
def test_a_lesson_splits_into_slides(body, expected):
    assert shown(split_lesson(lesson(body), LessonRenderer())) == expected


def test_the_first_slide_is_the_title_and_summary():
    first = split_lesson(lesson("## A\n\nTeks.\n"), LessonRenderer())[0]
    assert (first.kind, first.title, first.summary) == ("title", "Calo", "Ringkasan Calo.")


NOTES_BODY = """\
    ::: catatan
    Sapa hadirin dulu.
    :::

    ## Tanda calo

    ::: waspada
    - Ia datang ke rumah.
    :::

    ::: catatan
    Tanyakan: **siapa pernah didatangi calo?**

    ## Bukan judul slide
    :::

    ## Yang dilakukan

    Jangan terima uang.

    ::: catatan
    Catatan terakhir tanpa penutup
    """


def test_notes_leave_the_slides_and_go_to_the_presenter():
    slides = split_lesson(lesson(NOTES_BODY), LessonRenderer())
    assert [s.title for s in slides] == ["Calo", "Tanda calo", "Yang dilakukan"]
    assert "Sapa hadirin dulu." in slides[0].notes  # notes above the first part
    assert "<strong>siapa pernah didatangi calo?</strong>" in slides[1].notes
    assert "Bukan judul slide" in slides[1].notes
    assert "Catatan terakhir tanpa penutup" in slides[2].notes
    for slide in slides:
        assert "catatan" not in slide.html.lower() and "Sapa" not in slide.html
        assert "Bukan judul" not in slide.html and "terakhir" not in slide.html
    assert 'class="callout callout-waspada"' in slides[1].html  # the kiosk's own callouts


def test_notes_never_reach_the_villagers_lesson_page(app, client, content_dir):
    write(content_dir / "id" / "calo.md", lesson_text("Calo", body=textwrap.dedent(NOTES_BODY)))
    look(app)
    page = client.get("/pelajaran/calo").get_data(as_text=True)
    assert "Ia datang ke rumah." in page and "Jangan terima uang." in page
    for secret in ("Sapa hadirin", "siapa pernah didatangi", "Bukan judul slide",
                   "Catatan terakhir", "catatan"):
        assert secret not in page
    assert 'id="bukan-judul-slide"' not in page


def test_links_on_a_slide_cannot_be_followed():
    slides = split_lesson(lesson("## A\n\nBaca [jalur resmi](jalur-resmi.md) dulu.\n"),
                          LessonRenderer())
    assert '<span class="slide-link">jalur resmi</span>' in slides[1].html
    assert "<a" not in slides[1].html


@pytest.mark.parametrize("number, uri", [
    ("0800-1000", "tel:08001000"),
    ("(0274) 123-456", "tel:0274123456"),
    ("+62 274 123.456", "tel:+62274123456"),
    (" 110 ", "tel:110"),
    ("", None),
    ("kantor", None),
    (None, None),
])
def test_phone_numbers_become_tel_links_of_digits_and_a_leading_plus(number, uri):
    assert tel_uri(number) == uri
