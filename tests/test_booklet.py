"""The buku saku: a valid A5 PDF with every lesson and the numbers, made once per content,
read back with pypdf; a broken lesson is left out and the rest is served."""

import io
import threading

from conftest import look, write
from pypdf import PdfReader

from kiosk.content import get_library
from kiosk.content.booklet import BookletCache

PHONE = {"REMOTE_ADDR": "127.0.0.2"}
MAX_KB = 400


def pdf_text(data):
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def fetched(client, url, **kwargs):
    response = client.get(url, **kwargs)
    try:
        return response.status_code, response.headers, response.get_data()
    finally:
        response.close()


def test_the_shipped_booklet_holds_every_lesson_and_the_numbers(bundled_app):
    client = bundled_app.test_client()
    for lang in ("id", "en"):
        status, headers, data = fetched(client, f"/buku-saku.pdf?lang={lang}")
        assert status == 200 and headers["Content-Type"] == "application/pdf"
        assert headers["Content-Disposition"] == (
            f"attachment; filename=buku-saku-kios-waspada-{lang}.pdf")
        assert len(data) <= MAX_KB * 1024
        reader, text = pdf_text(data)
        flat = " ".join(text.split())
        with bundled_app.app_context():
            lessons = get_library().lessons(lang)
        for lesson in lessons:
            assert " ".join(lesson.title.split()) in flat, lesson.slug
        first, last = (" ".join(reader.pages[i].extract_text().split()) for i in (0, -1))
        for number in ("0800-1000", "110", "129"):
            assert number in first and number in last
        box = reader.pages[0].mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) \
            == (148, 210)  # A5
        # Officers' notes and their "check before use" boxes stay out of what villagers
        # take home: a number still to be checked must not go home on paper.
        assert "Tanyakan kepada hadirin" not in flat and "Ask the audience" not in flat
        for words in ("periksa dulu", "check before use", "Untuk petugas:", "For officers:",
                      "0811-8080-141"):
            assert words.lower() not in flat.lower(), (lang, words)


def test_the_booklet_layout_keeps_headings_with_their_text_and_says_things_once(
        bundled_app):
    _, data = fetched(bundled_app.test_client(), "/buku-saku.pdf?lang=en")[::2]
    pages = [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]
    with bundled_app.app_context():
        first = get_library().lessons("en")[0].title
    # The list of lessons is under its heading on one page, not split from it.
    contents = [page for page in pages if "In this book" in page]
    assert len(contents) == 1 and first in contents[0]
    # A "What to do" box under the heading "What to do" is not titled again.
    assert all(page.count("What to do") <= 1 for page in pages)


def test_one_lesson_as_a_pdf_and_the_office_from_config(app):
    client = app.test_client()
    status, headers, data = fetched(client, "/pelajaran/calo.pdf")
    assert status == 200 and headers["Content-Disposition"] == "attachment; filename=calo.pdf"
    _, text = pdf_text(data)
    flat = " ".join(text.split())
    assert "Calo" in flat and "Ringkasan Calo." in flat and "Bagian satu" in flat
    assert "Kantor Imigrasi Kelas I Contoh" in flat and "(0274) 123-456" in flat
    assert "Visa ziarah" not in flat  # only that lesson
    assert fetched(client, "/pelajaran/tidak-ada.pdf")[0] == 404
    assert fetched(client, "/buku-saku.pdf?lang=fr")[0] == 404


def test_download_links_show_on_phones_only(app):
    client = app.test_client()
    assert "Unduh PDF" not in client.get("/pelajaran/calo").get_data(as_text=True)
    phone = client.get("/pelajaran/calo", environ_base=PHONE).get_data(as_text=True)
    assert 'href="/pelajaran/calo.pdf"' in phone and "Unduh PDF" in phone
    assert phone.index("Unduh PDF") < phone.index("Bawa pulang")  # a phone keeps the PDF
    lapor = client.get("/lapor", environ_base=PHONE).get_data(as_text=True)
    assert 'href="/buku-saku.pdf?lang=id"' in lapor and "Unduh buku saku (PDF)" in lapor


def test_the_booklet_is_made_again_only_when_the_content_changes(app, content_dir, tmp_path):
    client = app.test_client()
    first = fetched(client, "/buku-saku.pdf?lang=id")[2]
    folder = tmp_path / "data" / "buku-saku"
    made = sorted(p.name for p in folder.glob("buku-saku-id-*.pdf"))
    assert len(made) == 1
    assert fetched(client, "/buku-saku.pdf?lang=id")[2] == first
    write(content_dir / "id" / "calo.md", (content_dir / "id" / "calo.md").read_text()
          .replace("Teks.", "Teks baru tentang uang muka."))
    look(app)
    again = fetched(client, "/buku-saku.pdf?lang=id")[2]
    assert "Teks baru tentang uang muka." in " ".join(pdf_text(again)[1].split())
    # The old file is gone: one booklet per language on disk.
    assert len(list(folder.glob("buku-saku-id-*.pdf"))) == 1
    assert sorted(p.name for p in folder.glob("buku-saku-id-*.pdf")) != made


def test_renaming_a_category_makes_the_booklet_again(app, content_dir):
    client = app.test_client()
    assert "Modus perekrut" in " ".join(pdf_text(fetched(client, "/pelajaran/calo.pdf")[2])[1]
                                        .split())
    write(content_dir / "categories.yaml", (content_dir / "categories.yaml").read_text()
          .replace("Modus perekrut", "Tipu daya perekrut"))
    look(app)
    flat = " ".join(pdf_text(fetched(client, "/pelajaran/calo.pdf")[2])[1].split())
    assert "Tipu daya perekrut" in flat and "Modus perekrut" not in flat


def test_a_broken_lesson_is_left_out_and_the_rest_served(app, content_dir):
    write(content_dir / "id" / "calo.md", "---\ntitle: Calo\nsummary: [tidak ditutup\n---\n")
    look(app)
    status, _, data = fetched(app.test_client(), "/buku-saku.pdf?lang=id")
    assert status == 200
    flat = " ".join(pdf_text(data)[1].split())
    assert "Visa ziarah" in flat and "Jalur resmi" in flat and "Ringkasan Calo." not in flat


def test_many_phones_at_once_make_the_booklet_once(tmp_path):
    cache = BookletCache(tmp_path)
    made = []
    start = threading.Barrier(20)
    paths = []

    def build():
        made.append(1)
        return b"%PDF-1.4 booklet"

    def ask():
        start.wait()
        paths.append(cache.path("buku-saku-id", "a" * 24, build))

    threads = [threading.Thread(target=ask) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert made == [1] and len(set(paths)) == 1 and len(paths) == 20
    assert paths[0].read_bytes() == b"%PDF-1.4 booklet"
    # Another lesson whose name begins the same is not taken for an old file of this one.
    cache.path("pelajaran-id-calo-sponsor", "b" * 24, build)
    cache.path("pelajaran-id-calo", "c" * 24, build)
    assert (tmp_path / f"pelajaran-id-calo-sponsor-{'b' * 24}.pdf").is_file()


def test_a_folder_that_refuses_writes_gets_the_booklet_from_memory(tmp_path):
    # A file where the folder should be: refused even as root (a chmod is not).
    (tmp_path / "buku-saku").write_text("not a folder")
    cache = BookletCache(tmp_path / "buku-saku")
    made = []

    def build():
        made.append(1)
        return b"%PDF-1.4 booklet"

    assert cache.path("buku-saku-id", "a" * 24, build) == b"%PDF-1.4 booklet"
    assert cache.path("buku-saku-id", "a" * 24, build) == b"%PDF-1.4 booklet"
    assert made == [1]  # kept, not made again for every phone
    cache.path("buku-saku-id", "b" * 24, build)
    assert made == [1, 1]  # new content: made again
