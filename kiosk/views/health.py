"""/healthz: a small JSON answer for whoever supervises the kiosk PC.

It says whether lessons are served, how many content files have errors, and how many lesson
files no officer has reviewed yet; a phone in the hall gets the status only.
"""

from flask import Blueprint, current_app, jsonify

from ..content import get_glossary, get_library
from ..office import office_is_set
from ..quiz import get_quizbook
from .ui import from_phone

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    library = get_library()
    shelf = library.shelf
    content_errors = [*shelf.errors, *get_glossary().errors]
    counts = library.counts()
    quiz_errors = get_quizbook().shelf.errors
    sessions = current_app.extensions["presenter.sessions"]
    session_errors = [p for p in sessions.problems if p.severity == "error"]
    status = "ok"
    if content_errors or quiz_errors or session_errors:
        status = "degraded"
    # What the kiosk does without its data folder (full or read-only): it serves, and says so.
    reasons = []
    store = current_app.extensions.get("stats")
    if store is not None and store.trouble:
        reasons.append(f"stats kept in memory: the data folder refuses writes ({store.trouble})")
    search = current_app.extensions["search"]
    if search.trouble:
        reasons.append(f"search answers from the lesson list: {search.trouble}")
    if reasons and status == "ok":
        status = "degraded"
    if not any(counts.values()):
        status = "no-content"
    if from_phone():
        # The details name files and folders on the kiosk PC: for its supervisor only.
        return jsonify(status=status)
    return jsonify(
        status=status,
        lessons=counts,
        categories=len(shelf.categories),
        content_errors=len(content_errors),
        content_warnings=len(shelf.warnings),
        unreviewed=len(library.unreviewed()),
        quiz_errors=len(quiz_errors),
        session_errors=len(session_errors),
        # A supervisor sees at once whether usage is being counted.
        stats="off" if store is None else "memory" if store.trouble else "on",
        # Until `kiosk setup` has run, villagers see no local office to call.
        office="set" if office_is_set(current_app.config) else "not set",
        # Read-aloud: "on", "recordings" (no eSpeak NG: only recorded lessons are heard) or
        # "off" (with SPEECH = False too); the kiosk works anyway.
        audio=current_app.extensions["audio"].state,
        reasons=reasons,
        errors=[str(e) for e in [*content_errors, *quiz_errors, *session_errors][:50]],
    )
