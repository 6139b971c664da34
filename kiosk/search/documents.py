"""What the index holds for a lesson: the schema, and one document per lesson and language.

A document's manifest entry says cheaply whether the lesson changed since it was indexed.
"""

import hashlib
import json
from dataclasses import dataclass

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema

from .analysis import PART, analyzer, plain_text
from .postings import WordPlaces

# Bump when the schema or what goes into a document changes: old indexes are then rebuilt.
FORMAT = 5

# A lesson is searched as one text per language, its parts boosted by where a word is:
# the body first (so its character offsets are the body's own), then the headline parts,
# then what the glossary's terms it uses mean (content/istilah.yaml), weighed least.
PARTS = ("body", "title", "tags", "summary", "category", "meanings")
PART_BOOSTS = {"body": 1.0, "title": 4.0, "tags": 3.0, "summary": 2.0, "category": 1.5,
               "meanings": 0.5}


def make_schema(languages):
    fields = {
        "key": ID(stored=True, unique=True),  # "id/visa-ziarah"
        # Shown with a hit, never searched: stored, not indexed (fewer words to write).
        "slug": STORED(),
        "lang": STORED(),
        "category": STORED(),
        "title": STORED(),
        "summary": STORED(),
        "body": STORED(),  # plain text: snippets are cut from it
        # Languages whose villagers see this document (its own, and others it stands in for).
        "shown": KEYWORD(),
    }
    for lang in languages:
        # One field, not one per part: a query word is one posting list to walk, not five,
        # which is what keeps Whoosh's pure-Python scoring fast (BM25F over boosted parts).
        text = TEXT(analyzer=analyzer(lang, parts=[PART_BOOSTS[p] for p in PARTS]))
        text.format = WordPlaces()  # positions and character offsets; weight: summed boosts
        fields[f"text_{lang}"] = text
        # The headline words unstemmed (title, tags, summary): for search-as-you-type and
        # "Maksud Anda: …?". Not the body: that would nearly double the indexing time.
        fields[f"words_{lang}"] = TEXT(analyzer=analyzer(lang, stem=False), phrase=False)
    return Schema(**fields)


@dataclass
class LessonDocument:
    """What the index holds for one lesson in one language, and its manifest entry."""

    lesson: object
    category_name: str
    shown: tuple
    meanings: str = ""  # of the glossary's terms the lesson uses

    @property
    def key(self):
        return f"{self.lesson.lang}/{self.lesson.slug}"

    def stamp(self):
        """The manifest entry's cheap part: the file's stamp and what the document takes
        from elsewhere (its category's name, the languages it is shown in)."""
        lesson = self.lesson
        mtime_ns, size, inode = (tuple(lesson.stamp or ()) + (None, None, None))[:3]
        return {"path": lesson.path, "size": size, "mtime_ns": mtime_ns, "inode": inode,
                "category_name": self.category_name, "shown": list(self.shown),
                "meanings": hashlib.sha1(self.meanings.encode("utf-8")).hexdigest()[:16]}

    def digest(self):
        lesson = self.lesson
        return hashlib.sha256(json.dumps(
            [FORMAT, lesson.title, lesson.summary, lesson.tags, lesson.category,
             self.category_name, list(self.shown), lesson.body, self.meanings],
            ensure_ascii=False).encode("utf-8")).hexdigest()

    def entry(self, old=None):
        """The manifest entry, with ``old``'s hash when the cheap part is the same (a file
        with the same size, time and inode holds the same lesson): hashing 2,000 lessons
        takes ~0.1 s, comparing their stamps ~2 ms."""
        stamp = self.stamp()
        if old is not None and isinstance(stamp["mtime_ns"], int) \
                and all(old.get(name) == value for name, value in stamp.items()):
            return old
        return {**stamp, "hash": self.digest()}

    def fields(self):
        lesson, lang = self.lesson, self.lesson.lang
        body = plain_text(lesson.body).replace(PART, " ")
        tags = "\n".join(lesson.tags)
        parts = {"body": body, "title": lesson.title, "tags": tags, "summary": lesson.summary,
                 "category": self.category_name, "meanings": self.meanings}
        return {
            "key": self.key, "slug": lesson.slug, "lang": lang, "category": lesson.category,
            "title": lesson.title, "summary": lesson.summary, "body": body,
            "shown": " ".join(self.shown),
            f"text_{lang}": PART.join(parts[p].replace(PART, " ") for p in PARTS),
            f"words_{lang}": "\n".join((lesson.title, tags, lesson.summary)),
        }


def documents(shelf, languages, default_language, slugs=None, glossary=None):
    """The documents for every lesson on the shelf (or only those with the given slugs);
    with a ``glossary``, each carries what the terms it uses mean."""
    lessons = shelf.lessons
    found = {}
    for (lang, slug), lesson in lessons.items():
        if slugs is not None and slug not in slugs:
            continue
        if lang not in languages:
            continue
        # A default-language lesson stands in where its translation is missing.
        shown = [lang]
        if lang == default_language:
            shown += [other for other in languages
                      if other != lang and (other, slug) not in lessons]
        category = shelf.categories.get(lesson.category)
        name = category.text("name", lang) if category is not None else lesson.category
        meanings = ""
        if glossary is not None:
            meanings = glossary.meanings_in(lesson, lambda lesson=lesson: "\n".join(
                (lesson.title, lesson.summary, plain_text(lesson.body))), lang)
        doc = LessonDocument(lesson, name, tuple(shown), meanings)
        found[doc.key] = doc
    return found


