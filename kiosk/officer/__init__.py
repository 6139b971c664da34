"""The officer area's domain: PINs by role, the wait after wrong PINs, live logins, and the
dashboard's charts. Its pages and the ``officer_required`` gate are in kiosk.views.
"""

from pathlib import Path

from .access import ROLES, LoginGuard, OfficerLogins, PinBook
from .commands import set_pin_command, unlock_command

__all__ = ["ROLES", "LoginGuard", "OfficerLogins", "PinBook", "init_app"]


def init_app(app):
    clock = app.extensions["clock"]
    app.extensions["officer.pins"] = PinBook(Path(app.config["DATA_DIR"]) / "officer_pins.json",
                                             app.config["OFFICER_PIN_COST"])
    app.extensions["officer.guard"] = LoginGuard(
        clock, app.config["OFFICER_FREE_TRIES"], app.config["OFFICER_MAX_WAIT_SECONDS"],
        Path(app.config["DATA_DIR"]) / "officer_tries.json",
    )
    app.extensions["officer.logins"] = OfficerLogins(clock, app.config["OFFICER_IDLE_SECONDS"])
    app.cli.add_command(set_pin_command)
    app.cli.add_command(unlock_command)
