"""The stats store: events become counters, the schema migrates, the buffer never loses a
clean shutdown's events, and bad events are refused with a message that says why."""

import sqlite3
import threading

import pytest
from conftest import newer_stats_database, settings

from kiosk import create_app, events
from kiosk.stats import engagement
from kiosk.stats.engagement import EventError, tally_key
from kiosk.stats.store import MIGRATIONS, StatsError, StatsStore


def rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_every_event_kind_has_a_table_with_its_fields(tmp_path):
    store = StatsStore(tmp_path / "s.sqlite3")
    for kind, fields in events.KINDS.items():
        columns = [r[1] for r in rows(store.path, f"PRAGMA table_info({kind})")]
        assert columns == ["day", "kiosk", *fields, "n"], kind


def test_the_database_is_in_wal_mode_at_the_latest_schema(tmp_path):
    store = StatsStore(tmp_path / "s.sqlite3")
    assert rows(store.path, "PRAGMA journal_mode") == [("wal",)]
    assert rows(store.path, "PRAGMA user_version") == [(len(MIGRATIONS),)]
    StatsStore(tmp_path / "s.sqlite3")  # opening again migrates nothing and loses nothing
    assert rows(store.path, "PRAGMA user_version") == [(len(MIGRATIONS),)]


def test_the_same_event_in_the_same_day_adds_to_one_counter(tmp_path, clock):
    store = StatsStore(tmp_path / "s.sqlite3", clock=clock)
    for _ in range(3):
        store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
    clock.advance(3600)
    store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
    store.flush()
    assert rows(store.path, "SELECT day, kiosk, lesson, lang, n FROM lesson_viewed") == [
        ("2026-03-05", "", "calo", "id", 4)]
    assert rows(store.path, "SELECT hour, n FROM hourly_use ORDER BY hour") == [(10, 3), (11, 1)]


def test_buffered_events_wait_for_the_writer_and_a_clean_close_writes_them(tmp_path, clock):
    store = StatsStore(tmp_path / "s.sqlite3", clock=clock, flush_seconds=60)
    store.record("language_switched", {"lang": "en"})
    assert store.pending() == 1
    assert rows(store.path, "SELECT n FROM language_switched") == []
    store.close()
    assert store.pending() == 0
    assert rows(store.path, "SELECT lang, n FROM language_switched") == [("en", 1)]


def test_the_writer_thread_writes_within_its_interval_and_then_stops(tmp_path, clock):
    store = StatsStore(tmp_path / "s.sqlite3", clock=clock, flush_seconds=0.2)
    before = set(threading.enumerate())
    store.record("language_switched", {"lang": "en"})
    (writer,) = [t for t in set(threading.enumerate()) - before if t.name == "stats-writer"]
    writer.join(timeout=10)
    assert not writer.is_alive()
    assert rows(store.path, "SELECT lang, n FROM language_switched") == [("en", 1)]


def test_events_from_many_threads_are_all_counted(tmp_path, clock):
    store = StatsStore(tmp_path / "s.sqlite3", clock=clock, flush_seconds=0.005)

    def villager():
        for _ in range(200):
            store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})

    threads = [threading.Thread(target=villager) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store.close()
    assert rows(store.path, "SELECT n FROM lesson_viewed") == [(1600,)]
    assert rows(store.path, "SELECT SUM(n) FROM hourly_use") == [(1600,)]


def test_a_damaged_database_is_kept_aside_and_counting_starts_afresh(tmp_path, clock, caplog):
    path = tmp_path / "s.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    store = StatsStore(path, clock=clock)
    store.record("language_switched", {"lang": "en"})
    store.flush()
    kept = [p.name for p in tmp_path.iterdir() if ".broken-" in p.name]
    assert kept == [f"s.sqlite3.broken-{int(clock.now)}"]
    assert "cannot be read" in caplog.text
    assert rows(path, "SELECT n FROM language_switched") == [(1,)]


def test_a_database_from_a_newer_kiosk_is_refused_and_the_kiosk_still_serves(
        content_dir, tmp_path):
    data = newer_stats_database(tmp_path)
    with pytest.raises(StatsError) as info:
        StatsStore(data / "stats.sqlite3")
    assert str(info.value) == (f"{data / 'stats.sqlite3'}: written by a newer kiosk (schema 99, "
                               f"this kiosk knows {len(MIGRATIONS)}); update the kiosk or move "
                               f"the file away")
    app = create_app(settings(content_dir, tmp_path, DATA_DIR=str(data)))
    client = app.test_client()
    assert client.get("/pelajaran/calo").status_code == 200
    assert app.extensions["stats"] is None


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("klik", {}, "unknown event kind 'klik'"),
        ("lesson_viewed", {"lesson": "calo"}, "event 'lesson_viewed' is missing 'lang'"),
        ("lesson_viewed", {"lesson": "calo", "lang": "id", "ip": "1.2.3.4"},
         "event 'lesson_viewed' has unknown fields ['ip']"),
        ("lesson_viewed", {"lesson": "../etc/passwd", "lang": "id"},
         "event 'lesson_viewed': 'lesson' must be a lesson slug"),
        ("lesson_viewed", {"lesson": "calo", "lang": "indonesia"},
         "event 'lesson_viewed': 'lang' must be a language code such as 'id'"),
        ("lesson_read", {"lesson": "calo", "lang": "id", "seconds": -1, "scrolled": 50},
         "event 'lesson_read': 'seconds' must be a number from 0 to 86400, got -1"),
        ("lesson_read", {"lesson": "calo", "lang": "id", "seconds": 10, "scrolled": 101},
         "event 'lesson_read': 'scrolled' must be a number from 0 to 100, got 101"),
        ("lesson_read", {"lesson": "calo", "lang": "id", "seconds": "10", "scrolled": 50},
         "event 'lesson_read': 'seconds' must be a number from 0 to 86400"),
        ("lesson_read", {"lesson": "calo", "lang": "id", "seconds": float("nan"), "scrolled": 5},
         "event 'lesson_read': 'seconds' must be a number from 0 to 86400"),
        ("lesson_read", {"lesson": "calo", "lang": "id", "seconds": True, "scrolled": 5},
         "event 'lesson_read': 'seconds' must be a number from 0 to 86400"),
        ("search", {"query": "   ", "results": 0},
         "event 'search': 'query' is empty once normalized"),
        ("search", {"query": "x" * 1001, "results": 0},
         "event 'search': 'query' must be text of at most 1000 characters"),
        ("search", {"query": "calo", "results": -3},
         "event 'search': 'results' must be a number from 0 to 100000, got -3"),
        ("quiz_answer", {"quiz": "calo", "question": "q1", "correct": "yes"},
         "event 'quiz_answer': 'correct' must be true or false"),
        ("quiz_answer", {"quiz": "calo", "question": "q 1", "correct": True},
         "event 'quiz_answer': 'question' must be an id (letters, digits, - _ .)"),
        ("quiz_answer", {"quiz": "calo", "question": "q1", "correct": True, "options": ["a"] * 31},
         "event 'quiz_answer': 'options' must be a list of at most 30 ids"),
        ("quiz_completed", {"quiz": "calo", "score": 6, "total": 5},
         "event 'quiz_completed': 'score' (6) is more than 'total' (5)"),
        ("quiz_completed", {"quiz": "calo", "score": 0, "total": 0},
         "event 'quiz_completed': 'total' must be a number from 1 to 1000, got 0"),
        ("checker_result", {"risk": "bahaya", "flags": {"a": 1}},
         "event 'checker_result': 'flags' must be a list of at most 30 ids"),
        ("visit", {"pages": 0, "seconds": 10},
         "event 'visit': 'pages' must be a number from 1 to 10000, got 0"),
        ("visit", {"pages": 3, "seconds": 86_401},
         "event 'visit': 'seconds' must be a number from 0 to 86400, got 86401"),
    ],
)
def test_malformed_events_are_refused_with_the_reason(tmp_path, kind, fields, message):
    store = StatsStore(tmp_path / "s.sqlite3")
    with pytest.raises(EventError) as info:
        store.record(kind, fields)
    assert str(info.value) == message
    assert store.pending() == 0


def test_a_malformed_event_from_a_feature_is_logged_and_the_page_still_works(stats_app, caplog):
    with stats_app.test_request_context():
        events.record("quiz_completed", quiz="calo", score=9, total=5)
    assert "could not record event quiz_completed" in caplog.text
    assert stats_app.extensions["stats"].pending() == 0


@pytest.mark.parametrize(
    ("kind", "fields", "key"),
    [
        ("lesson_read", {"lesson": "calo", "lang": "id", "seconds": 61.7, "scrolled": 99},
         ("calo", "id", 60, 100)),
        ("search", {"query": "Calo  Paspor", "results": 2}, ("calo paspor", 2, "")),
        ("quiz_answer", {"quiz": "calo", "question": "q1", "correct": 1, "options": ["c", "a"]},
         ("calo", "q1", 1, "a,c")),
        ("quiz_answer", {"quiz": "calo", "question": "q1", "correct": False, "options": "b"},
         ("calo", "q1", 0, "b")),
        ("quiz_answer", {"quiz": "calo", "question": 3, "correct": True, "options": [2, 1]},
         ("calo", "3", 1, "1,2")),  # numeric ids, as YAML reads `id: 3`
        ("checker_result", {"risk": "aman", "flags": []}, ("aman", "")),
        ("presenter_session", {"lessons": ["calo", "visa-ziarah"], "seconds": 1500},
         ("calo,visa-ziarah", 1200, 0)),
        ("visit", {"pages": 7, "seconds": 250}, (7, 120)),
    ],
)
def test_events_are_kept_in_their_coarse_form(kind, fields, key):
    assert tally_key(kind, fields) == key


def test_the_page_may_send_only_what_the_page_knows():
    assert set(engagement.PAGE_KINDS) == {"lesson_read", "visit"}
    assert set(engagement.PAGE_KINDS) <= set(events.KINDS)


def test_the_copy_kept_while_the_disk_refuses_writes_has_the_counts_still_in_the_wal(
        tmp_path, clock):
    # On a full disk checkpoints fail too: the latest counts live only in stats.sqlite3-wal.
    store = StatsStore(tmp_path / "s.sqlite3", clock=clock)
    # While a reader keeps the file open, the store's writers closing do not checkpoint.
    keeper = sqlite3.connect(store.path)
    keeper.execute("PRAGMA wal_autocheckpoint = 0")
    keeper.execute("SELECT 1 FROM lesson_viewed").fetchall()
    try:
        for _ in range(3):
            store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
        store.flush()
        file_only = sqlite3.connect(f"{store.path.resolve().as_uri()}?immutable=1", uri=True)
        try:
            assert file_only.execute("SELECT COUNT(*) FROM lesson_viewed").fetchone() == (0,)
        finally:
            file_only.close()
        store.trouble = "the data folder refuses writes"  # as after a failed write
        with store.reading() as conn:
            assert conn.execute("SELECT SUM(n) FROM lesson_viewed").fetchone() == (3,)
    finally:
        keeper.close()
