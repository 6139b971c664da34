"""Every page of the kiosk: one blueprint per feature, and what all pages share.

Views import the domain packages and never each other; what several pages need lives in the
helper modules here (errors, guard, language, phones, ui), not in another blueprint.
"""

from . import (
    beacon,
    checker,
    editor,
    errors,
    guard,
    hall,
    health,
    info,
    kiosk_mode,
    language,
    lessons,
    listen,
    officer,
    phones,
    presenter,
    quiz,
    search,
    take_home,
    ui,
)

BLUEPRINTS = (lessons.bp, info.bp, health.bp, beacon.bp, officer.bp, quiz.bp, checker.bp,
              search.bp, presenter.bp, editor.bp, kiosk_mode.bp, take_home.bp,
              hall.bp, listen.bp)


def init_app(app):
    """What every page relies on (the phones' gate, language, icons, error pages, the officer
    gate), then the blueprints; each blueprint sets up its own state when it is registered."""
    phones.init_app(app)  # first: a refused phone costs the kiosk nothing more
    language.init_app(app)
    ui.init_app(app)
    errors.init_app(app)
    guard.init_app(app)
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
