"""The quiz file format: what loads, and the exact message and line for each mistake."""

import textwrap

import pytest
from conftest import look, write
from quiz_samples import QUIZ, write_quiz

from kiosk.quiz import get_quizbook

GOOD = textwrap.dedent("""\
    title: {id: Kuis, en: Quiz}
    lessons: [visa-ziarah]
    questions:
      - id: q1
        type: single
        text: {id: Pertanyaan, en: Question}
        options:
          - id: a
            text: {id: Satu, en: One}
            correct: true
          - id: b
            text: {id: Dua, en: Two}
        explanation: {id: Karena, en: Because}
    """)


def edit(old, new, text=GOOD):
    assert old in text, old
    return text.replace(old, new)


@pytest.fixture
def quizzes(tmp_path):
    return tmp_path / "quizzes"


def problems(app, quizzes, text, name="x"):
    path = quizzes / f"{name}.yaml"
    if isinstance(text, bytes):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)
    else:
        write(path, text)
    look(app)
    with app.app_context():
        book = get_quizbook()
        found = [(p.severity, str(p)) for p in book.shelf.problems]
        return found, book.quiz(name)


def test_a_good_quiz_loads_with_no_problems(app, quizzes):
    found, quiz = problems(app, quizzes, GOOD)
    assert found == []
    assert quiz.title.show("en") == "Quiz" and quiz.lessons == ("visa-ziarah",)
    (question,) = quiz.questions
    assert question.type == "single" and question.lesson == "visa-ziarah"
    assert [o.id for o in question.options] == ["a", "b"] and question.correct_ids == {"a"}


def test_every_question_type_of_the_sample_loads(app, quizzes):
    found, quiz = problems(app, quizzes, QUIZ, "visa-ziarah")
    assert found == []
    assert [q.type for q in quiz.questions] == ["single", "multiple", "truefalse", "scenario"]
    truefalse = quiz.questions[2]
    assert [o.id for o in truefalse.options] == ["benar", "salah"]
    assert truefalse.correct_ids == {"salah"} and truefalse.lesson == "calo"
    assert truefalse.options[0].feedback.show("en") == "An umrah visa is not a work permit."
    assert quiz.questions[0].section == {"id": "bagian-satu", "en": "bagian-satu"}


ERRORS = [
    ("no correct option",
     edit("        correct: true\n", ""),
     "quizzes/x.yaml:7: question 'q1' has no correct option"),
    ("two correct in single",
     edit("        text: {id: Dua, en: Two}\n", "        text: {id: Dua, en: Two}\n"
          "        correct: true\n"),
     "quizzes/x.yaml:7: question 'q1' is 'single' but has 2 correct options; keep one "
     "'correct: true' or write 'type: multiple'"),
    ("all correct in multiple",
     edit("type: single", "type: multiple", edit(
         "        text: {id: Dua, en: Two}\n", "        text: {id: Dua, en: Two}\n"
         "        correct: true\n")),
     "quizzes/x.yaml:7: question 'q1' is 'multiple' but every option is correct; add at "
     "least one wrong option"),
    ("duplicate question id",
     GOOD + GOOD.split("questions:\n")[1],
     "quizzes/x.yaml:14: question id 'q1' is used twice (first on line 4); give each "
     "question its own id"),
    ("duplicate option id",
     edit("      - id: b", "      - id: a"),
     "quizzes/x.yaml:11: question 'q1': option id 'a' is used twice (first on line 8)"),
    ("unknown lesson, close to a known one",
     edit("lessons: [visa-ziarah]", "lessons: [visa-ziara]"),
     "quizzes/x.yaml:2: unknown lesson 'visa-ziara'; did you mean 'visa-ziarah'?"),
    ("unknown lesson in a block list",
     edit("lessons: [visa-ziarah]", "lessons:\n  - visa-ziarah\n  - tidak-ada-sama-sekali"),
     "quizzes/x.yaml:4: unknown lesson 'tidak-ada-sama-sekali' (no lesson in content/ has "
     "this file name)"),
    ("unknown lesson on a question",
     edit("    explanation:", "    lesson: kalo\n    explanation:"),
     "quizzes/x.yaml:13: question 'q1': unknown lesson 'kalo'; did you mean 'calo'?"),
    ("no lessons",
     edit("lessons: [visa-ziarah]\n", ""),
     "quizzes/x.yaml:1: 'lessons' is missing; write 'lessons: [slug-of-the-lesson]'"),
    ("no Indonesian text",
     edit("text: {id: Pertanyaan, en: Question}", "text: {en: Question}"),
     "quizzes/x.yaml:6: question 'q1': 'text' has no Indonesian text; write 'id: …'"),
    ("no title",
     edit("title: {id: Kuis, en: Quiz}\n", ""),
     "quizzes/x.yaml:1: 'title' is missing; write 'title: {id: …, en: …}'"),
    ("misspelt field",
     edit("    explanation:", "    explanations:"),
     "quizzes/x.yaml:13: question 'q1': unknown field 'explanations'; did you mean "
     "'explanation'?"),
    ("misspelt top-level field",
     edit("questions:", "questons:"),
     "quizzes/x.yaml:3: unknown field 'questons'; did you mean 'questions'?"),
    ("unknown type",
     edit("type: single", "type: pilihan"),
     "quizzes/x.yaml:5: question 'q1': unknown type 'pilihan'; use single, multiple, "
     "truefalse or scenario"),
    ("true/false without an answer",
     "title: {id: Kuis, en: Quiz}\nlessons: [visa-ziarah]\nquestions:\n  - id: q1\n"
     "    type: truefalse\n    text: {id: Pernyataan, en: Statement}\n"
     "    explanation: {id: Karena, en: Because}\n",
     "quizzes/x.yaml:4: question 'q1' is 'truefalse' and has no answer; write "
     "'answer: benar' or 'answer: salah'"),
    ("true/false with a wrong answer word",
     "title: {id: Kuis, en: Quiz}\nlessons: [visa-ziarah]\nquestions:\n  - id: q1\n"
     "    type: truefalse\n    text: {id: Pernyataan, en: Statement}\n    answer: mungkin\n"
     "    explanation: {id: Karena, en: Because}\n",
     "quizzes/x.yaml:7: question 'q1': 'answer' must be benar or salah"),
    ("true/false with options",
     edit("type: single", "type: truefalse\n    answer: benar"),
     "quizzes/x.yaml:8: question 'q1' is 'truefalse': it has no 'options'; write "
     "'answer: benar' or 'answer: salah'"),
    ("answer on a choice question",
     edit("    explanation:", "    answer: benar\n    explanation:"),
     "quizzes/x.yaml:13: question 'q1': 'answer' is only for 'truefalse' questions; mark the "
     "right option with 'correct: true'"),
    ("scenario without a story",
     edit("type: single", "type: scenario"),
     "quizzes/x.yaml:4: question 'q1' is a 'scenario' question, so it needs a 'story': the "
     "short situation the question is about"),
    ("story on a plain question",
     edit("    text: {id: Pertanyaan", "    story: {id: Cerita, en: Story}\n"
          "    text: {id: Pertanyaan"),
     "quizzes/x.yaml:6: question 'q1': only a 'scenario' question has a 'story'; write "
     "'type: scenario' or move the story into 'text'"),
    ("one option only",
     edit("      - id: b\n        text: {id: Dua, en: Two}\n", ""),
     "quizzes/x.yaml:7: question 'q1' needs 'options': a list of at least 2 answers"),
    ("seven options",
     edit("      - id: b\n        text: {id: Dua, en: Two}\n", "".join(
         f"      - id: {c}\n        text: {{id: Lain, en: Other}}\n" for c in "bcdefg")),
     "quizzes/x.yaml:7: question 'q1' has 7 options; at most 6 fit on one screen"),
    ("correct written in Indonesian",
     edit("correct: true", "correct: ya"),
     "quizzes/x.yaml:10: question 'q1', option 'a': 'correct' must be true or false"),
    ("question without an id",
     edit("  - id: q1\n    type: single", "  - type: single"),
     "quizzes/x.yaml:4: question 1 has no 'id'; give it a short id like 'q1'"),
    ("question id with spaces",
     edit("- id: q1", "- id: Soal 1"),
     "quizzes/x.yaml:4: question 1 id 'Soal 1' must be lowercase letters, digits and '-', "
     "e.g. 'q1'"),
    ("a comma inside {…}",
     edit("text: {id: Satu, en: One}", "text: {id: Satu, dua, en: One}"),
     "quizzes/x.yaml:9: question 'q1', option 'a': 'text' has unknown language 'dua'; use "
     "'id' or 'en'; put text that has a comma in quotes: id: \"…, …\""),
    ("a field written twice",
     edit("    explanation:", "    text: {id: Lagi, en: Again}\n    explanation:"),
     "quizzes/x.yaml:13: field 'text' appears twice (first on line 6); keep one"),
    ("broken YAML",
     edit("options:\n", "options:\n      - id: a\n     text: {id: x\n"),
     "quizzes/x.yaml:9: is not valid YAML: expected <block end>, but found '<block mapping "
     "start>' (while parsing a block mapping that starts on line 4)"),
    ("not a mapping",
     "- title: Kuis\n",
     "quizzes/x.yaml:1: a quiz must be 'field: value' lines, starting with 'title:'"),
    ("neither questions nor draw",
     "title: {id: Kuis, en: Quiz}\nlessons: [visa-ziarah]\n",
     "quizzes/x.yaml:1: the quiz has no questions; add 'questions:' (or 'draw:' to take "
     "questions from other quizzes)"),
    ("questions and draw",
     edit("questions:", "draw: 3\nquestions:"),
     "quizzes/x.yaml:3: a quiz has either 'questions' or 'draw', not both; 'draw' takes "
     "questions from other quizzes"),
    ("draw of nothing",
     "title: {id: Kuis, en: Quiz}\ndraw: 0\n",
     "quizzes/x.yaml:2: 'draw' must be a whole number of at least 1: how many questions "
     "to take"),
    ("draw from an unknown quiz",
     "title: {id: Kuis, en: Quiz}\ndraw: 2\nfrom: [visa-ziara]\n",
     "quizzes/x.yaml:3: draws from unknown quiz 'visa-ziara'; did you mean 'visa-ziarah'?"),
    ("image outside the media folder",
     edit("    explanation:", "    image: ../secret.png\n    explanation:"),
     "quizzes/x.yaml:13: question 'q1': 'image' must be a file name in content/media/, e.g. "
     "'image: iklan-palsu.png'"),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_each_mistake_is_named_with_its_file_and_line_and_the_quiz_is_left_out(
        app, quizzes, text, message):
    write_quiz(quizzes)  # a good quiz next to the broken one keeps serving
    found, quiz = problems(app, quizzes, text)
    assert ("error", message) in found
    assert quiz is None
    with app.app_context():
        assert get_quizbook().quiz("visa-ziarah") is not None


WARNINGS = [
    ("no English text",
     edit("text: {id: Pertanyaan, en: Question}", "text: {id: Pertanyaan}"),
     ["quizzes/x.yaml:6: question 'q1': 'text' has no English text ('en'); the Indonesian "
      "text is shown instead"]),
    ("plain text is Indonesian only",
     edit("explanation: {id: Karena, en: Because}", "explanation: Karena"),
     ["quizzes/x.yaml:13: question 'q1': 'explanation' has no English text ('en'); the "
      "Indonesian text is shown instead"]),
    ("a section that is not a heading",
     edit("    explanation:", "    section: {id: tidak-ada, en: bagian-satu}\n    explanation:"),
     ["quizzes/x.yaml:13: question 'q1': section 'tidak-ada' is not a heading of "
      "content/id/visa-ziarah.md; headings: bagian-satu"]),
    ("a section without English",
     edit("    explanation:", "    section: bagian-satu\n    explanation:"),
     ["quizzes/x.yaml:13: question 'q1': 'section' has no English heading ('en'); the English "
      "lesson opens at the top"]),
    ("an image that is not there",
     edit("    explanation:", "    image: iklan.png\n    explanation:"),
     ["quizzes/x.yaml:13: question 'q1': image media/iklan.png does not exist in the media "
      "folder; the question is shown without it"]),
]


@pytest.mark.parametrize("text, messages", [c[1:] for c in WARNINGS],
                         ids=[c[0] for c in WARNINGS])
def test_warnings_are_named_but_the_quiz_still_serves(app, quizzes, text, messages):
    found, quiz = problems(app, quizzes, text)
    assert found == [("warning", m) for m in messages]
    assert quiz is not None


def test_a_section_may_be_written_as_the_heading_text(app, quizzes):
    text = edit("    explanation:", "    section: {id: Bagian satu, en: Bagian Satu}\n"
                "    explanation:")
    found, quiz = problems(app, quizzes, text)
    assert found == [] and quiz.questions[0].section == {"id": "bagian-satu", "en": "bagian-satu"}


def test_an_image_in_the_media_folder_is_shown_with_its_alt_text(app, quizzes, content_dir,
                                                                 client):
    (content_dir / "media" / "iklan.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    text = edit("    explanation:", "    image: media/iklan.png\n"
                "    image_alt: {id: Iklan lowongan, en: A job ad}\n    explanation:")
    found, quiz = problems(app, quizzes, text)
    assert found == [] and quiz.questions[0].image == "iklan.png"
    page = client.get("/kuis/x").get_data(as_text=True)
    assert '<img class="quiz-image" src="/media/iklan.png" alt="Iklan lowongan">' in page


def test_a_file_name_that_is_not_a_slug_is_refused(app, quizzes):
    found, _ = problems(app, quizzes, GOOD, "Kuis Visa")
    assert found == [("error", "quizzes/Kuis Visa.yaml: file name must be a slug: lowercase "
                               "letters, digits and '-', e.g. visa-ziarah.yaml")]


def test_bytes_that_are_not_utf8_are_named_by_line(app, quizzes):
    found, _ = problems(app, quizzes, b"title: {id: Kuis}\nlessons: [\xff]\n")
    assert found == [("error", "quizzes/x.yaml:2: is not valid UTF-8; save it as UTF-8 text")]


def test_several_mistakes_in_one_file_are_all_reported(app, quizzes):
    text = edit("type: single", "type: pilihan", edit("lessons: [visa-ziarah]",
                                                      "lessons: [tidak-ada]"))
    found, _ = problems(app, quizzes, text)
    assert [m.split(": ", 1)[0] for _, m in found] == ["quizzes/x.yaml:2", "quizzes/x.yaml:5"]


def test_edits_show_without_a_restart_and_broken_quizzes_are_counted(app, quizzes, client,
                                                                    caplog):
    assert client.get("/kuis/x").status_code == 404
    write(quizzes / "x.yaml", edit("        correct: true\n", ""))
    look(app)
    assert client.get("/kuis/x").status_code == 404
    health = client.get("/healthz").get_json()
    assert health["quiz_errors"] == 1 and health["status"] == "degraded"
    assert "quizzes/x.yaml:7: question 'q1' has no correct option" in caplog.text
    write(quizzes / "x.yaml", GOOD)
    look(app)
    assert client.get("/kuis/x").status_code == 200
    assert client.get("/healthz").get_json()["quiz_errors"] == 0
    (quizzes / "x.yaml").unlink()
    look(app)
    assert client.get("/kuis/x").status_code == 404


def test_a_removed_lesson_takes_its_quiz_out_with_a_clear_message(app, quizzes, client,
                                                                 content_dir):
    write(quizzes / "x.yaml", GOOD)
    look(app)
    assert client.get("/kuis/x").status_code == 200
    (content_dir / "id" / "visa-ziarah.md").unlink()
    (content_dir / "en" / "visa-ziarah.md").unlink()
    look(app)
    assert client.get("/kuis/x").status_code == 404
    with app.app_context():
        assert [str(p) for p in get_quizbook().shelf.errors] == [
            "quizzes/x.yaml:2: unknown lesson 'visa-ziarah' (no lesson in content/ has this "
            "file name)"]


def test_a_drawn_quiz_warns_when_it_has_fewer_questions_than_it_draws(app, quizzes):
    write(quizzes / "visa-ziarah.yaml", QUIZ)
    found, quiz = problems(app, quizzes, "title: {id: Campuran, en: Mixed}\ndraw: 9\n", "campur")
    assert found == [("warning", "quizzes/campur.yaml:2: draws 9 questions but only 4 are "
                                 "available; each attempt has 4")]
    assert quiz.size == 4 and [q.id for q in quiz.pool][:1] == ["visa-ziarah/q1"]


def test_a_drawn_quiz_skips_a_broken_source_with_a_warning(app, quizzes):
    write(quizzes / "visa-ziarah.yaml", QUIZ)
    write(quizzes / "rusak.yaml", edit("        correct: true\n", ""))
    found, quiz = problems(app, quizzes, "title: {id: Campuran, en: Mixed}\ndraw: 2\n"
                           "from: [visa-ziarah, rusak]\n", "campur")
    assert ("warning", "quizzes/campur.yaml:3: draws from quiz 'rusak', which has errors and "
                       "is left out") in found
    assert quiz.size == 2


def test_the_check_command_lists_problems_and_fails_on_errors(app, quizzes, runner):
    write(quizzes / "x.yaml", edit("        correct: true\n", ""))
    with app.app_context():
        get_quizbook()
    result = runner.invoke(args=["quizzes", "check"])
    assert result.exit_code == 1
    # The quiz part of `kiosk content check`: the same lines and summary.
    assert result.output.splitlines() == [
        "quizzes/cek-tawaran.yaml: warning: is missing; the job-offer checker ('Cek tawaran "
        "kerja') is not shown",
        "quizzes/x.yaml:7: error: question 'q1' has no correct option",
        "Checked 4 lessons and 1 quiz file: 1 error, 1 warning.",
    ]


def true_false(qid, answer):
    return textwrap.indent(textwrap.dedent(f"""\
        - id: {qid}
          type: truefalse
          text: {{id: Pernyataan {qid}, en: Statement {qid}}}
          answer: {answer}
          explanation: {{id: Karena, en: Because}}
        """), "  ")


def multiple(qid, wrong):
    options = "".join(f"      - id: s{i}\n        text: {{id: Salah {i}, en: Wrong {i}}}\n"
                      for i in range(wrong))
    return textwrap.indent(textwrap.dedent(f"""\
        - id: {qid}
          type: multiple
          text: {{id: Mana saja? {qid}, en: Which? {qid}}}
          options:
            - id: b
              correct: true
              text: {{id: Benar, en: Right}}
        """), "  ") + options + "    explanation: {id: Karena, en: Because}\n"


PATTERNS = [
    ("true/false all 'salah'", true_false("t1", "salah") + true_false("t2", "salah"),
     ["quizzes/x.yaml:17: every true/false answer in this quiz is 'salah' (2 of 2); write some "
      "statements whose answer is 'benar', so the answer cannot be guessed"]),
    ("true/false all 'benar'", true_false("t1", "benar") + true_false("t2", "benar"),
     ["quizzes/x.yaml:17: every true/false answer in this quiz is 'benar' (2 of 2); write some "
      "statements whose answer is 'salah', so the answer cannot be guessed"]),
    ("multiple-select with one wrong option each", multiple("m1", 1) + multiple("m2", 1),
     ["quizzes/x.yaml:14: every multiple-select question in this quiz has 1 wrong option; vary "
      "how many options are wrong, so the answer cannot be guessed"]),
    ("mixed true/false", true_false("t1", "salah") + true_false("t2", "benar"), []),
    ("varied multiple-select", multiple("m1", 1) + multiple("m2", 2), []),
    ("a single true/false question", true_false("t1", "salah"), []),
]


@pytest.mark.parametrize("more, messages", [c[1:] for c in PATTERNS],
                         ids=[c[0] for c in PATTERNS])
def test_guessable_answer_patterns_are_warned_with_file_and_line(app, quizzes, more, messages):
    found, quiz = problems(app, quizzes, GOOD + more)
    assert found == [("warning", m) for m in messages]
    assert quiz is not None


def test_a_pattern_across_the_whole_quizzes_folder_is_warned_once(app, quizzes):
    for name in ("satu", "tiga"):
        write(quizzes / f"{name}.yaml", GOOD + true_false("t1", "salah") + multiple("m1", 2))
    found, _ = problems(app, quizzes, GOOD + true_false("t1", "salah") + multiple("m1", 2),
                        name="dua")
    assert found == [
        ("warning", "quizzes/dua.yaml:17: every true/false answer in the quizzes folder is "
                    "'salah' (3 of 3); write some statements whose answer is 'benar', so the "
                    "answer cannot be guessed"),
        ("warning", "quizzes/dua.yaml:19: every multiple-select question in the quizzes folder "
                    "has 2 wrong options; vary how many options are wrong, so the answer cannot "
                    "be guessed")]


def test_two_alike_answers_in_two_files_are_chance_not_a_pattern(app, quizzes):
    write(quizzes / "satu.yaml", GOOD + true_false("t1", "salah"))
    found, _ = problems(app, quizzes, GOOD + true_false("t1", "salah"), name="dua")
    assert found == []
