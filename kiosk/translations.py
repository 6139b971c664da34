"""`kiosk translations`: extract, update and compile the UI catalogs in translations/.

Wraps pybabel so an editor never needs to remember its flags (the mapping is babel.cfg).
"""

import subprocess
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"
KEYWORDS = ["-k", "_l", "-k", "lazy_gettext", "-k", "lazy_ngettext:1,2"]

group = AppGroup("translations", help="Extract, update and compile the UI translations.")


def _pybabel(*args):
    done = subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], cwd=ROOT)
    if done.returncode:
        raise click.ClickException(f"pybabel {args[0]} failed")


@group.command("update")
def update():
    """Extract UI strings and merge them into every catalog."""
    _pybabel("extract", "-F", "babel.cfg", *KEYWORDS, "--no-wrap", "--sort-by-file",
             "-o", str(POT), ".")
    _pybabel("update", "-i", str(POT), "-d", "translations", "--no-wrap", "--ignore-obsolete")


@group.command("compile")
def compile_():
    """Compile the catalogs to the .mo files the kiosk reads."""
    _pybabel("compile", "-d", "translations", "--statistics")


def init_app(app):
    app.cli.add_command(group)
