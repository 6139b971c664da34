"""Presenter mode end to end on a small real content tree: session files and their errors,
the officer's PIN in front of every presenter page, starting, the room's counts, leaving,
what the stats keep of it, and closing-slide QR codes that decode to the configured numbers."""

import re
import textwrap

import pytest
from conftest import decode, look, settings, stored, write
from quiz_samples import write_quiz

from kiosk import create_app

PIN = "246813"

SESSION = textwrap.dedent("""\
    title: {id: Sesi desa, en: Village session}
    summary: {id: Tiga pelajaran singkat., en: Three short lessons.}
    lessons:
      - visa-ziarah
      - calo
      - jalur-resmi
    quiz: visa-ziarah
    closing: {id: Sampai jumpa!, en: See you!}
    """)


@pytest.fixture
def app(content_dir, tmp_path, clock):
    write_quiz(tmp_path / "quizzes")
    write(content_dir / "sessions" / "desa.yaml", SESSION)
    return create_app(settings(
        content_dir, tmp_path,
        CONTENT_RECHECK_SECONDS=0,
        OFFICE_NAME="Kantor Imigrasi Kelas I Contoh",
        OFFICE_PHONE="(0274) 123-456",
    ), clock=clock)


def csrf(page):
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def log_in(app):
    app.test_cli_runner().invoke(args=["set-pin"], input=f"{PIN}\n{PIN}\n")
    client = app.test_client()
    page = client.get("/petugas/masuk").get_data(as_text=True)
    assert client.post("/petugas/masuk", data={"csrf": csrf(page), "pin": PIN}).status_code == 302
    return client


@pytest.fixture
def officer(app):
    return log_in(app)


def running(client, path):
    """(page text, csrf, presentation token) of a deck page."""
    page = client.get(path).get_data(as_text=True)
    token = re.search(r'data-token="([^"]+)"', page).group(1)
    return page, re.search(r'data-csrf="([^"]+)"', page).group(1), token


# -- who may present -------------------------------------------------------------------

PRESENTER_PAGES = ("/presentasi/calo", "/presentasi/calo/pembicara", "/presentasi/sesi/desa",
                   "/presentasi/sesi/desa/pembicara", "/petugas/presentasi")


@pytest.mark.parametrize("path", PRESENTER_PAGES)
def test_a_villager_is_sent_to_the_pin_form(app, path):
    app.test_cli_runner().invoke(args=["set-pin"], input=f"{PIN}\n{PIN}\n")
    response = app.test_client().get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/petugas/masuk?peran=officer&lanjut=")
    assert "/petugas/masuk" in response.headers["Location"]


@pytest.mark.parametrize("path", PRESENTER_PAGES)
def test_without_a_pin_the_pages_only_say_how_to_set_one(app, path):
    page = app.test_client().get(path).get_data(as_text=True)
    assert "PIN petugas belum dibuat" in page and "slide" not in page


def test_starting_a_presentation_needs_the_login_and_the_forms_token(app, officer):
    page = officer.get("/petugas/presentasi").get_data(as_text=True)
    assert officer.post("/petugas/presentasi/mulai", data={"deck": "sesi:desa"}).status_code \
        == 400
    villager = app.test_client()
    villager.get("/")
    with villager.session_transaction() as cookie:
        cookie["csrf"] = "x"
    refused = villager.post("/petugas/presentasi/mulai", data={"deck": "sesi:desa", "csrf": "x"})
    assert refused.status_code == 302 and "/petugas/masuk" in refused.headers["Location"]
    for form, message in (({"deck": "sesi:hilang"},
                           "Presentasi itu tidak ada lagi. Pilih dari daftar."),
                          ({"deck": "sesi:desa", "hadirin": "empat puluh"},
                           "Jumlah hadirin harus angka, misalnya 40.")):
        refused = officer.post("/petugas/presentasi/mulai", data={**form, "csrf": csrf(page)},
                               follow_redirects=True)
        assert message in refused.get_data(as_text=True)
    started = officer.post("/petugas/presentasi/mulai",
                           data={"deck": "sesi:desa", "csrf": csrf(page), "hadirin": "40"})
    assert started.status_code == 303 and started.headers["Location"] == "/presentasi/sesi/desa"


# -- the officer's list and the session files ----------------------------------------------


def test_the_dashboard_leads_to_the_list_of_sessions_and_lessons(officer):
    dashboard = officer.get("/petugas").get_data(as_text=True)
    assert 'href="/petugas/presentasi"' in dashboard
    page = officer.get("/petugas/presentasi").get_data(as_text=True)
    assert 'data-session="desa"' in page and "Sesi desa" in page
    assert "Kuis bersama: Kuis visa ziarah" in page
    for slug in ("visa-ziarah", "calo", "jalur-resmi"):
        assert f'href="/presentasi/{slug}"' in page


BAD_SESSIONS = [
    ("lessons: [calo]\n", "content/sessions/rusak.yaml:1: 'title' is missing; write "
     "'title: {id: …, en: …}'"),
    ("title: {id: Sesi, en: Session}\nlessons:\n  - calo\n  - kalo-sponsor\n",
     "content/sessions/rusak.yaml:4: unknown lesson 'kalo-sponsor' (no lesson in content/ "
     "has this file name)"),
    ("title: {id: Sesi, en: Session}\nlessons:\n  - visa-ziara\n",
     "content/sessions/rusak.yaml:3: unknown lesson 'visa-ziara'; did you mean 'visa-ziarah'?"),
    ("title: {id: Sesi, en: Session}\nlessons: [calo]\nquiz: visa-zarah\n",
     "content/sessions/rusak.yaml:3: unknown quiz 'visa-zarah'; did you mean 'visa-ziarah'?"),
    ("title: {id: Sesi, en: Session}\nlessons: [calo]\nquiz: tidak-ada\n",
     "content/sessions/rusak.yaml:3: unknown quiz 'tidak-ada' (no quiz in quizzes/ has this "
     "file name)"),
    ("title: {id: Sesi, en: Session}\nlessons: [calo, calo]\n",
     "content/sessions/rusak.yaml:2: lesson 'calo' is listed twice; keep one"),
    ("title: {id: Sesi, en: Session}\n",
     "content/sessions/rusak.yaml:1: 'lessons' is missing; write "
     "'lessons: [slug-of-a-lesson, …]'"),
    ("title: {id: Sesi, en: Session}\nlessons: calo\n",
     "content/sessions/rusak.yaml:2: 'lessons' must list "
     "lesson slugs, e.g. lessons: [calo-sponsor-ilegal, cara-melapor]"),
    ("title: {id: Sesi, en: Session}\nlessons: [calo]\npenutup: Terima kasih\n",
     "content/sessions/rusak.yaml:3: unknown field 'penutup'; allowed fields: title, summary, "
     "lessons, quiz, closing, order"),
    ("title: {id: Sesi, en: Session}\nlessons: [calo]\nclosin: Terima kasih\n",
     "content/sessions/rusak.yaml:3: unknown field 'closin'; did you mean 'closing'?"),
    ("title: {id: Sesi, en: Session}\nlessons: [calo\n",
     "content/sessions/rusak.yaml:3: is not valid YAML: "
     "expected ',' or ']', but got '<stream end>' (while parsing a flow sequence that starts "
     "on line 2)"),
]


@pytest.mark.parametrize("text, message", BAD_SESSIONS)
def test_a_broken_session_file_is_left_out_with_its_file_and_line(app, content_dir, officer,
                                                                  text, message):
    write(content_dir / "sessions" / "rusak.yaml", text)
    look(app)
    page = officer.get("/petugas/presentasi").get_data(as_text=True)
    book = app.extensions["presenter.sessions"]
    assert [str(p) for p in book.problems] == [message]
    assert [s.id for s in book.sessions()] == ["desa"]
    assert 'data-session="rusak"' not in page
    assert "1 masalah di file sesi" in page
    assert officer.get("/presentasi/sesi/rusak").status_code == 404


def test_a_session_is_rechecked_when_its_lesson_disappears(app, content_dir, officer):
    assert officer.get("/presentasi/sesi/desa").status_code == 200
    (content_dir / "id" / "calo.md").unlink()
    look(app)
    problems = [str(p) for p in app.extensions["presenter.sessions"].problems]
    assert "content/sessions/desa.yaml:5: unknown lesson 'calo' (no lesson in content/ has " \
           "this file name)" in problems
    assert officer.get("/presentasi/sesi/desa").status_code == 404


def test_the_bundled_session_loads_cleanly(bundled_app):
    book = bundled_app.extensions["presenter.sessions"]
    assert book.problems == []
    session = book.session("imdes-dasar")
    assert len(session.lessons) == 3 and session.quiz and session.closing


# -- the deck -----------------------------------------------------------------------------


def test_a_session_runs_as_one_deck_of_lessons_quiz_and_closing(officer):
    page, _csrf, _token = running(officer, "/presentasi/sesi/desa")
    kinds = re.findall(r'<section class="slide slide-([a-z-]+)"', page)
    assert kinds[0] == "session" and kinds[-1] == "closing"
    assert kinds.count("title") == 3  # one title slide per lesson
    assert kinds.count("question") == 4 and kinds.index("quiz-intro") < kinds.index("question")
    assert f'data-total="{len(kinds)}"' in page
    assert "Sampai jumpa!" in page
    assert 'src="/static/js/presenter.js"' in page and "<script>" not in page
    assert "stats.js" not in page  # a presentation is not a villager's visit


def test_the_room_quiz_letters_its_options_and_marks_the_right_ones(officer):
    page, _csrf, _token = running(officer, "/presentasi/sesi/desa")
    question = re.search(r'data-question="visa-ziarah/q1".*?</section>', page, re.S).group(0)
    assert re.findall(r'room-option (is-right|is-wrong)">\s*<span class="room-letter" '
                      r'aria-hidden="true">([A-D])', question) == [
        ("is-wrong", "A"), ("is-right", "B"), ("is-wrong", "C")]
    assert "Sponsor di warung" in question and "Umrah hanya lewat biro berizin." in question
    assert "Jawaban yang benar:" in question and "<strong>B</strong>" in question
    truefalse = re.search(r'data-question="visa-ziarah/q3".*?</section>', page, re.S).group(0)
    assert "Benar" in truefalse and "Salah" in truefalse


def test_notes_are_in_the_presenter_view_only(app, officer, content_dir):
    body = "## Bagian satu\n\nTeks.\n\n::: catatan\nTanya hadirin siapa punya paspor.\n:::\n"
    write(content_dir / "id" / "calo.md", (content_dir / "id" / "calo.md").read_text()
          .split("\n\n", 1)[0] + "\n\n" + body)
    look(app)
    projector = officer.get("/presentasi/calo").get_data(as_text=True)
    view = officer.get("/presentasi/calo/pembicara").get_data(as_text=True)
    assert "Teks." in projector and "Tanya hadirin" not in projector
    assert "Tanya hadirin siapa punya paspor." in view


def test_an_unknown_lesson_or_session_is_a_calm_404(officer):
    for path in ("/presentasi/tidak-ada", "/presentasi/sesi/tidak-ada"):
        response = officer.get(path)
        assert response.status_code == 404 and "Traceback" not in response.get_data(as_text=True)


# -- counts, leaving and the stats ----------------------------------------------------------


def test_a_session_is_recorded_when_the_officer_leaves(app, officer, clock):
    page = officer.get("/petugas/presentasi").get_data(as_text=True)
    officer.post("/petugas/presentasi/mulai",
                 data={"deck": "sesi:desa", "csrf": csrf(page), "hadirin": ""})
    _page, token_csrf, token = running(officer, "/presentasi/sesi/desa")
    form = {"csrf": token_csrf, "token": token}
    saved = officer.post("/petugas/presentasi/tangan",
                         data={**form, "question": "visa-ziarah/q1", "hands": "12"})
    assert saved.get_json() == {"ok": True, "hands": 12}
    officer.post("/petugas/presentasi/tangan",
                 data={**form, "question": "visa-ziarah/q2", "hands": "30"})
    # A mistyped count is corrected; an emptied one is forgotten.
    officer.post("/petugas/presentasi/tangan",
                 data={**form, "question": "visa-ziarah/q2", "hands": "3"})
    officer.post("/petugas/presentasi/tangan",
                 data={**form, "question": "visa-ziarah/q3", "hands": "7"})
    officer.post("/petugas/presentasi/tangan",
                 data={**form, "question": "visa-ziarah/q3", "hands": ""})
    clock.advance(25 * 60)
    left = officer.post("/petugas/presentasi/selesai", data={**form, "hadirin": "40"})
    assert left.status_code == 303 and left.headers["Location"] == "/"
    assert stored(app, "SELECT lessons, seconds, audience, n FROM presenter_session") == [
        ("calo,jalur-resmi,visa-ziarah", 1200, 40, 1)]
    assert stored(app, "SELECT quiz, question, hands, audience, n FROM quiz_group_answer "
                     "ORDER BY question") == [
        ("visa-ziarah", "q1", 12, 40, 1), ("visa-ziarah", "q2", 3, 40, 1)]
    # Group answers are the room's, never a villager's answers or touches of the kiosk.
    assert stored(app, "SELECT COUNT(*) FROM quiz_answer") == [(0,)]
    assert stored(app, "SELECT COUNT(*) FROM hourly_use") == [(0,)]
    # Leaving again records nothing more.
    officer.post("/petugas/presentasi/selesai", data={**form, "hadirin": "40"})
    assert stored(app, "SELECT SUM(n) FROM presenter_session") == [(1,)]


def test_the_dashboard_shows_the_rooms_answers_apart(app, officer, clock):
    page = officer.get("/petugas/presentasi").get_data(as_text=True)
    officer.post("/petugas/presentasi/mulai",
                 data={"deck": "sesi:desa", "csrf": csrf(page), "hadirin": "50"})
    _page, token_csrf, token = running(officer, "/presentasi/sesi/desa")
    form = {"csrf": token_csrf, "token": token}
    officer.post("/petugas/presentasi/tangan",
                 data={**form, "question": "visa-ziarah/q1", "hands": "20"})
    officer.post("/petugas/presentasi/selesai", data=form)
    assert officer.get("/petugas").status_code == 302  # leaving ended the login
    page = officer.get("/petugas/masuk").get_data(as_text=True)
    officer.post("/petugas/masuk", data={"csrf": csrf(page), "pin": PIN})
    dashboard = officer.get("/petugas").get_data(as_text=True)
    assert "Kuis bersama di acara" in dashboard
    row = re.search(r'<tr data-group-question="visa-ziarah/q1">.*?</tr>', dashboard).group(0)
    assert re.findall(r'<td class="num">([^<]*)</td>', row) == ["1", "20", "50", "40%"]
    assert re.search(r'data-metric="presenter_sessions">.*?stat-number">1<', dashboard, re.S)
    assert "50 peserta" in dashboard


@pytest.mark.parametrize("fields, status, message", [
    ({"question": "visa-ziarah/q1", "hands": "dua belas"}, 400, "Tulis angka saja, misalnya 12."),
    ({"question": "visa-ziarah/q1", "hands": "-3"}, 400, "Tulis angka saja, misalnya 12."),
    ({"question": "visa-ziarah/q1", "hands": "41"}, 400,
     "Jumlah tangan tidak boleh lebih dari jumlah hadirin."),
    ({"question": "q1", "hands": "4"}, 400, "Tulis angka saja, misalnya 12."),
])
def test_a_count_that_cannot_be_kept_says_why(officer, fields, status, message):
    page = officer.get("/petugas/presentasi").get_data(as_text=True)
    officer.post("/petugas/presentasi/mulai",
                 data={"deck": "sesi:desa", "csrf": csrf(page), "hadirin": "40"})
    _page, token_csrf, token = running(officer, "/presentasi/sesi/desa")
    answer = officer.post("/petugas/presentasi/tangan",
                          data={"csrf": token_csrf, "token": token, **fields})
    assert answer.status_code == status and answer.get_json()["message"] == message


def test_fewer_people_than_counted_hands_is_refused(officer):
    _page, token_csrf, token = running(officer, "/presentasi/sesi/desa")
    form = {"csrf": token_csrf, "token": token}
    officer.post("/petugas/presentasi/tangan",
                 data={**form, "question": "visa-ziarah/q1", "hands": "30"})
    answer = officer.post("/petugas/presentasi/hadirin", data={**form, "hadirin": "20"})
    assert answer.status_code == 400 and answer.get_json()["message"] == (
        "Jumlah hadirin tidak boleh kurang dari jumlah tangan yang sudah dicatat.")
    assert officer.post("/petugas/presentasi/hadirin",
                        data={**form, "hadirin": "35"}).get_json() == {"ok": True, "audience": 35}


def test_counts_need_the_running_presentations_token(officer):
    _page, token_csrf, _token = running(officer, "/presentasi/calo")
    answer = officer.post("/petugas/presentasi/tangan", data={
        "csrf": token_csrf, "token": "lama", "question": "visa-ziarah/q1", "hands": "3"})
    assert answer.status_code == 409
    assert officer.post("/petugas/presentasi/tangan",
                        data={"token": "lama", "question": "a/b"}).status_code == 400  # no CSRF


def test_leaving_a_presentation_ends_the_officer_login(app, officer):
    """The next person at the screen is a villager: the officer area is closed to them, and
    the lesson page no longer offers to present it."""
    assert 'href="/presentasi/calo"' in officer.get("/pelajaran/calo").get_data(as_text=True)
    _page, token_csrf, token = running(officer, "/presentasi/calo")
    left = officer.post("/petugas/presentasi/selesai", data={"csrf": token_csrf, "token": token})
    assert left.status_code == 303 and left.headers["Location"] == "/"
    back = officer.get("/petugas")
    assert back.status_code == 302 and back.headers["Location"].startswith("/petugas/masuk")
    assert officer.get("/presentasi/calo").status_code == 302
    assert 'href="/presentasi/calo"' not in officer.get("/pelajaran/calo").get_data(as_text=True)


def test_leaving_works_after_the_login_timed_out(app, officer, clock):
    _page, token_csrf, token = running(officer, "/presentasi/calo")
    clock.advance(3 * 3600)  # far past the officer's idle time
    assert officer.get("/petugas").status_code == 302
    left = officer.post("/petugas/presentasi/selesai", data={"csrf": token_csrf, "token": token})
    assert left.status_code == 303 and left.headers["Location"] == "/"
    assert stored(app, "SELECT lessons, seconds, audience FROM presenter_session") == [
        ("calo", 7200, 0)]


def test_starting_another_presentation_records_the_one_left_open(app, officer, clock):
    running(officer, "/presentasi/calo")
    clock.advance(90)
    running(officer, "/presentasi/calo")  # a reload keeps the same presentation
    clock.advance(600)
    running(officer, "/presentasi/visa-ziarah")
    # The first one counts until it was last seen, not until the next began.
    assert stored(app, "SELECT lessons, seconds FROM presenter_session") == [("calo", 60)]


# -- the closing slide's QR codes ----------------------------------------------------------


def test_the_closing_qr_codes_dial_the_crisis_centre_and_the_office(officer):
    page, _csrf, _token = running(officer, "/presentasi/calo")
    closing = re.search(r'<section class="slide slide-closing".*?</section>', page, re.S).group(0)
    codes = re.findall(r"<svg role=\"img\".*?</svg>", closing, re.S)
    assert [decode(svg) for svg in codes] == ["tel:08001000", "tel:0274123456"]
    assert "<title>Telepon Crisis Center KP2MI (dulu BP2MI): 0800-1000</title>" in codes[0]
    assert "0800-1000" in closing and "110" in closing and "Kantor Imigrasi Kelas I Contoh" \
        in closing


def test_without_an_office_phone_only_the_crisis_centre_has_a_code(content_dir, tmp_path):
    app = create_app(settings(
        content_dir, tmp_path,
        REPORT_NUMBERS=[{"number": "+62 21 500-1000", "name": {"id": "Pusat"}}]))
    page, _csrf, _token = running(log_in(app), "/presentasi/calo")
    codes = re.findall(r"<svg role=\"img\".*?</svg>", page, re.S)
    assert [decode(svg) for svg in codes] == ["tel:+62215001000"]
    # Before `kiosk setup` the closing slide names no placeholder office.
    closing = re.search(r'<section class="slide slide-closing".*?</section>', page, re.S).group(0)
    assert "closing-office" not in closing and "Kantor Imigrasi setempat" not in closing


def test_the_closing_slide_follows_the_language(officer):
    page, _csrf, _token = running(officer, "/presentasi/sesi/desa?lang=en")
    assert "See you!" in page and "Thank you" in page
    assert "KP2MI crisis centre (formerly BP2MI)" in page
