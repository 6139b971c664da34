"""How the index stores where a word is in a lesson, writes a whole library at once, and
reads a word's postings back in bulk for the kiosk's own scoring loop.

Whoosh's general machinery costs ~10 µs a posting each way; these paths cost well under one.
"""

import sys
from array import array
from bisect import bisect_left
from itertools import accumulate

from whoosh.codec.whoosh3 import W3LeafMatcher, W3PostingsWriter
from whoosh.formats import Format
from whoosh.matching.wrappers import FilterMatcher
from whoosh.writing import SegmentWriter

_SWAP = sys.byteorder == "big"  # the index stores little-endian numbers everywhere


def _encode(flat):
    # 16-bit numbers when they fit (a lesson under ~9,000 words), else 32-bit; the first
    # byte says which.
    try:
        numbers, kind = array("H", flat), b"H"
    except OverflowError:
        numbers, kind = array("I", flat), b"I"
    if _SWAP:
        numbers.byteswap()
    return kind + numbers.tobytes()


def _numbers(value):
    numbers = array("H" if value[0] == 72 else "I")  # 72: b"H"
    numbers.frombytes(value[1:])
    if _SWAP:
        numbers.byteswap()
    return numbers


class WordPlaces(Format):
    """Per posting: each place of the word as (position, start char, end char), packed as
    16-bit numbers (32-bit in a very long lesson); the posting's weight is the sum of the
    boosts of the parts (title, tags, ...) the word is in.

    Whoosh's CharacterBoosts pickles a list of tuples per posting: slower to write, more
    to decompress at every search, and per-place boosts nobody reads.
    """

    def word_values(self, value, analyzer, **kwargs):
        boost = self.field_boost
        for word, (weight, flat) in analyzer.places(value).items():
            yield word, len(flat) // 3, weight * boost, _encode(flat)

    def decode_frequency(self, value):
        return len(value) // (6 if value[0] == 72 else 12)

    def decode_positions(self, value):
        return _numbers(value)[0::3].tolist()

    def decode_characters(self, value):
        numbers = _numbers(value)
        return list(zip(numbers[0::3], numbers[1::3], numbers[2::3], strict=True))


def spans(value):
    """The (start, end) characters of each place in a WordPlaces posting value."""
    numbers = _numbers(value)
    return list(zip(numbers[1::3], numbers[2::3], strict=True))


def positions(value):
    return _numbers(value)[0::3]


# -- writing a whole library --------------------------------------------------------


class LibraryWriter(SegmentWriter):
    """A segment writer for a full build: each word's postings are grouped as lessons
    are added (they arrive in document order), then written a block at a time.

    Whoosh's own writer passes every posting through three generators into a pool,
    sorts the pool, looks the document's length up again for each posting, and checks
    each posting's types as it buffers it: two thirds of a build's time.
    Only for fields without vectors or separate spelling words (the kiosk has none).
    """

    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        # fieldname -> {term: [(docnum, weight, value, length), ...]}
        self.grouped = {}
        self.postings = 0

    def add_document(self, **fields):
        self._check_state()
        schema, docnum, writer = self.schema, self.docnum, self.perdocwriter
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        writer.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                if isinstance(field.format, WordPlaces):
                    found = field.analyzer.places(value)
                    length = sum(len(flat) for _, flat in found.values()) // 3
                    boost = field.format.field_boost
                    items = [(term, weight * boost, _encode(flat))
                             for term, (weight, flat) in found.items()]
                else:
                    indexed = list(field.index(value))
                    items = [(term, weight, encoded) for term, _, weight, encoded in indexed]
                    if field.scorable:
                        length = sum(freq for _, freq, _, _ in indexed)
                words = self.grouped.setdefault(name, {})
                for term, weight, encoded in items:
                    postings = words.get(term)
                    if postings is None:
                        words[term] = [(docnum, weight, encoded, length)]
                    else:
                        postings.append((docnum, weight, encoded, length))
                self.postings += len(items)
            writer.add_field(name, field, value if field.stored else None, length)
            if field.column_type is not None:
                writer.add_column_value(name, field.column_type,
                                        field.to_column_value(value))
        writer.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self):
        self.perdocwriter.close()
        fields = self.fieldwriter
        for name in sorted(self.grouped):
            words = self.grouped[name]
            fields.start_field(name, self.schema[name])
            for encoded, term in sorted((_as_bytes(term), term) for term in words):
                fields.start_term(encoded)
                _write_postings(fields, words[term])
                fields.finish_term()
            fields.finish_field()
        fields.close()
        self.grouped = {}


def _as_bytes(term):
    return term.encode("utf-8") if isinstance(term, str) else term


def _write_postings(fields, postings):
    # Fill Whoosh's block buffer a block at a time, as its add_posting() would one
    # posting at a time (a block is written when the next posting arrives, the last
    # one by finish_term).
    writer = fields._postwriter
    if not isinstance(writer, W3PostingsWriter):
        for docnum, weight, value, length in postings:
            fields.add(docnum, weight, value, length)
        return
    limit = writer._blocklimit
    # Uncompressed: zlib took ~0.7 s of a 2,000-lesson build, and every search then
    # decompressed what it read; the index is 41 MB instead of 29 (FTS5's: 27 MB).
    writer._compression = 0
    for first in range(0, len(postings), limit):
        if first:
            writer._write_block()
        docs, weights, values, lengths = zip(*postings[first:first + limit], strict=True)
        writer._ids = array("I", docs)
        # Whoosh pickles a block's weights as a tuple: 9 bytes a float, 2 an int. A word's
        # weight is a sum of part boosts (multiples of 0.5), mostly whole: same numbers,
        # less to write at a build and to read at every search. (Equal weights are
        # stored once, and Whoosh's reader wants that one a float.)
        writer._weights = list(weights) if len(set(weights)) == 1 else [
            int(weight) if weight == int(weight) else weight for weight in weights]
        writer._values = [value for value in values if value]
        writer._maxweight = max(0, max(weights))
        lengths = [length for length in lengths if length]
        writer._minlength = min(lengths) if lengths else None
        writer._maxlength = max(lengths, default=0)


# -- reading a word's postings in bulk -------------------------------------------------


class PostingList:
    """One word's postings in one field, over every segment: ascending global document
    numbers, their weights, and their encoded values (read along, not decoded)."""

    __slots__ = ("docs", "weights", "values")

    def __init__(self):
        self.docs, self.weights, self.values = [], [], []

    def value_for(self, docnum):
        i = bisect_left(self.docs, docnum)
        if i < len(self.docs) and self.docs[i] == docnum:
            return self.values[i]
        return None


def read_postings(searcher, fieldname, text):
    """Every posting of ``text`` in ``fieldname``, deleted documents left out."""
    found = PostingList()
    for reader, offset in searcher.reader().leaf_readers():
        if (fieldname, text) not in reader:
            continue
        matcher = reader.postings(fieldname, text)
        first, deleted = len(found.docs), None
        if isinstance(matcher, FilterMatcher):
            deleted, matcher = reader.deleted_docs_set, matcher.child
        if isinstance(matcher, W3LeafMatcher):
            _read_blocks(matcher, offset, found)
        else:  # a posting list short enough to live in the term table
            while matcher.is_active():
                found.docs.append(matcher.id() + offset)
                found.weights.append(matcher.weight())
                found.values.append(matcher.value())
                matcher.next()
        if deleted:
            keep = [i for i in range(first, len(found.docs))
                    if found.docs[i] - offset not in deleted]
            for column in ("docs", "weights", "values"):
                kept = getattr(found, column)
                kept[first:] = [kept[i] for i in keep]
    return found


def _read_blocks(matcher, offset, found):
    # Whoosh's matcher decodes a block's ids one Python call at a time; here each block
    # is read whole (ids are stored as gaps: accumulate adds them up in C).
    docs, weights, values = found.docs, found.weights, found.values
    while not matcher._atend:
        matcher._read_data()
        gaps, block_weights, block_values = matcher._data
        count = len(gaps)
        ids = accumulate(gaps, initial=offset)
        next(ids)  # the offset itself
        docs.extend(ids)
        if block_weights is None:
            weights.extend([1.0] * count)
        elif isinstance(block_weights, (int, float)):
            weights.extend([block_weights] * count)
        else:
            weights.extend(block_weights)
        values.extend(block_values or [b""] * count)
        matcher._next_block()
