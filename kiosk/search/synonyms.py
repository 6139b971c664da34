"""Words that mean the same to a villager (TKI = PMI = pekerja migran), from content/synonyms.yaml.

Editors change the file; a mistake skips one group (or the file) and is reported by line.
"""

import hashlib
import logging
from dataclasses import dataclass, field

import yaml

from ..content.lessons import read_text
from ..content.reader import parse_yaml
from ..errors import ContentError
from .analysis import terms, words

log = logging.getLogger(__name__)

EXAMPLE = "- [calo, sponsor, perekrut]"


@dataclass
class Synonyms:
    """Groups of equivalent words or phrases, and the problems found reading them."""

    groups: list = field(default_factory=list)  # [(line, ("calo", "sponsor", ...)), ...]
    problems: list = field(default_factory=list)  # ContentError
    digest: str = ""  # of the file's bytes: names the stems saved for it
    # {lang: {phrase: [stems]}}: Sastrawi takes ~0.5 ms for an unseen word, so the stems of
    # the groups are saved beside the index and a restarted kiosk answers at once.
    stems: dict = field(default_factory=dict, repr=False)
    unsaved: bool = field(default=False, repr=False)
    _by_lang: dict = field(default_factory=dict, repr=False)
    _words: frozenset = field(default=None, repr=False)

    def _stems(self, phrase, lang):
        known = self.stems.setdefault(lang, {})
        if phrase not in known:
            known[phrase] = terms(phrase, lang)
            self.unsaved = True
        return known[phrase]

    def table(self, lang):
        """For ``lang``: ({stems of a phrase: group number}, [[stems of each phrase], ...])."""
        if lang not in self._by_lang:
            lookup, alternatives = {}, []
            for number, (_, phrases) in enumerate(self.groups):
                stemmed = []
                for phrase in phrases:
                    key = tuple(self._stems(phrase, lang))
                    if key and key not in stemmed:
                        stemmed.append(key)
                        lookup.setdefault(key, number)
                alternatives.append(stemmed)
            self._by_lang[lang] = (lookup, alternatives)
        return self._by_lang[lang]

    def longest(self, lang):
        lookup, _ = self.table(lang)
        return max((len(key) for key in lookup), default=0)

    def knows(self, word):
        """True when a villager's word appears in some group as written."""
        if self._words is None:
            self._words = frozenset(w for _, phrases in self.groups for phrase in phrases
                                    for w in phrase.split())
        return word in self._words


def load_synonyms(path, where, raw=None):
    """Read and check the synonyms file (or ``raw``, its unsaved text); none means none."""
    if raw is None:
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return Synonyms()
        except OSError as exc:
            return Synonyms(problems=[ContentError(f"cannot be read: {exc.strerror}", where)])
    try:
        text = read_text(raw, where)
    except ContentError as exc:
        return Synonyms(problems=[exc])
    try:
        node, _data = parse_yaml(text, where)
    except ContentError as exc:
        return Synonyms(problems=[ContentError(
            f"{exc.message}; every group is one line like '{EXAMPLE}'", where, exc.line)])
    if node is None:
        return Synonyms()
    if not isinstance(node, yaml.SequenceNode):
        return Synonyms(problems=[ContentError(
            f"must be a list of groups, one per line like '{EXAMPLE}'", where,
            node.start_mark.line + 1)])
    synonyms = Synonyms(digest=hashlib.sha256(raw).hexdigest())
    seen = {}  # word -> line of its group
    for item in node.value:
        line = item.start_mark.line + 1
        try:
            phrases = _group(item, line, where, seen)
        except ContentError as exc:
            synonyms.problems.append(exc)
            continue
        for phrase in phrases:
            seen[phrase] = line
        synonyms.groups.append((line, phrases))
    return synonyms


def _group(item, line, where, seen):
    if not isinstance(item, yaml.SequenceNode):
        raise ContentError(f"a group must be words in square brackets, like '{EXAMPLE}'",
                           where, line)
    phrases = []
    for entry in item.value:
        if not isinstance(entry, yaml.ScalarNode) or entry.tag == "tag:yaml.org,2002:bool" \
                or entry.value in ("", "~", "null"):
            shown = entry.value if isinstance(entry, yaml.ScalarNode) else "[...]"
            raise ContentError(f"{shown!r} is not a word; write plain words separated by "
                               f"commas, like '{EXAMPLE}'", where, entry.start_mark.line + 1)
        phrase = " ".join(words(entry.value))
        if not phrase:
            raise ContentError(f"{entry.value!r} has no letters or digits to search for",
                               where, entry.start_mark.line + 1)
        if phrase in seen:
            raise ContentError(f"{entry.value!r} is already in the group on line "
                               f"{seen[phrase]}; a word belongs to one group only",
                               where, entry.start_mark.line + 1)
        if phrase not in phrases:
            phrases.append(phrase)
    if len(phrases) < 2:
        raise ContentError(f"a group needs at least two words, like '{EXAMPLE}'", where, line)
    return tuple(phrases)
