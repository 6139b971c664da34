"""Opening the kiosk on a phone: the codes to scan (the hall's Wi-Fi, then the address) on
the kiosk's screen, the home page's corner and the presenter's closing slide.

Shown only while `kiosk run --lan` serves phones and this PC has a network address.
"""

from flask import Blueprint, abort, current_app, render_template, url_for
from flask_babel import gettext as _

from ..lan import get_hall
from ..lan.codes import hall_codes
from .ui import from_phone

bp = Blueprint("hall", __name__)


@bp.record_once
def _setup(state):
    state.app.extensions["hall.codes"] = {}
    state.app.jinja_env.globals["phone_codes"] = phone_codes


def phone_codes():
    """[(kind, svg, shown)] to scan with a phone, Wi-Fi first; [] when phones are not served
    or the page is already on a phone."""
    hall = get_hall()
    if hall is None or from_phone():
        return []
    config = current_app.config
    titles = (_("Kode untuk masuk ke Wi-Fi %(name)s", name=config["LAN_WIFI_NAME"]),
              _("Kode alamat Kios Waspada untuk HP"))
    key = (hall, titles)
    cache = current_app.extensions["hall.codes"]  # drawn once per language and address
    if key not in cache:
        cache[key] = hall_codes(hall, config["LAN_WIFI_NAME"], config["LAN_WIFI_PASSWORD"],
                                titles)
    return cache[key]


@bp.get("/di-hp")
def on_phone():
    codes = phone_codes()
    if not codes and not from_phone():
        abort(404, "Phones are not served: start the kiosk with `kiosk run --lan`.")
    return render_template("hall/on_phone.html", codes=codes, back_url=url_for("lessons.home"))
