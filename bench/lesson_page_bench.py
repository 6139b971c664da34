"""What one lesson page costs the server, in-process: the bundled lessons through Flask's test
client, no network, so only the kiosk's own work is timed.

For every bundled lesson in both languages it times GET /pelajaran/<slug> (after one warm-up
request), repeated in rounds; it prints the median and the 90th percentile per request, over
all lessons, and the same for the first request after the glossary changed (when the kiosk
has a glossary: its terms are marked once per lesson and glossary, then reused).

Run: python bench/lesson_page_bench.py [--rounds 30]   (about 20 s)
"""

import argparse
import dataclasses
import statistics
import tempfile
import time
from pathlib import Path

from kiosk import create_app

ROOT = Path(__file__).resolve().parent.parent


def timed(client, path):
    start = time.perf_counter()
    response = client.get(path)
    took = time.perf_counter() - start
    assert response.status_code == 200, path
    return took


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        app = create_app({"TESTING": True, "DATA_DIR": data, "STATS_FLUSH_SECONDS": 60})
        try:
            run(app, args.rounds)
        finally:
            app.extensions["stats"].close()


def run(app, rounds):
    client = app.test_client()
    slugs = sorted(p.stem for p in (ROOT / "content" / "id").glob("*.md"))
    paths = [f"/pelajaran/{slug}?lang={lang}" for slug in slugs for lang in ("id", "en")]
    for path in paths:
        timed(client, path)
    warm = [timed(client, path) for _ in range(rounds) for path in paths]
    sizes = [len(client.get(path).data) for path in paths]
    print(f"{len(paths)} lesson pages, {rounds} rounds, "
          f"{statistics.mean(sizes):,.0f} B HTML on average")
    print(f"warm:  median {statistics.median(warm) * 1000:.2f} ms, "
          f"p90 {statistics.quantiles(warm, n=10)[-1] * 1000:.2f} ms")
    glossary = app.extensions.get("glossary")
    if glossary is None:
        return
    first = []
    for _ in range(min(rounds, 10)):
        # A new reading of the file, as after an edit of content/istilah.yaml: nothing
        # worked out from the old one is kept.
        glossary.current = dataclasses.replace(glossary.current)
        first += [timed(client, path) for path in paths]
    print(f"first after a glossary edit: median {statistics.median(first) * 1000:.2f} ms, "
          f"p90 {statistics.quantiles(first, n=10)[-1] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
