"""Dengarkan as the server serves it: the button only where the kiosk can speak, a page's
playlist with this kiosk's URLs, clips and recordings served for a media player (long caching,
Range), names of any other form refused with the kiosk's 404, and each tap counted once."""

import re
import sqlite3

import pytest
from conftest import PIN_COST, settings, stats_file_before, write
from quiz_samples import CHECKER, QUIZ

from kiosk import create_app

HEX = "0123456789abcdef" * 2


@pytest.fixture(scope="module")
def spoken(tmp_path_factory):
    """A kiosk on the small content tree with its quizzes and checker, every clip built by
    `kiosk audio build` (real eSpeak NG), shared by this module's tests: building is the slow
    part. Tests that count events read the stats they add, never a total."""
    from conftest import CATEGORIES, lesson_text

    tmp_path = tmp_path_factory.mktemp("listen")
    content = tmp_path / "content"
    write(content / "categories.yaml", CATEGORIES)
    write(content / "id" / "calo.md", lesson_text(
        "Calo", tags="[calo]", body="Calo datang ke desa. Ia ramah sekali.\n\n"
                                    "## Tanda-tanda\n\nIa minta uang muka.\n"))
    write(content / "id" / "jalur-resmi.md", lesson_text("Jalur resmi", "jalur", "[resmi]"))
    write(tmp_path / "quizzes" / "visa-ziarah.yaml", QUIZ.replace("[visa-ziarah]", "[calo]"))
    write(tmp_path / "quizzes" / "cek-tawaran.yaml", CHECKER)
    app = create_app(settings(content, tmp_path, CONTENT_RECHECK_SECONDS=0,
                              OFFICER_PIN_COST=PIN_COST))
    done = app.test_cli_runner().invoke(args=["audio", "build"])
    assert done.exit_code == 0, done.output
    # An officer's recording of one section: any real Ogg file will do, a built clip is one.
    clip = next((tmp_path / "data" / "audio").glob("*.ogg"))
    write(content / "audio" / "id" / "calo#tanda-tanda.ogg", "")
    (content / "audio" / "id" / "calo#tanda-tanda.ogg").write_bytes(clip.read_bytes())
    return app


def listened(app):
    store = app.extensions["stats"]
    with store.reading() as conn:
        return conn.execute("SELECT page, item, lang, n FROM listened ORDER BY page, item")\
            .fetchall()


def button_url(page):
    found = re.search(r'data-dengar="([^"]+)"', page)
    return found and found.group(1).replace("&amp;", "&")


def test_a_lesson_has_the_button_and_its_playlist_says_what_to_play(spoken):
    client = spoken.test_client()
    page = client.get("/pelajaran/calo").get_data(as_text=True)
    url = button_url(page)
    assert url == "/dengar/lesson.json?lang=id&slug=calo"
    assert 'data-baca="judul"' in page and 'data-baca="ringkasan"' in page
    # Only the button and the script waiting for its tap: the player comes with the tap.
    assert "listen_tap.js" in page and '<script src="/static/js/listen.js"' not in page

    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    playlist = response.get_json()
    assert playlist["lang"] == "id"
    blocks = [part["block"] for part in playlist["parts"]]
    assert blocks[:2] == ["judul", "ringkasan"]
    for part in playlist["parts"]:
        assert re.fullmatch(r"/dengar/(klip/[0-9a-f]{32}\.ogg|rekaman/id/\S+)", part["src"])
        assert part["sentences"] and all(isinstance(s["start"], int | float) and s["text"]
                                         for s in part["sentences"])
        # Every block the playlist names is on the page, to be marked as it is read.
        for block in part.get("blocks") or [part["block"]]:
            assert f'data-baca="{block}"' in page
    summary = next(p for p in playlist["parts"] if p["block"] == "ringkasan")
    assert [s["text"] for s in summary["sentences"]] == ["Ringkasan Calo."]
    # The officer's recording of the section wins over the synthetic voice.
    recorded = [p for p in playlist["parts"] if p["recording"]]
    assert recorded and recorded[0]["src"] == "/dengar/rekaman/id/calo%23tanda-tanda.ogg"


def test_clips_and_recordings_are_served_for_a_player_and_cached_for_good(spoken):
    client = spoken.test_client()
    playlist = client.get("/dengar/lesson.json?lang=id&slug=calo").get_json()
    clip = next(p["audio"] for p in playlist["parts"] if p["audio"])

    def get(path, **headers):
        response = client.get(path, headers=headers)
        response.get_data()  # read whole, then closed, as a server closes a file it sent
        response.close()
        return response

    whole = get(clip)
    assert whole.status_code == 200
    assert whole.mimetype == "audio/ogg"
    assert whole.data[:4] == b"OggS"
    assert "immutable" in whole.headers["Cache-Control"]
    assert "max-age=31536000" in whole.headers["Cache-Control"]
    part = get(clip, Range="bytes=0-9")
    assert part.status_code == 206 and part.data == whole.data[:10]
    assert part.headers["Content-Range"].startswith("bytes 0-9/")
    assert get(clip, **{"If-None-Match": whole.headers["ETag"]}).status_code == 304

    recording = get("/dengar/rekaman/id/calo%23tanda-tanda.ogg")
    assert recording.status_code == 200 and recording.data[:4] == b"OggS"
    assert "immutable" not in recording.headers["Cache-Control"]  # an officer may re-record


@pytest.mark.parametrize("path", [
    "/dengar/klip/" + HEX + ".mp3",
    "/dengar/klip/" + HEX.upper() + ".ogg",
    "/dengar/klip/" + HEX[:31] + ".ogg",
    "/dengar/klip/" + "f" * 32 + ".ogg",  # of the form, but no such clip
    "/dengar/klip/..%2F..%2Fstats.sqlite3",
    "/dengar/klip/%2e%2e",
    "/dengar/rekaman/id/..%2F..%2Fcategories.yaml",
    "/dengar/rekaman/id/calo.txt",
    "/dengar/rekaman/xx/calo%23tanda-tanda.ogg",
    "/dengar/rekaman/id/.calo.ogg",
    "/dengar/rekaman/id/tidak-ada.ogg",
])
def test_any_other_name_gets_the_kiosks_own_not_found_page(spoken, path):
    response = spoken.test_client().get(path)
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "Halaman tidak ditemukan" in page and "Traceback" not in page


@pytest.mark.parametrize("query", [
    "/dengar/lesson.json?slug=tidak-ada",
    "/dengar/lesson.json?slug=../calo",
    "/dengar/lesson.json",
    "/dengar/lesson.json?slug=calo&lang=fr",
    "/dengar/semua.json",
    "/dengar/quiz_question.json?quiz=visa-ziarah&question=q99",
    "/dengar/quiz_feedback.json?quiz=visa-ziarah&question=q1&outcome=hebat",
    "/dengar/checker_result.json?level=tidak-ada",
    "/dengar/checker_result.json?level=bahaya&signs=" + ",".join(["a"] * 31),
])
def test_an_unknown_playlist_is_a_calm_json_404(spoken, query):
    response = spoken.test_client().get(query)
    assert response.status_code == 404
    assert response.get_json() == {"error": "Halaman tidak ditemukan"}


def test_each_fetch_of_a_playlist_is_one_play_counted_without_the_listener(spoken):
    client = spoken.test_client()
    before = dict(((p, i, lang), n) for p, i, lang, n in listened(spoken))

    def more():
        now = {(p, i, lang): n for p, i, lang, n in listened(spoken)}
        return {key: n - before.get(key, 0) for key, n in now.items() if n != before.get(key)}

    client.get("/pelajaran/calo")  # opening the page plays nothing and counts no play
    assert more() == {}
    client.get("/dengar/lesson.json?lang=id&slug=calo")
    client.get("/dengar/lesson.json?lang=id&slug=calo")
    client.get("/dengar/quiz_question.json?lang=en&quiz=visa-ziarah&question=q1")
    client.get("/dengar/checker_result.json?lang=id&level=bahaya&signs=&find_out=")
    client.get("/dengar/report.json?lang=id")
    assert more() == {("lesson", "calo", "id"): 2, ("quiz", "visa-ziarah/q1", "en"): 1,
                      ("checker", "hasil", "id"): 1, ("report", "", "id"): 1}


def test_quiz_checker_and_lapor_pages_carry_the_button_and_their_blocks(spoken):
    client = spoken.test_client()
    page = client.get("/kuis/visa-ziarah").get_data(as_text=True)
    url = button_url(page)
    qid = re.search(r'name="question" value="([^"]+)"', page).group(1)
    assert url == f"/dengar/quiz_question.json?lang=id&quiz=visa-ziarah&question={qid}"
    assert 'data-baca="soal"' in page and 'data-baca="pilihan-' in page
    playlist = client.get(url).get_json()
    for part in playlist["parts"]:
        assert f'data-baca="{part["block"]}"' in page

    page = client.get("/lapor").get_data(as_text=True)
    assert button_url(page) == "/dengar/report.json?lang=id"
    for part in client.get("/dengar/report.json?lang=id").get_json()["parts"]:
        assert f'data-baca="{part["block"]}"' in page

    page = client.get(client.post("/cek-tawaran").headers["Location"]).get_data(as_text=True)
    assert button_url(page).startswith("/dengar/checker_question.json?lang=id&question=")
    assert 'data-baca="jawab-tidak-tahu"' in page


def test_a_kiosk_without_speech_shows_no_button_and_serves_no_playlist(content_dir, tmp_path):
    app = create_app(settings(content_dir, tmp_path, SPEECH=False))
    client = app.test_client()
    for path in ("/pelajaran/calo", "/lapor"):
        page = client.get(path).get_data(as_text=True)
        assert "data-dengar" not in page and "listen_tap.js" not in page
    assert client.get("/dengar/lesson.json?lang=id&slug=calo").status_code == 404
    assert client.get("/dengar/klip/" + HEX + ".ogg").status_code == 404


def test_the_officer_sees_plays_per_lesson(stats_app):
    from test_officer import PIN, set_pin, try_pin

    store = stats_app.extensions["stats"]
    for page, item, times in (("lesson", "calo", 3), ("lesson", "visa-ziarah", 1),
                              ("quiz", "visa-ziarah/q1", 2), ("report", "", 1)):
        for _ in range(times):
            store.record("listened", {"page": page, "item": item, "lang": "id"})
    set_pin(stats_app)
    client = stats_app.test_client()
    assert try_pin(client, PIN).status_code == 302
    page = client.get("/petugas").get_data(as_text=True)
    rows = re.findall(r'<tr data-listened="([^"]+)"><th scope="row">([^<]+)</th>'
                      r'<td class="num">(\d+)</td>', page)
    assert rows == [("calo", "Calo", "3"), ("visa-ziarah", "Visa ziarah", "1")]
    assert ("Juga didengarkan: soal kuis 2 kali, Cek tawaran kerja 0 kali, layar Lapor 1 kali."
            in page)


@pytest.mark.parametrize(("fields", "message"), [
    ({"page": "beranda", "item": "calo", "lang": "id"},
     "event 'listened': 'page' must be one of lesson, quiz, checker, report, attract"),
    ({"page": "quiz", "item": "a/b/c", "lang": "id"},
     "event 'listened': 'item' must be an id or quiz/question"),
    ({"page": "lesson", "item": "../calo", "lang": "id"},
     "event 'listened': 'item' must be an id (letters, digits, - _ .)"),
    ({"page": "lesson", "item": "calo"}, "event 'listened' is missing 'lang'"),
    ({"page": "lesson", "item": "calo", "lang": "id", "who": "x"},
     "event 'listened' has unknown fields ['who']"),
])
def test_a_listened_event_carries_only_what_was_heard(fields, message):
    from kiosk.stats.engagement import EventError, tally_key

    with pytest.raises(EventError) as caught:
        tally_key("listened", fields)
    assert str(caught.value) == message
    assert tally_key("listened", {"page": "report", "lang": "en"}) == ("report", "", "en")


def test_a_stats_file_from_before_dengarkan_gets_its_table_and_keeps_its_counts(tmp_path):
    from kiosk.stats.store import StatsStore

    path = tmp_path / "stats.sqlite3"
    conn = stats_file_before(path, "listened")
    conn.execute("INSERT INTO lesson_viewed VALUES ('2026-03-04', '', 'calo', 'id', 7)")
    conn.commit()
    conn.close()
    store = StatsStore(path)
    store.record("listened", {"page": "lesson", "item": "calo", "lang": "id"})
    store.close()
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT n FROM lesson_viewed").fetchall() == [(7,)]
        assert conn.execute("SELECT page, item, lang, n FROM listened").fetchall() == [
            ("lesson", "calo", "id", 1)]
    finally:
        conn.close()
