"""Ranking lessons for a query's words: Whoosh's BM25F, summed over each word's postings in
one loop, with the exact count of lessons matched.

Whoosh's matchers score a posting in ~10 µs of Python calls; this loop in well under one.
"""

from heapq import nsmallest

from whoosh import scoring
from whoosh.query import Term

from .postings import positions, read_postings


class LessonBM25F(scoring.BM25F):
    """Whoosh's BM25F, with each document's length normalisation worked out once per
    searcher (Whoosh otherwise reads the length column for every posting it scores)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._lengths = {}
        self._norms = {}

    def lengths(self, reader, fieldname):
        key = (id(reader), fieldname)
        if key not in self._lengths:
            self._lengths[key] = [reader.doc_field_length(docnum, fieldname, 1)
                                  for docnum in range(reader.doc_count_all())]
        return self._lengths[key]

    def scorer(self, searcher, fieldname, text, qf=1):
        scorer = super().scorer(searcher, fieldname, text, qf=qf)
        if isinstance(scorer, scoring.BM25FScorer):
            scorer.dfl = self.lengths(searcher.reader(), fieldname).__getitem__
        return scorer

    def norms(self, searcher, fieldname):
        """Per document (global number), ``K1 * ((1 - B) + B * length / average length)``:
        the part of BM25 that depends on the document, computed as Whoosh's bm25() does,
        so the scores below are Whoosh's to the last bit."""
        if fieldname not in self._norms:
            B = self._field_B.get(fieldname, self.B)
            K1 = self.K1
            average = searcher.avg_field_length(fieldname) or 1
            norms = []
            for reader, _ in searcher.reader().leaf_readers():
                # A document without the field has no length (None) and no postings.
                norms += [K1 * ((1 - B) + B * (length or 0) / average)
                          for length in self.lengths(reader, fieldname)]
            self._norms[fieldname] = norms
        return self._norms[fieldname]


class Ranking:
    """One query over one searcher: each word's postings are read once, scored once, and
    kept for the snippets of the top hits."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.postings = {}  # (field, word) -> PostingList
        self._scores = {}  # (field, word) -> BM25 score of each posting
        self._matched = ({}, [])  # the last rank(): each lesson's score, the lessons allowed

    def postings_of(self, fieldname, word):
        key = (fieldname, word)
        if key not in self.postings:
            self.postings[key] = read_postings(self.searcher, fieldname, word)
        return self.postings[key]

    def word_scores(self, fieldname, word):
        key = (fieldname, word)
        if key not in self._scores:
            found = self.postings_of(fieldname, word)
            if not found.docs:  # e.g. an index of no lessons: idf would take log(0)
                self._scores[key] = []
                return self._scores[key]
            searcher = self.searcher
            weighting = searcher.weighting
            norms = weighting.norms(searcher, fieldname)
            idf = searcher.idf(fieldname, word)
            k1_plus_1 = weighting.K1 + 1
            self._scores[key] = [idf * ((tf * k1_plus_1) / (tf + norms[docnum]))
                                 for docnum, tf in zip(found.docs, found.weights, strict=True)]
        return self._scores[key]

    def rank(self, leaves, allowed, limit):
        """([(score, docnum), ...] best first, at most ``limit``; how many matched).

        ``leaves`` are Term and Phrase queries, scored as Whoosh scores their flat Or: a
        term's BM25 times its boost, a phrase's words' scores added up where they stand
        side by side; a lesson's score is the sum over the leaves it matches.
        """
        scores = {}
        get = scores.get
        for leaf in leaves:
            if isinstance(leaf, Term):
                docs = self.postings_of(leaf.fieldname, leaf.text).docs
                found = self.word_scores(leaf.fieldname, leaf.text)
            else:
                docs, found = self._phrase(leaf.fieldname, leaf.words)
            boost = leaf.boost
            if boost != 1.0:
                found = [score * boost for score in found]
            for docnum, score in zip(docs, found, strict=True):
                scores[docnum] = get(docnum, 0.0) + score
        matched = list(scores) if allowed is None else [d for d in scores if d in allowed]
        self._matched = (scores, matched)
        best = nsmallest(limit, matched, key=lambda docnum: (-scores[docnum], docnum))
        return [(scores[docnum], docnum) for docnum in best], len(matched)

    def count_at_least(self, least, leave_out=()):
        """How many lessons the last rank() matched score ``least`` or more, but for
        ``leave_out``."""
        scores, matched = self._matched
        return sum(1 for docnum in matched
                   if scores[docnum] >= least and docnum not in leave_out)

    def _phrase(self, fieldname, words):
        # The documents where the words stand in order, side by side (Whoosh's Phrase with
        # slop 1), each scored with the sum of its words' scores.
        lists = [self.postings_of(fieldname, word) for word in words]
        if not all(found.docs for found in lists):
            return [], []
        common = set(lists[0].docs).intersection(*(found.docs for found in lists[1:]))
        rows = [dict(zip(found.docs, zip(found.values, self.word_scores(fieldname, word),
                                         strict=True), strict=True))
                for found, word in zip(lists, words, strict=True)]
        docs, found = [], []
        for docnum in sorted(common):
            places = [row[docnum] for row in rows]
            starts = set(positions(places[0][0]))
            for shift, (value, _) in enumerate(places[1:], 1):
                starts.intersection_update(p - shift for p in positions(value))
                if not starts:
                    break
            if starts:
                docs.append(docnum)
                found.append(_tree_sum([score for _, score in places]))
        return docs, found


def _tree_sum(scores):
    # Whoosh adds a phrase's word scores as a balanced binary tree of matchers; adding in
    # the same order gives the same float.
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return _tree_sum(scores[:half]) + _tree_sum(scores[half:])
