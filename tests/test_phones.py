"""Phones on the hall's network: the phone pages (no kiosk mode), the 403 page from the officer,
presenter and editor areas, the 429 page for one flooding phone while the others are served,
page views counted by where, and the codes that lead a phone to the kiosk (decoded with
zxing-cpp, as a phone camera reads them)."""

import re
import sqlite3

import pytest
from conftest import decode, look, settings, stats_file_before, write
from test_presenter import log_in, running

from kiosk import create_app, events
from kiosk.cli import serve_the_hall
from kiosk.lan import HALL_BURST, Hall, open_hall
from kiosk.lan.addresses import find_addresses, on_hall_network
from kiosk.lan.codes import wifi_text
from kiosk.presenter.qr import qr_svg
from kiosk.stats import report
from kiosk.stats.store import StatsStore

QR = r'<svg role="img" viewBox="[^"]*" class="qr">.*?</svg>'
PHONE, OTHER_PHONE, SCREEN = "127.0.0.2", "127.0.0.3", "127.0.0.1"
KIOSK_ONLY = ("js/kiosk.js", "js/osk.js", "js/overlay.js", "css/kiosk_mode.css", "css/osk.css",
              "data-idle-seconds", "data-osk", 'class="idle"')


def from_address(app, address):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


@pytest.fixture
def seen(app):
    recorded = []
    events.set_sink(app, lambda kind, fields: recorded.append((kind, fields)))
    return recorded


# -- the phone pages ----------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/pelajaran/calo", "/cari?q=paspor", "/lapor", "/tentang"])
def test_a_phone_gets_the_pages_without_kiosk_mode(app, path):
    page = from_address(app, PHONE).get(path).get_data(as_text=True)
    assert '<body class="phone ' in page and "css/phone.css" in page
    assert [part for part in KIOSK_ONLY if part in page] == []
    screen = from_address(app, SCREEN).get(path).get_data(as_text=True)
    assert "css/phone.css" not in screen and "js/kiosk.js" in screen
    assert "data-idle-seconds" in screen


def test_a_phone_gets_only_the_health_status_and_no_attract_screen(app, content_dir):
    write(content_dir / "id" / "rusak.md", "---\ntitle: [tidak ditutup\n---\n")
    look(app)
    assert from_address(app, PHONE).get("/healthz").get_json() == {"status": "degraded"}
    screen = from_address(app, SCREEN).get("/healthz").get_json()
    assert screen["status"] == "degraded" and any("rusak.md" in e for e in screen["errors"])
    moved = from_address(app, PHONE).get("/mulai")
    assert moved.status_code == 302 and moved.headers["Location"].endswith("/")
    assert from_address(app, SCREEN).get("/mulai").status_code == 200


def test_numbers_dial_from_a_phone(app):
    page = from_address(app, PHONE).get("/lapor").get_data(as_text=True)
    assert 'href="tel:08001000"' in page and 'href="tel:0274123456"' in page


OFFICER_PAGES = ["/petugas", "/petugas/masuk", "/petugas/masuk?peran=editor", "/petugas/konten",
                 "/petugas/presentasi", "/presentasi/calo", "/presentasi/calo/pembicara",
                 "/petugas/tidak-ada"]


@pytest.mark.parametrize("path", OFFICER_PAGES)
def test_a_phone_never_reaches_the_officer_presenter_or_editor_pages(app, path):
    app.test_cli_runner().invoke(args=["set-pin"], input="246813\n246813\n")
    response = from_address(app, PHONE).get(path)
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert 'name="pin"' not in page
    assert "Halaman ini hanya untuk petugas" in page and '<body class="phone ' in page
    english = from_address(app, PHONE).get(path + ("&" if "?" in path else "?") + "lang=en")
    assert "This page is for officers only" in english.get_data(as_text=True)
    # A form sent there is refused the same way, before any PIN is looked at.
    assert from_address(app, PHONE).post("/petugas/masuk", data={"pin": "246813"}
                                         ).status_code == 403


def test_the_screen_still_reaches_the_pin_form(app):
    app.test_cli_runner().invoke(args=["set-pin"], input="246813\n246813\n")
    page = from_address(app, SCREEN).get("/petugas/masuk").get_data(as_text=True)
    assert 'name="pin"' in page
    # The screen's address as a dual-stack socket writes it is still the screen.
    page = from_address(app, "::ffff:127.0.0.1").get("/petugas/masuk").get_data(as_text=True)
    assert 'name="pin"' in page and '<body class="phone ' not in page


@pytest.mark.parametrize("headers", [{"X-Forwarded-For": SCREEN}, {"Forwarded": "for=127.0.0.1"},
                                     {"X-Real-IP": SCREEN}])
def test_a_phone_claiming_the_screens_address_in_a_header_is_still_a_phone(app, headers):
    phone = from_address(app, PHONE)
    assert phone.get("/petugas", headers=headers).status_code == 403
    assert phone.get("/petugas/masuk", headers=headers).status_code == 403


def test_a_phone_has_one_share_however_its_address_is_written(limited):
    codes = [from_address(limited, address).get("/").status_code
             for address in ["127.0.0.2", "::ffff:127.0.0.2"] * 4]
    assert codes == [200] * 5 + [429] * 3


def test_lan_officer_lets_a_phone_in(content_dir, tmp_path):
    app = create_app(settings(content_dir, tmp_path, LAN_OFFICER=True))
    app.test_cli_runner().invoke(args=["set-pin"], input="246813\n246813\n")
    response = from_address(app, PHONE).get("/petugas/masuk")
    assert response.status_code == 200 and 'name="pin"' in response.get_data(as_text=True)


# -- one phone flooding the kiosk -----------------------------------------------------------------


@pytest.fixture
def limited(content_dir, tmp_path, clock):
    """A kiosk whose phones may open 5 pages at once, then 2 a second (files: 10 a second)."""
    return create_app(settings(content_dir, tmp_path, LAN_PHONE_BURST=5,
                               LAN_PHONE_PAGES_PER_SECOND=2, LAN_PHONE_FILES_PER_SECOND=10),
                      clock=clock)


def test_a_flooding_phone_gets_the_429_page_while_others_are_served(limited, clock):
    flood, other = from_address(limited, PHONE), from_address(limited, OTHER_PHONE)
    codes = [flood.get("/").status_code for _ in range(8)]
    assert codes == [200] * 5 + [429] * 3
    refused = flood.get("/")
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "1"
    page = refused.get_data(as_text=True)
    assert "Terlalu banyak sentuhan sekaligus" in page and '<body class="phone ' in page
    assert "Too many touches at once" in flood.get("/?lang=en").get_data(as_text=True)
    assert other.get("/").status_code == 200
    # The kiosk's own screen is never limited.
    screen = from_address(limited, SCREEN)
    assert {screen.get("/").status_code for _ in range(50)} == {200}
    clock.advance(1)  # two pages' worth of tokens again
    assert [flood.get("/").status_code for _ in range(3)] == [200, 200, 429]


def test_files_count_at_a_smaller_share(limited):
    phone = from_address(limited, PHONE)
    # 5 pages' worth, a file costing a fifth of a page: 25 files, then the 429 page.
    codes = [phone.get("/static/css/kiosk.css").status_code for _ in range(26)]
    assert codes == [200] * 25 + [429]


def test_a_client_rotating_addresses_gets_only_the_halls_share_and_the_screen_is_served(
        content_dir, tmp_path, clock):
    # Each address alone is far within its own share; together they drain the hall's bucket
    # (the default settings; the clock stands still, so nothing refills meanwhile).
    app = create_app(settings(content_dir, tmp_path), clock=clock)
    codes = [from_address(app, f"10.1.{n // 256}.{n % 256}").get("/healthz").status_code
             for n in range(HALL_BURST + 20)]
    assert codes[:HALL_BURST] == [200] * HALL_BURST and set(codes[HALL_BURST:]) == {429}
    assert from_address(app, SCREEN).get("/").status_code == 200


def test_a_client_rotating_addresses_keeps_the_gate_bounded(limited):
    gate = limited.extensions["lan.gate"]
    gate.max_senders = 50
    for n in range(120):
        from_address(limited, f"10.0.{n // 256}.{n % 256}").get("/static/css/kiosk.css")
    assert len(gate) <= 50


# -- counting -------------------------------------------------------------------------------------


def test_page_views_from_phones_are_counted_by_page_and_where(app, seen):
    from_address(app, PHONE).get("/pelajaran/calo")
    from_address(app, PHONE).get("/cari?q=paspor")
    from_address(app, PHONE).get("/static/css/kiosk.css")
    from_address(app, PHONE).get("/pelajaran/tidak-ada")
    from_address(app, SCREEN).get("/pelajaran/calo")
    views = [fields for kind, fields in seen if kind == "page_viewed"]
    assert views == [{"page": "lesson", "where": "phone"}, {"page": "search", "where": "phone"}]


def test_the_report_shows_phone_page_views_per_day(stats_app, clock):
    phone = from_address(stats_app, PHONE)
    phone.get("/")
    phone.get("/pelajaran/calo")
    clock.advance(24 * 3600)
    phone.get("/lapor")
    from_address(stats_app, SCREEN).get("/")
    store = stats_app.extensions["stats"]
    store.flush()
    import datetime as dt
    today = dt.date.fromtimestamp(clock())
    built = report.build(store, report.Period(today - dt.timedelta(days=1), today))
    assert built.phone_days == [((today - dt.timedelta(days=1)).isoformat(), 2),
                                (today.isoformat(), 1)]
    assert built.headline["page_views:phone"] == 3


def test_the_officer_dashboard_shows_pages_opened_on_phones(stats_app):
    from_address(stats_app, PHONE).get("/pelajaran/calo")
    from_address(stats_app, OTHER_PHONE).get("/lapor")
    page = log_in(stats_app).get("/petugas").get_data(as_text=True)
    table = re.search(r'<table class="data phone-days">.*?</table>', page, re.S).group(0)
    assert re.findall(r'<td class="num">(\d+)</td>', table) == ["2"]
    assert "Dibuka dari HP warga" in page


def test_a_phone_still_tells_how_a_lesson_was_read(stats_app):
    read = {"kind": "lesson_read", "lesson": "calo", "lang": "id", "seconds": 40, "scrolled": 90}
    assert from_address(stats_app, PHONE).post("/peristiwa", json=read).status_code == 204


def test_stats_written_before_page_views_still_load(tmp_path):
    path = tmp_path / "stats.sqlite3"
    conn = stats_file_before(path, "page_viewed")
    conn.execute("INSERT INTO lesson_viewed VALUES ('2026-03-04', '', 'calo', 'id', 7)")
    conn.commit()
    conn.close()
    store = StatsStore(path)
    store.record("page_viewed", {"page": "lesson", "where": "phone"})
    store.close()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT n FROM lesson_viewed").fetchall() == [(7,)]
    assert conn.execute('SELECT page, "where", n FROM page_viewed').fetchall() == [
        ("lesson", "phone", 1)]
    conn.close()


# -- the way in: addresses and codes ----------------------------------------------------------


def test_the_hall_address_code_on_the_screen_opens_the_kiosk(app):
    open_hall(app, 8080, ["192.168.137.1"])
    home = from_address(app, SCREEN).get("/").get_data(as_text=True)
    corner = re.search(r'<a class="phone-corner".*?</a>', home, re.S).group(0)
    assert [decode(svg) for svg in re.findall(QR, corner, re.S)] == [
        "http://192.168.137.1:8080/"]
    # A phone already there gets no code to scan.
    assert "phone-corner" not in from_address(app, PHONE).get("/").get_data(as_text=True)


def test_the_wifi_code_comes_first(content_dir, tmp_path):
    app = create_app(settings(content_dir, tmp_path, LAN_WIFI_NAME="Balai; Desa",
                              LAN_WIFI_PASSWORD='kata:"sandi"'))
    open_hall(app, 8080, ["10.42.0.1"])
    page = from_address(app, SCREEN).get("/di-hp").get_data(as_text=True)
    codes = [decode(svg) for svg in re.findall(QR, page, re.S)]
    assert codes == ['WIFI:T:WPA;S:Balai\\; Desa;P:kata\\:\\"sandi\\";;', "http://10.42.0.1:8080/"]
    assert "Masuk ke Wi-Fi" in page and "Balai; Desa" in page


def test_the_closing_slide_shows_the_hall_codes_after_those_that_dial(content_dir, tmp_path):
    app = create_app(settings(content_dir, tmp_path, LAN_WIFI_NAME="Balai Desa",
                              LAN_WIFI_PASSWORD="waspada123"))
    open_hall(app, 8080, ["192.168.137.1"])
    page, _csrf, _token = running(log_in(app), "/presentasi/calo")
    closing = re.search(r'<section class="slide slide-closing".*?</section>', page, re.S).group(0)
    assert [decode(svg) for svg in re.findall(QR, closing, re.S)] == [
        "tel:08001000", "WIFI:T:WPA;S:Balai Desa;P:waspada123;;", "http://192.168.137.1:8080/"]


def test_fullscreen_passes_lan_on_to_the_server_it_starts():
    from kiosk.launcher import server_command

    assert server_command("127.0.0.1", 8080, 4, lan=True)[-1] == "--lan"
    assert "--lan" not in server_command("127.0.0.1", 8080, 4)


def test_without_the_hall_there_is_no_code(app):
    assert "phone-corner" not in from_address(app, SCREEN).get("/").get_data(as_text=True)
    assert from_address(app, SCREEN).get("/di-hp").status_code == 404
    open_hall(app, 8080, [])  # kiosk run --lan on a PC with no network
    assert "phone-corner" not in from_address(app, SCREEN).get("/").get_data(as_text=True)


@pytest.mark.parametrize("name, password, text", [
    ("Balai Desa", "waspada123", "WIFI:T:WPA;S:Balai Desa;P:waspada123;;"),
    ('a;b,c:d"e\\f', "p;w", 'WIFI:T:WPA;S:a\\;b\\,c\\:d\\"e\\\\f;P:p\\;w;;'),
    ("Balai", "", "WIFI:T:nopass;S:Balai;;"),
])
def test_wifi_codes_escape_what_the_format_gives_a_meaning(name, password, text):
    assert wifi_text(name, password) == text
    assert decode(qr_svg(text, "wifi")) == text


def test_the_addresses_found_are_private_ones_only():
    found = find_addresses(routed=lambda probe: {"10.255.255.254": "10.42.0.1"}.get(probe),
                           named=lambda: ["127.0.1.1", "192.168.137.1", "169.254.3.4",
                                          "8.8.8.8", "10.42.0.1"])
    assert found == ["10.42.0.1", "192.168.137.1"]
    assert find_addresses(routed=lambda probe: None, named=lambda: ["127.0.1.1"]) == []
    assert not on_hall_network("::1") and not on_hall_network("not an address")


def test_the_hall_listens_beside_the_screen():
    hall = Hall(("192.168.137.1", "fd00::5"), 8080)
    assert hall.listen("127.0.0.1") == "127.0.0.1:8080 192.168.137.1:8080 [fd00::5]:8080"
    assert hall.urls == ("http://192.168.137.1:8080/", "http://[fd00::5]:8080/")


def test_kiosk_run_lan_on_every_ipv6_address_still_serves_the_ipv4_hall(app):
    # waitress sets IPV6_V6ONLY on "::": only 0.0.0.0 takes every IPv4 address.
    app.config["LAN_ADDRESSES"] = ["192.168.137.1", "fd00::5"]
    assert serve_the_hall(app, "::", 8080) == {"listen": "[::]:8080 192.168.137.1:8080"}
    assert serve_the_hall(app, "0.0.0.0", 8080) is None
    assert serve_the_hall(app, "127.0.0.1", 8080) == {
        "listen": "127.0.0.1:8080 192.168.137.1:8080 [fd00::5]:8080"}


# -- the real `kiosk run --lan` ---------------------------------------------------------------


def fetch_from(source, port, path, address="127.0.0.2"):
    """(status, headers, body) of a GET sent from ``source`` (a loopback address of its own:
    Linux routes all of 127/8 to the loopback, and a socket may be bound to any of them)."""
    import http.client

    conn = http.client.HTTPConnection(address, port, timeout=10, source_address=(source, 0))
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        conn.close()


def test_kiosk_run_lan_serves_phones_at_the_hall_address(content_dir, tmp_path):
    from served import Served, wait_for

    kiosk = Served(settings(content_dir, tmp_path, LAN_ADDRESSES='["127.0.0.2"]',
                            LAN_PHONE_BURST=5, LAN_PHONE_PAGES_PER_SECOND=1),
                   args=("--lan",)).ready()
    try:
        said = f"Phones on the hall's network: http://127.0.0.2:{kiosk.port}/"
        wait_for(lambda: said in kiosk.log(), "the start log to give the phones' address")
        status, _headers, page = fetch_from(PHONE, kiosk.port, "/pelajaran/calo")
        assert status == 200 and '<body class="phone ' in page and "js/kiosk.js" not in page
        status, _headers, page = fetch_from(PHONE, kiosk.port, "/petugas")
        assert status == 403 and "Halaman ini hanya untuk petugas" in page
        # The screen, at its own address, gets the kiosk's pages.
        status, _headers, page = fetch_from(SCREEN, kiosk.port, "/", address=SCREEN)
        assert status == 200 and "js/kiosk.js" in page
        # One phone flooding: the 429 page with Retry-After; another phone is still served.
        answers = [fetch_from(PHONE, kiosk.port, "/") for _ in range(20)]
        refused = [a for a in answers if a[0] == 429]
        assert refused and int(refused[0][1]["Retry-After"]) >= 1
        assert "Terlalu banyak sentuhan sekaligus" in refused[0][2]
        assert fetch_from(OTHER_PHONE, kiosk.port, "/")[0] == 200
    finally:
        kiosk.stop()
