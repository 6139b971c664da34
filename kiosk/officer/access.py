"""Who may enter the officer area: hashed PINs per role, the lockout, and the logins.

Nothing here knows about requests; the clock is passed in so tests can move it.
"""

import json
import logging
import re
import secrets
import threading

from werkzeug.security import check_password_hash, generate_password_hash

from ..files import atomic_write

log = logging.getLogger(__name__)

# 'officer' sees the dashboard and presents; 'editor' (the web content editor) has its own PIN.
ROLES = ("officer", "editor")
PIN = re.compile(r"^[0-9]{6,12}$")
PIN_RULE = "a PIN must be 6 to 12 digits"
# scrypt's cost N (werkzeug's own default, 2**15): about 0.1 s a try here, slow for anyone
# guessing a 6-digit PIN. The OFFICER_PIN_COST setting changes it for newly set PINs (tests
# use a tiny one); each stored hash names its own N, r and p, so old PINs keep working.
# Below 2**7 werkzeug's memory limit for scrypt is too tight for OpenSSL.
PIN_COST = 2**15
LEAST_PIN_COST = 2**7


class PinBook:
    """The hashed PIN of each role, kept in one JSON file in DATA_DIR."""

    def __init__(self, path, cost=PIN_COST):
        # ``cost`` was checked with every setting (kiosk.settings: OFFICER_PIN_COST).
        self.path = path
        self.method = f"scrypt:{cost}:8:1"
        self._cache = (None, {})
        self._lock = threading.Lock()

    def _hashes(self):
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return {}
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if self._cache[0] != stamp:
                try:
                    data = json.loads(self.path.read_text(encoding="utf-8"))
                    if not isinstance(data, dict):
                        raise ValueError("not an object")
                except (OSError, ValueError) as exc:
                    # Unreadable means nobody can log in, never that anybody can.
                    log.error("%s: cannot be read (%s); run `kiosk set-pin` again",
                              self.path, exc)
                    data = {}
                self._cache = (stamp, {k: v for k, v in data.items()
                                       if k in ROLES and isinstance(v, str)})
            return self._cache[1]

    def has(self, role):
        return role in self._hashes()

    def stamp(self, role):
        """The stored hash: a login made with an older PIN is no longer valid."""
        return self._hashes().get(role)

    def set(self, role, pin):
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        if not PIN.match(pin):
            raise ValueError(PIN_RULE)
        hashes = dict(self._hashes())
        hashes[role] = generate_password_hash(pin, method=self.method)
        atomic_write(self.path, json.dumps(hashes, indent=1) + "\n", mode=0o600)

    def check(self, role, pin):
        stored = self.stamp(role)
        if stored is None or not isinstance(pin, str) or len(pin) > 64:
            return False
        # The stored hash names its own scrypt parameters: a PIN set under another cost works.
        return check_password_hash(stored, pin)


class LoginGuard:
    """Counts wrong PINs per role; after ``max_tries`` the form is locked for ``lock_seconds``.

    Kept in memory, not by address: the kiosk has one screen, and nothing about the person
    at it is stored. A restart of the kiosk lifts a lock.
    """

    def __init__(self, clock, max_tries=5, lock_seconds=300):
        self.clock = clock
        self.max_tries = max_tries
        self.lock_seconds = lock_seconds
        self._wrong = {}  # role -> wrong tries since the last success or lock
        self._until = {}  # role -> time the lock ends
        self._lock = threading.Lock()

    def locked_for(self, role):
        """Seconds left on the lock (0 when the form is open)."""
        with self._lock:
            left = self._until.get(role, 0) - self.clock()
            if left <= 0:
                self._until.pop(role, None)
                return 0
            return left

    def tries_left(self, role):
        with self._lock:
            return self.max_tries - self._wrong.get(role, 0)

    def begin(self, role):
        """Take one try before the PIN is checked (False while locked).

        Counting first means parallel requests cannot slip extra guesses past the lock.
        """
        with self._lock:
            now = self.clock()
            if self._until.get(role, 0) > now:
                return False
            wrong = self._wrong.get(role, 0) + 1
            if wrong >= self.max_tries:
                self._until[role] = now + self.lock_seconds
                wrong = 0
            self._wrong[role] = wrong
            return True

    def succeeded(self, role):
        """The try was the right PIN: it was not a wrong one after all."""
        with self._lock:
            self._wrong.pop(role, None)
            self._until.pop(role, None)


class OfficerLogins:
    """Logged-in officers by a random token: ended by logout, idle time, or a new PIN."""

    def __init__(self, clock, idle_seconds=900):
        self.clock = clock
        self.idle_seconds = idle_seconds
        self._logins = {}  # token -> {"roles": {role: pin stamp}, "seen": time}
        self._lock = threading.Lock()

    def _forget_idle(self, now):
        for token in [t for t, e in self._logins.items() if now - e["seen"] > self.idle_seconds]:
            del self._logins[token]

    def start(self, role, stamp, token=None):
        """Log ``role`` in (adding it to ``token``'s login if that is still alive)."""
        now = self.clock()
        with self._lock:
            self._forget_idle(now)
            entry = self._logins.get(token) if token else None
            if entry is None:
                token = secrets.token_urlsafe(32)
                entry = self._logins[token] = {"roles": {}, "seen": now}
            entry["roles"][role] = stamp
            entry["seen"] = now
        return token

    def check(self, token, role, stamp):
        """True (and the idle timer restarts) if ``token`` is logged in as ``role``."""
        now = self.clock()
        with self._lock:
            self._forget_idle(now)
            entry = self._logins.get(token) if token else None
            if entry is None or entry["roles"].get(role) != stamp or stamp is None:
                return False
            entry["seen"] = now
            return True

    def alive(self, token):
        with self._lock:
            self._forget_idle(self.clock())
            return token in self._logins

    def end(self, token):
        with self._lock:
            self._logins.pop(token, None)
