"""How long presenter mode takes: splitting lessons into slides, the whole IMDES session deck
page, the presenter view (every slide twice), a QR code, and rereading the session files.

Run from the repository root: python bench/bench_presenter.py   (numbers in docs/PERFORMANCE.md)
"""

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import create_app  # noqa: E402
from kiosk.presenter import split_lesson  # noqa: E402
from kiosk.presenter.qr import qr_svg  # noqa: E402

PIN = "246813"


def timed(fn, repeat):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def report(name, fn, repeat):
    median, worst = timed(fn, repeat)
    print(f"{name:<52} median {median:8.2f} ms   max {worst:8.2f} ms   (n={repeat})")


def main():
    app = create_app({"TESTING": True, "DATA_DIR": tempfile.mkdtemp()})
    app.test_cli_runner().invoke(args=["set-pin"], input=f"{PIN}\n{PIN}\n")
    client = app.test_client()
    page = client.get("/petugas/masuk").get_data(as_text=True)
    token = re.search(r'name="csrf" value="([^"]+)"', page).group(1)
    client.post("/petugas/masuk", data={"csrf": token, "pin": PIN})
    library = app.extensions["library"]
    lessons = library.lessons("id")
    longest = max(lessons, key=lambda ls: len(ls.body))
    book = app.extensions["presenter.sessions"]
    deck = client.get("/presentasi/sesi/imdes-dasar").get_data()
    slides = deck.count(b'<section class="slide ')
    print(f"{len(lessons)} lessons; the IMDES session deck is {len(deck) // 1024} KiB, "
          f"{slides} slides")
    report(f"split the longest lesson ({len(longest.body)} chars)",
           lambda: split_lesson(longest, library.renderer), 200)
    report("split all 15 lessons", lambda: [split_lesson(ls, library.renderer)
                                            for ls in lessons], 20)
    report("GET /presentasi/calo-sponsor-ilegal", lambda: client.get(
        "/presentasi/calo-sponsor-ilegal"), 50)
    report("GET /presentasi/sesi/imdes-dasar (projector)", lambda: client.get(
        "/presentasi/sesi/imdes-dasar"), 50)
    report("GET /presentasi/sesi/imdes-dasar/pembicara (view)", lambda: client.get(
        "/presentasi/sesi/imdes-dasar/pembicara"), 50)
    report("segno QR code of tel:08001000 as SVG", lambda: qr_svg("tel:08001000", "x"), 200)

    def reread():
        book._state = (None, {}, [])
        book.refresh()
    report("reread content/sessions (all files)", reread, 200)
    report("look for edited session files (nothing changed)", book.refresh, 2000)


if __name__ == "__main__":
    main()
