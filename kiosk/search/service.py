"""The kiosk's lesson search: an index kept in step with the library, and queries against it.

If the index breaks while serving, villagers get answers from the lesson list meanwhile.
"""

import logging
import threading
import time
from contextlib import suppress

from markupsafe import escape
from whoosh.query import Term

from .analysis import clean_query, terms, words
from .index import IndexBusy, LessonIndex, documents, release
from .query import Finder, Found, Hit, open_searcher
from .synonyms import Synonyms, load_synonyms

log = logging.getLogger(__name__)

# After a failed rebuild, wait this long before trying again (a full disk stays full).
RETRY_REBUILD_SECONDS = 60.0
# How long a page may wait for the index to re-index an edited lesson.
PENDING_WAIT_SECONDS = 1.0


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
    """Search over the library's lessons; lives in ``app.extensions['search']``."""

    def __init__(self, library, folder, synonyms_path, languages, default_language):
        self.library = library
        self.languages = list(languages)
        self.default_language = default_language
        self.index = LessonIndex(folder, self.languages)
        self.synonyms_path = synonyms_path
        self._synonyms = (None, Synonyms())  # (file stamp, groups)
        self._started = False
        self._start_lock = threading.Lock()
        self._ix = None
        self._ix_stamp = None
        self._generation = 0
        self._local = threading.local()
        self._rebuilder = None
        self._last_failure = None
        self._pending = set()  # slugs edited while the index was busy
        library.listeners.append(self._lessons_changed)

    # -- keeping the index in step ----------------------------------------

    def documents(self, slugs=None):
        return documents(self.library.shelf, self.languages, self.default_language, slugs)

    @property
    def started(self):
        return self._started

    def start(self):
        """The check at start: build the index if missing, else re-index what changed."""
        with self._start_lock:
            if self._started:
                return None
            try:
                return self.sync()
            except Exception as exc:
                log.error("the search index could not be prepared; searching the lesson "
                          "list instead\n%s", release(exc))
                self._last_failure = time.monotonic()
                return None
            finally:
                self._started = True

    def sync(self):
        """Re-index changed, added and removed lessons; rebuild an index that is unreadable."""
        # Read the content folder first; this thread's reload is indexed below, in one report.
        self._local.syncing = True
        try:
            self.library.refresh()
        finally:
            self._local.syncing = False
        docs = self.documents()
        try:
            report = self.index.update(docs)
            self._switch(self._open_checked())
        except IndexBusy:
            raise
        except Exception as exc:
            if not isinstance(exc, FileNotFoundError):
                log.warning("search index unreadable (%s: %s); rebuilding it",
                            type(exc).__name__, exc)
            release(exc)
            report = self.index.rebuild(docs)
            self._switch(self._open_checked())
        if report:
            log.info("search index: %d added, %d changed, %d removed%s in %.2f s",
                     len(report.added), len(report.changed), len(report.removed),
                     " (rebuilt)" if report.rebuilt else "", report.seconds)
        self._prepare_synonyms()
        return report

    def rebuild(self):
        """Index every lesson again from scratch."""
        report = self.index.rebuild(self.documents())
        self._switch(self._open_checked())
        self._started = True
        self._prepare_synonyms()
        return report

    def _lessons_changed(self, keys):
        # Called by the library after a reload; a failure here must not break the page.
        # Before the check at start there is nothing to do: that check compares everything.
        if not self._started or getattr(self._local, "syncing", False):
            return
        self._pending |= {slug for _, slug in keys}
        if self._ix is not None:  # else a rebuild is running: after it, at the next search
            self._reindex_pending()

    def _reindex_pending(self):
        slugs, self._pending = self._pending, set()
        # Every language of a slug: adding a translation changes where the original shows.
        wanted = {f"{lang}/{slug}" for lang in self.languages for slug in slugs}
        try:
            # A villager is waiting on this request: if a rebuild holds the index, the
            # lessons are re-indexed at a later search instead.
            self.index.update(self.documents(slugs), wanted, timeout=PENDING_WAIT_SECONDS)
        except IndexBusy:
            self._pending |= slugs
        except Exception as exc:
            log.error("could not re-index %s; rebuilding the search index\n%s",
                      ", ".join(sorted(wanted)), release(exc))
            self.rebuild_in_background()

    def _open_checked(self):
        ix = self.index.open()
        # Touch the term index, postings and stored fields once, so a corrupt index is
        # found now rather than by a villager.
        with ix.searcher() as searcher:
            searcher.search(Term("shown", self.default_language), limit=1)
        return ix

    def _switch(self, ix):
        self._ix = ix
        self._ix_stamp = self.index.manifest_stamp()
        self._generation += 1

    def rebuild_in_background(self):
        """Rebuild in a thread; searches are answered from the lesson list meanwhile."""
        if self._rebuilder is not None and self._rebuilder.is_alive():
            return
        if self._last_failure is not None \
                and time.monotonic() - self._last_failure < RETRY_REBUILD_SECONDS:
            return
        self._ix = None
        self._rebuilder = threading.Thread(target=self._rebuild_quietly,
                                           name="search-rebuild", daemon=True)
        self._rebuilder.start()

    def _rebuild_quietly(self):
        try:
            report = self.rebuild()
            log.warning("search index rebuilt: %d lessons in %.2f s", report.total,
                        report.seconds)
            self._last_failure = None
        except Exception as exc:
            log.error("rebuilding the search index failed\n%s", release(exc))
            self._last_failure = time.monotonic()

    def wait(self, timeout=None):
        """Wait for a background rebuild to finish (for `kiosk index` and tests)."""
        if self._rebuilder is not None:
            self._rebuilder.join(timeout)

    # -- reading ------------------------------------------------------------

    def synonyms(self):
        """The synonym groups, re-read when an editor saves the file."""
        try:
            st = self.synonyms_path.stat()
            stamp = (st.st_mtime_ns, st.st_size)
        except OSError:
            stamp = None
        if stamp != self._synonyms[0]:
            loaded = load_synonyms(self.synonyms_path, self.library.display(self.synonyms_path))
            for problem in loaded.problems:
                log.error("%s", problem)
            if loaded.digest:
                loaded.stems = self.index.read_stems(loaded.digest)
            self._synonyms = (stamp, loaded)
        return self._synonyms[1]

    def _prepare_synonyms(self):
        # Stem every group now (and keep the stems beside the index), not at a villager's
        # first search: a cold Sastrawi needs ~0.1 s for the bundled groups.
        synonyms = self.synonyms()
        for lang in self.languages:
            synonyms.table(lang)
        self._save_stems(synonyms)

    def _save_stems(self, synonyms):
        if synonyms.unsaved and synonyms.digest:
            synonyms.unsaved = False
            try:
                self.index.write_stems(synonyms.digest, synonyms.stems)
            except OSError as exc:
                log.warning("could not save the synonyms' stems: %s", exc)

    def _finder(self):
        if not self._started:
            self.start()
        # `kiosk index --rebuild` in another process switches the manifest to a new index.
        if self._ix is not None and self.index.manifest_stamp() != self._ix_stamp:
            self._follow_manifest()
        if self._ix is None:
            raise LookupError("no search index")
        if self._pending:
            self._reindex_pending()
        held = getattr(self._local, "held", None)
        # Not searcher.refresh(): it reuses segment readers and keeps their old deletions,
        # so a removed or edited lesson would still be found.
        if held is None or held.generation != self._generation \
                or not held.searcher.up_to_date():
            self._local.held = held = ThreadSearcher(open_searcher(self._ix), self._generation)
        synonyms = self.synonyms()
        self._save_stems(synonyms)  # after an editor's change: stemmed at the last search
        return Finder(held.searcher, self.default_language, synonyms,
                      shown_filter=held.shown_filter)

    def _follow_manifest(self):
        manifest = self.index.read_manifest()
        if manifest is None:
            raise LookupError("the search manifest is missing")
        if self._ix.storage.folder != str(self.index.folder / manifest["index"]):
            self._switch(self.index.open(manifest))
        else:
            self._ix_stamp = self.index.manifest_stamp()

    def find(self, text, lang, limit=10):
        """Lessons for what the villager typed, best first; never raises for bad input."""
        try:
            return self._finder().find(text, lang, limit)
        except Exception as exc:
            self._failed(exc)
            return self._fallback(text, lang, limit)

    def titles(self, text, lang, limit=8):
        """Up to ``limit`` lesson titles for search-as-you-type."""
        try:
            return self._finder().titles(text, lang, limit)
        except Exception as exc:
            self._failed(exc)
            found = self._fallback(text, lang, limit)
            return [{"slug": h.slug, "lang": h.lang, "title": str(h.title),
                     "category": h.category} for h in found.hits]

    def _failed(self, exc):
        if isinstance(exc, LookupError):
            log.warning("search index not ready; answering from the lesson list")
        else:
            log.error("search index failed; rebuilding it\n%s", release(exc))
            self._generation += 1  # drop every thread's searcher on the broken files
        self.rebuild_in_background()

    def _fallback(self, text, lang, limit):
        # Degraded but useful: typed words found in titles, tags and summaries.
        cleaned = clean_query(text)
        typed = words(cleaned)
        found = Found(query=cleaned, normalized=" ".join(typed))
        scored = []
        for lesson in self.library.lessons(lang):
            wanted = set(terms(" ".join(typed), lesson.lang))
            if not wanted:
                continue
            score = sum(weight * len(wanted & set(terms(part, lesson.lang))) for weight, part in (
                (4, lesson.title), (3, " ".join(lesson.tags)), (2, lesson.summary)))
            if score:
                scored.append((-score, lesson.title, lesson))
        scored.sort(key=lambda row: row[:2])
        found.total = len(scored)
        found.hits = [Hit(key=f"{ls.lang}/{ls.slug}", slug=ls.slug, lang=ls.lang,
                          category=ls.category, title=escape(ls.title), summary=ls.summary,
                          snippet=escape(ls.summary)) for _, _, ls in scored[:limit]]
        return found
