import pytest

from kiosk import events


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
