"""Bawa pulang: the plain text a villager's phone camera reads off a QR on the kiosk's screen.

A lesson's title and its "Waspada jika" points, a checker result, or the Lapor numbers, always
ending with the numbers to call; at most ``MAX_BYTES`` of UTF-8, cut only between words.
"""

import re
from dataclasses import dataclass

from ..office import office_is_set
from ..settings import BY_NAME

# A 500-byte QR at error correction M is version 17 (85 modules): at 300 px or more on the
# kiosk's screen a phone held at arm's length reads it. More bytes, smaller modules.
MAX_BYTES = 500
TOO_LONG = "bawa_pulang is {size} bytes; at most {most} fit in a QR a phone reads from the screen"

# The QR's words are in the lesson's language, not the page's: the text leaves the kiosk.
WORDS = {
    "id": {"numbers": "Minta tolong dan lapor:", "office": "Kantor imigrasi:",
           "report": "Nomor untuk minta tolong dan melapor:"},
    "en": {"numbers": "Get help and report:", "office": "Immigration office:",
           "report": "Numbers to get help and report:"},
}
ELLIPSIS = "…"

# "Waspada jika …", "Be careful if …", "Tanda bahaya: …": the lead words said once, above.
_LEAD = re.compile(r"^(?P<lead>[^.,;!?\"“”]{2,30}?(?:\bjika\b|\bif\b|:))\s+(?P<rest>\S.*)$",
                   re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])")
_BRACKETS = re.compile(r"\s*\([^)]*\)")


@dataclass(frozen=True)
class Contacts:
    """Whom to call, in one language: [(name, number, note)] and the office, if it is set."""

    lang: str
    numbers: tuple
    office: tuple = ()  # (name, phone, address), only once `kiosk setup` has run

    @classmethod
    def from_config(cls, config, lang):
        numbers = []
        for entry in config.get("REPORT_NUMBERS") or ():
            name, note = entry.get("name") or {}, entry.get("note") or {}
            if entry.get("number"):
                numbers.append((name.get(lang) or name.get("id", ""), str(entry["number"]),
                                note.get(lang) or note.get("id", "")))
        office = ()
        if office_is_set(config):
            office = tuple(str(config.get(key) or "").strip()
                           for key in ("OFFICE_NAME", "OFFICE_PHONE", "OFFICE_ADDRESS"))
        return cls(lang, tuple(numbers), office)

    @classmethod
    def default(cls, lang):
        """A kiosk's contacts before `kiosk setup`: what the content checker measures with."""
        config = {name: BY_NAME[name].default for name in
                  ("REPORT_NUMBERS", "OFFICE_NAME", "OFFICE_PHONE", "OFFICE_ADDRESS")}
        return cls.from_config(config, lang)

    def words(self, key):
        return WORDS.get(self.lang, WORDS["id"])[key]

    def short(self):
        """The lines that end every take-home text: the numbers, then the office."""
        numbers = "; ".join(f"{_BRACKETS.sub('', name).strip()} {number}".strip()
                            for name, number, _ in self.numbers)
        lines = [self.words("numbers"), numbers] if numbers else []
        name, phone, _ = self.office or ("", "", "")
        if name or phone:
            lines.append(" ".join(part for part in (name, phone) if part))
        return "\n".join(lines)


def size(text):
    return len(text.encode("utf-8"))


def short_points(points):
    """[(lead or None, point)]: 'Waspada jika orang datang. Ia ...' -> ('Waspada jika',
    'orang datang'): the lead is said once above its points, each point's first sentence."""
    found = []
    for point in points:
        match = _LEAD.match(point)
        lead, rest = (match["lead"].rstrip(":"), match["rest"]) if match else (None, point)
        found.append((lead, _SENTENCE_END.split(rest, maxsplit=1)[0].strip().removesuffix(".")))
    return found


def _fit_points(head, points, tail, budget=MAX_BYTES):
    """head, as many points as fit (in order, a shorter one may take a longer one's place),
    tail; a lead line ('Waspada jika:') is written only above a point that is kept."""
    kept, shown_lead = [], None
    used = size(head) + size(tail) + 2
    for lead, point in points:
        line = f"- {point}"
        new_lead = lead is not None and (shown_lead or "").casefold() != lead.casefold()
        need = size(line) + 1 + (size(lead) + 2 if new_lead else 0)
        if used + need > budget:
            continue
        if new_lead:
            kept.append(f"{lead}:")
        shown_lead = lead
        kept.append(line)
        used += need
    return "\n".join([head, *kept, tail]).strip()


def fit_words(text, budget):
    """``text`` cut to ``budget`` bytes between words, with '…' where it was cut: whole lines
    while they fit, then as many words of the next line as fit."""
    if size(text) <= budget:
        return text
    room = budget - size(ELLIPSIS)
    kept = []
    for line in text.split("\n"):
        joined = "\n".join([*kept, line])
        if size(joined) <= room:
            kept.append(line)
            continue
        words = ""
        for word in line.split():
            longer = f"{words} {word}".strip()
            if size("\n".join([*kept, longer])) > room:
                break
            words = longer
        if words:
            kept.append(words)
        break
    return "\n".join(kept).rstrip(" ,;:") + ELLIPSIS if kept else ""


def _with_tail(body, tail):
    """``body`` shortened so that body + tail fits; the numbers are never the part cut."""
    tail = fit_words(tail, MAX_BYTES)
    room = MAX_BYTES - size(tail) - 1
    body = fit_words(body, room) if room > 0 else ""
    return "\n".join(part for part in (body, tail) if part)


def lesson_text(lesson, contacts):
    """The take-home text of a lesson: its title, its own ``bawa_pulang`` text or its
    '::: waspada' points (else its summary), then the numbers to call."""
    tail = contacts.short()
    if lesson.bawa_pulang:
        return _with_tail(f"{lesson.title}\n{lesson.bawa_pulang}", tail)
    if lesson.waspada:
        text = _fit_points(lesson.title, short_points(lesson.waspada), tail)
        if size(text) <= MAX_BYTES and text.count("\n- "):
            return text
    return _with_tail(f"{lesson.title}\n{lesson.summary}", tail)


def editor_text_problem(lesson):
    """The checker's message when a lesson's ``bawa_pulang`` does not fit, else None.

    Measured as the whole QR text of a kiosk before `kiosk setup` (title and numbers too).
    """
    if not lesson.bawa_pulang:
        return None
    whole = f"{lesson.title}\n{lesson.bawa_pulang}\n{Contacts.default(lesson.lang).short()}"
    own = size(lesson.bawa_pulang)
    if size(whole) <= MAX_BYTES:
        return None
    return TOO_LONG.format(size=own, most=max(0, own - (size(whole) - MAX_BYTES)))


def checker_text(title, level, advice, contacts):
    """A checker result: 'Cek tawaran kerja: <level>', its advice, then the numbers."""
    return _with_tail(f"{title}: {level}\n{advice.strip()}", contacts.short())


def report_text(contacts):
    """The Lapor screen: every number with its note, then the office in full."""
    lines = [contacts.words("report")]
    for name, number, note in contacts.numbers:
        lines.append(f"{name}: {number}" + (f" ({note})" if note else ""))
    name, phone, address = contacts.office or ("", "", "")
    if name or phone:
        lines.append(f"{contacts.words('office')} {name} {phone}".strip())
        if address:
            lines.append(address)
    text = "\n".join(lines)
    if size(text) > MAX_BYTES:  # many numbers: their notes go first
        return fit_words(_with_tail("", contacts.short()), MAX_BYTES)
    return text
