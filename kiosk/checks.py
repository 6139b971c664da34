"""The content checker: every check of a content folder and a quiz folder, as one pipeline.

`kiosk content check`, `kiosk run`, the web editor and bundle import all run it, so an editor
reads the same message wherever a problem shows up. A feature adds its own check with
``register(app, name, fn)``; ``fn(source)`` returns the KioskErrors it finds (see Source).
"""

import logging
from functools import cached_property
from pathlib import Path

from .audio.checks import AUDIO_CHECKS
from .content.checks import CONTENT_CHECKS
from .content.glossary import FILE as GLOSSARY_FILE
from .content.glossary import load_glossary
from .content.library import Library
from .content.reader import ContentReader
from .errors import KioskError
from .presenter.checks import check_sessions
from .quiz.book import QuizBook
from .quiz.checks import QUIZ_CHECKS
from .search.checks import check_synonyms

log = logging.getLogger(__name__)

BUILTIN = {**CONTENT_CHECKS, **QUIZ_CHECKS, "synonyms": check_synonyms,
           "sessions": check_sessions, **AUDIO_CHECKS}
PACKAGE_ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"


class Source:
    """What a check reads: a content folder and a quiz folder, plus text not yet saved.

    A check reads files through ``read_bytes`` and ``files`` (never ``open``), so a draft
    from the web editor is checked as if it were saved. ``library`` and ``quizbook`` are the
    kiosk's own parsers on these folders, and ``glossary`` its reading of istilah.yaml, built
    on first use; ``display`` names a file the way every message does ('content/id/calo.md').
    """

    def __init__(self, content_dir, quiz_dir, languages=("id", "en"), default_language="id",
                 drafts=None, icons_dir=PACKAGE_ICONS):
        self.reader = ContentReader(content_dir, quiz_dir, drafts)
        self.content_dir = self.reader.content_dir
        self.quiz_dir = self.reader.quiz_dir
        self.languages = list(languages)
        self.default_language = default_language
        self.drafts = self.reader.drafts
        self.icons_dir = Path(icons_dir)
        self._base = None

    @classmethod
    def for_app(cls, app, drafts=None, reload=True):
        """The running kiosk's folders; without drafts, its live library and quiz book
        (reloaded first, unless the caller is the watcher that has just done so)."""
        source = cls(app.config["CONTENT_DIR"], app.config["QUIZ_DIR"], app.config["LANGUAGES"],
                     app.config["DEFAULT_LANGUAGE"], drafts,
                     Path(app.static_folder) / "icons")
        library, book = app.extensions["library"], app.extensions["quizzes"]
        if drafts:
            source._base = library  # reuse every lesson the drafts do not touch
        else:
            # A command checks the files as they are now, not as the watcher last saw them.
            if reload:
                app.extensions["watcher"].reload()
            source.library, source.quizbook = library, book
            source.glossary = app.extensions["glossary"].current
        return source

    @cached_property
    def library(self):
        return Library(self.content_dir, self.languages, self.default_language,
                       base=self._base, quiet=True, reader=self.reader)

    @cached_property
    def glossary(self):
        return load_glossary(self.reader, self.content_dir / GLOSSARY_FILE, self.languages,
                             self.default_language)

    @cached_property
    def quizbook(self):
        return QuizBook(self.quiz_dir, self.library, self.languages, drafts=self.drafts,
                        quiet=True)

    # Files are listed, named and read as every reader of the kiosk does (kiosk.content.reader).
    def display(self, path):
        return self.reader.display(path)

    def read_bytes(self, path):
        return self.reader.read_bytes(path)

    def exists(self, path):
        return self.reader.exists(path)

    def files(self, folder, suffixes=None):
        return self.reader.files(folder, suffixes)


class Report:
    """What the checks found, sorted by file and line, and how to say it."""

    def __init__(self, entries, lessons=0, quizzes=0):
        # entries: (check name, KioskError); ordered by file, then line, then as found
        self.entries = sorted(entries, key=lambda e: (str(e[1].path or ""), e[1].line or 0))
        self.lessons = lessons
        self.quizzes = quizzes
        self.source = None

    @property
    def findings(self):
        return [finding for _, finding in self.entries]

    @property
    def errors(self):
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self):
        return [f for f in self.findings if f.severity != "error"]

    @property
    def ok(self):
        return not self.errors

    def for_file(self, where):
        """The findings about one file, named as in messages ('content/id/calo.md')."""
        return [f for f in self.findings if f.path == where]

    def summary(self):
        counted = (f"Checked {_count(self.lessons, 'lesson')} and "
                   f"{_count(self.quizzes, 'quiz file')}")
        if not self.findings:
            return f"{counted}: no problems found."
        return (f"{counted}: {_count(len(self.errors), 'error')}, "
                f"{_count(len(self.warnings), 'warning')}.")

    def lines(self):
        return [line_of(f) for f in self.findings]

    def text(self):
        """What `kiosk content check` prints: one line per finding, then the summary."""
        return "\n".join([*self.lines(), self.summary()])

    def as_dict(self):
        return {
            "ok": self.ok,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "lessons": self.lessons,
            "quiz_files": self.quizzes,
            "findings": [{**f.as_dict(), "check": name} for name, f in self.entries],
            "summary": self.summary(),
        }


def line_of(finding):
    """One finding as `path:line: error|warning: message`."""
    where = finding.location()
    head = f"{where}: " if where else ""
    return f"{head}{finding.severity}: {finding.message}"


def _count(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def init_app(app):
    for name, fn in BUILTIN.items():
        register(app, name, fn)


def register(app, name, fn):
    """Add ``fn(source) -> [KioskError]`` to this kiosk's checker under ``name``."""
    app.extensions.setdefault("checks", {})[name] = fn


def registered(app):
    return dict(app.extensions.get("checks") or BUILTIN)


def run(source, checks=None):
    """Run every check (the built-in ones unless given) on ``source``; returns a Report."""
    entries, seen = [], set()
    for name, fn in (checks or BUILTIN).items():
        try:
            found = list(fn(source))
        except KioskError as exc:  # a check may stop at a file it cannot read at all
            found = [exc]
        except Exception as exc:  # a bug in one check must not hide what the others found
            log.exception("the %r check failed", name)
            found = [KioskError(f"the {name!r} check failed unexpectedly: {exc!r}; "
                                f"please report this to the kiosk's developers")]
        for finding in found:
            key = (str(finding.path), finding.line, finding.severity, finding.message)
            if key not in seen:  # two checks may meet the same problem from two sides
                seen.add(key)
                entries.append((name, finding))
    stamps = source.library.shelf.stamps
    lessons = sum(1 for path in stamps if path.endswith(".md"))
    report = Report(entries, lessons, len(source.quizbook.shelf.stamps))
    report.source = source  # what was checked, parsed: the web editor previews from it
    return report


def run_for_app(app, drafts=None, reload=True):
    """The running kiosk's checker on its own folders (and any drafts)."""
    return run(Source.for_app(app, drafts, reload), registered(app))
