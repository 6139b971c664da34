"""How text becomes search terms: villager input cleaned, words folded, stopped and stemmed.

Indonesian uses PySastrawi with a stop list curated for this domain; English uses Porter.
"""

import functools
import re
import unicodedata
from itertools import accumulate

from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
from Sastrawi.Stemmer.Context.Removal import Removal
from Sastrawi.Stemmer.Context.Visitor.AbstractDisambiguatePrefixRule import (
    AbstractDisambiguatePrefixRule,
)
from Sastrawi.Stemmer.Context.Visitor.RemoveDerivationalSuffix import RemoveDerivationalSuffix
from Sastrawi.Stemmer.Context.Visitor.RemoveInflectionalParticle import (
    RemoveInflectionalParticle,
)
from Sastrawi.Stemmer.Context.Visitor.RemoveInflectionalPossessivePronoun import (
    RemoveInflectionalPossessivePronoun,
)
from Sastrawi.Stemmer.Context.Visitor.RemovePlainPrefix import RemovePlainPrefix
from Sastrawi.Stemmer.Stemmer import Stemmer
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory
from whoosh.analysis import Token, Tokenizer
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

# Anything longer is not a question a villager types; it is a stuck key or an attack.
MAX_QUERY_CHARS = 200

WORD = re.compile(r"\w+(?:\.?\w+)*")
_WORDS_BETWEEN = re.compile(f"({WORD.pattern})")

# Sastrawi's list (809 words) minus the words this kiosk is about: without these removals
# "pekerja" never finds "bekerja" and "tempat kerja", "luar negeri", "perdagangan orang"
# or "minta tolong" lose half their meaning.
KEEP_FROM_SASTRAWI = frozenset({
    "kerja", "bekerja", "dikerjakan", "mengerjakan", "tempat", "setempat", "hari", "luar",
    "keluar", "masuk", "masa", "orang", "seorang", "kasus", "minta", "meminta", "diminta",
    "dimintai", "memintakan", "bulan", "besar", "tanya", "bertanya", "ditanya", "ditanyai",
    "ditanyakan", "menanyakan", "menanya", "menanyai", "pertanyaan", "penting", "lama", "lewat",
    "masalah", "persoalan", "umumnya"
})

# What villagers type on a phone keyboard and mean as filler.
EXTRA_INDONESIAN_STOPS = frozenset({
    "yg", "dgn", "dg", "utk", "untk", "krn", "karna", "tdk", "gak", "ga", "nggak", "ngga",
    "gimana", "gmn", "bgmn", "bgmana", "sy", "aq", "sdh", "blm", "jg", "aja", "nih", "sih",
    "deh", "kah", "dimana", "kemana"
})

ENGLISH_STOPS = frozenset({
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "if", "in",
    "is", "it", "of", "on", "or", "that", "the", "this", "to", "was", "were", "will", "with",
    "you", "your", "i", "my", "me", "how", "what", "where", "who", "do", "does"
})

# Sastrawi gets a few of the kiosk's own words wrong ("menikah" -> "meni").
INDONESIAN_STEM_FIXES = {
    "menikah": "nikah",
    "dinikahkan": "nikah",
    "menikahkan": "nikah",
    "pernikahan": "nikah",
    "mekkah": "mekkah",  # not "mek" + the particle "-kah"
    "makkah": "makkah",
}

# Character folding applied to every token: "café" and "cafe" are the same word.
_FOLD = {code: repl for code, repl in accent_map.items() if len(repl) <= 2}


@functools.cache
def stop_words(lang):
    """The words of ``lang`` too common to search on."""
    if lang == "id":
        sastrawi = set(StopWordRemoverFactory().get_stop_words())
        return frozenset((sastrawi - KEEP_FROM_SASTRAWI) | EXTRA_INDONESIAN_STOPS)
    if lang == "en":
        return ENGLISH_STOPS
    return frozenset()


@functools.cache
def _sastrawi():
    # The stemmer holds a 30,000-word dictionary: one per process, read-only after loading.
    # Filled directly: ArrayDictionary's own loop takes three times as long.
    dictionary = ArrayDictionary()
    dictionary.words = {word: word for word in StemmerFactory().get_words() if word.strip()}
    stemmer = Stemmer(dictionary)
    provider = stemmer.visitor_provider
    for visitor in (*provider.visitors, *provider.suffix_visitors, *provider.prefix_visitors):
        _remove_literally(visitor)
    return stemmer


# Sastrawi notes each affix it strips with re.sub(stripped_word, "", word): every word
# becomes a regular expression, compiled once and evicting the stemmer's own patterns
# from re's 512-entry cache (25,000 compilations in a 2,000-lesson build). Our words are
# letters only, so a literal replace removes the same part: a third less stemming time.
_AFFIX_KINDS = {RemoveInflectionalParticle: "P", RemoveInflectionalPossessivePronoun: "PP",
                RemovePlainPrefix: "DP", RemoveDerivationalSuffix: "DS"}


def _remove_literally(visitor):
    if isinstance(visitor, AbstractDisambiguatePrefixRule):
        def visit(context):
            result = None
            for disambiguator in visitor.disambiguators:
                result = disambiguator.disambiguate(context.current_word)
                if context.dictionary.contains(result):
                    break
            if result is not None:
                _strip(context, visitor, result, "DP")
    elif type(visitor) in _AFFIX_KINDS:
        kind = _AFFIX_KINDS[type(visitor)]

        def visit(context):
            result = visitor.remove(context.current_word)
            if result != context.current_word:
                _strip(context, visitor, result, kind)
    else:
        return
    visitor.visit = visit  # this stemmer's visitor only; Sastrawi's classes stay as they are


def _strip(context, visitor, result, kind):
    word = context.current_word
    context.add_removal(Removal(visitor, word, result, word.replace(result, "", 1), kind))
    context.current_word = result


# Stemming is the slow step; a real vocabulary repeats, so a bounded cache pays for itself.
@functools.lru_cache(maxsize=200_000)
def stem_indonesian(word):
    if word in INDONESIAN_STEM_FIXES:
        return INDONESIAN_STEM_FIXES[word]
    if len(word) < 4 or len(word) > 30 or not word.isalpha():
        return word  # codes (p3mi), numbers and junk stay as typed
    return _sastrawi().stem(word) or word


@functools.lru_cache(maxsize=200_000)
def stem_english(word):
    if len(word) < 3 or len(word) > 30 or not word.isalpha():
        return word
    return porter_stem(word)


STEMMERS = {"id": stem_indonesian, "en": stem_english}


def fold(word):
    """Lowercase and strip accents the way the index does."""
    return word.lower().translate(_FOLD)


# Words as written that one tokenizer remembers (a few MB); then it starts again.
TERM_CACHE_SIZE = 200_000

# Separates the parts of a lesson in its one searchable text (body, title, tags, ...).
PART = "\x1e"
# Positions skipped between parts, so no phrase runs from the body into the title.
PART_GAP = 100


class WordTokenizer(Tokenizer):
    """Words of one language: split, lowercased, accent-folded, stop words out, stemmed.

    One fused pass instead of a chain of Whoosh filters: indexing is about twice as fast.
    With ``parts`` (one boost per part of a PART-separated text), each word carries the
    boost of the part it is in: a word in a title counts as much as four in the body.
    Only the settings are pickled into the index's schema; the rest is rebuilt on load.
    """

    def __init__(self, lang=None, stem=True, parts=None):
        self.lang = lang
        self.stem = stem
        self.parts = tuple(parts) if parts else None
        self._setup()

    def _setup(self):
        self.stops = stop_words(self.lang) if self.stem else frozenset()
        self.stemmer = STEMMERS.get(self.lang) if self.stem else None
        # Words as written -> terms: a library repeats its words, and looking one up is
        # cheaper than lowercasing, folding, checking the stop list and the stem cache.
        self._terms = {}

    def __getstate__(self):
        return {"lang": self.lang, "stem": self.stem, "parts": self.parts}

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._setup()

    def __eq__(self, other):
        return (self.__class__ is other.__class__
                and self.__getstate__() == other.__getstate__())

    def __hash__(self):
        return hash((self.__class__, self.lang, self.stem, self.parts))

    def term(self, written):
        """The term a word as written becomes ("" for a stop word or a lone letter)."""
        term = self._terms.get(written)
        if term is None:
            word = written.lower()
            if not word.isascii():
                word = word.translate(_FOLD)
            if word in self.stops or (len(word) < 2 and not word.isdigit()):
                term = ""
            else:
                term = self.stemmer(word) if self.stemmer else word
            if len(self._terms) >= TERM_CACHE_SIZE:
                self._terms.clear()
            self._terms[written] = term
        return term

    def _parts(self, value):
        # (boost, first character, text) of each PART-separated part; one part without
        # ``parts``. Positions jump by PART_GAP at each part, so no phrase spans two.
        if not self.parts:
            yield 1.0, 0, value
            return
        start = 0
        for number, text in enumerate(value.split(PART)):
            yield self.parts[min(number, len(self.parts) - 1)], start, text
            start += len(text) + 1

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, tokenize=True, mode="",
                 **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        term_of = self.term
        pos = start_pos
        for number, (boost, offset, part) in enumerate(self._parts(value)):
            pos += PART_GAP if number else 0
            for match in WORD.finditer(part):
                text = term_of(match.group())
                if not text:
                    continue
                if keeporiginal:
                    token.original = fold(match.group())
                token.text = text
                token.boost = boost
                token.stopped = False
                if positions:
                    token.pos = pos
                pos += 1
                if chars:
                    token.startchar = start_char + offset + match.start()
                    token.endchar = start_char + offset + match.end()
                yield token

    def places(self, value):
        """{term: [weight, [position, start, end, ...]]} for one text, in one pass: what the
        index stores for a lesson (WordPlaces), without a Token object per word."""
        terms, term_of, split = self._terms, self.term, _WORDS_BETWEEN.split
        found = {}
        pos = 0
        for number, (boost, offset, part) in enumerate(self._parts(value)):
            pos += PART_GAP if number else 0
            # Words and what is between them, alternately: their offsets add up in C.
            pieces = split(part)
            starts = list(accumulate(map(len, pieces), initial=offset))
            for written, start in zip(pieces[1::2], starts[1:-1:2], strict=True):
                text = terms.get(written)
                if text is None:
                    text = term_of(written)
                if not text:
                    continue
                spot = found.get(text)
                if spot is None:
                    found[text] = [boost, [pos, start, start + len(written)]]
                else:
                    spot[0] += boost
                    spot[1] += (pos, start, start + len(written))
                pos += 1
        return found


def analyzer(lang, stem=True, parts=None):
    """The analyzer for a language's fields; ``stem=False`` gives plain folded words."""
    return WordTokenizer(lang, stem=stem, parts=parts)


def terms(text, lang):
    """The search terms ``text`` gives in ``lang`` (stemmed, without stop words)."""
    return [t.text for t in _tokenizer(lang)(text)]


@functools.cache
def _tokenizer(lang):
    # One per language, so its words-as-written cache serves every query.
    return WordTokenizer(lang)


def words(text):
    """The words of ``text`` as the villager typed them, lowercased and folded."""
    return [w for w in (fold(m.group()) for m in WORD.finditer(text))
            if len(w) >= 2 or w.isdigit()]


def clean_query(text):
    """Villager input made safe: text only, no control characters, at most 200 characters."""
    if not isinstance(text, str):
        return ""
    text = unicodedata.normalize("NFKC", text[: MAX_QUERY_CHARS * 4])
    # Control, format (bidi marks, zero-width), surrogate, private and unassigned characters.
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS].strip()


# Markdown a lesson is written in, reduced to the words a villager reads.
_MD_LINE_NOISE = re.compile(r"^\s*(?::::.*|#{1,6}\s*|>\s*|[-*+]\s+|\d+[.)]\s+|\|?[\s:|-]+\|\s*$)")
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"(\*\*|__|\*|`|<[^>]+>)")


def plain_text(markdown):
    """The readable text of a lesson body: no Markdown marks, links reduced to their words."""
    lines = []
    for line in markdown.split("\n"):
        line = _MD_LINE_NOISE.sub("", line)
        if not line.strip():
            continue
        line = _MD_IMAGE.sub(r"\1", line)
        line = _MD_LINK.sub(r"\1", line)
        line = _MD_MARKS.sub("", line).replace("|", " ")
        lines.append(line.strip())
    return "\n".join(lines)
