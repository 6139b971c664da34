import logging

import pytest
from conftest import newer_stats_database, settings

from kiosk import create_app, events


def test_lesson_views_and_language_switches_reach_the_sink(app, client):
    seen = []
    events.set_sink(app, lambda kind, fields: seen.append((kind, fields)))
    client.get("/pelajaran/visa-ziarah")
    client.get("/?lang=en")
    client.get("/?lang=en")  # already English: not a switch
    client.get("/pelajaran/calo")  # falls back to Indonesian
    assert seen == [
        ("lesson_viewed", {"lesson": "visa-ziarah", "lang": "id"}),
        ("language_switched", {"lang": "en"}),
        ("lesson_viewed", {"lesson": "calo", "lang": "id"}),
    ]


def test_a_failing_sink_never_breaks_the_page(app, client, caplog):
    def broken(kind, fields):
        raise OSError("disk full")

    events.set_sink(app, broken)
    assert client.get("/pelajaran/visa-ziarah").status_code == 200
    assert "could not record event lesson_viewed" in caplog.text


@pytest.mark.parametrize(
    ("kind", "fields", "message"),
    [
        ("klik", {}, "unknown event kind 'klik'"),
        ("search", {"query": "x", "ip": "1.2.3.4"}, "event 'search' has unknown fields ['ip']"),
    ],
)
def test_events_outside_the_vocabulary_are_refused(app, kind, fields, message):
    with app.app_context(), pytest.raises(ValueError) as info:
        events.record(kind, **fields)
    assert str(info.value) == message


def test_with_stats_off_the_log_never_holds_what_a_villager_typed(content_dir, tmp_path, caplog):
    # A database from a newer kiosk turns the stats off: events have no sink but the log.
    data = newer_stats_database(tmp_path)
    app = create_app(settings(content_dir, tmp_path, DATA_DIR=str(data)))
    assert app.extensions["stats"] is None
    caplog.set_level(logging.DEBUG)
    typed = "paspor siti 0812-3456-7890 siti@mail.com"
    assert app.test_client().get("/cari", query_string={"q": typed}).status_code == 200
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "event search" in logged  # the kind still shows what the kiosk did
    for private in ("siti", "0812", "3456-7890", "mail.com", "paspor"):
        assert private not in logged
