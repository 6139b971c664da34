"""Export and fleet merge: files labelled with the kiosk's name, imports that never count
twice, and files that are not exports refused whole, with the line that is wrong."""

import datetime as dt
import json

import pytest
from conftest import settings

from kiosk import create_app
from kiosk.stats import exchange, report, retention
from kiosk.stats.store import StatsStore

DAY = 24 * 3600
MARCH = report.Period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))


def use_the_kiosk(store, clock, visits=1):
    """One busy morning at a kiosk: every kind of event, repeated ``visits`` times."""
    for visit in range(visits):
        store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
        store.record("lesson_read", {"lesson": "calo", "lang": "id", "seconds": 70,
                                     "scrolled": 100})
        store.record("search", {"query": "kerja kamboja", "results": 0, "lang": "id"})
        store.record("search", {"query": f"langka {visit}", "results": 2, "lang": "id"})
        store.record("quiz_answer", {"quiz": "calo", "question": "q1", "correct": False,
                                     "options": ["b"]})
        store.record("quiz_completed", {"quiz": "calo", "score": 3, "total": 5})
        store.record("checker_result", {"risk": "bahaya", "flags": ["biaya", "paspor"]})
        store.record("language_switched", {"lang": "en"})
        store.record("presenter_session", {"lessons": ["calo"], "seconds": 1800,
                                           "audience": 40})
        store.record("visit", {"pages": 5, "seconds": 300})
    store.flush()


def export_file(store, path, label, fmt):
    rows = exchange.export_rows(store, "2026-03-01", "2026-03-31", label)
    text = exchange.write_json(rows, label, "2026-03-01", "2026-03-31") if fmt == "json" \
        else exchange.write_csv(rows)
    path.write_text(text, encoding="utf-8")
    return path


def numbers(result):
    """Everything the dashboard shows, to compare two reports whole."""
    return (dict(result.headline.counts), result.lessons, result.questions, result.quizzes,
            result.checker_flags, result.searches, result.hours, result.visit_lengths)


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_twice_leaves_the_totals_unchanged(tmp_path, clock, fmt):
    village = StatsStore(tmp_path / "desa.sqlite3", clock=clock)
    use_the_kiosk(village, clock, visits=3)
    exported = export_file(village, tmp_path / f"desa.{fmt}", "Desa Sukamaju", fmt)

    office = StatsStore(tmp_path / "kantor.sqlite3", clock=clock)
    once = exchange.merge(office, exchange.read_file(exported, "Kantor"))
    after_one = numbers(report.build(office, MARCH))
    exchange.merge(office, exchange.read_file(exported, "Kantor"))
    assert numbers(report.build(office, MARCH)) == after_one
    assert once["kiosks"] == ["Desa Sukamaju"]
    assert once["days"] == ("2026-03-05", "2026-03-05")
    # The office sees the village exactly as the village sees itself (but for rare queries).
    village_numbers = numbers(report.build(village, MARCH))
    assert after_one == village_numbers
    assert report.build(office, MARCH).per_kiosk.keys() == {"Desa Sukamaju"}


def test_merging_two_kiosks_gives_their_sum(tmp_path, clock):
    files = []
    for name, visits in (("Desa Sukamaju", 2), ("Desa Mekarsari", 5)):
        store = StatsStore(tmp_path / f"{name}.sqlite3", clock=clock)
        use_the_kiosk(store, clock, visits=visits)
        files.append(export_file(store, tmp_path / f"{name}.csv", name, "csv"))
    office = StatsStore(tmp_path / "kantor.sqlite3", clock=clock)
    use_the_kiosk(office, clock, visits=1)  # the office's own kiosk counts too
    for path in files + files:
        exchange.merge(office, exchange.read_file(path, "Kantor"))
    merged = report.build(office, MARCH)
    assert merged.headline["lesson_views"] == 2 + 5 + 1
    assert merged.headline["visits"] == 8
    assert merged.headline["presenter_audience"] == 40 * 8
    assert merged.lessons == [{"lesson": "calo", "views": 8, "reads": 8, "read_to_end": 8}]
    assert {k: c["lesson_views"] for k, c in merged.per_kiosk.items()} == {
        "": 1, "Desa Sukamaju": 2, "Desa Mekarsari": 5}
    one = report.build(office, MARCH, kiosk="Desa Mekarsari")
    assert one.headline["lesson_views"] == 5


def test_rare_queries_leave_the_kiosk_only_as_a_count(tmp_path, clock):
    store = StatsStore(tmp_path / "s.sqlite3", clock=clock)
    use_the_kiosk(store, clock, visits=3)
    rows = exchange.export_rows(store, "2026-03-01", "2026-03-31", "Desa Sukamaju")
    searches = [(r["query"], r["results"], r["n"]) for r in rows if r["kind"] == "search"]
    assert sorted(searches) == [("", 2, 3), ("kerja kamboja", 0, 3)]


def test_an_old_day_imported_again_after_folding_is_not_counted_twice(tmp_path, clock):
    village = StatsStore(tmp_path / "desa.sqlite3", clock=clock)
    clock.advance(-400 * DAY)
    use_the_kiosk(village, clock, visits=2)
    old_day = dt.date.fromtimestamp(clock.now)
    rows = exchange.export_rows(village, old_day.isoformat(), old_day.isoformat(), "Desa A")
    clock.advance(400 * DAY)
    office = StatsStore(tmp_path / "kantor.sqlite3", clock=clock)
    old = report.Period(old_day, old_day)
    for _ in range(2):
        exchange.merge(office, rows, retention_days=365)
        result = report.build(office, old)
        assert result.folded_through == old_day.isoformat()
        assert result.headline["lesson_views"] == 2
        assert result.headline["visits"] == 2
    # And the village's own export after it folded brings the same totals, not more.
    retention.fold(village, 365)
    folded = exchange.export_rows(village, old_day.isoformat(), old_day.isoformat(), "Desa A")
    assert {r["kind"] for r in folded} == {"total"}
    exchange.merge(office, folded, retention_days=365)
    assert report.build(office, old).headline["lesson_views"] == 2


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


HEADER = ",".join(exchange.COLUMNS)


def csv_row(**cells):
    return ",".join(str(cells.get(column, "")) for column in exchange.COLUMNS)


GOOD = dict(kiosk="Desa A", day="2026-03-05", kind="lesson_viewed", lesson="calo", lang="id",
            n=2)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", ":1: not a stats export: missing columns ['kiosk', 'day', 'kind', 'n']"),
        ("kiosk,day,kind,n,ip\n", ":1: not a stats export: unknown columns ['ip']"),
        (f"{HEADER}\n{csv_row(**{**GOOD, 'kiosk': ''})}\n",
         ":2: 'kiosk' is empty: set KIOSK_NAME on the kiosk that made this file and export "
         "again"),
        (f"{HEADER}\n{csv_row(**{**GOOD, 'kiosk': '=1+1'})}\n",
         ":2: 'kiosk' must be a name of at most 80 characters, not starting with = + - @"),
        (f"{HEADER}\n{csv_row(**{**GOOD, 'kiosk': 'Kantor'})}\n",
         ":2: this file comes from this kiosk ('Kantor'); its numbers are already here"),
        (f"{HEADER}\n{csv_row(**GOOD)}\n{csv_row(**{**GOOD, 'day': '5 Maret'})}\n",
         ":3: 'day' must be a date like 2026-03-05, got '5 Maret'"),
        (f"{HEADER}\n{csv_row(**{**GOOD, 'kind': 'klik'})}\n", ":2: unknown kind 'klik'"),
        (f"{HEADER}\n{csv_row(**{**GOOD, 'n': '-4'})}\n",
         ":2: 'n' must be from 1 to 1000000000, got -4"),
        (f"{HEADER}\n{csv_row(**{**GOOD, 'n': 'banyak'})}\n", ":2: 'n' must be a whole number"),
        (f"{HEADER}\n{csv_row(**{**GOOD, 'query': 'calo'})}\n",
         ":2: kind 'lesson_viewed' has no field 'query'"),
        (f"{HEADER}\n{csv_row(**{**GOOD, 'lesson': '../x'})}\n",
         ":2: kind 'lesson_viewed': 'lesson' must be a lesson slug"),
        (f"{HEADER}\n{csv_row(kiosk='A', day='2026-03-05', kind='search', query='hub 08123456789', results=0, n=3)}\n",  # noqa: E501
         ":2: 'query' is not in the form the kiosk stores ('hub #' expected)"),
        (f"{HEADER}\n{csv_row(kiosk='A', day='2026-03-05', kind='visit', pages=3, seconds=65, n=1)}\n",  # noqa: E501
         ":2: 'seconds' is not in the form the kiosk stores (60 expected)"),
        (f"{HEADER}\n{csv_row(kiosk='A', day='2026-03-05', kind='hour', hour=24, n=1)}\n",
         ":2: 'hour' must be from 0 to 23, got 24"),
        (f"{HEADER}\n{csv_row(kiosk='A', day='2026-03-05', kind='total', metric='ip', n=1)}\n",
         ":2: unknown total 'ip'"),
        (f"{HEADER}\n{csv_row(**GOOD)}\n{csv_row(**GOOD)}\n", ":3: repeats the counter of line 2"),
        (f"{HEADER}\n{csv_row(**GOOD)},extra\n", ":2: has more cells than the header"),
        ('{"format": "kios-waspada-stats", "version": 1, "rows": [{"kiosk": "A"}]}',
         ":1: 'day' must be a date like 2026-03-05, got 'None'"),
        ('{"format": "lain"}', ': not a stats export (expected "format": "kios-waspada-stats")'),
        ('{"format": "kios-waspada-stats", "version": 2, "rows": []}',
         ": export version 2 is not 1"),
        ('{"rows": [', ":1: not valid JSON: Expecting value"),
    ],
)
def test_a_file_that_is_not_a_good_export_is_refused_whole(tmp_path, clock, text, message):
    path = write(tmp_path / "kiriman.csv", text)
    with pytest.raises(exchange.ExchangeError) as info:
        exchange.read_file(path, own_name="Kantor")
    assert str(info.value) == f"{path}{message}"


def test_the_cli_exports_and_imports_and_reports_bad_files(content_dir, tmp_path, clock):
    village = create_app(settings(content_dir, tmp_path, DATA_DIR=str(tmp_path / "desa"),
                                  KIOSK_NAME="Desa Sukamaju"), clock=clock)
    use_the_kiosk(village.extensions["stats"], clock, visits=2)
    out = tmp_path / "desa.json"
    done = village.test_cli_runner().invoke(args=[
        "stats", "export", "--from", "2026-03-01", "--to", "2026-03-31", "--format", "json",
        "--output", str(out)])
    assert done.exit_code == 0, done.output
    document = json.loads(out.read_text(encoding="utf-8"))
    assert (document["kiosk"], document["from"], document["to"]) == (
        "Desa Sukamaju", "2026-03-01", "2026-03-31")
    assert {row["kiosk"] for row in document["rows"]} == {"Desa Sukamaju"}
    printed = village.test_cli_runner().invoke(args=["stats", "export", "--to", "2026-03-31"])
    assert printed.output.startswith("kiosk,day,kind,")
    assert "Desa Sukamaju,2026-03-05,lesson_viewed,calo,id," in printed.output

    office = create_app(settings(content_dir, tmp_path, DATA_DIR=str(tmp_path / "kantor"),
                                 KIOSK_NAME="Kanim Contoh"), clock=clock)
    runner = office.test_cli_runner()
    for _ in range(2):
        done = runner.invoke(args=["stats", "import", str(out)])
        assert done.exit_code == 0, done.output
        assert f"{out}: " in done.output and "from Desa Sukamaju (2026-03-05 to 2026-03-05)" \
            in done.output
    assert report.build(office.extensions["stats"], MARCH).headline["lesson_views"] == 2

    bad = write(tmp_path / "rusak.csv", "kiosk,day\n")
    done = runner.invoke(args=["stats", "import", str(out), str(bad)])
    assert done.exit_code == 1
    assert f"Error: {bad}:1: not a stats export: missing columns ['kind', 'n']" in done.output
    assert report.build(office.extensions["stats"], MARCH).headline["lesson_views"] == 2

    own = village.test_cli_runner().invoke(args=["stats", "import", str(out)])
    assert own.exit_code == 1
    assert "this file comes from this kiosk ('Desa Sukamaju')" in own.output


def test_export_refuses_a_date_it_cannot_read(stats_app):
    done = stats_app.test_cli_runner().invoke(args=["stats", "export", "--from", "kemarin"])
    assert done.exit_code == 2
    assert "expected a date like 2026-03-05, got 'kemarin'" in done.output


def test_fold_command_says_what_it_did(stats_app):
    done = stats_app.test_cli_runner().invoke(args=["stats", "fold"])
    assert done.output == "0 kiosk-days older than 365 days folded into day totals\n"
