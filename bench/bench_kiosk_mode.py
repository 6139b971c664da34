"""What kiosk mode costs and how fast it recovers: bytes added to every page, the server's time
for /sw.js (asked on every navigation) and /offline, page loads in Chromium with and without
the service worker, and how soon a page is back after the server returns.

Run from the repository root: python bench/bench_kiosk_mode.py   (numbers in docs/PERFORMANCE.md)
Needs Debian's chromium and Playwright for the browser part (skipped without them).
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser.conftest import ARGS, CHROMIUM, LiveKiosk  # noqa: E402

from kiosk import create_app  # noqa: E402

STATIC = ROOT / "static"
KIOSK_FILES = ["css/kiosk_mode.css", "css/osk.css", "js/kiosk.js", "js/osk.js"]


def timed(fn, repeat):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def app(**config):
    return create_app({"TESTING": True, "DATA_DIR": tempfile.mkdtemp(), **config})


def weight():
    full = app().test_client().get("/").get_data()
    # The same page with the idle dialog and the keyboard's template switched off.
    bare = app(IDLE_SECONDS=0, ONSCREEN_KEYBOARD=False).test_client().get("/").get_data()
    print(f"home page HTML: {len(full):,} B, of which idle dialog + keyboard template "
          f"{len(full) - len(bare):,} B")
    for name in KIOSK_FILES:
        print(f"  {name:<22} {(STATIC / name).stat().st_size:>6,} B")
    total = sum((STATIC / name).stat().st_size for name in KIOSK_FILES)
    print(f"  files loaded by every page (cached after the first): {total:,} B\n")


def server_times():
    lesson = "/pelajaran/visa-umrah-ziarah"
    for label, config in (("kiosk mode as shipped", {}),
                          ("idle reset and keyboard off", {"IDLE_SECONDS": 0,
                                                           "ONSCREEN_KEYBOARD": False})):
        client = app(**config).test_client()
        client.get(lesson)
        median, worst = timed(lambda c=client: c.get(lesson), 500)
        print(f"GET {lesson} ({label}, test client) median {median:6.2f} ms   "
              f"max {worst:6.2f} ms")
    client = app().test_client()
    for path in ("/sw.js", "/offline", "/mulai"):
        client.get(path)
        median, worst = timed(lambda p=path: client.get(p), 300)
        print(f"GET {path:<10} (test client) median {median:6.2f} ms   max {worst:6.2f} ms")
    print()


def median_load(page, url, repeat):
    loads = []
    for _ in range(repeat):
        page.goto(url)
        loads.append(page.evaluate(
            "() => { const n = performance.getEntriesByType('navigation')[0];"
            " return [n.responseStart - n.startTime, n.loadEventEnd - n.startTime]; }"))
    return (statistics.median(x[0] for x in loads), statistics.median(x[1] for x in loads))


def browser_times():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser part skipped: Playwright is not installed")
        return
    if not os.path.exists(CHROMIUM):
        print(f"browser part skipped: no Chromium at {CHROMIUM}")
        return
    live = LiveKiosk(app()).start()
    lesson = live("/pelajaran/calo-sponsor-ilegal")
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            pages = {}
            for label, workers in (("without the worker", "block"),
                                   ("with the worker", "allow")):
                context = chromium.new_context(viewport={"width": 1366, "height": 768},
                                               service_workers=workers)
                page = pages[label] = context.new_page()
                page.goto(live("/"))
                if workers == "allow":
                    page.wait_for_function("() => navigator.serviceWorker.controller !== null")
                median_load(page, lesson, 5)  # warm
            # Rounds alternate between the two, so a busy moment of the machine hits both.
            loads = {label: [] for label in pages}
            for _ in range(6):
                for label, page in pages.items():
                    loads[label].append(median_load(page, lesson, 10))
            for label, runs in loads.items():
                first_byte = statistics.median(r[0] for r in runs)
                loaded = statistics.median(r[1] for r in runs)
                print(f"lesson page load {label:<20} first byte {first_byte:6.1f} ms   "
                      f"load event {loaded:6.1f} ms   (median of 6 rounds of 10)")
            for page in pages.values():
                page.context.close()

            context = chromium.new_context(viewport={"width": 1366, "height": 768})
            page = context.new_page()
            page.goto(live("/"))
            page.wait_for_function("() => navigator.serviceWorker.controller !== null")
            backs = []
            for _ in range(5):
                live.stop()
                page.goto(lesson)
                page.wait_for_selector(".offline-body")
                page.wait_for_timeout(1000)  # somewhere in the page's 3 s between tries
                start = time.perf_counter()
                live.start()
                page.wait_for_selector("article.lesson", timeout=20_000)
                backs.append(time.perf_counter() - start)
                page.goto(live("/"))
            print(f"server back -> page back on screen: median {statistics.median(backs):.2f} s, "
                  f"max {max(backs):.2f} s (n=5; the offline page asks every 3 s)")
            context.close()
            chromium.close()
    finally:
        live.stop()


def main():
    weight()
    server_times()
    browser_times()


if __name__ == "__main__":
    main()
