"""The content checker's look at content/sessions/*.yaml, with the officer page's messages.

Registered with kiosk.checks so the CLI, start-up and the web editor report it alike.
"""

from pathlib import Path

from ..errors import ContentError
from .sessions import FOLDER, parse_session


def check_sessions(source):
    folder = source.content_dir / FOLDER
    lessons = set(source.library.slugs())
    shelf = source.quizbook.shelf
    quizzes = set(shelf.quizzes)
    broken = {Path(p.path).stem for p in shelf.errors if p.path} - quizzes
    found = []
    for path in source.files(folder, (".yaml", ".yml")):
        where = source.display(path)
        try:
            raw = source.read_bytes(path)
        except OSError as exc:
            found.append(ContentError(f"cannot be read: {exc.strerror}", where))
            continue
        _, findings = parse_session(raw, where, Path(path).stem, source.languages, lessons,
                                    quizzes, broken)
        found.extend(findings.problems)
    return found
