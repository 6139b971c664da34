"""The quiz book: every quiz and the job-offer checker read from the quizzes folder.

It rereads the folder when a file or the lesson library changes, so edits show up live.
"""

import logging
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..content.reader import YAML_SUFFIXES, ContentReader
from ..errors import QuizError
from .checker import FILE_NAME as CHECKER_FILE
from .checker import parse_checker
from .loader import parse_quiz
from .model import drawn_copy
from .patterns import folder_warnings, quiz_warnings
from .source import did_you_mean

log = logging.getLogger(__name__)


class LessonCatalog:
    """What a quiz may link to: the lessons, their headings per language, the media files."""

    def __init__(self, library):
        self.headings = {}
        for (lang, slug), lesson in library.shelf.lessons.items():
            self.headings.setdefault(slug, {})[lang] = [anchor for anchor, _ in lesson.headings]
        self.paths = {(lang, slug): ls.path for (lang, slug), ls in library.shelf.lessons.items()}
        self.media = library.root / "media"

    def check_lesson(self, slug, findings, prefix, line):
        if not isinstance(slug, str) or slug not in self.headings:
            findings.error(f"{prefix}unknown lesson {slug!r}"
                           + (did_you_mean(slug, self.headings) or
                              " (no lesson in content/ has this file name)"), line)
            return False
        return True

    def check_section(self, slug, section, findings, prefix, line):
        for lang, anchor in section.items():
            known = self.headings.get(slug, {}).get(lang)
            if known is not None and anchor not in known:
                findings.warn(f"{prefix}section {anchor!r} is not a heading of "
                              f"{self.paths[(lang, slug)]}; headings: {', '.join(known)}", line)

    def has_media(self, name):
        return (self.media / name).is_file()


@dataclass
class QuizShelf:
    """One consistent view of the quizzes; replaced whole, never changed in place."""

    quizzes: dict = field(default_factory=dict)  # slug -> Quiz
    checker: object = None
    problems: list = field(default_factory=list)  # QuizError, errors and warnings
    stamps: dict = field(default_factory=dict)  # path -> (mtime_ns, size, inode)
    lessons: object = field(default=None, repr=False)  # the library shelf links were checked on

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self):
        return [p for p in self.problems if p.severity == "warning"]


class QuizBook:
    """The quizzes of one folder; ``drafts`` and ``quiet`` as for the lesson Library."""

    def __init__(self, quiz_dir, library, languages, drafts=None, quiet=False):
        self.root = Path(quiz_dir)
        self.library = library
        self.reader = ContentReader(library.root, self.root,
                                    drafts if drafts is not None else library.reader.drafts)
        self.languages = list(languages)
        self.quiet = quiet
        self.shelf = QuizShelf()
        self._lock = threading.Lock()
        self.refresh()

    def display(self, path):
        """How a file is named in messages: 'quizzes/visa-umrah-ziarah.yaml'."""
        return self.reader.display(path)

    def _scan(self):
        return self.reader.stamps(self.reader.files(self.root, YAML_SUFFIXES))

    def refresh(self):
        """Reread the folder if a file or the lessons changed; returns True if it did."""
        with self._lock:
            lessons = self.library.shelf
            stamps = self._scan()
            old = self.shelf
            if stamps == old.stamps and lessons is old.lessons:
                return False
            new = QuizShelf(stamps=stamps, lessons=lessons)
            catalog = LessonCatalog(self.library)
            for path in sorted(stamps):
                self._load(Path(path), catalog, new)
            self._draw_pools(new)
            new.problems.extend(folder_warnings(new.quizzes.values()))
            self.shelf = new
        seen = {str(p) for p in old.problems}
        for problem in [] if self.quiet else new.problems:
            if str(problem) not in seen:
                log.log(logging.ERROR if problem.severity == "error" else logging.WARNING,
                        "%s", problem)
        return True

    def _load(self, path, catalog, shelf):
        where = self.display(path)
        try:
            raw = self.reader.read_bytes(path)
        except OSError as exc:
            shelf.problems.append(QuizError(f"cannot be read: {exc.strerror}", where))
            return
        if path.name == CHECKER_FILE:
            checker, findings = parse_checker(raw, where, self.languages, catalog)
            shelf.checker = checker
        else:
            quiz, findings = parse_quiz(raw, where, path.stem, self.languages, catalog)
            if quiz is not None and quiz.slug in shelf.quizzes:
                findings.error(f"quiz {quiz.slug!r} is also in "
                               f"{shelf.quizzes[quiz.slug].path}; keep one file")
                quiz = None
            if quiz is not None:
                shelf.quizzes[quiz.slug] = quiz
                findings.problems.extend(quiz_warnings(quiz))
        shelf.problems.extend(findings.problems)

    def _draw_pools(self, shelf):
        """Give each drawn quiz the questions of the quizzes it draws from."""
        broken = {Path(p.path).stem for p in shelf.errors if p.path}
        for slug, quiz in list(shelf.quizzes.items()):
            if not quiz.is_drawn:
                continue
            sources = quiz.draw_from or tuple(
                s for s, q in sorted(shelf.quizzes.items()) if not q.is_drawn)
            pool, failed = [], False
            for source in sources:
                other = shelf.quizzes.get(source)
                if other is None and source in broken:
                    shelf.problems.append(QuizError(
                        f"draws from quiz {source!r}, which has errors and is left out",
                        quiz.path, quiz.line, "warning"))
                elif other is None:
                    shelf.problems.append(QuizError(
                        f"draws from unknown quiz {source!r}"
                        + did_you_mean(source, shelf.quizzes), quiz.path, quiz.line))
                    failed = True
                elif other.is_drawn:
                    shelf.problems.append(QuizError(
                        f"cannot draw from quiz {source!r}, which draws its questions too",
                        quiz.path, quiz.line))
                    failed = True
                else:
                    pool.extend(drawn_copy(q, source) for q in other.questions)
            if not failed and not pool:
                shelf.problems.append(QuizError("has no questions to draw from", quiz.path,
                                             quiz.line))
                failed = True
            if failed:
                del shelf.quizzes[slug]
                continue
            if len(pool) < quiz.draw:
                shelf.problems.append(QuizError(
                    f"draws {quiz.draw} questions but only {len(pool)} are available; "
                    f"each attempt has {len(pool)}", quiz.path, quiz.line, "warning"))
            lessons = tuple(dict.fromkeys(q.lesson for q in pool if q.lesson))
            shelf.quizzes[slug] = replace(quiz, pool=tuple(pool), lessons=lessons)

    # -- questions pages ask -----------------------------------------------

    def quiz(self, slug):
        return self.shelf.quizzes.get(slug)

    def quizzes(self):
        """Drawn quizzes first (they cover everything), then by 'order' and slug."""
        return sorted(self.shelf.quizzes.values(),
                      key=lambda q: (not q.is_drawn, q.order, q.slug))

    def quiz_for_lesson(self, slug):
        """The quiz that tests one lesson: the one named after it, else one that lists it."""
        found = self.shelf.quizzes.get(slug)
        if found is not None and not found.is_drawn:
            return found
        return next((q for q in self.quizzes() if not q.is_drawn and slug in q.lessons), None)

    @property
    def checker(self):
        return self.shelf.checker
