"""POST /peristiwa: what only the page knows (how a lesson was read, how a visit went).

It accepts the few kinds a page may send, small and checked, at a bounded rate per sender:
the address is held in memory for that rate only, never stored or logged; nothing else
about the sender (browser, cookies) is looked at.
"""

import json

from flask import Blueprint, current_app, jsonify, request

from .. import events
from ..content import get_library
from ..lan.gate import SenderGate
from ..stats.engagement import PAGE_KINDS, EventError, tally_key
from .ui import sender_key

bp = Blueprint("beacon", __name__)

# A lesson_read or visit event is under 200 bytes; anything much larger is not one.
MAX_BODY = 2048
# The whole hall together may send what this many phones sending at full rate would: a
# client changing its address every event gets no more than that, and neither does the disk.
SENDERS_AT_ONCE = 10


@bp.record_once
def _setup(state):
    app = state.app
    # One flooding phone is dropped while the other phones and the kiosk's own screen
    # still count, and pages are never slowed: the beacon has a gate of its own.
    app.extensions["beacon.gate"] = SenderGate(
        app.extensions["clock"], app.config["STATS_BEACON_BURST"],
        app.config["STATS_BEACON_PER_MINUTE"] / 60, SENDERS_AT_ONCE,
    )


def refuse(message, status=400):
    return jsonify(error=message), status


@bp.post("/peristiwa")
def receive():
    # Only a same-origin page may report (browsers say so in Sec-Fetch-Site).
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return refuse("events are accepted from the kiosk's own pages only")
    length = request.content_length
    if length is None or length > MAX_BODY:
        return refuse(f"the body must be at most {MAX_BODY} bytes, with a Content-Length")
    if not current_app.extensions["beacon.gate"].admit(sender_key()):
        return refuse("too many events; this one was dropped", 429)
    try:
        data = json.loads(request.get_data(cache=False))
    except (ValueError, UnicodeDecodeError, RecursionError):
        # RecursionError: 2 KB of '[' nest deeper than Python's parser goes.
        return refuse("the body must be one JSON object")
    if not isinstance(data, dict):
        return refuse("the body must be one JSON object")
    kind = data.pop("kind", None)
    if kind not in PAGE_KINDS:
        return refuse(f"a page may send only {', '.join(PAGE_KINDS)}")
    try:
        tally_key(kind, data)
    except EventError as exc:
        return refuse(str(exc))
    if kind == "lesson_read" and (data["lang"], data["lesson"]) not in get_library().shelf.lessons:
        return refuse(f"no lesson {data['lesson']!r} in {data['lang']!r}")
    events.record(kind, **data)
    return "", 204
