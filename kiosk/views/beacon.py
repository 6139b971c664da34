"""POST /peristiwa: what only the page knows (how a lesson was read, how a visit went).

It accepts the few kinds a page may send, small and checked, at a bounded rate for the
whole kiosk; nothing about the sender (address, browser, cookies) is looked at or kept.
"""

import json
import threading

from flask import Blueprint, current_app, jsonify, request

from .. import events
from ..content import get_library
from ..stats.engagement import PAGE_KINDS, EventError, tally_key

bp = Blueprint("beacon", __name__)

# A lesson_read or visit event is under 200 bytes; anything much larger is not one.
MAX_BODY = 2048


class BeaconGate:
    """A token bucket shared by every sender: a flood is dropped, pages are never slowed."""

    def __init__(self, clock, burst, per_minute):
        self.clock = clock
        self.burst = burst
        self.rate = per_minute / 60
        self._tokens = float(burst)
        self._last = clock()
        self._lock = threading.Lock()

    def admit(self):
        with self._lock:
            now = self.clock()
            self._tokens = min(self.burst, self._tokens + (now - self._last) * self.rate)
            self._last = now
            if self._tokens < 1:
                return False
            self._tokens -= 1
            return True


@bp.record_once
def _setup(state):
    app = state.app
    app.extensions["beacon.gate"] = BeaconGate(
        app.extensions["clock"], app.config["STATS_BEACON_BURST"],
        app.config["STATS_BEACON_PER_MINUTE"],
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
    if not current_app.extensions["beacon.gate"].admit():
        return refuse("too many events; this one was dropped", 429)
    try:
        data = json.loads(request.get_data(cache=False))
    except (ValueError, UnicodeDecodeError):
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
