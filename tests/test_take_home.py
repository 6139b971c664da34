"""Bawa pulang: the plain-text QR of every lesson, the checker's result and Lapor, read back as
a phone camera reads it (zxing-cpp); the editor's bawa_pulang: length; take_home counted."""

import re
import sqlite3

import pytest
from conftest import decode, look, stats_file_before, stored, write
from quiz_samples import CHECKER
from test_checker import walk

from kiosk import checks
from kiosk.content import get_library
from kiosk.content.take_home import (
    MAX_BYTES,
    Contacts,
    checker_text,
    lesson_text,
    report_text,
    size,
)
from kiosk.presenter.qr import qr_svg
from kiosk.stats.engagement import EventError, tally_key

PHONE = {"REMOTE_ADDR": "127.0.0.2"}


def svg_of(page):
    return re.search(r"<svg role=\"img\" viewBox=[^>]*class=\"qr\">.*?</svg>", page, re.S).group(0)


def read_from(page):
    """What a phone camera reads from the QR a page draws: its <svg> as pixels, read by
    zxing-cpp."""
    return decode(svg_of(page), scale=4)


@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_shipped_lesson_qr_reads_back_as_its_text(bundled_app, lang):
    with bundled_app.app_context():
        lessons = [ls for ls in get_library().lessons(lang) if ls.lang == lang]
        contacts = Contacts.from_config(bundled_app.config, lang)
        texts = {ls.slug: lesson_text(ls, contacts) for ls in lessons}
    assert len(texts) >= 20
    client = bundled_app.test_client()
    for slug, text in texts.items():
        assert size(text) <= MAX_BYTES, slug
        page = client.get(f"/pelajaran/{slug}/bawa-pulang?lang={lang}")
        assert page.status_code == 200, slug
        assert read_from(page.get_data(as_text=True)) == text, slug
        assert text.endswith("129"), slug  # the numbers close every text
    assert texts["calo-sponsor-ilegal"].split("\n")[1] == (
        "Waspada jika:" if lang == "id" else "Be careful if:")


def test_the_lesson_page_shows_the_qr_of_its_text_and_closes_back_to_the_lesson(bundled_app):
    client = bundled_app.test_client()
    lesson = client.get("/pelajaran/calo-sponsor-ilegal").get_data(as_text=True)
    assert 'href="/pelajaran/calo-sponsor-ilegal/bawa-pulang"' in lesson
    assert "Unduh PDF" not in lesson  # the kiosk's own screen: the QR is the way home
    page = client.get("/pelajaran/calo-sponsor-ilegal/bawa-pulang").get_data(as_text=True)
    with bundled_app.test_request_context():
        found, _ = get_library().lesson("calo-sponsor-ilegal", "id")
        text = lesson_text(found, Contacts.from_config(bundled_app.config, "id"))
        assert svg_of(page) == svg_of(str(qr_svg(text, found.title)))
    assert "Arahkan kamera HP ke kode ini. Tulisan muncul, salin ke WhatsApp." in page
    assert 'href="/pelajaran/calo-sponsor-ilegal" data-take-home-close' in page
    english = client.get("/pelajaran/calo-sponsor-ilegal/bawa-pulang?lang=en").get_data(
        as_text=True)
    assert "camera at this code. Text appears: copy it into WhatsApp." in english
    assert client.get("/pelajaran/tidak-ada/bawa-pulang").status_code == 404


def test_the_office_joins_the_numbers_and_points_make_room_for_it(bundled_app):
    with bundled_app.app_context():
        found, _ = get_library().lesson("tanda-kerja-paksa", "id")
        bare = lesson_text(found, Contacts.default("id"))
        config = {**bundled_app.config, "OFFICE_NAME": "Kantor Imigrasi Kelas I TPI Contoh",
                  "OFFICE_PHONE": "(0274) 123-456"}
        with_office = lesson_text(found, Contacts.from_config(config, "id"))
    assert with_office.endswith("Kantor Imigrasi Kelas I TPI Contoh (0274) 123-456")
    assert size(with_office) <= MAX_BYTES
    # A long point made room for the office's line; the points left are whole points.
    assert with_office.count("\n- ") >= 4 and with_office != bare
    points = [line[2:] for line in with_office.split("\n") if line.startswith("- ")]
    assert all(any(point in whole for whole in found.waspada) for point in points)
    assert decode(str(qr_svg(with_office, found.title)), scale=4) == with_office


def test_lapor_qr_holds_every_number_and_the_office(client):
    page = client.get("/lapor").get_data(as_text=True)
    assert 'href="/lapor/bawa-pulang"' in page and "Unduh buku saku (PDF)" not in page
    qr_page = client.get("/lapor/bawa-pulang").get_data(as_text=True)
    with client.application.test_request_context():
        text = report_text(Contacts.from_config(client.application.config, "id"))
        assert svg_of(qr_page) == svg_of(str(qr_svg(text, "Nomor untuk melapor")))
    assert text.startswith("Nomor untuk minta tolong dan melapor:\n"
                           "Crisis Center KP2MI (dulu BP2MI): 0800-1000 (Gratis, 24 jam)\n")
    assert "Kantor imigrasi: Kantor Imigrasi Kelas I Contoh (0274) 123-456" in text
    assert read_from(qr_page) == text


@pytest.mark.parametrize("answers, level", [
    ({"biaya": "tidak", "kontrak": "ya", "paspor": "tidak"}, "belum-terlihat"),
    ({"biaya": "ya", "kontrak": "tidak", "paspor": "ya"}, "bahaya"),
])
def test_the_checker_result_qr_holds_the_level_the_advice_and_the_numbers(app, tmp_path,
                                                                          answers, level):
    write(tmp_path / "quizzes" / "cek-tawaran.yaml", CHECKER)
    look(app)
    client = app.test_client()
    walk(client, answers)
    result = client.get("/cek-tawaran/hasil").get_data(as_text=True)
    assert 'href="/cek-tawaran/hasil/bawa-pulang"' in result
    page = client.get("/cek-tawaran/hasil/bawa-pulang").get_data(as_text=True)
    with app.test_request_context():
        from kiosk.quiz import get_quizbook
        checker = get_quizbook().checker
        chosen = checker.levels[level]
        text = checker_text(checker.title.show("id"), chosen.title.show("id"),
                            chosen.advice.show("id"), Contacts.from_config(app.config, "id"))
        assert svg_of(page) == svg_of(str(qr_svg(text, chosen.title.show("id"))))
    assert chosen.title.show("id") in text and "0800-1000" in text
    assert read_from(page) == text
    # Before the check is done there is no result to take home.
    fresh = app.test_client()
    assert fresh.get("/cek-tawaran/hasil/bawa-pulang").headers["Location"].endswith(
        "/cek-tawaran")


def test_a_long_bawa_pulang_is_a_checker_error_at_its_line(content_dir, tmp_path):
    long = "Waspada jika calo datang ke rumah. " * 14
    write(content_dir / "id" / "calo.md", "---\ntitle: Calo\nsummary: Ringkas.\n"
          "category: modus\nreviewed: 2026-11-01\n"
          f"bawa_pulang: {long.strip()}\n---\n\nIsi.\n")
    found = checks.run(checks.Source(content_dir, tmp_path / "quizzes")).lines()
    mine = [line for line in found if "bawa_pulang" in line]
    own = size(long.strip())
    overhead = size(f"Calo\n\n{Contacts.default('id').short()}")
    assert mine == [f"content/id/calo.md:6: error: bawa_pulang is {own} bytes; at most "
                    f"{MAX_BYTES - overhead} fit in a QR a phone reads from the screen"]


def test_an_own_bawa_pulang_that_fits_is_the_qr_text(content_dir, app):
    write(content_dir / "id" / "calo.md", "---\ntitle: Calo\nsummary: Ringkas.\n"
          "category: modus\nbawa_pulang: |-\n  Jangan terima uang dari calo.\n"
          "  Tanya dulu ke Disnaker.\n---\n\nIsi.\n")
    look(app)
    with app.app_context():
        found, _ = get_library().lesson("calo", "id")
        text = lesson_text(found, Contacts.from_config(app.config, "id"))
    assert text.startswith("Calo\nJangan terima uang dari calo.\nTanya dulu ke Disnaker.\n"
                           "Minta tolong dan lapor:\n")
    assert read_from(app.test_client().get("/pelajaran/calo/bawa-pulang").get_data(
        as_text=True)) == text


def test_bawa_pulang_must_be_text(content_dir, tmp_path):
    write(content_dir / "id" / "calo.md", "---\ntitle: Calo\nsummary: Ringkas.\n"
          "category: modus\nbawa_pulang: [satu, dua]\n---\n\nIsi.\n")
    found = checks.run(checks.Source(content_dir, tmp_path / "quizzes")).lines()
    assert ("content/id/calo.md:5: error: front matter 'bawa_pulang' must be text (what a "
            "phone takes home from the QR)") in found


def test_take_home_is_counted_with_screen_or_phone(stats_app):
    client = stats_app.test_client()
    assert client.get("/pelajaran/calo/bawa-pulang").status_code == 200
    assert client.get("/pelajaran/calo/bawa-pulang", environ_base=PHONE).status_code == 200
    assert client.get("/lapor/bawa-pulang", environ_base=PHONE).status_code == 200
    response = client.get("/buku-saku.pdf?lang=id", environ_base=PHONE)
    assert response.status_code == 200
    response.close()
    response = client.get("/pelajaran/calo.pdf", environ_base=PHONE)
    assert response.status_code == 200
    response.close()
    # The same PDF asked again in part, or as already kept, is not taken home again.
    for headers in ({"Range": "bytes=0-99"}, {"If-Modified-Since": response.headers[
            "Last-Modified"]}):
        again = client.get("/pelajaran/calo.pdf", environ_base=PHONE, headers=headers)
        assert again.status_code in (206, 304)
        again.close()
    rows = stored(stats_app, 'SELECT what, item, lang, "where", n FROM take_home '
                             'ORDER BY what, item, "where"')
    assert rows == [("booklet", "buku-saku", "id", "phone", 1),
                    ("lesson_pdf", "calo", "id", "phone", 1),
                    ("qr", "calo", "id", "phone", 1), ("qr", "calo", "id", "screen", 1),
                    ("qr", "lapor", "id", "phone", 1)]


def test_the_dashboard_shows_what_was_taken_home(stats_app):
    from kiosk.stats import report
    client = stats_app.test_client()
    client.get("/pelajaran/calo/bawa-pulang")
    client.get("/pelajaran/calo/bawa-pulang", environ_base=PHONE)
    store = stats_app.extensions["stats"]
    with stats_app.app_context():
        import datetime
        today = datetime.date.fromtimestamp(store.clock())
        built = report.build(store, report.Period.today(today))
    assert built.take_home == [{"what": "qr", "item": "calo", "screen": 1, "phone": 1}]
    assert built.headline["take_home:qr"] == 2


@pytest.mark.parametrize("fields, message", [
    ({"what": "poster", "item": "calo", "lang": "id", "where": "screen"},
     "event 'take_home': 'what' must be one of qr, booklet, lesson_pdf"),
    ({"what": "qr", "item": "calo", "lang": "id", "where": "tablet"},
     "event 'take_home': 'where' must be one of screen, phone"),
    ({"what": "qr", "item": "../x", "lang": "id", "where": "phone"},
     "event 'take_home': 'item' must be a lesson slug"),
])
def test_take_home_events_refuse_what_the_kiosk_never_sends(fields, message):
    with pytest.raises(EventError) as caught:
        tally_key("take_home", fields)
    assert str(caught.value) == message


def test_a_stats_file_from_before_bawa_pulang_gets_its_table_and_keeps_its_counts(tmp_path):
    from kiosk.stats.store import MIGRATIONS, StatsStore
    path = tmp_path / "stats.sqlite3"
    conn = stats_file_before(path, "take_home")
    conn.execute("INSERT INTO visit VALUES ('2026-03-05', '', 3, 60, 7)")
    conn.commit()
    conn.close()
    store = StatsStore(path)
    store.record("take_home", {"what": "qr", "item": "calo", "lang": "id", "where": "screen"})
    store.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT n FROM visit").fetchall() == [(7,)]
        assert conn.execute('SELECT what, item, "where", n FROM take_home').fetchall() == [
            ("qr", "calo", "screen", 1)]
        assert conn.execute("PRAGMA user_version").fetchone() == (len(MIGRATIONS),)
    finally:
        conn.close()


def test_the_officer_dashboard_has_a_table_of_what_was_taken_home(stats_app):
    from test_officer import PIN, set_pin, try_pin
    client = stats_app.test_client()
    client.get("/pelajaran/calo/bawa-pulang")
    client.get("/lapor/bawa-pulang", environ_base=PHONE)
    set_pin(stats_app)
    assert try_pin(client, PIN).status_code == 302
    page = client.get("/petugas").get_data(as_text=True)
    table = page[page.index('id="bawa-pulang"'):]
    table = table[:table.index("</table>")]
    assert '<tr data-take-home="qr calo"><th scope="row">Kode QR ditampilkan</th><td>Calo</td>' \
           '<td class="num">1</td><td class="num">0</td></tr>' in table
    assert '<tr data-take-home="qr lapor"><th scope="row">Kode QR ditampilkan</th><td>Lapor</td>' \
           '<td class="num">0</td><td class="num">1</td></tr>' in table


def test_a_long_own_text_is_cut_between_words_and_the_numbers_always_stay(content_dir, app):
    write(content_dir / "id" / "calo.md", "---\ntitle: Calo\nsummary: Ringkas.\n"
          "category: modus\nbawa_pulang: " + "Jangan serahkan paspor kepada calo. " * 20
          + "\n---\n\nIsi.\n")
    look(app)
    with app.app_context():
        found, _ = get_library().lesson("calo", "id")
        text = lesson_text(found, Contacts.from_config(app.config, "id"))
    assert size(text) <= MAX_BYTES
    body, tail = text.split("\nMinta tolong dan lapor:\n")
    assert body.endswith("…") and body[:-1].split()[-1] in ("Jangan", "serahkan", "paspor",
                                                             "kepada", "calo.")
    assert tail.endswith("Kantor Imigrasi Kelas I Contoh (0274) 123-456")
    assert read_from(app.test_client().get("/pelajaran/calo/bawa-pulang").get_data(
        as_text=True)) == text
