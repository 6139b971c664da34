"""Dengarkan: what the Listen button fetches (a page's playlist) and plays (clips, recordings).

The speech itself is made ahead by kiosk/audio (app.extensions["audio"]); this only serves it.
"""

import re

from flask import (
    Blueprint,
    abort,
    current_app,
    jsonify,
    request,
    send_file,
    url_for,
)
from flask_babel import get_locale

from .. import events
from ..audio.recordings import parse_name
from ..quiz import get_quizbook
from .errors import MESSAGES

bp = Blueprint("listen", __name__)

# A clip is named by its key alone; anything else is refused before the disk is asked.
CLIP_NAME = re.compile(r"^[0-9a-f]{32}\.ogg$")
# Ids as they come from the page: a slug, a quiz or question id (a drawn question: quiz/id).
PAGE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}(?:/[A-Za-z0-9][A-Za-z0-9_.-]{0,79})?$")
MAX_LISTED = 30  # signs on a checker result

# Each page the button is on, the ids its playlist needs, and which of them are lists.
PAGES = {
    "lesson": ("slug",),
    "quiz_question": ("quiz", "question"),
    "quiz_feedback": ("quiz", "question", "outcome"),
    "checker_question": ("question",),
    "checker_result": ("level", "signs", "find_out"),
    "report": (),
    "attract": (),
}
LISTS = ("signs", "find_out")
OUTCOMES = ("right", "wrong", "partly")
# Clips never change under their key, a recording is renamed by no one: a year is safe for
# the clip, an hour for a recording an officer may record again.
CLIP_MAX_AGE = 365 * 24 * 3600
RECORDING_MAX_AGE = 3600


def speech():
    """The kiosk's speech when it can say anything, else None (then no button anywhere)."""
    found = current_app.extensions.get("audio")
    return found if found is not None and found.available else None


@bp.app_template_global()
def listen_url(page, lang=None, **ids):
    """The playlist URL for the Dengarkan button of this page, or None for no button.

    ``lang``: the language of what is shown (a lesson shown in Indonesian to an English
    visit is read in Indonesian); the visit's language by default."""
    found = speech()
    lang = lang or str(get_locale())
    if found is None or not found.can_read(page, lang, **ids):
        return None
    args = {name: ",".join(value) if name in LISTS else value for name, value in ids.items()}
    return url_for("listen.playlist", page=page, lang=lang, **args)


def _not_found():
    return jsonify(error=str(MESSAGES[404][0])), 404


def _ids(page):
    """The page's ids from the query, or None when one is missing or not of its form."""
    ids = {}
    for name in PAGES[page]:
        value = request.args.get(name, "")
        if name in LISTS:
            items = [item for item in value.split(",") if item] if value else []
            if len(items) > MAX_LISTED or not all(PAGE_ID.match(item) for item in items):
                return None
            ids[name] = items
        elif name == "outcome":
            if value not in OUTCOMES:
                return None
            ids[name] = value
        elif not PAGE_ID.match(value):
            return None
        else:
            ids[name] = value
    return ids


def _counted_as(page, ids):
    """(page, item) of the `listened` event: which lesson, question or screen was heard."""
    if page == "lesson":
        return "lesson", ids["slug"]
    if page in ("quiz_question", "quiz_feedback"):
        # As a quiz answer is counted: a drawn question under the quiz it was written in.
        quiz = get_quizbook().quiz(ids["quiz"])
        question = quiz.question(ids["question"]) if quiz else None
        owner = (question.quiz if question is not None else None) or ids["quiz"]
        return "quiz", f"{owner}/{ids['question'].rsplit('/', 1)[-1]}"
    if page == "checker_question":
        return "checker", ids["question"]
    if page == "checker_result":
        return "checker", "hasil"
    return page, ""


def _part_for_page(part):
    """A playlist part with its clip and recording names turned into this kiosk's URLs."""
    shown = dict(part)
    clip, recording = part.get("audio"), part.get("recording")
    shown["audio"] = url_for("listen.clip", name=clip) if clip else None
    if recording:
        lang, _, name = recording.partition("/")
        shown["recording"] = url_for("listen.recording", lang=lang, name=name)
    else:
        shown["recording"] = None
    # What the player plays: an officer's own voice wins over the synthetic one.
    shown["src"] = shown["recording"] or shown["audio"]
    return shown


@bp.get("/dengar/<page>.json")
def playlist(page):
    found = speech()
    lang = request.args.get("lang") or str(get_locale())
    if found is None or page not in PAGES or lang not in current_app.config["LANGUAGES"]:
        return _not_found()
    ids = _ids(page)
    if ids is None or not found.can_read(page, lang, **ids):
        return _not_found()
    made = found.playlist(page, lang, **ids)
    if made is None:
        return _not_found()
    parts = [_part_for_page(part) for part in made.get("parts", [])]
    if any(part["src"] is None for part in parts):
        found.ensure_rendering()  # never waits: the villager is told to try again soon
    if any(part["src"] for part in parts):
        counted_page, item = _counted_as(page, ids)
        events.record("listened", page=counted_page, item=item, lang=lang)
    response = jsonify(lang=made.get("lang", lang), parts=parts)
    # A part rendered a moment later must be seen by the next tap.
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/dengar/klip/<name>")
def clip(name):
    found = speech()
    if found is None or not CLIP_NAME.match(name):
        abort(404)
    path = found.clip_path(name)
    if path is None:
        _clip_gone(found, name)
    return _send(path, CLIP_MAX_AGE, immutable=True, gone=lambda: _clip_gone(found, name))


def _clip_gone(found, name):
    """A clip not (or no longer) on disk: a build's prune or someone freeing disk removed
    it. Forgotten, and made again in the background, so the next tap plays it."""
    found.store.forget(name.removesuffix(".ogg"))
    found.ensure_rendering()
    abort(404)


@bp.get("/dengar/rekaman/<lang>/<name>")
def recording(lang, name):
    found = speech()
    # content/audio/<lang>/<slug>[#section].<suffix>: no folder, no dot file.
    known = lang in current_app.config["LANGUAGES"] and parse_name(name) is not None
    path = found.recording_path(lang, name) if found is not None and known else None
    if path is None:
        abort(404)
    return _send(path, RECORDING_MAX_AGE, immutable=False)


def _send(path, max_age, immutable, gone=None):
    try:
        # conditional=True answers Range requests (206) and If-None-Match (304).
        response = send_file(path, conditional=True, max_age=max_age, etag=True)
    except OSError:  # gone between the lookup and the read (a rebuild removed it)
        if gone is not None:
            gone()
        abort(404)
    if path.suffix == ".ogg":
        response.mimetype = "audio/ogg"
    if immutable:
        response.headers["Cache-Control"] = f"public, max-age={max_age}, immutable"
    return response
