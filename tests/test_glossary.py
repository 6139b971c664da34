"""The glossary, content/istilah.yaml: read with file and line, checked, its terms marked on
lesson pages (first use only, never in headings, links or code), listed at /istilah, and an
edit or a web-editor draft seen like any other content file."""

import re
import textwrap

import pytest
from conftest import lesson_text, look, search_ready, write

from kiosk import checks
from kiosk.content.glossary import load_glossary
from kiosk.content.reader import ContentReader

GLOSSARY = textwrap.dedent("""\
    # Istilah
    PMI:
      id: Pekerja Migran Indonesia. Warga Indonesia yang bekerja di luar negeri.
      en: Pekerja Migran Indonesia. An Indonesian citizen who works abroad.
    KP2MI:
      id: Kementerian Pelindungan Pekerja Migran Indonesia. Dulu BP2MI.
      en: The ministry that protects migrant workers. Formerly BP2MI.
      juga: [BP2MI]
    Kantor Imigrasi:
      id: Kantor pemerintah yang mengurus paspor.
      en: The government office that issues passports.
    BPJS Ketenagakerjaan:
      id: Jaminan sosial untuk pekerja.
      en: Social security for workers.
    """)

BODY = textwrap.dedent("""\
    Calon PMI harus mendaftar. Setiap PMI dilindungi oleh
    KP2MI (dulu BP2MI) dan Kantor
    Imigrasi.

    ## PMI dan BPJS

    Baca [tentang PMI](calo.md). Kode `KP2MI` bukan teks.

    - Daftar BPJS Ketenagakerjaan di kantor.
    """)


def glossary_of(content_dir, text=GLOSSARY, languages=("id", "en")):
    path = write(content_dir / "istilah.yaml", text)
    return load_glossary(ContentReader(content_dir), path, languages)


def check_lines(content_dir, tmp_path, **drafts):
    source = checks.Source(content_dir, tmp_path / "quizzes",
                           drafts={content_dir / k: v.encode() for k, v in drafts.items()})
    return [line for line in checks.run(source).lines() if "translation" not in line]


# -- reading the file -------------------------------------------------------------------


def test_terms_are_read_with_their_meanings_other_spellings_and_lines(content_dir):
    glossary = glossary_of(content_dir)
    assert glossary.problems == ()
    assert [(t.name, t.line) for t in glossary.terms] == [
        ("PMI", 2), ("KP2MI", 5), ("Kantor Imigrasi", 9), ("BPJS Ketenagakerjaan", 12)]
    kp2mi = glossary.by_spelling["BP2MI"]
    assert kp2mi.name == "KP2MI" and kp2mi.spellings == ("KP2MI", "BP2MI")
    assert kp2mi.meaning("en") == "The ministry that protects migrant workers. Formerly BP2MI."
    assert kp2mi.meaning("xx") == "Kementerian Pelindungan Pekerja Migran Indonesia. Dulu BP2MI."
    assert "BPJS" in glossary.words and "Kantor" not in glossary.words


def test_no_glossary_file_is_an_empty_glossary(content_dir):
    glossary = load_glossary(ContentReader(content_dir), content_dir / "istilah.yaml", ["id"])
    assert glossary.terms == () and glossary.problems == ()


ENTRY = "PMI:\n  id: Pekerja Migran Indonesia.\n  en: Indonesian migrant worker.\n"

# (istilah.yaml, what the checker says); a broken entry is left out, the others still serve.
CASES = [
    ("PMI:\n  id: Pekerja Migran Indonesia.\n",
     ["content/istilah.yaml:1: error: term 'PMI' has no English meaning; write 'en: …' below "
      "it"]),
    ("PMI:\n  id: Pekerja Migran Indonesia.\n  en:\n",
     ["content/istilah.yaml:3: error: term 'PMI' has no English meaning; write 'en: …' below "
      "it"]),
    (ENTRY.replace("  en:", "  eng:"),
     ["content/istilah.yaml:3: error: term 'PMI': unknown field 'eng'; did you mean 'en'?"]),
    (ENTRY + "  warna: merah\n",
     ["content/istilah.yaml:4: error: term 'PMI': unknown field 'warna'; allowed fields: id, "
      "en, juga, ucapan"]),
    (ENTRY + "  juga: TKI\n",
     ["content/istilah.yaml:4: error: term 'PMI': 'juga' must list other spellings, e.g. "
      "juga: [BP2MI]"]),
    ("PMI: Pekerja Migran Indonesia\n",
     ["content/istilah.yaml:1: error: term 'PMI' needs its meaning below it: 'id: …' and "
      "'en: …'"]),
    (ENTRY + ENTRY,
     ["content/istilah.yaml:4: error: term 'PMI' appears twice (first on line 1); keep one"]),
    (ENTRY + "TKI:\n  id: Nama lama.\n  en: The old name.\n  juga: [PMI]\n",
     ["content/istilah.yaml:4: error: 'PMI' is already a term (line 1); a word explains one "
      "term only"]),
    (ENTRY + "KP2MI:\n  id: Kementerian.\n  en: Ministry.\n  juga: [BP2MI]\n"
             "BP2MI:\n  id: Nama lama.\n  en: The old name.\n",
     ["content/istilah.yaml:8: error: 'BP2MI' is already a spelling of 'KP2MI' (line 4); a "
      "word explains one term only"]),
    ("- PMI\n- TKI\n",
     ["content/istilah.yaml:1: error: must list terms, each like 'PMI:' with 'id: …' and "
      "'en: …' below it"]),
    ("PMI:\n  id: [Pekerja\n",
     ["content/istilah.yaml:3: error: is not valid YAML: expected ',' or ']', but got "
      "'<stream end>' (while parsing a flow sequence that starts on line 2)"]),
    (ENTRY.replace("Indonesian migrant worker.", "x" * 161),
     ["content/istilah.yaml:3: warning: term 'PMI': the English meaning is 161 characters; "
      "keep it to 160 so it is read at a glance"]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=range(len(CASES)))
def test_each_glossary_problem_names_the_line_and_the_fix(content_dir, tmp_path, text,
                                                          expected):
    write(content_dir / "istilah.yaml", text)
    assert check_lines(content_dir, tmp_path) == expected


def test_a_broken_entry_is_left_out_and_the_rest_serve(content_dir):
    glossary = glossary_of(content_dir, GLOSSARY.replace(
        "  en: Pekerja Migran Indonesia. An Indonesian citizen who works abroad.\n", ""))
    assert [str(p) for p in glossary.problems] == [
        "content/istilah.yaml:2: term 'PMI' has no English meaning; write 'en: …' below it"]
    assert [t.name for t in glossary.terms] == ["KP2MI", "Kantor Imigrasi",
                                                 "BPJS Ketenagakerjaan"]


# -- what the checker says about lessons ------------------------------------------------


def test_a_word_in_capitals_the_glossary_does_not_explain_is_told_once_with_its_line(
        content_dir, tmp_path):
    write(content_dir / "istilah.yaml", GLOSSARY)
    body = ("Pakai SKCK dan KTP-nya.\nLalu\nke LTSA dan SKCK lagi.\n\n"
            "## Tentang TPPO\n\n`ABCD` dan [EPS](calo.md) dan Rp15 juta.\n\n"
            "::: catatan\nPetugas: NIK di sini tidak dibaca warga.\n:::\n")
    write(content_dir / "id" / "calo.md", lesson_text("Calo", order=2, body=body))
    where = "is not in content/istilah.yaml; add what it means"
    assert check_lines(content_dir, tmp_path) == [
        f"content/id/calo.md:12: warning: 'SKCK' {where}",
        f"content/id/calo.md:12: warning: 'KTP' {where}",
        f"content/id/calo.md:14: warning: 'LTSA' {where}",
        f"content/id/calo.md:16: warning: 'TPPO' {where}",
        f"content/id/calo.md:18: warning: 'EPS' {where}",
    ]


def test_other_spellings_and_words_inside_a_term_count_as_explained(content_dir, tmp_path):
    write(content_dir / "id" / "calo.md", lesson_text("Calo", order=2, body=BODY))
    assert check_lines(content_dir, tmp_path) == [
        "content/id/calo.md:12: warning: 'PMI' is not in content/istilah.yaml; add what it "
        "means",
        "content/id/calo.md:13: warning: 'KP2MI' is not in content/istilah.yaml; add what it "
        "means",
        "content/id/calo.md:13: warning: 'BP2MI' is not in content/istilah.yaml; add what it "
        "means",
        "content/id/calo.md:16: warning: 'BPJS' is not in content/istilah.yaml; add what it "
        "means",
    ]
    write(content_dir / "istilah.yaml", GLOSSARY)
    assert check_lines(content_dir, tmp_path) == []


def test_a_draft_of_the_glossary_is_checked_as_if_it_were_saved(content_dir, tmp_path):
    write(content_dir / "istilah.yaml", GLOSSARY)
    before = (content_dir / "istilah.yaml").read_bytes()
    draft = GLOSSARY.replace("  en: Social security for workers.\n", "")
    assert check_lines(content_dir, tmp_path, **{"istilah.yaml": draft}) == [
        "content/istilah.yaml:12: error: term 'BPJS Ketenagakerjaan' has no English meaning; "
        "write 'en: …' below it"]
    assert (content_dir / "istilah.yaml").read_bytes() == before


# -- the lesson page --------------------------------------------------------------------


@pytest.fixture
def marked(app, client, content_dir):
    write(content_dir / "istilah.yaml", GLOSSARY)
    write(content_dir / "id" / "calo.md", lesson_text("Calo", order=2, body=BODY))
    look(app)

    def page(path="/pelajaran/calo"):
        html = client.get(path).get_data(as_text=True)
        return html.split('<div class="lesson-body">')[1].split("</div>")[0]
    return page


def button(term, number):
    return (f'<button type="button" class="term" aria-expanded="false" '
            f'aria-controls="istilah_{number}">{term}</button>')


def test_the_first_use_of_each_term_is_a_tap_target_with_its_meaning_after_the_sentence(
        marked):
    body = marked()
    assert body.count('class="term"') == 4
    assert f"Calon {button('PMI', 1)} harus mendaftar. Setiap PMI dilindungi" in body
    # Another spelling of a term already marked stays as it is.
    assert f"\n{button('KP2MI', 2)} (dulu BP2MI) dan " in body
    # Punctuation stays with the word it touches; a line break inside a term still matches.
    office = button("Kantor\nImigrasi", 3)
    assert f'<span class="term-at">{office}.</span>' in body
    assert ('Imigrasi</button>.</span>'
            '<span class="term-meaning" id="istilah_1" lang="id" hidden>'
            '<strong class="term-name">PMI:</strong> Pekerja Migran Indonesia. Warga Indonesia '
            'yang bekerja di luar negeri.</span>'
            '<span class="term-meaning" id="istilah_2" lang="id" hidden>'
            '<strong class="term-name">KP2MI:</strong> Kementerian Pelindungan Pekerja Migran '
            'Indonesia. Dulu BP2MI.</span>') in body
    assert re.search(r'id="istilah_3" lang="id" hidden><strong class="term-name">Kantor '
                     r'Imigrasi:</strong> Kantor pemerintah yang mengurus paspor.</span></p>',
                     body)
    # The longest spelling wins, and the meaning closes the list item it explains.
    assert (f"<li data-baca=\"b3\">Daftar {button('BPJS Ketenagakerjaan', 4)} di kantor.<span "
            f'class="term-meaning" id="istilah_4"') in body


def test_headings_links_and_code_are_never_marked(marked):
    body = marked()
    assert '<h2 id="pmi-dan-bpjs" data-baca="b1">PMI dan BPJS</h2>' in body
    assert '<a href="/pelajaran/calo">tentang PMI</a>' in body
    assert "<code>KP2MI</code>" in body


def test_a_visitor_reads_meanings_in_their_language_even_on_an_indonesian_lesson(marked):
    body = marked("/pelajaran/calo?lang=en")
    assert ('<span class="term-meaning" id="istilah_1" lang="en" hidden><strong '
            'class="term-name">PMI:</strong> Pekerja Migran Indonesia. An Indonesian citizen '
            'who works abroad.</span>') in body


def test_the_lesson_page_says_terms_can_be_tapped_and_links_the_glossary(marked, client):
    page = client.get("/pelajaran/calo").get_data(as_text=True)
    assert "Kata yang berbingkai bisa diketuk untuk melihat artinya." in page
    assert 'class="glossary-link" href="/istilah"' in page
    assert '<script src="/static/js/glossary.js" defer></script>' in page
    plain = client.get("/pelajaran/jalur-resmi").get_data(as_text=True)
    assert "bisa diketuk" not in plain and 'href="/istilah"' in plain


def test_a_glossary_edit_reaches_lesson_pages_without_a_restart(app, marked, content_dir):
    assert "Kantor pemerintah yang mengurus paspor." in marked()
    write(content_dir / "istilah.yaml",
          GLOSSARY.replace("yang mengurus paspor.", "yang membuat paspor."))
    assert "Kantor pemerintah yang mengurus paspor." in marked()  # until the watcher looks
    assert look(app) is True
    assert "Kantor pemerintah yang membuat paspor." in marked()
    (content_dir / "istilah.yaml").unlink()
    look(app)
    assert 'class="term"' not in marked()


def test_a_broken_glossary_entry_is_counted_in_healthz(app, client, marked, content_dir):
    write(content_dir / "istilah.yaml", GLOSSARY.replace("  en: Social security", "  eng: S"))
    look(app)
    health = client.get("/healthz").get_json()
    assert health["status"] == "degraded" and health["content_errors"] == 1
    assert health["errors"] == ["content/istilah.yaml:14: term 'BPJS Ketenagakerjaan': unknown "
                                "field 'eng'; did you mean 'en'?"]
    assert marked().count('class="term"') == 3


# -- the glossary page ------------------------------------------------------------------


def test_the_glossary_page_lists_every_term_by_letter_in_the_visitor_s_language(client,
                                                                              app, content_dir):
    write(content_dir / "istilah.yaml", GLOSSARY)
    look(app)
    page = client.get("/istilah").get_data(as_text=True)
    assert "<h1>Daftar istilah</h1>" in page
    assert re.findall(r'<a href="#huruf-(\w)">', page) == ["b", "k", "p"]
    assert re.findall(r"<dt>(.*?)</dt>", page) == ["BPJS Ketenagakerjaan", "Kantor Imigrasi",
                                                   "KP2MI", "PMI"]
    assert ('<div class="glossary-entry" id="istilah-kp2mi">\n      <dt>KP2MI</dt>\n      '
            '<dd>Kementerian Pelindungan Pekerja Migran Indonesia. Dulu BP2MI. <span '
            'class="glossary-also">Juga ditulis: BP2MI</span></dd>') in page
    english = client.get("/istilah?lang=en").get_data(as_text=True)
    assert "<h1>Glossary</h1>" in english
    assert "<dd>The government office that issues passports.</dd>" in english
    assert "Also written: BP2MI" in english


def test_without_a_glossary_the_page_says_so(client):
    assert "Belum ada istilah." in client.get("/istilah").get_data(as_text=True)


def found(app, query):
    search = app.extensions["search"]
    assert search.ready, "the index answers, not the lesson list"
    return [hit.slug for hit in search.find(query, "id").hits]


def test_search_finds_a_lesson_by_what_its_terms_mean(app, content_dir):
    write(content_dir / "istilah.yaml", GLOSSARY)
    write(content_dir / "id" / "calo.md", lesson_text("Calo", order=2, body=BODY))
    look(app)
    search_ready(app)
    # 'jaminan' and 'kementerian' are only in the meanings of terms calo.md uses.
    assert found(app, "jaminan sosial") == ["calo"]
    assert found(app, "kementerian") == ["calo"]
    # A glossary edit reaches the index at the watcher's next look; the lesson is unchanged.
    write(content_dir / "istilah.yaml", GLOSSARY.replace("Jaminan sosial", "Asuransi"))
    look(app)
    assert found(app, "jaminan sosial") == []
    assert found(app, "asuransi") == ["calo"]
