"""Languages: Bahasa Indonesia first, English second, chosen per visit.

The choice lives in the session cookie only; nothing else about the villager is kept.
"""

from pathlib import Path

from flask import current_app, request, session
from flask_babel import Babel, get_locale

from .. import events

babel = Babel()

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "translations"

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}


def current_language():
    """The visit's language: ?lang= (remembered), then the session, then the default."""
    languages = current_app.config["LANGUAGES"]
    asked = request.args.get("lang") if request else None
    if asked in languages:
        if session.get("lang", current_app.config["DEFAULT_LANGUAGE"]) != asked:
            session["lang"] = asked
            events.record("language_switched", lang=asked)
        return asked
    chosen = session.get("lang") if request else None
    return chosen if chosen in languages else current_app.config["DEFAULT_LANGUAGE"]


def init_app(app):
    app.config.setdefault("BABEL_DEFAULT_LOCALE", app.config["DEFAULT_LANGUAGE"])
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS_DIR))
    babel.init_app(app, locale_selector=current_language)
    # Flask-Babel 4 no longer exposes get_locale to templates by itself.
    app.jinja_env.globals.update(get_locale=get_locale, language_names=LANGUAGE_NAMES)
    app.before_request(_remember_language)


def _remember_language():
    # Resolve early so a ?lang= switch is stored even on pages that never translate.
    current_language()
