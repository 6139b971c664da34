"""Taking a quiz through the test client: questions, feedback, score, and refused posts."""

import re
import textwrap

import pytest
from conftest import look
from quiz_samples import CHECKER, CORRECT, QUIZ, WRONG, field, position, question_id, write_quiz

from kiosk import events

URL = "/kuis/visa-ziarah"


@pytest.fixture
def quizzes(tmp_path):
    return tmp_path / "quizzes"  # the QUIZ_DIR of conftest's app


@pytest.fixture
def seen(app):
    """Every event the views hand to the stats store."""
    recorded = []
    events.set_sink(app, lambda kind, fields: recorded.append((kind, fields)))
    return recorded


@pytest.fixture
def client(app, quizzes):
    write_quiz(quizzes)
    look(app)
    return app.test_client()


def post_answer(client, page, texts, url=URL):
    data = {"attempt": field(page, "attempt"), "question": question_id(page),
            "pilihan": [position(page, text) for text in texts]}
    return client.post(url, data=data)


def reach(client, qid, url=URL):
    """Answer rightly until question ``qid`` is on screen; returns its page."""
    page = client.get(url).get_data(as_text=True)
    for _ in range(10):
        if question_id(page) == qid:
            return page
        post_answer(client, page, CORRECT[question_id(page)], url)
        page = client.get(url).get_data(as_text=True)
    raise AssertionError(f"question {qid} never came")


def attempt(client):
    with client.session_transaction() as session:
        return dict(session["kuis"])


def test_the_first_screen_shows_one_question_its_progress_and_answer_buttons(client):
    response = client.get(URL)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    page = response.get_data(as_text=True)
    assert "Pertanyaan <strong>1 / 4</strong>" in page
    assert page.count('name="question"') == 1
    assert field(page, "attempt") == attempt(client)["token"]
    qid = question_id(page)
    assert qid in CORRECT
    if qid == "q2":
        assert page.count('type="checkbox"') == 3 and "Periksa jawaban" in page
    else:
        assert page.count('class="answer"') in (2, 3)


@pytest.mark.parametrize("qid", ["q1", "q2", "q3", "q4"])
def test_the_question_page_holds_no_hint_of_the_right_answer(client, qid):
    page = reach(client, qid)
    body = page.split('id="isi"')[1]
    # No correctness mark, no option id (their order in the file hints at the answer),
    # and none of the feedback or explanations that only come after answering.
    for hint in ("correct", 'value="a"', 'value="b"', 'value="c"', 'value="benar"',
                 'value="salah"', "Tepat sekali", "Sponsor tidak berizin", "Ini syarat resmi",
                 "Betul, bukan izin kerja", "Visa umrah bukan izin", "Umrah hanya lewat",
                 "Dua tanda", "hanya untuk ibadah", "Tanya dulu sebelum"):
        assert hint not in body


def test_the_page_is_the_same_whichever_option_is_right(app, client, quizzes):
    # Same seed, same token: only the file's 'correct' marks differ between the two pages.
    first = reach(client, "q1")
    write_quiz(quizzes, text=QUIZ.replace(
        "      - id: b\n        correct: true\n        text: {id: Biro",
        "      - id: b\n        text: {id: Biro").replace(
        "      - id: c\n        text: {id: Tetangga",
        "      - id: c\n        correct: true\n        text: {id: Tetangga"))
    look(app)
    assert client.get(URL).get_data(as_text=True) == first


def test_a_right_answer_is_praised_and_explained_with_a_link_to_the_lesson(client, seen):
    page = reach(client, "q1")
    seen.clear()
    response = post_answer(client, page, ["Biro umrah berizin"])
    assert response.status_code == 303
    assert response.headers["Location"] == "/kuis/visa-ziarah/jawaban"
    page = client.get("/kuis/visa-ziarah/jawaban").get_data(as_text=True)
    assert 'data-correct="yes"' in page
    assert re.search(r'<h1 class="verdict"><span class="icon"><svg[^>]*><path d="M20 6L9 17l-5-5"/>'
                     r'</svg></span> <span>Benar!</span></h1>', page)  # icon AND words
    assert "Jawaban Anda, benar" in page
    assert "Tepat sekali." in page
    assert "Umrah hanya lewat biro berizin." in page
    assert 'href="/pelajaran/visa-ziarah#bagian-satu"' in page
    assert "Baca lagi:" in page and "Bagian satu" in page
    assert seen[0] == ("quiz_answer", {"quiz": "visa-ziarah", "question": "q1", "correct": True,
                                       "options": []})  # only wrong options are counted


def test_a_wrong_answer_teaches_shows_its_feedback_and_the_right_answer(client, seen):
    page = reach(client, "q1")
    seen.clear()
    post_answer(client, page, ["Sponsor di warung"])
    page = client.get("/kuis/visa-ziarah/jawaban").get_data(as_text=True)
    assert 'data-correct="no"' in page
    assert re.search(r'<h1 class="verdict"><span class="icon"><svg[^>]*><path d="M18 6L6 18"/>'
                     r'<path d="M6 6l12 12"/></svg></span> <span>Belum tepat</span></h1>', page)
    assert "Jawaban Anda, belum tepat" in page
    assert "Sponsor tidak berizin." in page  # the chosen option's own feedback
    assert "Tepat sekali." not in page  # feedback of options not chosen stays hidden
    assert "Tetangga yang baik" not in page  # neither chosen nor right: not repeated
    assert re.search(r"Jawaban yang benar</span>\s*<span class=\"review-text\"><span lang=\"id\">"
                     r"Biro umrah berizin", page)
    assert "Umrah hanya lewat biro berizin." in page
    assert seen[0][1]["correct"] is False and seen[0][1]["options"] == ["a"]


def test_multiple_choice_needs_every_right_option_and_shows_the_missed_one(client, seen):
    page = reach(client, "q2")
    seen.clear()
    post_answer(client, page, ["Umrah gratis sambil kerja"])
    page = client.get("/kuis/visa-ziarah/jawaban").get_data(as_text=True)
    assert 'data-correct="partly"' in page and "<span>Sebagian benar</span></h1>" in page
    assert "Belum tepat" not in page
    # In words: how many were found, and which one was missed.
    assert "Anda memilih 1 dari 2 jawaban yang benar." in page
    assert re.search(r'Yang terlewat:\s*<strong><span lang="id">Paspor dipegang sponsor', page)
    assert "Yang keliru dipilih" not in page
    assert re.search(r"Terlewat, ini juga benar</span>\s*<span class=\"review-text\">"
                     r"<span lang=\"id\">Paspor dipegang sponsor", page)
    assert seen[0][1]["correct"] is False and seen[0][1]["options"] == []


def test_a_partly_right_answer_names_the_wrong_pick_too(client, seen):
    page = reach(client, "q2")
    seen.clear()
    post_answer(client, page, ["Umrah gratis sambil kerja", "Surat dari Kementerian Agama"])
    page = client.get("/kuis/visa-ziarah/jawaban").get_data(as_text=True)
    assert 'data-correct="partly"' in page
    assert re.search(r'Yang keliru dipilih:\s*<strong><span lang="id">Surat dari Kementerian',
                     page)
    assert "Ini syarat resmi." in page  # the wrong pick's own feedback
    assert seen[0][1]["options"] == ["c"]  # the report counts the wrong option alone


def test_true_false_feedback_follows_the_button_pressed(client):
    page = reach(client, "q3")
    assert ">Benar<" in page and ">Salah<" in page
    post_answer(client, page, ["Benar"])
    page = client.get("/kuis/visa-ziarah/jawaban").get_data(as_text=True)
    assert 'data-correct="no"' in page
    assert "Visa umrah bukan izin kerja." in page
    assert 'href="/pelajaran/calo"' in page  # this question links its own lesson


def test_a_scenario_shows_its_story_before_the_question(client):
    page = reach(client, "q4").split('id="isi"')[1]
    assert page.index("Bu Ani ditawari umrah gratis.") < page.index("Apa yang sebaiknya")


def test_the_whole_quiz_ends_with_the_score_and_lessons_to_revisit(client, seen):
    page = client.get(URL).get_data(as_text=True)
    wrong_one = question_id(page)
    for number in range(1, 5):
        assert f"Pertanyaan <strong>{number} / 4</strong>" in page
        qid = question_id(page)
        post_answer(client, page, (WRONG if qid == wrong_one else CORRECT)[qid])
        feedback = client.get("/kuis/visa-ziarah/jawaban").get_data(as_text=True)
        if number < 4:
            assert "Pertanyaan berikutnya" in feedback
            page = client.get(URL).get_data(as_text=True)
    assert 'href="/kuis/visa-ziarah/hasil"' in feedback
    page = client.get("/kuis/visa-ziarah/hasil").get_data(as_text=True)
    assert 'data-score="3/4"' in page
    assert "3 jawaban benar dari 4 pertanyaan" in page
    assert "Bagus! Anda sudah tahu banyak." in page
    revisit = page.split('class="revisit"')[1]
    assert ('href="/pelajaran/calo"' if wrong_one == "q3" else 'href="/pelajaran/visa-ziarah')\
        in revisit
    assert [kind for kind, _ in seen] == ["quiz_answer"] * 4 + ["quiz_completed"]
    assert seen[-1] == ("quiz_completed", {"quiz": "visa-ziarah", "score": 3, "total": 4})


def test_all_right_gets_the_warmest_message_and_nothing_to_revisit(client):
    page = client.get(URL).get_data(as_text=True)
    for _ in range(4):
        post_answer(client, page, CORRECT[question_id(page)])
        page = client.get(URL).get_data(as_text=True) if len(attempt(client)["answers"]) < 4 \
            else ""
    page = client.get("/kuis/visa-ziarah/hasil").get_data(as_text=True)
    assert 'data-score="4/4"' in page
    assert "Hebat!" in page and 'class="revisit"' not in page


def finish(client, url=URL):
    page = client.get(url).get_data(as_text=True)
    while True:
        post_answer(client, page, WRONG[question_id(page).split("/")[-1]], url)
        # The link to the score, not the word: the feedback's Dengarkan reads a block "hasil".
        if f'href="{url}/hasil"' in client.get(url + "/jawaban").get_data(as_text=True):
            return client.get(url + "/hasil").get_data(as_text=True)
        page = client.get(url).get_data(as_text=True)


def test_try_again_starts_a_new_shuffled_attempt_and_retires_the_old_token(client, seen):
    page = finish(client)
    assert 'data-score="0/4"' in page and "Tidak apa-apa." in page
    old = attempt(client)
    response = client.post("/kuis/visa-ziarah/ulang", data={"attempt": field(page, "attempt")})
    assert response.status_code == 303 and response.headers["Location"] == URL
    new = attempt(client)
    assert new["seed"] != old["seed"] and new["token"] != old["token"]
    assert new["answers"] == []
    assert "Pertanyaan <strong>1 / 4</strong>" in client.get(URL).get_data(as_text=True)
    count = len(seen)
    again = client.post("/kuis/visa-ziarah/ulang", data={"attempt": old["token"]})
    assert again.status_code == 400
    assert attempt(client) == new and len(seen) == count


def test_a_finished_quiz_opened_again_starts_fresh(client):
    finish(client)
    page = client.get(URL).get_data(as_text=True)
    assert "Pertanyaan <strong>1 / 4</strong>" in page
    assert attempt(client)["answers"] == []


def test_the_result_and_feedback_pages_wait_for_answers(client):
    client.get(URL)
    assert client.get("/kuis/visa-ziarah/hasil").headers["Location"] == URL
    assert client.get("/kuis/visa-ziarah/jawaban").headers["Location"] == URL


def test_pressing_check_with_nothing_ticked_asks_again_and_records_nothing(client, seen):
    page = reach(client, "q2")
    seen.clear()
    response = client.post(URL, data={"attempt": field(page, "attempt"), "question": "q2"})
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Pilih jawaban dulu, lalu tekan Periksa jawaban." in text
    assert question_id(text) == "q2"
    assert seen == [] and [qid for qid, _ in attempt(client)["answers"]] != ["q2"]


def tampered(page):
    token, qid = field(page, "attempt"), question_id(page)
    return {
        "no token": {"question": qid, "pilihan": "1"},
        "forged token": {"attempt": "x" * 16, "question": qid, "pilihan": "1"},
        "non-ascii token": {"attempt": "ä" * 16, "question": qid, "pilihan": "1"},
        "no question": {"attempt": token, "pilihan": "1"},
        "unknown question": {"attempt": token, "question": "q99", "pilihan": "1"},
        "another question": {"attempt": token, "question": "q4" if qid != "q4" else "q1",
                             "pilihan": "1"},
        "option out of range": {"attempt": token, "question": qid, "pilihan": "9"},
        "option zero": {"attempt": token, "question": qid, "pilihan": "0"},
        "option not a number": {"attempt": token, "question": qid, "pilihan": "b"},
        "option id instead of position": {"attempt": token, "question": qid, "pilihan": "a"},
        "same option twice": {"attempt": token, "question": qid, "pilihan": ["1", "1"]},
        "huge option": {"attempt": token, "question": qid, "pilihan": "1" * 100_000},
    }


CASES = list(tampered('name="attempt" value="t"><input name="question" value="q1">'))


@pytest.mark.parametrize("case", CASES)
def test_tampered_posts_get_the_calm_400_page_and_record_nothing(client, seen, case):
    page = client.get(URL).get_data(as_text=True)
    before = attempt(client)
    response = client.post(URL, data=tampered(page)[case])
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Jawaban ini tidak bisa diterima" in text
    assert 'href="/kuis/visa-ziarah"' in text and "Lanjutkan kuis" in text
    assert "Traceback" not in text
    assert attempt(client) == before and seen == []


def test_two_answers_to_a_one_answer_question_are_refused(client, seen):
    page = reach(client, "q1")
    before = attempt(client)
    response = client.post(URL, data={"attempt": field(page, "attempt"), "question": "q1",
                                      "pilihan": ["1", "2"]})
    assert response.status_code == 400 and attempt(client) == before


def test_answering_an_answered_question_again_is_refused(client, seen):
    page = client.get(URL).get_data(as_text=True)
    post_answer(client, page, CORRECT[question_id(page)])
    before, count = attempt(client), len(seen)
    response = post_answer(client, page, CORRECT[question_id(page)])  # the same form again
    assert response.status_code == 400
    assert attempt(client) == before and len(seen) == count


def test_posts_to_a_finished_attempt_or_without_one_are_refused(app, client, seen):
    page = client.get(URL).get_data(as_text=True)
    stranger = app.test_client()
    assert stranger.post(URL, data={"attempt": field(page, "attempt"), "question":
                                    question_id(page), "pilihan": "1"}).status_code == 400
    finish(client)
    count = len(seen)
    assert client.post(URL, data={"attempt": field(page, "attempt"), "question":
                                  question_id(page), "pilihan": "1"}).status_code == 400
    assert len(seen) == count


def test_posts_to_an_unknown_quiz_are_refused(client, seen):
    page = client.get(URL).get_data(as_text=True)
    response = client.post("/kuis/tidak-ada", data={"attempt": field(page, "attempt"),
                                                    "question": question_id(page),
                                                    "pilihan": "1"})
    assert response.status_code == 400
    assert 'href="/kuis"' in response.get_data(as_text=True) and seen == []


def test_a_one_megabyte_post_gets_the_calm_too_large_page(client, seen):
    page = client.get(URL).get_data(as_text=True)
    before = attempt(client)
    response = client.post(URL, data={"attempt": field(page, "attempt"),
                                      "question": question_id(page), "pilihan": "1",
                                      "isi": "x" * (1024 * 1024)})
    assert response.status_code == 413
    text = response.get_data(as_text=True)
    assert "Isian terlalu besar" in text and "Kembali ke awal" in text
    assert attempt(client) == before and seen == []


def test_an_unknown_quiz_page_is_the_kiosk_404(client):
    response = client.get("/kuis/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_the_quiz_is_shown_in_english_and_falls_back_to_indonesian(app, client, quizzes):
    write_quiz(quizzes, text=QUIZ.replace(", en: Who arranges umrah?}", "}"))
    look(app)
    page = reach(client, "q1")
    client.get("/?lang=en")
    page = client.get(URL).get_data(as_text=True)
    assert "Question <strong>" in page
    assert '<h1 class="quiz-text" id="pertanyaan" lang="id">Siapa yang mengurus umrah?</h1>' \
        in page
    assert '<span lang="en">A licensed umrah agency</span>' in page


def test_an_edited_quiz_restarts_the_attempt_instead_of_failing(app, client, quizzes, seen):
    page = client.get(URL).get_data(as_text=True)
    post_answer(client, page, CORRECT[question_id(page)])
    answered = question_id(page)
    write_quiz(quizzes, text=QUIZ.replace(f"- id: {answered}\n", f"- id: {answered}-baru\n"))
    look(app)
    count = len(seen)
    assert post_answer(client, page, CORRECT[answered]).status_code == 400
    fresh = client.get(URL).get_data(as_text=True)
    assert "Pertanyaan <strong>1 / 4</strong>" in fresh and len(seen) == count


def test_each_lesson_with_a_quiz_invites_the_villager_to_take_it(client):
    page = client.get("/pelajaran/visa-ziarah").get_data(as_text=True)
    assert "Uji pemahaman Anda" in page and 'href="/kuis/visa-ziarah"' in page
    assert "Jawab 4 pertanyaan singkat." in page
    assert "Uji pemahaman Anda" not in client.get("/pelajaran/jalur-resmi").get_data(as_text=True)


DRAWN = textwrap.dedent("""\
    title: {id: Uji pengetahuan, en: Test your knowledge}
    intro: {id: Pertanyaan dari semua pelajaran., en: Questions from every lesson.}
    draw: 3
    """)

SECOND = textwrap.dedent("""\
    title: {id: Kuis calo, en: Broker quiz}
    lessons: [calo]
    questions:
      - id: q1
        type: truefalse
        text: {id: Calo selalu orang asing., en: A broker is always a stranger.}
        answer: salah
        explanation: {id: Calo bisa tetangga., en: A broker can be a neighbour.}
    """)


def test_the_home_screen_offers_the_checker_and_the_mixed_quiz(app, client, quizzes):
    page = client.get("/").get_data(as_text=True)
    assert "home-actions" not in page
    write_quiz(quizzes, "cek-tawaran", CHECKER)
    write_quiz(quizzes, "uji-pengetahuan", DRAWN)
    look(app)
    page = client.get("/").get_data(as_text=True)
    assert 'href="/cek-tawaran"' in page and "Cek tawaran kerja" in page
    assert 'href="/kuis/uji-pengetahuan"' in page and "Uji pengetahuan" in page
    assert "3 pertanyaan dari semua pelajaran." in page


def test_the_quiz_list_puts_the_mixed_quiz_first(app, client, quizzes):
    write_quiz(quizzes, "calo", SECOND)
    write_quiz(quizzes, "uji-pengetahuan", DRAWN)
    look(app)
    page = client.get("/kuis").get_data(as_text=True)
    links = re.findall(r'href="(/kuis/[a-z-]+)"', page)
    assert links == ["/kuis/uji-pengetahuan", "/kuis/calo", "/kuis/visa-ziarah"]
    assert "Tentang pelajaran: Visa ziarah" in page and "1 pertanyaan" in page


def test_the_mixed_quiz_draws_from_every_quiz_and_names_the_source(app, client, quizzes, seen):
    write_quiz(quizzes, "calo", SECOND)
    write_quiz(quizzes, "uji-pengetahuan", DRAWN)
    look(app)
    url = "/kuis/uji-pengetahuan"
    page = client.get(url).get_data(as_text=True)
    asked = []
    for number in range(1, 4):
        assert f"Pertanyaan <strong>{number} / 3</strong>" in page
        qid = question_id(page)
        asked.append(qid)
        texts = {"calo/q1": ["Salah"]}.get(qid) or CORRECT[qid.split("/")[1]]
        post_answer(client, page, texts, url)
        if number < 3:
            page = client.get(url).get_data(as_text=True)
    assert "calo/q1" in asked and len(set(asked)) == 3  # both quizzes before any repeat
    result = client.get(url + "/hasil").get_data(as_text=True)
    assert 'data-score="3/3"' in result
    assert seen[-1] == ("quiz_completed", {"quiz": "uji-pengetahuan", "score": 3, "total": 3})
    # Each answer counts for the quiz the question was written in.
    answered = {f"{fields['quiz']}/{fields['question']}"
                for kind, fields in seen if kind == "quiz_answer"}
    assert answered == set(asked)
