"""Full-text search over the lessons: Indonesian as villagers type it, and English.

The searcher lives in ``app.extensions['search']``; ``kiosk index`` looks after its index.
"""

from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .index import IndexBusy
from .service import LessonSearch

__all__ = ["IndexBusy", "LessonSearch", "get_search", "init_app"]


def init_app(app):
    library = app.extensions["library"]
    synonyms = Path(app.config["CONTENT_DIR"]) / "synonyms.yaml"
    glossary = app.extensions["glossary"]
    app.extensions["search"] = LessonSearch(
        library, Path(app.config["DATA_DIR"]) / "search", synonyms,
        app.config["LANGUAGES"], app.config["DEFAULT_LANGUAGE"],
        glossary=lambda: glossary.current)
    # The content watcher prepares the index (kiosk.watch), never a villager's request;
    # `kiosk index` does its own, and commands that never search never touch the index.
    app.cli.add_command(index_command)


def get_search():
    return current_app.extensions["search"]


@click.command("index")
@click.option("--rebuild", is_flag=True,
              help="Throw the index away and build it again from every lesson.")
@with_appcontext
def index_command(rebuild):
    """Bring the search index up to date with the lessons (only what changed)."""
    search = get_search()
    for problem in search.synonyms().problems:
        click.echo(f"  {problem}", err=True)
    try:
        report = search.rebuild() if rebuild else search.sync()
    except IndexBusy as exc:
        raise click.ClickException(f"{exc}; try again when it is done") from None
    if report.rebuilt:
        reason = "" if rebuild else " (it was missing or unreadable)"
        click.echo(f"Search index rebuilt{reason}: {report.total} lessons "
                   f"in {report.seconds:.2f} s.")
        return
    click.echo(f"Search index up to date: {report.total} lessons; {len(report.added)} added, "
               f"{len(report.changed)} changed, {len(report.removed)} removed "
               f"({report.seconds:.2f} s).")
    for mark, keys in (("+", report.added), ("~", report.changed), ("-", report.removed)):
        for key in keys:
            click.echo(f"  {mark} {key}")
