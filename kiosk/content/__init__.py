"""Lessons and categories from the content folder, parsed, checked and rendered.

The library is created once per app and kept in ``app.extensions['library']``; the content
watcher (kiosk.watch) reloads it, requests only read its latest shelf.
"""

from flask import current_app

from .lessons import Lesson
from .library import Category, Library
from .reader import ContentReader

__all__ = ["Category", "ContentReader", "Lesson", "Library", "get_library", "init_app"]


def init_app(app):
    app.extensions["library"] = Library(
        app.config["CONTENT_DIR"], app.config["LANGUAGES"], app.config["DEFAULT_LANGUAGE"]
    )


def get_library():
    return current_app.extensions["library"]
