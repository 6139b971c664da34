"""Content editing: the `kiosk content` commands, the web editor at /petugas/konten, live
changes while the kiosk runs (``watch.start``) and content bundles for USB sticks.

Every path through here runs the same checker (kiosk.checks) before anything is written.
"""

import time
from pathlib import Path

from flask import current_app, request

from .. import checks
from .commands import group
from .desk import Desk
from .history import History
from .views import bp

__all__ = ["bp", "init_app"]


def init_app(app):
    app.config.setdefault("CLOCK", time.time)
    app.config.setdefault("EDITOR_HISTORY_KEEP", 20)
    app.config.setdefault("MEDIA_MAX_BYTES", 2 * 1024 * 1024)
    app.config.setdefault("BUNDLE_MAX_FILES", 5000)
    app.config.setdefault("BUNDLE_MAX_FILE_BYTES", 10 * 1024 * 1024)
    app.config.setdefault("BUNDLE_MAX_TOTAL_BYTES", 200 * 1024 * 1024)
    history = History(Path(app.config["DATA_DIR"]) / "history",
                      app.config["EDITOR_HISTORY_KEEP"], app.config["CLOCK"])

    def reload():
        app.extensions["library"].refresh()
        app.extensions["quizzes"].refresh()

    app.extensions["editor.desk"] = Desk(
        app.config["CONTENT_DIR"], app.config["QUIZ_DIR"], app.config["LANGUAGES"], history,
        check=lambda drafts: checks.run_for_app(app, drafts), after_save=reload)
    app.cli.add_command(group)
    # A picture is bigger than anything else the kiosk accepts. Raise the limit for that one
    # form before any other hook (the CSRF check) reads the body.
    app.before_request_funcs.setdefault(None, []).insert(0, _allow_upload)


def _allow_upload():
    if request.endpoint == "editor.upload" and request.method == "POST":
        request.max_content_length = current_app.config["MEDIA_MAX_BYTES"] + 64 * 1024
