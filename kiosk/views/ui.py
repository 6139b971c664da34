"""What every page template needs: inline icons, the language switch and the Kembali link.

Icons are inline SVG read once from static/icons, so a page needs no extra request.
"""

import re
from pathlib import Path

from flask import current_app, request, url_for
from markupsafe import Markup

from ..lan.addresses import plain_address
from ..presenter.qr import tel_uri

_ICON_NAME = re.compile(r"^[a-z0-9-]+$")


def init_app(app):
    app.extensions["icons"] = {}
    # tel_uri: one dial link for every page that shows a number (None: shown, not dialled).
    app.jinja_env.globals.update(icon=icon, language_url=language_url, tel_uri=tel_uri,
                                 from_phone=from_phone)


def from_phone():
    """True when the request comes from a phone on the hall's network, not the kiosk's screen.

    Only the address decides (held for this request, never stored): a phone cannot pretend to
    be the screen, and the screen never gets the phone pages by a header it happens to send.
    """
    return sender_key() not in current_app.extensions["lan.screen"]


def where():
    """The stats' word for where a page went: "phone" or "screen" (the kiosk's own)."""
    return "phone" if from_phone() else "screen"


def sender_key():
    """The request's address as one key per machine ('::ffff:127.0.0.1' is 127.0.0.1), for
    telling the screen from phones and for each phone's share; held for this request only."""
    return plain_address(request.remote_addr)


def icon(name, label=None):
    """The SVG of static/icons/<name>.svg; decorative unless given a label."""
    cache = current_app.extensions["icons"]
    if name not in cache:
        svg = ""
        if _ICON_NAME.match(name or ""):
            path = Path(current_app.static_folder) / "icons" / f"{name}.svg"
            try:
                svg = path.read_text(encoding="utf-8").strip()
            except OSError:
                svg = ""
        cache[name] = svg
    svg = cache[name]
    if label:
        svg = svg.replace('aria-hidden="true"', f'role="img" aria-label="{Markup.escape(label)}"')
    return Markup(f'<span class="icon">{svg}</span>')


def language_url(lang):
    """This same page in another language (query kept, so a search survives the switch)."""
    # Only short values are carried over: a 10,000-character query must not be copied
    # into every link of the top bar.
    args = {k: v for k, v in request.args.items() if len(k) <= 20 and len(v) <= 200}
    args["lang"] = lang
    if request.endpoint and request.url_rule is not None:
        try:
            return url_for(request.endpoint, **(request.view_args or {}), **args)
        except Exception:  # a page reached through an error has no usable endpoint
            pass
    return url_for("lessons.home", lang=lang)
