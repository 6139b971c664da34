"""The kiosk's lesson search: an index kept in step with the library's snapshot, and queries.

Requests only read. The index is prepared in a background thread at start and brought up
to date by sync(), which the content watcher calls; meanwhile villagers get answers from
the lesson list.
"""

import logging
import threading
import time
from contextlib import suppress
from dataclasses import dataclass

from whoosh.query import Term

from .documents import documents
from .index import IndexBusy, LessonIndex, Report, release
from .lesson_list import LessonList
from .query import Finder, open_searcher
from .synonyms import Synonyms, load_synonyms
from .typos import Vocabulary

# The synonyms file has not been looked at yet (None is the stamp of a missing file).
UNREAD = object()
log = logging.getLogger(__name__)

# After a failure, wait this long before preparing the index again (a full disk stays full).
RETRY_SECONDS = 60.0
# A long build says how far it got this often (20,000 lessons take minutes).
PROGRESS_SECONDS = 10.0


@dataclass(frozen=True)
class LiveIndex:
    """The index villagers search, replaced whole (one assignment) when it changes."""

    ix: object
    stamp: tuple  # the manifest's stamp when it was opened
    generation: int
    vocabulary: Vocabulary  # its words, for typos: read once here, not per thread


class ThreadSearcher:
    """One waitress thread's open searcher, closed as soon as it is replaced or the thread
    ends (Whoosh readers hold files open and never close them by themselves)."""

    def __init__(self, searcher, generation):
        self.searcher = searcher
        self.generation = generation
        self.filters = {}

    def shown_filter(self, lang):
        # Built once per searcher: the documents a villager reading ``lang`` may see.
        if lang not in self.filters:
            searcher = self.searcher
            if searcher.doc_frequency("shown", lang) == searcher.doc_count():
                self.filters[lang] = None
            else:
                self.filters[lang] = set(searcher.docs_for_query(Term("shown", lang)))
        return self.filters[lang]

    def __del__(self):
        with suppress(Exception):  # at interpreter exit the files may be gone already
            self.searcher.close()


class LessonSearch:
    """Search over the library's lessons; lives in ``app.extensions['search']``.

    Reads lessons only from ``library.shelf`` (the current snapshot); whoever refreshes
    the library calls sync() afterwards. find() and titles() never write anything.
    """

    def __init__(self, library, folder, synonyms_path, languages, default_language,
                 glossary=None):
        self.library = library
        # () -> the current Glossary (kiosk.content.glossary) or None: its meanings are
        # indexed with the lessons that use its terms.
        self.glossary = glossary or (lambda: None)
        self.languages = list(languages)
        self.default_language = default_language
        self.index = LessonIndex(folder, self.languages)
        self.index.progress = self._progress
        self.lesson_list = LessonList(library)  # the answers while the index is not ready
        self.synonyms_path = synonyms_path
        self._synonyms = (UNREAD, Synonyms())  # (file stamp, groups)
        self._live = None
        self._generation = 0
        self._local = threading.local()
        self._state = threading.Condition()  # whether a job runs, and must sync again
        self._started = False
        self._busy = False
        self._again = False
        self._synced = None  # (shelf, manifest stamp, total, glossary) after the last sync
        self._last_failure = None
        # Why the index could not be prepared (searches use the lesson list), or None.
        self.trouble = None
        self._said_preparing = False
        self._progress_said = 0.0

    # -- keeping the index in step ----------------------------------------

    def documents(self, slugs=None):
        return documents(self.library.shelf, self.languages, self.default_language, slugs,
                         self.glossary())

    @property
    def started(self):
        return self._started

    @property
    def ready(self):
        """True once villagers' searches are answered from the index."""
        return self._live is not None

    def start(self):
        """Prepare the index in a background thread and return at once: re-index what
        changed while the kiosk was off, or build the index if it is missing or unreadable.
        Until it is ready, searches are answered from the lesson list."""
        with self._state:
            if self._started:
                return
            self._started = True
        self._in_background(self._prepare)

    def _prepare(self):
        self.index.remove_leftovers()
        self._sync()

    def sync(self):
        """Bring the index in line with ``library.shelf`` and the synonyms file.

        Re-indexes the lessons added, changed or removed since the index last saw them,
        rebuilds an index that is missing or unreadable, and stems and saves the synonyms
        after their file changed. For the content watcher (after it refreshed the
        library), `kiosk index` and tests; never for a request. Costs microseconds when
        nothing changed, so the watcher may call it at every tick.

        Returns the Report, or None when the index is already being prepared or synced in
        another thread (which then looks at the shelf once more before it stops). Raises
        IndexBusy when another process holds the index for longer than the index waits.
        """
        if self._live is None and self._recently_failed():
            return None  # it failed moments ago (a full disk?): not again at every look
        if not self._claim():
            return None
        try:
            report = self._sync()
            while self._release_or_again():
                report = self._sync()
            self.trouble = None
            return report
        except OSError as exc:
            self._release()
            self._cannot_write(exc)
            return None
        except BaseException:
            self._release()
            raise

    def _cannot_write(self, exc):
        # A full or read-only data folder: villagers search the lesson list meanwhile, and
        # the log says so once, not at every look of the watcher.
        self._last_failure = time.monotonic()
        if self.trouble is None:
            log.error("the search index cannot be written (%s); searching the lesson list "
                      "instead, trying again every %d s", exc.strerror or exc,
                      RETRY_SECONDS)
        self.trouble = f"the index cannot be written ({exc.strerror or exc})"

    def _sync(self):
        shelf, stamp, live = self.library.shelf, self.index.manifest_stamp(), self._live
        glossary = self.glossary()
        if live is not None and self._synced is not None and self._synced[0] is shelf \
                and self._synced[3] is glossary \
                and self._synced[1] == stamp == live.stamp:
            self._prepare_synonyms()
            return Report(total=self._synced[2])
        docs = documents(shelf, self.languages, self.default_language, glossary=glossary)
        try:
            report = self.index.update(docs)
            if report or live is None or live.stamp != self.index.manifest_stamp():
                self._switch(self._open_checked())
        except IndexBusy:
            raise
        except Exception as exc:
            if not isinstance(exc, FileNotFoundError):
                log.warning("search index unreadable (%s: %s); rebuilding it",
                            type(exc).__name__, exc)
            release(exc)
            self._ready_to_answer_meanwhile()
            report = self.index.rebuild(docs)
            self._switch(self._open_checked())
        if report:
            log.info("search index: %d added, %d changed, %d removed%s in %.2f s",
                     len(report.added), len(report.changed), len(report.removed),
                     " (rebuilt)" if report.rebuilt else "", report.seconds)
        self._synced = (shelf, self._live.stamp, report.total, glossary)
        self._prepare_synonyms()
        return report

    def rebuild(self):
        """Index every lesson again from scratch, in the caller's thread."""
        shelf, glossary = self.library.shelf, self.glossary()
        report = self.index.rebuild(documents(shelf, self.languages, self.default_language,
                                              glossary=glossary))
        self._switch(self._open_checked())
        self._synced = (shelf, self._live.stamp, report.total, glossary)
        self._started = True  # nothing left for start() to prepare
        self._prepare_synonyms()
        return report

    def wait(self, timeout=None):
        """Wait until no preparation, sync or rebuild is running (for tests and the CLI);
        True if the index is ready."""
        with self._state:
            self._state.wait_for(lambda: not self._busy, timeout)
        return self.ready

    def rebuild_in_background(self):
        """Rebuild in a thread; searches are answered from the lesson list meanwhile."""
        self._live = None  # never again the files that failed
        if not self._recently_failed():
            self._in_background(self._rebuild_quietly)

    # One job at a time: a second caller only asks the running one to sync once more.

    def _claim(self):
        with self._state:
            if self._busy:
                self._again = True
                return False
            self._busy, self._again = True, False
            return True

    def _release_or_again(self):
        with self._state:
            if self._again:
                self._again = False
                return True
            self._busy = False
            self._state.notify_all()
            return False

    def _release(self):
        with self._state:
            self._busy = False
            self._state.notify_all()

    def _in_background(self, job):
        if self._claim():
            threading.Thread(target=self._work, args=(job,), name="search-index",
                             daemon=True).start()

    def _work(self, job):
        while True:
            try:
                job()
                self._last_failure, self.trouble = None, None
            except OSError as exc:
                self._cannot_write(exc)
            except Exception as exc:
                self.trouble = f"{type(exc).__name__}: {exc}"
                log.error("the search index could not be prepared; searching the lesson "
                          "list instead\n%s", release(exc))
                self._last_failure = time.monotonic()
            if not self._release_or_again():
                return
            job = self._sync

    def _rebuild_quietly(self):
        self._ready_to_answer_meanwhile()
        report = self.rebuild()
        log.warning("search index rebuilt: %d lessons in %.2f s", report.total, report.seconds)

    def _ready_to_answer_meanwhile(self):
        # Before a build, whose seconds villagers spend on the lesson list: work out its
        # terms now rather than at the first search, which would wait behind the build.
        if self._live is None:
            self.lesson_list.prepare(self.default_language)

    def _recently_failed(self):
        return self._last_failure is not None \
            and time.monotonic() - self._last_failure < RETRY_SECONDS

    def _progress(self, done, total):
        now = time.monotonic()
        if done == 0:
            self._progress_said = now
            log.info("search index: building, %d lessons", total)
        elif now - self._progress_said >= PROGRESS_SECONDS:
            self._progress_said = now
            log.info("search index: %d of %d lessons indexed", done, total)

    def _open_checked(self):
        ix = self.index.open()
        # Touch the term index, postings and stored fields once, so a corrupt index is
        # found now rather than by a villager.
        with ix.searcher() as searcher:
            searcher.search(Term("shown", self.default_language), limit=1)
        return ix

    def _switch(self, ix):
        with ix.reader() as reader:
            vocabulary = Vocabulary(reader)
        self._generation += 1
        self._live = LiveIndex(ix, self.index.manifest_stamp(), self._generation, vocabulary)
        self._said_preparing = False
        return self._live

    # -- reading ------------------------------------------------------------

    def synonyms(self):
        """The synonym groups as the last sync read them (read once if none has yet)."""
        if self._synonyms[0] is UNREAD:
            self._reload_synonyms()
        return self._synonyms[1]

    def _reload_synonyms(self):
        # Through the content reader, like every editor's file: a save is seen by its stamp.
        reader = self.library.reader
        stamp = reader.stamp(self.synonyms_path)
        if stamp == self._synonyms[0]:
            return
        where = reader.display(self.synonyms_path)
        try:
            raw = None if stamp is None else reader.read_bytes(self.synonyms_path)
        except OSError:
            raw = None
        loaded = Synonyms() if raw is None else load_synonyms(self.synonyms_path, where, raw)
        for problem in loaded.problems:
            log.error("%s", problem)
        if loaded.digest:
            loaded.stems = self.index.read_stems(loaded.digest)
        self._synonyms = (stamp, loaded)

    def _prepare_synonyms(self):
        # Re-read the file if it was saved, then stem every group now (and keep the stems
        # beside the index), not at a villager's search: a cold Sastrawi needs ~0.1 s.
        self._reload_synonyms()
        synonyms = self.synonyms()
        for lang in self.languages:
            synonyms.table(lang)
        if synonyms.unsaved and synonyms.digest:
            synonyms.unsaved = False
            try:
                self.index.write_stems(synonyms.digest, synonyms.stems)
            except OSError as exc:
                log.warning("could not save the synonyms' stems: %s", exc)

    def _finder(self):
        if not self._started:
            self.start()
        live = self._live
        # `kiosk index` in another process switches or rewrites the manifest.
        if live is not None and self.index.manifest_stamp() != live.stamp:
            live = self._follow_manifest(live)
        if live is None:
            raise LookupError("no search index")
        held = getattr(self._local, "held", None)
        # Not searcher.refresh(): it reuses segment readers and keeps their old deletions,
        # so a removed or edited lesson would still be found.
        if held is None or held.generation != live.generation \
                or not held.searcher.up_to_date():
            self._local.held = held = ThreadSearcher(open_searcher(live.ix), live.generation)
        return Finder(held.searcher, self.default_language, self.synonyms(),
                      shown_filter=held.shown_filter, vocabulary=live.vocabulary)

    def _follow_manifest(self, live):
        # Reading only: the other process wrote the index; this one opens what it wrote.
        manifest = self.index.read_manifest()
        if manifest is None:
            raise LookupError("the search manifest is missing")
        folder = self.index.folder / manifest["index"]
        return self._switch(live.ix if live.ix.storage.folder == str(folder)
                            else self.index.open(manifest))

    def find(self, text, lang, limit=10):
        """Lessons for what the villager typed, best first; never raises for bad input."""
        try:
            return self._finder().find(text, lang, limit)
        except Exception as exc:
            self._failed(exc)
            return self.lesson_list.find(text, lang, limit)

    def titles(self, text, lang, limit=8):
        """Up to ``limit`` lesson titles for search-as-you-type."""
        try:
            return self._finder().titles(text, lang, limit)
        except Exception as exc:
            self._failed(exc)
            found = self.lesson_list.find(text, lang, limit)
            return [{"slug": h.slug, "lang": h.lang, "title": str(h.title),
                     "category": h.category} for h in found.hits]

    def typing_correction(self, text, lang):
        """The spelling the lessons use for what is being typed ("pasport" -> "paspor"), or
        None; None too while the index is not ready (the lesson list knows no typos)."""
        try:
            return self._finder().typing_correction(text, lang)
        except Exception as exc:
            self._failed(exc)
            return None

    def _failed(self, exc):
        if isinstance(exc, LookupError):
            if self._busy:  # being prepared: expected after a start, nothing is wrong
                if not self._said_preparing:
                    self._said_preparing = True
                    log.info("search index is being prepared; answering from the lesson "
                             "list meanwhile")
                return
            # Missing or failed to open: prepare it again, once a minute at most.
            if not self._recently_failed():
                log.warning("search index not ready (%s); preparing it again, answering from "
                            "the lesson list meanwhile", exc)
                self._in_background(self._sync)
            return
        log.error("search index failed; rebuilding it\n%s", release(exc))
        self.rebuild_in_background()
