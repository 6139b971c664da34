"""The lesson library: every lesson and category read from the content folder.

It notices edited, added and removed files and reloads only those, so edits show up live.
"""

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ContentError
from .lessons import load_front_matter, parse_lesson, read_text, unknown_field_message
from .reader import ContentReader
from .render import LessonRenderer

log = logging.getLogger(__name__)

CATEGORY_FIELDS = ("icon", "name", "description")


@dataclass
class Category:
    id: str
    icon: str
    name: dict
    description: dict
    order: int
    line: int | None = None  # where it starts in categories.yaml

    def text(self, attr, lang):
        values = getattr(self, attr)
        return values.get(lang) or next(iter(values.values()), "")


@dataclass
class Shelf:
    """One consistent view of the content; replaced whole, never changed in place."""

    categories: dict = field(default_factory=dict)
    lessons: dict = field(default_factory=dict)  # (lang, slug) -> Lesson
    problems: list = field(default_factory=list)  # ContentError, errors and warnings
    stamps: dict = field(default_factory=dict)  # path -> (mtime_ns, size, inode)
    ordered: dict = field(default_factory=dict)  # lang -> lessons in reading order (memo)

    @property
    def errors(self):
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self):
        return [p for p in self.problems if p.severity == "warning"]


class Library:
    """The lessons of one content folder.

    The checker builds extra, quiet libraries: ``drafts`` ({path: bytes}) is text an editor
    has not saved yet, read instead of the file; ``base`` is a library whose parsed lessons
    are reused for every file that has not changed, so trying one edit parses one file.
    """

    def __init__(self, content_dir, languages, default_language="id", drafts=None, base=None,
                 quiet=False, reader=None):
        self.root = Path(content_dir)
        self.reader = reader or ContentReader(self.root, drafts=drafts)
        self.languages = list(languages)
        self.default_language = default_language
        self.renderer = LessonRenderer(media_dir=self.root / "media")
        self.quiet = quiet
        self.shelf = base.shelf if base is not None else Shelf()
        self._lock = threading.Lock()
        self.refresh()

    # -- reading the folder -------------------------------------------------

    def display(self, path):
        """How a file is named in messages: 'content/id/visa-ziarah.md'."""
        return self.reader.display(path)

    def _scan(self):
        paths = [self.root / "categories.yaml"]
        for lang in self.languages:
            paths.extend(self.reader.files(self.root / lang, (".md",)))
        return self.reader.stamps(paths)

    def _read(self, path):
        return self.reader.read_bytes(path)

    def refresh(self):
        """Reload what changed on disk; returns the set of (lang, slug) keys that changed."""
        with self._lock:
            old = self.shelf
            stamps = self._scan()
            if stamps == old.stamps:
                return set()
            categories_path = str(self.root / "categories.yaml")
            reload_all = stamps.get(categories_path) != old.stamps.get(categories_path)
            new = Shelf(stamps=stamps)
            if reload_all:
                new.categories = self._load_categories(new.problems)
            else:
                new.categories = old.categories
                new.problems.extend(p for p in old.problems if p.path == self.display(
                    categories_path))
            previous = {lesson.path: lesson for lesson in old.lessons.values()}
            old_problems = {}
            for problem in old.problems:
                old_problems.setdefault(problem.path, []).append(problem)
            for path, stamp in sorted(stamps.items()):
                if path == categories_path:
                    continue
                where = self.display(path)
                keep = not reload_all and old.stamps.get(path) == stamp
                if keep and where in previous:
                    lesson = previous[where]
                    new.lessons[(lesson.lang, lesson.slug)] = lesson
                    new.problems.extend(old_problems.get(where, []))
                    continue
                if keep and where in old_problems:
                    new.problems.extend(old_problems[where])
                    continue
                lesson = self._load_lesson(Path(path), stamp, new.categories, new.problems)
                if lesson is not None:
                    new.lessons[(lesson.lang, lesson.slug)] = lesson
            changed = {
                key for key in set(old.lessons) | set(new.lessons)
                if old.lessons.get(key) is not new.lessons.get(key)
            }
            self.shelf = new
        for problem in [] if self.quiet else new.problems:
            if problem not in old.problems:
                log.log(logging.ERROR if problem.severity == "error" else logging.WARNING,
                        "%s", problem)
        return changed

    def _load_lesson(self, path, stamp, categories, problems):
        where = self.display(path)
        try:
            raw = self._read(path)
            lesson = parse_lesson(raw, where, path.stem, path.parent.name, categories)
            outline = {}
            lesson.html, lesson.headings, found = self.renderer.render(
                lesson.body, lesson.lang, lesson.body_line, outline
            )
        except ContentError as exc:
            problems.append(exc)
            return None
        except OSError as exc:
            problems.append(ContentError(f"cannot be read: {exc.strerror}", where))
            return None
        except (ValueError, RecursionError) as exc:
            # Whatever a file holds costs its own lesson, never a page: it is left out.
            problems.append(ContentError(f"cannot be shown ({type(exc).__name__}: {exc}); "
                                         f"remove what was changed last", where))
            return None
        lesson.stamp = stamp
        lesson.links, lesson.anchors = outline["links"], outline["anchors"]
        lesson.capitals, lesson.blocks = outline["capitals"], outline["blocks"]
        lesson.waspada = outline["waspada"]
        problems.extend(ContentError(msg, where, line, "warning") for line, msg in found)
        if lesson.image and not (self.root / "media" / lesson.image).is_file():
            problems.append(ContentError(
                f"image media/{lesson.image} does not exist in the media folder", where,
                lesson.lines.get("image"), "warning"))
            lesson.image = None
        return lesson

    def _load_categories(self, problems):
        path = self.root / "categories.yaml"
        where = self.display(path)
        try:
            text = read_text(self._read(path), where)
            data, lines = load_front_matter(text, where, first_line=1, what="category",
                                            duplicates=problems)
        except ContentError as exc:
            problems.append(exc)
            return {}
        except OSError:
            problems.append(ContentError("is missing; every lesson needs a category", where))
            return {}
        categories = {}
        for order, (cat_id, entry) in enumerate(data.items()):
            line = lines.get(cat_id)
            try:
                categories[cat_id] = self._category(cat_id, entry, order, where, line)
            except ContentError as exc:
                problems.append(exc)
        return categories

    def _category(self, cat_id, entry, order, where, line):
        if not isinstance(entry, dict):
            raise ContentError(f"category {cat_id!r} must have icon, name and description",
                               where, line)
        for name in entry:
            if name not in CATEGORY_FIELDS:
                raise ContentError(f"category {cat_id!r}: "
                                   + unknown_field_message(name, CATEGORY_FIELDS), where, line)
        texts = {}
        for name in ("name", "description"):
            value = entry.get(name)
            if not isinstance(value, dict) or self.default_language not in value:
                raise ContentError(
                    f"category {cat_id!r}: {name!r} needs a text per language, "
                    f"at least '{self.default_language}: …'",
                    where, line)
            texts[name] = {str(k): str(v) for k, v in value.items()}
        return Category(cat_id, str(entry.get("icon") or "book"), texts["name"],
                        texts["description"], order, line)

    # -- questions pages ask -----------------------------------------------

    def lesson(self, slug, lang):
        """The lesson in ``lang``, else in the default language; (lesson, is_fallback)."""
        shelf = self.shelf
        found = shelf.lessons.get((lang, slug))
        if found is not None:
            return found, False
        fallback = shelf.lessons.get((self.default_language, slug))
        return fallback, fallback is not None

    def slugs(self):
        return sorted({slug for _, slug in self.shelf.lessons})

    def lessons(self, lang):
        """Every lesson in ``lang`` (falling back per slug), in category and reading order."""
        shelf = self.shelf
        memo = shelf.ordered.get(lang)
        if memo is None:
            # Sorted once per shelf: every lesson page asks for it twice.
            order = {cat_id: cat.order for cat_id, cat in shelf.categories.items()}
            slugs = sorted({slug for _, slug in shelf.lessons})
            found = [shelf.lessons.get((lang, s)) or shelf.lessons[(self.default_language, s)]
                     for s in slugs if (lang, s) in shelf.lessons
                     or (self.default_language, s) in shelf.lessons]
            memo = sorted(found, key=lambda ls: (order.get(ls.category, 99), ls.order, ls.title))
            shelf.ordered[lang] = memo
        return list(memo)

    def in_category(self, category, lang):
        return [ls for ls in self.lessons(lang) if ls.category == category]

    def neighbours(self, lesson, lang):
        """The lessons before and after this one in its category (None at the ends)."""
        row = self.in_category(lesson.category, lang)
        slugs = [ls.slug for ls in row]
        i = slugs.index(lesson.slug) if lesson.slug in slugs else -1
        before = row[i - 1] if i > 0 else None
        after = row[i + 1] if 0 <= i < len(row) - 1 else None
        return before, after

    def related(self, lesson, lang, limit=3):
        """Lessons sharing the most tags with this one, the same category breaking ties."""
        tags = {t.lower() for t in lesson.tags}
        scored = []
        for other in self.lessons(lang):
            if other.slug == lesson.slug:
                continue
            shared = len(tags & {t.lower() for t in other.tags})
            if shared:
                scored.append((-shared, other.category != lesson.category, other.order, other))
        scored.sort(key=lambda row: row[:3])
        return [row[3] for row in scored[:limit]]

    def unreviewed(self):
        """Lesson files no officer has reviewed yet (no 'reviewed:' date), by file name."""
        return sorted((ls for ls in self.shelf.lessons.values() if ls.reviewed is None),
                      key=lambda ls: ls.path)

    def counts(self):
        counts = {lang: 0 for lang in self.languages}
        for lang, _ in self.shelf.lessons:
            counts[lang] = counts.get(lang, 0) + 1
        return counts


