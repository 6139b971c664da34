"""Words: Indonesian stemming and stop words, cleaning villager input, and synonyms."""

import re
import textwrap
from pathlib import Path

import pytest
from conftest import lesson_text, look, search_ready, write

from kiosk.search.analysis import clean_query, plain_text, terms
from kiosk.search.synonyms import load_synonyms

ROOT = Path(__file__).resolve().parent.parent


def indexed(app):
    """Search brought up to date with the content folder: as a kiosk is once its start in
    the background is done and its content watcher has seen the latest saves."""
    search_ready(app)
    look(app)


def found_slugs(client, query, lang=None):
    params = {"q": query, **({"lang": lang} if lang else {})}
    page = client.get("/cari", query_string=params).get_data(as_text=True)
    section = re.search(r'<section class="search-found".*?</section>', page, re.S)
    return re.findall(r'href="/pelajaran/([a-z0-9-]+)"', section.group(0)) if section else []


# -- stemming and stop words, end to end --------------------------------------------


@pytest.mark.parametrize(
    ("query", "written"),
    [
        ("perekrutan", "merekrut"),
        ("paspornya", "paspor"),
        ("pekerja", "bekerja"),
        ("dikirimkan", "kirim"),
        ("merekrut", "perekrutan"),
        ("bekerja", "pekerjaan"),
        ("menikah", "pernikahan"),
        ("melapor", "laporan"),
        ("ditahan", "menahan"),
        ("penipuan", "menipu"),
    ],
)
def test_a_word_finds_its_other_forms(app, client, content_dir, query, written):
    write(content_dir / "id" / "uji.md",
          lesson_text("Pelajaran uji", body=f"Warga desa melihat kata {written} di sini.\n"))
    indexed(app)
    page = client.get("/cari", query_string={"q": query}).get_data(as_text=True)
    # The fixture's other lessons share some words (the category "Modus perekrut").
    assert "uji" in found_slugs(client, query)
    assert f"melihat kata <mark>{written}</mark> di sini" in page


@pytest.mark.parametrize("word", ["kerja", "bekerja", "tempat", "hari", "luar", "masa",
                                  "orang", "minta", "kasus", "keluar", "bulan"])
def test_domain_words_sastrawi_would_drop_stay_searchable(app, client, content_dir, word):
    write(content_dir / "id" / "uji.md",
          lesson_text("Pelajaran uji", body=f"Warga desa mencatat {word} itu.\n"))
    indexed(app)
    assert found_slugs(client, word) == ["uji"]


@pytest.mark.parametrize("query", ["yang", "dan di ke", "adalah", "yg dgn utk", "apa itu"])
def test_a_query_of_only_filler_words_finds_nothing_calmly(app, client, query):
    indexed(app)
    response = client.get("/cari", query_string={"q": query})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Belum ada pelajaran untuk" in page
    assert "Maksud Anda" not in page


def test_english_lessons_are_stemmed_as_english(app, client, content_dir):
    write(content_dir / "en" / "calo.md",
          lesson_text("Brokers", body="Brokers keep passports and recruit villagers.\n"))
    indexed(app)
    page = client.get("/cari?q=recruiting+broker+passports&lang=en").get_data(as_text=True)
    assert found_slugs(client, "recruiting broker passports", lang="en")[0] == "calo"
    assert "<mark>Brokers</mark> keep <mark>passports</mark> and <mark>recruit</mark>" in page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Para pekerja bekerja di luar negeri", ["kerja", "kerja", "luar", "negeri"]),
        ("Paspornya DITAHAN majikan", ["paspor", "tahan", "majikan"]),
        ("Perekrutan yang dikirimkan", ["rekrut", "kirim"]),
        ("Café ÉLITE", ["cafe", "elite"]),
        ("P3MI 0800-1000", ["p3mi", "0800", "1000"]),
    ],
)
def test_indonesian_terms(text, expected):
    assert terms(text, "id") == expected


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("  paspor \n\t ditahan  ", "paspor ditahan"),
        ("calo\x00visa", "calo visa"),
        ("\u202epaspor\u202c", "paspor"),
        ("ｃａｌｏ", "calo"),
        ("x" * 500, "x" * 200),
        ("", ""),
        (None, ""),
        (["calo"], ""),
    ],
)
def test_villager_input_is_cleaned(typed, clean):
    assert clean_query(typed) == clean


def test_markdown_becomes_the_words_a_villager_reads():
    body = textwrap.dedent("""\
        ## Tanda bahaya

        ::: waspada
        - Waspada jika **paspor** diminta [calo](calo-sponsor-ilegal.md).
        1. Lihat ![foto paspor](media/paspor.png)
        :::

        | Negara | Kasus |
        |---|---|
        | Kamboja | 1.914 |
        """)
    assert plain_text(body) == (
        "Tanda bahaya\nWaspada jika paspor diminta calo.\nLihat foto paspor\n"
        "Negara   Kasus\nKamboja   1.914")


# -- synonyms -------------------------------------------------------------------------


def test_synonyms_find_lessons_that_use_the_other_words(app, client, content_dir):
    write(content_dir / "synonyms.yaml", "- [tki, pekerja migran]\n")
    write(content_dir / "id" / "migran.md",
          lesson_text("Hak kita", body="Setiap pekerja migran punya hak.\n"))
    indexed(app)
    page = client.get("/cari?q=tki").get_data(as_text=True)
    assert found_slugs(client, "tki") == ["migran"]
    assert "<mark>pekerja migran</mark>" in page or \
        "<mark>pekerja</mark> <mark>migran</mark>" in page


def test_the_word_typed_ranks_above_its_synonym(app, client, content_dir):
    write(content_dir / "synonyms.yaml", "- [kamboja, cambodia]\n")
    write(content_dir / "id" / "satu.md", lesson_text("Satu", body="Kerja di Cambodia.\n"))
    write(content_dir / "id" / "dua.md", lesson_text("Dua", body="Kerja di Kamboja.\n"))
    indexed(app)
    assert found_slugs(client, "kamboja") == ["dua", "satu"]
    assert found_slugs(client, "cambodia") == ["satu", "dua"]


def test_an_edited_synonyms_file_is_used_after_the_watchers_next_look(app, client, content_dir,
                                                           tmp_path):
    write(content_dir / "id" / "migran.md",
          lesson_text("Hak kita", body="Setiap buruh migran punya hak.\n"))
    indexed(app)
    assert found_slugs(client, "tkw") == []
    write(content_dir / "synonyms.yaml", "- [tkw, buruh migran]\n")
    assert found_slugs(client, "tkw") == []  # a request reads no file, this one neither
    stems = tmp_path / "data" / "search" / "synonym-stems.json"
    assert not stems.exists()  # and writes nothing, not even the synonyms' stems
    look(app)  # the watcher's next look reads the file, stems it and saves the stems
    assert found_slugs(client, "tkw") == ["migran"]
    assert "buruh migran" in stems.read_text(encoding="utf-8")


def test_a_broken_synonyms_file_is_logged_and_search_works_without_it(
        app, client, content_dir, caplog):
    write(content_dir / "synonyms.yaml", "- [calo, sponsor\n- [tki, pmi]\n")
    indexed(app)
    assert found_slugs(client, "calo") == ["calo"]
    assert "content/synonyms.yaml:2: is not valid YAML" in caplog.text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- [calo, sponsor\n",
         "content/synonyms.yaml:2: is not valid YAML: expected ',' or ']', but got "
         "'<stream end>' (while parsing a flow sequence that starts on line 1); every group "
         "is one line like '- [calo, sponsor, perekrut]'"),
        ("calo: sponsor\n",
         "content/synonyms.yaml:1: must be a list of groups, one per line like "
         "'- [calo, sponsor, perekrut]'"),
        ("- [tki, pmi]\n- calo\n",
         "content/synonyms.yaml:2: a group must be words in square brackets, like "
         "'- [calo, sponsor, perekrut]'"),
        ("- [tki, pmi]\n\n- [calo]\n",
         "content/synonyms.yaml:3: a group needs at least two words, like "
         "'- [calo, sponsor, perekrut]'"),
        ("- [tki, pmi]\n- [calo, sponsor]\n- [perekrut, CALO]\n",
         "content/synonyms.yaml:3: 'CALO' is already in the group on line 2; "
         "a word belongs to one group only"),
        ("- [tki, [pmi, tkw]]\n",
         "content/synonyms.yaml:1: '[...]' is not a word; write plain words separated by "
         "commas, like '- [calo, sponsor, perekrut]'"),
        ("- [tki, yes]\n",
         "content/synonyms.yaml:1: 'yes' is not a word; write plain words separated by "
         "commas, like '- [calo, sponsor, perekrut]'"),
        ("- [tki, '']\n",
         "content/synonyms.yaml:1: '' is not a word; write plain words separated by "
         "commas, like '- [calo, sponsor, perekrut]'"),
        ("- [tki, '!!!']\n",
         "content/synonyms.yaml:1: '!!!' has no letters or digits to search for"),
        (b"- [tki, pmi]\n" + b"- [caf\xe9, kopi]\n",
         "content/synonyms.yaml:2: is not valid UTF-8; save it as UTF-8 text"),
    ],
)
def test_synonym_mistakes_name_the_line(tmp_path, text, message):
    path = tmp_path / "synonyms.yaml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    problems = [str(p) for p in load_synonyms(path, "content/synonyms.yaml").problems]
    assert problems == [message]


def test_a_bad_group_is_skipped_and_the_others_kept(tmp_path):
    path = write(tmp_path / "synonyms.yaml", "- [tki, pmi]\n- [calo]\n- [visa, izin]\n")
    synonyms = load_synonyms(path, "content/synonyms.yaml")
    assert [phrases for _, phrases in synonyms.groups] == [("tki", "pmi"), ("visa", "izin")]
    assert len(synonyms.problems) == 1


def test_no_synonyms_file_means_no_synonyms(tmp_path):
    synonyms = load_synonyms(tmp_path / "synonyms.yaml", "content/synonyms.yaml")
    assert synonyms.groups == [] and synonyms.problems == []


def test_the_shipped_synonyms_file_is_valid():
    synonyms = load_synonyms(ROOT / "content" / "synonyms.yaml", "content/synonyms.yaml")
    assert synonyms.problems == []
    assert len(synonyms.groups) >= 30
    words = {phrase for _, phrases in synonyms.groups for phrase in phrases}
    for required in ("tki", "pmi", "pekerja migran", "calo", "sponsor", "perekrut",
                     "penipuan daring", "online scam", "kamboja", "cambodia", "umroh"):
        assert required in words


# -- typos ---------------------------------------------------------------------------

def test_a_very_long_word_leaves_the_typo_after_it_corrected(app):
    search = search_ready(app)
    assert search.find("pasor", "id").suggestion == "paspor"
    # 70 letters would spend the whole typo budget on one word no lesson could have.
    long_word = "kerjapalsu" * 7
    found = search.find(f"{long_word} pasor", "id")
    assert found.suggestion == f"{long_word} paspor"
