"""Turning what a villager typed into ranked lessons with highlighted snippets and hints.

Input is only ever plain words: nothing typed can reach Whoosh's query syntax.
"""

from dataclasses import dataclass, field

from markupsafe import Markup, escape
from whoosh import highlight
from whoosh.query import And, Or, Phrase, Prefix, Term

from .analysis import clean_query, terms, words
from .index import TEXT_FIELDS

# Where a word is found says how much the lesson is about it.
FIELD_BOOSTS = {"title": 4.0, "tags": 3.0, "summary": 2.0, "category": 1.5, "body": 1.0}
# A synonym counts, but the word the villager typed counts more.
SYNONYM_WEIGHT = 0.6
# Each extra typed word a lesson matches multiplies its score: "kerja di kamboja" puts the
# lesson about both ahead of the many that only mention "kerja".
COORDINATION = 0.5
# Hits looked at for coordination before cutting to the page's limit.
RERANK_DEPTH = 60


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
    hits: list = field(default_factory=list)
    total: int = 0
    suggestion: str | None = None  # "Maksud Anda: paspor?"
    corrected: str | None = None  # the words these hits are for, if the typed ones found none


class MarkFormatter(highlight.Formatter):
    """Matched words in <mark>, everything else escaped; '…' where text was cut."""

    between = " … "

    def _text(self, text):
        # The body is indexed line by line; in one snippet line, a dot marks the break.
        return str(escape(text)).replace("\n", " · ")

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"

    def format_fragment(self, fragment, replace=False):
        body = super().format_fragment(fragment, replace)
        if fragment.startchar > 0:
            body = "… " + body
        if fragment.endchar < len(fragment.text):
            body += " …"
        return body


class WordFragmenter(highlight.PinpointFragmenter):
    """Pinpoint fragments cut at a line or word boundary, never inside a word."""

    @staticmethod
    def _autotrim(fragment):
        text, start, end = fragment.text, fragment.startchar, fragment.endchar
        first = fragment.matches[0].startchar if fragment.matches else end
        last = fragment.matches[-1].endchar if fragment.matches else start
        if start > 0:
            line = text.rfind("\n", start, first)
            space = text.find(" ", start, first)
            start = line + 1 if line >= 0 else (space + 1 if space >= 0 else start)
        if end < len(text):
            line = text.find("\n", last, end)
            space = text.rfind(" ", last, end)
            end = line if line >= 0 else (space if space >= 0 else end)
        fragment.startchar, fragment.endchar = start, end


# Snippets come from the stored character offsets (no re-tokenizing of the body).
SNIPPET = highlight.Highlighter(
    fragmenter=WordFragmenter(maxchars=180, surround=70, autotrim=True),
    formatter=MarkFormatter(), scorer=highlight.BasicFragmentScorer())
# Titles and summaries are a line long: marking them whole is cheap.
WHOLE = highlight.Highlighter(fragmenter=highlight.WholeFragmenter(), formatter=MarkFormatter())


class Finder:
    """Answers villager queries from one open Whoosh searcher."""

    def __init__(self, searcher, default_language, synonyms, shown_filter=None):
        self.searcher = searcher
        self.default_language = default_language
        self.synonyms = synonyms
        self.shown_filter = shown_filter or (lambda lang: Term("shown", lang))

    def languages(self, lang):
        # A villager reading English also searches the Indonesian lessons standing in.
        if lang == self.default_language:
            return [lang]
        return [lang, self.default_language]

    # -- building queries ---------------------------------------------------

    def _match(self, lang, stems, weight):
        if len(stems) == 1:
            return Or([Term(f"{name}_{lang}", stems[0], boost=boost * weight)
                       for name, boost in FIELD_BOOSTS.items()])
        return Or([Phrase(f"{name}_{lang}", list(stems), boost=boost * weight)
                   for name, boost in FIELD_BOOSTS.items()])

    def clauses(self, typed, lang):
        """One query clause per typed word (or synonym phrase) in ``lang``'s fields."""
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

    def query(self, typed, lang):
        parts = []
        for language in self.languages(lang):
            clauses = self.clauses(typed, language)
            if clauses:
                parts.append((len(clauses), Or(clauses)))
        return parts

    # -- searching --------------------------------------------------------

    def find(self, text, lang, limit=20):
        cleaned = clean_query(text)
        typed = words(cleaned)
        found = Found(query=cleaned, normalized=" ".join(typed))
        if not typed:
            return found
        found.hits, found.total = self._run(typed, lang, limit)
        fixes = self.corrections(typed, lang)
        if fixes:
            fixed = [fixes[w][0] if w in fixes else w for w in typed]
            found.suggestion = " ".join(fixed)
            if not found.hits:
                # Fuzzy retry: the closest words the lessons actually contain.
                retry = [w for word in typed for w in (fixes.get(word, [word]))]
                found.hits, found.total = self._run(retry, lang, limit)
                if found.hits:
                    found.corrected = found.suggestion
        return found

    def _run(self, typed, lang, limit):
        parts = self.query(typed, lang)
        if not parts:
            return [], 0
        query = parts[0][1] if len(parts) == 1 else Or([q for _, q in parts])
        clauses = max(n for n, _ in parts)
        results = self.searcher.search(query, limit=max(limit, RERANK_DEPTH),
                                       filter=self.shown_filter(lang), terms=True)
        total = len(results)
        ranked = self._rerank(results, parts) if clauses > 1 else list(results)
        return [self._hit(hit, results) for hit in ranked[:limit]], total

    def _rerank(self, results, parts):
        # Count, per hit, how many of the typed words (clauses) it matched in any field.
        clause_terms = []
        for _, query in parts:
            for clause in query.subqueries if isinstance(query, Or) else [query]:
                clause_terms.append({(t[0], t[1]) for t in clause.iter_all_terms()})
        scored = []
        for rank, hit in enumerate(results):
            matched = {(name, text if isinstance(text, str) else text.decode("utf-8"))
                       for name, text in hit.matched_terms()}
            count = sum(1 for wanted in clause_terms if wanted & matched)
            scored.append((-hit.score * (1 + COORDINATION * max(count - 1, 0)), rank, hit))
        scored.sort(key=lambda row: row[:2])
        return [hit for _, _, hit in scored]

    def _hit(self, hit, results):
        doc_lang = hit["lang"]
        snippet = ""
        body = f"body_{doc_lang}"
        if any(name == body for name, _ in hit.matched_terms()):
            results.highlighter = SNIPPET
            snippet = hit.highlights(body, top=1)
        if not snippet:
            snippet = WHOLE.highlight_hit(hit, f"summary_{doc_lang}", text=hit["summary"])
        title = WHOLE.highlight_hit(hit, f"title_{doc_lang}", text=hit["title"])
        return Hit(
            key=hit["key"], slug=hit["slug"], lang=doc_lang, category=hit["category"],
            title=Markup(title) if title else escape(hit["title"]),
            summary=hit["summary"],
            snippet=Markup(snippet) if snippet else escape(hit["summary"]),
        )

    # -- typos ------------------------------------------------------------

    def corrections(self, typed, lang, limit=3):
        """{typed word: closest words in the lessons} for words the lessons do not know."""
        reader = self.searcher.reader()
        languages = self.languages(lang)
        fixes = {}
        for word in typed:
            if word in fixes or len(word) < 3 or not word.isalpha() \
                    or self.synonyms.knows(word) or self._known(reader, word, languages):
                continue
            close = self._closest(reader, word, languages, limit)
            if close:
                fixes[word] = close
        return fixes

    @staticmethod
    def _known(reader, word, languages):
        for lang in languages:
            if reader.doc_frequency(f"words_{lang}", word):
                return True
            stems = terms(word, lang)
            if not stems:
                return True  # a stop word is not a typo
            if any(reader.doc_frequency(f"{name}_{lang}", stems[0]) for name in TEXT_FIELDS):
                return True
        return False

    @staticmethod
    def _closest(reader, word, languages, limit):
        # Nearest first, then the word more lessons use; the first letter is rarely wrong.
        candidates = {}
        for maxdist in (1, 2):
            if maxdist == 2 and len(word) < 5:
                break
            for lang in languages:
                name = f"words_{lang}"
                for candidate in reader.terms_within(name, word, maxdist, prefix=1):
                    if candidate == word or candidate in candidates or not candidate.isalpha():
                        continue
                    candidates[candidate] = (maxdist, -reader.doc_frequency(name, candidate),
                                             candidate)
            if candidates:
                break
        return sorted(candidates, key=candidates.get)[:limit]

    # -- search-as-you-type -------------------------------------------------

    def titles(self, text, lang, limit=8):
        """Lessons whose title or tags fit what is typed so far, the last word unfinished."""
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
                    options.append(Prefix(f"prefix_{language}", last))
                if not options:
                    continue
                clauses.append(Or(options))
            if clauses:
                parts.append(And(clauses))
        if not parts:
            return []
        query = parts[0] if len(parts) == 1 else Or(parts)
        results = self.searcher.search(query, limit=limit, filter=self.shown_filter(lang))
        return [{"slug": hit["slug"], "lang": hit["lang"], "title": hit["title"],
                 "category": hit["category"]} for hit in results]
