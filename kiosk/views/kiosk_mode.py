"""Kiosk mode in the page: the end of a visit, the attract screen and the offline page.

The browser half is static/js/kiosk.js (idle reset, lockdown), attract.js, offline.js, osk.js
and the service worker served at /sw.js; this module owns their settings and routes.
"""

import hashlib
from pathlib import Path

from flask import (
    Blueprint,
    current_app,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import force_locale, get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from .guard import SESSION_KEY as OFFICER_LOGIN
from .guard import logins
from .ui import from_phone

bp = Blueprint("kiosk_mode", __name__)

# The few things a passer-by should take away even without touching the screen.
WARNINGS = [
    ("alert", _l("Waspada tawaran kerja ke luar negeri!")),
    ("lock", _l("Jangan serahkan paspor Anda kepada calo.")),
    ("checklist", _l("Cek dulu: apakah agennya resmi?")),
    ("flag", _l("Gaji besar, tanpa biaya, cepat berangkat? Itu tanda penipuan.")),
    ("shield", _l("Bekerja ke luar negeri lewat jalur resmi: aman dan terlindungi.")),
    ("phone", _l("Telepon gratis 0800-1000, 24 jam.")),
]
# The attract and offline screens speak every language at once: nobody has chosen one yet.
ATTRACT_TEXTS = {
    "start": _l("Sentuh layar untuk mulai"),
    "privacy": _l("Kios ini tidak mencatat siapa Anda."),
}
OFFLINE_TEXTS = {
    "title": _l("Sebentar, kios sedang dimuat ulang…"),
    "text": _l("Halaman akan muncul lagi dengan sendirinya. Anda tidak perlu menekan apa pun."),
    "retry": _l("Coba lagi sekarang"),
    "help": _l("Butuh bantuan sekarang?"),
    "call": _l("Telepon gratis 0800-1000, 24 jam."),
}

# What the offline page needs when the server cannot answer: the service worker keeps these.
OFFLINE_ASSETS = ("css/kiosk.css", "css/kiosk_mode.css", "js/kiosk.js", "js/offline.js",
                  "icons/shield.svg")
# A page that pretends to come from elsewhere must not be able to end a visit for the kiosk.
RESET_HEADER = "X-Kiosk-Reset"


@bp.record_once
def _setup(state):
    app = state.app
    app.extensions["kiosk_mode.page_end"] = {}
    app.extensions["kiosk_mode.warnings"] = WARNINGS  # read aloud too (kiosk.audio)
    app.extensions["kiosk_mode.offline"] = {}
    app.jinja_env.globals["kiosk_mode_page_end"] = page_end


def page_end():
    """The end of every page: the idle dialog, the keyboard's keys and the scripts.

    It is the same on every page in one language, so it is rendered once per language (it
    would otherwise add about a third to the time of rendering a lesson).
    """
    key = (str(get_locale()), request.script_root)
    rendered = current_app.extensions["kiosk_mode.page_end"]
    if key not in rendered or current_app.jinja_env.auto_reload:  # a developer's edit shows
        rendered[key] = Markup(render_template("kiosk_mode/_page.html"))
    return rendered[key]


def end_visit():
    """Forget everything about the visit: language, quiz attempt, checker, any officer login."""
    token = session.get(OFFICER_LOGIN)
    if token:
        logins().end(token)  # the cookie goes below; the login must not outlive it
    session.clear()


def in_every_language(text):
    """[(lang, text)] for each of the kiosk's languages, the default first."""
    languages = current_app.config["LANGUAGES"]
    default = current_app.config["DEFAULT_LANGUAGE"]
    shown = []
    for lang in [default, *[code for code in languages if code != default]]:
        with force_locale(lang):
            shown.append((lang, str(text)))
    return shown


def render_for_nobody(template, texts, **context):
    """A page that must not depend on the visit (a cached or a welcome screen): it is rendered
    in the default language, with ``texts`` given in every language."""
    with force_locale(current_app.config["DEFAULT_LANGUAGE"]):
        return render_template(template, lang=current_app.config["DEFAULT_LANGUAGE"],
                               texts={key: in_every_language(text) for key, text in texts.items()},
                               **context)


@bp.post("/selesai")
def finish():
    """The idle reset ends the visit; the page then shows the attract screen itself."""
    if request.headers.get(RESET_HEADER) != "1" or request.headers.get(
            "Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return jsonify(error=f"a visit is ended by the kiosk's own pages, with {RESET_HEADER}"), 400
    end_visit()
    response = make_response("", 204)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/mulai")
def attract():
    if from_phone():
        return redirect(url_for("lessons.home"))  # the attract screen is the kiosk's own
    warnings = [(name, in_every_language(text)) for name, text in WARNINGS]
    response = make_response(render_for_nobody("kiosk_mode/attract.html", ATTRACT_TEXTS,
                                                warnings=warnings))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/mulai")
def start():
    # Ending the visit again here covers a reset whose /selesai never reached the server.
    end_visit()
    return redirect(url_for("lessons.home"), 303)


def _offline_page():
    # The browser asks for /sw.js on every navigation; the page inside it never changes.
    rendered = current_app.extensions["kiosk_mode.offline"]
    if request.script_root not in rendered or current_app.jinja_env.auto_reload:
        rendered[request.script_root] = render_for_nobody(
            "kiosk_mode/offline.html", OFFLINE_TEXTS, assets=_asset_urls())
    return rendered[request.script_root]


def _asset_urls():
    # Addresses of their own, so the worker never stands between a normal page and its files.
    return {name: url_for("static", filename=name, offline=1) for name in OFFLINE_ASSETS}


@bp.get("/offline")
def offline():
    response = make_response(_offline_page())
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/sw.js")
def service_worker():
    """Served from the root so that its scope is every page of the kiosk."""
    page = _offline_page()
    static = Path(current_app.static_folder)
    digest = hashlib.sha256(page.encode("utf-8"))
    for name in OFFLINE_ASSETS:
        # A changed file changes the worker's bytes, so the browser installs it afresh.
        stat = (static / name).stat()
        digest.update(f"{name}:{stat.st_mtime_ns}:{stat.st_size}".encode())
    precache = [url_for("kiosk_mode.offline"), *_asset_urls().values()]
    body = render_template("kiosk_mode/sw.js", version=digest.hexdigest()[:16],
                           offline_url=precache[0], precache=precache,
                           static_prefix=url_for("static", filename=""))
    response = make_response(body)
    response.mimetype = "text/javascript"
    response.headers["Cache-Control"] = "no-cache"
    return response
