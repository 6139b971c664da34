"""The one content watcher: a thread that notices edited files, brings the lessons, glossary,
quizzes, presenter sessions, the search index and the read-aloud clips up to date, and logs
what the checker finds.

Requests only read what it last loaded; `kiosk run` (and a test's live server) start it.
"""

import logging
import threading

from . import audio, checks
from .search import IndexBusy

log = logging.getLogger(__name__)


class ContentWatcher:
    """Lives in ``app.extensions['watcher']``; ``tick()`` is one look, the thread repeats it."""

    def __init__(self, app, interval):
        self.app = app
        self.interval = interval
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._lock = threading.Lock()  # one look at a time: the thread, an editor's save
        self._thread = None
        self._said = None  # checker findings already logged, as lines

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def start(self, report=None):
        """Watch from now on; ``report`` is what was already said at start-up, if anything."""
        if self.running:
            return self
        # What is wrong already was said at start-up; from now on only what an edit changes.
        report = report or checks.run_for_app(self.app)
        self._said = {checks.line_of(f) for f in report.findings}
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="content-watcher", daemon=True)
        self._thread.start()
        audio.start_rendering(self.app)  # read-aloud clips still missing, in the background
        return self

    def stop(self):
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        audio.stop_rendering(self.app)

    def poke(self):
        """Look now rather than at the next interval (after an editor's save)."""
        self._wake.set()

    def _run(self):
        # The search index is prepared here, never by a villager's request.
        self._prepare_search()
        while not self._stop.is_set():
            self._wake.wait(max(self.interval, 0.05))
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.tick()
            except Exception:  # a bad moment on disk must not end live changes for good
                log.exception("the content watcher failed; it tries again")

    def _prepare_search(self):
        search = self.app.extensions.get("search")
        if search is not None and not search.started:
            try:
                search.start()
            except Exception:
                log.exception("the search index could not be prepared")

    def reload(self):
        """Read what changed on disk into new snapshots (reading only); True if anything did."""
        with self._lock:
            ext = self.app.extensions
            lessons = ext["library"].refresh()
            glossary = ext["glossary"].refresh()
            quizzes = ext["quizzes"].refresh()
            sessions = ext["presenter.sessions"].refresh()
            if lessons:
                log.info("content changed on disk: %d lesson files reloaded", len(lessons))
            return bool(lessons or glossary or quizzes or sessions), lessons

    def tick(self):
        """One look: reload, re-index changed lessons, log the checker's new findings.

        Returns True if anything changed.
        """
        changed, _lessons = self.reload()
        search = self.app.extensions.get("search")
        if search is not None and search.started:
            # Every look, not only after an edit: it costs microseconds when nothing
            # changed, and a sync that found the index busy is tried again.
            try:
                search.sync()
            except IndexBusy as exc:
                log.warning("search index busy (%s); trying again at the next look", exc)
        if changed or self._said is None:
            self._log_findings()
        speech = self.app.extensions.get("audio")
        if speech is not None and not speech.refresh() and changed:
            speech.ensure_rendering()  # the changed text's clips, never in a request
        return changed

    def _log_findings(self):
        ext = self.app.extensions
        report = checks.run_for_app(self.app, reload=False)  # tick() has just reloaded
        # The library, the glossary, the quiz book and the sessions log their own problems as
        # they load.
        own = {str(p) for p in (*ext["library"].shelf.problems, *ext["glossary"].current.problems,
                                *ext["quizzes"].shelf.problems,
                                *ext["presenter.sessions"].problems)}
        said = set()
        for finding in report.findings:
            line = checks.line_of(finding)
            said.add(line)
            if self._said is not None and line not in self._said and str(finding) not in own:
                log.log(logging.ERROR if finding.severity == "error" else logging.WARNING,
                        "%s", line)
        self._said = said


def init_app(app):
    app.extensions["watcher"] = ContentWatcher(app, app.config["CONTENT_RECHECK_SECONDS"])


def start(app, report=None):
    """Start watching the content and quiz folders (once per app)."""
    return app.extensions["watcher"].start(report)
