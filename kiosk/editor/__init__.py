"""Content editing: the `kiosk content` commands, the desk behind the web editor
(kiosk.views.editor), live changes while the kiosk runs and content bundles for USB sticks.

Every path through here runs the same checker (kiosk.checks) before anything is written.
"""

from pathlib import Path

from .. import checks
from .commands import group
from .desk import Desk
from .history import History

__all__ = ["init_app"]


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
