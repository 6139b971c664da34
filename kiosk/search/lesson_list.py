"""Answers from the lesson list while the index is not ready: the typed words found in the
lessons' titles, tags and summaries, best first. Degraded, but useful and calm.
"""

import threading

from markupsafe import escape

from .analysis import clean_query, terms, words
from .query import GOOD_MATCH, Found, Hit


class LessonList:
    """Searches the library's current snapshot without an index."""

    def __init__(self, library):
        self.library = library
        self._terms = None  # (shelf, {lang: [(lesson, [(weight, terms of a part)])]})
        self._lock = threading.Lock()

    def find(self, text, lang, limit=10):
        cleaned = clean_query(text)
        typed = words(cleaned)
        found = Found(query=cleaned, normalized=" ".join(typed))
        scored, wanted = [], {}
        for lesson, parts in self.prepare(lang):
            if lesson.lang not in wanted:
                wanted[lesson.lang] = set(terms(" ".join(typed), lesson.lang))
            score = sum(weight * len(wanted[lesson.lang] & part) for weight, part in parts)
            if score:
                scored.append((-score, lesson.title, lesson))
        scored.sort(key=lambda row: row[:2])
        found.total = len(scored)
        if scored:
            found.matches = sum(1 for row in scored if row[0] <= GOOD_MATCH * scored[0][0])
        found.hits = [Hit(key=f"{ls.lang}/{ls.slug}", slug=ls.slug, lang=ls.lang,
                          category=ls.category, title=escape(ls.title), summary=ls.summary,
                          snippet=escape(ls.summary)) for _, _, ls in scored[:limit]]
        return found

    def prepare(self, lang):
        """The terms of each lesson's title, tags and summary, worked out once per library
        snapshot and language (0.1 to 0.5 s at 2,000 lessons, with Sastrawi warm or cold;
        ~5 ms for a kiosk's lessons). A search arriving meanwhile waits for them rather
        than work them out as well."""
        shelf = self.library.shelf
        memo = self._terms
        if memo is not None and memo[0] is shelf and lang in memo[1]:
            return memo[1][lang]
        with self._lock:
            memo = self._terms
            if memo is None or memo[0] is not shelf or lang not in memo[1]:
                table = {} if memo is None or memo[0] is not shelf else dict(memo[1])
                table[lang] = [(lesson, [(weight, set(terms(part, lesson.lang)))
                                         for weight, part in ((4, lesson.title),
                                                              (3, " ".join(lesson.tags)),
                                                              (2, lesson.summary))])
                               for lesson in self.library.lessons(lang)]
                self._terms = memo = (shelf, table)
            return memo[1][lang]
