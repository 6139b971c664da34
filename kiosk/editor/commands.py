"""`kiosk content`: write a new lesson, check the content, and carry it between kiosks.

check, new, export, import and rollback; messages are English like every other command's.
"""

import contextlib
import datetime as dt
import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from .. import checks
from ..content.lessons import SLUG
from ..files import atomic_write
from . import bundles, swap
from .template import lesson_template

group = AppGroup("content", help="Write, check and move the lessons and quizzes.")


def _say_report(report, fmt="text"):
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=1, ensure_ascii=False))
    else:
        click.echo(report.text())


def _source(app, content_dir, quiz_dir):
    if content_dir is None and quiz_dir is None:
        return checks.Source.for_app(app)
    return checks.Source(content_dir or app.config["CONTENT_DIR"],
                         quiz_dir or app.config["QUIZ_DIR"], app.config["LANGUAGES"],
                         app.config["DEFAULT_LANGUAGE"],
                         icons_dir=Path(app.static_folder) / "icons")


FOLDER = click.Path(exists=True, file_okay=False, path_type=Path)


@group.command("check")
@click.option("--content", "content_dir", type=FOLDER,
              help="Check this content folder instead of the kiosk's (CONTENT_DIR).")
@click.option("--quizzes", "quiz_dir", type=FOLDER,
              help="Check this quiz folder instead of the kiosk's (QUIZ_DIR).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def check_command(content_dir, quiz_dir, fmt):
    """Check lessons, categories, media, links and quizzes: `path:line: error|warning: …`.

    Exits with status 1 when anything is an error.
    """
    app = current_app._get_current_object()
    report = checks.run(_source(app, content_dir, quiz_dir), checks.registered(app))
    _say_report(report, fmt)
    if report.errors:
        sys.exit(1)


@group.command("new")
@click.argument("slug")
@click.option("--lang", help="The lesson's language (default: the kiosk's first language).")
@click.option("--category", help="The topic's id from categories.yaml.")
@click.option("--title", help="The lesson's title.")
def new_command(slug, lang, category, title):
    """Write content/<lang>/<slug>.md from the template, each field explained."""
    app = current_app._get_current_object()
    languages = app.config["LANGUAGES"]
    lang = lang or app.config["DEFAULT_LANGUAGE"]
    if lang not in languages:
        raise click.UsageError(f"--lang must be one of {', '.join(languages)}, not {lang!r}")
    if not SLUG.match(slug):
        raise click.UsageError(f"{slug!r} is not a slug: use lowercase letters, digits and "
                               f"'-', e.g. visa-ziarah")
    library = app.extensions["library"]
    known = library.shelf.categories
    if category is not None and category not in known:
        raise click.UsageError(f"--category {category!r} is not in categories.yaml (known: "
                               f"{', '.join(known) or 'none'})")
    path = library.root / lang / f"{slug}.md"
    where = library.display(path)
    if path.exists():
        raise click.ClickException(f"{where} already exists; nothing was written")
    original = None
    if lang != library.default_language:
        original = library.shelf.lessons.get((library.default_language, slug))
    atomic_write(path, lesson_template(slug, lang, known, category, title, original))
    click.echo(f"Wrote {where} from the template. Replace every 'TULIS: …' in it: the kiosk "
               f"shows the lesson once none is left. Then run: kiosk content check")


# -- bundles -----------------------------------------------------------------------------


def _folders(app):
    return bundles.Folders(Path(app.config["CONTENT_DIR"]), Path(app.config["QUIZ_DIR"]),
                           Path(app.config["DATA_DIR"]) / "content-backup")


def _limits(app):
    cfg = app.config
    return bundles.Limits(cfg["BUNDLE_MAX_FILES"], cfg["BUNDLE_MAX_FILE_BYTES"],
                          cfg["BUNDLE_MAX_TOTAL_BYTES"])


@contextlib.contextmanager
def _one_at_a_time(app):
    """Only one import or rollback at once: a lock file in DATA_DIR with the pid holding it."""
    lock = swap.BundleLock(app.config["DATA_DIR"])
    try:
        taken = lock.acquire()
    except OSError as exc:
        raise click.ClickException(f"cannot write {lock.path} ({exc}); nothing was "
                                   f"changed") from None
    if not taken:
        holder = lock.holder()
        running = f" (process {holder})" if holder and holder > 0 else ""
        raise click.ClickException(
            f"another import or rollback is running{running}; if none is, delete "
            f"{lock.path}")
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def _refusals():
    try:
        yield
    except bundles.BundleError as exc:
        raise click.ClickException(str(exc)) from None


def _now(app):
    return dt.datetime.fromtimestamp(app.extensions["clock"](), dt.UTC)


@group.command("export")
@click.argument("bundle", type=click.Path(dir_okay=False, path_type=Path))
def export_command(bundle):
    """Write the content, quizzes and media to BUNDLE (a .zip) with a manifest of hashes."""
    app = current_app._get_current_object()
    report = checks.run_for_app(app)
    if report.errors:
        _say_report(report)
        raise click.ClickException(f"{bundle.name} was not written: fix the errors first")
    with _refusals():
        manifest = bundles.export_bundle(bundle, _folders(app), app.config["KIOSK_NAME"],
                                         _now(app), _limits(app))
    size = sum(item["size"] for item in manifest["files"])
    click.echo(f"Wrote {bundle}: {len(manifest['files'])} files ({size / 1024:.0f} KB), "
               f"{report.summary()[0].lower()}{report.summary()[1:]}")


@group.command("import")
@click.argument("bundle", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the bundle only; change nothing.")
def import_command(bundle, dry_run):
    """Check BUNDLE, then replace the content and quizzes with it (the old ones are kept)."""
    app = current_app._get_current_object()
    folders = _folders(app)
    with _one_at_a_time(app), _refusals():
        staging = bundles.unpack_bundle(bundle, folders, _limits(app))
        try:
            source = checks.Source(
                staging.folders["content"],
                staging.folders.get("quizzes", folders.quizzes), app.config["LANGUAGES"],
                app.config["DEFAULT_LANGUAGE"], icons_dir=Path(app.static_folder) / "icons")
            report = checks.run(source, checks.registered(app))
        except BaseException:
            staging.cleanup()
            raise
        _say_report(report)
        if report.errors or dry_run:
            staging.cleanup()
            if report.errors:
                raise click.ClickException(f"{bundle.name} was refused: the checker found "
                                           f"errors; nothing was changed")
            click.echo(f"{bundle.name} can be imported (--dry-run: nothing was changed).")
            return
        made = staging.manifest
        swap.swap_in(staging, folders, {
            "replaced": _now(app).isoformat(timespec="seconds"), "by": "import",
            "bundle": bundle.name, "bundle_created": made.get("created"),
            "bundle_kiosk": made.get("kiosk"),
        })
    click.echo(f"Imported {bundle.name} (made {made.get('created')}"
               + (f" on {made['kiosk']}" if made.get("kiosk") else "") + "). The previous "
               "content is kept: `kiosk content rollback` brings it back.")


@group.command("rollback")
def rollback_command():
    """Put back the content that the last import (or rollback) replaced."""
    app = current_app._get_current_object()
    folders = _folders(app)
    with _one_at_a_time(app), _refusals():
        staging = bundles.stage_backup(folders)
        kept = staging.manifest
        swap.swap_in(staging, folders, {
            "replaced": _now(app).isoformat(timespec="seconds"), "by": "rollback",
        })
    click.echo(f"Put back the content replaced on {kept.get('replaced')} (by "
               f"{kept.get('by')}{' of ' + kept['bundle'] if kept.get('bundle') else ''}). "
               f"Run `kiosk content rollback` again to undo this.")
    report = checks.run_for_app(app)
    click.echo(report.summary())
