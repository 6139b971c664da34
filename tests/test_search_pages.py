"""Search as villagers use it: /cari and /cari/saran on a real Whoosh index in tmp_path."""

import re
import threading

import pytest
from conftest import lesson_text, search_ready, write

from kiosk import create_app, events


def results_slugs(page):
    """The lesson links in the results list, in order (not the popular lessons)."""
    found = re.search(r'<section class="search-found".*?</section>', page, re.S)
    return re.findall(r'href="/pelajaran/([a-z0-9-]+)"', found.group(0)) if found else []


def search_page(client, query, lang=None):
    params = {"q": query}
    if lang:
        params["lang"] = lang
    response = client.get("/cari", query_string=params)
    assert response.status_code == 200
    return response.get_data(as_text=True)


# -- village queries on the shipped lessons --------------------------------------------


@pytest.fixture(scope="module")
def shipped_app(tmp_path_factory):
    # One index of the shipped lessons for the read-only tests below (each has its own client).
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    search_ready(app)
    return app


@pytest.fixture
def shipped_client(shipped_app):
    return shipped_app.test_client()


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("paspor ditahan", "jeratan-utang-paspor-ditahan"),
        ("kerja di kamboja", "lowongan-palsu-penipuan-daring"),
        ("umroh", "visa-umrah-ziarah"),
        ("umrah kerja", "visa-umrah-ziarah"),
        ("nomor telepon lapor", "cara-melapor"),
        ("magang jerman", "magang-palsu"),
        ("calo", "calo-sponsor-ilegal"),
        ("Paspor   DITAHAN!!", "jeratan-utang-paspor-ditahan"),
        ("gimana cara lapor", "cara-melapor"),
        ("anak saya dikurung di luar negeri", "keluarga-dalam-bahaya"),
        ("nikah sama orang cina", "pengantin-pesanan"),
        ("umur dipalsukan", "pemalsuan-dokumen-umur"),
        ("syarat dokumen tki", "dokumen-pmi"),
        ("penipuan online", "lowongan-palsu-penipuan-daring"),
        ("pasport", "wawancara-paspor"),  # a typo answered for the word meant
        ("kerja di kambija", "lowongan-palsu-penipuan-daring"),
    ],
)
def test_village_queries_put_the_right_lesson_first(shipped_client, query, first):
    assert results_slugs(search_page(shipped_client, query))[0] == first


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("passport kept", "jeratan-utang-paspor-ditahan"),
        ("work in cambodia", "lowongan-palsu-penipuan-daring"),
        ("kamboja", "lowongan-palsu-penipuan-daring"),  # an Indonesian word, by synonym
        ("internship germany", "magang-palsu"),
        ("phone number to report", "cara-melapor"),
    ],
)
def test_english_queries_find_the_english_lessons(shipped_client, query, first):
    page = search_page(shipped_client, query, lang="en")
    assert results_slugs(page)[0] == first
    assert '<html lang="en">' in page


# -- a small village library in tmp_path ----------------------------------------------

VILLAGE_CATEGORIES = """\
modus:
  icon: alert
  name: {id: Modus perekrut ilegal, en: Tricks of illegal recruiters}
  description: {id: Cara calo menipu, en: How brokers deceive}
paksa:
  icon: chain
  name: {id: Tanda kerja paksa, en: Signs of forced labour}
  description: {id: Utang dan paspor, en: Debt and passports}
jalur:
  icon: shield
  name: {id: Jalur resmi dan aman, en: "The safe, legal route"}
  description: {id: Syarat resmi, en: The official steps}
lapor:
  icon: phone
  name: {id: Minta tolong dan lapor, en: Getting help}
  description: {id: Nomor pengaduan, en: Numbers to call}
"""

VILLAGE_SYNONYMS = """\
- [tki, pmi, tkw, pekerja migran]
- [kamboja, cambodia]
- [umrah, umroh]
- [penipuan daring, penipuan online, online scam]
"""

VILLAGE_LESSONS = {
    "id/calo-sponsor": ("Calo dan sponsor ilegal", "modus", "[calo, sponsor]", 1,
                        "Calo datang ke desa menawarkan kerja tanpa syarat.\n"),
    "id/lowongan-palsu": ("Lowongan palsu dan penipuan daring", "modus",
                          "[lowongan, kamboja, daring]", 2,
                          "Tawaran kerja di Kamboja dengan gaji besar berakhir di pusat "
                          "penipuan.\n"),
    "id/jeratan-utang": ("Jeratan utang dan paspor ditahan", "paksa",
                         "[utang, paspor, majikan]", 1,
                         "Majikan menahan paspor pekerja. Utang yang tidak pernah lunas "
                         "adalah tanda kerja paksa.\n\n## Apa yang bisa dilakukan\n\n"
                         "Simpan salinan paspor di rumah.\n"),
    "id/wawancara-paspor": ("Wawancara paspor melindungi Anda", "jalur",
                            "[paspor, wawancara, imigrasi]", 1,
                            "Petugas imigrasi bertanya tentang tujuan Anda.\n"),
    "id/visa-umrah": ("Visa umrah bukan visa kerja", "jalur", "[umrah, ziarah, visa]", 2,
                      "Visa umrah hanya untuk ibadah.\n"),
    "id/cara-melapor": ("Cara melapor", "lapor", "[lapor, telepon]", 1,
                        "Telepon nomor pengaduan atau datang ke kantor imigrasi.\n"),
    "en/wawancara-paspor": ("The passport interview protects you", "jalur",
                            "[passport, interview]", 1,
                            "The immigration officer asks where you are going.\n"),
    **{f"id/hak-pmi-{i}": (f"Hak PMI bagian {i}", "jalur", "[pmi, hak]", 10 + i,
                           "Setiap pekerja migran punya hak.\n") for i in range(1, 10)},
}


def village(root):
    write(root / "categories.yaml", VILLAGE_CATEGORIES)
    write(root / "synonyms.yaml", VILLAGE_SYNONYMS)
    for key, (title, category, tags, order, body) in VILLAGE_LESSONS.items():
        write(root / f"{key}.md", lesson_text(title, category, tags, order, body))
    (root / "media").mkdir()
    return root


@pytest.fixture(scope="module")
def village_app(tmp_path_factory):
    # Read-only tests share it; each has its own client.
    root = tmp_path_factory.mktemp("village")
    app = create_app({"TESTING": True, "CONTENT_DIR": str(village(root / "content")),
                      "DATA_DIR": str(root / "data")})
    search_ready(app)
    return app


@pytest.fixture
def village_client(village_app):
    return village_app.test_client()


def test_results_show_title_category_count_and_a_highlighted_snippet(village_client):
    page = search_page(village_client, "paspor ditahan")
    assert re.search(r"\d+ pelajaran cocok untuk “<bdi>paspor ditahan</bdi>”", page)
    first = page.split('<li>', 1)[1].split('</li>', 1)[0]
    assert "Tanda kerja paksa" in first  # its category
    assert "Jeratan utang dan <mark>paspor</mark> <mark>ditahan</mark>" in first
    snippet = re.search(r'class="lesson-card-summary search-snippet"[^>]*>(.*?)</span>',
                        first, re.S).group(1)
    assert "Majikan <mark>menahan</mark> <mark>paspor</mark> pekerja" in snippet
    assert len(snippet) < 400


def test_the_count_is_the_lessons_that_match_well(village_client):
    page = search_page(village_client, "paspor utang")
    # Both words: jeratan-utang. Only paspor, in a short lesson: wawancara-paspor, listed
    # after it as a lesson that mentions the word, and not counted.
    assert "1 pelajaran cocok untuk “<bdi>paspor utang</bdi>”" in page
    assert results_slugs(page) == ["jeratan-utang", "wawancara-paspor"]
    more = page.split('<h3 class="search-more">Pelajaran lain yang juga menyebut kata ini</h3>')
    assert "wawancara-paspor" in more[1] and "jeratan-utang" not in more[1]
    page = search_page(village_client, "tki")  # by synonym: pmi, pekerja migran
    assert "9 pelajaran cocok untuk “<bdi>tki</bdi>”" in page  # all alike
    assert "search-more" not in page


def test_kerja_di_kamboja_counts_the_lessons_about_both_not_every_one_with_kerja(
        shipped_client):
    page = search_page(shipped_client, "kerja di kamboja")
    count = int(re.search(r"(\d+) pelajaran cocok untuk", page).group(1))
    assert 1 <= count <= 3  # the shipped lessons: 20 of 21 say "kerja"
    assert results_slugs(page)[0] == "lowongan-palsu-penipuan-daring"
    good = page.split('<h3 class="search-more">')[0]
    assert "lowongan-palsu-penipuan-daring" in good


def test_a_typo_gets_maksud_anda_and_the_results_for_the_right_word(village_client):
    page = search_page(village_client, "pasport")
    assert 'Maksud Anda: <a href="/cari?q=paspor">paspor</a>?' in page
    assert "Tidak ada pelajaran untuk “<bdi>pasport</bdi>”, jadi ini hasil untuk “paspor”." \
        in page
    assert "wawancara-paspor" in results_slugs(page)


def test_a_typo_next_to_a_known_word_is_pointed_out_above_the_results(village_client):
    page = search_page(village_client, "paspor ditahn")
    assert 'Maksud Anda: <a href="/cari?q=paspor+ditahan">paspor ditahan</a>?' in page
    assert "jadi ini hasil untuk" not in page
    # The likeliest spelling joins the search: the lesson about both words comes first.
    assert results_slugs(page)[0] == "jeratan-utang"
    assert results_slugs(search_page(village_client, "kerja di kambija"))[0] == \
        "lowongan-palsu"


def test_a_search_that_finds_nothing_offers_popular_lessons_and_the_report_button(
        village_client):
    page = search_page(village_client, "xylofon")
    assert "Belum ada pelajaran untuk “<bdi>xylofon</bdi>”" in page
    empty = re.search(r'<section class="search-empty".*?</section>', page, re.S).group(0)
    assert 'href="/lapor"' in empty and "Lapor" in empty
    popular = re.search(r'<section class="search-popular".*?</section>', page, re.S).group(0)
    # The first lesson of each of the four topics.
    assert re.findall(r'href="/pelajaran/([a-z0-9-]+)"', popular) == [
        "calo-sponsor", "jeratan-utang", "wawancara-paspor", "cara-melapor"]
    assert "Maksud Anda" not in page  # nothing close enough to suggest


def test_every_search_is_handed_to_the_stats(app):
    search_ready(app)
    client = app.test_client()
    seen = []
    events.set_sink(app, lambda kind, fields: seen.append((kind, fields)))
    search_page(client, "  Paspor   Calo ")
    search_page(client, "xylofon", lang="en")
    client.get("/cari/saran?q=pasp")  # typing is not searching
    client.get("/cari")  # an empty box neither
    searches = [fields for kind, fields in seen if kind == "search"]
    # As typed (spaces tidied): the stats drop addresses and numbers, then lowercase it.
    assert searches == [{"query": "Paspor Calo", "results": 2, "lang": "id"},
                        {"query": "xylofon", "results": 0, "lang": "en"}]


# -- the search box ---------------------------------------------------------------


def test_the_home_page_has_the_big_search_box(client):
    page = client.get("/").get_data(as_text=True)
    form = re.search(r'<form class="search-form".*?</form>', page, re.S).group(0)
    assert 'action="/cari"' in form and 'method="get"' in form
    assert '<label class="search-label" for="search-q">' in form
    assert "Apa yang ingin Anda ketahui?" in form
    field = re.search(r"<input[^>]*>", form, re.S).group(0)
    for attribute in ('type="search"', 'name="q"', 'maxlength="200"', "data-osk",
                      'id="search-q"'):
        assert attribute in field
    assert '<script src="/static/js/search.js" defer></script>' in page


@pytest.mark.parametrize("path", ["/kategori/modus", "/pelajaran/calo", "/lapor",
                                  "/tentang", "/tidak-ada"])
def test_search_is_one_tap_away_on_every_page(client, path):
    page = client.get(path).get_data(as_text=True)
    assert re.search(r'<a class="topbar-search" href="/cari"[^>]*>.*?Cari</span></a>', page,
                     re.S)
    assert 'class="search-form"' not in page


@pytest.mark.parametrize("path", ["/", "/cari", "/cari?q=visa"])
def test_a_page_with_its_own_search_box_has_no_second_cari(client, path):
    page = client.get(path).get_data(as_text=True)
    assert 'class="search-form"' in page
    assert "topbar-search" not in page


def test_the_search_box_has_the_focus_only_while_nothing_is_asked(client):
    """/cari opens with the keyboard ready (osk.js opens it for the focused box); results
    do not, or the keyboard would cover them."""
    assert re.search(r'<input[^>]*id="search-q"[^>]*autofocus',
                     client.get("/cari").get_data(as_text=True))
    for path in ("/cari?q=visa", "/"):
        page = client.get(path).get_data(as_text=True)
        assert not re.search(r'<input[^>]*id="search-q"[^>]*autofocus', page)


def test_the_search_page_without_words_shows_the_box_and_a_hint(client):
    page = client.get("/cari").get_data(as_text=True)
    assert '<h1 class="search-title">Cari pelajaran</h1>' in page
    assert "Ketik satu atau dua kata" in page


def test_search_pages_are_translated(app, client):
    search_ready(app)
    page = client.get("/cari?q=visa&lang=en").get_data(as_text=True)
    assert "What do you want to know?" in page and "Search the lessons" in page
    assert "1 lesson matches “<bdi>visa</bdi>”" in page  # only the English lesson stands in
    page = client.get("/cari?q=calo&lang=en").get_data(as_text=True)
    # No English 'calo' lesson: the Indonesian one stands in, and says so.
    assert results_slugs(page) == ["calo"]
    assert "Bahasa Indonesia" in page.split('class="search-found"')[1]


# -- anything a villager may type --------------------------------------------------

HOSTILE = [
    '"paspor', "paspor\"'", "(calo", "calo)", "[visa", "{visa}", "visa AND OR NOT",
    "AND", "NOT calo", "*", "?", "pas*", "?aspor", "calo~2", "calo^10", "title:calo",
    "body:paspor OR 1=1", "key:id/calo", "/regex/", "\\", "a" * 10_000,
    "😀", "🙏🙏 paspor 🙏", "جواز السفر محتجز", "דרכון", "\u202epaspor\u202c",
    "\u200b\u200bcalo", "calo\x00visa", "\x00", "\x1b[31mcalo", "\r\n\t",
    "<script>alert(1)</script>", "{{ 7*7 }}", "%(query)s", "'; DROP TABLE lessons; --",
    "visa " * 300, "ｃａｌｏ", "ＶＩＳＡ", "e\u0301", "🇮🇩" * 50,
]


def short(value):
    return repr(value[:20]) + (f"+{len(value) - 20}" if len(value) > 20 else "")


@pytest.mark.parametrize("query", HOSTILE, ids=short)
def test_hostile_queries_get_a_calm_search_page(village_client, query):
    response = village_client.get("/cari", query_string={"q": query})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert '<h1 class="search-title">Cari pelajaran</h1>' in page
    assert 'data-nav="home"' in page
    assert "Traceback" not in page and "<script>alert" not in page
    main = page.split('<main id="isi"', 1)[1].split("</main>", 1)[0]
    assert "a" * 201 not in main and "\x00" not in page
    value = re.search(r'<input class="search-input"[^>]*value="([^"]*)"', page).group(1)
    assert len(value) <= 200


@pytest.mark.parametrize("raw", ["%ff%fe", "%00", "%C0%AF", "%ED%A0%80", "%%", "%2",
                                 "%E2%80%AE%E2%80%AE", "calo%00%ff"])
def test_percent_encoded_junk_gets_a_calm_page(village_client, raw):
    for path in (f"/cari?q={raw}", f"/cari/saran?q={raw}", f"/cari?q={raw}&q=calo"):
        response = village_client.get(path)
        assert response.status_code == 200
        assert b"Traceback" not in response.data


@pytest.mark.parametrize("query", HOSTILE, ids=short)
def test_hostile_queries_get_json_suggestions(village_client, query):
    response = village_client.get("/cari/saran", query_string={"q": query})
    assert response.status_code == 200
    data = response.get_json()
    assert isinstance(data["suggestions"], list) and len(data["query"]) <= 200


def test_a_fielded_query_is_only_words(app, client):
    search_ready(app)
    # "title:calo" must not be Whoosh syntax: it is the words "title" and "calo".
    assert results_slugs(search_page(client, "title:calo")) == ["calo"]
    assert results_slugs(search_page(client, "slug:jalur-resmi")) == ["jalur-resmi"]


# -- search-as-you-type ------------------------------------------------------------


def test_suggestions_complete_the_last_word_and_link_the_lesson(village_client):
    data = village_client.get("/cari/saran?q=paspor%20dita").get_json()
    assert data["query"] == "paspor dita"
    assert data["suggestions"][0] == {"title": "Jeratan utang dan paspor ditahan",
                                      "url": "/pelajaran/jeratan-utang",
                                      "category": "Tanda kerja paksa"}
    data = village_client.get("/cari/saran?q=umr").get_json()
    assert data["suggestions"][0]["url"] == "/pelajaran/visa-umrah"


def test_suggestions_are_at_most_eight_and_empty_for_nothing(village_client):
    assert len(village_client.get("/cari/saran?q=k").get_json()["suggestions"]) <= 8
    assert len(village_client.get("/cari/saran?q=pmi").get_json()["suggestions"]) == 8
    assert village_client.get("/cari/saran?q=").get_json() == {"query": "",
                                                               "suggestions": []}
    assert village_client.get("/cari/saran").get_json()["suggestions"] == []
    assert village_client.get("/cari/saran?q=qqqqq").get_json()["suggestions"] == []


def test_a_typo_while_typing_gets_the_word_meant_and_its_lessons(village_client):
    data = village_client.get("/cari/saran?q=pasport").get_json()
    assert data["correction"] == {"label": "Maksud Anda:", "text": "paspor",
                                  "url": "/cari?q=paspor"}
    assert "/pelajaran/wawancara-paspor" in [item["url"] for item in data["suggestions"]]
    data = village_client.get("/cari/saran?q=jeratan%20utamg%20paspor").get_json()
    assert data["correction"]["text"] == "jeratan utang paspor"
    english = village_client.get("/cari/saran?q=pasport&lang=en").get_json()
    assert english["correction"]["label"] == "Did you mean:"


@pytest.mark.parametrize("typed", ["pas", "paspor dita", "wawan", "umr", "paspor", "xylofon"])
def test_a_word_still_being_typed_or_spelled_right_is_no_typo(village_client, typed):
    assert "correction" not in village_client.get(f"/cari/saran?q={typed}").get_json()


def test_suggestions_follow_the_language(village_client):
    data = village_client.get("/cari/saran?q=passp&lang=en").get_json()
    assert data["suggestions"][0]["title"] == "The passport interview protects you"
    assert data["suggestions"][0]["category"] == "The safe, legal route"


def test_many_villagers_searching_at_once_all_get_answers(village_app):
    failures = []

    def villager(query):
        client = village_app.test_client()
        for _ in range(10):
            page = client.get("/cari", query_string={"q": query}).get_data(as_text=True)
            if "<mark>" not in page:  # from the index, with snippets, every time
                failures.append(query)

    threads = [threading.Thread(target=villager, args=(q,))
               for q in ("paspor", "calo", "umroh", "kamboja")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []


def test_a_lesson_written_while_running_is_found_after_the_watcher_syncs(app, client,
                                                                         content_dir):
    search_ready(app)
    assert results_slugs(search_page(client, "kambing")) == []
    write(content_dir / "id" / "ternak.md",
          lesson_text("Menjual kambing untuk biaya", body="Jangan jual kambing untuk calo.\n"))
    app.extensions["library"].refresh()  # what the content watcher does, then:
    app.extensions["search"].sync()
    assert results_slugs(search_page(client, "kambing")) == ["ternak"]
