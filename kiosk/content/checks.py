"""The checker's view of lessons, categories and media: what the library finds while loading,
and what only shows across files (links, translations, duplicates, files the kiosk ignores).

Each check is ``fn(source) -> [ContentError]``; kiosk.checks runs them with everyone else's.
"""

import difflib
import re
from pathlib import Path

from ..errors import ContentError
from .glossary import FILE as GLOSSARY_FILE
from .media import kind_of
from .render import leaves_the_kiosk, lesson_target
from .take_home import editor_text_problem

LANGUAGE_NAMES = {"id": "Indonesian", "en": "English"}
MEDIA_WARN_BYTES = 2 * 1024 * 1024
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")
NOT_REVIEWED = "not reviewed yet; an officer checks it, then writes 'reviewed: YYYY-MM-DD'"


def _categories_file(source):
    return source.library.display(source.library.root / "categories.yaml")


def lessons(source):
    """Every problem found while loading lesson files, as the running kiosk finds it."""
    categories = _categories_file(source)
    return [p for p in source.library.shelf.problems if p.path != categories]


def categories(source):
    """categories.yaml as loaded, and topics that would show an empty or iconless tile."""
    library = source.library
    where = _categories_file(source)
    found = [p for p in library.shelf.problems if p.path == where]
    used = {lesson.category for lesson in library.shelf.lessons.values()}
    icons = sorted(p.stem for p in source.icons_dir.glob("*.svg"))
    for cat in library.shelf.categories.values():
        if cat.id not in used:
            found.append(ContentError(f"category {cat.id!r} has no lessons; its tile on the "
                                      f"home screen is empty", where, cat.line, "warning"))
        if icons and cat.icon not in icons:
            found.append(ContentError(
                f"category {cat.id!r}: icon {cat.icon!r} does not exist"
                + (_did_you_mean(cat.icon, icons) or f"; icons: {', '.join(icons)}"),
                where, cat.line, "warning"))
    return found


def media(source):
    """Files in media/ a browser cannot show, or so big they slow the kiosk down."""
    found = []
    folder = source.content_dir / "media"
    for path in source.files(folder):
        where = source.display(path)
        if kind_of(_head(path)) is None:
            found.append(ContentError("is not a PNG, JPEG or WebP picture; the kiosk cannot "
                                      "show it", where, None, "warning"))
            continue
        size = path.stat().st_size
        if size > MEDIA_WARN_BYTES:
            found.append(ContentError(
                f"is {size / 1024 / 1024:.1f} MB; a picture over 2 MB makes the kiosk slow, "
                f"save it smaller", where, None, "warning"))
    return found


def _head(path):
    with open(path, "rb") as fh:
        return fh.read(512)


def links(source):
    """Links between lessons: every 'slug.md' must be a lesson, every '#anchor' a heading."""
    library = source.library
    shelf = library.shelf
    # Files on disk, not parsed lessons: a link to a broken lesson is that lesson's problem.
    slugs = {Path(path).stem for path in shelf.stamps if path.endswith(".md")}
    quizzes = set(source.quizbook.shelf.quizzes) | _quiz_files(source)
    found = []
    for lesson in shelf.lessons.values():
        for line, href in lesson.links:
            problem = _link_problem(href, lesson, library, slugs, quizzes, source)
            if problem:
                message, severity = problem
                found.append(ContentError(message, lesson.path, line, severity))
    return found


def _quiz_files(source):
    return {p.stem for p in source.files(source.quiz_dir, (".yaml", ".yml"))}


def _link_problem(href, lesson, library, slugs, quizzes, source):
    if leaves_the_kiosk(href):
        return (f"link to {href!r} leads out of the kiosk ('//' starts an internet address); "
                f"link a lesson by its file name, e.g. [text](cek-agen-resmi.md)", "error")
    if not href or _SCHEME.match(href):
        return None  # an empty link shows as text; the renderer speaks of outside links
    target = lesson_target(href)
    if target is None and href.startswith("/pelajaran/"):
        target = tuple(href.removeprefix("/pelajaran/").partition("#")[::2])
    if target is not None:
        slug, anchor = target
        if slug not in slugs:
            return (f"link to {href!r} leads to no lesson"
                    + (_did_you_mean(slug, slugs, ".md") or
                       " (no lesson in the content folder has this file name)"), "error")
        other, _ = library.lesson(slug, lesson.lang)
        if anchor and other is not None and anchor not in other.anchors:
            return (f"link to {href!r}: {other.path} has no heading {anchor!r}"
                    + _headings_hint(anchor, other.anchors), "warning")
        return None
    if href.startswith("#"):
        anchor = href[1:]
        if anchor not in lesson.anchors:
            return (f"link to {href!r}: this lesson has no heading {anchor!r}"
                    + _headings_hint(anchor, lesson.anchors), "warning")
        return None
    if href.startswith("/kuis/"):
        slug = href.removeprefix("/kuis/").strip("/")
        if slug not in quizzes:
            return (f"link to {href!r} leads to no quiz" + _did_you_mean(slug, quizzes),
                    "error")
        return None
    if href.startswith("/"):
        return None  # another page of the kiosk (/lapor, /cek-tawaran): the routes know
    media = href.removeprefix("../").removeprefix("./")
    if media.startswith("media/"):
        if not source.exists(source.content_dir / media):
            return f"link to {href!r}: {media} does not exist in the media folder", "warning"
        return None
    return (f"link to {href!r} leads nowhere in the kiosk; link a lesson by its file name, "
            f"e.g. [text](cek-agen-resmi.md)", "warning")


def _headings_hint(anchor, anchors):
    return _did_you_mean(anchor, anchors) or (f"; headings: {', '.join(anchors)}" if anchors
                                              else "")


def _did_you_mean(name, known, suffix=""):
    guess = difflib.get_close_matches(str(name), sorted(known), n=1)
    return f"; did you mean '{guess[0]}{suffix}'?" if guess else ""


def duplicates(source):
    """Two lessons a villager cannot tell apart: the same title in the same language."""
    groups = {}
    for lesson in sorted(source.library.shelf.lessons.values(), key=lambda ls: ls.path):
        groups.setdefault((lesson.lang, lesson.title.casefold()), []).append(lesson)
    found = []
    for group in groups.values():
        for lesson in group if len(group) > 1 else ():
            others = ", ".join(other.path for other in group if other is not lesson)
            found.append(ContentError(
                f"title {lesson.title!r} is also the title of {others}; give each lesson its "
                f"own title", lesson.path, lesson.lines.get("title"), "warning"))
    return found


def translations(source):
    """A lesson missing in a language, and translations filed under another topic."""
    library = source.library
    shelf = library.shelf
    on_disk = {}
    for path in shelf.stamps:
        path = Path(path)
        if path.suffix == ".md":
            on_disk.setdefault(path.stem, {})[path.parent.name] = path
    found = []
    default = library.default_language
    for slug, files in sorted(on_disk.items()):
        for lang in library.languages:
            if lang in files:
                continue
            name = LANGUAGE_NAMES.get(lang, lang)
            missing = library.display(library.root / lang / f"{slug}.md")
            if lang == default:
                some = files[sorted(files)[0]]
                found.append(ContentError(
                    f"has no {name} version ({missing}); visitors reading {name} do not see "
                    f"this lesson", library.display(some), None, "warning"))
            elif default in files:
                found.append(ContentError(
                    f"has no {name} translation ({missing}); {name} visitors see the "
                    f"{LANGUAGE_NAMES.get(default, default)} lesson instead",
                    library.display(files[default]), None, "warning"))
        original = shelf.lessons.get((default, slug))
        for lang in library.languages:
            other = shelf.lessons.get((lang, slug))
            if original is None or other is None or other is original:
                continue
            if other.category != original.category:
                found.append(ContentError(
                    f"category {other.category!r} differs from {original.category!r} in "
                    f"{original.path}; the lesson would sit under another topic in each "
                    f"language", other.path, other.lines.get("category"), "warning"))
    return found


def stray_files(source):
    """Files that look like content but that the kiosk never reads, e.g. 'calo.md.txt'."""
    library = source.library
    found = []
    for lang in library.languages:
        for path in source.files(library.root / lang):
            if path.suffix != ".md":
                hint = f"; rename it to '{path.name.split('.')[0]}.md'" if ".md" in path.name \
                    else ""
                found.append(ContentError(f"is not read: lesson files end in '.md'{hint}",
                                          source.display(path), None, "warning"))
    if library.root.is_dir():
        for folder in sorted(p for p in library.root.iterdir() if p.is_dir()):
            if (_LANGUAGE_CODE.match(folder.name) and folder.name not in library.languages
                    and any(folder.glob("*.md"))):
                found.append(ContentError(
                    f"folder {folder.name!r} is not a kiosk language "
                    f"({', '.join(library.languages)}); its lessons are not shown",
                    source.display(folder), None, "warning"))
        for path in source.files(library.root, (".md",)):
            found.append(ContentError(
                f"is not read: a lesson belongs in a language folder, e.g. "
                f"{library.display(library.root / library.default_language / path.name)}",
                source.display(path), None, "warning"))
    for path in source.files(source.quiz_dir):
        if path.suffix not in (".yaml", ".yml"):
            hint = f"; rename it to '{path.name.split('.')[0]}.yaml'" if ".yaml" in path.name \
                or ".yml" in path.name else ""
            found.append(ContentError(f"is not read: quiz files end in '.yaml'{hint}",
                                      source.display(path), None, "warning"))
    return found


def glossary(source):
    """content/istilah.yaml as the kiosk reads it: entries it leaves out, and why."""
    return list(source.glossary.problems)


def glossary_words(source):
    """Words in capitals a lesson uses that the glossary does not explain (once per lesson)."""
    known = source.glossary.words
    where = source.display(source.content_dir / GLOSSARY_FILE)
    found = []
    for lesson in sorted(source.library.shelf.lessons.values(), key=lambda ls: ls.path):
        told = set()
        for line, word in lesson.capitals:
            if word not in known and word not in told:
                told.add(word)
                found.append(ContentError(f"{word!r} is not in {where}; add what it means",
                                          lesson.path, line, "warning"))
    return found


def reviewed(source):
    """Lessons no officer has checked yet; villagers are never told, officers are."""
    return [ContentError(NOT_REVIEWED, lesson.path, lesson.lines.get("reviewed") or 1, "warning")
            for lesson in source.library.unreviewed()]


def take_home(source):
    """A lesson's own 'bawa_pulang:' text that would not fit in a QR a phone reads."""
    found = []
    for lesson in sorted(source.library.shelf.lessons.values(), key=lambda ls: ls.path):
        message = editor_text_problem(lesson)
        if message:
            found.append(ContentError(message, lesson.path, lesson.lines.get("bawa_pulang")))
    return found


CONTENT_CHECKS = {
    "lessons": lessons,
    "categories": categories,
    "media": media,
    "links": links,
    "duplicates": duplicates,
    "translations": translations,
    "stray-files": stray_files,
    "glossary": glossary,
    "glossary-words": glossary_words,
    "reviewed": reviewed,
    "take-home": take_home,
}
