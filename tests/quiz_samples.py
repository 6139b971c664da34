"""Small real quiz and checker files for the quiz tests, written into the app's QUIZ_DIR.

They link to the lessons of conftest's content tree (visa-ziarah, calo, jalur-resmi).
"""

import re
import textwrap

from conftest import write

# One question of each type. Option texts are unique so a test can find their buttons.
QUIZ = textwrap.dedent("""\
    title: {id: Kuis visa ziarah, en: Pilgrimage visa quiz}
    lessons: [visa-ziarah]
    questions:
      - id: q1
        type: single
        text: {id: Siapa yang mengurus umrah?, en: Who arranges umrah?}
        options:
          - id: a
            text: {id: Sponsor di warung, en: A sponsor at the stall}
            feedback: {id: Sponsor tidak berizin., en: A sponsor has no licence.}
          - id: b
            correct: true
            text: {id: Biro umrah berizin, en: A licensed umrah agency}
            feedback: {id: Tepat sekali., en: Exactly.}
          - id: c
            text: {id: Tetangga yang baik, en: A kind neighbour}
        explanation: {id: Umrah hanya lewat biro berizin., en: Umrah only with a licensed agency.}
        section: {id: bagian-satu, en: bagian-satu}
      - id: q2
        type: multiple
        text: {id: Mana tanda bahaya?, en: Which are warning signs?}
        options:
          - id: a
            correct: true
            text: {id: Umrah gratis sambil kerja, en: Free umrah with work}
          - id: b
            correct: true
            text: {id: Paspor dipegang sponsor, en: The sponsor keeps the passport}
          - id: c
            text: {id: Surat dari Kementerian Agama, en: A letter from the religion ministry}
            feedback: {id: Ini syarat resmi., en: This is an official requirement.}
        explanation: {id: Dua tanda bahaya., en: Two warning signs.}
      - id: q3
        type: truefalse
        text: {id: Visa umrah boleh untuk bekerja., en: An umrah visa may be used for work.}
        answer: salah
        feedback:
          benar: {id: Visa umrah bukan izin kerja., en: An umrah visa is not a work permit.}
          salah: {id: "Betul, bukan izin kerja.", en: "Right, not a work permit."}
        explanation: {id: Visa umrah hanya untuk ibadah., en: An umrah visa is for worship only.}
        lesson: calo
      - id: q4
        type: scenario
        story: {id: Bu Ani ditawari umrah gratis., en: Bu Ani is offered a free umrah.}
        text: {id: Apa yang sebaiknya ia lakukan?, en: What should she do?}
        options:
          - id: a
            text: {id: Langsung berangkat, en: Leave at once}
          - id: b
            correct: true
            text: {id: Tanya petugas dulu, en: Ask an officer first}
        explanation: {id: Tanya dulu sebelum berangkat., en: Ask before leaving.}
    """)

CORRECT = {  # question id -> the texts of its right options (Indonesian)
    "q1": ["Biro umrah berizin"],
    "q2": ["Umrah gratis sambil kerja", "Paspor dipegang sponsor"],
    "q3": ["Salah"],
    "q4": ["Tanya petugas dulu"],
}
WRONG = {
    "q1": ["Sponsor di warung"],
    "q2": ["Umrah gratis sambil kerja"],  # only one of the two right ones: wrong
    "q3": ["Benar"],
    "q4": ["Langsung berangkat"],
}

CHECKER = textwrap.dedent("""\
    title: {id: Cek tawaran kerja, en: Check a job offer}
    intro: {id: Jawab pertanyaan ini., en: Answer these questions.}
    unsure: 0.5
    levels:
      belum-terlihat:
        title: {id: Belum terlihat tanda bahaya, en: No warning signs so far}
        advice: {id: Tetap lewat jalur resmi., en: Stay on the legal route.}
      hati-hati:
        from: 1
        title: {id: "Hati-hati, periksa dulu", en: "Be careful, check first"}
        advice: {id: Periksa dulu ke Disnaker., en: Check at Disnaker first.}
      bahaya:
        from: 5
        title: {id: Bahaya! Jangan berangkat, en: Danger! Do not leave}
        advice: {id: Laporkan sekarang., en: Report it now.}
    next_steps:
      - text: {id: Cek izin perusahaan., en: Check the company's licence.}
        lesson: jalur-resmi
    questions:
      - id: biaya
        text: {id: Diminta bayar di muka?, en: Asked to pay up front?}
        flag: ya
        weight: 2
        explanation: {id: Biaya di muka tanda calo., en: Fees up front are a broker's sign.}
        lesson: calo
      - id: kontrak
        text: {id: Ada kontrak tertulis?, en: Is there a written contract?}
        flag: tidak
        weight: 3
        explanation: {id: Tanpa kontrak tidak ada perlindungan., en: "No contract, no protection."}
      - id: paspor
        text: {id: Paspor dipegang agen?, en: Does the agent keep your passport?}
        flag: ya
        weight: 1
        severe: true
        explanation: {id: Paspor ditahan tanda kerja paksa., en: A kept passport is forced labour.}
    """)


def write_quiz(folder, name="visa-ziarah", text=QUIZ):
    return write(folder / f"{name}.yaml", text)


def field(page, name):
    """The value of a hidden form field on a page."""
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    return found.group(1) if found else None


def position(page, text):
    """The value the answer button (or checkbox) showing ``text`` would send."""
    for match in re.finditer(r'name="pilihan" value="(\d+)"[^>]*>(.*?)</(?:button|label)>', page,
                             re.S):
        if re.search(rf">\s*{re.escape(text)}\s*<", match.group(2)):
            return match.group(1)
    raise AssertionError(f"no answer {text!r} on the page")


def question_id(page):
    return field(page, "question")
