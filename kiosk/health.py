"""/healthz: a small JSON answer for whoever supervises the kiosk PC.

It says whether lessons are served and how many content files have errors.
"""

from flask import Blueprint, jsonify

from .content import get_library
from .quiz import get_quizbook

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    library = get_library()
    shelf = library.shelf
    counts = library.counts()
    status = "ok"
    if shelf.errors:
        status = "degraded"
    if not any(counts.values()):
        status = "no-content"
    return jsonify(
        status=status,
        lessons=counts,
        categories=len(shelf.categories),
        content_errors=len(shelf.errors),
        content_warnings=len(shelf.warnings),
        quiz_errors=len(get_quizbook().shelf.errors),
        errors=[str(e) for e in shelf.errors[:50]],
    )
