"""What the stats keep of an event instead of the event itself: coarse, and never a person.

Queries lose addresses, digits and length, and reach the disk only once typed often; times
lose minutes; durations and scroll depth become buckets.
"""

import re
import threading
import time
import unicodedata

# A query is shown to officers only once this many searches typed it (in the chosen period).
QUERY_MIN_COUNT = 3
QUERY_MAX_CHARS = 60
# Phone numbers, NIK, passport and account numbers all have runs of 4+ digits; a year
# ("2025") is lost too, which is a small price for never storing a number that names someone.
DIGIT_RUN = re.compile(r"\d{4,}")
DIGITS_MARK = "#"
_SPACES = re.compile(r"\s+")
# E-mail addresses and web addresses name a person or a recruiter's page: dropped whole.
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)*")
_URL = re.compile(r"(?:[a-z][a-z0-9+.-]*://|(?:mailto|tel|wa|whatsapp):|www\.)\S*"
                  r"|[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|id|info|biz|io|co|me|xyz|site|online|"
                  r"my|sg|hk|tw|jp|kr|sa|ae|qa|kw|om|kh|mm|la|th|vn|ph|ly|gl|to|example)\b\S*")
# What is left of punctuation: "calo?" and "calo" are one query.
_PUNCTUATION = re.compile(r"[^\w\s#]+")
FORMULA_STARTS = "=+-@ "
# Digit groups split by spaces, dots, dashes or slashes ("0812-345-678") are one number
# once they add up to this many digits; "umur 17 18" keeps its two short numbers.
_SPLIT_NUMBER = re.compile(r"\d+(?:\s*[.\-/]?\s*\d+)+")
SPLIT_NUMBER_DIGITS = 6

# Lower bounds, in seconds, of the buckets every duration is stored as.
DURATION_BUCKETS = (0, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200)
SCROLL_BUCKETS = (0, 25, 50, 75, 100)
# Scrolled this far (percent) counts as the end: the last lines sit above the dock.
READ_TO_END = 95
# A lesson "read to the end" was also on screen this long: a short lesson is scrolled to its
# end the moment it opens, read or not.
READ_MIN_SECONDS = 10
# The same rule as SQL, on the stored buckets (10 is a bucket bound).
READ_TO_END_SQL = f"scrolled = 100 AND seconds >= {READ_MIN_SECONDS}"


def normalize_query(text):
    """The form a search query is stored in; '' when nothing storable is left.

    Idempotent, so a feature may hand over an already normalized query.
    """
    text = unicodedata.normalize("NFKC", str(text))
    text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = _URL.sub(" ", _EMAIL.sub(" ", text.lower()))
    text = _SPLIT_NUMBER.sub(_mask_number, text)
    text = DIGIT_RUN.sub(DIGITS_MARK, text)
    # Punctuation goes, and with it a leading = + - @ that makes a spreadsheet run the cell
    # as a formula when an officer opens an export.
    text = _SPACES.sub(" ", _PUNCTUATION.sub(" ", text).replace("_", " ")).strip()
    return text[:QUERY_MAX_CHARS].rstrip()


class RareQueries:
    """Keeps a query's text off the disk until it was typed QUERY_MIN_COUNT times in a day.

    Until then each search is counted under '' ("other queries"), and the text lives only
    here, in memory, for the day. The search that reaches the count moves the earlier ones
    from '' to the text, so totals stay exact. At most ``max_texts`` texts are remembered a
    day; past that, new texts stay among the other queries.
    """

    def __init__(self, min_count=QUERY_MIN_COUNT, max_texts=10_000):
        self.min_count = min_count
        self.max_texts = max_texts
        self._day = None
        self._waiting = {}  # text -> [(results, lang) of each search counted under '']
        self._kept = set()  # texts typed often enough today
        self._lock = threading.Lock()

    def tallies(self, day, key):
        """[(stored key, n)] for one search ``key`` (query, results, lang) made on ``day``."""
        query, results, lang = key
        if not query:
            return [(key, 1)]
        with self._lock:
            if day != self._day:  # a new day: nothing typed yesterday counts today
                self._day, self._waiting, self._kept = day, {}, set()
            if query in self._kept:
                return [(key, 1)]
            earlier = self._waiting.get(query)
            if earlier is None:
                if len(self._waiting) >= self.max_texts:
                    return [(("", results, lang), 1)]
                earlier = self._waiting[query] = []
            if len(earlier) + 1 < self.min_count:
                earlier.append((results, lang))
                return [(("", results, lang), 1)]
            del self._waiting[query]
            self._kept.add(query)
        moved = [((query, *old), 1) for old in earlier] + [(("", *old), -1) for old in earlier]
        return [(key, 1), *moved]


def _mask_number(match):
    digits = sum(ch.isdigit() for ch in match.group())
    return DIGITS_MARK if digits >= SPLIT_NUMBER_DIGITS else match.group()


def duration_bucket(seconds):
    """The lower bound of the bucket ``seconds`` falls in (0, 10, 30, 60, 120, ... 7200)."""
    found = 0
    for bound in DURATION_BUCKETS:
        if seconds >= bound:
            found = bound
    return found


def duration_midpoint(bucket):
    """A representative length for a bucket, for averages; the last bucket is open."""
    index = DURATION_BUCKETS.index(bucket)
    if index + 1 == len(DURATION_BUCKETS):
        return bucket
    return (bucket + DURATION_BUCKETS[index + 1]) // 2


def scroll_bucket(percent):
    """0, 25, 50, 75, or 100 for 'read to the end'."""
    if percent >= READ_TO_END:
        return 100
    return min(75, int(percent) // 25 * 25)


def day_and_hour(timestamp):
    """The local day ('2026-03-05') and hour (0-23) of a moment; minutes are never kept."""
    moment = time.localtime(timestamp)
    return f"{moment.tm_year:04d}-{moment.tm_mon:02d}-{moment.tm_mday:02d}", moment.tm_hour
