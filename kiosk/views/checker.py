"""Cek tawaran kerja: a guided checklist about one job offer, ending in a clear verdict.

The answers stay in the signed session cookie until the verdict; nothing names the villager.
"""

import hmac
import secrets

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import events
from ..content import get_library
from ..content.take_home import Contacts, checker_text
from ..office import office_is_set
from ..presenter.qr import qr_svg
from ..quiz import get_quizbook
from ..quiz.checker import ANSWERS
from .errors import rejected
from .ui import where

bp = Blueprint("checker", __name__)

CHECK = "cek"  # the session key


def _checker_or_404():
    checker = get_quizbook().checker
    if checker is None:
        abort(404, "The job-offer checker is not available.")
    return checker


def _state():
    state = session.get(CHECK)
    if not isinstance(state, dict) or not isinstance(state.get("answers"), dict):
        return None
    return state


def _next_open(checker, answers):
    """The first question without an answer, or None when all are answered."""
    return next((s for s in checker.signs if s.id not in answers), None)


def _reject():
    return rejected(url_for("checker.intro"), _("Lanjutkan cek tawaran"))


@bp.after_request
def _no_store(response):
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/cek-tawaran")
def intro():
    checker = _checker_or_404()
    state = _state()
    going = None
    if state and not state.get("done") and state["answers"]:
        going = _next_open(checker, state["answers"]) or checker.signs[-1]
    return render_template("checker/intro.html", checker=checker, going=going,
                           lang=str(get_locale()), back_url=url_for("lessons.home"))


@bp.post("/cek-tawaran")
def start():
    checker = _checker_or_404()
    session[CHECK] = {"token": secrets.token_urlsafe(12), "answers": {}, "done": False}
    return redirect(url_for("checker.ask", sign_id=checker.signs[0].id), 303)


@bp.get("/cek-tawaran/<sign_id>")
def ask(sign_id):
    checker = _checker_or_404()
    sign = checker.sign(sign_id)
    if sign is None:
        abort(404, f"Question {sign_id!r} does not exist.")
    state = _state()
    if state is None:
        return redirect(url_for("checker.intro"), 303)
    if state.get("done"):
        return redirect(url_for("checker.result"), 303)
    answers = state["answers"]
    ahead = _next_open(checker, answers)
    if sign.id not in answers and ahead is not None and ahead.id != sign.id:
        return redirect(url_for("checker.ask", sign_id=ahead.id), 303)  # no skipping ahead
    index = checker.signs.index(sign)
    back = (url_for("checker.ask", sign_id=checker.signs[index - 1].id) if index
            else url_for("checker.intro"))
    return render_template(
        "checker/question.html", checker=checker, sign=sign, number=index + 1,
        total=len(checker.signs), token=state["token"], given=answers.get(sign.id),
        lang=str(get_locale()), back_url=back,
    )


@bp.post("/cek-tawaran/<sign_id>")
def answer(sign_id):
    checker = get_quizbook().checker
    sign = checker.sign(sign_id) if checker else None
    state = _state()
    form = request.form
    token, given = form.get("attempt", ""), form.get("jawaban", "")
    if (sign is None or state is None or state.get("done")
            or not hmac.compare_digest(token.encode(), str(state.get("token")).encode())
            or given not in ANSWERS):
        return _reject()
    answers = dict(state["answers"])
    ahead = _next_open(checker, answers)
    if sign.id not in answers and (ahead is None or ahead.id != sign.id):
        return _reject()
    answers[sign.id] = given
    index = checker.signs.index(sign)
    following = checker.signs[index + 1] if index + 1 < len(checker.signs) else None
    following = following or _next_open(checker, answers)
    if following is not None:
        session[CHECK] = {**state, "answers": answers}
        return redirect(url_for("checker.ask", sign_id=following.id), 303)
    verdict = checker.verdict(answers)
    session[CHECK] = {**state, "answers": answers, "done": True}
    events.record("checker_result", risk=verdict.risk, flags=verdict.flags)
    return redirect(url_for("checker.result"), 303)


def _verdict(checker):
    """The finished check's verdict, or None (not finished, or the checklist changed since)."""
    state = _state()
    if state is None or not state.get("done"):
        return None, state
    try:
        return checker.verdict(state["answers"]), state
    except ValueError:  # the checklist was edited since; its questions changed
        session.pop(CHECK, None)
        return None, state


@bp.get("/cek-tawaran/hasil")
def result():
    checker = _checker_or_404()
    verdict, state = _verdict(checker)
    if verdict is None:
        return redirect(url_for("checker.intro"), 303)
    lang = str(get_locale())
    library = get_library()

    def lesson(slug):
        found = library.lesson(slug, lang)[0] if slug else None
        return found and {"url": url_for("lessons.lesson", slug=found.slug),
                          "title": found.title}

    return render_template(
        "checker/result.html", checker=checker, verdict=verdict, answers=state["answers"],
        level=checker.levels[verdict.risk], lesson=lesson, lang=lang,
        numbers=current_app.config["REPORT_NUMBERS"], back_url=url_for("lessons.home"),
        office_set=office_is_set(current_app.config),
    )


@bp.get("/cek-tawaran/hasil/bawa-pulang")
def take_home():
    """The result as a QR of plain text: the level, its advice and the numbers to call."""
    checker = _checker_or_404()
    verdict, _state_now = _verdict(checker)
    if verdict is None:
        return redirect(url_for("checker.intro"), 303)
    lang = str(get_locale())
    level = checker.levels[verdict.risk]
    text = checker_text(checker.title.show(lang), level.title.show(lang),
                        level.advice.show(lang), Contacts.from_config(current_app.config, lang))
    events.record("take_home", what="qr", item="cek-tawaran", lang=lang,
                  where=where())
    return render_template("take_home/qr.html", code=qr_svg(text, level.title.show(lang)),
                           text=text, what=level.title.show(lang),
                           back_url=url_for("checker.result"))
