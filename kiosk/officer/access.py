"""Who may enter the officer area: hashed PINs per role, waits after wrong PINs, logins.

Nothing here knows about requests; the clock is passed in so tests can move it.
"""

import json
import logging
import re
import secrets
import threading
from pathlib import Path

from werkzeug.security import check_password_hash, generate_password_hash

from ..content.reader import stamp as file_stamp
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
    """Wrong PINs slow the form down per role instead of locking it.

    After ``free_tries`` wrong PINs in a row each further try must wait: 1 s, then twice
    as long after each wrong PIN, never more than ``max_wait`` seconds. The real
    officer so waits a minute at most, while a guesser gets one try a minute: with the
    default 60 s, 10**6 six-digit PINs take 1.9 years (0.95 on average). A right PIN
    starts the count afresh.

    The count is kept in ``path`` (DATA_DIR), so a restart does not give new free tries.
    It holds counts and times only: nothing about who tried, or from where. `kiosk unlock`
    clears it; a running kiosk sees that at its next look (the file's stamp changed).
    """

    def __init__(self, clock, free_tries=5, max_wait=60, path=None):
        self.clock = clock
        self.free_tries = free_tries
        self.max_wait = max_wait
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        self._stamp = self._file_stamp()
        self._tries = self._read()  # role -> {"wrong": n, "until": time the wait ends}

    def _file_stamp(self):
        # The inode too: `kiosk unlock` replaces the file atomically, maybe within one tick.
        return None if self.path is None else file_stamp(self.path)

    def _refresh(self):
        # `kiosk unlock` (another process) rewrites the file while the kiosk runs: take its
        # counts before deciding or writing, or the next try would write the old count back.
        # Called with the lock held; one stat per look.
        stamp = self._file_stamp()
        if stamp != self._stamp:
            self._stamp = stamp
            self._tries = self._read()

    def _read(self):
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return {role: {"wrong": int(entry["wrong"]), "until": float(entry["until"])}
                    for role, entry in data.items() if role in ROLES}
        except FileNotFoundError:
            return {}
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as exc:
            log.error("%s: cannot be read (%s); wrong PINs are counted from 0", self.path, exc)
            return {}

    def _save(self):
        """Write the counts; False if the disk refused them."""
        if self.path is None:
            return True
        try:
            atomic_write(self.path, json.dumps(self._tries, indent=1) + "\n", mode=0o600)
        except OSError as exc:
            # The count still holds in memory; a full disk must not open or close the form.
            log.error("%s: cannot be written (%s); wrong PINs are counted in memory",
                      self.path, exc)
            return False
        self._stamp = self._file_stamp()  # our own write: nothing new to read back
        return True

    def delay(self, wrong):
        """The wait after ``wrong`` wrong PINs in a row: none before the last free one, then
        1, 2, 4 … seconds up to ``max_wait``."""
        extra = wrong - self.free_tries
        if extra < 0:
            return 0
        return min(self.max_wait, 2 ** min(extra, 32))

    def _entry(self, role):
        return self._tries.get(role, {"wrong": 0, "until": 0.0})

    def _left(self, role, now):
        # A clock set back (a PC without its battery) must not make the wait longer.
        return min(self.max_wait, max(0.0, self._entry(role)["until"] - now))

    def wait_for(self, role):
        """Seconds before the next try is taken (0: now)."""
        with self._lock:
            self._refresh()
            return self._left(role, self.clock())

    def tries_left(self, role):
        """Wrong PINs still allowed before each try must wait."""
        with self._lock:
            self._refresh()
            return max(0, self.free_tries - self._entry(role)["wrong"])

    def wrong(self, role):
        with self._lock:
            self._refresh()
            return self._entry(role)["wrong"]

    def begin(self, role):
        """Take one try before the PIN is checked (False while the role must wait).

        The try is counted as wrong, and its wait set and saved, before the PIN is checked:
        parallel requests or a kill during the check cannot slip extra guesses in.
        """
        with self._lock:
            self._refresh()
            now = self.clock()
            if self._left(role, now) > 0:
                return False
            wrong = self._entry(role)["wrong"] + 1
            self._tries[role] = {"wrong": wrong, "until": now + self.delay(wrong)}
            self._save()
            return True

    def succeeded(self, role):
        """The try was the right PIN: it was not a wrong one after all."""
        with self._lock:
            self._refresh()
            if self._tries.pop(role, None) is not None:
                self._save()

    def unlock(self, roles=ROLES):
        """Forget the wrong PINs of ``roles`` (`kiosk unlock`); False if the file could not be
        written, so a running kiosk still counts them."""
        with self._lock:
            self._refresh()
            for role in roles:
                self._tries.pop(role, None)
            return self._save()


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
