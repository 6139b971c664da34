"""A token bucket per sender address, and one for all senders together: how the kiosk keeps
one flooding client (a page's beacon, a phone's requests) from crowding out everyone else.

Addresses live in memory only, never stored or logged, and at most ``max_senders`` of them.
"""

import threading
from collections import OrderedDict


class SenderGate:
    """One flooding sender is refused while the other senders (and the kiosk's own screen,
    which never passes through a gate) still get through; a client rotating addresses gets
    no more than the hall's bucket, which ``senders_at_once`` senders at full rate would use.

    ``admit(sender, cost)``: a request costs ``cost`` tokens (a page 1, a static file less).
    The addresses are kept in the order last used: the longest unused ones are forgotten
    once refilled, or beyond ``max_senders`` (O(1) a request), so rotating addresses cannot
    grow memory without bound.
    """

    max_senders = 4096

    def __init__(self, clock, burst, per_second, senders_at_once=1, hall=None):
        """``hall``: (burst, per second) of all senders together, when it is not what
        ``senders_at_once`` senders at their full rate would use."""
        self.clock = clock
        self.burst = burst
        self.rate = per_second
        self.hall_burst, self.hall_rate = hall or (burst * senders_at_once,
                                                   per_second * senders_at_once)
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

    def admit(self, sender, cost=1.0):
        with self._lock:
            now = self.clock()
            own = self._refill(self._buckets.pop(sender, (float(self.burst), now)), now,
                               self.burst, self.rate)
            hall = self._refill(self._hall, now, self.hall_burst, self.hall_rate)
            # Both, or neither bucket is charged; the margin keeps fractional costs (a file's
            # fifth of a page) from falling short by a rounding error.
            admitted = own >= cost - 1e-9 and hall >= cost - 1e-9
            if admitted:
                own, hall = own - cost, hall - cost
            self._hall = (hall, now)
            self._buckets[sender] = (own, now)  # the newest at the end
            self._forget(now)
            return admitted

    def wait_seconds(self, sender, cost=1.0):
        """How long until ``sender`` may send again (for Retry-After), at least 1 s."""
        with self._lock:
            tokens, last = self._buckets.get(sender, (float(self.burst), self.clock()))
            missing = cost - self._refill((tokens, last), self.clock(), self.burst, self.rate)
            return max(1, int(missing / self.rate + 0.999))

    def _forget(self, now):
        # Each address is dropped once, from the front: O(1) a request on average.
        while self._buckets:
            oldest = next(iter(self._buckets))
            if len(self._buckets) <= self.max_senders and self._refill(
                    self._buckets[oldest], now, self.burst, self.rate) < self.burst:
                break
            del self._buckets[oldest]
