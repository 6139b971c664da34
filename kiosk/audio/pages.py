"""What each page reads aloud, as blocks: a lesson, a quiz question and its feedback, a
checker question and result, the Lapor screen, the attract warnings.

Block ids are the ``data-baca`` ids the pages carry (docs in /work/notes/AUDIO-CONTRACT.md).
"""

from dataclasses import dataclass
from typing import NamedTuple

from ..office import office_is_set
from . import sentences

OUTCOMES = {"right": "Benar!", "partly": "Sebagian benar", "wrong": "Belum tepat"}
ANSWER_WORDS = (("ya", "Ya"), ("tidak", "Tidak"), ("tidak-tahu", "Tidak tahu"))


class Said(NamedTuple):
    """One sentence: as the page shows it, and what the voice is given (before the lexicon)."""

    text: str
    say: str


@dataclass(frozen=True)
class Block:
    id: str
    lang: str  # the voice: the language the text is in (a text may fall back to Indonesian)
    sentences: tuple  # Said
    section: str | None = None

    @property
    def text(self):
        return " ".join(s.text for s in self.sentences)


def block(block_id, lang, *texts, section=None):
    """A block of ``texts``: plain text is split into sentences, a Said is taken whole."""
    said = []
    for text in texts:
        if isinstance(text, Said):
            said.append(text)
        elif text:
            said.extend(Said(s, s) for s in sentences.split(str(text)))
    return Block(block_id, lang, tuple(said), section) if said else None


def _blocks(*found):
    return [b for b in found if b is not None]


def _shown(text, lang):
    """(the text a bilingual field shows in ``lang``, the language it is in)."""
    return text.show(lang), text.lang_of(lang)


# -- lessons ------------------------------------------------------------------------------

def lesson(found):
    """The title, the summary, then every block of the body, in the lesson's language."""
    lang = found.lang
    return _blocks(block("judul", lang, found.title), block("ringkasan", lang, found.summary),
                   *(block(block_id, lang, text, section=section)
                     for block_id, section, text in found.blocks))


# -- quizzes ------------------------------------------------------------------------------

# How a question is answered, as the page says it under the question.
HOW_TO_ANSWER = {"multiple": "Pilih semua yang benar, lalu tekan Periksa jawaban."}
HOW_TO_ANSWER_ONE = "Sentuh satu jawaban."


def quiz_question(question, lang, ui, options=None):
    """The story (if any), the question, how to answer it, then each option in the order
    shown (``options``: option ids; the file's order without it)."""
    found = []
    if question.story:
        found.append(block("cerita", question.story.lang_of(lang), question.story.show(lang)))
    found.append(block("soal", question.text.lang_of(lang), question.text.show(lang)))
    found.append(block("cara", lang, ui(lang, HOW_TO_ANSWER.get(question.type,
                                                               HOW_TO_ANSWER_ONE))))
    order = {oid: i for i, oid in enumerate(options or ())}
    shown = sorted(question.options, key=lambda o: order.get(o.id, len(order)))
    for option in shown:
        if option.text is None:  # Benar / Salah of a true/false question: UI words
            word = ui(lang, "Benar", "truefalse") if option.id == "benar" else ui(lang, "Salah")
            found.append(block(f"pilihan-{option.id}", lang, word))
        else:
            found.append(block(f"pilihan-{option.id}", option.text.lang_of(lang),
                               option.text.show(lang)))
    return _blocks(*found)


def quiz_feedback(question, outcome, lang, ui):
    """Right, partly or wrong, then why."""
    if outcome not in OUTCOMES:
        return None
    text, said_in = _shown(question.explanation, lang)
    why = block("kenapa", said_in, ui(said_in, "Kenapa?"), text)
    return _blocks(block("hasil", lang, ui(lang, OUTCOMES[outcome])), why)


# -- the job-offer checker ---------------------------------------------------------------

def checker_question(sign, lang, ui):
    found = [block("soal", sign.text.lang_of(lang), sign.text.show(lang))]
    if sign.help:
        found.append(block("petunjuk", sign.help.lang_of(lang), sign.help.show(lang)))
    found.extend(block(f"jawab-{value}", lang, ui(lang, word)) for value, word in ANSWER_WORDS)
    return _blocks(*found)


def checker_result(checker, level_id, signs, find_out, lang, numbers=()):
    """The level's title and advice, each sign listed (question, why), each thing to find
    out (its name, what to find out), and the numbers to call (``numbers``: REPORT_NUMBERS,
    read as on Lapor, so the clips are the same)."""
    level = checker.levels.get(level_id)
    if level is None:
        return None
    found = [block("tingkat", level.title.lang_of(lang), level.title.show(lang)),
             block("saran", level.advice.lang_of(lang), level.advice.show(lang))]
    for sign in filter(None, (checker.sign(sid) for sid in signs or ())):
        found.append(block(f"tanda-{sign.id}", sign.text.lang_of(lang), sign.text.show(lang),
                           sign.explanation.show(lang)))
    for sign in filter(None, (checker.sign(sid) for sid in find_out or ())):
        name = sign.name or sign.text
        found.append(block(f"cari-tahu-{sign.id}", name.lang_of(lang), name.show(lang),
                           sign.find_out.show(lang) if sign.find_out else ""))
    found.extend(block(f"lapor-{n}", lang, *_entry(row, lang)) for n, row in enumerate(numbers))
    return _blocks(*found)


# -- Lapor and the attract screen --------------------------------------------------------

def _number(number, lang):
    return Said(number, sentences.digits(number, lang)) if number else None


def _entry(row, lang):
    name, note = row.get("name") or {}, row.get("note") or {}
    return (name.get(lang) or name.get("id", ""), _number(row.get("number") or "", lang),
            note.get(lang) or note.get("id", ""))


def report(config, lang, ui):
    """The Lapor screen top to bottom: heading, national numbers, office, PIMPASA, help
    abroad, what to say when reporting. Numbers are said digit by digit."""
    national, abroad = config["REPORT_NUMBERS"], config["ABROAD_NUMBERS"]
    found = [block("lapor-judul", lang, ui(lang, "Minta tolong dan lapor"), ui(lang, (
        "Jika Anda curiga ada calo, penipuan kerja, atau keluarga Anda dalam bahaya di luar "
        "negeri, hubungi salah satu nomor ini. Melapor tidak dipungut biaya.")))]
    found.extend(block(f"lapor-{n}", lang, *_entry(row, lang)) for n, row in enumerate(national))
    office = office_is_set(config)
    if office:
        found.append(block("kantor", lang, ui(lang, "Kantor imigrasi terdekat"),
                           config["OFFICE_NAME"], config["OFFICE_ADDRESS"],
                           _number(config["OFFICE_PHONE"], lang)))
    if config["PIMPASA_NAME"] or config["PIMPASA_PHONE"]:
        found.append(block("pimpasa", lang, ui(lang, "Petugas imigrasi desa Anda (PIMPASA)"),
                           config["PIMPASA_NAME"], _number(config["PIMPASA_PHONE"], lang),
                           ui(lang, "Tanyakan tawaran kerja dan paspor kepadanya, dan "
                                    "ceritakan jika ada calo.")))
    elif office:
        found.append(block("pimpasa", lang, ui(lang, (
            "Tanyakan nama dan nomor petugas imigrasi desa Anda (PIMPASA) ke kantor ini atau "
            "kepada perangkat desa."))))
    if abroad:
        found.append(block("luar-negeri", lang, ui(lang, "Sudah di luar negeri?"), ui(lang, (
            "Untuk Anda atau keluarga yang sudah bekerja di luar negeri dan butuh "
            "pertolongan:"))))
        found.extend(block(f"lapor-{len(national) + n}", lang, *_entry(row, lang))
                     for n, row in enumerate(abroad))
    found.append(block("sebutkan", lang, ui(lang, "Saat melapor, sebutkan:"), *(
        Said(ui(lang, item), ui(lang, item)) for item in (
            "Nama calo atau agen, dan nomor teleponnya", "Negara dan pekerjaan yang ditawarkan",
            "Uang yang sudah diminta atau dibayar",
            "Simpan pesan, foto, dan kuitansi sebagai bukti"))))
    return _blocks(*found)


def attract(warnings, lang, ui):
    """Each warning of the attract screen (``warnings``: [(icon, text)])."""
    return _blocks(*(block(f"peringatan-{n}", lang, ui(lang, text))
                     for n, (_icon, text) in enumerate(warnings)))
