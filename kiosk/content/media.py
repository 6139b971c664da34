"""Images in content/media: recognised by their bytes, never by their name, and named safely.

The web editor's upload stores through here; the checker uses it to look at every media file.
"""

import hashlib
import struct
from dataclasses import dataclass
from pathlib import Path

from ..files import atomic_write
from .render import slugify

UPLOAD_KINDS = ("png", "jpeg", "webp")
MAX_SIDE = 6000  # pixels; a bigger picture costs a village PC's browser hundreds of MB


@dataclass(frozen=True)
class Image:
    kind: str  # png, jpeg, webp (uploads); gif, svg are only recognised in media/
    width: int | None = None
    height: int | None = None

    @property
    def extension(self):
        return "jpg" if self.kind == "jpeg" else self.kind


class ImageRefused(ValueError):
    """An upload that is not stored; ``reason`` says why, for the page to explain it."""

    def __init__(self, reason, message):
        super().__init__(message)
        self.reason = reason


def kind_of(head):
    """What the first bytes of a file say it is: png, jpeg, webp, gif, svg, or None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:256].lower()
    if start.startswith(b"<svg") or (start.startswith(b"<?xml") and b"<svg" in start):
        return "svg"
    return None


def read_image(data):
    """The PNG, JPEG or WebP picture in ``data`` with its size, or None if it is not one.

    The header must hold together (a PNG's IHDR, a JPEG's frame, a WebP's VP8 chunk): a file
    that only starts like an image is not taken for one.
    """
    kind = kind_of(data[:32])
    reader = {"png": _png_size, "jpeg": _jpeg_size, "webp": _webp_size}.get(kind)
    size = reader(data) if reader else None
    if not size or not all(size):
        return None
    return Image(kind, *size)


def _png_size(data):
    if len(data) < 24 or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def _jpeg_size(data):
    i = 2
    while i + 9 < len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte
            i += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # markers without a length
            i += 2
            continue
        length = struct.unpack(">H", data[i + 2:i + 4])[0]
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):  # a frame header
            height, width = struct.unpack(">HH", data[i + 5:i + 9])
            return width, height
        if marker == 0xDA or length < 2:  # image data began before any frame header
            return None
        i += 2 + length
    return None


def _webp_size(data):
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    return None


def check_upload(data, max_bytes):
    """The picture an editor uploads, or ImageRefused saying why it is not taken."""
    if not data:
        raise ImageRefused("empty", "the file is empty")
    if len(data) > max_bytes:
        raise ImageRefused("too-big", f"the file has {len(data)} bytes; at most {max_bytes}")
    image = read_image(data)
    if image is None or image.kind not in UPLOAD_KINDS:
        raise ImageRefused("not-image", "the file is not a PNG, JPEG or WebP picture")
    if max(image.width, image.height) > MAX_SIDE:
        raise ImageRefused("too-many-pixels", f"the picture is {image.width} × {image.height} "
                                              f"pixels; at most {MAX_SIDE} on a side")
    return image


def safe_name(original, data, image):
    """A file name nothing can abuse: a slug of the given name, a digest, the real type.

    The same picture uploaded twice gets the same name, so it is stored once.
    """
    stem = slugify(Path(str(original or "")).stem)[:40].strip("-")
    if stem == "bagian":  # slugify's answer for a name with no letters at all
        stem = "gambar"
    digest = hashlib.sha256(data).hexdigest()[:10]
    return f"{stem}-{digest}.{image.extension}"


def store(media_dir, name, data):
    """Write the picture to media/ atomically (once: an identical file is left as it is)."""
    path = Path(media_dir) / name
    if not (path.is_file() and path.read_bytes() == data):
        atomic_write(path, data)
    return path
