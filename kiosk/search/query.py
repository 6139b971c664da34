"""Turning what a villager typed into ranked lessons with highlighted snippets and hints.

Input is only ever plain words: nothing typed can reach Whoosh's query syntax.
"""

from dataclasses import dataclass, field

from markupsafe import Markup
from whoosh.query import And, Or, Phrase, Term

from .analysis import clean_query, terms, words
from .postings import spans
from .ranking import LessonBM25F, Ranking
from .snippets import marked, snippet, spans_of
from .typos import Vocabulary, corrections

# A synonym counts, but the word the villager typed counts more.
SYNONYM_WEIGHT = 0.6
# Each extra typed word a lesson matches multiplies its score: "kerja di kamboja" puts the
# lesson about both ahead of the many that only mention "kerja".
COORDINATION = 0.5
# Hits looked at for coordination before cutting to the page's limit.
RERANK_DEPTH = 20
# A lesson scoring at least this share of the best hit's score matches the search well:
# "kerja di kamboja" is about the lessons on both words, not the 19 that say "kerja".
GOOD_MATCH = 0.5


def open_searcher(ix):
    """A searcher on ``ix`` scoring the way the kiosk does."""
    return ix.searcher(weighting=LessonBM25F())


@dataclass
class Hit:
    key: str
    slug: str
    lang: str
    category: str
    title: Markup
    summary: str
    snippet: Markup


@dataclass
class Found:
    """One search: what was asked, what was found, and the hints for the villager."""

    query: str = ""  # cleaned, as typed (for the page)
    normalized: str = ""  # lowercased words (for the stats)
    hits: list = field(default_factory=list)  # the good matches first, then weaker ones
    total: int = 0  # every lesson with a word typed (or its synonym)
    matches: int = 0  # the lessons that match well (see GOOD_MATCH): "N pelajaran cocok"
    suggestion: str | None = None  # "Maksud Anda: paspor?"
    corrected: str | None = None  # the words these hits are for, if the typed ones found none


def _leaves(query):
    if isinstance(query, (Term, Phrase)):
        return [query]
    return [leaf for child in query.children() for leaf in _leaves(child)]


class Finder:
    """Answers villager queries from one open Whoosh searcher.

    The kiosk's own loop ranks and counts in one pass over each query word's postings
    (ranking.py); the same postings give the top hits' coordination bonus and the
    snippets' stored character offsets, so no word is read twice and no body is
    tokenized again. Search-as-you-type still goes through Whoosh's matchers.
    """

    def __init__(self, searcher, default_language, synonyms, shown_filter=None,
                 vocabulary=None):
        self.searcher = searcher
        self.default_language = default_language
        self.synonyms = synonyms
        self.shown_filter = shown_filter or (lambda lang: None)
        self.vocabulary = vocabulary  # read from the index at the first typo if not given

    def languages(self, lang):
        # A villager reading English also searches the Indonesian lessons standing in.
        if lang == self.default_language:
            return [lang]
        return [lang, self.default_language]

    # -- building queries ---------------------------------------------------

    @staticmethod
    def _match(lang, stems, weight):
        if len(stems) == 1:
            return Term(f"text_{lang}", stems[0], boost=weight)
        return Phrase(f"text_{lang}", list(stems), boost=weight)

    def clauses(self, typed, lang):
        """One query clause per typed word (or synonym phrase), for ``lang``'s lessons."""
        lookup, alternatives = self.synonyms.table(lang)
        longest = self.synonyms.longest(lang)
        stems = [t for word in typed for t in terms(word, lang)]
        found, i = [], 0
        while i < len(stems):
            group, size = None, 1
            for n in range(min(longest, len(stems) - i), 0, -1):
                group = lookup.get(tuple(stems[i:i + n]))
                if group is not None:
                    size = n
                    break
            span = tuple(stems[i:i + size])
            clause = self._match(lang, span, 1.0)
            if group is not None:
                clause = Or([clause] + [self._match(lang, alt, SYNONYM_WEIGHT)
                                        for alt in alternatives[group] if alt != span])
            found.append(clause)
            i += size
        return found

    # -- searching --------------------------------------------------------

    def find(self, text, lang, limit=10):
        cleaned = clean_query(text)
        typed = words(cleaned)
        found = Found(query=cleaned, normalized=" ".join(typed))
        if not typed:
            return found
        fixes = self.corrections(typed, lang)
        if not fixes:
            found.hits, found.total, found.matches = self._run(typed, lang, limit)
            return found
        found.suggestion = " ".join(fixes[w][0] if w in fixes else w for w in typed)
        # A word no lesson has adds nothing to a search; its likeliest spelling does.
        found.hits, found.total, found.matches = self._run(
            [w for word in typed for w in [word] + fixes.get(word, [])[:1]], lang, limit)
        if not found.hits:
            # Fuzzy retry: the three closest words the lessons contain, for each typo.
            retry = [w for word in typed for w in fixes.get(word, [word])]
            found.hits, found.total, found.matches = self._run(retry, lang, limit)
        languages = self.languages(lang)
        if found.hits and not any(word not in fixes and any(terms(word, language)
                                                            for language in languages)
                                  for word in typed):
            found.corrected = found.suggestion  # every hit is for the corrected words
        return found

    def _run(self, typed, lang, limit):
        clauses = {language: self.clauses(typed, language) for language in self.languages(lang)}
        every = [clause for group in clauses.values() for clause in group]
        if not every:
            return [], 0, 0
        # Every word and synonym scored as one flat Or of Terms and Phrases, as Whoosh would
        # score it, but in the kiosk's own loop over the postings (see ranking.py).
        ranking = Ranking(self.searcher)
        leaves = [leaf for clause in every for leaf in _leaves(clause)]
        ranked, total = ranking.rank(leaves, self.shown_filter(lang),
                                     max(limit, RERANK_DEPTH))
        if not ranked:
            return [], total, 0
        found = self._found_words(ranking, leaves, [docnum for _, docnum in ranked])
        if len(typed) > 1:
            ranked = self._coordinate(ranked, clauses, found)
        reader = self.searcher.reader()
        return [self._hit(reader.stored_fields(docnum), docnum, found)
                for _, docnum in ranked[:limit]], total, _good(ranked, ranking)

    @staticmethod
    def _found_words(ranking, leaves, docnums):
        """{(field, word): {docnum: [(start, end), ...]}} for the query's words in these docs,
        from the postings the ranking read: what marks the snippets and counts the words
        matched (each word of a phrase on its own, as a villager sees them)."""
        found = {}
        for leaf in leaves:
            for word in _words_of(leaf):
                key = (leaf.fieldname, word)
                if key in found:
                    continue
                postings = ranking.postings_of(*key)
                found[key] = where = {}
                for docnum in docnums:
                    value = postings.value_for(docnum)
                    if value is not None:
                        where[docnum] = spans(value)
        return found

    @staticmethod
    def _coordinate(ranked, clauses, found):
        # The best language's count of typed words (clauses) each document matches.
        rescored = []
        for rank, (score, docnum) in enumerate(ranked):
            count = max(
                sum(any(docnum in found[(leaf.fieldname, word)] for leaf in _leaves(clause)
                        for word in _words_of(leaf)) for clause in group)
                for group in clauses.values())
            rescored.append((-score * (1 + COORDINATION * max(count - 1, 0)), rank, docnum))
        rescored.sort()
        return [(-score, docnum) for score, _, docnum in rescored]

    def _hit(self, stored, docnum, found):
        doc_lang = stored["lang"]
        name = f"text_{doc_lang}"
        body = stored.get("body", "")
        spans, stems = [], set()
        for (field_name, word), where in found.items():
            if field_name == name and docnum in where:
                stems.add(word)
                spans.extend((s, e) for s, e in where[docnum] if e <= len(body))
        title, summary = stored["title"], stored["summary"]
        return Hit(
            key=stored["key"], slug=stored["slug"], lang=doc_lang, category=stored["category"],
            title=marked(title, spans_of(title, doc_lang, stems)), summary=summary,
            snippet=snippet(body, spans) or marked(summary,
                                                   spans_of(summary, doc_lang, stems)),
        )

    # -- typos ------------------------------------------------------------

    def corrections(self, typed, lang, limit=3, budget=None):
        """{typed word: closest words in the lessons} for words the lessons do not know,
        within one query's work ``budget`` (a fresh typos.WorkBudget if not given)."""
        if self.vocabulary is None:
            self.vocabulary = Vocabulary(self.searcher.reader())
        return corrections(self.searcher.reader(), self.vocabulary, self.synonyms, typed,
                           self.languages(lang), limit, budget)

    def typing_correction(self, text, lang):
        """"paspor" for "pasport" while it is typed: the words so far as the lessons spell
        them, or None. An unfinished last word that some title word begins with is not a
        typo yet."""
        typed = words(clean_query(text))
        if not typed:
            return None
        fixes = self.corrections(typed, lang)
        last = typed[-1]
        if last in fixes and not text[-1:].isspace() and any(
                self._completions(f"words_{language}", last, scan=1, keep=1)
                for language in self.languages(lang)):
            del fixes[last]
        if not fixes:
            return None
        return " ".join(fixes[w][0] if w in fixes else w for w in typed)

    # -- search-as-you-type -------------------------------------------------

    def _completions(self, name, prefix, scan=2000, keep=24):
        """The headline words starting with ``prefix`` that most lessons use.

        Not Whoosh's Prefix query: after two letters it walks every completion's postings
        (0.45 s a keystroke on 20,000 lessons); a typing villager needs the likely ones.
        """
        reader = self.searcher.reader()
        found = []
        for count, word in enumerate(reader.expand_prefix(name, prefix)):
            if count == scan:
                break
            text = word.decode("utf-8") if isinstance(word, bytes) else word
            found.append((-reader.doc_frequency(name, text), text))
        return [Term(name, text) for _, text in sorted(found)[:keep]]


    def titles(self, text, lang, limit=8):
        """Lessons whose title, tags or summary fit what is typed, the last word unfinished."""
        cleaned = clean_query(text)
        typed = words(cleaned)
        if not typed:
            return []
        finished = text[-1:].isspace()
        complete, last = (typed, None) if finished else (typed[:-1], typed[-1])
        parts = []
        for language in self.languages(lang):
            clauses = self.clauses(complete, language)
            if last is not None:
                options = self.clauses([last], language)
                if len(last) >= 2:
                    options += self._completions(f"words_{language}", last)
                if not options:
                    continue
                clauses.append(Or(options))
            if clauses:
                # Each typed word's alternatives as one flat Or (see _run).
                parts.append(And([_flat(clause) for clause in clauses]))
        if not parts:
            return []
        query = parts[0] if len(parts) == 1 else Or(parts)
        results = self.searcher.search(query, limit=limit, filter=self.shown_filter(lang))
        return [{"slug": hit["slug"], "lang": hit["lang"], "title": hit["title"],
                 "category": hit["category"]} for hit in results]


def _good(ranked, ranking):
    """How many lessons match well: those within GOOD_MATCH of the best (after coordination,
    so lessons with every word typed count first). Past the depth looked at, the rest are
    counted by their plain score, which coordination could only have raised."""
    least = GOOD_MATCH * ranked[0][0]
    good = sum(1 for score, _ in ranked if score >= least)
    if good == len(ranked):
        seen = {docnum for _, docnum in ranked}
        good += ranking.count_at_least(least, seen)
    return good


def _flat(query):
    if not isinstance(query, Or):
        return query
    leaves = [leaf for child in query.subqueries for leaf in _flat_children(child)]
    return Or(leaves, boost=query.boost)


def _flat_children(query):
    return _flat(query).subqueries if isinstance(query, Or) else [query]


def _words_of(leaf):
    return [leaf.text] if isinstance(leaf, Term) else list(leaf.words)
