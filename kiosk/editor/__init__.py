"""Content editing: the `kiosk content` commands, the desk behind the web editor
(kiosk.views.editor), live changes while the kiosk runs and content bundles for USB sticks.

Every path through here runs the same checker (kiosk.checks) before anything is written.
"""

import logging
from pathlib import Path

from .. import checks
from .bundles import BundleError, Folders
from .commands import group
from .desk import Desk
from .history import History
from .swap import recover

__all__ = ["init_app", "recover_interrupted_import"]

log = logging.getLogger(__name__)


def recover_interrupted_import(config):
    """Put back a whole content folder if an import or rollback was killed midway.

    Runs before the settings are checked, because CONTENT_DIR must exist then; so it
    resolves the folders itself, as settings.finalize will.
    """
    places = [config.get(name) for name in ("CONTENT_DIR", "QUIZ_DIR", "DATA_DIR")]
    if not all(isinstance(place, str | Path) for place in places):
        return  # settings.finalize says what is wrong with them
    content, quizzes, data = (Path(place).expanduser().resolve() for place in places)
    try:
        said = recover(Folders(content, quizzes, data / "content-backup"), data)
    except (OSError, ValueError, KeyError, BundleError) as exc:
        log.error("could not finish or undo the last content import: %s", exc)
        return
    if said:
        log.warning("%s", said)


def init_app(app):
    history = History(Path(app.config["DATA_DIR"]) / "history",
                      app.config["EDITOR_HISTORY_KEEP"], app.extensions["clock"])

    def reload():
        # The saved page shows at once; the watcher re-indexes it in its own thread.
        watcher = app.extensions["watcher"]
        watcher.reload()
        watcher.poke()

    app.extensions["editor.desk"] = Desk(
        app.config["CONTENT_DIR"], app.config["QUIZ_DIR"], app.config["LANGUAGES"], history,
        check=lambda drafts: checks.run_for_app(app, drafts), after_save=reload)
    app.cli.add_command(group)
