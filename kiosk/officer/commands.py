"""`kiosk set-pin`: set the PIN of the officer area, or of another role such as the editor;
`kiosk unlock`: end the wait after wrong PINs.

set-pin asks twice without echo; a script can pipe the two lines in instead.
"""

import sys

import click
from flask import current_app
from flask.cli import with_appcontext

from .access import ROLES


@click.command("set-pin")
@click.option("--role", type=click.Choice(ROLES), default="officer", show_default=True,
              help="Whose PIN: 'officer' (dashboard, presenter) or 'editor' (content editor).")
@with_appcontext
def set_pin_command(role):
    """Set the PIN (6 to 12 digits) that opens the officer area at /petugas."""
    stdin = sys.stdin  # click.get_text_stream is deprecated from Click 8.5
    if stdin.isatty():
        pin = click.prompt(f"New {role} PIN (6 to 12 digits)", hide_input=True,
                           show_default=False)
        again = click.prompt("Type it again", hide_input=True, show_default=False)
    else:  # a script: the PIN on the first line, again on the second
        pin, again = stdin.readline().rstrip("\r\n"), stdin.readline().rstrip("\r\n")
    if pin != again:
        raise click.ClickException("the two PINs differ; nothing was changed")
    try:
        current_app.extensions["officer.pins"].set(role, pin)
    except ValueError as exc:
        raise click.ClickException(f"{exc}; nothing was changed") from None
    click.echo(f"The {role} PIN is set; logins made with an earlier PIN have ended.")


@click.command("unlock")
@click.option("--role", type=click.Choice(ROLES), default=None,
              help="Whose PIN form; without it, every role's.")
@with_appcontext
def unlock_command(role):
    """Forget the wrong PINs counted, so the PIN form takes a try at once."""
    roles = [role] if role else list(ROLES)
    guard = current_app.extensions["officer.guard"]
    if not guard.unlock(roles):
        raise click.ClickException(f"{guard.path}: cannot be written; the wrong PINs still "
                                   f"count (see the log)")
    click.echo(f"Wrong PINs forgotten for {', '.join(roles)}; the PIN form takes a try at once.")
