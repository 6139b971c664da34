"""The checker's view of read-aloud: content/ucapan.yaml as the voice reads it, and the
recordings in content/audio/ (a lesson or section that exists, not older than its text).

Each check is ``fn(source) -> [ContentError]``; kiosk.checks runs them with everyone else's.
"""

import difflib
from pathlib import Path

from ..errors import ContentError
from .lexicon import FILE, load_lexicon
from .recordings import FOLDER, SUFFIXES, kind_of, parse_name


def pronunciation(source):
    """content/ucapan.yaml: entries the voice cannot use, each with its line."""
    lexicon = load_lexicon(source.reader, source.content_dir / FILE, source.languages)
    return list(lexicon.problems)


def recordings(source):
    """Recordings that are not sound, name no lesson or section, or are older than the text
    they read (the lesson was changed after it was recorded)."""
    root = source.content_dir / FOLDER
    found = []
    if not root.is_dir():
        return found
    for folder in sorted(p for p in root.iterdir() if p.is_dir()):
        if folder.name not in source.languages:
            found.append(ContentError(
                f"folder {folder.name!r} is not a kiosk language ({', '.join(source.languages)});"
                f" its recordings are not played", source.display(folder), None, "warning"))
            continue
        for path in source.files(folder):
            problem = _recording_problem(source, folder.name, path)
            if problem:
                found.append(ContentError(problem, source.display(path), None, "warning"))
    return found


def _recording_problem(source, lang, path):
    parsed = parse_name(path.name)
    if parsed is None:
        return (f"is not played: a recording is named after its lesson, e.g. "
                f"calo-sponsor-ilegal{SUFFIXES[0]} or calo-sponsor-ilegal#tanda-tanda-calo"
                f"{SUFFIXES[0]} ({', '.join(SUFFIXES)})")
    slug, section, _suffix = parsed
    with open(path, "rb") as fh:
        if kind_of(fh.read(16)) is None:
            return "is not an Ogg, MP3 or M4A sound file; the kiosk cannot play it"
    lesson = source.library.shelf.lessons.get((lang, slug))
    if lesson is None:
        slugs = sorted(s for (code, s) in source.library.shelf.lessons if code == lang)
        guess = difflib.get_close_matches(slug, slugs, n=1)
        return (f"names no lesson: there is no content/{lang}/{slug}.md"
                + (f"; did you mean '{guess[0]}'?" if guess else ""))
    sections = [anchor for anchor, _title in lesson.headings]
    if section is not None and section not in sections:
        guess = difflib.get_close_matches(section, sections, n=1)
        return (f"names no section of {lesson.path}: it has no heading {section!r}"
                + (f"; did you mean '{guess[0]}'?" if guess
                   else f"; sections: {', '.join(sections) or 'none'}"))
    lesson_file = source.content_dir / lang / f"{slug}.md"
    try:
        older = path.stat().st_mtime < Path(lesson_file).stat().st_mtime
    except OSError:
        return None
    if older:
        return (f"is older than {lesson.path}, which was changed after it was recorded; "
                f"record it again (or, if the text it reads did not change, save it anew)")
    return None


AUDIO_CHECKS = {"pronunciation": pronunciation, "recordings": recordings}
