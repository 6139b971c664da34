"""The officer's report: headline numbers, top lists, the 3-times rule for queries, and
retention folding old days into totals without changing the headline."""

import datetime as dt
import sqlite3

import pytest
from conftest import settings

from kiosk.stats import report, retention
from kiosk.stats.store import StatsStore

DAY = 24 * 3600


@pytest.fixture
def store(tmp_path, clock):
    return StatsStore(tmp_path / "s.sqlite3", clock=clock, flush_seconds=60)


def march(first=1, last=31):
    return report.Period(dt.date(2026, 3, first), dt.date(2026, 3, last))


def search(store, query, results=1, times=1):
    for _ in range(times):
        store.record("search", {"query": query, "results": results, "lang": "id"})


def test_a_query_is_shown_only_once_typed_three_times_in_a_day(store, clock):
    search(store, "kerja di kamboja", results=0, times=2)
    search(store, "anak pak budi di malaysia", times=1)
    search(store, "calo", times=5)
    result = report.build(store, march())
    assert [row["query"] for row in result.searches] == ["calo"]
    assert result.searches_without_result == []
    assert result.headline["searches"] == 8  # counted in the totals all the same
    assert result.headline["searches_without_result"] == 2

    assert result.other_searches == 3

    clock.advance(DAY)  # a third time, but on another day: still among the other queries
    search(store, "Kerja di  Kamboja", results=0)
    result = report.build(store, march())
    assert [r["query"] for r in result.searches] == ["calo"]
    assert result.other_searches == 4
    search(store, "kerja di kamboja", results=0, times=2)  # three times in one day
    result = report.build(store, march())
    assert [(r["query"], r["times"], r["without_result"]) for r in result.searches] == [
        ("calo", 5, 0), ("kerja di kamboja", 3, 3)]
    assert result.searches_without_result == [{"query": "kerja di kamboja", "times": 3}]
    assert result.other_searches == 3
    # Within a day of that period where it was typed once only: not shown.
    one_day = report.Period(dt.date(2026, 3, 5), dt.date(2026, 3, 5))
    assert [r["query"] for r in report.build(store, one_day).searches] == ["calo"]


def test_digit_runs_never_reach_the_report(store):
    for number in ("0812 3456 7890", "0813-9999-1111", "081277778888"):
        search(store, f"calo {number}", results=0)
    result = report.build(store, march())
    assert result.searches == [{"query": "calo #", "times": 3, "without_result": 3}]


def test_the_headline_answers_the_monthly_report(store):
    for seconds in (30, 200, 400):  # buckets 30-60, 120-300, 300-600
        store.record("visit", {"pages": 4, "seconds": seconds})
    for slug, times in (("calo", 3), ("visa-ziarah", 1)):
        for _ in range(times):
            store.record("lesson_viewed", {"lesson": slug, "lang": "id"})
    store.record("lesson_viewed", {"lesson": "calo", "lang": "en"})
    store.record("lesson_read", {"lesson": "calo", "lang": "id", "seconds": 80, "scrolled": 100})
    store.record("lesson_read", {"lesson": "calo", "lang": "id", "seconds": 20, "scrolled": 40})
    # Scrolled to the end within a few seconds: opened, not read.
    store.record("lesson_read", {"lesson": "calo", "lang": "id", "seconds": 4, "scrolled": 100})
    store.record("quiz_completed", {"quiz": "calo", "score": 3, "total": 4})
    store.record("quiz_completed", {"quiz": "calo", "score": 4, "total": 4})
    result = report.build(store, march())
    headline = result.headline
    assert headline["visits"] == 3
    assert headline.average_visit_seconds == (45 + 210 + 450) // 3
    assert headline["lesson_views"] == 5
    assert headline.by_prefix("lesson_views:") == {"id": 4, "en": 1}
    assert headline["lessons_read_to_end"] == 1
    assert headline.read_to_end_percent == 33
    assert headline["quiz_completions"] == 2
    assert headline.average_score_percent == 88  # 7 of 8
    assert result.lessons == [
        {"lesson": "calo", "views": 4, "reads": 3, "read_to_end": 1},
        {"lesson": "visa-ziarah", "views": 1, "reads": 0, "read_to_end": 0},
    ]
    assert result.visit_lengths[2:6] == [(30, 1), (60, 0), (120, 1), (300, 1)]


def test_questions_are_listed_hardest_first_with_the_usual_wrong_answer(store):
    answers = [("q1", True, "a")] * 4 + [("q2", False, "c")] * 3 + [("q2", False, "b")] + \
        [("q2", True, "a")] + [("q3", True, "a"), ("q3", False, "d")]
    for question, correct, option in answers:
        store.record("quiz_answer", {"quiz": "calo", "question": question, "correct": correct,
                                     "options": [option]})
    rows = [(q["question"], q["answers"], q["right_percent"], q["common_wrong"])
            for q in report.build(store, march()).questions]
    assert rows == [("q2", 5, 20, "c"), ("q3", 2, 50, "d"), ("q1", 4, 100, "")]


def test_checker_outcomes_and_the_flags_raised_most(store):
    store.record("checker_result", {"risk": "bahaya", "flags": ["biaya", "paspor"]})
    store.record("checker_result", {"risk": "bahaya", "flags": ["biaya"]})
    store.record("checker_result", {"risk": "aman", "flags": []})
    result = report.build(store, march())
    assert result.headline.by_prefix("checker:") == {"bahaya": 2, "aman": 1}
    assert result.checker_flags == [("biaya", 2), ("paspor", 1)]


def test_use_by_hour_counts_touches_but_not_visit_summaries(store, clock):
    store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
    clock.advance(4 * 3600)
    store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
    store.record("visit", {"pages": 2, "seconds": 60})
    hours = report.build(store, march()).hours
    assert len(hours) == 24
    assert (hours[10], hours[14], sum(hours)) == (1, 1, 2)


def test_a_period_counts_only_its_own_days(store, clock):
    store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})  # Thursday 5 March
    clock.advance(-3 * DAY)  # Monday 2 March
    store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
    today = dt.date(2026, 3, 5)
    assert report.build(store, report.Period.today(today)).headline["lesson_views"] == 1
    assert report.build(store, report.Period.this_week(today)).headline["lesson_views"] == 2
    imdes_day = report.Period.between(dt.date(2026, 3, 2), dt.date(2026, 3, 2))
    assert report.build(store, imdes_day).headline["lesson_views"] == 1
    assert report.Period.this_month(today) == march(1, 5)


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [((2026, 3, 5), (2026, 3, 4), "the range ends before it starts"),
     ((2020, 1, 1), (2026, 1, 1), "the range is longer than 1098 days")],
)
def test_a_range_that_is_not_one_is_refused(start, end, message):
    with pytest.raises(ValueError) as info:
        report.Period.between(dt.date(*start), dt.date(*end))
    assert str(info.value) == message


def fill_a_year_ago(store, clock):
    clock.advance(-400 * DAY)
    for _ in range(3):
        search(store, "calo", results=0)
        store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
    store.record("visit", {"pages": 3, "seconds": 200})
    store.record("quiz_completed", {"quiz": "calo", "score": 2, "total": 4})
    store.record("checker_result", {"risk": "bahaya", "flags": ["biaya"]})
    store.record("language_switched", {"lang": "en"})
    clock.advance(400 * DAY)
    store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})  # today: not folded
    return dt.date.fromtimestamp(clock.now - 400 * DAY)


def test_retention_folds_old_detail_into_day_totals_and_keeps_the_headline(store, clock):
    old_day = fill_a_year_ago(store, clock)
    old = report.Period(old_day, old_day)
    before = report.build(store, old)
    assert before.searches and before.lessons and before.folded_through is None

    assert retention.fold(store, retention_days=365) == 1
    after = report.build(store, old)
    assert after.headline.counts == before.headline.counts
    assert after.folded_through == old_day.isoformat()
    assert (after.searches, after.lessons, after.questions, after.checker_flags) == \
        ([], [], [], [])
    assert sum(after.hours) == 0
    conn = sqlite3.connect(store.path)
    left = conn.execute("SELECT COUNT(*) FROM search").fetchone()[0] + \
        conn.execute("SELECT COUNT(*) FROM hourly_use WHERE day < '2026-01-01'").fetchone()[0]
    conn.close()
    assert left == 0
    # Today is untouched; folding again changes nothing.
    assert report.build(store, march()).headline["lesson_views"] == 1
    assert retention.fold(store, retention_days=365) == 0
    assert report.build(store, old).headline.counts == before.headline.counts


def test_days_younger_than_the_retention_age_keep_their_detail(store, clock):
    old_day = fill_a_year_ago(store, clock)
    assert retention.fold(store, retention_days=401) == 0
    assert report.build(store, report.Period(old_day, old_day)).searches != []


def test_the_kiosk_folds_at_start_with_its_configured_age(content_dir, tmp_path, clock):
    from kiosk import create_app

    store = StatsStore(tmp_path / "data" / "stats.sqlite3", clock=clock, flush_seconds=60)
    fill_a_year_ago(store, clock)
    store.close()
    config = settings(content_dir, tmp_path)
    app = create_app({**config, "STATS_RETENTION_DAYS": 500}, clock=clock)
    assert report.build(app.extensions["stats"], report.Period(
        dt.date(2025, 1, 1), dt.date(2025, 12, 31))).folded_through is None
    app = create_app(config, clock=clock)  # the default, 365 days
    assert report.build(app.extensions["stats"], report.Period(
        dt.date(2025, 1, 1), dt.date(2025, 12, 31))).folded_through is not None


def test_the_first_write_of_a_new_day_folds(tmp_path, clock):
    store = StatsStore(tmp_path / "s.sqlite3", clock=clock, flush_seconds=60)
    folds = []
    store.on_new_day.append(lambda s: folds.append(retention.fold(s, 365)))
    fill_a_year_ago(store, clock)
    store.flush()
    assert folds == []  # the kiosk folds when it starts; this is still its first day
    store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
    store.flush()
    assert folds == []
    clock.advance(DAY)  # past midnight
    store.record("lesson_viewed", {"lesson": "calo", "lang": "id"})
    store.flush()
    assert folds == [1]


def test_folded_detail_is_gone_from_the_file_itself(store, clock):
    clock.advance(-400 * DAY)
    search(store, "kerja rahasia di malaysia", times=3)
    clock.advance(400 * DAY)
    store.flush()
    assert b"rahasia" in b"".join(p.read_bytes() for p in store.path.parent.glob("s.sqlite3*"))
    retention.fold(store, 365)
    store.close()
    for part in store.path.parent.glob("s.sqlite3*"):
        assert b"rahasia" not in part.read_bytes(), part.name


def test_the_usual_wrong_answer_is_one_wrong_option_counted_on_its_own(store):
    # A multiple-select answer may hold two wrong options; each counts for itself.
    for options in (["b", "d"], ["d"], ["b", "d"], ["c"]):
        store.record("quiz_answer", {"quiz": "calo", "question": "q2", "correct": False,
                                     "options": options})
    store.record("quiz_answer", {"quiz": "calo", "question": "q2", "correct": False,
                                 "options": []})  # partly right: only a right option missed
    rows = [(q["question"], q["answers"], q["common_wrong"], q["common_wrong_times"])
            for q in report.build(store, march()).questions]
    assert rows == [("q2", 5, "d", 3)]
