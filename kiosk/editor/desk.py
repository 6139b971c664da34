"""The editor's desk: which files the web editor may open, and saving one without losing work.

A save is checked first, refused if the file changed since it was opened, kept in the history,
and written atomically; only then does the kiosk reload it.
"""

import hashlib
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from ..checks import line_of
from ..files import atomic_write
from ..quiz.checker import FILE_NAME as CHECKER_FILE

SEGMENT = r"[a-z0-9]+(?:-[a-z0-9]+)*"
# A file or folder name the editor opens: longer ones are no file of ours, and the disk
# refuses names over 255 bytes with an error, not a "not found".
MAX_NAME = 100
MAX_SLUG = 80  # a new lesson's name, well inside MAX_NAME with its '.md'
CONTENT, QUIZZES = "content", "quizzes"


@dataclass(frozen=True)
class Editable:
    """One file the web editor may open: 'content/id/calo.md', 'quizzes/calo.yaml', …"""

    key: str  # area/relative path: the same on every kiosk, wherever its folders are
    kind: str  # lesson, categories, quiz, offer-checker or yaml
    path: Path
    where: str  # the file as messages name it: 'content/id/calo.md'
    lang: str | None = None
    slug: str | None = None

    @property
    def syntax(self):
        return "markdown" if self.kind == "lesson" else "yaml"


class Conflict(Exception):
    """The file changed on disk since the editor opened it; nothing was written."""

    def __init__(self, current):
        super().__init__("the file changed since it was opened")
        self.current = current  # its bytes now (None if it was deleted)


@dataclass
class Examination:
    """The checker's verdict on a text: the whole report, and what concerns this save."""

    report: object
    own: list  # findings in the file itself, errors and warnings
    elsewhere: list  # errors the text would cause in other files

    @property
    def errors(self):
        return [f for f in self.own if f.severity == "error"] + self.elsewhere


class Refused(Exception):
    """The checker found errors in the new text; nothing was written."""

    def __init__(self, report, errors):
        super().__init__(f"{len(errors)} errors")
        self.report = report
        self.errors = errors  # in this file, and any it would cause in other files


def fingerprint(raw):
    """What the edit form carries to notice a change on disk: a SHA-256, or '' for no file."""
    return "" if raw is None else hashlib.sha256(raw).hexdigest()


def to_bytes(text):
    """The text from a form as the file's bytes: UTF-8, '\\n' line ends, a final newline."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text and not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


class Desk:
    def __init__(self, content_dir, quiz_dir, languages, history, check, after_save):
        self.content_dir = Path(content_dir)
        self.quiz_dir = Path(quiz_dir)
        self.languages = list(languages)
        self.history = history
        self.check = check  # fn(drafts or None) -> checks.Report
        self.after_save = after_save  # fn(): the kiosk reloads what was saved
        langs = "|".join(re.escape(lang) for lang in self.languages)
        self._lesson = re.compile(rf"^(?P<lang>{langs})/(?P<slug>{SEGMENT})\.md$")
        self._yaml = re.compile(rf"^(?:(?P<folder>{SEGMENT})/)?{SEGMENT}\.ya?ml$")
        self._quiz = re.compile(rf"^{SEGMENT}\.ya?ml$")
        self._lock = threading.Lock()

    # -- which files --------------------------------------------------------------------

    def file(self, key):
        """The Editable for a key from a URL or a form, or None if it is not one."""
        if not isinstance(key, str) or any(len(part) > MAX_NAME for part in key.split("/")):
            return None
        area, _, rel = key.partition("/")
        if area == CONTENT:
            where = _display(self.content_dir, rel)
            if rel == "categories.yaml":
                return Editable(key, "categories", self.content_dir / rel, where)
            found = self._lesson.match(rel)
            if found:
                return Editable(key, "lesson", self.content_dir / rel, where,
                                found["lang"], found["slug"])
            found = self._yaml.match(rel)
            if found and found["folder"] not in ("media", *self.languages):
                return Editable(key, "yaml", self.content_dir / rel, where)
        elif area == QUIZZES and self._quiz.match(rel):
            kind = "offer-checker" if rel == CHECKER_FILE else "quiz"
            return Editable(key, kind, self.quiz_dir / rel, _display(self.quiz_dir, rel),
                            slug=rel.rsplit(".", 1)[0])
        return None

    def lesson_file(self, slug, lang):
        return self.file(f"{CONTENT}/{lang}/{slug}.md")

    def files(self):
        """Every file on disk the editor may open, lessons first."""
        keys = []
        for lang in self.languages:
            keys += [f"{CONTENT}/{lang}/{p.name}" for p in _listing(self.content_dir / lang)]
        keys += [f"{CONTENT}/{p.name}" for p in _listing(self.content_dir)]
        for folder in sorted(p for p in _dirs(self.content_dir)
                             if p.name not in ("media", *self.languages)):
            keys += [f"{CONTENT}/{folder.name}/{p.name}" for p in _listing(folder)]
        keys += [f"{QUIZZES}/{p.name}" for p in _listing(self.quiz_dir)]
        return [f for f in map(self.file, keys) if f is not None]

    # -- reading and saving -------------------------------------------------------------

    def read(self, editable):
        """(bytes or None, fingerprint) of the file as it is on disk now."""
        try:
            raw = editable.path.read_bytes()
        except FileNotFoundError:
            raw = None
        return raw, fingerprint(raw)

    def save(self, editable, text, base):
        """Check and write ``text``; returns the Examination of the kiosk as saved.

        ``base`` is the fingerprint the form was opened with. Raises Conflict or Refused
        and writes nothing when the file changed meanwhile or the text has errors.
        """
        raw = to_bytes(text) if isinstance(text, str) else text
        with self._lock:
            current, now = self.read(editable)
            if now != base:
                raise Conflict(current)
            exam = self.examine(editable, raw)
            if exam.errors:
                raise Refused(exam.report, exam.errors)
            kept = self.history.put(editable.key, current) if current is not None else None
            try:
                atomic_write(editable.path, raw)
            except OSError:
                if kept:  # the file was not replaced, so it is not a previous version
                    self.history.forget(editable.key, kept)
                raise
            self.history.prune(editable.key)
        self.after_save()
        return exam

    def examine(self, editable, raw):
        """Check the kiosk as if ``raw`` were saved; nothing is written."""
        before = {line_of(f) for f in self.check(None).errors}
        report = self.check({editable.path: raw})
        elsewhere = [f for f in report.errors
                     if f.path != editable.where and line_of(f) not in before]
        return Examination(report, report.for_file(editable.where), elsewhere)

    def restore(self, editable, version, base):
        """Save a kept version again, through the same checks as any save."""
        raw = self.history.read(editable.key, version)
        if raw is None:
            raise LookupError(version)
        return self.save(editable, raw, base)


def _display(root, rel):
    return f"{root.name}/{rel}"


def _listing(folder):
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))


def _dirs(folder):
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")]
