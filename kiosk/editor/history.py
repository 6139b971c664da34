"""Earlier versions of the files saved in the web editor: the last 20 of each, to restore.

Kept in DATA_DIR/history/<file key>/<UTC time>.<ext>, e.g. history/content/id/calo.md/….md.
"""

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_write

VERSION = re.compile(r"^(\d{8}T\d{12}Z)(?:-(\d+))?\.(md|yaml|yml)$")


@dataclass(frozen=True)
class Version:
    name: str
    saved: dt.datetime  # when it was replaced (UTC)
    size: int


class History:
    def __init__(self, root, keep=20, clock=None):
        self.root = Path(root)
        self.keep = keep
        self.clock = clock

    def _folder(self, key):
        # Keys are checked by the editor (area/lang/slug.ext), so they never climb out.
        return self.root.joinpath(*key.split("/"))

    def put(self, key, raw):
        """Keep ``raw``, the version of ``key`` about to be replaced; returns its name."""
        folder = self._folder(key)
        when = dt.datetime.fromtimestamp(self.clock(), dt.UTC)
        stem = when.strftime("%Y%m%dT%H%M%S%fZ")
        ext = key.rsplit(".", 1)[-1]
        name, n = f"{stem}.{ext}", 1
        while (folder / name).exists():  # two saves within the same microsecond
            n += 1
            name = f"{stem}-{n}.{ext}"
        atomic_write(folder / name, raw)
        return name

    def prune(self, key):
        """Forget all but the newest ``keep`` versions (once the save they precede is done)."""
        for old in self._names(key)[self.keep:]:
            (self._folder(key) / old).unlink(missing_ok=True)

    def _names(self, key):
        folder = self._folder(key)
        if not folder.is_dir():
            return []
        found = [p.name for p in folder.iterdir() if VERSION.match(p.name)]
        return sorted(found, key=_order, reverse=True)

    def versions(self, key):
        """The kept versions of ``key``, newest first."""
        found = []
        for name in self._names(key):
            stamp = VERSION.match(name).group(1)
            saved = dt.datetime.strptime(stamp, "%Y%m%dT%H%M%S%fZ").replace(tzinfo=dt.UTC)
            try:
                size = (self._folder(key) / name).stat().st_size
            except OSError:
                continue
            found.append(Version(name, saved, size))
        return found

    def forget(self, key, name):
        if VERSION.match(name):
            (self._folder(key) / name).unlink(missing_ok=True)

    def read(self, key, name):
        """The bytes of one kept version; None if there is no such version."""
        if not isinstance(name, str) or not VERSION.match(name):
            return None
        try:
            return (self._folder(key) / name).read_bytes()
        except OSError:
            return None


def _order(name):
    found = VERSION.match(name)
    return found.group(1), int(found.group(2) or 1)
