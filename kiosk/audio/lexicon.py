"""The pronunciation lexicon, content/ucapan.yaml: per language, a written word and how the
voice says it ('KP2MI: ka pe dua em i'); the glossary's spoken forms join it.

Read through the content reader (drafts included), so the checker sees an unsaved edit.
"""

import re
import threading
from dataclasses import dataclass, field
from functools import cached_property

import yaml

from ..content.lessons import read_text
from ..content.reader import parse_yaml
from ..errors import ContentError

FILE = "ucapan.yaml"
EXAMPLE = "'id:' with lines like 'KP2MI: ka pe dua em i' below it"


@dataclass(frozen=True)
class Lexicon:
    """{lang: {written: spoken}}; words with a capital match exactly, others in any case."""

    words: dict = field(default_factory=dict)
    problems: tuple = ()
    stamp: object = None

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]

    def with_glossary(self, glossary):
        """This lexicon plus the glossary's spoken forms for words it does not have."""
        words = {lang: dict(entries) for lang, entries in self.words.items()}
        for term in getattr(glossary, "terms", ()):
            for lang, said in (getattr(term, "spoken", None) or {}).items():
                for spelling in term.spellings:
                    words.setdefault(lang, {}).setdefault(spelling, said)
        return Lexicon(words, self.problems, (self.stamp, getattr(glossary, "stamp", None)))

    @cached_property
    def _patterns(self):
        patterns = {}
        for lang, entries in self.words.items():
            if not entries:
                continue
            written = sorted(entries, key=lambda w: (-len(w), w))
            alternatives = [re.escape(w) if w != w.lower() else f"(?i:{re.escape(w)})"
                            for w in written]
            patterns[lang] = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)")
        return patterns

    @cached_property
    def _folded(self):
        return {lang: {w.lower(): said for w, said in entries.items() if w == w.lower()}
                for lang, entries in self.words.items()}

    def apply(self, text, lang):
        pattern = self._patterns.get(lang)
        if pattern is None:
            return text
        entries, folded = self.words[lang], self._folded[lang]

        def said(found):
            word = found.group(0)
            return entries.get(word) or folded.get(word.lower(), word)

        return pattern.sub(said, text)


def load_lexicon(reader, path, languages, stamp=None):
    """Read ucapan.yaml through ``reader``; a missing file is an empty lexicon. A bad entry
    is left out and reported as ``path:line: message``; the others still serve."""
    where = reader.display(path)
    if not reader.exists(path):
        return Lexicon(stamp=stamp)
    problems = []
    try:
        node, _data = parse_yaml(read_text(reader.read_bytes(path), where), where)
    except ContentError as exc:
        return Lexicon(problems=(exc,), stamp=stamp)
    except OSError as exc:
        return Lexicon(problems=(ContentError(f"cannot be read: {exc.strerror}", where),),
                       stamp=stamp)
    words = {}
    if node is None:
        return Lexicon(stamp=stamp)
    if not isinstance(node, yaml.MappingNode):
        problems.append(ContentError(f"must list languages, each {EXAMPLE}", where,
                                     node.start_mark.line + 1))
        return Lexicon(problems=tuple(problems), stamp=stamp)
    seen_languages = {}
    for key, value in node.value:
        line = key.start_mark.line + 1
        lang = str(key.value)
        if lang not in languages:
            problems.append(ContentError(f"{lang!r} is not a kiosk language "
                                         f"({', '.join(languages)})", where, line))
            continue
        if lang in seen_languages:
            problems.append(ContentError(f"language {lang!r} appears twice (first on line "
                                         f"{seen_languages[lang]}); keep one", where, line))
            continue
        seen_languages[lang] = line
        words[lang] = _entries(lang, value, where, line, problems)
    return Lexicon(words, tuple(problems), stamp)


def _entries(lang, node, where, line, problems):
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null":
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(ContentError(f"{lang!r} must list words below it, like "
                                     f"'KP2MI: ka pe dua em i'", where, line))
        return {}
    entries, first = {}, {}
    for key, value in node.value:
        at = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode) or not " ".join(str(key.value).split()):
            problems.append(ContentError("a word has no written form; write it like "
                                         "'KP2MI: ka pe dua em i'", where, at))
            continue
        written = " ".join(str(key.value).split())
        if written in first:
            problems.append(ContentError(f"{written!r} appears twice under {lang!r} (first on "
                                         f"line {first[written]}); keep one", where, at))
            continue
        first[written] = at
        if not isinstance(value, yaml.ScalarNode) or value.tag in (
                "tag:yaml.org,2002:null", "tag:yaml.org,2002:bool"):
            problems.append(ContentError(
                f"{written!r}: how it is said must be text, e.g. '{written}: ka pe dua em i'"
                if value.tag != "tag:yaml.org,2002:null" else
                f"{written!r} has no spoken form; write how it is said after the ':'",
                where, at))
            continue
        said = " ".join(value.value.split())
        if not said:
            problems.append(ContentError(f"{written!r} has no spoken form; write how it is "
                                         f"said after the ':'", where, at))
            continue
        entries[written] = said
    return entries


class LexiconFile:
    """content/ucapan.yaml as last read: ``current`` is replaced when the file's stamp
    changes (``refresh``)."""

    def __init__(self, reader, languages):
        self.reader = reader
        self.path = reader.content_dir / FILE
        self.languages = list(languages)
        self.current = Lexicon()
        self._lock = threading.Lock()
        self.refresh()

    def refresh(self):
        with self._lock:
            stamp = self.reader.stamp(self.path)
            if stamp == self.current.stamp and stamp is not None:
                return False
            self.current = load_lexicon(self.reader, self.path, self.languages, stamp)
            return True
