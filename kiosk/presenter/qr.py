"""QR codes for the closing slide: a phone number as a ``tel:`` link, drawn as inline SVG.

Made here with segno (pure Python, no image library), so nothing is fetched from anywhere.
"""

import re

import segno
from markupsafe import Markup

from ..setting_kinds import dialable

_NOT_DIALLED = re.compile(r"[^0-9]")


def tel_uri(number):
    """'tel:08001000' for '0800-1000', 'tel:+62274123' for '+62 274 123'; None for text that
    is not one number a phone can dial ('0361-123456 / 0812-…' would dial both run together).

    A phone dials digits and a leading +; spaces, dashes, dots and brackets are for reading.
    """
    text = str(number or "").strip()
    if not dialable(text):
        return None
    digits = _NOT_DIALLED.sub("", text)
    return f"tel:{'+' if text.startswith('+') else ''}{digits}"


def qr_svg(data, title):
    """The QR code of ``data`` as an <svg> element that scales to its box (CSS sets the size).

    Always a full QR code, never a Micro QR: phone cameras do not read those. Error
    correction M survives a projector's glare and a phone held at an angle.
    """
    code = segno.make(data, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=4, omitsize=True, title=title, svgclass="qr",
                          lineclass=None, dark="#000")
    # The title names what the code dials, for screen readers.
    return Markup(svg.replace("<svg ", '<svg role="img" ', 1))
