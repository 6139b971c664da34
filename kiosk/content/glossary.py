"""The glossary, content/istilah.yaml: what each acronym and official term means, per language,
and the first use of each term on a lesson page turned into a tap target that shows it.

Read through the content reader (drafts included) into a Glossary, replaced whole on change.
"""

import logging
import re
import threading
from dataclasses import dataclass, field
from functools import cached_property
from html import escape
from typing import NamedTuple

import yaml

from ..errors import ContentError
from .lessons import read_text, unknown_field_message
from .reader import parse_yaml

log = logging.getLogger(__name__)

FILE = "istilah.yaml"
OTHER_SPELLINGS = "juga"
SPOKEN = "ucapan"  # how the read-aloud voice says the term: text, or 'id:'/'en:' below it
LANGUAGE_NAMES = {"id": "Indonesian", "en": "English"}
LONGEST_MEANING = 160  # characters: what fits beside the text, read at arm's length
EXAMPLE = "'PMI:' with 'id: …' and 'en: …' below it"

# What a term is never marked in: headings, links, code, and our own tap targets.
_SKIP = frozenset({"a", "button", "code", "pre", "kbd", "samp", "h1", "h2", "h3", "h4", "h5",
                   "h6"})
# A meaning is shown after the sentence, before the next block starts or ends, so the sentence
# stays whole and the meaning stays inside the paragraph, list item or cell it explains.
_BLOCKS = frozenset({"address", "blockquote", "dd", "div", "dl", "dt", "figure", "h1", "h2",
                     "h3", "h4", "h5", "h6", "hr", "li", "ol", "p", "pre", "table", "tbody",
                     "td", "tfoot", "th", "thead", "tr", "ul"})
# Sanitized HTML (nh3) always quotes attributes with '"'; a '>' may still sit inside one.
_TAG = re.compile(r'<(/?)([a-zA-Z][a-zA-Z0-9]*)(?:[^>"]|"[^"]*")*>')


@dataclass(frozen=True)
class Term:
    name: str  # as written in the file and in the lessons: 'PMI', 'Crisis Centre'
    meanings: dict  # language -> what it means
    spellings: tuple  # the name, then its other spellings ('juga')
    line: int  # where it starts in istilah.yaml
    spoken: dict = field(default_factory=dict)  # language -> how the voice says it

    def meaning(self, lang, default="id"):
        return self.meanings.get(lang) or self.meanings.get(default, "")


class MarkedText(NamedTuple):
    html: str
    terms: tuple  # the names of the terms marked, in the order they first appear


@dataclass(frozen=True)
class Glossary:
    """One reading of istilah.yaml. Replaced whole when the file changes; what it works out
    from its terms (the pattern, marked lesson pages) is kept with it and goes with it."""

    terms: tuple = ()
    problems: tuple = ()  # ContentError, errors and warnings
    stamp: object = None
    default_language: str = "id"
    _marked: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]

    @cached_property
    def by_spelling(self):
        return {spelling: term for term in self.terms for spelling in term.spellings}

    @cached_property
    def words(self):
        """Every spelling, and every word in capitals inside one ('BPJS' of 'BPJS Kesehatan')."""
        found = set(self.by_spelling)
        for spelling in self.by_spelling:
            found.update(word for word in spelling.split() if word.isupper())
        return frozenset(found)

    def sorted_terms(self):
        return sorted(self.terms, key=lambda term: term.name.casefold())

    @cached_property
    def _pattern(self):
        if not self.terms:
            return None
        # Longest first, so 'BPJS Ketenagakerjaan' wins over 'BPJS'; a space in a term
        # matches the line break Markdown keeps inside a paragraph.
        spellings = sorted(self.by_spelling, key=lambda s: (-len(s), s))
        alternatives = [r"\s+".join(re.escape(escape(word, quote=False))
                                    for word in spelling.split()) for spelling in spellings]
        # Punctuation against the word goes with it, so a line never breaks between '(' and
        # a framed 'IMDES' (a line may break on either side of a button).
        return re.compile(r"(?P<lead>[(\[\"'“‘]*)(?<!\w)(?P<term>" + "|".join(alternatives)
                          + r")(?!\w)(?P<trail>[)\]\"'”’.,:;!?]*)")

    @cached_property
    def _plain_pattern(self):
        if not self.terms:
            return None
        spellings = sorted(self.by_spelling, key=lambda s: (-len(s), s))
        return re.compile(r"(?<!\w)(?:" + "|".join(
            r"\s+".join(re.escape(word) for word in spelling.split()) for spelling in spellings)
            + r")(?!\w)")

    def meanings_in(self, lesson, plain_text, lang):
        """What the terms a lesson uses mean, in ``lang``, each once: the search index adds
        it to the lesson, so a villager who types what a term means finds the lessons that
        use the term. ``plain_text()`` gives the lesson's text; worked out once per lesson
        file and glossary, so a sync with nothing new costs a lookup."""
        key = ("meanings", lesson.path, lesson.stamp, lang)
        found = self._marked.get(key)
        if found is None:
            meanings = {}
            pattern = self._plain_pattern
            for match in pattern.finditer(plain_text()) if pattern is not None else ():
                term = self.by_spelling.get(" ".join(match.group(0).split()))
                if term is not None and term.name not in meanings:
                    meanings[term.name] = term.meaning(lang, self.default_language)
            found = self._marked[key] = "\n".join(meanings.values())
        return found

    def mark(self, lesson, lang):
        """The lesson's HTML with the first use of each term made a tap target showing its
        meaning in ``lang``, as a MarkedText; worked out once per lesson file and glossary."""
        key = (lesson.path, lesson.stamp, lang)
        marked = self._marked.get(key)
        if marked is None:
            marked = self._marked[key] = self.mark_html(lesson.html, lang)
        return marked

    def mark_html(self, html, lang):
        """Sanitized lesson HTML with terms marked (see ``mark``); the markup is ours, so the
        sanitizer never has to let buttons through an editor's text."""
        pattern = self._pattern
        if pattern is None:
            return MarkedText(html, ())
        out, pending, used = [], [], {}
        skipping = 0
        position = 0

        def text(chunk):
            if skipping or not chunk.strip():
                return chunk
            return pattern.sub(lambda found: self._target(found, lang, used, pending), chunk)

        for tag in _TAG.finditer(html):
            out.append(text(html[position:tag.start()]))
            closing, name = tag.group(1), tag.group(2).lower()
            if name in _BLOCKS and pending:
                out.extend(pending)
                pending.clear()
            if name in _SKIP:
                skipping += -1 if closing else 1
                skipping = max(skipping, 0)
            out.append(tag.group(0))
            position = tag.end()
        out.append(text(html[position:]))
        out.extend(pending)
        return MarkedText("".join(out), tuple(used))

    def _target(self, found, lang, used, pending):
        written = found.group("term")
        term = self.by_spelling.get(" ".join(written.split()))
        if term is None or term.name in used:
            return found.group(0)
        used[term.name] = True
        number = len(used)
        meaning = escape(term.meaning(lang, self.default_language))
        # An id a heading's anchor can never take: anchors are lowercase letters and '-'.
        target = f"istilah_{number}"
        pending.append(
            f'<span class="term-meaning" id="{target}" lang="{escape(lang)}" hidden>'
            f'<strong class="term-name">{escape(term.name)}:</strong> {meaning}</span>')
        button = (f'<button type="button" class="term" aria-expanded="false" '
                  f'aria-controls="{target}">{written}</button>')
        lead, trail = found.group("lead"), found.group("trail")
        if lead or trail:
            return f'<span class="term-at">{lead}{button}{trail}</span>'
        return button


def load_glossary(reader, path, languages, default_language="id", stamp=None):
    """Read istilah.yaml through ``reader``; a missing file is an empty glossary.

    An entry with a problem is left out and reported; the other terms still serve.
    """
    where = reader.display(path)
    if not reader.exists(path):
        return Glossary(default_language=default_language)
    try:
        raw = reader.read_bytes(path)
    except OSError as exc:
        return Glossary(problems=(ContentError(f"cannot be read: {exc.strerror}", where),),
                        stamp=stamp, default_language=default_language)
    terms, problems = [], []
    try:
        node, _data = parse_yaml(read_text(raw, where), where)
    except ContentError as exc:
        problems.append(exc)
        node = None
    if node is not None:
        _read_terms(node, where, list(languages), terms, problems)
    return Glossary(tuple(terms), tuple(problems), stamp, default_language)


def _read_terms(node, where, languages, terms, problems):
    if not isinstance(node, yaml.MappingNode):
        problems.append(ContentError(f"must list terms, each like {EXAMPLE}", where,
                                     node.start_mark.line + 1))
        return
    allowed = (*languages, OTHER_SPELLINGS, SPOKEN)
    seen = {}  # spelling -> (term name, line)
    for key, value in node.value:
        line = key.start_mark.line + 1
        name = " ".join(str(key.value).split())
        try:
            term = _term(name, value, line, where, languages, allowed)
        except ContentError as exc:
            problems.append(exc)
            continue
        clash = next((s for s in term.spellings if s in seen), None)
        if clash is not None:
            other, first = seen[clash]
            if other == name:
                message = f"term {name!r} appears twice (first on line {first}); keep one"
            elif clash == other:
                message = (f"{clash!r} is already a term (line {first}); a word explains one "
                           f"term only")
            else:
                message = (f"{clash!r} is already a spelling of {other!r} (line {first}); "
                           f"a word explains one term only")
            problems.append(ContentError(message, where, line))
            continue
        for spelling in term.spellings:
            seen[spelling] = (name, line)
        terms.append(term)
        for lang in languages:
            length = len(term.meanings[lang])
            if length > LONGEST_MEANING:
                problems.append(ContentError(
                    f"term {name!r}: the {_language(lang)} meaning is {length} characters; "
                    f"keep it to {LONGEST_MEANING} so it is read at a glance", where,
                    _line_of(value, lang, line), "warning"))


def _term(name, value, line, where, languages, allowed):
    if not name:
        raise ContentError(f"a term has no name; write it like {EXAMPLE}", where, line)
    if not isinstance(value, yaml.MappingNode):
        raise ContentError(f"term {name!r} needs its meaning below it: 'id: …' and 'en: …'",
                           where, line)
    fields = {}
    for key, item in value.value:
        field_line = key.start_mark.line + 1
        if key.value not in allowed:
            raise ContentError(f"term {name!r}: " + unknown_field_message(key.value, allowed),
                               where, field_line)
        fields[key.value] = (item, field_line)
    meanings = {}
    for lang in languages:
        item, field_line = fields.get(lang, (None, line))
        text = _text(item)
        if not text:
            raise ContentError(f"term {name!r} has no {_language(lang)} meaning; write "
                               f"'{lang}: …' below it", where, field_line)
        meanings[lang] = text
    spellings = [name]
    if OTHER_SPELLINGS in fields:
        item, field_line = fields[OTHER_SPELLINGS]
        if not isinstance(item, yaml.SequenceNode) or not all(_text(i) for i in item.value):
            raise ContentError(f"term {name!r}: '{OTHER_SPELLINGS}' must list other "
                               f"spellings, e.g. {OTHER_SPELLINGS}: [BP2MI]", where,
                               field_line)
        spellings += [s for s in (" ".join(_text(i).split()) for i in item.value)
                      if s not in spellings]
    spoken = _spoken(name, fields.get(SPOKEN), languages, where)
    return Term(name, meanings, tuple(spellings), line, spoken)


def _spoken(name, found, languages, where):
    """{lang: spoken form} from 'ucapan: ka pe dua em i' (every language) or a mapping."""
    if found is None:
        return {}
    item, line = found
    if _text(item):
        return {lang: _text(item) for lang in languages}
    if isinstance(item, yaml.MappingNode) and item.value and all(
            key.value in languages and _text(value) for key, value in item.value):
        return {key.value: _text(value) for key, value in item.value}
    raise ContentError(f"term {name!r}: '{SPOKEN}' must say how the term is read aloud, e.g. "
                       f"'{SPOKEN}: ka pe dua em i', or 'id: …' and 'en: …' below it", where,
                       line)


def _text(node):
    if not isinstance(node, yaml.ScalarNode) or node.tag == "tag:yaml.org,2002:null":
        return ""
    return " ".join(node.value.split())


def _line_of(value, name, default):
    for key, _ in value.value:
        if key.value == name:
            return key.start_mark.line + 1
    return default


def _language(lang):
    return LANGUAGE_NAMES.get(lang, lang)


class GlossaryFile:
    """content/istilah.yaml as last read: ``current`` is a Glossary, replaced when the file's
    stamp changes. Lives in ``app.extensions['glossary']``; the content watcher refreshes it."""

    def __init__(self, reader, languages, default_language="id", quiet=False):
        self.reader = reader
        self.path = reader.content_dir / FILE
        self.languages = list(languages)
        self.default_language = default_language
        self.quiet = quiet
        self.current = Glossary(default_language=default_language)
        self._lock = threading.Lock()
        self.refresh()

    def refresh(self):
        """Reread the file if it changed; True if it did."""
        with self._lock:
            stamp = self.reader.stamp(self.path)
            old = self.current
            if stamp == old.stamp:
                return False
            self.current = load_glossary(self.reader, self.path, self.languages,
                                         self.default_language, stamp)
        seen = {str(p) for p in old.problems}
        for problem in [] if self.quiet else self.current.problems:
            if str(problem) not in seen:
                log.log(logging.ERROR if problem.severity == "error" else logging.WARNING,
                        "%s", problem)
        return True
