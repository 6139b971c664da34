"""Read-aloud text: sentences split where a reader pauses (never inside 'dll.' or 'Rp2.000.000'),
spoken forms, the pronunciation lexicon and its checker messages, and the lesson's blocks."""

import pytest
from conftest import lesson_text, look, write

from kiosk import checks
from kiosk.audio import pages
from kiosk.audio.lexicon import Lexicon
from kiosk.audio.sentences import split, spoken


@pytest.mark.parametrize("text, sentences", [
    ("Bawa KTP, KK, dll. Semua harus asli.", ["Bawa KTP, KK, dll.", "Semua harus asli."]),
    ("Bawa KTP, dll. dan uang saku.", ["Bawa KTP, dll. dan uang saku."]),
    ("Baca UU No. 18 Tahun 2017. Itu penting!", ["Baca UU No. 18 Tahun 2017.", "Itu penting!"]),
    ("Kantor di Jl. Merdeka No. 5, Malang. Buka pagi.",
     ["Kantor di Jl. Merdeka No. 5, Malang.", "Buka pagi."]),
    ("Biayanya Rp2.000.000 saja. Jangan bayar.", ["Biayanya Rp2.000.000 saja.", "Jangan bayar."]),
    ("Telepon 0800-1000. Gratis.", ["Telepon 0800-1000.", "Gratis."]),
    ("Gajinya Rp2,5 juta sebulan. Terlalu bagus?", ["Gajinya Rp2,5 juta sebulan.",
                                                    "Terlalu bagus?"]),
    ("He worked in the U.S. for a year. Then he came home.",
     ["He worked in the U.S. for a year.", "Then he came home."]),
    ("The answer is no. Then go home.", ["The answer is no.", "Then go home."]),
    ("Apa itu calo? Orang yang menipu.", ["Apa itu calo?", "Orang yang menipu."]),
    ('Dia berkata: "Jangan pergi." Lalu dia pergi.', ['Dia berkata: "Jangan pergi."',
                                                      "Lalu dia pergi."]),
    ("Kerja 8 jam (maks. 10 jam). Libur Minggu.", ["Kerja 8 jam (maks. 10 jam).",
                                                    "Libur Minggu."]),
    ("Ibu A. Rahman datang. Ya.", ["Ibu A. Rahman datang.", "Ya."]),
    ("Tanpa titik di akhir", ["Tanpa titik di akhir"]),
    ("  ", []),
])
def test_sentences_end_where_a_reader_pauses(text, sentences):
    assert split(text) == sentences


@pytest.mark.parametrize("lang, text, said", [
    ("id", "Biayanya Rp2.000.000 saja.", "Biayanya 2000000 rupiah saja."),
    ("id", "Gajinya Rp2,5 juta.", "Gajinya 2 koma 5 juta rupiah."),
    ("id", "Rp 15 juta", "15 juta rupiah"),
    ("id", "Telepon 0800-1000.", "Telepon nol delapan nol nol, satu nol nol nol."),
    ("id", "+62-21-2924-4800", "plus enam dua, dua satu, dua sembilan dua empat, "
                               "empat delapan nol nol"),
    ("id", "Tahun 2017-2018, 10-15 orang", "Tahun 2017 sampai 2018, 10 sampai 15 orang"),
    ("en", "In 2017–2018", "In 2017 to 2018"),
    ("id", "sekitar Rp2–2,5 juta, Rp30-50 juta, USD 1.000–1.200",
     "sekitar 2 sampai 2 koma 5 juta rupiah, 30 sampai 50 juta rupiah, USD 1000 sampai 1200"),
    ("en", "about Rp2–2.5 million", "about 2 to 2 point 5 million rupiah"),
    ("id", "Biaya Rp 2.500.000,00 dan Rp1.500,50", "Biaya 2500000 rupiah dan 1500 koma 5 0 "
                                                   "rupiah"),
    ("id", "Buka 08.00 sampai pukul 14.30 WIB, Sabtu jam 9.05 WITA.",
     "Buka pukul 8 sampai pukul 14 30 waktu Indonesia barat, Sabtu jam 9 lewat 5 waktu "
     "Indonesia tengah."),
    ("en", "Open 08.00 to 14:30 WIB; at 8:05.",
     "Open 8 o'clock to 14 30 Western Indonesia Time; at 8 oh 5."),
    # Numbers that only look like times or ranges stay as they are.
    ("id", "IMI-0277.GR.02.06/2017, UU 18/2017", "IMI-0277.GR.02.06/2017, UU 18/2017"),
    ("en", "It costs 1.50 more", "It costs 1 point 5 0 more"),
    ("id", "Telepon 2924-4800", "Telepon 2924-4800"),
    ("id", "Ada 1.500 orang, tinggi 1,5 meter", "Ada 1500 orang, tinggi 1 koma 5 meter"),
    ("en", "Earn Rp2.5 million, call 0800-1000.",
     "Earn 2 point 5 million rupiah, call zero eight zero zero, one zero zero zero."),
])
def test_money_and_phone_numbers_are_said_as_people_say_them(lang, text, said):
    assert spoken(text, lang) == said


def test_the_lexicon_matches_capitals_exactly_and_small_words_in_any_case():
    lexicon = Lexicon({"id": {"PMI": "pe em i", "online": "onlain", "No.": "nomor"}})
    assert lexicon.apply("PMI daftar Online, No. 5", "id") == "pe em i daftar onlain, nomor 5"
    assert lexicon.apply("pmi dan PMIs", "id") == "pmi dan PMIs"  # whole words only
    assert lexicon.apply("PMI", "en") == "PMI"  # per language


def test_the_bundled_lexicon_says_the_agencies(bundled_app):
    speech = bundled_app.extensions["audio"]
    lexicon = speech.lexicon()
    assert not lexicon.problems
    assert lexicon.apply("Hubungi KP2MI atau PIMPASA lewat WhatsApp", "id") == \
        "Hubungi ka pe dua em i atau pim pasa lewat wotsap"
    # Each checked with eSpeak's phonemes (`espeak-ng -v id -x`): SISKO P2MI, not "siskop".
    said = {
        "id": [("SISKOP2MI", "sisko pe dua em i"), ("KemenPPPA", "kemen pe pe pe a"),
               ("SIAPkerja", "siap kerja"), ("ILO", "i el o"),
               # The glossary's spelling and the Lapor screen's are said alike.
               ("Crisis Centre", "kraisis senter"), ("Crisis Center", "kraisis senter")],
        "en": [("SISKOP2MI", "sisko P 2 M I"), ("KemenPPPA", "kemen P P P A"),
               ("SIAPkerja", "see-app ker-jah"), ("ILO", "I L O")],
    }
    for lang, words in said.items():
        for written, form in words:
            assert lexicon.apply(f"Lihat {written}.", lang) == f"Lihat {form}.", written
    # What the Lapor screen reads: the crisis centre's name from the settings.
    report = [s for b in speech.blocks("report", "id")[1] for s in speech.said(b)]
    assert any("kraisis senter ka pe dua em i" in s for s in report), report


BAD_LEXICON = """\
id:
  KP2MI: ka pe dua em i
  PMI:
  KP2MI: lagi
  BP2MI: [be, pe]
  LTSA: yes
xx:
  PMI: pe em i
en:
  PMI: P M I
"""


def test_the_checker_names_each_lexicon_mistake_with_its_line(app, content_dir):
    write(content_dir / "ucapan.yaml", BAD_LEXICON)
    lines = [line for line in checks.run_for_app(app).lines() if "ucapan.yaml" in line]
    assert lines == [
        "content/ucapan.yaml:3: error: 'PMI' has no spoken form; write how it is said after "
        "the ':'",
        "content/ucapan.yaml:4: error: 'KP2MI' appears twice under 'id' (first on line 2); "
        "keep one",
        "content/ucapan.yaml:5: error: 'BP2MI': how it is said must be text, e.g. "
        "'BP2MI: ka pe dua em i'",
        "content/ucapan.yaml:6: error: 'LTSA': how it is said must be text, e.g. "
        "'LTSA: ka pe dua em i'",
        "content/ucapan.yaml:7: error: 'xx' is not a kiosk language (id, en)",
    ]
    # The good entries still serve, once the watcher has read the file.
    look(app)
    assert app.extensions["audio"].lexicon().apply("KP2MI", "id") == "ka pe dua em i"


def test_a_page_uses_the_lexicon_the_watcher_read_and_never_reads_it(app, content_dir):
    speech = app.extensions["audio"]
    write(content_dir / "ucapan.yaml", "id:\n  LTSA: el te es a\n")
    # A request thread asking for a playlist does not open ucapan.yaml: the snapshot serves.
    assert speech.lexicon().apply("LTSA", "id") == "LTSA"
    look(app)  # the watcher's thread, within CONTENT_RECHECK_SECONDS
    assert speech.lexicon().apply("LTSA", "id") == "el te es a"


def test_broken_yaml_in_the_lexicon_names_its_line(app, content_dir):
    write(content_dir / "ucapan.yaml", "id:\n  PMI: pe em i\n  KP2MI: [ka\n")
    found = [line for line in checks.run_for_app(app).lines() if "ucapan.yaml" in line]
    assert len(found) == 1 and found[0].startswith("content/ucapan.yaml:4: error: is not "
                                                   "valid YAML")


def test_a_glossary_term_is_read_with_its_spoken_form(app, content_dir):
    write(content_dir / "istilah.yaml", "P3MI:\n  id: Perusahaan penempatan.\n  en: A placement "
          "company.\n  ucapan:\n    id: pe tiga em i\nLTSA:\n  id: Layanan satu atap.\n  en: "
          "One-stop office.\n  ucapan: el te es a\n")
    write(content_dir / "ucapan.yaml", "id:\n  LTSA: el te es a satu atap\n")
    look(app)
    lexicon = app.extensions["audio"].lexicon()
    assert lexicon.apply("P3MI dan LTSA", "id") == "pe tiga em i dan el te es a satu atap"
    assert lexicon.apply("P3MI dan LTSA", "en") == "P3MI dan el te es a"


def test_a_spoken_form_that_is_not_text_is_a_glossary_error(app, content_dir):
    write(content_dir / "istilah.yaml", "PMI:\n  id: Pekerja.\n  en: Worker.\n  ucapan: [pe]\n")
    lines = checks.run_for_app(app).lines()
    assert ("content/istilah.yaml:4: error: term 'PMI': 'ucapan' must say how the term is "
            "read aloud, e.g. 'ucapan: ka pe dua em i', or 'id: …' and 'en: …' below it") in lines


LESSON = """\
Awal pelajaran. Kalimat kedua.

## Tanda bahaya

- Gaji besar.
- Tanpa biaya, dll. Semua palsu.

::: catatan
Catatan untuk petugas saja.
:::

::: waspada
Jangan serahkan paspor.
:::

| Tanda | Artinya |
|---|---|
| Rp2.000.000 | Terlalu mahal |
"""


def test_every_readable_block_of_a_lesson_is_marked_and_read_in_order(app, content_dir, client):
    write(content_dir / "id" / "calo.md", lesson_text("Calo", body=LESSON))
    look(app)
    lesson = app.extensions["library"].lesson("calo", "id")[0]
    blocks = pages.lesson(lesson)
    assert [(b.id, b.section, [s.text for s in b.sentences]) for b in blocks] == [
        ("judul", None, ["Calo"]),
        ("ringkasan", None, ["Ringkasan Calo."]),
        ("b0", None, ["Awal pelajaran.", "Kalimat kedua."]),
        ("b1", "tanda-bahaya", ["Tanda bahaya"]),
        ("b2", "tanda-bahaya", ["Gaji besar."]),
        ("b3", "tanda-bahaya", ["Tanpa biaya, dll.", "Semua palsu."]),
        ("b4", "tanda-bahaya", ["Waspada!"]),
        ("b5", "tanda-bahaya", ["Jangan serahkan paspor."]),
        ("b6", "tanda-bahaya", ["Tanda"]),
        ("b7", "tanda-bahaya", ["Artinya"]),
        ("b8", "tanda-bahaya", ["Rp2.000.000"]),
        ("b9", "tanda-bahaya", ["Terlalu mahal"]),
    ]
    page = client.get("/pelajaran/calo").get_data(as_text=True)
    assert "Catatan untuk petugas" not in page  # officers' notes are neither shown nor read
    for block_id in [b.id for b in blocks[2:]]:
        assert f'data-baca="{block_id}"' in page
    assert '<li data-baca="b2">Gaji besar.</li>' in page
    assert '<td data-baca="b8">Rp2.000.000</td>' in page
    assert 'data-baca="b10"' not in page


def test_each_page_reads_its_blocks_with_the_ids_the_page_carries(bundled_app):
    speech = bundled_app.extensions["audio"]
    book = bundled_app.extensions["quizzes"]
    checker = book.checker
    sign = checker.signs[0]

    def ids(page, lang="id", **found):
        return [part["block"] for part in speech.playlist(page, lang, **found)["parts"]]

    assert ids("checker_question", question=sign.id)[-3:] == ["jawab-ya", "jawab-tidak",
                                                               "jawab-tidak-tahu"]
    numbers = [f"lapor-{n}" for n in range(len(bundled_app.config["REPORT_NUMBERS"]))]
    assert ids("checker_result", level="bahaya", signs=[sign.id], find_out=[sign.id]) == [
        "tingkat", "saran", f"tanda-{sign.id}", f"cari-tahu-{sign.id}", *numbers]
    # The numbers under a verdict are read as on Lapor: the same clips.
    result = speech.blocks("checker_result", "en", level="hati-hati", signs=[], find_out=[])[1]
    report = speech.blocks("report", "en")[1]
    assert [speech.key(b) for b in result[2:]] == [speech.key(b) for b in report[1:4]]
    assert ids("report")[0] == "lapor-judul" and ids("report")[-1] == "sebutkan"
    # The page's own words come from the UI catalog: in English, every one is English.
    said = {lang: [s["text"] for p in speech.playlist("report", lang)["parts"]
                   if p["block"] in ("lapor-judul", "luar-negeri", "sebutkan")
                   for s in p["sentences"]] for lang in ("id", "en")}
    assert len(said["en"]) == len(said["id"]) == 10
    assert not set(said["en"]) & set(said["id"]) and said["en"][0] == "Get help and report"
    assert ids("attract", "en") == [f"peringatan-{n}" for n in range(6)]
    quiz = next(q for q in book.quizzes() if not q.is_drawn)
    question = next(q for q in quiz.questions if q.type == "truefalse")
    assert ids("quiz_question", "en", quiz=quiz.slug, question=question.id)[-4:] == [
        "soal", "cara", "pilihan-benar", "pilihan-salah"]
    # How to answer is read as the page shows it: after the question, before the options.
    how = speech.playlist("quiz_question", "en", quiz=quiz.slug, question=question.id)
    assert how["parts"][-3]["sentences"][0]["text"] == "Touch one answer."
    said = speech.playlist("quiz_feedback", "en", quiz=quiz.slug, question=question.id,
                           outcome="partly")["parts"]
    assert [p["block"] for p in said] == ["hasil", "kenapa"]
    assert said[0]["sentences"][0]["text"] == "Partly right"
    assert said[1]["sentences"][0]["text"] == "Why?"
    for unknown in [("lesson", {"slug": "tidak-ada"}), ("quiz_question", {"quiz": quiz.slug}),
                    ("quiz_feedback", {"quiz": quiz.slug, "question": question.id,
                                       "outcome": "lucky"}),
                    ("checker_result", {"level": "aman"}), ("halaman", {})]:
        assert speech.playlist(unknown[0], "id", **unknown[1]) is None
