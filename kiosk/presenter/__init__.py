"""Presenter mode: lessons and sessions as projector slides, with a quiz round for the room.

The session files (content/sessions) live in ``app.extensions['presenter.sessions']``.
"""

from .deck import Closing, PresenterDeck, Slide, split_lesson
from .sessions import PresenterSession, SessionBook

__all__ = ["Closing", "PresenterDeck", "PresenterSession", "SessionBook", "Slide",
           "init_app", "split_lesson"]


def init_app(app):
    app.extensions["presenter.sessions"] = SessionBook(
        app.extensions["library"], app.extensions["quizzes"], app.config["LANGUAGES"])
