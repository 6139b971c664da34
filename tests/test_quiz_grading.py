"""Grading each question type, and the seeded order of questions and options."""

import pytest

from kiosk.quiz import AnswerRejected, Option, Question, Quiz, Text, grade, options_from_positions
from kiosk.quiz.model import FALSE, TRUE, drawn_copy


def option(oid, correct=False):
    return Option(oid, Text({"id": f"Opsi {oid}", "en": f"Option {oid}"}), correct)


def question(kind="single", correct=("b",), ids=("a", "b", "c", "d"), qid="q1", **extra):
    if kind == "truefalse":
        options = (Option(TRUE, None, TRUE in correct), Option(FALSE, None, FALSE in correct))
    else:
        options = tuple(option(i, i in correct) for i in ids)
    return Question(id=qid, type=kind, text=Text({"id": "Soal"}), options=options,
                    explanation=Text({"id": "Sebab"}), **extra)


def pick(q, *ids):
    return [q.option(i) for i in ids]


@pytest.mark.parametrize("kind, correct, chosen, right", [
    ("single", ("b",), ("b",), True),
    ("single", ("b",), ("a",), False),
    ("scenario", ("c",), ("c",), True),
    ("scenario", ("c",), ("d",), False),
    ("truefalse", (FALSE,), (FALSE,), True),
    ("truefalse", (FALSE,), (TRUE,), False),
    ("truefalse", (TRUE,), (TRUE,), True),
    ("multiple", ("a", "c"), ("a", "c"), True),
    ("multiple", ("a", "c"), ("c", "a"), True),
    ("multiple", ("a", "c"), ("a",), False),  # a right one missed
    ("multiple", ("a", "c"), ("a", "b", "c"), False),  # a wrong one added
    ("multiple", ("a", "c"), ("b", "d"), False),
    ("multiple", ("a",), ("a",), True),
])
def test_each_type_is_graded_all_or_nothing(kind, correct, chosen, right):
    q = question(kind, correct)
    verdict = grade(q, pick(q, *chosen))
    assert verdict.correct is right
    assert {o.id for o in verdict.missed} == set(correct) - set(chosen)


@pytest.mark.parametrize("kind, chosen, reason", [
    ("single", (), "no option was chosen"),
    ("multiple", (), "no option was chosen"),
    ("single", ("a", "b"), "a 'single' question takes one answer"),
    ("truefalse", (TRUE, FALSE), "a 'truefalse' question takes one answer"),
    ("scenario", ("a", "b"), "a 'scenario' question takes one answer"),
])
def test_answers_no_screen_could_send_are_rejected(kind, chosen, reason):
    q = question(kind, (FALSE,) if kind == "truefalse" else ("b",))
    with pytest.raises(AnswerRejected, match=reason):
        grade(q, pick(q, *chosen))


def test_an_option_of_another_question_is_rejected():
    with pytest.raises(AnswerRejected, match="does not belong"):
        grade(question(), [option("z", True)])


def test_positions_map_to_the_options_in_the_order_the_seed_showed_them():
    q = question()
    shown = q.options_for(seed=7)
    assert options_from_positions(q, 7, ["1"]) == [shown[0]]
    assert options_from_positions(q, 7, ["4", "2"]) == [shown[1], shown[3]]


@pytest.mark.parametrize("values, reason", [
    (["0"], "no option at position 0"),
    (["5"], "no option at position 5"),
    (["a"], "is not a position"),
    (["-1"], "is not a position"),
    (["1.0"], "is not a position"),
    (["001"], "is not a position"),
    ([" 1"], "is not a position"),
    (["2", "2"], "sent twice"),
])
def test_positions_that_are_not_on_screen_are_rejected(values, reason):
    with pytest.raises(AnswerRejected, match=reason):
        options_from_positions(question(), 3, values)


def test_the_same_seed_gives_the_same_option_order_and_other_seeds_shuffle():
    q = question()
    assert q.options_for(11) == q.options_for(11)
    orders = {tuple(o.id for o in q.options_for(seed)) for seed in range(40)}
    assert len(orders) > 10


def test_true_false_and_unshuffled_questions_keep_their_order():
    tf = question("truefalse", (FALSE,))
    fixed = question(shuffle=False)
    for seed in range(20):
        assert [o.id for o in tf.options_for(seed)] == [TRUE, FALSE]
        assert [o.id for o in fixed.options_for(seed)] == ["a", "b", "c", "d"]


def quiz(slug="q", count=5, **extra):
    questions = tuple(question(qid=f"q{i}") for i in range(1, count + 1))
    return Quiz(slug=slug, title=Text({"id": "Kuis"}), path=f"quizzes/{slug}.yaml",
                lessons=("x",), questions=questions, **extra)


def test_a_paper_holds_every_question_once_in_a_seeded_order():
    k = quiz()
    assert [q.id for q in k.paper(3)] == [q.id for q in k.paper(3)]
    assert sorted(q.id for q in k.paper(3)) == ["q1", "q2", "q3", "q4", "q5"]
    assert len({tuple(q.id for q in k.paper(seed)) for seed in range(30)}) > 10
    assert k.size == 5


def test_a_drawn_paper_visits_every_source_quiz_before_repeating_one():
    pool = tuple(drawn_copy(q, src) for src, n in (("a", 4), ("b", 1), ("c", 3))
                 for q in quiz(src, n).questions)
    mixed = Quiz(slug="campur", title=Text({"id": "Campur"}), path="quizzes/campur.yaml",
                 draw=5, pool=pool)
    assert mixed.size == 5
    for seed in range(30):
        paper = mixed.paper(seed)
        assert len(paper) == 5 and len({q.id for q in paper}) == 5
        assert {q.quiz for q in paper[:3]} == {"a", "b", "c"}
        assert paper == mixed.paper(seed)
    assert mixed.question("b/q1").quiz == "b" and mixed.question("q1") is None


def test_a_drawn_quiz_never_asks_more_than_its_pool():
    pool = tuple(drawn_copy(q, "a") for q in quiz("a", 2).questions)
    mixed = Quiz(slug="m", title=Text({"id": "M"}), path="m", draw=8, pool=pool)
    assert mixed.size == 2 and len(mixed.paper(1)) == 2


def test_text_falls_back_to_indonesian_and_says_which_language_it_shows():
    text = Text({"id": "Paspor", "en": ""})
    assert text.show("en") == "Paspor" and text.lang_of("en") == "id"
    both = Text({"id": "Paspor", "en": "Passport"})
    assert both.show("en") == "Passport" and both.lang_of("en") == "en"
