"""Reading an editor's YAML file: values that remember their line, and the problems found.

Every problem names file and line, so an editor knows exactly where to look.
"""

import difflib
import re

import yaml

from ..content.lessons import read_text, unknown_field_message
from ..content.reader import refuse_half_characters
from ..errors import ContentError, QuizError
from .model import Text

BASE = "id"  # quizzes are written in Bahasa Indonesia first; other languages may follow
ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")



class YamlMap(dict):
    """A YAML mapping that knows its line and the line of each key."""

    line = None

    def __init__(self):
        super().__init__()
        self.lines = {}

    def line_of(self, key):
        return self.lines.get(key, self.line)


class YamlList(list):
    """A YAML sequence that knows its line and the line of each item."""

    line = None

    def __init__(self):
        super().__init__()
        self.lines = []

    def line_of(self, index):
        return self.lines[index] if index < len(self.lines) else self.line


class _LineLoader(yaml.SafeLoader):
    def __init__(self, stream, where=None):
        super().__init__(stream)
        self.duplicates = []  # (key, line, first line)
        self.where = where


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """libyaml where installed: the same result, several times faster."""

    def __init__(self, stream, where=None):
        super().__init__(stream)
        self.duplicates = []
        self.where = where


def _construct_map(loader, node):
    data = YamlMap()
    data.line = node.start_mark.line + 1
    yield data
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str | int | float | bool | None):
            key = str(key)
        if key in data:
            loader.duplicates.append((key, line, data.lines[key]))
        data[key] = loader.construct_object(value_node, deep=True)
        data.lines[key] = line


def _construct_list(loader, node):
    data = YamlList()
    data.line = node.start_mark.line + 1
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.lines.append(item.start_mark.line + 1)


def _construct_text(loader, node):
    # A page cannot show half a character ("\\ud83d"): the file is refused at its line.
    refuse_half_characters(node, loader.where, 1, QuizError)
    return loader.construct_scalar(node)


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _construct_map)
    _loader.add_constructor("tag:yaml.org,2002:seq", _construct_list)
    _loader.add_constructor("tag:yaml.org,2002:str", _construct_text)


class Findings:
    """The errors and warnings found in one file, each already pointing at its line."""

    def __init__(self, where):
        self.where = where
        self.problems = []

    def error(self, message, line=None):
        self.problems.append(QuizError(message, self.where, line))

    def warn(self, message, line=None):
        self.problems.append(QuizError(message, self.where, line, "warning"))

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]


def read_yaml(raw, where):
    """Decode and parse one file; raises QuizError for bytes or syntax that cannot be read."""
    try:
        text = read_text(raw, where)
    except ContentError as exc:
        raise QuizError(exc.message, exc.path, exc.line) from None
    try:
        return _load(_FastLineLoader, text, where)
    except yaml.YAMLError:
        pass  # read it again the slow way: its messages are the same on every machine
    try:
        return _load(_LineLoader, text, where)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        message = f"is not valid YAML: {exc.problem}"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            # The parser notices late; point back to where the broken part began.
            message += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise QuizError(message, where, line) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise QuizError(f"is not valid YAML: {exc}", where) from None


def _load(loader_class, text, where):
    loader = loader_class(text, where)
    try:
        return loader.get_single_data(), loader.duplicates
    finally:
        loader.dispose()


def check_fields(mapping, allowed, findings, prefix=""):
    """Report fields an editor may have misspelt; returns False if any were found."""
    clean = True
    for name in mapping:
        if name not in allowed:
            findings.error(prefix + unknown_field_message(name, allowed), mapping.line_of(name))
            clean = False
    return clean


def read_text_field(mapping, name, findings, languages, prefix="", required=True):
    """A bilingual text: {id: ..., en: ...}, or plain text taken as Indonesian."""
    line = mapping.line_of(name)
    value = mapping.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            findings.error(f"{prefix}{name!r} is missing; write '{name}: {{id: …, en: …}}'",
                           line if name in mapping else mapping.line)
        return None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        text = Text({BASE: str(value).strip()})
    elif isinstance(value, dict):
        text = Text()
        for lang, words in value.items():
            if lang not in languages:
                hint = ""
                if words is None or not re.match(r"^[a-z]{2,3}$", str(lang)):
                    # {id: a, b} reads "b" as a language: a comma inside {…} needs quotes.
                    hint = "; put text that has a comma in quotes: id: \"…, …\""
                findings.error(
                    f"{prefix}{name!r} has unknown language {lang!r}; "
                    f"use {' or '.join(map(repr, languages))}{hint}", value.line_of(lang))
                return None
            if words is not None and not isinstance(words, str | int | float):
                findings.error(f"{prefix}{name!r} in {lang!r} must be plain text",
                               value.line_of(lang))
                continue
            if words is not None and str(words).strip():
                text[lang] = str(words).strip()
    else:
        findings.error(f"{prefix}{name!r} must be text, e.g. '{name}: {{id: …, en: …}}'", line)
        return None
    if not text.get(BASE):
        findings.error(f"{prefix}{name!r} has no Indonesian text; write 'id: …'", line)
        return None
    for lang in languages:
        if lang != BASE and not text.get(lang):
            findings.warn(f"{prefix}{name!r} has no {LANGUAGE_NAMES.get(lang, lang)} text "
                          f"({lang!r}); the Indonesian text is shown instead", line)
    return text


LANGUAGE_NAMES = {"en": "English", "id": "Indonesian"}


def read_id(value, what, findings, line):
    """A short id like 'q3' or 'b'; reports and returns None if it is not one."""
    if value is None or value == "":
        findings.error(f"{what} has no 'id'; give it a short id like 'q1'", line)
        return None
    text = str(value)
    if not ID.match(text):
        findings.error(f"{what} id {text!r} must be lowercase letters, digits and '-', "
                       f"e.g. 'q1'", line)
        return None
    return text


def did_you_mean(name, known):
    guess = difflib.get_close_matches(str(name), list(known), n=1)
    return f"; did you mean {guess[0]!r}?" if guess else ""
