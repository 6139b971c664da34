"""What a setting's value must be: each kind says what it expects and whether it accepts a value.

Kept apart from the settings table in kiosk/settings.py, which names a kind for each setting.
"""

import ipaddress
import re
from pathlib import Path

PHONE_CHARS = re.compile(r"\+?[0-9 ().-]+")


class Whole:
    """A whole number (never True/False, which Python counts as 1 and 0)."""

    def __init__(self, least=0, unit="", note=None):
        self.least, self.unit = least, unit
        self.note = note or f"at least {least}"

    def expected(self, cfg):
        unit = f" of {self.unit}" if self.unit else ""
        return f"a whole number{unit} ({self.note})"

    def accepts(self, value, cfg):
        return not isinstance(value, bool) and isinstance(value, int) and value >= self.least


class Number(Whole):
    """A number of seconds that may have a fraction."""

    def expected(self, cfg):
        return f"a number of {self.unit} ({self.note})"

    def accepts(self, value, cfg):
        return (not isinstance(value, bool) and isinstance(value, int | float)
                and value >= self.least)


class PowerOfTwo(Whole):
    def expected(self, cfg):
        return f"a power of 2 of at least {self.least} ({self.note})"

    def accepts(self, value, cfg):
        return super().accepts(value, cfg) and value & (value - 1) == 0


class Flag:
    def expected(self, cfg):
        return "True or False"

    def accepts(self, value, cfg):
        return isinstance(value, bool)


class Text:
    def expected(self, cfg):
        return "text"

    def accepts(self, value, cfg):
        return isinstance(value, str)


def dialable(text):
    """True for one number a phone can dial: 3 to 20 digits, written with spaces, dashes,
    dots and brackets as people write them, and a leading + for a country code."""
    text = str(text or "").strip()
    digits = sum(ch.isdigit() for ch in text)
    return 3 <= digits <= 20 and PHONE_CHARS.fullmatch(text) is not None


class Phone:
    """A phone number as the office wrote it. Any text starts the kiosk (an office's
    "0361-123456 / 0812-…" from before must never keep it from teaching): only a number a
    phone can dial gets a dial link, the start log warns about the rest, and `kiosk setup`
    asks until it gets one."""

    def expected(self, cfg):
        return ("a phone number: 3 to 20 digits, with only spaces, dashes, dots, brackets "
                "and a leading + between them (or empty)")

    def accepts(self, value, cfg):
        return isinstance(value, str)

    def dialable(self, value):
        return not value.strip() or dialable(value)


class Addresses:
    """Network addresses, as a list of text (``"127.0.0.1"``, ``"::1"``)."""

    def expected(self, cfg):
        return "a list of IP addresses, e.g. ['127.0.0.1', '::1']"

    def accepts(self, value, cfg):
        if not isinstance(value, list):
            return False
        try:
            for address in value:
                ipaddress.ip_address(address)
        except (TypeError, ValueError):
            return False
        return True


class Choice:
    def __init__(self, *options):
        self.options = list(options)

    def expected(self, cfg):
        return f"one of {self.options}"

    def accepts(self, value, cfg):
        return value in self.options


class Folder:
    """A folder; ``existing`` ones must be there already, the others are created."""

    def __init__(self, existing):
        self.existing = existing

    def expected(self, cfg):
        return "a folder" if self.existing else "a folder the kiosk may create"

    def accepts(self, value, cfg):
        return isinstance(value, str | Path) and (not self.existing or Path(value).is_dir())


class Languages:
    def expected(self, cfg):
        return "a list of codes"

    def accepts(self, value, cfg):
        return (isinstance(value, list) and bool(value)
                and all(isinstance(code, str) and code for code in value))


class OneLanguage:
    def expected(self, cfg):
        return f"one of {cfg.get('LANGUAGES')}"

    def accepts(self, value, cfg):
        return isinstance(cfg.get("LANGUAGES"), list) and value in cfg["LANGUAGES"]


class PhoneList:
    """Numbers to call, each with a name and a note per language; with ``optional_number``
    an entry may be a way to get help that has no single number (the embassy abroad)."""

    def __init__(self, optional_number=False):
        self.optional_number = optional_number

    def expected(self, cfg):
        number = "'number': ... (may be left out), " if self.optional_number \
            else "'number': ..., "
        return f"a list of {{{number}'name': {{'id': ...}}, 'note': {{'id': ...}}}}"

    def accepts(self, value, cfg):
        return isinstance(value, list) and all(
            isinstance(row, dict) and self._number(row.get("number"))
            and all(isinstance(row.get(k, {}), dict) for k in ("name", "note"))
            for row in value)

    def _number(self, number):
        return isinstance(number, str) or (self.optional_number and number is None)
