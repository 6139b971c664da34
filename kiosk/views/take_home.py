"""Bawa pulang: a lesson's or Lapor's QR on the kiosk's screen, and the buku saku PDF.

The QR holds plain text (no address: it needs no network); each one shown and each booklet
taken is counted, with only whether it went to the kiosk's screen or a phone.
"""

import io
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import events
from ..content import booklet, get_library
from ..content.take_home import Contacts, lesson_text, report_text
from ..presenter.qr import qr_svg
from .ui import where

bp = Blueprint("take_home", __name__)


@bp.record_once
def _setup(state):
    app = state.app
    app.extensions["booklets"] = booklet.BookletCache(Path(app.config["DATA_DIR"]) / "buku-saku")


def _counted(what, item, lang):
    events.record("take_home", what=what, item=item, lang=lang, where=where())


@bp.get("/pelajaran/<slug>/bawa-pulang")
def lesson_qr(slug):
    found, _fallback = get_library().lesson(slug, str(get_locale()))
    if found is None:
        abort(404, f"Lesson {slug!r} does not exist.")
    text = lesson_text(found, Contacts.from_config(current_app.config, found.lang))
    _counted("qr", found.slug, found.lang)
    back = url_for("lessons.lesson", slug=found.slug)
    return render_template("take_home/qr.html", code=qr_svg(text, found.title), text=text,
                           what=found.title, back_url=back)


@bp.get("/lapor/bawa-pulang")
def report_qr():
    lang = str(get_locale())
    text = report_text(Contacts.from_config(current_app.config, lang))
    _counted("qr", "lapor", lang)
    return render_template("take_home/qr.html", code=qr_svg(text, _("Nomor untuk melapor")),
                           text=text, what=_("Nomor untuk minta tolong dan melapor"),
                           back_url=url_for("info.report"))


def _send(name, lessons, lang, single, download_name):
    library = get_library()
    config = current_app.config
    contacts = Contacts.from_config(config, lang)
    categories = {cat.id: cat.text("name", lang) for cat in library.shelf.categories.values()}

    def build():
        return booklet.make(Path(current_app.static_folder) / "fonts", lang, lessons, contacts,
                            library.renderer.md, categories, config.get("KIOSK_NAME", ""),
                            single)

    key = booklet.content_key(lang, lessons, contacts, config.get("KIOSK_NAME", ""), single,
                              categories)
    found = current_app.extensions["booklets"].path(name, key, build)
    # Bytes when the data folder refuses writes: served from memory, as the stats survive it.
    body = found if isinstance(found, Path) else io.BytesIO(found)
    return send_file(body, mimetype="application/pdf", as_attachment=True,
                     download_name=download_name, max_age=0)


@bp.get("/buku-saku.pdf")
def pocket_book():
    languages = current_app.config["LANGUAGES"]
    lang = request.args.get("lang") or str(get_locale())
    if lang not in languages:
        abort(404, f"No booklet in {lang!r}.")
    lessons = get_library().lessons(lang)
    if not lessons:
        abort(404, "There are no lessons to print.")
    response = _send(f"buku-saku-{lang}", lessons, lang, False,
                     f"buku-saku-kios-waspada-{lang}.pdf")
    if response.status_code == 200:  # a 304 or a range (206) is the same booklet again
        _counted("booklet", "buku-saku", lang)
    return response


@bp.get("/pelajaran/<slug>.pdf")
def lesson_pdf(slug):
    found, _fallback = get_library().lesson(slug, str(get_locale()))
    if found is None:
        abort(404, f"Lesson {slug!r} does not exist.")
    response = _send(f"pelajaran-{found.lang}-{found.slug}", [found], found.lang, True,
                     f"{found.slug}.pdf")
    if response.status_code == 200:  # a 304 or a range (206) is the same PDF again
        _counted("lesson_pdf", found.slug, found.lang)
    return response
