"""Lessons, categories and the glossary from the content folder, parsed, checked and rendered.

The library and the glossary are created once per app and kept in ``app.extensions``
('library', 'glossary'); the content watcher (kiosk.watch) reloads them, requests only read
their latest snapshot.
"""

from flask import current_app

from .glossary import Glossary, GlossaryFile, Term
from .lessons import Lesson
from .library import Category, Library
from .reader import ContentReader

__all__ = ["Category", "ContentReader", "Glossary", "GlossaryFile", "Lesson", "Library",
           "Term", "get_glossary", "get_library", "init_app"]


def init_app(app):
    library = Library(
        app.config["CONTENT_DIR"], app.config["LANGUAGES"], app.config["DEFAULT_LANGUAGE"]
    )
    app.extensions["library"] = library
    app.extensions["glossary"] = GlossaryFile(
        library.reader, app.config["LANGUAGES"], app.config["DEFAULT_LANGUAGE"])


def get_library():
    return current_app.extensions["library"]


def get_glossary():
    """The glossary as the content watcher last read it."""
    return current_app.extensions["glossary"].current
