"""Lessons and categories from the content folder, parsed, checked and rendered.

The library is created once per app and kept in ``app.extensions['library']``.
"""

import time

from flask import current_app

from .lessons import Lesson
from .library import Category, Library

__all__ = ["Category", "Lesson", "Library", "get_library", "init_app"]


def init_app(app):
    library = Library(
        app.config["CONTENT_DIR"], app.config["LANGUAGES"], app.config["DEFAULT_LANGUAGE"]
    )
    app.extensions["library"] = library
    app.extensions["library.checked"] = time.monotonic()
    app.before_request(_notice_edits)


def get_library():
    return current_app.extensions["library"]


def _notice_edits():
    # A cheap stat of the content folder, at most every few seconds, keeps pages fresh
    # after an editor saves, without a watcher thread.
    ext = current_app.extensions
    now = time.monotonic()
    if now - ext["library.checked"] >= current_app.config["CONTENT_RECHECK_SECONDS"]:
        ext["library.checked"] = now
        ext["library"].refresh()
