"""Reading the content and quiz folders: which files there are, their stamps, their bytes.

Every part of the kiosk that reads editors' files (lessons, categories, quizzes, presenter
sessions, synonyms, the glossary, the checker) lists, stamps and reads them through here, so
an unsaved draft from the web editor is seen the same way by all of them.
"""

import zlib
from pathlib import Path

import yaml

from ..errors import ContentError

YAML_SUFFIXES = (".yaml", ".yml")
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


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


def parse_yaml(text, where, first_line=1, what="is not valid YAML"):
    """(node, data) of one YAML document: ``first_line + node.start_mark.line`` is where any
    part of it starts, for messages. ``first_line`` is the file line of the text's first.

    libyaml reads it when installed; on an error PyYAML's own parser reads it again, so the
    message is worded the same on every machine. Raises ContentError '<what>: <problem>'
    on the line where the parser stopped (and where the broken part began, if elsewhere).
    """
    try:
        node, data = _compose(FAST_LOADER, text)
    except (yaml.YAMLError, ValueError):
        pass
    else:
        refuse_half_characters(node, where, first_line, ContentError)
        return node, data
    try:
        node, data = _compose(yaml.SafeLoader, text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else first_line
        message = f"{what}: {exc.problem}"
        if exc.context and exc.context_mark and first_line + exc.context_mark.line != line:
            # The parser notices late; point back to where the broken part began.
            message += f" ({exc.context} that starts on line {first_line + exc.context_mark.line})"
        raise ContentError(message, where, line) from None
    except (yaml.YAMLError, ValueError) as exc:
        raise ContentError(f"{what}: {exc}", where, first_line) from None
    refuse_half_characters(node, where, first_line, ContentError)
    return node, data


HALF_CHARACTER = ("text has an escape for half of a character, like '\\ud83d'; write the "
                  "character itself instead, e.g. \U0001f600")


def refuse_half_characters(node, where, first_line, error=ContentError):
    """Raise ``error`` at the first text of the YAML tree that cannot be written as UTF-8.

    A YAML escape may name half of a UTF-16 pair ("\\ud83d\\ude00"): Python keeps it as a
    lone surrogate, and every page showing it would fail to encode.
    """
    seen, todo = set(), [node]
    while todo:  # not recursive: anchors and aliases may make the tree a graph
        node = todo.pop()
        if node is None or id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.ScalarNode):
            try:
                node.value.encode("utf-8")
            except UnicodeEncodeError:
                raise error(HALF_CHARACTER, where, first_line + node.start_mark.line) from None
        elif isinstance(node, yaml.MappingNode):
            todo.extend(part for pair in reversed(node.value) for part in reversed(pair))
        else:
            todo.extend(reversed(node.value))


def _compose(loader_class, text):
    # One parse gives both the node tree (for lines) and the data.
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()
