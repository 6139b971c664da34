"""Dengarkan: every lesson, quiz and checker question read aloud, offline, by eSpeak NG, with
the start of each sentence, so the page can follow the voice.

``app.extensions['audio']`` is the Speech; `kiosk audio build|status` make and count clips.
"""

from flask import current_app

from .commands import group
from .renderer import Renderer
from .speech import PAGES, Speech

__all__ = ["PAGES", "Speech", "get_speech", "init_app", "start_rendering", "stop_rendering"]


def _ui(app):
    """ui(lang, msgid, context=None): a UI text in ``lang``, from the same catalogs as the
    pages (outside any request too: the renderer's thread and the CLI use it)."""
    from flask_babel import force_locale, gettext, pgettext

    said = {}

    def ui(lang, text, context=None):
        memo = (lang, text, context) if isinstance(text, str) else None
        if memo in said:
            return said[memo]
        with app.app_context(), force_locale(lang):
            found = (pgettext(context, text) if context else gettext(text)) \
                if isinstance(text, str) else str(text)
        if memo is not None:
            said[memo] = found
        return found

    return ui


def init_app(app):
    ext = app.extensions
    speech = Speech(app.config, ext["library"], ext["glossary"], ext["quizzes"], _ui(app),
                    warnings=lambda: ext.get("kiosk_mode.warnings", ()))
    ext["audio"] = speech
    app.cli.add_command(group)


def get_speech():
    return current_app.extensions["audio"]


def start_rendering(app):
    """Start the background renderer (with the content watcher, never in create_app)."""
    speech = app.extensions.get("audio")
    if speech is None or speech.engine is None:
        return None
    if speech.renderer is None:
        speech.renderer = Renderer(app, speech)
    return speech.renderer.start()


def stop_rendering(app):
    speech = app.extensions.get("audio")
    if speech is not None and speech.renderer is not None:
        speech.renderer.stop()
