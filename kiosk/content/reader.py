"""Reading the content and quiz folders: which files there are, their stamps, their bytes.

Every part of the kiosk that reads editors' files (lessons, categories, quizzes, presenter
sessions, synonyms, the glossary, the checker) lists, stamps and reads them through here, so
an unsaved draft from the web editor is seen the same way by all of them.
"""

import zlib
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml")


def stamp(path):
    """What changes when a file is saved: (mtime_ns, size, inode), or None if it is gone.

    The inode too: an atomic save (temp file + rename) within one clock tick keeps mtime and
    size but not the inode, and must still count as a change.
    """
    try:
        st = Path(path).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class ContentReader:
    """The files of a content folder and a quiz folder, with ``drafts`` ({path: bytes}) read
    instead of the files they stand for."""

    def __init__(self, content_dir, quiz_dir=None, drafts=None):
        self.content_dir = Path(content_dir)
        self.quiz_dir = Path(quiz_dir) if quiz_dir is not None else None
        self.drafts = {str(Path(path)): raw for path, raw in (drafts or {}).items()}

    def display(self, path):
        """How a file is named in messages: 'content/id/visa-ziarah.md', 'quizzes/calo.yaml'."""
        path = Path(path)
        root = self.content_dir
        if self.quiz_dir is not None and path.is_relative_to(self.quiz_dir):
            root = self.quiz_dir
        try:
            return path.relative_to(root.parent).as_posix()
        except ValueError:
            return str(path)

    def read_bytes(self, path):
        raw = self.drafts.get(str(Path(path)))
        return Path(path).read_bytes() if raw is None else raw

    def exists(self, path):
        return str(Path(path)) in self.drafts or Path(path).is_file()

    def files(self, folder, suffixes=None):
        """The files directly in ``folder`` (drafts included), hidden ones left out, sorted."""
        folder = Path(folder)
        found = set()
        if folder.is_dir():
            found.update(p for p in folder.iterdir() if p.is_file())
        found.update(Path(p) for p in self.drafts if Path(p).parent == folder)
        return sorted(p for p in found if not p.name.startswith(".")
                      and (suffixes is None or p.suffix in suffixes))

    def stamp(self, path):
        """The file's stamp, or a draft's (which changes whenever its text does)."""
        raw = self.drafts.get(str(Path(path)))
        if raw is not None:
            return ("draft", len(raw), zlib.crc32(raw))
        return stamp(path)

    def stamps(self, paths):
        """{str(path): stamp} of the paths that exist (as a file or a draft)."""
        found = {}
        for path in paths:
            mark = self.stamp(path)
            if mark is not None:
                found[str(path)] = mark
        return found
