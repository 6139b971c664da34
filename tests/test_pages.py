import re

import pytest
from conftest import lesson_text, look, write

from kiosk import create_app


def test_home_shows_every_category_as_a_tile(client):
    page = client.get("/").get_data(as_text=True)
    assert 'href="/kategori/modus"' in page
    assert 'href="/kategori/jalur"' in page
    assert "Modus perekrut" in page
    assert "2 pelajaran" in page


def test_category_lists_its_lessons_in_order(client):
    page = client.get("/kategori/modus").get_data(as_text=True)
    assert page.index("Visa ziarah") < page.index("Calo")
    assert "Jalur resmi" not in page.split('id="isi"')[1]


def test_lesson_page_has_previous_next_related_and_the_fixed_buttons(client):
    page = client.get("/pelajaran/visa-ziarah").get_data(as_text=True)
    assert "<h1>Visa ziarah</h1>" in page
    assert 'href="/pelajaran/calo" rel="next"' in page
    assert 'rel="prev"' not in page
    assert re.search(r'class="related".*href="/pelajaran/calo"', page, re.S)  # shares 'paspor'
    for nav in ('data-nav="back"', 'data-nav="home"', 'data-nav="report"'):
        assert nav in page
    assert 'href="/kategori/modus" data-nav="back"' in page


def test_a_lesson_s_lanjut_leads_to_its_end_actions_together(client):
    """The 'Lanjut' button (reading.js pages down with it) is a link to #akhir, where the
    quiz and the next lesson sit together, before the sources and the glossary note."""
    page = client.get("/pelajaran/visa-ziarah").get_data(as_text=True)
    assert re.search(r'<a class="button button-primary read-on" href="#akhir" data-read-on hidden>'
                     r'Lanjut', page)
    end = re.search(r'<div class="lesson-end" id="akhir">(.*?)<footer class="lesson-foot">',
                    page, re.S).group(1)
    assert 'rel="next"' in end
    assert '<script src="/static/js/reading.js" defer></script>' in page


def test_every_kiosk_page_loads_the_overlay_touch_guard_before_its_overlays(client):
    page = client.get("/").get_data(as_text=True)
    guard = page.index('<script src="/static/js/overlay.js" defer></script>')
    assert guard < page.index("/static/js/osk.js") and guard < page.index("/static/js/kiosk.js")


def test_language_switch_is_kept_in_the_session(client):
    page = client.get("/pelajaran/visa-ziarah?lang=en").get_data(as_text=True)
    assert "<h1>Pilgrimage visa</h1>" in page
    assert '<html lang="en">' in page
    page = client.get("/").get_data(as_text=True)
    assert "Recruiter tricks" in page and ">Home<" in page
    client.get("/?lang=id")
    assert "Modus perekrut" in client.get("/").get_data(as_text=True)


def test_the_session_cookie_is_the_only_cookie(client):
    response = client.get("/?lang=en")
    cookies = response.headers.getlist("Set-Cookie")
    assert len(cookies) == 1 and cookies[0].startswith("kiosk=")


def test_missing_translation_falls_back_to_indonesian_with_a_note(client):
    page = client.get("/pelajaran/calo?lang=en").get_data(as_text=True)
    assert "<h1>Calo</h1>" in page
    assert "This lesson is not yet available in your language" in page
    assert '<article class="lesson" lang="id"' in page


def test_unknown_language_is_ignored(client):
    page = client.get("/?lang=xx").get_data(as_text=True)
    assert '<html lang="id">' in page


@pytest.mark.parametrize(
    "path",
    [
        "/pelajaran/tidak-ada",
        "/pelajaran/..%2F..%2Fetc%2Fpasswd",
        "/pelajaran/../../etc/passwd",
        "/pelajaran/%00",
        "/pelajaran/" + "a" * 5000,
        "/pelajaran/%F0%9F%98%80",
        "/pelajaran/visa-%D0%B7iarah",
        "/pelajaran/%ff%fe",
        "/kategori/..%2Fid",
        "/media/../categories.yaml",
        "/media/..%2Fcategories.yaml",
        "/media/%2Fetc%2Fpasswd",
        "/halaman/yang/tidak/ada",
    ],
)
def test_hostile_paths_get_the_kiosk_404_page(client, path):
    response = client.get(path, follow_redirects=True)  # '//' is merged by a redirect first
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Halaman tidak ditemukan" in page
    assert "Kembali ke awal" in page
    assert "root:" not in page and "modus:" not in page


def test_a_method_the_page_does_not_take_gets_a_calm_page(client):
    response = client.post("/pelajaran/visa-ziarah")
    assert response.status_code == 405
    assert "Kembali ke awal" in response.get_data(as_text=True)


def test_an_unexpected_error_gets_the_500_page_not_a_traceback(app, client):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/rusak")
    def broken():
        raise RuntimeError("boom")

    response = client.get("/rusak")
    assert response.status_code == 500
    page = response.get_data(as_text=True)
    assert "Maaf, ada gangguan" in page
    assert "Traceback" not in page and "boom" not in page


def test_report_page_shows_national_numbers_and_the_local_office(client):
    page = client.get("/lapor").get_data(as_text=True)
    for number in ("0800-1000", "110", "129", "08111-129-129"):
        assert number in page
    assert 'href="tel:08001000"' in page
    assert "Kantor Imigrasi Kelas I Contoh" in page
    assert 'href="tel:0274123456"' in page  # digits only: a phone dials no brackets


def test_report_page_has_help_from_abroad_in_its_own_section(client):
    page = client.get("/lapor").get_data(as_text=True)
    abroad = page.split('<section class="abroad" aria-labelledby="luar-negeri">')[1]
    abroad = abroad.split("</section>")[0]
    assert "Sudah di luar negeri?" in abroad
    assert '<a class="number" href="tel:+622129244800">+62-21-2924-4800</a>' in abroad
    assert '<span class="number-name">KBRI atau KJRI di negara itu</span>' in abroad
    assert ("Nomornya berbeda di setiap negara. Aplikasi Safe Travel dari Kemlu membantu "
            "menghubunginya.") in abroad
    assert abroad.count('class="number"') == 1  # the embassy's number depends on the country
    english = client.get("/lapor?lang=en").get_data(as_text=True)
    assert "Already abroad?" in english and "KP2MI from abroad" in english


def test_report_page_shows_the_village_pimpasa_once_set(client, content_dir, tmp_path):
    page = client.get("/lapor").get_data(as_text=True)
    assert ("Tanyakan nama dan nomor petugas imigrasi desa Anda (PIMPASA) ke kantor ini atau "
            "kepada perangkat desa.") in page
    assert 'class="pimpasa"' not in page
    app = create_app({"TESTING": True, "CONTENT_DIR": str(content_dir),
                      "DATA_DIR": str(tmp_path / "data"), "PIMPASA_NAME": "Pak Wahyu",
                      "PIMPASA_PHONE": "0812-3456 7890"})
    page = app.test_client().get("/lapor").get_data(as_text=True)
    office = page.split('<section class="office">')[1].split("</section>")[0]
    assert "Petugas imigrasi desa Anda (PIMPASA)" in office
    assert '<p class="office-name">Pak Wahyu</p>' in office
    assert '<a class="number" href="tel:081234567890">0812-3456 7890</a>' in office
    assert "Tanyakan nama dan nomor" not in office


def test_a_lesson_shows_its_review_date_only_once_it_has_one(app, client, content_dir):
    page = client.get("/pelajaran/calo").get_data(as_text=True)
    assert "Diperiksa petugas imigrasi pada 1 November 2026" in page
    write(content_dir / "id" / "calo.md", lesson_text("Calo", order=2).replace(
        "reviewed: 2026-11-01", "reviewed:"))
    look(app)
    page = client.get("/pelajaran/calo").get_data(as_text=True)
    assert "Diperiksa petugas" not in page and "belum diperiksa" not in page.lower()
    assert client.get("/healthz").get_json()["unreviewed"] == 1


def test_about_page_explains_privacy(client):
    page = client.get("/tentang").get_data(as_text=True)
    assert "Kios ini tidak mencatat siapa Anda" in page


def test_media_files_are_served_from_the_media_folder(client, content_dir):
    (content_dir / "media" / "paspor.png").write_bytes(b"\x89PNG\r\n\x1a\nrest")
    with client.get("/media/paspor.png") as response:
        assert response.status_code == 200
        assert response.data.startswith(b"\x89PNG")


def test_broken_lessons_are_left_out_counted_and_the_rest_serves(app, client, content_dir,
                                                                 caplog):
    write(content_dir / "id" / "rusak.md", "---\ntitle: Rusak\ntags: [a\n---\nIsi\n")
    write(content_dir / "id" / "asing.md", lesson_text("Asing", category="tidak-ada"))
    (content_dir / "id" / "biner.md").write_bytes(b"---\ntitle: \xff\n---\n")
    look(app)
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded"
    assert health["content_errors"] == 3
    assert health["lessons"] == {"id": 3, "en": 1}
    assert "content/id/biner.md:2: is not valid UTF-8; save it as UTF-8 text" in health["errors"]
    assert client.get("/pelajaran/rusak").status_code == 404
    assert client.get("/pelajaran/visa-ziarah").status_code == 200
    assert "content/id/asing.md:4: front matter 'category' is 'tidak-ada'" in caplog.text


def test_edited_lessons_show_without_a_restart(app, client, content_dir):
    assert client.get("/pelajaran/baru").status_code == 404
    write(content_dir / "id" / "baru.md", lesson_text("Pelajaran baru"))
    assert client.get("/pelajaran/baru").status_code == 404  # until the watcher looks
    look(app)
    assert "Pelajaran baru" in client.get("/pelajaran/baru").get_data(as_text=True)
    (content_dir / "id" / "baru.md").unlink()
    look(app)
    assert client.get("/pelajaran/baru").status_code == 404


def test_healthz_reports_lessons_per_language(client):
    health = client.get("/healthz").get_json()
    assert health == {
        "status": "ok", "lessons": {"id": 3, "en": 1}, "categories": 2,
        "content_errors": 0, "content_warnings": 0, "unreviewed": 0, "quiz_errors": 0,
        "session_errors": 0, "stats": "on", "office": "set", "audio": "on", "errors": [],
        "reasons": [],
    }


def test_a_lesson_offers_presenting_only_to_a_logged_in_officer(client):
    # A villager at the kiosk never sees "Untuk petugas" (officers present from /petugas, or
    # from the lesson once logged in: tests/test_presenter.py).
    page = client.get("/pelajaran/calo").get_data(as_text=True)
    assert 'href="/presentasi/calo"' not in page and "Untuk petugas" not in page
    response = client.get("/presentasi/calo")
    assert response.status_code in (200, 302)  # the officer PIN stands in front of it
    assert "Halaman tidak ditemukan" not in response.get_data(as_text=True)


def test_healthz_counts_broken_session_files_too(app, client, content_dir):
    write(content_dir / "sessions" / "rusak.yaml", "title: {id: Sesi}\nlessons: [hilang]\n")
    look(app)
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded" and health["session_errors"] == 1
    assert health["errors"][0].startswith("content/sessions/rusak.yaml:2: unknown lesson")


def test_the_language_switch_does_not_copy_huge_query_values(client):
    page = client.get("/kategori/modus?q=" + "x" * 5000 + "&n=1").get_data(as_text=True)
    assert "x" * 300 not in page
    assert 'href="/kategori/modus?n=1&amp;lang=en"' in page
