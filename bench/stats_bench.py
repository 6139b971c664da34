"""Benchmark of the anonymous stats: the cost a page pays to record an event, and the rest.

    python bench/stats_bench.py [--events 20000] [--days 365] [--per-day 300] [--dir DIR]

Measures, on a fresh database in a temporary folder:
  1. events.record() as a view calls it (validate, coarsen, buffer): median/p95/p99 per event,
     with the background writer running as in production;
  2. the same with a write per event (no buffer), to show what buffering saves;
  3. writer throughput: buffered events written per second in one transaction;
  4. POST /peristiwa through the Flask test client (the beacon, parsing and checks included);
  5. the officer's report for a month and a year of a busy kiosk, the yearly fold, and an
     export/import round trip of that year.
"""

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import create_app, events  # noqa: E402
from kiosk.stats import exchange, report, retention  # noqa: E402
from kiosk.stats.store import StatsStore  # noqa: E402

QUERIES = ["kerja di kamboja", "paspor ditahan", "calo", "visa umrah", "gaji besar",
           "lpk jepang", "agen resmi", "biaya berangkat", "kapal ikan", "pengantin pesanan"]


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def realistic_event(rnd, slugs):
    """One event, drawn with the mix a busy kiosk sees."""
    roll = rnd.random()
    slug = rnd.choice(slugs)
    if roll < 0.40:
        return "lesson_viewed", {"lesson": slug, "lang": rnd.choice(("id", "id", "en"))}
    if roll < 0.58:
        return "lesson_read", {"lesson": slug, "lang": "id", "seconds": rnd.randint(3, 600),
                               "scrolled": rnd.randint(0, 100)}
    if roll < 0.72:
        query = rnd.choice(QUERIES) + rnd.choice(("", "", " 0812 3456 7890", f" {rnd.random()}"))
        return "search", {"query": query, "results": rnd.choice((0, 1, 3, 8)), "lang": "id"}
    if roll < 0.88:
        return "quiz_answer", {"quiz": slug, "question": f"q{rnd.randint(1, 5)}",
                               "correct": rnd.random() < 0.6, "options": [rnd.choice("abcd")]}
    if roll < 0.92:
        return "quiz_completed", {"quiz": slug, "score": rnd.randint(0, 5), "total": 5}
    if roll < 0.95:
        return "checker_result", {"risk": rnd.choice(("aman", "hati-hati", "bahaya")),
                                  "flags": rnd.sample(["biaya", "visa-turis", "paspor",
                                                       "kontrak"], 2)}
    if roll < 0.97:
        return "language_switched", {"lang": rnd.choice(("id", "en"))}
    return "visit", {"pages": rnd.randint(1, 15), "seconds": rnd.randint(10, 1800)}


def percentiles(samples_ns):
    ordered = sorted(samples_ns)

    def at(q):
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] / 1000

    return {"median": statistics.median(ordered) / 1000, "p95": at(0.95), "p99": at(0.99),
            "max": ordered[-1] / 1000}


def show(name, stats, unit="µs"):
    cells = "  ".join(f"{k} {v:8.1f}" for k, v in stats.items())
    print(f"  {name:<44} {cells} {unit}")


def bench_record(tmp, count, slugs):
    app = create_app({"DATA_DIR": str(tmp / "record"), "KIOSK_NAME": "Bench"})
    rnd = random.Random(7)
    drawn = [realistic_event(rnd, slugs) for _ in range(count)]
    samples = []
    with app.test_request_context("/pelajaran/calo"):
        for kind, fields in drawn[:500]:  # warm-up
            events.record(kind, **fields)
        for kind, fields in drawn:
            start = time.perf_counter_ns()
            events.record(kind, **fields)
            samples.append(time.perf_counter_ns() - start)
    app.extensions["stats"].close()
    return percentiles(samples)


def bench_unbuffered(tmp, count, slugs):
    store = StatsStore(tmp / "unbuffered.sqlite3", flush_seconds=3600)
    rnd = random.Random(8)
    samples = []
    for _ in range(count):
        kind, fields = realistic_event(rnd, slugs)
        start = time.perf_counter_ns()
        store.record(kind, fields)
        store.flush()
        samples.append(time.perf_counter_ns() - start)
    store.close()
    return percentiles(samples)


def bench_throughput(tmp, count, slugs):
    store = StatsStore(tmp / "throughput.sqlite3", flush_seconds=3600)
    rnd = random.Random(9)
    for _ in range(count):
        store.record(*realistic_event(rnd, slugs))
    start = time.perf_counter()
    store.flush()
    seconds = time.perf_counter() - start
    with store.reading() as conn:
        counters = sum(conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                       for table in (*events.KINDS, "hourly_use"))
    store.close()
    return count / seconds, seconds, counters


def bench_beacon(tmp, count):
    app = create_app({"DATA_DIR": str(tmp / "beacon"), "STATS_BEACON_BURST": 10**9,
                      "KIOSK_NAME": "Bench"})
    client = app.test_client()
    slug = sorted(app.extensions["library"].slugs())[0]
    body = {"kind": "lesson_read", "lesson": slug, "lang": "id", "seconds": 42, "scrolled": 100}
    samples = []
    for i in range(count + 100):
        start = time.perf_counter_ns()
        response = client.post("/peristiwa", json=body)
        if i >= 100:
            samples.append(time.perf_counter_ns() - start)
        assert response.status_code == 204, response.get_data(as_text=True)
    app.extensions["stats"].close()
    return percentiles(samples)


def fill_year(store, clock, days, per_day, slugs):
    rnd = random.Random(10)
    today = clock.now
    for day in range(days):
        for _ in range(per_day):
            clock.now = today - day * 86400 - rnd.randint(0, 8 * 3600)
            store.record(*realistic_event(rnd, slugs))
        if day % 30 == 0:
            store.flush()
    clock.now = today
    store.flush()


def timed(fn, repeat=5):
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best * 1000, result


def bench_reports(tmp, days, per_day, slugs):
    clock = Clock(dt.datetime(2026, 12, 31, 15).timestamp())
    store = StatsStore(tmp / "year.sqlite3", clock=clock, flush_seconds=3600)
    start = time.perf_counter()
    fill_year(store, clock, days, per_day, slugs)
    print(f"  filled {days} days x {per_day} events in {time.perf_counter() - start:.1f} s "
          f"({(tmp / 'year.sqlite3').stat().st_size / 1e6:.1f} MB)")
    today = dt.date(2026, 12, 31)
    month, _ = timed(lambda: report.build(store, report.Period.this_month(today)))
    year, _ = timed(lambda: report.build(store, report.Period(today - dt.timedelta(days=364),
                                                               today)))
    print(f"  report for a month                           {month:8.1f} ms")
    print(f"  report for a year                            {year:8.1f} ms")
    export_ms, rows = timed(lambda: exchange.export_rows(store, "2026-01-01", "2026-12-31",
                                                         "Bench"), repeat=1)
    csv_path = tmp / "year.csv"
    csv_path.write_text(exchange.write_csv(rows), encoding="utf-8")
    print(f"  export a year ({len(rows)} counters, {csv_path.stat().st_size / 1e6:.1f} MB CSV)"
          f"   {export_ms:8.1f} ms")
    office = StatsStore(tmp / "office.sqlite3", clock=clock, flush_seconds=3600)
    import_ms, _ = timed(lambda: exchange.merge(office, exchange.read_file(csv_path, "Office")),
                         repeat=2)
    print(f"  import that year (checked, idempotent)       {import_ms:8.1f} ms")
    fold_ms, folded = timed(lambda: retention.fold(store, 182), repeat=1)
    print(f"  fold the older half ({folded} days)               {fold_ms:8.1f} ms")
    store.close()
    office.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--per-day", type=int, default=300)
    parser.add_argument("--dir", type=Path, default=ROOT / "bench" / "out",
                        help="where the temporary databases go (default: bench/out, on the "
                             "same disk as a kiosk's instance/ folder)")
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        tmp = Path(folder)
        app = create_app({"DATA_DIR": str(tmp / "slugs")})
        slugs = sorted(app.extensions["library"].slugs())
        print(f"Stats benchmark: Python {sys.version.split()[0]}, "
              f"{args.events} events, {len(slugs)} lessons")
        print("Recording one event (what a page pays):")
        show("events.record, buffered (production)", bench_record(tmp, args.events, slugs))
        show("record + write per event (no buffer)",
             bench_unbuffered(tmp, min(args.events, 300), slugs))
        print("Writer:")
        rate, seconds, counters = bench_throughput(tmp, 100_000, slugs)
        print(f"  one flush of 100,000 buffered events         {seconds * 1000:8.1f} ms"
              f"  = {rate:,.0f} events/s ({counters:,} counter rows written)")
        print("Beacon (Flask test client, whole request):")
        show("POST /peristiwa lesson_read", bench_beacon(tmp, min(args.events, 3000)))
        print("Reports, fold and exchange:")
        bench_reports(tmp, args.days, args.per_day, slugs)


if __name__ == "__main__":
    main()
