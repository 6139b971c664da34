"""Kios Waspada: an offline kiosk that teaches villagers to spot illegal recruitment.

This module only wires the application together; each feature lives in its own module.
"""

import time
from pathlib import Path

from flask import Flask

from . import (
    audio,
    checks,
    content,
    editor,
    lan,
    launcher,
    officer,
    presenter,
    quiz,
    search,
    security,
    settings,
    stats,
    translations,
    views,
    watch,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None, clock=time.time):
    """Build the kiosk: defaults, instance file, KIOSK_* environment, then test config.

    ``clock`` (seconds since the epoch, like time.time) is what stats, logins and the
    editor's history read the time from; tests pass one they move by hand.
    """
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_relative_config=True,
    )
    app.config.from_mapping(settings.defaults(PROJECT_ROOT, app.instance_path))
    app.config.from_pyfile("kiosk.cfg", silent=True)
    app.config.from_envvar("KIOSK_CONFIG", silent=True)
    app.config.from_prefixed_env("KIOSK")
    if test_config is not None:
        app.config.from_mapping(test_config)
    editor.recover_interrupted_import(app.config)  # first: it may bring content/ back
    settings.finalize(app)
    app.extensions["clock"] = clock

    settings.init_app(app)
    security.init_app(app)
    content.init_app(app)
    quiz.init_app(app)
    audio.init_app(app)
    search.init_app(app)
    translations.init_app(app)
    stats.init_app(app)
    officer.init_app(app)
    presenter.init_app(app)
    checks.init_app(app)
    editor.init_app(app)
    launcher.init_app(app)
    lan.init_app(app)
    watch.init_app(app)
    views.init_app(app)
    return app
