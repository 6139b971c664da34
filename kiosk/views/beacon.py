"""POST /peristiwa: what only the page knows (how a lesson was read, how a visit went).

It accepts the few kinds a page may send, small and checked, at a bounded rate per sender:
the address is held in memory for that rate only, never stored or logged; nothing else
about the sender (browser, cookies) is looked at.
"""

import json
import threading
from collections import OrderedDict

from flask import Blueprint, current_app, jsonify, request

from .. import events
from ..content import get_library
from ..stats.engagement import PAGE_KINDS, EventError, tally_key

bp = Blueprint("beacon", __name__)

# A lesson_read or visit event is under 200 bytes; anything much larger is not one.
MAX_BODY = 2048
# The whole hall together may send what this many phones sending at full rate would: a
# client changing its address every event gets no more than that, and neither does the disk.
SENDERS_AT_ONCE = 10


class BeaconGate:
    """A token bucket per sender address, and one for all of them together: one flooding
    phone is dropped while the other phones and the kiosk's own screen still count, a client
    rotating addresses gets no more than the hall's bucket, and pages are never slowed.

    The addresses live in memory only, at most ``max_senders`` of them, in the order last
    used: the longest unused ones are forgotten once refilled, or beyond the limit (O(1)).
    """

    max_senders = 4096

    def __init__(self, clock, burst, per_minute, senders_at_once=SENDERS_AT_ONCE):
        self.clock = clock
        self.burst = burst
        self.rate = per_minute / 60
        self.hall_burst = burst * senders_at_once
        self.hall_rate = self.rate * senders_at_once
        self._hall = (float(self.hall_burst), clock())
        self._buckets = OrderedDict()  # address -> (tokens, when last counted)
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._buckets)

    @staticmethod
    def _refill(bucket, now, burst, rate):
        tokens, last = bucket
        # max(): a clock set back gives no tokens and takes none.
        return min(burst, tokens + max(0.0, now - last) * rate)

    def admit(self, sender):
        with self._lock:
            now = self.clock()
            own = self._refill(self._buckets.pop(sender, (float(self.burst), now)), now,
                               self.burst, self.rate)
            hall = self._refill(self._hall, now, self.hall_burst, self.hall_rate)
            admitted = own >= 1 and hall >= 1  # both, or neither bucket is charged
            if admitted:
                own, hall = own - 1, hall - 1
            self._hall = (hall, now)
            self._buckets[sender] = (own, now)  # the newest at the end
            self._forget(now)
            return admitted

    def _forget(self, now):
        # Each address is dropped once, from the front: O(1) a request on average.
        while self._buckets:
            oldest = next(iter(self._buckets))
            if len(self._buckets) <= self.max_senders and self._refill(
                    self._buckets[oldest], now, self.burst, self.rate) < self.burst:
                break
            del self._buckets[oldest]


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
    if not current_app.extensions["beacon.gate"].admit(request.remote_addr):
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
