"""Kios Waspada: an offline kiosk that teaches villagers to spot illegal recruitment.

This module only wires the application together; each feature lives in its own module.
"""

from pathlib import Path

from flask import Flask

from . import (
    beacon,
    browse,
    checker_views,
    checks,
    config,
    content,
    editor,
    error_pages,
    health,
    i18n,
    info,
    kiosk_mode,
    launcher,
    officer,
    presenter,
    quiz,
    quiz_views,
    search,
    security,
    stats,
    translations,
    ui,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config=None):
    """Build the kiosk: defaults, instance file, KIOSK_* environment, then test config."""
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        static_folder=str(PROJECT_ROOT / "static"),
        instance_relative_config=True,
    )
    app.config.from_mapping(config.defaults(PROJECT_ROOT, app.instance_path))
    app.config.from_pyfile("kiosk.cfg", silent=True)
    app.config.from_envvar("KIOSK_CONFIG", silent=True)
    app.config.from_prefixed_env("KIOSK")
    if test_config is not None:
        app.config.from_mapping(test_config)
    config.finalize(app)

    security.init_app(app)
    i18n.init_app(app)
    content.init_app(app)
    quiz.init_app(app)
    search.init_app(app)
    ui.init_app(app)
    translations.init_app(app)
    error_pages.init_app(app)
    stats.init_app(app)
    beacon.init_app(app)
    officer.init_app(app)
    presenter.init_app(app)
    checks.init_app(app)
    editor.init_app(app)
    kiosk_mode.init_app(app)
    launcher.init_app(app)
    blueprints = (browse.bp, info.bp, health.bp, beacon.bp, officer.bp, quiz_views.bp,
                  checker_views.bp, search.bp, presenter.bp, editor.bp, kiosk_mode.bp)
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    return app
