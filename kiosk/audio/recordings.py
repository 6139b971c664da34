"""Recordings an officer made: content/audio/<lang>/<slug>.ogg|mp3|m4a reads a whole lesson,
<slug>#<section>.<ext> one section; a human voice replaces the synthetic one there.

Checked by their first bytes (Ogg, MP3, M4A), never by their name alone.
"""

import re
from pathlib import Path

FOLDER = "audio"
SUFFIXES = (".ogg", ".mp3", ".m4a")
TYPES = {".ogg": "audio/ogg", ".mp3": "audio/mpeg", ".m4a": "audio/mp4"}
# <slug>[#<section>]<suffix>, both in the form lesson slugs and heading anchors take
# (content.render.slugify). The one check of a name: what the checker accepts and the
# playlist lists is what /dengar/rekaman serves.
NAME = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)(?:#([a-z0-9]+(?:-[a-z0-9]+)*))?"
                  r"(\.ogg|\.mp3|\.m4a)$")


def kind_of(head):
    """What the first bytes say a sound file is: ogg, mp3, m4a, or None."""
    if head.startswith(b"OggS"):
        return "ogg"
    if head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF
                                   and head[1] & 0xE0 == 0xE0):
        return "mp3"
    if head[4:8] == b"ftyp":
        return "m4a"
    return None


def parse_name(name):
    """(slug, section or None, suffix) of a recording's file name, or None."""
    found = NAME.match(name)
    return (found.group(1), found.group(2), found.group(3)) if found else None


class Recordings:
    """The recordings of one content folder; listed afresh on each look (a few files)."""

    def __init__(self, content_dir):
        self.root = Path(content_dir) / FOLDER
        self._durations = {}

    def folder(self, lang):
        return self.root / lang

    def files(self, lang):
        folder = self.folder(lang)
        if not folder.is_dir():
            return []
        return sorted(p for p in folder.iterdir()
                      if p.is_file() and not p.name.startswith(".") and p.suffix in SUFFIXES)

    def any(self):
        return self.root.is_dir() and any(self.files(p.name) for p in self.root.iterdir()
                                          if p.is_dir())

    def for_lesson(self, lang, slug):
        """{section or None (the whole lesson): file name} of one lesson's recordings."""
        found = {}
        for path in self.files(lang):
            parsed = parse_name(path.name)
            if parsed and parsed[0] == slug:
                found.setdefault(parsed[1], path.name)
        return found

    def path(self, lang, name):
        """An existing recording under content/audio/<lang>/, or None (nothing else)."""
        if not re.fullmatch(r"[a-z]{2,3}", str(lang)) or parse_name(str(name)) is None:
            return None
        path = self.folder(lang) / name
        return path if path.is_file() else None

    def duration(self, path):
        """Seconds of sound in a recording, or None when it cannot be told (M4A)."""
        try:
            stat = Path(path).stat()
        except OSError:
            return None
        mark = (str(path), stat.st_mtime_ns, stat.st_size)
        if mark not in self._durations:
            self._durations = {k: v for k, v in self._durations.items() if k[0] != str(path)}
            self._durations[mark] = _duration(path)
        return self._durations[mark]


def _duration(path):
    try:
        import soundfile
    except (ImportError, OSError):
        return None
    try:
        info = soundfile.info(str(path))
    except (RuntimeError, OSError, ValueError, TypeError):
        return None  # libsndfile reads Ogg and MP3, not M4A
    return round(info.frames / info.samplerate, 3) if info.samplerate else None


class RecordingRefused(ValueError):
    """An upload that is not stored; ``reason`` says why, for the page to explain it."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason


def check_upload(data, max_bytes):
    """The suffix ('.ogg', '.mp3', '.m4a') of the recording in ``data``, by its bytes."""
    if not data:
        raise RecordingRefused("empty", "the file is empty")
    if len(data) > max_bytes:
        raise RecordingRefused("too-big", f"the file has {len(data)} bytes; at most {max_bytes}")
    kind = kind_of(data[:16])
    if kind is None:
        raise RecordingRefused("not-sound", "the file is not an Ogg, MP3 or M4A recording")
    return f".{kind}"


def store(recordings, lang, slug, section, suffix, data):
    """Write the recording atomically as <slug>[#section]<suffix>, replacing one of the same
    lesson or section in another format. Returns its file name."""
    from ..files import atomic_write

    stem = f"{slug}#{section}" if section else slug
    name = f"{stem}{suffix}"
    folder = recordings.folder(lang)
    atomic_write(folder / name, data)
    for other in SUFFIXES:
        if other != suffix:
            (folder / f"{stem}{other}").unlink(missing_ok=True)
    return name
