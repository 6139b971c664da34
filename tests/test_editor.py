"""The web editor at /petugas/konten: its own PIN, the list, saving (checked, atomic, kept in
the history, refused on a conflict), restoring, new lessons and quizzes, and pictures."""

import html
import os
import re
import struct

import pytest
from conftest import CATEGORIES, lesson_text, look, search_ready, write
from quiz_samples import QUIZ

from kiosk import events
from kiosk.editor.desk import fingerprint

EDITOR_PIN = "135792"
OFFICER_PIN = "246813"
CALO = "/petugas/konten/ubah/content/id/calo.md"


def csrf(page):
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def set_pin(app, pin, role):
    app.extensions["officer.pins"].set(role, pin)


def log_in(client, pin, role, token=None):
    if token is None:
        page = client.get("/petugas/masuk", query_string={"peran": role}).get_data(as_text=True)
        token = csrf(page)
    return client.post("/petugas/masuk", data={"csrf": token, "pin": pin, "peran": role})


@pytest.fixture
def editor(app):
    set_pin(app, EDITOR_PIN, "editor")
    client = app.test_client()
    assert log_in(client, EDITOR_PIN, "editor").status_code == 302
    return client


def textarea(page):
    found = re.search(r'<textarea id="teks"[^>]*>\n(.*?)</textarea>', page, re.S)
    return html.unescape(found.group(1))


def opened(client, url):
    """The edit form as the browser has it: (csrf, base fingerprint, text)."""
    page = client.get(url).get_data(as_text=True)
    base = re.search(r'name="asal" value="([^"]*)"', page).group(1)
    return csrf(page), base, textarea(page)


def save(client, url, text, **extra):
    token, base, _ = opened(client, url)
    return client.post(url, data={"csrf": token, "asal": base, "teks": text, **extra})


def calo(title="Calo", **kw):
    return lesson_text(title, tags="[calo, paspor]", order=2, **kw)


# -- who may enter -----------------------------------------------------------------------


def test_without_an_editor_pin_the_page_says_how_to_set_one(app):
    set_pin(app, OFFICER_PIN, "officer")
    page = app.test_client().get("/petugas/konten").get_data(as_text=True)
    assert "PIN penyunting belum dibuat" in page
    assert "<code>kiosk set-pin --role editor</code>" in page


def test_the_officer_pin_does_not_open_the_editor_nor_the_editor_pin_the_report(app):
    set_pin(app, OFFICER_PIN, "officer")
    set_pin(app, EDITOR_PIN, "editor")
    officer = app.test_client()
    assert log_in(officer, EDITOR_PIN, "officer").status_code == 401
    assert log_in(officer, OFFICER_PIN, "officer").status_code == 302
    response = officer.get("/petugas/konten")
    assert response.status_code == 302 and "peran=editor" in response.headers["Location"]
    editor = app.test_client()
    assert log_in(editor, OFFICER_PIN, "editor").status_code == 401
    assert log_in(editor, EDITOR_PIN, "editor").status_code == 302
    assert editor.get("/petugas/konten").status_code == 200
    assert editor.get("/petugas").status_code == 302


def test_the_editor_pin_waits_on_its_own(app):
    set_pin(app, OFFICER_PIN, "officer")
    set_pin(app, EDITOR_PIN, "editor")
    client = app.test_client()
    token = csrf(client.get("/petugas/masuk?peran=editor").get_data(as_text=True))
    for _ in range(5):
        response = log_in(client, "000000", "editor", token)
    page = response.get_data(as_text=True)
    assert "PIN salah terlalu sering. Tunggu 1 detik, lalu coba lagi." in page
    assert log_in(client, EDITOR_PIN, "editor", token).status_code == 429  # even the right one
    assert log_in(client, OFFICER_PIN, "officer", token).status_code == 302  # its own count


@pytest.mark.parametrize(("path", "data"), [
    (CALO, {"teks": "x", "asal": ""}),
    ("/petugas/konten/pratinjau", {"berkas": "content/id/calo.md", "teks": "x"}),
    ("/petugas/konten/pulihkan/content/id/calo.md", {"versi": "x"}),
    ("/petugas/konten/gambar", {}),
])
def test_every_editor_form_needs_the_csrf_token(editor, content_dir, path, data):
    before = (content_dir / "id" / "calo.md").read_bytes()
    for token in (None, "palsu"):
        sent = data if token is None else {**data, "csrf": token}
        response = editor.post(path, data=sent)
        assert response.status_code == 400
        assert "Maaf, isian ini tidak bisa diproses" in response.get_data(as_text=True)
    assert (content_dir / "id" / "calo.md").read_bytes() == before


def test_after_logging_out_a_save_only_leads_to_the_pin_form(editor, content_dir):
    token, base, text = opened(editor, CALO)
    editor.post("/petugas/keluar", data={"csrf": token})
    response = editor.post(CALO, data={"csrf": token, "asal": base, "teks": "x"})
    assert response.status_code in (302, 400)
    assert (content_dir / "id" / "calo.md").read_text() == text


@pytest.mark.parametrize("key", [
    "content/../secret_key", "content/id/../../data/secret_key", "content/media/paspor.png",
    "content/id/Calo.md", "content/de/calo.md", "quizzes/sub/x.yaml", "data/officer_pins.json",
    "content/id/calo.txt",
])
def test_only_content_files_can_be_opened(editor, key):
    assert editor.get(f"/petugas/konten/ubah/{key}").status_code == 404


# -- the list ----------------------------------------------------------------------------


def test_the_list_shows_each_lesson_in_each_language_and_its_state(editor, content_dir,
                                                                   tmp_path):
    write(content_dir / "id" / "jalur-resmi.md", lesson_text("Jalur resmi", "jalur")
          .replace("summary:", "sumary:"))
    write(tmp_path / "quizzes" / "visa-ziarah.yaml", QUIZ)
    page = editor.get("/petugas/konten").get_data(as_text=True)
    assert "1 kesalahan di isi kios" in page
    rows = dict(re.findall(r'<tr data-slug="([^"]+)">(.*?)</tr>', page, re.S))
    assert list(rows) == ["jalur-resmi", "visa-ziarah", "calo"]  # what needs fixing first
    assert "1 kesalahan" in rows["jalur-resmi"] and "Tulis terjemahan" in rows["jalur-resmi"]
    assert 'href="/petugas/konten/ubah/content/en/calo.md"' in rows["calo"]
    assert "Buat kuis" in rows["calo"]
    assert 'href="/petugas/konten/ubah/quizzes/visa-ziarah.yaml"' in rows["visa-ziarah"]
    assert "/petugas/konten/ubah/content/categories.yaml" in page


# -- saving ------------------------------------------------------------------------------


def test_a_good_save_is_live_at_once_and_the_old_version_is_kept(app, editor, content_dir):
    search = search_ready(app)
    old = (content_dir / "id" / "calo.md").read_bytes()
    response = save(editor, CALO, calo("Calo berbahaya"))
    assert response.status_code == 302
    assert response.headers["Location"] == CALO + "?tersimpan=1"
    page = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tersimpan. Kios sudah memakai versi ini." in page
    assert (content_dir / "id" / "calo.md").read_text() == calo("Calo berbahaya")
    assert "<h1>Calo berbahaya</h1>" in editor.get("/pelajaran/calo").get_data(as_text=True)
    look(app)  # the watcher, woken by the save, re-indexes the lesson
    assert search.ready and [h.slug for h in search.find("berbahaya", "id").hits] == ["calo"]
    versions = app.extensions["editor.desk"].history.versions("content/id/calo.md")
    assert len(versions) == 1
    assert app.extensions["editor.desk"].history.read("content/id/calo.md",
                                                      versions[0].name) == old
    assert [p.name for p in (content_dir / "id").iterdir() if p.name.startswith(".")] == []


def test_windows_line_ends_from_the_browser_are_saved_as_plain_newlines(editor, content_dir):
    save(editor, CALO, calo("Calo baru").replace("\n", "\r\n").rstrip())
    assert (content_dir / "id" / "calo.md").read_bytes() == calo("Calo baru").encode()


def test_a_save_with_errors_is_refused_and_the_text_stays_on_screen(app, editor, content_dir):
    before = (content_dir / "id" / "calo.md").read_bytes()
    broken = calo().replace("summary:", "sumary:")
    response = save(editor, CALO, broken)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Belum disimpan: ada 1 kesalahan." in page
    assert textarea(page) == broken
    finding = re.search(r'<li class="finding finding-error" data-line="3">(.*?)</li>', page,
                        re.S).group(1)
    assert "Baris 3" in finding
    assert "unknown field &#39;sumary&#39;; did you mean &#39;summary&#39;?" in finding
    assert "sumary: Ringkasan Calo." in finding  # the line itself, shown
    assert (content_dir / "id" / "calo.md").read_bytes() == before
    assert app.extensions["editor.desk"].history.versions("content/id/calo.md") == []


def test_a_save_that_would_break_other_files_is_refused(editor, content_dir):
    url = "/petugas/konten/ubah/content/categories.yaml"
    response = save(editor, url, CATEGORIES.split("jalur:")[0])
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Berkas lain yang akan rusak karena perubahan ini" in page
    assert "<code>content/id/jalur-resmi.md</code>" in page
    assert (content_dir / "categories.yaml").read_text() == CATEGORIES


def test_warnings_do_not_stop_a_save(editor, content_dir):
    response = save(editor, CALO, calo(body="Buka [situs](https://bp2mi.go.id).\n"))
    assert response.status_code == 302
    page = editor.get(response.headers["Location"]).get_data(as_text=True)
    assert "link to &#39;https://bp2mi.go.id&#39; leaves the kiosk" in page


def test_a_file_changed_since_it_was_opened_is_not_overwritten(app, editor, content_dir):
    token, base, _ = opened(editor, CALO)
    write(content_dir / "id" / "calo.md", calo("Calo dari rekan"))  # someone else, meanwhile
    mine = calo("Calo dari saya")
    response = editor.post(CALO, data={"csrf": token, "asal": base, "teks": mine})
    assert response.status_code == 409
    page = response.get_data(as_text=True)
    assert ("Belum disimpan: berkas ini sudah diubah di tempat lain setelah Anda "
            "membukanya. Tidak ada yang ditimpa.") in page
    assert textarea(page) == mine
    assert "title: Calo dari rekan" in page  # the latest version, to compare
    assert (content_dir / "id" / "calo.md").read_text() == calo("Calo dari rekan")
    # The editor chooses to keep theirs: the other version goes to the history.
    current = re.search(r'name="timpa" value="([^"]+)"', page).group(1)
    assert current == fingerprint((content_dir / "id" / "calo.md").read_bytes())
    response = editor.post(CALO, data={"csrf": token, "asal": base, "timpa": current,
                                       "teks": mine})
    assert response.status_code == 302
    assert (content_dir / "id" / "calo.md").read_text() == mine
    desk = app.extensions["editor.desk"]
    kept = desk.history.versions("content/id/calo.md")[0]
    assert desk.history.read("content/id/calo.md", kept.name) == calo("Calo dari rekan").encode()


def test_a_new_file_created_meanwhile_is_not_overwritten(editor, content_dir):
    url = "/petugas/konten/ubah/content/en/calo.md"
    token, base, _ = opened(editor, url)
    assert base == ""
    write(content_dir / "en" / "calo.md", calo("Broker"))
    response = editor.post(url, data={"csrf": token, "asal": base, "teks": calo("Mine")})
    assert response.status_code == 409
    assert (content_dir / "en" / "calo.md").read_text() == calo("Broker")


def test_a_write_that_fails_midway_leaves_the_file_whole_and_the_text_on_screen(
        app, editor, content_dir, monkeypatch):
    path = content_dir / "id" / "calo.md"
    before = path.read_bytes()
    token, base, _ = opened(editor, CALO)
    real_replace = os.replace

    def disk_full(src, dst, *args, **kwargs):
        if os.fspath(dst) == os.fspath(path):
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", disk_full)
    mine = calo("Calo baru")
    response = editor.post(CALO, data={"csrf": token, "asal": base, "teks": mine})
    assert response.status_code == 503
    page = response.get_data(as_text=True)
    assert "kios tidak bisa menulis berkas ini (No space left on device)" in page
    assert textarea(page) == mine
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["calo.md", "jalur-resmi.md",
                                                            "visa-ziarah.md"]
    assert app.extensions["editor.desk"].history.versions("content/id/calo.md") == []


# -- history -----------------------------------------------------------------------------


def test_an_earlier_version_can_be_seen_and_restored(app, editor, content_dir):
    first = (content_dir / "id" / "calo.md").read_text()
    save(editor, CALO, calo("Calo kedua"))
    save(editor, CALO, calo("Calo ketiga"))
    page = editor.get(CALO).get_data(as_text=True)
    names = re.findall(r'<tr data-version="([^"]+)">', page)
    assert len(names) == 2  # newest first: the second text, then the first
    view = editor.get(f"/petugas/konten/riwayat/content/id/calo.md?versi={names[1]}")
    assert html.unescape(re.search(r'<pre class="version-text">(.*?)</pre>',
                                   view.get_data(as_text=True), re.S).group(1)) == first
    token, base, _ = opened(editor, CALO)
    response = editor.post("/petugas/konten/pulihkan/content/id/calo.md",
                           data={"csrf": token, "versi": names[1], "asal": base})
    assert response.status_code == 302
    assert "Versi lama dipulihkan" in editor.get(response.headers["Location"]).get_data(
        as_text=True)
    assert (content_dir / "id" / "calo.md").read_text() == first
    assert "<h1>Calo</h1>" in editor.get("/pelajaran/calo").get_data(as_text=True)
    assert len(app.extensions["editor.desk"].history.versions("content/id/calo.md")) == 3


def test_a_version_that_no_longer_passes_the_checker_is_not_restored(editor, content_dir):
    save(editor, CALO, calo(body="Lihat [jalur](jalur-resmi.md).\n"))
    save(editor, CALO, calo("Calo ketiga"))
    (content_dir / "id" / "jalur-resmi.md").unlink()
    page = editor.get(CALO).get_data(as_text=True)
    name = re.findall(r'<tr data-version="([^"]+)">', page)[0]
    token, base, _ = opened(editor, CALO)
    response = editor.post("/petugas/konten/pulihkan/content/id/calo.md",
                           data={"csrf": token, "versi": name, "asal": base})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Versi lama ini tidak bisa dipulihkan apa adanya:" in page
    assert "link to &#39;jalur-resmi.md&#39; leads to no lesson" in page
    assert "Lihat [jalur](jalur-resmi.md)." in textarea(page)  # loaded to fix and save
    assert (content_dir / "id" / "calo.md").read_text() == calo("Calo ketiga")


def test_only_the_last_twenty_versions_are_kept(app, editor):
    token, _, _ = opened(editor, CALO)
    desk = app.extensions["editor.desk"]
    for n in range(23):
        base = desk.read(desk.file("content/id/calo.md"))[1]
        editor.post(CALO, data={"csrf": token, "asal": base, "teks": calo(f"Calo {n}")})
    versions = desk.history.versions("content/id/calo.md")
    assert len(versions) == 20
    newest = desk.history.read("content/id/calo.md", versions[0].name).decode()
    assert "title: Calo 21" in newest


@pytest.mark.parametrize("name", ["../../secret_key", "20260101T000000000000Z.txt", ""])
def test_a_version_name_cannot_reach_other_files(editor, name):
    response = editor.get("/petugas/konten/riwayat/content/id/calo.md",
                          query_string={"versi": name})
    assert response.status_code == 404


# -- preview -----------------------------------------------------------------------------


def preview(client, key, text):
    token, _, _ = opened(client, CALO)
    return client.post("/petugas/konten/pratinjau",
                       data={"csrf": token, "berkas": key, "teks": text})


def test_the_preview_is_the_lesson_page_rendered_by_the_kiosk(app, editor):
    seen = []
    events.set_sink(app, lambda kind, fields: seen.append(kind))
    body = "Awal.\n\n::: waspada\n- Jangan serahkan paspor.\n:::\n"
    response = preview(editor, "content/id/calo.md", calo("Calo pratinjau", body=body))
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "<h1>Calo pratinjau</h1>" in page
    assert '<div class="callout callout-waspada">' in page
    assert '<p class="callout-title" data-baca="b1">Waspada!</p>' in page
    assert 'data-errors="0"' in page
    assert "<html" not in page and "dock" not in page  # the page part, not the kiosk around
    assert "lesson_viewed" not in seen  # an editor's preview is no villager's visit


def test_the_preview_points_at_mistakes_while_typing(editor):
    page = preview(editor, "content/id/calo.md",
                   calo(body="Baca [ini](kalo.md).\n").replace("title: Calo", "title: [Calo]")
                   ).get_data(as_text=True)
    assert "front matter &#39;title&#39; must be text" in page
    assert "Judul dan ringkasan belum bisa ditampilkan" in page  # the body is still shown
    assert 'href="/pelajaran/kalo"' in page


def test_the_preview_of_a_quiz_lists_its_questions_and_right_answers(editor):
    page = preview(editor, "quizzes/visa-ziarah.yaml", QUIZ).get_data(as_text=True)
    assert "Kuis visa ziarah" in page
    correct = re.findall(r'<li class="is-correct">(.*?)</li>', page, re.S)
    assert any("Biro umrah berizin" in item for item in correct)


def test_the_preview_of_the_topics_shows_the_home_tiles(editor):
    page = preview(editor, "content/categories.yaml",
                   CATEGORIES.replace("Modus perekrut", "Tipu daya calo")).get_data(
                       as_text=True)
    assert '<span class="tile-name">Tipu daya calo</span>' in page


# -- new lessons and quizzes -------------------------------------------------------------


def test_a_new_lesson_starts_from_the_template_and_shows_once_written(editor, content_dir):
    response = editor.get("/petugas/konten/baru", query_string={
        "nama": "kerja-di-kapal", "bahasa": "id", "kategori": "jalur",
        "judul": "Kerja di kapal ikan"})
    assert response.status_code == 302
    url = response.headers["Location"]
    assert url.startswith("/petugas/konten/ubah/content/id/kerja-di-kapal.md?")
    page = editor.get(url).get_data(as_text=True)
    assert "Berkas ini belum ada." in page
    text = textarea(page)
    assert 'title: "Kerja di kapal ikan"' in text and 'category: "jalur"' in text
    assert not (content_dir / "id" / "kerja-di-kapal.md").exists()
    key = "/petugas/konten/ubah/content/id/kerja-di-kapal.md"
    refused = save(editor, url, text)
    assert refused.status_code == 422
    assert ("front matter &#39;summary&#39; still has the template&#39;s &#39;TULIS: …&#39; "
            "text") in refused.get_data(as_text=True)
    assert editor.get("/pelajaran/kerja-di-kapal").status_code == 404
    written = re.sub(r'"?TULIS: [^"\n]*"?', "Pekerjaan di kapal ikan sering tanpa kontrak.",
                     text)
    response = save(editor, url, written)
    assert response.status_code == 302 and response.headers["Location"].startswith(key)
    lesson = editor.get("/pelajaran/kerja-di-kapal").get_data(as_text=True)
    assert "<h1>Kerja di kapal ikan</h1>" in lesson


@pytest.mark.parametrize(("query", "message"), [
    ({"nama": "kerja kapal"}, "Nama berkas hanya boleh huruf kecil, angka, dan tanda minus"),
    ({"nama": "calo", "bahasa": "id"}, "Pelajaran dengan nama ini sudah ada dalam bahasa itu."),
])
def test_a_new_lesson_needs_a_free_file_name(editor, query, message):
    response = editor.get("/petugas/konten/baru", query_string=query)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)


def test_a_quiz_for_a_lesson_starts_from_its_template(editor, tmp_path):
    url = "/petugas/konten/ubah/quizzes/calo.yaml"
    text = textarea(editor.get(url).get_data(as_text=True))
    assert "lessons: [calo]" in text
    assert save(editor, url, text).status_code == 422
    written = re.sub(r'"TULIS: [^"\n]*"', '"Teks kuis"', text)
    assert save(editor, url, written).status_code == 302
    assert editor.get("/kuis/calo").status_code == 200
    assert (tmp_path / "quizzes" / "calo.yaml").read_text() == written


# -- pictures ----------------------------------------------------------------------------


def png(width=40, height=30):
    return (b"\x89PNG\r\n\x1a\n" + struct.pack(">I", 13) + b"IHDR"
            + struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0) + b"\x00" * 40)


def jpeg(width=64, height=48):
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    return b"\xff\xd8" + app0 + sof + b"\xff\xda" + b"\x00" * 20 + b"\xff\xd9"


def webp(width=100, height=80):
    vp8x = (b"VP8X" + struct.pack("<I", 10) + b"\x00\x00\x00\x00"
            + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little"))
    return b"RIFF" + struct.pack("<I", 4 + len(vp8x)) + b"WEBP" + vp8x


def upload(client, data, name):
    token, _, _ = opened(client, CALO)
    import io

    return client.post("/petugas/konten/gambar", content_type="multipart/form-data",
                       data={"csrf": token, "gambar": (io.BytesIO(data), name)})


@pytest.mark.parametrize(("data", "name", "stored"), [
    (png(), "Paspor Asli.PNG", r"paspor-asli-[0-9a-f]{10}\.png"),
    (jpeg(), "foto.png", r"foto-[0-9a-f]{10}\.jpg"),  # known by its bytes, not its name
    (webp(), "../../../etc/iklan.webp", r"iklan-[0-9a-f]{10}\.webp"),
    (png(), "....png", r"gambar-[0-9a-f]{10}\.png"),
])
def test_a_picture_is_stored_under_a_safe_name_by_its_real_type(editor, content_dir, data,
                                                                 name, stored):
    response = upload(editor, data, name)
    assert response.status_code == 201
    files = [p.name for p in (content_dir / "media").iterdir()]
    assert len(files) == 1 and re.fullmatch(stored, files[0])
    assert (content_dir / "media" / files[0]).read_bytes() == data
    page = response.get_data(as_text=True)
    assert f"![Keterangan gambar](media/{files[0]})" in page
    with editor.get(f"/media/{files[0]}") as served:
        assert served.status_code == 200


@pytest.mark.parametrize(("data", "name"), [
    (b"<script>alert(1)</script>", "foto.png"),
    (b"GIF89a" + b"\x00" * 30, "animasi.gif"),
    (b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>', "logo.png"),
    (b"%PDF-1.4 ...", "surat.jpg"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 30, "rusak.png"),  # starts like a PNG, is not one
    (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "rusak.jpg"),
])
def test_a_file_that_lies_about_its_type_is_refused(editor, content_dir, data, name):
    response = upload(editor, data, name)
    assert response.status_code == 422
    assert ("Berkas ini bukan gambar PNG, JPEG, atau WebP. Kios memeriksa isi berkas, bukan "
            "namanya.") in response.get_data(as_text=True)
    assert list((content_dir / "media").iterdir()) == []


def test_a_picture_over_the_size_limit_is_refused(app, editor, content_dir):
    app.config["MEDIA_MAX_BYTES"] = 1000
    for size in (1001, 200_000):  # just over, and far over the request limit
        response = upload(editor, png() + b"\x00" * size, "besar.png")
        assert response.status_code == (422 if size == 1001 else 413)
        assert ("Gambar terlalu besar. Paling besar 1 KB. Perkecil gambar dulu, lalu coba "
                "lagi.") in response.get_data(as_text=True)
    assert list((content_dir / "media").iterdir()) == []


def test_a_huge_picture_by_pixels_is_refused(editor, content_dir):
    response = upload(editor, png(9000, 10), "panjang.png")
    assert response.status_code == 422
    assert "Paling besar 6000 piksel di setiap sisi." in response.get_data(as_text=True)


def test_no_file_chosen_is_said_plainly(editor):
    response = upload(editor, b"", "")
    assert response.status_code == 422
    assert "Belum ada gambar yang dipilih" in response.get_data(as_text=True)
