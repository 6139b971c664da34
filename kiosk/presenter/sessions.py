"""Presentation sessions editors write: content/sessions/<id>.yaml, checked with file and line.

A session is lessons in order and an optional quiz round for the room; a broken file is left out.
"""

import logging
import threading
from dataclasses import dataclass
from pathlib import Path

from ..content.reader import YAML_SUFFIXES
from ..errors import ContentError, QuizError
from ..quiz.source import (
    ID,
    Findings,
    YamlList,
    YamlMap,
    check_fields,
    did_you_mean,
    read_text_field,
    read_yaml,
)

log = logging.getLogger(__name__)

FIELDS = ("title", "summary", "lessons", "quiz", "closing", "order")
FOLDER = "sessions"


@dataclass(frozen=True)
class PresenterSession:
    id: str
    title: object  # quiz.Text: {'id': ..., 'en': ...}
    lessons: tuple
    path: str
    summary: object = None
    quiz: str | None = None
    closing: object = None  # a Text shown big on the closing slide
    order: int = 100


class SessionFindings(Findings):
    """Problems of one session file: content errors, named by file and line."""

    def error(self, message, line=None):
        self.problems.append(ContentError(message, self.where, line))

    def warn(self, message, line=None):
        self.problems.append(ContentError(message, self.where, line, "warning"))


def parse_session(raw, where, session_id, languages, lessons, quizzes, broken_quizzes=()):
    """Return (PresenterSession or None, findings) for the bytes of one session file.

    ``lessons`` and ``quizzes`` are the slugs that exist; ``broken_quizzes`` those whose
    file has errors (named as such, not as unknown).
    """
    findings = SessionFindings(where)
    if not ID.match(session_id):
        findings.error("file name must be a slug: lowercase letters, digits and '-', "
                       "e.g. imdes-dasar.yaml")
        return None, findings
    try:
        data, duplicates = read_yaml(raw, where)
    except QuizError as exc:
        findings.error(exc.message, exc.line)
        return None, findings
    for key, line, first in duplicates:
        findings.error(f"field {key!r} appears twice (first on line {first}); keep one", line)
    if not isinstance(data, YamlMap):
        findings.error("a session must be 'field: value' lines, starting with 'title:'", 1)
        return None, findings
    check_fields(data, FIELDS, findings)
    title = read_text_field(data, "title", findings, languages)
    summary = read_text_field(data, "summary", findings, languages, required=False)
    closing = read_text_field(data, "closing", findings, languages, required=False)
    slugs = _lessons(data, findings, lessons)
    quiz = _quiz(data, findings, quizzes, broken_quizzes)
    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        findings.error("'order' must be a whole number", data.line_of("order"))
    if findings.errors:
        return None, findings
    return PresenterSession(session_id, title, tuple(slugs), where, summary, quiz, closing,
                            order), findings


def _lessons(data, findings, known):
    if "lessons" not in data:
        findings.error("'lessons' is missing; write 'lessons: [slug-of-a-lesson, …]'",
                       data.line)
        return []
    value, line = data["lessons"], data.line_of("lessons")
    if not isinstance(value, YamlList) or not value:
        findings.error("'lessons' must list lesson slugs, e.g. lessons: [calo-sponsor-ilegal, "
                       "cara-melapor]", line)
        return []
    found = []
    for index, slug in enumerate(value):
        at = value.line_of(index)
        if not isinstance(slug, str) or slug not in known:
            findings.error(f"unknown lesson {slug!r}" + (
                did_you_mean(slug, known) or " (no lesson in content/ has this file name)"), at)
        elif slug in found:
            findings.error(f"lesson {slug!r} is listed twice; keep one", at)
        else:
            found.append(slug)
    return found


def _quiz(data, findings, known, broken):
    slug = data.get("quiz")
    line = data.line_of("quiz")
    if slug is None:
        return None
    if not isinstance(slug, str) or not ID.match(slug):
        findings.error("'quiz' must be the slug of one quiz, e.g. quiz: calo-sponsor-ilegal",
                       line)
    elif slug in broken:
        findings.error(f"quiz {slug!r} has errors and is left out; fix "
                       f"quizzes/{slug}.yaml first", line)
    elif slug not in known:
        findings.error(f"unknown quiz {slug!r}" + (
            did_you_mean(slug, known) or " (no quiz in quizzes/ has this file name)"), line)
    else:
        return slug
    return None


class SessionBook:
    """Every session in content/sessions, reread when a file, the lessons or quizzes change."""

    def __init__(self, library, quizbook, languages):
        self.library = library
        self.quizbook = quizbook
        self.reader = library.reader
        self.root = library.root / FOLDER
        self.languages = list(languages)
        self._state = (None, {}, [])  # (what it was read from, sessions, problems)
        self._lock = threading.Lock()
        self.refresh()

    @property
    def problems(self):
        return self._state[2]

    def _scan(self):
        return self.reader.stamps(self.reader.files(self.root, YAML_SUFFIXES))

    def refresh(self):
        """Reread the folder if a file, the lesson library or the quiz book changed."""
        with self._lock:
            source = (tuple(sorted(self._scan().items())), self.library.shelf,
                      self.quizbook.shelf)
            old = self._state
            if old[0] is not None and source[0] == old[0][0] and source[1] is old[0][1] \
                    and source[2] is old[0][2]:
                return False
            lessons = set(self.library.slugs())
            quizzes = set(self.quizbook.shelf.quizzes)
            broken = {Path(p.path).stem for p in self.quizbook.shelf.errors if p.path}
            sessions, problems = {}, []
            for path, _stamp in source[0]:
                path = Path(path)
                where = self.library.display(path)
                try:
                    raw = self.reader.read_bytes(path)
                except OSError as exc:
                    problems.append(ContentError(f"cannot be read: {exc.strerror}", where))
                    continue
                found, findings = parse_session(raw, where, path.stem, self.languages,
                                                lessons, quizzes, broken - quizzes)
                problems.extend(findings.problems)
                if found is not None:
                    sessions[found.id] = found
            self._state = (source, sessions, problems)
        seen = {str(p) for p in old[2]}
        for problem in problems:
            if str(problem) not in seen:
                log.log(logging.ERROR if problem.severity == "error" else logging.WARNING,
                        "%s", problem)
        return True

    def session(self, session_id):
        return self._state[1].get(session_id)

    def sessions(self):
        return sorted(self._state[1].values(), key=lambda s: (s.order, s.id))
