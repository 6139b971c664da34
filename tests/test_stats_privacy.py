"""Nothing that names a villager is stored: the database is scanned after a real session."""

import datetime
import re
import sqlite3

import pytest

from kiosk import events
from kiosk.stats import privacy

IP = "203.0.113.77"
FORWARDED = "198.51.100.23"
AGENT = "Zyxwvut-Browser/7.3 (Kampung Sukamaju; rv:99)"
COOKIE = "penanda-qwerty-4242"
PHONE = "0812 3456 7890"
NIK = "3201234567890001"
PIN = "246813"


def csrf(page):
    return re.search(r'name="csrf" value="([^"]+)"', page).group(1)


def officer_login(app, client, pin=PIN):
    app.test_cli_runner().invoke(args=["set-pin"], input=f"{pin}\n{pin}\n")
    page = client.get("/petugas/masuk").get_data(as_text=True)
    return client.post("/petugas/masuk", data={"csrf": csrf(page), "pin": pin})


def every_stored_value(path):
    """(table, column, value) for every cell of every table in the SQLite file."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]
            for row in conn.execute(f"SELECT * FROM {table}"):
                for column, value in zip(columns, row, strict=True):
                    yield table, column, value
    finally:
        conn.close()


def test_a_villagers_session_leaves_nothing_that_names_them(stats_app, clock, tmp_path):
    client = stats_app.test_client()
    client.environ_base.update({"REMOTE_ADDR": IP, "HTTP_USER_AGENT": AGENT,
                                "HTTP_X_FORWARDED_FOR": FORWARDED})
    client.set_cookie("pelacak", COOKIE)
    client.get("/")
    client.get("/kategori/modus")
    client.get("/pelajaran/visa-ziarah")
    clock.advance(95)
    assert client.post("/peristiwa", json={"kind": "lesson_read", "lesson": "visa-ziarah",
                                           "lang": "id", "seconds": 95, "scrolled": 100}
                       ).status_code == 204
    client.get("/?lang=en")
    client.get("/pelajaran/visa-ziarah")
    # Search and quizzes are features of their own; they hand their events over the same way.
    with stats_app.test_request_context(environ_base=client.environ_base):
        events.record("search", query=f"calo minta paspor hub {PHONE}", results=0, lang="id")
        events.record("search", query=f"cek NIK {NIK}", results=2, lang="id")
        events.record("quiz_answer", quiz="calo", question="q1", correct=False, options=["b"])
        events.record("quiz_completed", quiz="calo", score=4, total=5)
        events.record("checker_result", risk="bahaya", flags=["biaya-di-depan"])
    assert client.post("/peristiwa", json={"kind": "visit", "pages": 6, "seconds": 312},
                       headers={"Cookie": f"pelacak={COOKIE}"}).status_code == 204
    session_cookie = client.get_cookie("kiosk").value
    stats_app.config["LAN_OFFICER"] = True  # this browser is a phone: let it into /petugas
    officer_login(stats_app, client)
    assert "Kiosk usage report" in client.get("/petugas").get_data(as_text=True)  # in English
    stats_app.extensions["stats"].close()

    database = tmp_path / "data" / "stats.sqlite3"
    cells = list(every_stored_value(database))
    stored = {(table, column, value) for table, column, value in cells}
    # The session did land (so the scan below can fail), coarsened as promised.
    # Typed once each: counted among the other queries, their words never stored.
    assert ("search", "query", "") in stored
    assert not any(table == "search" and column == "query" and value
                   for table, column, value in cells)
    assert ("lesson_read", "seconds", 60) in stored
    assert ("hourly_use", "hour", 10) in stored
    assert {("lesson_viewed", "lang", "id"), ("language_switched", "lang", "en")} <= stored

    exact_moment = int(clock.now)
    needles = [IP, FORWARDED, "Zyxwvut", "Kampung", COOKIE, session_cookie, PIN,
               "3456", "7890", NIK[:6], "10:37", str(exact_moment)[:7]]
    for table, column, value in cells:
        text = str(value)
        for needle in needles:
            assert needle not in text, f"{table}.{column} holds {needle!r}"
        if isinstance(value, int):  # no timestamps of any precision, only counts and hours
            assert value < 100_000, f"{table}.{column} holds {value}"

    allowed = {"day", "kiosk", "n", "hour", "metric"} | {
        name for fields in events.KINDS.values() for name in fields}
    columns = {column for _, column, _ in cells}
    assert columns <= allowed

    # Nor in the raw bytes of the database and its journal, deleted pages included.
    for part in database.parent.glob("stats.sqlite3*"):
        raw = part.read_bytes()
        for needle in (IP, FORWARDED, "Zyxwvut", COOKIE, session_cookie, "3456 7890", NIK):
            assert needle.encode() not in raw, f"{part.name} holds {needle!r}"


def test_no_row_ties_a_topic_to_an_hour(stats_app, clock, tmp_path):
    with stats_app.test_request_context():
        events.record("lesson_viewed", lesson="calo", lang="id")
    stats_app.extensions["stats"].flush()
    conn = sqlite3.connect(tmp_path / "data" / "stats.sqlite3")
    with conn:
        tables_with_hour = [t for (t,) in conn.execute(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) p "
            "WHERE m.type = 'table' AND p.name = 'hour'")]
    conn.close()
    assert tables_with_hour == ["hourly_use"]


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Kerja di   KAMBOJA ", "kerja di kamboja"),
        ("hubungi 081234567890", "hubungi #"),
        ("hubungi 0812-3456-7890 ya", "hubungi # ya"),
        ("wa +62 812 3456 7890", "wa #"),
        ("0812.345.678", "#"),
        (f"NIK {NIK}", "nik #"),
        ("paspor 1234", "paspor #"),
        ("umur 17 18 tahun", "umur 17 18 tahun"),
        ("gaji 500 ribu", "gaji 500 ribu"),
        ("０８１２３４５６７８", "#"),  # full-width digits are digits too
        ("٠٨١٢٣٤٥٦", "#"),  # so are Arabic-Indic ones
        ("tab\there\x00nul", "tab here nul"),
        ("x" * 80, "x" * 60),
        ("kerja " + "a" * 52 + " 12345678", "kerja " + "a" * 52 + " #"),
        ("+62 812 3456 7890", "#"),
        ('=HYPERLINK("http://x")', "hyperlink"),  # never a spreadsheet formula, nor a URL
        ("tulis ke siti.aminah@contoh.com", "tulis ke"),  # never an e-mail address
        ("calo di wa.me/628123 atau https://x.id/a?b=1", "calo di atau"),
        ("Calo?!", "calo"),
        ("@calo", "calo"),
        ("- = kerja", "kerja"),
        ("   ", ""),
    ],
)
def test_queries_are_stored_lowercase_trimmed_cut_and_without_long_numbers(typed, stored):
    assert privacy.normalize_query(typed) == stored
    assert privacy.normalize_query(stored) == stored  # a feature may pass it normalized
    assert not re.search(r"\d{4,}", stored)
    assert len(stored) <= privacy.QUERY_MAX_CHARS


@pytest.mark.parametrize(
    ("seconds", "bucket"),
    [(0, 0), (9, 0), (10, 10), (59, 30), (60, 60), (299, 120), (300, 300), (5000, 3600),
     (86_400, 7200)],
)
def test_durations_are_kept_as_buckets(seconds, bucket):
    assert privacy.duration_bucket(seconds) == bucket


@pytest.mark.parametrize(("percent", "bucket"),
                         [(0, 0), (24, 0), (25, 25), (74.9, 50), (94, 75), (95, 100), (100, 100)])
def test_scroll_depth_is_kept_as_quarters(percent, bucket):
    assert privacy.scroll_bucket(percent) == bucket


def test_only_the_day_and_hour_of_a_moment_are_kept():
    moment = datetime.datetime(2026, 3, 5, 23, 59, 59).timestamp()
    assert privacy.day_and_hour(moment) == ("2026-03-05", 23)


def test_the_about_page_says_what_is_counted_and_what_is_never_stored(client):
    page = client.get("/tentang").get_data(as_text=True)
    assert 'id="yang-dihitung"' in page and 'id="tidak-disimpan"' in page
    for promise in ("alamat internet (IP), jenis perangkat atau browser, dan cookie",
                    "nomor HP atau NIK", "dipotong sampai 60 huruf",
                    "paling sedikit 3 kali", "Setelah satu tahun"):
        assert promise in page
    assert str(privacy.QUERY_MIN_COUNT) == "3" and privacy.QUERY_MAX_CHARS == 60
