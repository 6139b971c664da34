"""Text as the voice reads it: blocks split into sentences, and each sentence's spoken form
(money, times, ranges, phone numbers, then the pronunciation lexicon) in Bahasa Indonesia or
English.

The split never falls inside 'dll.', 'No. 18', 'Jl. Merdeka', 'Rp2.000.000' or 'U.S.'.
"""

import re

# Words written with a full stop that never end a sentence (compared without the stop,
# case-insensitively): Indonesian and English abbreviations the content uses.
ABBREVIATIONS = frozenset((
    "dg", "dgn", "yg", "tsb", "tgl", "jl", "jln", "rp", "kab", "kec", "kel", "ds", "prov",
    "bpk", "sdr", "sdri", "tn", "ny", "nn", "dr", "drs", "ir", "prof", "hj", "st", "cv", "telp",
    "tel", "maks", "kg", "km", "ca", "sbg", "spt", "krn", "bln", "thn", "mr", "mrs", "ms",
    "vs", "eg", "ie", "approx", "dept", "gov", "inc", "ltd", "jr", "sr", "fig", "vol", "max",
))
# These stand before a number ('No. 18', 'Pasal 5'); 'no.' before a word ends a sentence.
BEFORE_NUMBERS = frozenset(["no", "nomor", "ps", "psl", "pasal", "art", "hal"])
# These end a list, and often the sentence: before a capital they end it ('…, dll. Semua').
LIST_ENDS = frozenset(["dll", "dsb", "dst", "dkk", "etc"])
_END = re.compile(r"""[.!?…]+["'”’)\]]*(?=\s+|$)""")
_WORD_BEFORE = re.compile(r"(\S+?)[.!?…]*[\"'”’)\]]*$")
_NEXT_START = re.compile(r"""\s*["'“‘(\[]*(\S)""")


def split(text):
    """The sentences of ``text`` in order, whitespace tidied; an empty text has none."""
    text = " ".join(str(text or "").split())
    sentences, start = [], 0
    for end in _END.finditer(text):
        if _continues(text, start, end):
            continue
        sentence = text[start:end.end()].strip()
        if sentence:
            sentences.append(sentence)
        start = end.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return sentences


def _continues(text, start, end):
    """True when the stop at ``end`` is part of a word, not the end of a sentence."""
    mark = end.group(0)
    if not mark.startswith("."):
        return False  # '!', '?' and '…' always end one
    word = _WORD_BEFORE.search(text[start:end.start() + 1])
    before = (word.group(1) if word else "").lstrip("\"'“‘([")
    bare = before.rstrip(".").lower()
    if "." in before.rstrip("."):  # 'U.S.', 'a.n.', 'e.g.': letters with stops between
        return True
    following = _NEXT_START.match(text, end.end())
    if bare in LIST_ENDS:
        return bool(following) and not following.group(1).isupper()
    if bare in BEFORE_NUMBERS:
        return bool(following) and following.group(1).isdigit()
    if bare in ABBREVIATIONS:
        return True
    if len(bare) == 1 and bare.isalpha() and before[:1].isupper():
        return True  # an initial: 'A. Rahman'
    # A sentence starts with a capital, a digit or a bracket; 'dst. dan' runs on.
    return bool(following) and following.group(1).islower()


# -- spoken forms -------------------------------------------------------------------------

DIGITS = {
    "id": ["nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"],
    "en": ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
}
PLUS = {"id": "plus", "en": "plus"}
COMMA = {"id": "koma", "en": "point"}
CURRENCY = {"id": "rupiah", "en": "rupiah"}
SCALES = {"ribu", "juta", "miliar", "triliun", "thousand", "million", "billion", "trillion"}

# Rp2.000.000 / Rp 2,5 juta / Rp500 ribu / IDR 2 million
# (an amount 'Rp30' or a range 'Rp30–50', then its scale): both amounts said before 'rupiah'.
_AMOUNT = r"(\d{1,3}(?:[.,]\d{3})+|\d+)(?:[.,](\d{1,2}))?"
_MONEY = re.compile(r"(?<!\w)(?:Rp\.?|IDR)\s?" + _AMOUNT + r"(?:\s?[-–]\s?" + _AMOUNT + r")?"
                    r"(?:\s?(ribu|juta|miliar|triliun|thousand|million|billion|trillion)\b)?")
# A phone number: starts with 0 or + (spaces, dashes and brackets between its groups), or
# three groups with dashes ('021-2924-4800'); '2017-2018' is a range, not a number.
_PHONE = re.compile(r"(?<![\w.,])(?:\+\d[\d ()-]*\d|\(?0\d[\d ()-]*\d|\d+-\d+(?:-\d+)+)"
                    r"(?!\w|[.,]\d)")
# Thousands written with dots (Indonesian) or commas (English): 2.000.000, 2,000,000.
_THOUSANDS = {"id": re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+)(?![\d]|[.,]\d)"),
              "en": re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+)(?![\d]|[.,]\d)")}
_DECIMAL = {"id": re.compile(r"(?<![\d.,])(\d+),(\d+)(?![\d]|[.,]\d)"),
            "en": re.compile(r"(?<![\d.,])(\d+)\.(\d+)(?![\d]|[.,]\d)")}
# A time of day: 08.00, 14:30 (English: 08.00 and 8:00; '1.50' is a number there), maybe
# after 'pukul'/'jam'/'at'. Never inside a reference like 'IMI-0277.GR.02.06/2017'.
_TIME = {lang: re.compile(r"(?<![\w.,:/-])(?:(?i:(pukul|jam|pk\.|at))\s)?"
                          + hour + r"([0-5]\d)(?![\w/]|[.,:]\d)")
         for lang, hour in (("id", r"([01]?\d|2[0-3])[.:]"),
                            ("en", r"(?:([01]\d|2[0-3])\.|([01]?\d|2[0-3]):)"))}
CLOCK = {"id": "pukul", "en": ""}
# Ranges of years and small counts ('2017-2018', '10-15 orang'); longer groups with a dash
# may be a phone number.
_RANGE = re.compile(r"(?<![\w.,/-])((?:19|20)\d\d|[1-9]\d{0,2})\s?[-–]\s?"
                    r"((?:19|20)\d\d|[1-9]\d{0,2})(?![\w/-]|[.,]\d)")
UNTIL = {"id": "sampai", "en": "to"}
_DASH = re.compile(r"(?<=\d)\s?–\s?(?=\d)")  # an en dash between numbers: a range
ZONES = {
    "id": {"WIB": "waktu Indonesia barat", "WITA": "waktu Indonesia tengah",
           "WIT": "waktu Indonesia timur"},
    "en": {"WIB": "Western Indonesia Time", "WITA": "Central Indonesia Time",
           "WIT": "Eastern Indonesia Time"},
}
_ZONE = re.compile(r"(?<!\w)(WIB|WITA|WIT)(?!\w)")


def digits(number, lang):
    """'0800-1000' said digit by digit, with a short pause between the groups."""
    words = DIGITS.get(lang, DIGITS["en"])
    groups = []
    for group in re.split(r"[\s().-]+", number.strip()):
        said = [PLUS.get(lang, "plus") if ch == "+" else words[int(ch)]
                for ch in group if ch.isdigit() or ch == "+"]
        if said:
            groups.append(" ".join(said))
    return ", ".join(groups)


def is_phone(text):
    """True for what the reader says digit by digit: dashes between groups, a leading 0 or +."""
    found = _PHONE.fullmatch(text.strip())
    return bool(found) and sum(ch.isdigit() for ch in text) >= 5


def _money(found, lang):
    whole, cents, upto, upto_cents, scale = found.groups()
    said = _amount(whole, cents, lang)
    if upto:  # 'Rp30–50 juta': '30 sampai 50 juta rupiah', not '30 rupiah–50 juta'
        said += f" {UNTIL.get(lang, 'to')} {_amount(upto, upto_cents, lang)}"
    if scale:
        said += f" {scale}"
    return f"{said} {CURRENCY.get(lang, 'rupiah')}"


def _amount(whole, cents, lang):
    said = re.sub(r"[.,]", "", whole) if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", whole) \
        else whole
    if cents and int(cents):  # 'Rp2.500.000,00': nobody says the zero cents
        said += f" {COMMA.get(lang, 'point')} {' '.join(cents)}"
    return said


def _time(found, lang):
    """'08.00' as 'pukul 8' (eSpeak says 'pukul delapan'), '14.30' as 'pukul 14 30',
    '8.05' as 'pukul 8 lewat 5'; English '8 o'clock', '2 30', '8 oh 5'."""
    word, *hours, minutes = found.groups()
    hour, minutes = int(next(h for h in hours if h is not None)), int(minutes)
    word = "pukul" if word and word.lower() == "pk." else word
    said = f"{word or CLOCK.get(lang, '')} {hour}".strip() if lang == "id" else (
        f"{word} {hour}" if word else str(hour))
    if lang == "id":
        return said + ("" if not minutes else f" lewat {minutes}" if minutes < 10
                       else f" {minutes}")
    return said + (" o'clock" if not minutes else f" oh {minutes}" if minutes < 10
                   else f" {minutes}")


def _phone(found, lang):
    text = found.group(0)
    if sum(ch.isdigit() for ch in text) < 5:
        return text
    return digits(text, lang)


def spoken(text, lang, lexicon=None):
    """What eSpeak is given for one sentence: money and phone numbers said the way people
    say them, written thousands made plain numbers, then the lexicon's words."""
    said = _MONEY.sub(lambda found: _money(found, lang), text)
    if lang in _TIME:
        said = _TIME[lang].sub(lambda found: _time(found, lang), said)
        said = _RANGE.sub(lambda found: f"{found.group(1)} {UNTIL[lang]} {found.group(2)}",
                          said)
        said = _DASH.sub(f" {UNTIL[lang]} ", said)
        said = _ZONE.sub(lambda found: ZONES[lang][found.group(1)], said)
    said = _PHONE.sub(lambda found: _phone(found, lang), said)
    if lang in _THOUSANDS:
        said = _THOUSANDS[lang].sub(lambda found: re.sub(r"[.,]", "", found.group(1)), said)
        sep = COMMA[lang]
        said = _DECIMAL[lang].sub(lambda found: f"{found.group(1)} {sep} "
                                  + " ".join(found.group(2)), said)
    if lexicon is not None:
        said = lexicon.apply(said, lang)
    return said
