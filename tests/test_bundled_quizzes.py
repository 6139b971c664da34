"""The quizzes and the checker shipped with the kiosk: they load cleanly and can be finished."""

import re
from pathlib import Path

import pytest
from markupsafe import escape
from quiz_samples import field, question_id

from kiosk import create_app, events
from kiosk.quiz import get_quizbook

ROOT = Path(__file__).resolve().parent.parent
SLUGS = sorted(p.stem for p in (ROOT / "content" / "id").glob("*.md"))
QUIZZES = sorted(p.stem for p in (ROOT / "quizzes").glob("*.yaml") if p.stem != "cek-tawaran")
EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)
LABELS = {"id": {"benar": "Benar", "salah": "Salah"}, "en": {"benar": "True", "salah": "False"}}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app({"TESTING": True, "DATA_DIR": str(tmp_path_factory.mktemp("data"))})


@pytest.fixture(scope="module")
def book(app):
    # Not held inside an app context: requests must each get their own (and their locale).
    with app.app_context():
        return get_quizbook()


def test_every_bundled_quiz_and_the_checker_load_without_errors_or_warnings(book):
    assert [str(p) for p in book.shelf.problems] == []
    assert sorted(book.shelf.quizzes) == QUIZZES
    assert book.checker is not None


@pytest.mark.parametrize("slug", SLUGS)
def test_every_lesson_has_a_quiz_of_three_to_five_varied_questions(book, slug):
    quiz = book.quiz_for_lesson(slug)
    assert quiz is not None and quiz.slug == slug
    assert 3 <= quiz.size <= 5
    assert len({q.type for q in quiz.questions}) >= 3
    for question in quiz.questions:
        assert question.lesson == slug and set(question.section) == {"id", "en"}
        assert all(o.feedback for o in question.options if not o.correct), question.id


def test_the_mixed_quiz_draws_eight_from_every_lesson_quiz(book):
    mixed = book.quiz("uji-pengetahuan")
    assert mixed.is_drawn and mixed.size == 8
    assert {q.quiz for q in mixed.pool} == set(SLUGS)
    for seed in range(10):
        assert len({q.quiz for q in mixed.paper(seed)}) == 8  # eight different lessons


def answer_page(client, url, page, quiz, lang):
    qid = question_id(page)
    question = quiz.question(qid)
    values = []
    for option in question.options:
        if not option.correct:
            continue
        text = LABELS[lang][option.id] if option.text is None else option.text.show(lang)
        match = re.search(rf'name="pilihan" value="(\d+)"[^>]*>(?:(?!</button>|</label>).)*?'
                          rf'>\s*{re.escape(str(escape(text)))}\s*<', page, re.S)
        assert match, (qid, text)
        values.append(match.group(1))
    return client.post(url, data={"attempt": field(page, "attempt"), "question": qid,
                                  "pilihan": values})


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("slug", QUIZZES)
def test_every_bundled_quiz_can_be_finished_with_a_full_score(app, book, slug, lang):
    client = app.test_client()
    client.get(f"/?lang={lang}")
    quiz, url = book.quiz(slug), f"/kuis/{slug}"
    page = client.get(url).get_data(as_text=True)
    for number in range(1, quiz.size + 1):
        assert f"<strong>{number} / {quiz.size}</strong>" in page
        assert not EXTERNAL.search(page)
        response = answer_page(client, url, page, quiz, lang)
        assert response.status_code == 303, page
        feedback = client.get(url + "/jawaban").get_data(as_text=True)
        assert 'data-correct="yes"' in feedback
        assert re.search(r'class="lesson-link" href="/pelajaran/[a-z0-9-]+#[a-z0-9-]+"', feedback)
        if number < quiz.size:
            page = client.get(url).get_data(as_text=True)
    result = client.get(url + "/hasil").get_data(as_text=True)
    assert f'data-score="{quiz.size}/{quiz.size}"' in result


@pytest.mark.parametrize("slug", SLUGS)
def test_every_lesson_page_invites_to_its_quiz(app, slug):
    page = app.test_client().get(f"/pelajaran/{slug}").get_data(as_text=True)
    assert "Uji pemahaman Anda" in page and f'href="/kuis/{slug}"' in page


def test_the_home_screen_has_the_two_big_buttons(app):
    page = app.test_client().get("/").get_data(as_text=True)
    assert 'href="/cek-tawaran"' in page and 'href="/kuis/uji-pengetahuan"' in page
    assert "8 pertanyaan dari semua pelajaran." in page


def test_the_checker_has_its_questions_each_explained_and_named(book):
    checker = book.checker
    assert 12 <= len(checker.signs) <= 18
    assert all(s.explanation.get("en") and s.lesson in SLUGS for s in checker.signs)
    assert all(s.name and s.name.get("en") for s in checker.signs)  # the officer report
    assert {s.id for s in checker.signs if s.severe is True} == {
        "negara-penipuan", "visa-bukan-kerja", "cara-menyeberang", "paspor-dipegang",
        "pekerjaan-tanpa-biaya", "umur-diubah", "disuruh-berbohong"}
    assert {s.id for s in checker.signs if s.decisive} == {
        "negara-penipuan", "visa-bukan-kerja", "cara-menyeberang", "agen-berizin",
        "kontrak-tertulis"}


SAFE = {"negara-penipuan": "tidak", "visa-bukan-kerja": "tidak", "cara-menyeberang": "tidak",
        "agen-berizin": "ya", "lewat-disnaker": "ya", "kontrak-tertulis": "ya",
        "hanya-media-sosial": "tidak", "biaya-di-muka": "tidak", "pekerjaan-tanpa-biaya": "tidak",
        "utang-potong-gaji": "tidak", "keluarga-diberi-uang": "tidak", "paspor-dipegang": "tidak",
        "paspor-untuk-visa": "tidak",
        "dijodohkan": "tidak", "umur-diubah": "tidak", "gaji-terlalu-besar": "tidak",
        "cepat-diam-diam": "tidak", "disuruh-berbohong": "tidak"}


def test_the_bundled_checker_can_be_walked_to_its_verdict(app):
    client = app.test_client()
    seen = []
    # The module's app is shared: its own sink (the stats store) goes back afterwards, or the
    # tests after this one would count nothing.
    stats_sink = app.extensions.get("events.sink")
    events.set_sink(app, lambda kind, fields: seen.append((kind, fields)))
    try:
        response = client.post("/cek-tawaran")
        while "/hasil" not in response.headers["Location"]:
            location = response.headers["Location"]
            page = client.get(location).get_data(as_text=True)
            sign = location.rsplit("/", 1)[1]
            answer = {**SAFE, "paspor-dipegang": "ya", "agen-berizin": "tidak-tahu"}[sign]
            response = client.post(location, data={"attempt": field(page, "attempt"),
                                                   "jawaban": answer})
        page = client.get("/cek-tawaran/hasil").get_data(as_text=True)
    finally:
        events.set_sink(app, stats_sink)
    assert 'data-risk="bahaya"' in page and 'data-flags="paspor-dipegang"' in page
    assert "Dokumen yang ditahan calo, sponsor, atau majikan adalah tanda kerja paksa." in page
    assert "Perusahaan berizin (P3MI) sudah dicek</span>: <strong>Tidak tahu</strong>" in page
    assert 'href="/pelajaran/cek-agen-resmi"' in page and 'href="/lapor"' in page
    assert not EXTERNAL.search(page)
    assert seen == [("checker_result", {"risk": "bahaya", "flags": [
        "paspor-dipegang", "agen-berizin.tidak-tahu"]})]


def test_the_examples_in_the_editors_guide_load_as_written(tmp_path):
    guide = (ROOT / "docs" / "quiz-format.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", guide, re.S)
    quiz = next(b for b in blocks if b.startswith("# Kuis untuk"))
    checker = next(b for b in blocks if b.startswith("title:\n  id: Cek tawaran kerja"))
    (tmp_path / "quizzes").mkdir()
    (tmp_path / "quizzes" / "visa-umrah-ziarah.yaml").write_text(quiz, encoding="utf-8")
    (tmp_path / "quizzes" / "cek-tawaran.yaml").write_text(checker, encoding="utf-8")
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"),
                      "QUIZ_DIR": str(tmp_path / "quizzes")})
    with app.app_context():
        book = get_quizbook()
        assert [str(p) for p in book.shelf.problems] == []
        assert book.quiz("visa-umrah-ziarah").size == 2 and len(book.checker.signs) == 2


def test_answers_in_the_mixed_quiz_are_counted_for_their_own_quiz(app, book):
    import sqlite3

    client, url = app.test_client(), "/kuis/uji-pengetahuan"
    mixed = book.quiz("uji-pengetahuan")
    page = client.get(url).get_data(as_text=True)
    for number in range(1, mixed.size + 1):
        answer_page(client, url, page, mixed, "id")
        if number < mixed.size:
            page = client.get(url).get_data(as_text=True)
    store = app.extensions["stats"]
    store.flush()
    with sqlite3.connect(Path(app.config["DATA_DIR"]) / "stats.sqlite3") as db:
        rows = db.execute("SELECT quiz, question, SUM(n) FROM quiz_answer GROUP BY 1, 2").fetchall()
    drawn = [(quiz, question) for quiz, question, _ in rows]
    assert len(drawn) >= mixed.size
    assert all(quiz in QUIZZES and "/" not in question for quiz, question in drawn)


def test_the_officer_report_names_questions_and_signs_in_words(tmp_path):
    # A kiosk of its own: the report lists only the most answered questions, so answers
    # from the module's other tests could push this one out.
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data")})
    with app.app_context():
        book = get_quizbook()
    client = app.test_client()
    url, quiz = "/kuis/calo-sponsor-ilegal", book.quiz("calo-sponsor-ilegal")
    page = client.get(url).get_data(as_text=True)
    answer_page(client, url, page, quiz, "id")
    app.extensions["stats"].flush()
    app.extensions["officer.pins"].set("officer", "246813")
    login = client.get("/petugas/masuk").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
    client.post("/petugas/masuk", data={"csrf": token, "pin": "246813", "peran": "officer"})
    report = client.get("/petugas?periode=hari-ini").get_data(as_text=True)
    asked = next(q for q in quiz.questions if f'data-question="calo-sponsor-ilegal/{q.id}"'
                 in report)
    assert str(escape(asked.text.show("id"))) in report
