"""The officer area (/petugas): PIN login by role, the lockout, CSRF, and the stats dashboard.

Later officer features protect their views with ``officer_required(role=...)``.
"""

import time
from pathlib import Path

from .access import PIN_COST, ROLES, LoginGuard, OfficerLogins, PinBook
from .commands import set_pin_command
from .guard import check_csrf, csrf_token, is_logged_in, officer_required
from .views import bp

__all__ = ["ROLES", "bp", "csrf_token", "init_app", "is_logged_in", "officer_required"]


def init_app(app):
    app.config.setdefault("CLOCK", time.time)
    app.config.setdefault("OFFICER_IDLE_SECONDS", 15 * 60)
    app.config.setdefault("OFFICER_MAX_TRIES", 5)
    app.config.setdefault("OFFICER_LOCK_SECONDS", 5 * 60)
    app.config.setdefault("OFFICER_PIN_COST", PIN_COST)  # scrypt's N for new PINs (access.py)
    clock = app.config["CLOCK"]
    app.extensions["officer.pins"] = PinBook(Path(app.config["DATA_DIR"]) / "officer_pins.json",
                                             app.config["OFFICER_PIN_COST"])
    app.extensions["officer.guard"] = LoginGuard(
        clock, app.config["OFFICER_MAX_TRIES"], app.config["OFFICER_LOCK_SECONDS"]
    )
    app.extensions["officer.logins"] = OfficerLogins(clock, app.config["OFFICER_IDLE_SECONDS"])
    app.jinja_env.globals["csrf_token"] = csrf_token
    # Every form posted anywhere under /petugas must carry the token, whichever blueprint.
    app.before_request(check_csrf)
    app.cli.add_command(set_pin_command)
