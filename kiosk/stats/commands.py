"""`kiosk stats`: export daily counters, merge other kiosks' exports, fold old days.

The same checks and messages as the dashboard's download, for scripts and USB sticks.
"""

import datetime as dt

import click
from flask import current_app
from flask.cli import AppGroup

from ..errors import KioskError
from ..files import atomic_write
from . import exchange, retention
from .store import LOCAL

group = AppGroup("stats", help="Export, import and fold the kiosk's anonymous statistics.")


def _store():
    store = current_app.extensions.get("stats")
    if store is None:
        raise click.ClickException(current_app.extensions.get("stats.error", "stats are off"))
    return store


def _date(ctx, param, value):
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"expected a date like 2026-03-05, got {value!r}") from None


@group.command("export")
@click.option("--from", "start", callback=_date, metavar="YYYY-MM-DD",
              help="First day (default: the first of this month).")
@click.option("--to", "end", callback=_date, metavar="YYYY-MM-DD",
              help="Last day, included (default: today).")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of the screen.")
@click.option("--all-kiosks", is_flag=True,
              help="Include the kiosks imported here, each under its own name.")
def export_command(start, end, fmt, output, all_kiosks):
    """Daily counters of a period, labelled with KIOSK_NAME."""
    store = _store()
    today = retention.today(store)
    end = end or today
    start = start or end.replace(day=1)
    if end < start:
        raise click.BadParameter("--to is before --from", param_hint="--to")
    label = current_app.config["KIOSK_NAME"]
    rows = exchange.export_rows(store, start.isoformat(), end.isoformat(), label,
                                None if all_kiosks else LOCAL)
    if fmt == "json":
        text = exchange.write_json(rows, label, start.isoformat(), end.isoformat())
    else:
        text = exchange.write_csv(rows)
    if not label:
        click.echo("warning: KIOSK_NAME is not set, so an office cannot import this file; "
                   "set it in instance/kiosk.cfg", err=True)
    if output:
        atomic_write(output, text)
        click.echo(f"{len(rows)} counters from {start} to {end} written to {output}", err=True)
    else:
        click.echo(text, nl=False)


@group.command("import")
@click.argument("files", nargs=-1, required=True,
                type=click.Path(exists=True, dir_okay=False))
def import_command(files):
    """Merge other kiosks' exports; importing a file again changes nothing."""
    store = _store()
    if store.trouble:
        raise click.ClickException(f"{store.path} cannot be written ({store.trouble}); "
                                   f"nothing was imported")
    own = current_app.config["KIOSK_NAME"]
    # Every file is checked before any is written: a bad file imports nothing.
    try:
        checked = [(path, exchange.read_file(path, own)) for path in files]
    except KioskError as exc:
        raise click.ClickException(str(exc)) from None
    for path, rows in checked:
        done = exchange.merge(store, rows, current_app.config["STATS_RETENTION_DAYS"])
        kiosks = ", ".join(done["kiosks"]) or "-"
        span = f" ({done['days'][0]} to {done['days'][1]})" if done["days"] else ""
        click.echo(f"{path}: {done['rows']} counters from {kiosks}{span}")


@group.command("fold")
def fold_command():
    """Fold detail older than STATS_RETENTION_DAYS into day totals now (also runs daily)."""
    store = _store()
    days = current_app.config["STATS_RETENTION_DAYS"]
    folded = retention.fold(store, days)
    click.echo(f"{folded} kiosk-days older than {days} days folded into day totals")
