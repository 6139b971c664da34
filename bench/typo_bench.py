"""Benchmark typo correction ("Maksud Anda") on queries of nonsense words: its CPU per query.

    python bench/typo_bench.py                 # the lessons shipped in content/
    python bench/typo_bench.py --lessons 2000  # search_bench's synthetic corpus
    python bench/typo_bench.py --rounds 20     # more queries (the median is reported)

A kiosk's search finds words no lesson has and looks for the closest ones; a query of 20
nonsense words once cost 223 ms of CPU for that alone (issue 15). This measures, with the
kiosk's own code on the shipped lessons (index built in a temporary DATA_DIR), the CPU
time of whole searches (`LessonSearch.find`) and of the typo step alone
(`Finder.corrections`) for: one real word, one typo, and 1, 5 and 20 nonsense words.
See docs/PERFORMANCE.md.
"""

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from kiosk import create_app  # noqa: E402
from kiosk.search.analysis import clean_query, words  # noqa: E402


def nonsense(count, seed=15):
    """Words no lesson has that start as Indonesian words do ("pe", "me", "ke" …): each sends
    typo correction on its longest hunt, through every headline word with those letters."""
    rng = random.Random(seed)
    return " ".join(rng.choice(["pe", "me", "di", "ke", "ber", "ter", "pen", "mem"])
                    + "".join(rng.choice("aiueokrtnmslp") for _ in range(rng.randint(5, 8)))
                    for _ in range(count))


def cpu_ms(fn, texts):
    """Median and slowest CPU time of ``fn(text)`` over ``texts`` (each new to the kiosk:
    a hostile client never repeats itself, so no cache helps)."""
    times = []
    for text in texts:
        start = time.process_time()
        fn(text)
        times.append((time.process_time() - start) * 1000)
    return statistics.median(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--lessons", type=int, default=0,
                        help="search_bench's synthetic lessons instead of content/")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        if args.lessons:
            from search_bench import Corpus, kiosk_library, kiosk_search

            corpus = Corpus(args.lessons, 1, 20261127)  # search_bench's default seed
            search = kiosk_search(kiosk_library(corpus, Path(data)), Path(data))
            search.rebuild()
            search.start()
        else:
            app = create_app({"DATA_DIR": data, "CONTENT_RECHECK_SECONDS": 0})
            search = app.extensions["search"]
            search.start()
        assert search.wait(timeout=300), "the index was not ready"
        queries = {"paspor": lambda r: "paspor", "one typo (pasport)": lambda r: "pasport",
                   "1 nonsense word": lambda r: nonsense(1, r),
                   "5 nonsense words": lambda r: nonsense(5, r),
                   "20 nonsense words": lambda r: nonsense(20, r)}
        search.find("paspor", "id")  # warm: the vocabulary is read once per index
        finder = search._finder()
        print(f"{'query':<22} {'find p50':>9} {'find max':>9} {'typos p50':>10} "
              f"{'typos max':>10}  (CPU ms, {args.rounds} queries each)")
        for label, make in queries.items():
            texts = [make(r) for r in range(args.rounds)]
            find_p50, find_max = cpu_ms(lambda t: search.find(t, "id"), texts)
            texts = [make(r + 1000) for r in range(args.rounds)]
            fix_p50, fix_max = cpu_ms(
                lambda t: finder.corrections(words(clean_query(t)), "id"), texts)
            print(f"{label:<22} {find_p50:>9.1f} {find_max:>9.1f} {fix_p50:>10.1f} "
                  f"{fix_max:>10.1f}")


if __name__ == "__main__":
    main()
