"""What a phone on the hall's network may ask: at most its share of the kiosk (the 429 page
beyond it), never the officer, presenter or editor pages, and its page views counted.

The kiosk's own screen passes untouched: it is never limited, refused or counted here.
"""

from flask import abort, current_app, request

from .. import events
from ..lan import file_cost
from .errors import render_error
from .ui import from_phone, sender_key

# Blueprints behind the officer's PIN; a phone must never reach a PIN form (its lockout
# would let anyone in the hall lock the officer out).
OFFICER_AREAS = frozenset({"officer", "presenter", "editor"})
OFFICER_PREFIX = "/petugas"
# The villager pages counted as page views, by endpoint (or by blueprint: every page of it).
PAGES = {"lessons.home": "home", "lessons.category": "category", "lessons.lesson": "lesson",
         "lessons.glossary": "glossary", "info.report": "report", "info.about": "about"}
WHOLE_BLUEPRINTS = {"search": "search", "quiz": "quiz", "checker": "checker"}
# What a page loads besides itself (styles, scripts, icons, a lesson's pictures, the clips
# read aloud, which a phone's player may ask for in several ranges): a page brings several
# at once, so each costs a phone only a share of a page.
FILES = frozenset({"static", "lessons.media", "listen.clip", "listen.recording"})


def init_app(app):
    # Registered before every other hook (language, the officer gate's CSRF check), so a
    # refused phone costs the kiosk nothing more than its error page.
    app.before_request(_let_in)
    app.after_request(_count_page)


def _let_in():
    if not from_phone():
        return None
    gate = current_app.extensions["lan.gate"]
    cost = file_cost(current_app.config) if request.endpoint in FILES else 1.0
    sender = sender_key()  # held for this request and in the gate's memory only
    if not gate.admit(sender, cost):
        body, code = render_error(429)
        return body, code, {"Retry-After": str(gate.wait_seconds(sender, cost))}
    if not current_app.config["LAN_OFFICER"] and (
            request.blueprint in OFFICER_AREAS or request.path == OFFICER_PREFIX
            or request.path.startswith(OFFICER_PREFIX + "/")):
        abort(403)
    return None


def page_name(endpoint):
    """'lesson' for lessons.lesson, 'quiz' for any quiz page; None for what is no page."""
    if not endpoint:
        return None
    return PAGES.get(endpoint) or WHOLE_BLUEPRINTS.get(endpoint.split(".", 1)[0])


def _count_page(response):
    # Only phones: the screen's use is counted already (lessons, searches, visits), and a
    # second event for each of its pages would only double those counts.
    if request.method == "GET" and response.status_code == 200 \
            and response.mimetype == "text/html" and from_phone():
        page = page_name(request.endpoint)
        if page is not None:
            events.record("page_viewed", page=page, where="phone")
    return response
