"""POST /peristiwa: the page's own events are counted; bad or excessive input is refused or
dropped, stores nothing, and never costs the villager a page."""

import json

import pytest
from conftest import stored

GOOD_READ = {"kind": "lesson_read", "lesson": "calo", "lang": "id", "seconds": 42,
             "scrolled": 100}


def nothing_stored(app):
    tables = ["lesson_read", "visit", "search", "quiz_completed", "hourly_use"]
    return all(stored(app, f"SELECT COUNT(*) FROM {t}") == [(0,)] for t in tables)


def test_a_lesson_read_and_a_visit_are_counted(stats_app):
    client = stats_app.test_client()
    assert client.post("/peristiwa", json=GOOD_READ).status_code == 204
    # sendBeacon sends a string body as text/plain.
    response = client.post("/peristiwa", data=json.dumps({"kind": "visit", "pages": 3,
                                                          "seconds": 95}),
                           content_type="text/plain;charset=UTF-8")
    assert response.status_code == 204
    assert stored(stats_app, "SELECT lesson, lang, seconds, scrolled, n FROM lesson_read") == [
        ("calo", "id", 30, 100, 1)]
    assert stored(stats_app, "SELECT pages, seconds, n FROM visit") == [(3, 60, 1)]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"kind": "klik"}, "a page may send only lesson_read, visit"),
        ({"lesson": "calo"}, "a page may send only lesson_read, visit"),
        ({"kind": "search", "query": "calo", "results": 3},
         "a page may send only lesson_read, visit"),
        ({"kind": "quiz_completed", "quiz": "calo", "score": 5, "total": 5},
         "a page may send only lesson_read, visit"),
        ({**GOOD_READ, "seconds": -5},
         "event 'lesson_read': 'seconds' must be a number from 0 to 86400, got -5"),
        ({**GOOD_READ, "seconds": 10**9},
         "event 'lesson_read': 'seconds' must be a number from 0 to 86400, got 1000000000"),
        ({**GOOD_READ, "scrolled": 250},
         "event 'lesson_read': 'scrolled' must be a number from 0 to 100, got 250"),
        ({**GOOD_READ, "scrolled": "100"},
         "event 'lesson_read': 'scrolled' must be a number from 0 to 100"),
        ({**GOOD_READ, "lesson": "<script>"},
         "event 'lesson_read': 'lesson' must be a lesson slug"),
        ({**GOOD_READ, "lesson": "tidak-ada"}, "no lesson 'tidak-ada' in 'id'"),
        ({**GOOD_READ, "lang": "en"}, "no lesson 'calo' in 'en'"),
        ({**GOOD_READ, "user_agent": "x"}, "event 'lesson_read' has unknown fields ['user_agent']"),
        ({"kind": "visit", "pages": 3}, "event 'visit' is missing 'seconds'"),
        ({"kind": "visit", "pages": 0, "seconds": 4},
         "event 'visit': 'pages' must be a number from 1 to 10000, got 0"),
        ([GOOD_READ], "the body must be one JSON object"),
        ("lesson_read", "the body must be one JSON object"),
    ],
)
def test_malformed_events_get_400_and_store_nothing(stats_app, body, message):
    response = stats_app.test_client().post("/peristiwa", json=body)
    assert response.status_code == 400
    assert response.get_json() == {"error": message}
    assert nothing_stored(stats_app)


@pytest.mark.parametrize(
    "raw",
    [b"{", b"\xff\xfe\x00", b"null", b"NaN", b'{"kind": "visit", "pages": 1e999, "seconds": 1}'],
)
def test_bodies_that_are_not_json_objects_get_400(stats_app, raw):
    response = stats_app.test_client().post("/peristiwa", data=raw)
    assert response.status_code == 400
    assert nothing_stored(stats_app)


def test_a_one_megabyte_body_is_refused_unread(stats_app):
    body = json.dumps({**GOOD_READ, "padding": "x" * (1024 * 1024)})
    response = stats_app.test_client().post("/peristiwa", data=body)
    assert response.status_code == 400
    assert response.get_json() == {
        "error": "the body must be at most 2048 bytes, with a Content-Length"}
    assert nothing_stored(stats_app)


def test_another_site_cannot_report_events(stats_app):
    response = stats_app.test_client().post("/peristiwa", json=GOOD_READ,
                                            headers={"Sec-Fetch-Site": "cross-site"})
    assert response.status_code == 400
    assert nothing_stored(stats_app)


def test_a_flood_is_dropped_after_the_burst_and_pages_still_serve(stats_app, clock):
    client = stats_app.test_client()
    codes = [client.post("/peristiwa", json=GOOD_READ).status_code for _ in range(2000)]
    burst = stats_app.config["STATS_BEACON_BURST"]
    assert codes[:burst] == [204] * burst
    assert set(codes[burst:]) == {429}
    assert stored(stats_app, "SELECT SUM(n) FROM lesson_read") == [(burst,)]
    assert client.get("/pelajaran/calo").status_code == 200
    # The bucket refills with time: one more event per two seconds at 30 a minute.
    clock.advance(2)
    assert client.post("/peristiwa", json=GOOD_READ).status_code == 204
    assert client.post("/peristiwa", json=GOOD_READ).status_code == 429


def test_every_page_loads_the_counting_script_with_its_endpoint(client):
    page = client.get("/").get_data(as_text=True)
    assert '<script src="/static/js/stats.js" data-endpoint="/peristiwa" defer></script>' in page


def test_get_is_not_an_event(client):
    assert client.get("/peristiwa").status_code == 405


def test_senders_changing_addresses_cannot_pass_the_rate_of_a_full_hall(stats_app, clock):
    from kiosk.views.beacon import SENDERS_AT_ONCE

    burst = stats_app.config["STATS_BEACON_BURST"] * SENDERS_AT_ONCE
    per_minute = stats_app.config["STATS_BEACON_PER_MINUTE"] * SENDERS_AT_ONCE

    def from_new_addresses(first, count):
        codes = []
        for n in range(first, first + count):
            client = stats_app.test_client()
            client.environ_base["REMOTE_ADDR"] = f"10.9.{n // 256}.{n % 256}"
            codes.append(client.post("/peristiwa", json=GOOD_READ).status_code)
        return codes

    codes = from_new_addresses(0, burst + 200)  # each address sends once: within its own
    assert codes[:burst] == [204] * burst
    assert set(codes[burst:]) == {429}
    clock.advance(60)
    assert from_new_addresses(burst + 200, burst + 200).count(204) == min(burst, per_minute)
    assert stored(stats_app, "SELECT SUM(n) FROM lesson_read") == [
        (burst + min(burst, per_minute),)]
    # A phone that sent nothing yet waits for the hall's bucket like everyone else.
    assert from_new_addresses(5000, 1) == [429]
