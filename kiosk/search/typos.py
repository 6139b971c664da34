"""Typed words no lesson has, and the closest words the lessons do have ("Maksud Anda").

The index's words are held in memory as sets once per index, so a typo's few hundred
one-edit variants are set lookups, not term-table reads (~6 µs each). Each query has a
work budget, so twenty nonsense words cost no more than a few real typos.
"""

from .analysis import terms

LETTERS = "abcdefghijklmnopqrstuvwxyz"
# The work one query may spend on typos, in letters compared: a one-edit variant looked up
# counts its length, a two-edit comparison the product of the two words' lengths. About
# 10,000 a millisecond here; one long typo among 2,000 lessons' headline words needs up to
# 100,000, and 20 nonsense words starting like Indonesian words wanted 1,000,000 (90 ms).
TYPO_WORK = 200_000
# Longer typed words are left as typed, before they cost any work: no word the lessons use
# is that long in Indonesian, and a 70-letter one alone would spend the whole budget.
LONGEST_TYPO = 20


class WorkBudget:
    """What is left of one query's typo work; spent as words are compared."""

    def __init__(self, work=TYPO_WORK):
        self.work = work
        self.spent = 0

    def spend(self, amount):
        """Take ``amount``; False (and nothing taken) if that would pass the budget."""
        if self.spent + amount > self.work:
            return False
        self.spent += amount
        return True


class Vocabulary:
    """Every word of the headline fields (as written) and the text fields (stems).

    Read once per index (~35 ms at 2,000 lessons, ~1 ms for a kiosk's lessons), off the
    request path where the service can (see LessonSearch).
    """

    def __init__(self, reader):
        self.words = {}
        self.headlines = {}  # words_<lang> -> {first two letters: [words]}
        languages = [name[5:] for name in reader.schema.names() if name.startswith("text_")]
        for lang in languages:
            for name in (f"words_{lang}", f"text_{lang}"):
                self.words[name] = frozenset(reader.field_terms(name))
            by_start = self.headlines[f"words_{lang}"] = {}
            # Sorted: when the budget stops a scan, the same words were compared every time.
            for word in sorted(self.words[f"words_{lang}"]):
                by_start.setdefault(word[:2], []).append(word)


def corrections(reader, vocabulary, synonyms, typed, languages, limit=3, budget=None):
    """{typed word: closest words in the lessons} for words the lessons do not know.

    One-edit variants first for every word (cheap), then the two-edit hunt for the words
    still without one, while the ``budget`` (a WorkBudget) lasts: a real typo after many
    nonsense words is still corrected, and the rest are left as typed.
    """
    budget = budget or WorkBudget()
    unknown = []
    for word in typed:
        if word in unknown or not 3 <= len(word) <= LONGEST_TYPO or not word.isalpha() \
                or synonyms.knows(word) or _known(vocabulary, word, languages):
            continue
        unknown.append(word)
    fixes = {}
    for word in unknown:
        # What _one_edit makes: about 54 variants of the word's length a letter. A word too
        # dear for what is left is skipped; a shorter one after it may still fit.
        if not budget.spend(len(word) * (len(word) + 1) * 54):
            continue
        close = _one_edit_closest(reader, vocabulary, word, languages, limit)
        if close:
            fixes[word] = close
    for word in unknown:
        if word not in fixes and len(word) >= 6:
            close = _two_edit_closest(reader, vocabulary, word, languages, limit, budget)
            if close:
                fixes[word] = close
    return {word: fixes[word] for word in unknown if word in fixes}


def _known(vocabulary, word, languages):
    for lang in languages:
        if word in vocabulary.words[f"words_{lang}"]:
            return True
        stems = terms(word, lang)
        if not stems:
            return True  # a stop word is not a typo
        if stems[0] in vocabulary.words[f"text_{lang}"]:
            return True
    return False


def _one_edit_closest(reader, vocabulary, word, languages, limit):
    # Headline words (as written) before body stems; then the word more lessons use.
    candidates = {}
    variants = _one_edit(word)
    for lang in languages:
        for rank, name in enumerate((f"words_{lang}", f"text_{lang}")):
            for candidate in vocabulary.words[name].intersection(variants):
                frequency = reader.doc_frequency(name, candidate)
                if frequency and candidate not in candidates:
                    candidates[candidate] = (rank, -frequency, candidate)
    return sorted(candidates, key=candidates.get)[:limit]


def _two_edit_closest(reader, vocabulary, word, languages, limit, budget):
    # Two edits only among the headline words, for longer words whose first two letters
    # are right (as Whoosh's terms_within(word, 2, prefix=2) finds them).
    candidates = {}
    for lang in languages:
        name = f"words_{lang}"
        for candidate in vocabulary.headlines[name].get(word[:2], ()):
            if abs(len(candidate) - len(word)) > 2 or candidate == word:
                continue
            if not budget.spend(len(word) * len(candidate)):
                break
            if candidate.isalpha() and len(candidate) >= 3 \
                    and _within(word[2:], candidate[2:], 2):
                candidates[candidate] = (-reader.doc_frequency(name, candidate), candidate)
    return sorted(candidates, key=candidates.get)[:limit]


def _one_edit(word):
    """Every word one deletion, swap, change or insertion away (the first letter kept)."""
    head, tail = word[0], word[1:]
    splits = [(tail[:i], tail[i:]) for i in range(len(tail) + 1)]
    variants = {head + a + b[1:] for a, b in splits if b}
    variants |= {head + a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    variants |= {head + a + c + b[1:] for a, b in splits if b for c in LETTERS}
    variants |= {head + a + c + b for a, b in splits for c in LETTERS}
    variants.discard(word)
    return {v for v in variants if len(v) >= 3}


def _within(a, b, most):
    """True when ``a`` becomes ``b`` with at most ``most`` insertions, deletions or changes
    (Levenshtein, as Whoosh's automaton counts them: a swap is two edits)."""
    if abs(len(a) - len(b)) > most:
        return False
    previous = list(range(len(b) + 1))
    for i, letter in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (letter != other)))
        if min(current) > most:
            return False
        previous = current
    return previous[-1] <= most
