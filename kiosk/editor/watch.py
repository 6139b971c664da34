"""Live changes: a light thread that notices edited files even while nobody touches the screen.

Started by `kiosk run` only. Pages also reload on their own (a cheap stat before requests);
the watcher makes sure search and the log hear of an edit within seconds all the same.
"""

import logging
import threading

from .. import checks

log = logging.getLogger(__name__)


class ContentWatcher:
    def __init__(self, app, interval):
        self.app = app
        self.interval = interval
        self._stop = threading.Event()
        self._thread = None
        self._said = set()

    def start(self, report=None):
        """Watch from now on; ``report`` is what was already said at start-up, if anything."""
        report = report or checks.run_for_app(self.app)
        self._said = {checks.line_of(f) for f in report.findings}
        self._thread = threading.Thread(target=self._run, name="content-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self):
        while not self._stop.wait(self.interval):
            try:
                self.tick()
            except Exception:  # a bad moment on disk must not end live changes for good
                log.exception("the content watcher failed; it tries again")

    def tick(self):
        """Reload what changed; log the checker's new findings. True if anything changed."""
        ext = self.app.extensions
        lessons = ext["library"].refresh()
        quizzes = ext["quizzes"].refresh()
        if not (lessons or quizzes):
            return False
        log.info("content changed on disk: %d lesson files reloaded", len(lessons))
        report = checks.run_for_app(self.app)
        # The library and the quiz book log their own problems as they load.
        own = {str(p) for p in (*ext["library"].shelf.problems, *ext["quizzes"].shelf.problems)}
        said = set()
        for finding in report.findings:
            line = checks.line_of(finding)
            said.add(line)
            if line not in self._said and str(finding) not in own:
                log.log(logging.ERROR if finding.severity == "error" else logging.WARNING,
                        "%s", line)
        self._said = said
        return True


def start(app, report=None):
    """Start watching the content and quiz folders (once per app)."""
    watcher = app.extensions.get("content.watcher")
    if watcher is None:
        watcher = ContentWatcher(app, app.config["CONTENT_RECHECK_SECONDS"] or 1.0)
        app.extensions["content.watcher"] = watcher.start(report)
    return watcher
