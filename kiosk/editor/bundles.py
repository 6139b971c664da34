"""Content bundles: the content and quiz folders in one zip, carried to a kiosk on a USB stick.

Import checks everything (each entry's path, sizes, the manifest's hashes, the checker) before
it changes anything, swaps the folders by renaming, and keeps the replaced ones for rollback.
"""

import datetime as dt
import hashlib
import json
import re
import secrets
import shutil
import stat
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import KioskError
from ..files import atomic_output

FORMAT = "kios-waspada-content-bundle"
VERSION = 1
MANIFEST = "manifest.json"
AREAS = ("content", "quizzes")
STORED = {".png", ".jpg", ".jpeg", ".webp", ".gif", ".ogg", ".mp3", ".m4a"}  # compressed
CHUNK = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


class BundleError(KioskError):
    """A bundle that is refused, or an import that cannot go ahead; nothing was changed."""


@dataclass(frozen=True)
class Limits:
    """What an import accepts; export refuses what an import would refuse, with the same
    numbers, so a bundle the kiosk writes is one a kiosk with its settings reads. The
    manifest is not one of the files counted."""

    files: int = 20_000
    file_bytes: int = 10 * 1024 * 1024
    total_bytes: int = 200 * 1024 * 1024

    def refuse_export(self, entries, name):
        """Raise BundleError unless ``entries`` [(name, path)] fit in an import."""
        def refuse(problem, setting):
            raise BundleError(f"{name} was not written: {problem} (setting {setting})")

        if len(entries) > self.files:
            refuse(f"it would hold {len(entries)} files, and a kiosk imports at most "
                   f"{self.files}", "BUNDLE_MAX_FILES")
        total = 0
        for entry, path in entries:
            size = path.stat().st_size
            if size > self.file_bytes:
                refuse(f"{entry} is {_mb(size)}, and a kiosk imports files of at most "
                       f"{_mb(self.file_bytes)}", "BUNDLE_MAX_FILE_BYTES")
            total += size
        if total > self.total_bytes:
            refuse(f"its files come to {_mb(total)}, and a kiosk imports at most "
                   f"{_mb(self.total_bytes)}", "BUNDLE_MAX_TOTAL_BYTES")


@dataclass
class Folders:
    """Where the live content and quizzes are, and where the replaced ones are kept."""

    content: Path
    quizzes: Path
    backup: Path  # DATA_DIR/content-backup

    def live(self, area):
        return Path(self.content if area == "content" else self.quizzes)

    def refuse_nested(self):
        a, b = self.content.resolve(), self.quizzes.resolve()
        if a == b or a.is_relative_to(b) or b.is_relative_to(a):
            raise BundleError(f"Config values 'CONTENT_DIR' ({a}) and 'QUIZ_DIR' ({b}) are "
                              f"inside one another; bundles need two separate folders")


# -- export ------------------------------------------------------------------------------


def _collect(root, area):
    """(name in the bundle, path) of every plain file under ``root``; hidden ones left out."""
    root = Path(root)
    if not root.is_dir():
        return []
    found = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root)
        if any(part.startswith(".") for part in rel.parts) or path.is_symlink():
            continue  # editor debris, temp files, and links that could point anywhere
        if path.is_file():
            found.append((f"{area}/{rel.as_posix()}", path))
    return found


def export_bundle(target, folders, kiosk_name="", now=None, limits=Limits()):
    """Write every content and quiz file with a manifest of hashes; returns the manifest."""
    folders.refuse_nested()
    entries = _collect(folders.content, "content") + _collect(folders.quizzes, "quizzes")
    limits.refuse_export(entries, Path(target).name)
    now = now or dt.datetime.now(dt.UTC)
    listed = []
    with atomic_output(target) as fh, zipfile.ZipFile(fh, "w") as zf:
        for name, path in entries:
            digest, size = hashlib.sha256(), 0
            method = zipfile.ZIP_STORED if path.suffix.lower() in STORED else zipfile.ZIP_DEFLATED
            info = zipfile.ZipInfo(name, date_time=_zip_time(path))
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = method
            with open(path, "rb") as src, zf.open(info, "w") as out:
                while chunk := src.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                    out.write(chunk)
            listed.append({"path": name, "size": size, "sha256": digest.hexdigest()})
        manifest = {"format": FORMAT, "version": VERSION,
                    "created": now.isoformat(timespec="seconds"), "kiosk": kiosk_name,
                    "areas": list(AREAS), "files": listed}
        zf.writestr(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False) + "\n")
    return manifest


def _zip_time(path):
    stamp = dt.datetime.fromtimestamp(path.stat().st_mtime)
    return max(stamp, dt.datetime(1980, 1, 1)).timetuple()[:6]


# -- reading a bundle --------------------------------------------------------------------


def _entry_problem(info):
    """Why an entry may not be unpacked, or None: it must stay inside its folder."""
    name = info.filename
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        return "is a link; a bundle holds only plain files"
    if stat.S_IFMT(mode) and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        return "is not a plain file"
    if info.flag_bits & 0x1:
        return "is encrypted"
    if "\\" in name or "\x00" in name:
        return "has a '\\' or NUL in its name; a bundle uses '/' between folders"
    if name.startswith("/") or _DRIVE.match(name):
        return "is an absolute path; entries must be inside 'content/' or 'quizzes/'"
    parts = name.rstrip("/").split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "leaves its folder ('..' or an empty part in the path)"
    if any(part.startswith(".") for part in parts):
        return "is a hidden file; a bundle made by `kiosk content export` has none"
    if name != MANIFEST and parts[0] not in AREAS:
        return "is outside 'content/' and 'quizzes/'"
    return None


def _plan(zf, name, limits):
    """The bundle's files {entry name: ZipInfo} after every check that needs no unpacking."""
    files, seen, total = {}, {}, 0
    for info in zf.infolist():
        problem = _entry_problem(info)
        if problem:
            raise BundleError(f"entry {info.filename!r} {problem}; nothing was changed", name)
        if info.is_dir():
            continue
        folded = info.filename.casefold()
        if folded in seen:
            raise BundleError(f"entry {info.filename!r} is in the bundle twice (or differs "
                              f"from {seen[folded]!r} only in upper/lower case); nothing "
                              f"was changed", name)
        seen[folded] = info.filename
        files[info.filename] = info
        if info.file_size > limits.file_bytes:
            raise BundleError(f"entry {info.filename!r} is {_mb(info.file_size)}; a file may "
                              f"be at most {_mb(limits.file_bytes)}; nothing was changed", name)
        if info.filename == MANIFEST:
            continue  # the files the manifest lists are what the limits count
        if len(files) - (MANIFEST in files) > limits.files:
            raise BundleError(f"has more than {limits.files} files; nothing was changed", name)
        total += info.file_size
        if total > limits.total_bytes:
            raise BundleError(f"unpacks to more than {_mb(limits.total_bytes)}; nothing was "
                              f"changed", name)
    return files


def _mb(n):
    if n < 1024:
        return f"{n} bytes"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def _manifest(zf, files, name):
    info = files.pop(MANIFEST, None)
    if info is None:
        raise BundleError("has no manifest.json; make bundles with `kiosk content export`; "
                          "nothing was changed", name)
    try:
        data = json.loads(zf.read(info).decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BundleError(f"manifest.json cannot be read: {exc}; nothing was changed",
                          name) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BundleError("manifest.json is not a Kios Waspada content bundle's; nothing was "
                          "changed", name)
    if data.get("version") != VERSION:
        raise BundleError(f"manifest.json has version {data.get('version')!r}; this kiosk "
                          f"reads version {VERSION}; nothing was changed", name)
    listed = {}
    for item in data.get("files") or []:
        if (not isinstance(item, dict) or not isinstance(item.get("path"), str)
                or not re.fullmatch(r"[0-9a-f]{64}", str(item.get("sha256")))
                or not isinstance(item.get("size"), int)):
            raise BundleError(f"manifest.json has an entry that is not path, size and "
                              f"sha256: {item!r}; nothing was changed", name)
        listed[item["path"]] = item
    for entry in files:
        if entry not in listed:
            raise BundleError(f"entry {entry!r} is not in manifest.json; nothing was changed",
                              name)
    for entry in listed:
        if entry not in files:
            raise BundleError(f"manifest.json lists {entry!r}, which is not in the bundle; "
                              f"nothing was changed", name)
    areas = data.get("areas", list(AREAS))
    if not isinstance(areas, list) or "content" not in areas or not set(areas) <= set(AREAS):
        raise BundleError(f"manifest.json 'areas' must be {list(AREAS)}; nothing was changed",
                          name)
    return data, listed


def _unpack(zf, info, target, expected, limits, name):
    """Copy one entry to ``target`` while hashing it; the bytes must be the manifest's."""
    digest, size = hashlib.sha256(), 0
    with zf.open(info) as src, open(target, "wb") as out:
        while chunk := src.read(CHUNK):
            size += len(chunk)
            if size > min(limits.file_bytes, info.file_size):
                raise BundleError(f"entry {info.filename!r} is bigger than the zip says; "
                                  f"nothing was changed", name)
            digest.update(chunk)
            out.write(chunk)
    if size != expected["size"] or digest.hexdigest() != expected["sha256"]:
        raise BundleError(f"entry {info.filename!r} does not match its SHA-256 in "
                          f"manifest.json: the bundle is damaged or was changed after export; "
                          f"nothing was changed", name)


class Staging:
    """New folders unpacked next to the live ones (same disk, so a rename swaps them)."""

    def __init__(self, folders, areas):
        self.token = secrets.token_hex(4)
        self.roots, self.folders = {}, {}
        self.manifest = None
        try:
            for area in areas:
                live = folders.live(area)
                root = live.parent / f".{live.name}.bundle-{self.token}"
                self.roots[area] = root
                # Named like the live folder, so the checker's messages say 'content/id/…'.
                self.folders[area] = root / live.name
                self.folders[area].mkdir(parents=True)
        except OSError as exc:
            self.cleanup()
            raise BundleError(f"cannot prepare a folder next to the live ones ({exc}); "
                              f"nothing was changed") from None

    def cleanup(self):
        for root in self.roots.values():
            shutil.rmtree(root, ignore_errors=True)


def unpack_bundle(bundle, folders, limits):
    """Check a bundle and unpack it into a Staging; raises BundleError and leaves nothing."""
    name = Path(bundle).name
    folders.refuse_nested()
    try:
        zf = zipfile.ZipFile(bundle)
    except (zipfile.BadZipFile, OSError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "not a zip file"
        raise BundleError(f"cannot be opened: {reason}; nothing was changed", name) from None
    with zf:
        files = _plan(zf, name, limits)
        data, listed = _manifest(zf, files, name)
        staging = Staging(folders, data.get("areas", AREAS))
        try:
            for entry, info in files.items():
                area, _, rel = entry.partition("/")
                if area not in staging.folders:
                    raise BundleError(f"entry {entry!r} is in an area manifest.json does not "
                                      f"list; nothing was changed", name)
                root = staging.folders[area]
                target = root.joinpath(*PurePosixPath(rel).parts)
                if not target.resolve().is_relative_to(root.resolve()):
                    raise BundleError(f"entry {entry!r} leaves its folder; nothing was "
                                      f"changed", name)
                target.parent.mkdir(parents=True, exist_ok=True)
                _unpack(zf, info, target, listed[entry], limits, name)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            staging.cleanup()
            raise BundleError(f"entry {entry!r} is damaged ({exc}); copy the bundle again; "
                              f"nothing was changed", name) from None
        except OSError as exc:
            staging.cleanup()
            raise BundleError(f"cannot be unpacked next to the live folders: {exc}; nothing "
                              f"was changed", name) from None
        except BaseException:
            staging.cleanup()
            raise
    staging.manifest = data
    return staging


# -- the backup (swapping is in swap.py) -----------------------------------------------


def backup_info(folders):
    try:
        return json.loads((folders.backup / "info.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def stage_backup(folders):
    """The kept folders, copied next to the live ones so a rename can swap them back."""
    info = backup_info(folders)
    if info is None:
        raise BundleError("there is no earlier content to go back to: nothing was imported "
                          "on this kiosk yet (or the backup in DATA_DIR/content-backup is gone)")
    areas = list(info.get("present", {}))
    staging = Staging(folders, areas)
    try:
        for area in areas:
            if info["present"][area]:
                staging.folders[area].rmdir()
                shutil.copytree(folders.backup / area, staging.folders[area], symlinks=True)
    except OSError as exc:
        staging.cleanup()
        raise BundleError(f"the earlier content cannot be copied back: {exc}; nothing was "
                          f"changed") from None
    staging.manifest = info
    return staging
