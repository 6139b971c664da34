"""Error pages in the kiosk's own style: a villager never sees a traceback.

Every HTTP error and every unexpected exception ends on a calm page with a way home.
"""

import logging

from flask import render_template
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)

MESSAGES = {
    400: (_l("Maaf, isian ini tidak bisa diproses"),
          _l("Mungkin halaman ini sudah lama terbuka. Silakan mulai lagi dari awal.")),
    # Only phones get it: the officer's pages open on the kiosk's own screen.
    403: (_l("Halaman ini hanya untuk petugas"),
          _l("Halaman ini hanya bisa dibuka di layar kios. Semua pelajaran, kuis dan nomor "
             "untuk melapor tetap bisa dibuka dari HP Anda.")),
    404: (_l("Halaman tidak ditemukan"),
          _l("Halaman yang Anda cari tidak ada. Mungkin alamatnya salah atau sudah dipindah.")),
    405: (_l("Maaf, isian ini tidak bisa diproses"),
          _l("Mungkin halaman ini sudah lama terbuka. Silakan mulai lagi dari awal.")),
    413: (_l("Isian terlalu besar"),
          _l("Yang dikirim terlalu panjang untuk kios ini. Silakan mulai lagi dari awal.")),
    429: (_l("Terlalu banyak sentuhan sekaligus"),
          _l("Tunggu sebentar, lalu coba lagi.")),
    500: (_l("Maaf, ada gangguan"),
          _l("Kios mengalami gangguan kecil. Silakan kembali ke awal dan coba lagi.")),
}

# Used when even the error template fails: plain, but still calm and in Indonesian.
BARE_PAGE = (
    '<!doctype html><html lang="id"><meta charset="utf-8"><title>Kios Waspada</title>'
    '<body><h1>Maaf, ada gangguan</h1>'
    '<p><a href="/">Kembali ke awal</a></p></body></html>'
)


def init_app(app):
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected)


def render_error(code):
    title, message = MESSAGES.get(code) or MESSAGES[500 if code >= 500 else 400]
    try:
        return render_template("error.html", code=code, title=title, message=message), code
    except Exception:
        log.exception("the error page itself failed")
        return BARE_PAGE, code


def rejected(continue_url, continue_label):
    """A tampered or stale post (quiz, checker): a calm 400 page with the way back in."""
    return render_template("quiz/rejected.html", continue_url=continue_url,
                           continue_label=continue_label), 400


def _http_error(exc):
    if exc.code is None or exc.code < 400:
        return exc
    if exc.code >= 500:
        log.error("HTTP %s: %s", exc.code, exc.description)
    return render_error(exc.code)


def _unexpected(exc):
    if isinstance(exc, HTTPException):
        return _http_error(exc)
    log.exception("unexpected error", exc_info=exc)
    return render_error(InternalServerError.code)
