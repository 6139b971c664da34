"""The officer's report for a period: the monthly-report numbers first, then the detail.

Search queries appear only once typed at least ``QUERY_MIN_COUNT`` times in the period.
"""

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from . import retention, totals
from .privacy import DURATION_BUCKETS, QUERY_MIN_COUNT, READ_TO_END_SQL

TOP = 10
LONGEST_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date

    @classmethod
    def today(cls, today):
        return cls(today, today)

    @classmethod
    def this_week(cls, today):
        return cls(today - dt.timedelta(days=today.weekday()), today)

    @classmethod
    def this_month(cls, today):
        return cls(today.replace(day=1), today)

    @classmethod
    def between(cls, start, end):
        """A chosen range (both days included); ValueError with the reason when it is not one."""
        if end < start:
            raise ValueError("the range ends before it starts")
        if (end - start).days >= LONGEST_PERIOD_DAYS:
            raise ValueError(f"the range is longer than {LONGEST_PERIOD_DAYS} days")
        return cls(start, end)

    @property
    def days(self):
        return (self.end - self.start).days + 1

    def bounds(self):
        return self.start.isoformat(), self.end.isoformat()


@dataclass
class Headline:
    counts: Counter

    def __getitem__(self, metric):
        return self.counts.get(metric, 0)

    @property
    def average_visit_seconds(self):
        return round(self["visit_seconds"] / self["visits"]) if self["visits"] else None

    @property
    def average_score_percent(self):
        points = self["quiz_points"]
        return round(100 * self["quiz_score"] / points) if points else None

    @property
    def read_to_end_percent(self):
        reads = self["lesson_reads"]
        return round(100 * self["lessons_read_to_end"] / reads) if reads else None

    def by_prefix(self, prefix):
        """{'id': 12, 'en': 3} for 'lesson_views:' and the like, largest first."""
        found = {m[len(prefix):]: n for m, n in self.counts.items() if m.startswith(prefix)}
        return dict(sorted(found.items(), key=lambda item: (-item[1], item[0])))


@dataclass
class Report:
    period: Period
    kiosk: str | None  # None: every kiosk in the store; '' this kiosk; else an imported one
    headline: Headline
    folded_through: str | None = None
    per_kiosk: dict = field(default_factory=dict)
    lessons: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    group_answers: list = field(default_factory=list)  # quiz questions asked to a room
    listened: list = field(default_factory=list)  # lessons read aloud (Dengarkan), most first
    quizzes: list = field(default_factory=list)
    checker_flags: list = field(default_factory=list)
    searches: list = field(default_factory=list)
    searches_without_result: list = field(default_factory=list)
    other_searches: int = 0  # searches whose words are not shown: rare, or not kept at all
    hours: list = field(default_factory=lambda: [0] * 24)
    visit_lengths: list = field(default_factory=list)
    take_home: list = field(default_factory=list)  # what was taken home, screen vs phone
    phone_days: list = field(default_factory=list)  # [(day, pages opened on phones)]

    @property
    def empty(self):
        return not any(self.headline.counts.values())


def build(store, period, kiosk=None):
    """The report for ``period`` over one kiosk ('' = this one) or every kiosk (None)."""
    start, end = period.bounds()
    where, params = totals.kiosk_condition(kiosk)
    args = (start, end, *params)
    span = f"day BETWEEN ? AND ?{where}"
    with store.reading() as conn:
        kiosks = totals.per_kiosk(conn, start, end, kiosk)
        overall = Counter()
        for counts in kiosks.values():
            overall.update(counts)
        report = Report(period, kiosk, Headline(overall),
                        retention.folded_through(conn, start, end, kiosk), kiosks)
        report.lessons = _lessons(conn, span, args)
        report.questions = _questions(conn, span, args)
        report.group_answers = _group_answers(conn, span, args)
        report.listened = [
            {"lesson": lesson, "times": n} for lesson, n in conn.execute(
                f"SELECT item, SUM(n) FROM listened WHERE {span} AND page = 'lesson' "
                f"GROUP BY item ORDER BY SUM(n) DESC, item LIMIT {TOP}", args)
        ]
        report.quizzes = [
            {"quiz": quiz, "completions": n,
             "score_percent": round(100 * score / points) if points else None}
            for quiz, n, score, points in conn.execute(
                f"SELECT quiz, SUM(n), SUM(n * score), SUM(n * total) FROM quiz_completed "
                f"WHERE {span} GROUP BY quiz ORDER BY SUM(n) DESC, quiz", args)
        ]
        flags = Counter()
        for joined, n in conn.execute(
                f"SELECT flags, SUM(n) FROM checker_result WHERE {span} GROUP BY flags", args):
            for flag in filter(None, joined.split(",")):
                flags[flag] += n
        report.checker_flags = sorted(flags.items(), key=lambda item: (-item[1], item[0]))[:TOP]
        report.searches, report.searches_without_result = _searches(conn, span, args)
        report.other_searches = overall["searches"] - sum(r["times"] for r in report.searches)
        for hour, n in conn.execute(
                f"SELECT hour, SUM(n) FROM hourly_use WHERE {span} GROUP BY hour", args):
            report.hours[hour] = n
        lengths = dict(conn.execute(
            f"SELECT seconds, SUM(n) FROM visit WHERE {span} GROUP BY seconds", args))
        report.visit_lengths = [(b, lengths.get(b, 0)) for b in DURATION_BUCKETS]
        report.take_home = _take_home(conn, span, args)
        report.phone_days = sorted(_page_days(conn, span, args)["phone"].items())
    return report


def _take_home(conn, span, args):
    """What villagers took home (a QR, the buku saku, a lesson's PDF), most taken first:
    [{'what', 'item', 'screen', 'phone'}]. Folded days keep only the totals per 'what'."""
    rows = {}
    for what, item, where, n in conn.execute(
            f'SELECT what, item, "where", SUM(n) FROM take_home WHERE {span} '
            f'GROUP BY what, item, "where"', args):
        row = rows.setdefault((what, item), {"what": what, "item": item, "screen": 0,
                                             "phone": 0})
        row[where if where in ("screen", "phone") else "phone"] += n
    ordered = sorted(rows.values(), key=lambda r: (-(r["screen"] + r["phone"]), r["what"],
                                                   r["item"]))
    return ordered[:2 * TOP]


def _page_days(conn, span, args):
    """{'phone': Counter(day -> pages), 'screen': ...}: pages opened per day on phones on
    the hall's network and on the kiosk's own screen (folded days from their totals)."""
    days = {"phone": Counter(), "screen": Counter()}
    for day, where, n in conn.execute(
            f'SELECT day, "where", SUM(n) FROM page_viewed WHERE {span} GROUP BY day, "where"',
            args):
        days.setdefault(where, Counter())[day] += n
    for day, metric, n in conn.execute(
            f"SELECT day, metric, SUM(n) FROM daily_total WHERE {span} "
            f"AND metric IN ('page_views:phone', 'page_views:screen') GROUP BY day, metric",
            args):
        days[metric.split(":", 1)[1]][day] += n
    return days


def _lessons(conn, span, args):
    rows = {}
    for lesson, n in conn.execute(
            f"SELECT lesson, SUM(n) FROM lesson_viewed WHERE {span} GROUP BY lesson", args):
        rows[lesson] = {"lesson": lesson, "views": n, "reads": 0, "read_to_end": 0}
    for lesson, reads, to_end in conn.execute(
            f"SELECT lesson, SUM(n), SUM(CASE WHEN {READ_TO_END_SQL} THEN n ELSE 0 END) "
            f"FROM lesson_read WHERE {span} GROUP BY lesson", args):
        row = rows.setdefault(lesson, {"lesson": lesson, "views": 0})
        row.update(reads=reads, read_to_end=to_end)
    ordered = sorted(rows.values(), key=lambda r: (-r["views"], -r["read_to_end"], r["lesson"]))
    return ordered[:TOP]


def _questions(conn, span, args):
    """Questions with their share of right answers, the hardest first."""
    # Each wrong option on its own (a multiple-select answer may hold several); rows kept
    # before wrong options were recorded alone may still hold a right one beside them.
    wrong = {}
    for quiz, question, options, n in conn.execute(
            f"SELECT quiz, question, options, SUM(n) FROM quiz_answer "
            f"WHERE {span} AND correct = 0 AND options != '' "
            f"GROUP BY quiz, question, options", args):
        counts = wrong.setdefault((quiz, question), Counter())
        for option in options.split(","):
            counts[option] += n
    wrong_choice = {key: min(counts.items(), key=lambda item: (-item[1], item[0]))
                    for key, counts in wrong.items()}
    questions = []
    for quiz, question, answers, right in conn.execute(
            f"SELECT quiz, question, SUM(n), SUM(n * correct) FROM quiz_answer "
            f"WHERE {span} GROUP BY quiz, question", args):
        options, times = wrong_choice.get((quiz, question), ("", 0))
        questions.append({
            "quiz": quiz, "question": question, "answers": answers, "right": right,
            "right_percent": round(100 * right / answers),
            "common_wrong": options, "common_wrong_times": times,
        })
    questions.sort(key=lambda q: (q["right_percent"], -q["answers"], q["quiz"], q["question"]))
    return questions[: 2 * TOP]


def _group_answers(conn, span, args):
    """Questions asked to a room at an event: how often, and the share of raised hands.

    The share counts only the times the officer also typed how many people were there.
    """
    rows = []
    for quiz, question, times, hands, counted_hands, audience in conn.execute(
            f"SELECT quiz, question, SUM(n), SUM(n * hands), "
            f"SUM(CASE WHEN audience > 0 THEN n * hands ELSE 0 END), SUM(n * audience) "
            f"FROM quiz_group_answer WHERE {span} GROUP BY quiz, question", args):
        rows.append({
            "quiz": quiz, "question": question, "times": times, "hands": hands,
            "audience": audience,
            "right_percent": round(100 * counted_hands / audience) if audience else None,
        })
    rows.sort(key=lambda r: (-r["times"], r["quiz"], r["question"]))
    return rows[: 2 * TOP]


def _searches(conn, span, args):
    top, without = [], []
    for query, n, zero in conn.execute(
            f"SELECT query, SUM(n), SUM(CASE WHEN results = 0 THEN n ELSE 0 END) FROM search "
            f"WHERE {span} AND query != '' GROUP BY query HAVING SUM(n) >= ? "
            f"ORDER BY SUM(n) DESC, query", (*args, QUERY_MIN_COUNT)):
        top.append({"query": query, "times": n, "without_result": zero})
        if zero:
            without.append({"query": query, "times": zero})
    without.sort(key=lambda row: (-row["times"], row["query"]))
    return top[:TOP], without[:TOP]
