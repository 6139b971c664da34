"""Taking a quiz: one question per screen, feedback after each answer, then the score.

The attempt lives in the signed session cookie (seed, token, answers); grading is on the server.
"""

import hmac
import secrets

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import events
from ..content import get_library
from ..quiz import AnswerRejected, get_quizbook, grade, options_from_positions
from .errors import rejected

bp = Blueprint("quiz", __name__)

ATTEMPT = "kuis"  # the session key; one attempt at a time is all a kiosk needs


class Attempt:
    """One go at a quiz, as kept in the session: small, and checked on every request."""

    def __init__(self, state):
        self.state = state

    @classmethod
    def start(cls, quiz, old_seed=None):
        seed = secrets.randbelow(2**31)
        old = quiz.paper(old_seed) if old_seed is not None else None
        # "Coba lagi" should look different: retry a few seeds for a new question order.
        for _attempt in range(5):
            if old is None or [q.id for q in quiz.paper(seed)] != [q.id for q in old]:
                break
            seed = secrets.randbelow(2**31)
        state = {"quiz": quiz.slug, "seed": seed, "token": secrets.token_urlsafe(12),
                 "answers": [], "last": None}
        session[ATTEMPT] = state
        return cls(state)

    @classmethod
    def current(cls, quiz):
        """The session's attempt at this quiz if it still fits the quiz as it is now."""
        state = session.get(ATTEMPT)
        if not isinstance(state, dict) or state.get("quiz") != quiz.slug:
            return None
        try:
            attempt = cls(state)
            paper = attempt.paper(quiz)
            answered = [qid for qid, _right in attempt.answers]
        except (KeyError, TypeError, ValueError):
            return None
        if answered != [q.id for q in paper[:len(answered)]]:
            return None  # the quiz was edited since; its questions are no longer the same
        return attempt

    seed = property(lambda self: self.state["seed"])
    token = property(lambda self: self.state["token"])
    answers = property(lambda self: self.state["answers"])

    def paper(self, quiz):
        return quiz.paper(self.seed)

    def finished(self, quiz):
        return len(self.answers) >= quiz.size

    def score(self):
        return sum(1 for _qid, right in self.answers if right)

    def save(self, question, chosen, correct):
        self.state["answers"] = [*self.answers, [question.id, int(correct)]]
        self.state["last"] = [question.id, [o.id for o in chosen]]
        session[ATTEMPT] = self.state  # nested changes alone would not mark the cookie dirty


def _lang():
    return str(get_locale())


def _quiz_or_404(slug):
    quiz = get_quizbook().quiz(slug)
    if quiz is None:
        abort(404, f"Quiz {slug!r} does not exist.")
    return quiz


def _back_url(quiz):
    if len(quiz.lessons) == 1 and not quiz.is_drawn:
        return url_for("lessons.lesson", slug=quiz.lessons[0])
    return url_for("quiz.index")


def _reject(slug=None):
    if slug and get_quizbook().quiz(slug):
        return rejected(url_for("quiz.question", slug=slug), _("Lanjutkan kuis"))
    return rejected(url_for("quiz.index"), _("Lihat semua kuis"))


def lesson_link(question, lang):
    """(url, lesson title, section title) for the lesson part that teaches a question."""
    if not question.lesson:
        return None
    lesson, _ = get_library().lesson(question.lesson, lang)
    if lesson is None:
        return None
    anchor = question.section.get(lesson.lang)
    heading = dict(lesson.headings).get(anchor) if anchor else None
    url = url_for("lessons.lesson", slug=lesson.slug) + (f"#{anchor}" if heading else "")
    return {"url": url, "title": lesson.title, "section": heading}


@bp.after_request
def _no_store(response):
    # Answers and scores must not come back from the browser cache for the next villager.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.app_template_global()
def quiz_book():
    return get_quizbook()


@bp.get("/kuis")
def index():
    book = get_quizbook()
    library, lang = get_library(), _lang()
    rows = []
    for quiz in book.quizzes():
        lesson = None
        if not quiz.is_drawn and quiz.lessons:
            lesson = library.lesson(quiz.lessons[0], lang)[0]
        rows.append((quiz, lesson))
    return render_template("quiz/index.html", rows=rows, lang=lang,
                           back_url=url_for("lessons.home"))


@bp.get("/kuis/<slug>")
def question(slug):
    quiz = _quiz_or_404(slug)
    attempt = Attempt.current(quiz)
    if attempt is None or attempt.finished(quiz):
        attempt = Attempt.start(quiz)
    return _question_page(quiz, attempt)


def _question_page(quiz, attempt, problem=None):
    paper = attempt.paper(quiz)
    current = paper[len(attempt.answers)]
    options = list(enumerate(current.options_for(attempt.seed), start=1))
    return render_template(
        "quiz/question.html", quiz=quiz, question=current, options=options,
        number=len(attempt.answers) + 1, total=quiz.size, token=attempt.token,
        problem=problem, lang=_lang(), back_url=_back_url(quiz),
    ), 400 if problem else 200


@bp.post("/kuis/<slug>")
def answer(slug):
    quiz = get_quizbook().quiz(slug)
    form = request.form
    attempt = Attempt.current(quiz) if quiz else None
    token, qid = form.get("attempt", ""), form.get("question", "")
    if attempt is None or not hmac.compare_digest(token.encode(), attempt.token.encode()):
        return _reject(slug)
    if attempt.finished(quiz):
        return _reject(slug)
    current = attempt.paper(quiz)[len(attempt.answers)]
    if qid != current.id:  # already answered, out of order, or no such question
        return _reject(slug)
    positions = form.getlist("pilihan")
    if not positions:
        return _question_page(quiz, attempt, _("Pilih jawaban dulu, lalu tekan Periksa jawaban."))
    try:
        chosen = options_from_positions(current, attempt.seed, positions)
        verdict = grade(current, chosen)
    except AnswerRejected:
        return _reject(slug)
    attempt.save(current, chosen, verdict.correct)
    # A drawn question counts for the quiz it was written in, so the dashboard's
    # per-question correctness adds up however the villager met it.
    # Only the wrong options picked: the report's "most chosen wrong answer" must never
    # name a right option that came with a wrong or missing one.
    events.record("quiz_answer", quiz=current.quiz or quiz.slug,
                  question=current.id.rsplit("/", 1)[-1], correct=verdict.correct,
                  options=[o.id for o in verdict.wrongly_chosen])
    if attempt.finished(quiz):
        events.record("quiz_completed", quiz=quiz.slug, score=attempt.score(), total=quiz.size)
    return redirect(url_for("quiz.feedback", slug=slug), 303)


@bp.get("/kuis/<slug>/jawaban")
def feedback(slug):
    quiz = _quiz_or_404(slug)
    attempt = Attempt.current(quiz)
    last = attempt.state.get("last") if attempt else None
    question = quiz.question(last[0]) if last else None
    chosen = [question.option(oid) for oid in last[1]] if question else []
    if not question or not chosen or None in chosen:
        return redirect(url_for("quiz.question", slug=slug), 303)
    verdict = grade(question, chosen)
    lang = _lang()
    return render_template(
        "quiz/feedback.html", quiz=quiz, question=question, verdict=verdict,
        options=question.options_for(attempt.seed), number=len(attempt.answers),
        total=quiz.size, finished=attempt.finished(quiz), lesson=lesson_link(question, lang),
        lang=lang, back_url=_back_url(quiz),
    )


@bp.get("/kuis/<slug>/hasil")
def result(slug):
    quiz = _quiz_or_404(slug)
    attempt = Attempt.current(quiz)
    if attempt is None or not attempt.finished(quiz):
        return redirect(url_for("quiz.question", slug=slug), 303)
    lang = _lang()
    wrong = [quiz.question(qid) for qid, right in attempt.answers if not right]
    revisit = []
    for question in wrong:
        link = lesson_link(question, lang)
        if link and link not in revisit:
            revisit.append(link)
    score, total = attempt.score(), quiz.size
    return render_template(
        "quiz/result.html", quiz=quiz, score=score, total=total, revisit=revisit,
        token=attempt.token, lang=lang, back_url=_back_url(quiz),
        mood="all" if score == total else "most" if score * 2 >= total else "few",
    )


@bp.post("/kuis/<slug>/ulang")
def again(slug):
    quiz = get_quizbook().quiz(slug)
    attempt = Attempt.current(quiz) if quiz else None
    token = request.form.get("attempt", "")
    if attempt is None or not hmac.compare_digest(token.encode(), attempt.token.encode()):
        return _reject(slug)
    Attempt.start(quiz, old_seed=attempt.seed)
    return redirect(url_for("quiz.question", slug=slug), 303)
