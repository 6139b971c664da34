"""The officer area: PIN set from the terminal, login, waits after wrong PINs, idle expiry,
logout, CSRF, and the dashboard for a chosen period with its print and download."""

import json
import os
import re
from pathlib import Path

import pytest
from conftest import PIN_COST, lesson_text, look, newer_stats_database, settings, write

from kiosk import create_app, events
from kiosk.errors import ConfigError
from kiosk.views.guard import officer_required

PIN = "246813"


def csrf(page):
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def set_pin(app, pin=PIN, again=None, role=None):
    args = ["set-pin"] + (["--role", role] if role else [])
    return app.test_cli_runner().invoke(args=args, input=f"{pin}\n{again or pin}\n")


def try_pin(client, pin, role="officer", target=None):
    page = client.get("/petugas/masuk", query_string={"peran": role}).get_data(as_text=True)
    data = {"csrf": csrf(page), "pin": pin, "peran": role}
    if target:
        data["lanjut"] = target
    return client.post("/petugas/masuk", data=data)


@pytest.fixture
def officer(stats_app):
    set_pin(stats_app)
    client = stats_app.test_client()
    assert try_pin(client, PIN).status_code == 302
    return client


def test_until_a_pin_is_set_the_area_only_says_how_to_set_one(stats_app):
    client = stats_app.test_client()
    for path in ("/petugas", "/petugas/", "/petugas/masuk", "/petugas/unduh"):
        response = client.get(path)
        page = response.get_data(as_text=True)
        assert response.status_code == 200, path
        assert "PIN petugas belum dibuat" in page
        assert "<code>kiosk set-pin</code>" in page
        assert 'name="pin"' not in page and "Laporan pemakaian" not in page


def test_set_pin_reads_two_lines_when_not_at_a_terminal_and_stores_only_a_hash(stats_app,
                                                                              tmp_path):
    done = set_pin(stats_app)
    assert done.exit_code == 0
    assert done.output == "The officer PIN is set; logins made with an earlier PIN have ended.\n"
    stored = json.loads((tmp_path / "data" / "officer_pins.json").read_text())
    assert set(stored) == {"officer"}
    assert stored["officer"].startswith("scrypt:") and PIN not in stored["officer"]
    assert (tmp_path / "data" / "officer_pins.json").stat().st_mode & 0o077 == 0


def test_a_pin_set_under_one_scrypt_cost_opens_under_another(content_dir, tmp_path):
    """The stored hash names its own cost: a kiosk whose OFFICER_PIN_COST changed still
    lets the officer in, and still refuses a wrong PIN."""
    cheap = create_app(settings(content_dir, tmp_path))  # the tests' cost, 2**7
    assert set_pin(cheap).exit_code == 0
    stored = json.loads((tmp_path / "data" / "officer_pins.json").read_text())["officer"]
    assert stored.startswith(f"scrypt:{PIN_COST}:8:1$")
    real = create_app(settings(content_dir, tmp_path, OFFICER_PIN_COST=2**15))
    assert real.config["OFFICER_PIN_COST"] == 2**15
    assert try_pin(real.test_client(), "111111").status_code == 401
    assert try_pin(real.test_client(), PIN).status_code == 302
    assert set_pin(real, "975310").exit_code == 0  # set under the real cost, opens under 2**7
    stored = json.loads((tmp_path / "data" / "officer_pins.json").read_text())["officer"]
    assert stored.startswith("scrypt:32768:8:1$")
    assert try_pin(cheap.test_client(), PIN).status_code == 401
    assert try_pin(cheap.test_client(), "975310").status_code == 302


def test_the_pin_cost_defaults_to_werkzeugs_scrypt_cost(content_dir, tmp_path):
    app = create_app({"TESTING": True, "CONTENT_DIR": str(content_dir),
                      "QUIZ_DIR": str(tmp_path / "quizzes"), "DATA_DIR": str(tmp_path / "data")})
    assert app.config["OFFICER_PIN_COST"] == 2**15


@pytest.mark.parametrize("cost", [0, 64, 1000, 256.0, "256", True])
def test_a_pin_cost_scrypt_cannot_use_stops_the_kiosk_at_start(content_dir, tmp_path, cost):
    with pytest.raises(ConfigError) as caught:
        create_app(settings(content_dir, tmp_path, OFFICER_PIN_COST=cost))
    assert str(caught.value) == ("Config value 'OFFICER_PIN_COST': expected a power of 2 of at "
                                 f"least 128 (scrypt's N), got {cost!r}")


@pytest.mark.parametrize(
    ("pin", "again", "message"),
    [
        ("246813", "246831", "Error: the two PINs differ; nothing was changed"),
        ("1234", None, "Error: a PIN must be 6 to 12 digits; nothing was changed"),
        ("abcdefgh", None, "Error: a PIN must be 6 to 12 digits; nothing was changed"),
        ("1" * 13, None, "Error: a PIN must be 6 to 12 digits; nothing was changed"),
        ("", None, "Error: a PIN must be 6 to 12 digits; nothing was changed"),
    ],
)
def test_set_pin_refuses_a_bad_or_mistyped_pin(stats_app, tmp_path, pin, again, message):
    done = set_pin(stats_app, pin, again)
    assert done.exit_code == 1
    assert done.output.strip() == message
    assert not (tmp_path / "data" / "officer_pins.json").exists()


def test_the_editor_role_has_its_own_pin(stats_app):
    assert set_pin(stats_app, "135792", role="editor").exit_code == 0
    client = stats_app.test_client()
    # The editor PIN does not open the officer area, which still has no PIN of its own.
    assert "PIN petugas belum dibuat" in client.get("/petugas").get_data(as_text=True)
    set_pin(stats_app)
    assert try_pin(client, "135792").status_code == 401
    assert try_pin(client, "135792", role="editor").status_code == 302


def test_a_right_pin_opens_the_dashboard_and_returns_to_the_asked_page(stats_app):
    set_pin(stats_app)
    client = stats_app.test_client()
    response = client.get("/petugas?periode=minggu-ini")
    assert response.status_code == 302
    assert response.location.startswith("/petugas/masuk?peran=officer&lanjut=")
    page = client.get(response.location).get_data(as_text=True)
    assert 'type="password" inputmode="numeric"' in page
    target = re.search(r'name="lanjut" value="([^"]+)"', page).group(1)
    response = try_pin(client, PIN, target=target.replace("&amp;", "&"))
    assert response.location == "/petugas?periode=minggu-ini"
    page = client.get(response.location).get_data(as_text=True)
    assert "Laporan pemakaian kios" in page
    assert 'aria-current="true">Minggu ini</a>' in page


@pytest.mark.parametrize("target", ["https://contoh.id/", "//contoh.id/petugas", "/lapor",
                                    "/petugas\\@contoh.id"])
def test_after_login_only_officer_pages_are_returned_to(stats_app, target):
    set_pin(stats_app)
    response = try_pin(stats_app.test_client(), PIN, target=target)
    assert response.location == "/petugas"


def test_five_wrong_pins_make_the_next_try_wait(stats_app, clock):
    set_pin(stats_app)
    client = stats_app.test_client()
    for left in (4, 3, 2, 1):
        response = try_pin(client, "111111")
        assert response.status_code == 401
        assert f"PIN salah. Masih bisa mencoba {left} kali." in response.get_data(as_text=True)
    response = try_pin(client, "111111")
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "PIN salah terlalu sering. Tunggu 1 detik, lalu coba lagi." in page
    # The wait is for everyone, whatever browser or address: even the right PIN waits (here
    # an officer's laptop on the hall's network, which LAN_OFFICER lets in).
    stats_app.config["LAN_OFFICER"] = True
    other = stats_app.test_client()
    other.environ_base["REMOTE_ADDR"] = "10.0.0.9"
    page = other.get("/petugas/masuk").get_data(as_text=True)
    assert "Tunggu 1 detik" in page
    response = client.post("/petugas/masuk", data={"csrf": _session_csrf(client), "pin": PIN})
    assert response.status_code == 429
    clock.advance(1)
    assert try_pin(client, PIN).status_code == 302


def _session_csrf(client):
    with client.session_transaction() as session:
        return session["csrf"]


def test_a_right_pin_resets_the_count_of_wrong_ones(stats_app):
    set_pin(stats_app)
    client = stats_app.test_client()
    for _ in range(4):
        try_pin(client, "111111")
    assert try_pin(client, PIN).status_code == 302
    response = try_pin(client, "111111")
    assert "Masih bisa mencoba 4 kali." in response.get_data(as_text=True)


def test_the_session_ends_after_fifteen_idle_minutes(officer, clock):
    clock.advance(14 * 60)
    assert officer.get("/petugas").status_code == 200  # and the idle timer restarts
    clock.advance(14 * 60)
    assert officer.get("/petugas").status_code == 200
    clock.advance(15 * 60 + 1)
    response = officer.get("/petugas")
    assert response.status_code == 302
    page = officer.get(response.location).get_data(as_text=True)
    assert "Sesi berakhir karena 15 menit tidak dipakai. Masukkan PIN lagi." in page


def test_logout_is_visible_and_ends_the_session_even_for_a_copied_cookie(officer):
    page = officer.get("/petugas").get_data(as_text=True)
    assert re.search(r'action="/petugas/keluar">\s*<input type="hidden" name="csrf"', page)
    copied = officer.get_cookie("kiosk").value
    response = officer.post("/petugas/keluar", data={"csrf": csrf(page)})
    assert response.location == "/petugas/masuk?keluar=1"
    assert "Anda sudah keluar" in officer.get(response.location).get_data(as_text=True)
    officer.set_cookie("kiosk", copied)
    assert officer.get("/petugas").status_code == 302


def test_a_new_pin_ends_logins_made_with_the_old_one(stats_app, officer):
    assert officer.get("/petugas").status_code == 200
    set_pin(stats_app, "975310")
    assert officer.get("/petugas").status_code == 302


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/petugas/masuk", {"pin": PIN}),
        ("/petugas/masuk", {"pin": PIN, "csrf": "palsu"}),
        ("/petugas/masuk", {"pin": PIN, "csrf": ""}),
        ("/petugas/keluar", {}),
        ("/petugas/keluar", {"csrf": "x" * 43}),
        ("/petugas/apa-saja", {"csrf": "palsu"}),  # later officer forms are covered too
    ],
)
def test_a_form_without_the_right_csrf_token_is_refused(stats_app, officer, path, data):
    response = officer.post(path, data=data)
    assert response.status_code == 400
    assert "Maaf, isian ini tidak bisa diproses" in response.get_data(as_text=True)
    assert officer.get("/petugas").status_code == 200  # still logged in: nothing happened


def test_a_wrong_csrf_token_does_not_count_as_a_wrong_pin(stats_app):
    set_pin(stats_app)
    client = stats_app.test_client()
    client.get("/petugas/masuk")
    for _ in range(6):
        assert client.post("/petugas/masuk", data={"pin": "111111"}).status_code == 400
    assert try_pin(client, PIN).status_code == 302


def test_officer_required_protects_later_features_by_role(stats_app):
    @stats_app.get("/petugas/konten-uji")
    @officer_required(role="editor")
    def editor_page():
        return "ruang penyunting"

    set_pin(stats_app)
    set_pin(stats_app, "135792", role="editor")
    client = stats_app.test_client()
    try_pin(client, PIN)
    assert client.get("/petugas/konten-uji").status_code == 302
    try_pin(client, "135792", role="editor")
    assert client.get("/petugas/konten-uji").get_data(as_text=True) == "ruang penyunting"
    assert client.get("/petugas").status_code == 200
    with pytest.raises(ValueError, match="unknown role 'tamu'"):
        officer_required(role="tamu")


# -- the dashboard -----------------------------------------------------------------------


def imdes_day(app, clock):
    """An IMDES event on Monday 2 March, and an ordinary Thursday after it."""
    clock.advance(-3 * 24 * 3600)
    with app.test_request_context():
        for _ in range(4):
            events.record("lesson_viewed", lesson="calo", lang="id")
            events.record("search", query="kerja di kamboja", results=0)
            events.record("quiz_completed", quiz="calo", score=3, total=4)
        events.record("lesson_viewed", lesson="visa-ziarah", lang="en")
        events.record("quiz_answer", quiz="calo", question="q2", correct=False, options=["c"])
        events.record("checker_result", risk="bahaya", flags=["biaya"])
        events.record("visit", pages=6, seconds=400)
    clock.advance(3 * 24 * 3600)
    with app.test_request_context():
        events.record("lesson_viewed", lesson="jalur-resmi", lang="id")


def test_the_dashboard_shows_an_imdes_day_monthly_numbers_first(stats_app, officer, clock):
    imdes_day(stats_app, clock)
    page = officer.get("/petugas?periode=rentang&dari=2026-03-02&sampai=2026-03-02"
                       ).get_data(as_text=True)
    assert 'data-start="2026-03-02" data-end="2026-03-02"' in page
    assert "Desa Sukamaju ·\n      2 Maret 2026" in page
    headline = page.split('id="ringkasan"')[1].split("</section>")[0]
    assert re.search(r'data-metric="visits">\s*<dt>Kunjungan</dt>\s*<dd class="stat-number">1<',
                     headline)
    assert "rata-rata sekitar 8 menit" in headline  # the 5-10 minute bucket
    assert re.search(r'data-metric="lesson_views">.*?stat-number">5<', headline, re.S)
    assert re.search(r'data-metric="quiz_completions">.*?stat-number">4<.*?nilai rata-rata 75%',
                     headline, re.S)
    assert page.index('id="ringkasan"') < page.index('id="pelajaran"')
    assert re.search(r'data-lesson="calo"><th scope="row">Calo</th><td class="num">4</td>', page)
    assert "Jalur resmi" not in page  # Thursday is outside the event day
    assert re.search(r'<th scope="row" lang="">kerja di kamboja</th><td class="num">4</td>', page)
    assert 'data-question="calo/q2"' in page
    assert 'data-risk="bahaya"' in page
    assert '<svg class="chart" viewBox="0 0 720 188" role="img"' in page
    assert page.count('<rect class="chart-bar"') == 1  # the one busy hour
    assert re.search(r'<th scope="row">5–10 mnt</th><td class="num">1</td>', page)


def test_the_dashboard_lists_the_lessons_not_reviewed_yet(stats_app, officer, content_dir):
    page = officer.get("/petugas").get_data(as_text=True)
    assert "Semua pelajaran sudah diperiksa petugas imigrasi." in page
    write(content_dir / "id" / "calo.md", lesson_text("Calo", order=2).replace(
        "reviewed: 2026-11-01", "reviewed:"))
    write(content_dir / "en" / "calo.md", lesson_text("Broker", order=2).replace(
        "reviewed: 2026-11-01\n", ""))
    look(stats_app)
    page = officer.get("/petugas").get_data(as_text=True)
    section = page.split('aria-labelledby="belum-diperiksa"')[1].split("</section>")[0]
    assert '<h2 id="belum-diperiksa">Belum diperiksa</h2>' in section
    assert "misalnya reviewed: 2026-03-05." in section
    assert ('<tr data-lesson="calo"><th scope="row"><a href="/pelajaran/calo">Calo</a></th>'
            '<td><code>content/en/calo.md</code>, <code>content/id/calo.md</code></td></tr>'
            ) in section
    assert section.count("<tr data-lesson=") == 1


def test_the_dashboard_periods(stats_app, officer, clock):
    imdes_day(stats_app, clock)
    views = {}
    for period in ("hari-ini", "minggu-ini", "bulan-ini"):
        page = officer.get(f"/petugas?periode={period}").get_data(as_text=True)
        views[period] = re.search(r'data-metric="lesson_views">.*?stat-number">(\d+)<', page,
                                  re.S).group(1)
    assert views == {"hari-ini": "1", "minggu-ini": "6", "bulan-ini": "6"}
    page = officer.get("/petugas").get_data(as_text=True)
    assert 'aria-current="true">Bulan ini</a>' in page


@pytest.mark.parametrize("query", ["periode=rentang&dari=2026-03-09&sampai=2026-03-02",
                                   "periode=rentang&dari=kemarin&sampai=2026-03-02",
                                   "periode=rentang"])
def test_a_range_that_cannot_be_read_says_so_and_shows_this_month(officer, query):
    response = officer.get(f"/petugas?{query}")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Tanggal tidak bisa dibaca." in page
    assert 'data-start="2026-03-01" data-end="2026-03-05"' in page


def test_an_empty_period_says_nothing_was_recorded(officer):
    page = officer.get("/petugas?periode=hari-ini").get_data(as_text=True)
    assert "Belum ada pemakaian yang tercatat dalam periode ini." in page


def test_the_dashboard_prints_on_a4_without_its_controls(officer):
    page = officer.get("/petugas").get_data(as_text=True)
    assert '<link rel="stylesheet" href="/static/css/officer.css">' in page
    assert '<button class="button" type="button" data-print hidden>' in page
    assert '<script src="/static/js/officer.js" defer></script>' in page
    with officer.get("/static/css/officer.css") as response:
        css = response.get_data(as_text=True)
    printed = css.split("@media print")[1]
    assert "size: A4" in printed and ".report-actions, .period-form" in printed
    assert ' style="' not in page  # the Content-Security-Policy forbids inline styles


def test_the_download_button_exports_the_period_shown(stats_app, officer, clock):
    imdes_day(stats_app, clock)
    page = officer.get("/petugas?periode=rentang&dari=2026-03-02&sampai=2026-03-02"
                       ).get_data(as_text=True)
    link = re.search(r'href="(/petugas/unduh\?format=csv[^"]*)"', page).group(1)
    response = officer.get(link.replace("&amp;", "&"))
    assert response.headers["Content-Disposition"] == (
        'attachment; filename="statistik-desa-sukamaju-2026-03-02-2026-03-02.csv"')
    text = response.get_data(as_text=True)
    assert "Desa Sukamaju,2026-03-02,lesson_viewed,calo,id," in text
    assert "jalur-resmi" not in text
    response = officer.get(link.replace("&amp;", "&").replace("format=csv", "format=json"))
    document = response.get_json()
    assert (document["kiosk"], document["from"], document["to"]) == (
        "Desa Sukamaju", "2026-03-02", "2026-03-02")


def test_the_download_needs_the_officer(stats_app):
    set_pin(stats_app)
    assert stats_app.test_client().get("/petugas/unduh?format=csv").status_code == 302


def test_imported_kiosks_can_be_shown_together_or_one_by_one(stats_app, officer, clock,
                                                              tmp_path):
    imdes_day(stats_app, clock)
    other = tmp_path / "mekarsari.csv"
    other.write_text("kiosk,day,kind,lesson,lang,n\n"
                     "Desa Mekarsari,2026-03-02,lesson_viewed,calo,id,10\n", encoding="utf-8")
    assert stats_app.test_cli_runner().invoke(args=["stats", "import", str(other)]).exit_code == 0
    both = officer.get("/petugas").get_data(as_text=True)
    assert re.search(r'data-lesson="calo"><th scope="row">Calo</th><td class="num">14<', both)
    assert re.search(r'data-kiosk="Desa Mekarsari"><th scope="row">Desa Mekarsari</th>'
                     r'<td class="num">0</td><td class="num">10<', both)
    one = officer.get("/petugas?kios=Desa+Mekarsari").get_data(as_text=True)
    assert re.search(r'data-lesson="calo"><th scope="row">Calo</th><td class="num">10<', one)
    here = officer.get("/petugas?kios=ini").get_data(as_text=True)
    assert re.search(r'data-lesson="calo"><th scope="row">Calo</th><td class="num">4<', here)


def test_the_dashboard_in_english(officer):
    page = officer.get("/petugas?lang=en").get_data(as_text=True)
    assert "Kiosk usage report" in page and "Summary for the monthly report" in page



def test_without_a_usable_database_the_officer_is_told_why(content_dir, tmp_path):
    data = newer_stats_database(tmp_path)
    app = create_app(settings(content_dir, tmp_path, DATA_DIR=str(data)))
    set_pin(app)
    client = app.test_client()
    try_pin(client, PIN)
    response = client.get("/petugas")
    page = response.get_data(as_text=True)
    assert response.status_code == 503
    assert "Statistik tidak bisa dibuka" in page
    assert "written by a newer kiosk (schema 99" in page
    done = app.test_cli_runner().invoke(args=["stats", "export"])
    assert done.exit_code == 1 and "written by a newer kiosk (schema 99" in done.output


@pytest.mark.skipif(os.name != "posix", reason="needs a pseudo-terminal")
def test_set_pin_at_a_terminal_asks_twice_without_echo(tmp_path):
    import pty
    import select
    import sys
    import time
    import warnings

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "KIOSK_DATA_DIR": str(tmp_path / "data")}
    with warnings.catch_warnings():
        # Python 3.12+ warns about fork() with threads running; the child only exec()s.
        warnings.simplefilter("ignore", DeprecationWarning)
        pid, fd = pty.fork()
    if pid == 0:  # the child: `kiosk set-pin` with the pty as its terminal
        try:
            os.chdir(root)
            os.execvpe(sys.executable, [sys.executable, "-m", "kiosk", "set-pin"], env)
        finally:
            os._exit(127)
    seen = b""

    def read_until(token):
        nonlocal seen
        deadline = time.monotonic() + 30
        while token not in seen and time.monotonic() < deadline:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    seen += os.read(fd, 1024)
                except OSError:  # the child has exited
                    return

    read_until(b"(6 to 12 digits): ")
    os.write(fd, f"{PIN}\n".encode())
    read_until(b"Type it again: ")
    os.write(fd, f"{PIN}\n".encode())
    read_until(b"is set")
    os.waitpid(pid, 0)
    os.close(fd)
    assert seen.decode().splitlines() == [
        "New officer PIN (6 to 12 digits): ", "Type it again: ",
        "The officer PIN is set; logins made with an earlier PIN have ended."]
    assert PIN not in seen.decode()
    assert (tmp_path / "data" / "officer_pins.json").exists()


def test_a_feature_can_put_words_on_the_reports_ids(stats_app, officer, clock):
    imdes_day(stats_app, clock)
    words = {("question", "calo", "q2"): "Agen minta paspor Anda. Apa yang Anda lakukan?",
             ("option", "calo", "q2", "c"): "Saya serahkan",
             ("risk", "bahaya"): "Berbahaya"}
    stats_app.extensions["stats.describe"] = lambda kind, *ids, lang: words.get((kind, *ids))
    page = officer.get("/petugas?periode=bulan-ini").get_data(as_text=True)
    assert ('<th scope="row">Agen minta paspor Anda. Apa yang Anda lakukan?</th>'
            '<td class="num">1</td><td class="num">0%</td><td>Saya serahkan (1×)</td>') in page
    assert '<tr data-risk="bahaya"><th scope="row">Berbahaya</th>' in page
    assert '<tr data-quiz="calo"><th scope="row">calo</th>' in page  # no words: the id


def test_kiosk_unlock_from_the_terminal_frees_the_running_kiosk_at_once(
        stats_app, content_dir, tmp_path, clock):
    # `kiosk unlock` is its own process: an app of its own on the running kiosk's DATA_DIR.
    set_pin(stats_app)
    client = stats_app.test_client()
    for _ in range(5):
        try_pin(client, "111111")
    clock.advance(1)
    try_pin(client, "111111")  # the sixth wrong PIN: now a 2 s wait
    assert stats_app.extensions["officer.guard"].wait_for("officer") > 0
    terminal = create_app(settings(content_dir, tmp_path, CONTENT_RECHECK_SECONDS=0),
                          clock=clock)
    done = terminal.test_cli_runner().invoke(args=["unlock"])
    assert done.exit_code == 0, done.output
    response = try_pin(client, "111111")  # taken at once, and counted from 0 again
    assert response.status_code == 401
    assert "PIN salah. Masih bisa mencoba 4 kali." in response.get_data(as_text=True)
    assert try_pin(client, PIN).status_code == 302


def test_kiosk_unlock_says_so_when_the_count_cannot_be_cleared(stats_app, tmp_path):
    where = tmp_path / "data" / "officer_tries.json"
    where.mkdir(parents=True)  # a folder in the file's place: no write can replace it
    done = stats_app.test_cli_runner().invoke(args=["unlock"])
    assert done.exit_code == 1
    assert done.output == (f"Error: {where}: cannot be written; the wrong PINs still "
                           f"count (see the log)\n")
