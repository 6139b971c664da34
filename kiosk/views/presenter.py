"""Presenter mode: /presentasi/<slug> and /presentasi/sesi/<id> for the projector and the
presenter view, started and ended from the officer area (/petugas/presentasi)."""

import contextlib

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
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
from ..office import office_is_set
from ..presenter import deck as decks
from ..presenter.qr import qr_svg, tel_uri
from ..presenter.running import KEY, CountRefused, Presentation, read_count
from ..quiz import get_quizbook
from .guard import log_out, officer_required

bp = Blueprint("presenter", __name__)

LESSON, SESSION = "pelajaran", "sesi"


def get_sessions():
    return current_app.extensions["presenter.sessions"]


def _lang():
    return str(get_locale())


def _now():
    return current_app.extensions["clock"]()


@bp.after_request
def _no_store(response):
    # A presentation's pages and counts must not come back from the cache for a villager.
    response.headers["Cache-Control"] = "no-store"
    return response


# -- the officer's list ----------------------------------------------------------------


@bp.get("/petugas/presentasi")
@officer_required()
def index():
    library, lang = get_library(), _lang()
    book = get_sessions()
    categories = sorted(library.shelf.categories.values(), key=lambda c: c.order)
    shelves = [(cat, library.in_category(cat.id, lang)) for cat in categories]
    return render_template(
        "presenter/index.html", sessions=book.sessions(), shelves=[s for s in shelves if s[1]],
        problems=book.problems, lesson_title=lambda slug: _lesson_title(slug, lang),
        quiz_title=_quiz_title, lang=lang, problem=_start_problem(request.args.get("masalah")),
        back_url=url_for("officer.dashboard"),
    )


def _lesson_title(slug, lang):
    lesson, _fallback = get_library().lesson(slug, lang)
    return lesson.title if lesson else slug


def _quiz_title(slug):
    quiz = get_quizbook().quiz(slug)
    return quiz.title.show(_lang()) if quiz else slug


@bp.post("/petugas/presentasi/mulai")
@officer_required()
def start():
    kind, _sep, name = request.form.get("deck", "").partition(":")
    try:
        audience = read_count(request.form.get("hadirin"), "audience")
    except CountRefused:
        return _refused_start("hadirin")
    if kind == SESSION and get_sessions().session(name):
        lessons, target = get_sessions().session(name).lessons, url_for(".session_deck", sid=name)
    elif kind == LESSON and get_library().lesson(name, _lang())[0]:
        lessons, target = (name,), url_for(".lesson_deck", slug=name)
    else:
        return _refused_start("hilang")
    _finish_running(abandoned=True)
    session[KEY] = Presentation.start(f"{kind}:{name}", lessons, _now(), audience).state
    return redirect(target, 303)


def _refused_start(reason):
    # Only a reason travels in the address; the words are the kiosk's own.
    return redirect(url_for(".index", masalah=reason), 303)


def _start_problem(reason):
    if reason == "hadirin":
        return _("Jumlah hadirin harus angka, misalnya 40.")
    if reason == "hilang":
        return _("Presentasi itu tidak ada lagi. Pilih dari daftar.")
    return None


# -- the projector and the presenter view ------------------------------------------------


@bp.get("/presentasi/<slug>")
@officer_required()
def lesson_deck(slug):
    return _page("presenter/deck.html", *_lesson_deck(slug))


@bp.get("/presentasi/<slug>/pembicara")
@officer_required()
def lesson_view(slug):
    return _page("presenter/view.html", *_lesson_deck(slug))


@bp.get("/presentasi/sesi/<sid>")
@officer_required()
def session_deck(sid):
    return _page("presenter/deck.html", *_session_deck(sid))


@bp.get("/presentasi/sesi/<sid>/pembicara")
@officer_required()
def session_view(sid):
    return _page("presenter/view.html", *_session_deck(sid))


def _lesson_deck(slug):
    lesson, _fallback = get_library().lesson(slug, _lang())
    if lesson is None:
        abort(404, f"Lesson {slug!r} does not exist.")
    running = _running(f"{LESSON}:{slug}", (slug,))
    deck = decks.lesson_deck(lesson, get_library().renderer, _closing(lesson.lang),
                             _("Terima kasih"))
    urls = (url_for(".lesson_deck", slug=slug), url_for(".lesson_view", slug=slug))
    return deck, running, urls


def _session_deck(sid):
    found = get_sessions().session(sid)
    if found is None:
        abort(404, f"Session {sid!r} does not exist.")
    lang, library = _lang(), get_library()
    lessons = [library.lesson(slug, lang)[0] for slug in found.lessons]
    running = _running(f"{SESSION}:{sid}", found.lessons)
    quiz = get_quizbook().quiz(found.quiz) if found.quiz else None
    message = found.closing.show(lang) if found.closing else None
    deck = decks.session_deck(
        found, [ls for ls in lessons if ls is not None], library.renderer, lang,
        _closing(lang, message), _("Terima kasih"), quiz=quiz,
        quiz_texts=(_("Kuis bersama"),
                    _("Angkat tangan untuk jawaban yang Anda pilih. Tidak ada yang dinilai.")),
        seed=running.seed)
    urls = (url_for(".session_deck", sid=sid), url_for(".session_view", sid=sid))
    return deck, running, urls


def _running(key, lessons):
    """The session's presentation of this deck, started now if another one (or none) ran."""
    now = _now()
    running = Presentation.load(session.get(KEY))
    if running is None or running.deck != key:
        _finish_running(abandoned=True)
        running = Presentation.start(key, lessons, now)
    running.touch(now)
    session[KEY] = running.state
    return running


def _page(template, deck, running, urls):
    for line, message, path in deck.problems:
        current_app.logger.debug("%s:%s: %s", path, line, message)
    return render_template(template, deck=deck, running=running, deck_url=urls[0],
                           view_url=urls[1], elapsed=running.elapsed(_now()),
                           hands=running.hands)


def _closing(lang, message=None):
    """The closing slide: the national numbers, the local office, and QR codes to dial."""
    config = current_app.config
    numbers = []
    for entry in config["REPORT_NUMBERS"]:
        name, note = entry.get("name", {}), entry.get("note", {})
        numbers.append({"number": entry["number"], "tel": tel_uri(entry["number"]),
                        "name": name.get(lang) or name.get("id", ""),
                        "note": note.get(lang) or note.get("id", "")})
    office = {"name": config["OFFICE_NAME"], "phone": config["OFFICE_PHONE"],
              "address": config["OFFICE_ADDRESS"], "set": office_is_set(config)}
    codes = []
    # The first number is the national crisis centre; the QR codes are few and large.
    for label, number in ((numbers[0]["name"] if numbers else "", numbers[0]["number"]
                           if numbers else ""), (office["name"], office["phone"])):
        uri = tel_uri(number)
        if uri:
            codes.append((_qr(uri, _("Telepon %(name)s: %(number)s", name=label,
                                     number=number)), label, number))
    return decks.Closing(
        message or _("Jangan berangkat lewat calo. Jika ragu, tanyakan dulu. Jika ada "
                     "masalah, laporkan."),
        tuple(numbers), office, tuple(codes))


def _qr(uri, title):
    # The same few numbers on every closing slide: draw each code once per app.
    cache = current_app.extensions.setdefault("presenter.qr", {})
    if (uri, title) not in cache:
        cache[(uri, title)] = qr_svg(uri, title)
    return cache[(uri, title)]


# -- what the officer types, and the end ------------------------------------------------


def _posted_presentation():
    """The running presentation a POST names by its token, or None."""
    running = Presentation.load(session.get(KEY))
    if running is None or request.form.get("token") != running.token:
        return None
    return running


@bp.post("/petugas/presentasi/tangan")
def hands():
    """Hands raised for the right answer of one question (a form post from the script)."""
    running = _posted_presentation()
    if running is None:
        return jsonify(ok=False, message=_("Presentasi ini sudah selesai.")), 409
    question = request.form.get("question", "")
    try:
        count = read_count(request.form.get("hands"), "hands")
        if question.count("/") != 1 or not all(question.split("/")):
            raise CountRefused("question")
        running.set_hands(question, count)
    except CountRefused as exc:
        return jsonify(ok=False, message=_refusal(exc)), 400
    running.touch(_now())
    session[KEY] = running.state
    return jsonify(ok=True, hands=count)


@bp.post("/petugas/presentasi/hadirin")
def audience():
    running = _posted_presentation()
    if running is None:
        return jsonify(ok=False, message=_("Presentasi ini sudah selesai.")), 409
    try:
        count = read_count(request.form.get("hadirin"), "audience")
        running.set_audience(count)
    except CountRefused as exc:
        return jsonify(ok=False, message=_refusal(exc)), 400
    running.touch(_now())
    session[KEY] = running.state
    return jsonify(ok=True, audience=count)


def _refusal(exc):
    reason = exc.args[0] if exc.args else ""
    if reason == "more hands than people":
        return _("Jumlah tangan tidak boleh lebih dari jumlah hadirin.")
    if reason == "fewer people than hands":
        return _("Jumlah hadirin tidak boleh kurang dari jumlah tangan yang sudah dicatat.")
    return _("Tulis angka saja, misalnya 12.")


@bp.post("/petugas/presentasi/selesai")
def end():
    """Leave the presentation: record it, end the officer's login and go back to the kiosk's
    home screen.

    Leaving always works, even after the officer's login has timed out, so nobody is ever
    left in presenter mode; only a presentation this browser started is recorded. The login
    ends too: the next person at the screen is a villager, who must not find the officer
    area (or "present this lesson") open.
    """
    running = _posted_presentation()
    if running is not None:
        # A mistyped count at the door is not worth keeping the room waiting.
        with contextlib.suppress(CountRefused):
            running.set_audience(read_count(request.form.get("hadirin"), "audience")
                                 or running.audience)
        _finish_running()
    log_out()
    return redirect(url_for("lessons.home"), 303)


def _finish_running(abandoned=False):
    running = Presentation.load(session.pop(KEY, None))
    if running is None:
        return
    for kind, fields in running.events(_now(), abandoned=abandoned):
        events.record(kind, **fields)
