"""Kiosk mode on the server: its settings, the end of a visit (/selesai and the attract screen's
first touch), the attract and offline pages, and the service worker that keeps the latter."""

import json
import re

import pytest
from conftest import look, settings
from quiz_samples import CHECKER, write_quiz

from kiosk import create_app
from kiosk.errors import ConfigError

PIN = "246813"


def precache(client):
    body = client.get("/sw.js").get_data(as_text=True)
    return json.loads(re.search(r"^var PRECACHE = (.*);$", body, re.M).group(1))


def version(client):
    body = client.get("/sw.js").get_data(as_text=True)
    return re.search(r'^var VERSION = "([0-9a-f]+)";$', body, re.M).group(1)


# -- settings -------------------------------------------------------------------------


def test_every_page_carries_the_idle_settings_and_the_keyboard(client):
    page = client.get("/").get_data(as_text=True)
    assert 'data-idle-seconds="90"' in page
    assert 'data-idle-countdown="15"' in page
    assert 'data-onscreen-keyboard="on"' in page
    assert '<dialog class="idle" data-idle' in page
    assert "Masih di sini?" in page
    assert '<template id="osk-template">' in page
    assert "/static/js/osk.js" in page
    assert 'src="/static/js/kiosk.js"' in page


def test_the_keyboard_has_every_letter_and_digit_as_a_labelled_button(client):
    page = client.get("/").get_data(as_text=True)
    keys = re.findall(r'<button type="button" class="osk-key[^"]*" data-key="(.)">\1</button>',
                      page)
    assert sorted(keys) == sorted("abcdefghijklmnopqrstuvwxyz0123456789-")
    for action, name in (("backspace", "Hapus satu huruf"), ("close", "Tutup keyboard")):
        assert re.search(rf'data-action="{action}" aria-label="{name}"', page)
    assert 'data-action="enter"' in page


def test_settings_come_from_the_environment(monkeypatch, content_dir, tmp_path):
    monkeypatch.setenv("KIOSK_IDLE_SECONDS", "45")
    monkeypatch.setenv("KIOSK_ONSCREEN_KEYBOARD", "false")
    app = create_app(settings(content_dir, tmp_path))
    assert app.config["IDLE_SECONDS"] == 45
    assert app.config["ONSCREEN_KEYBOARD"] is False
    page = app.test_client().get("/").get_data(as_text=True)
    assert 'data-idle-seconds="45"' in page
    assert 'data-onscreen-keyboard="off"' in page
    assert "osk-template" not in page
    assert "/osk.js" not in page and "/osk.css" not in page


def test_an_idle_time_of_zero_turns_the_reset_off(content_dir, tmp_path):
    app = create_app(settings(content_dir, tmp_path, IDLE_SECONDS=0))
    page = app.test_client().get("/").get_data(as_text=True)
    assert 'data-idle-seconds="0"' in page
    assert "data-idle " not in page and "Masih di sini?" not in page


@pytest.mark.parametrize("setting, value, message", [
    ("IDLE_SECONDS", "90", "Config value 'IDLE_SECONDS': expected a whole number of seconds "
                           "(0 turns the idle reset off), got '90'"),
    ("IDLE_SECONDS", -5, "Config value 'IDLE_SECONDS': expected a whole number of seconds "
                         "(0 turns the idle reset off), got -5"),
    ("IDLE_SECONDS", 1.5, "Config value 'IDLE_SECONDS': expected a whole number of seconds "
                          "(0 turns the idle reset off), got 1.5"),
    ("IDLE_COUNTDOWN_SECONDS", 0, "Config value 'IDLE_COUNTDOWN_SECONDS': expected a whole "
                                  "number of seconds (at least 1), got 0"),
    ("IDLE_COUNTDOWN_SECONDS", True, "Config value 'IDLE_COUNTDOWN_SECONDS': expected a whole "
                                     "number of seconds (at least 1), got True"),
    ("ONSCREEN_KEYBOARD", "yes", "Config value 'ONSCREEN_KEYBOARD': expected True or False, "
                                 "got 'yes'"),
])
def test_settings_the_page_cannot_use_are_refused(content_dir, tmp_path, setting, value,
                                                  message):
    with pytest.raises(ConfigError) as caught:
        create_app(settings(content_dir, tmp_path, **{setting: value}))
    assert str(caught.value) == message


# -- the end of a visit ---------------------------------------------------------------


@pytest.fixture
def busy_visit(app, tmp_path):
    """A client deep in a visit: English, a quiz answered, the checker begun, an officer in."""
    write_quiz(tmp_path / "quizzes")
    write_quiz(tmp_path / "quizzes", "cek-tawaran", CHECKER)
    look(app)
    assert app.test_cli_runner().invoke(
        args=["set-pin"], input=f"{PIN}\n{PIN}\n").exit_code == 0
    client = app.test_client()
    client.get("/?lang=en")
    page = client.get("/kuis/visa-ziarah").get_data(as_text=True)
    token = re.search(r'name="attempt" value="([^"]+)"', page).group(1)
    question = re.search(r'name="question" value="([^"]+)"', page).group(1)
    client.post("/kuis/visa-ziarah",
                data={"attempt": token, "question": question, "pilihan": "1"})
    client.post("/cek-tawaran")
    login = client.get("/petugas/masuk").get_data(as_text=True)
    csrf = re.search(r'name="csrf" value="([^"]+)"', login).group(1)
    assert client.post("/petugas/masuk", data={"csrf": csrf, "pin": PIN}).status_code == 302
    with client.session_transaction() as session:
        assert {"lang", "kuis", "cek", "petugas", "csrf"} <= set(session)
    return client


def test_the_idle_reset_forgets_the_whole_visit(busy_visit):
    old_cookie = busy_visit.get_cookie("kiosk").value
    response = busy_visit.post("/selesai", headers={"X-Kiosk-Reset": "1",
                                                    "Sec-Fetch-Site": "same-origin"})
    assert response.status_code == 204
    assert response.headers["Cache-Control"] == "no-store"
    assert busy_visit.get_cookie("kiosk") is None  # the browser is told to drop it
    assert '<html lang="id">' in busy_visit.get("/").get_data(as_text=True)
    assert "Pertanyaan <strong>1 / 4</strong>" in busy_visit.get(
        "/kuis/visa-ziarah").get_data(as_text=True)
    # The officer's login ended on the server too: the old cookie, replayed, opens nothing.
    busy_visit.set_cookie("kiosk", old_cookie)
    response = busy_visit.get("/petugas")
    assert response.status_code == 302
    assert response.location.startswith("/petugas/masuk")


@pytest.mark.parametrize("headers", [
    {},
    {"X-Kiosk-Reset": "yes"},
    {"X-Kiosk-Reset": "1", "Sec-Fetch-Site": "cross-site"},
    {"X-Kiosk-Reset": "1", "Sec-Fetch-Site": "same-site"},
], ids=["no header", "wrong header", "cross-site", "same-site"])
def test_a_reset_from_anywhere_else_is_refused_and_changes_nothing(busy_visit, headers):
    response = busy_visit.post("/selesai", headers=headers)
    assert response.status_code == 400
    assert response.json == {"error": "a visit is ended by the kiosk's own pages, "
                                      "with X-Kiosk-Reset"}
    with busy_visit.session_transaction() as session:
        assert session["lang"] == "en" and "kuis" in session


def test_the_first_touch_on_the_attract_screen_starts_a_clean_visit(busy_visit):
    response = busy_visit.post("/mulai")
    assert (response.status_code, response.location) == (303, "/")
    assert busy_visit.get_cookie("kiosk") is None


# -- the attract screen ---------------------------------------------------------------


def test_the_attract_screen_shows_the_warnings_in_every_language(client):
    client.get("/?lang=en")  # a visit in English that did not reach /selesai
    response = client.get("/mulai")
    page = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert '<html lang="id">' in page
    for indonesian, english in [
        ("Waspada tawaran kerja ke luar negeri!", "Beware of job offers abroad!"),
        ("Jangan serahkan paspor Anda kepada calo.", "Never hand your passport to a broker."),
        ("Cek dulu: apakah agennya resmi?", "Check first: is the agency licensed?"),
        ("Telepon gratis 0800-1000, 24 jam.", "Call 0800-1000 free, 24 hours a day."),
        ("Sentuh layar untuk mulai", "Touch the screen to start"),
    ]:
        assert f'lang="id">{indonesian}</span>' in page
        assert f'lang="en">{english}</span>' in page
    assert '<form class="attract-start" method="post" action="/mulai" data-start>' in page
    # Not part of a visit, and nothing to go anywhere else with.
    assert "stats.js" not in page and 'class="dock"' not in page
    assert "<a " not in page


# -- the offline page and its service worker ------------------------------------------


def test_the_offline_page_is_the_same_for_everybody(client):
    plain = client.get("/offline")
    client.get("/?lang=en")
    during_visit = client.get("/offline")
    assert plain.get_data() == during_visit.get_data()
    assert "Set-Cookie" not in during_visit.headers
    page = plain.get_data(as_text=True)
    assert '<html lang="id">' in page
    assert 'lang="id">Sebentar, kios sedang dimuat ulang…</span>' in page
    assert 'lang="en">One moment, the kiosk is reloading…</span>' in page
    assert 'data-ping="/healthz"' in page


def test_the_offline_page_needs_nothing_the_worker_does_not_keep(client):
    page = client.get("/offline").get_data(as_text=True)
    wanted = re.findall(r'(?:src|href)="(/[^"]*)"', page)
    assert wanted and set(wanted) <= set(precache(client))
    for url in precache(client):
        response = client.get(url)
        response.close()  # static files are streamed from an open file
        assert response.status_code == 200


def test_the_service_worker_covers_the_whole_kiosk_and_is_never_stale(client):
    response = client.get("/sw.js")
    assert response.mimetype == "text/javascript"
    assert response.headers["Cache-Control"] == "no-cache"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert precache(client)[0] == "/offline"
    body = response.get_data(as_text=True)
    assert 'var OFFLINE_URL = "/offline";' in body
    client.get("/?lang=en")
    assert client.get("/sw.js").get_data() == response.get_data()  # not the visit's business


def test_the_worker_changes_when_the_offline_page_does(content_dir, tmp_path):
    versions = set()
    for name in ("Desa Sukamaju", "Desa Mekarsari"):
        app = create_app(settings(content_dir, tmp_path, KIOSK_NAME=name))
        versions.add(version(app.test_client()))
    assert len(versions) == 2


def test_pages_register_the_worker_and_know_where_to_reset(client):
    page = client.get("/tentang").get_data(as_text=True)
    assert re.search(r'src="/static/js/kiosk.js" defer\s+data-service-worker="/sw.js"\s+'
                     r'data-reset="/selesai" data-attract="/mulai"', page)
    missing = client.get("/tidak-ada").get_data(as_text=True)
    assert 'data-idle-seconds="90"' in missing  # an error page is reset like any other
