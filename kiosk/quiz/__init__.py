"""Quizzes after each lesson and the job-offer checker, read from the quizzes folder.

The quiz book is created once per app and kept in ``app.extensions['quizzes']``.
"""

from functools import partial

import click
from flask import current_app
from flask.cli import AppGroup

from .book import QuizBook
from .checker import Checker
from .checks import QUIZ_CHECKS
from .grading import AnswerRejected, grade, options_from_positions
from .labels import describe
from .model import Option, Question, Quiz, Text

__all__ = ["AnswerRejected", "Checker", "Option", "Question", "Quiz", "QuizBook", "Text",
           "get_quizbook", "grade", "init_app", "options_from_positions"]

group = AppGroup("quizzes", help="Check the quizzes and the job-offer checker.")


def init_app(app):
    book = QuizBook(app.config["QUIZ_DIR"], app.extensions["library"],
                    app.config["LANGUAGES"])
    app.extensions["quizzes"] = book
    # The officer dashboard shows questions and signs in words, not ids.
    app.extensions["stats.describe"] = partial(describe, book)
    app.cli.add_command(group)


def get_quizbook():
    """The quiz book (the content watcher rereads it when an editor changes a file)."""
    return current_app.extensions["quizzes"]


@group.command("check")
def check_command():
    """List every problem in the quiz files; exit 1 if there is an error.

    The quiz part of `kiosk content check`: the same checker, the same messages.
    """
    from .. import checks  # the checker imports the quiz book; import it only when run

    app = current_app._get_current_object()
    report = checks.run(checks.Source.for_app(app), {
        name: fn for name, fn in checks.registered(app).items() if name in QUIZ_CHECKS})
    click.echo(report.text())
    if report.errors:
        raise SystemExit(1)
