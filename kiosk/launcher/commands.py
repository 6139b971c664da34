"""`kiosk autostart install|remove|status` and `kiosk stop`, for the officer setting up a kiosk PC.

systemctl is never run from here: the officer is shown the exact commands, and tests stay safe.
"""

import os
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from ..errors import KioskError
from ..files import atomic_write
from . import PACKAGE_ROOT, STATE_FILE, wait_for_stop
from .autostart import UNIT, installed_state, methods, plan

STOP_TIMEOUT = 30  # the launcher gives the browser 5 s and the server 10 s


def _windows():
    return os.name == "nt"


def _entries():
    try:
        return [plan(method, os.environ, sys.executable, PACKAGE_ROOT, os.getcwd(), _windows())
                for method in methods(_windows())]
    except KioskError as exc:
        raise click.ClickException(str(exc)) from None


@click.group("autostart")
def autostart_group():
    """Start the full-screen kiosk whenever this account logs in to the desktop."""


@autostart_group.command("install")
@click.option("--method", type=click.Choice(["desktop", "systemd", "startup"]),
              help="Linux: 'desktop' (XDG autostart, the default, any desktop) or 'systemd' "
                   "(a user unit; GNOME and KDE). Windows: 'startup' (the Startup folder).")
def install_command(method):
    """Write the file that starts `kiosk run --fullscreen` at login, with this Python, this
    folder and the KIOSK_* settings of this shell."""
    entries = _entries()
    method = method or entries[0].method
    chosen = next((e for e in entries if e.method == method), None)
    if chosen is None:
        raise click.ClickException(f"autostart method {method!r} is not available here; "
                                   f"choose one of {[e.method for e in entries]}")
    for other in entries:
        if other is not chosen and installed_state(other) != "absent":
            raise click.ClickException(
                f"a {other.label} is already installed at {other.path}; two would start two "
                f"kiosks. Remove it first with: kiosk autostart remove")
    before = installed_state(chosen)
    atomic_write(Path(chosen.path), chosen.text)
    done = {"absent": "Written", "current": "Unchanged", "differs": "Updated"}[before]
    click.echo(f"{done}: {chosen.label} {chosen.path}")
    if method == "systemd":
        click.echo("Now run these two commands once (they enable it for the next login):\n"
                   "  systemctl --user daemon-reload\n"
                   f"  systemctl --user enable {UNIT}\n"
                   f"To start it now as well: systemctl --user start {UNIT}\n"
                   f"To stop it: systemctl --user stop {UNIT}")
    else:
        click.echo("The kiosk starts full screen at the next login of this account. "
                   "To stop it: kiosk stop")


@autostart_group.command("remove")
def remove_command():
    """Delete the autostart file(s); a kiosk running now keeps running."""
    removed = False
    for entry in _entries():
        here = [Path(p) for p in (entry.path, *entry.extra)]
        here = [p for p in here if p.is_symlink() or p.exists()]
        for path in here:
            path.unlink()
            click.echo(f"Removed: {path}")
        removed = removed or bool(here)
        if entry.method == "systemd" and here:
            click.echo(f"Then run: systemctl --user daemon-reload\n"
                       f"If the kiosk is running now, stop it with: "
                       f"systemctl --user stop {UNIT}")
    if not removed:
        click.echo("No autostart file was installed; nothing to remove.")


@autostart_group.command("status")
def status_command():
    """Say which autostart file is installed and whether it is up to date."""
    for entry in _entries():
        state = installed_state(entry)
        if state == "absent":
            click.echo(f"{entry.label}: not installed ({entry.path})")
            continue
        what = ("up to date" if state == "current" else
                "differs from what `kiosk autostart install` writes now; run it again")
        click.echo(f"{entry.label}: installed at {entry.path}, {what}")
        for extra in entry.extra:
            click.echo("  enabled: it starts at the next login" if Path(extra).is_symlink()
                       else f"  not enabled: run systemctl --user enable {UNIT}")


@click.command("stop")
@with_appcontext
def stop_command():
    """Stop the full-screen kiosk (browser and server) started by `kiosk run --fullscreen`."""
    data_dir = current_app.config["DATA_DIR"]
    stopped = wait_for_stop(data_dir, STOP_TIMEOUT)
    if stopped is None:
        raise click.ClickException(f"no full-screen kiosk is running with DATA_DIR {data_dir}")
    if not stopped:
        raise click.ClickException(
            f"the kiosk did not stop within {STOP_TIMEOUT} s. If none is running, delete "
            f"{Path(data_dir) / STATE_FILE}")
    click.echo("The kiosk has stopped (browser and server).")
