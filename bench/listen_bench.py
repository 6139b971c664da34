"""Dengarkan: from a tap on the button to the first sound, in headless Chromium against a
running kiosk with its audio built; and what a page weighs before the tap, with and without
read-aloud.

The time is taken in the page: from the button's click event to the audio element's
`playing` event (the player script and the playlist are fetched in between, the clip after).
"First tap" runs in a fresh browser context each time (nothing cached); "again" taps a second
page in the same context (the player and clips come from the cache).

Run from the repository root:
    python bench/listen_bench.py                 # builds the shipped content's audio in a temp
    python bench/listen_bench.py --data DIR      # a DATA_DIR whose audio is already built
    python bench/listen_bench.py --url http://127.0.0.1:8080   # a kiosk already running
Numbers go to docs/PERFORMANCE.md. Needs Debian's chromium, Playwright and eSpeak NG.
"""

import argparse
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

PAGES = {
    "lesson": "/pelajaran/calo-sponsor-ilegal",
    "quiz question": "/kuis/calo-sponsor-ilegal",
    "Lapor": "/lapor",
}
TARGET_MS = 300

# Set in the page before the tap: the click's time, then the first `playing` of any media.
STOPWATCH = """() => {
  window.tapAt = null; window.soundAt = null;
  document.addEventListener('click', (e) => {
    if (e.target.closest('button[data-dengar]') && window.tapAt === null)
      window.tapAt = performance.now();
  }, true);
  document.addEventListener('playing', () => {
    if (window.soundAt === null) window.soundAt = performance.now();
  }, true);
}"""


def kiosk(data, **config):
    return create_app({"DATA_DIR": str(data), "OFFICE_NAME": "Kantor Imigrasi Contoh",
                       "OFFICE_PHONE": "(0274) 123-456", **config})


def build(data):
    app = kiosk(data)
    started = time.perf_counter()
    done = app.test_cli_runner().invoke(args=["audio", "build"])
    if done.exit_code != 0:
        sys.exit(done.output)
    print(f"audio built in {time.perf_counter() - started:.1f} s (DATA_DIR {data})\n")
    return app


def tap_to_sound(page, url):
    page.goto(url)
    page.wait_for_load_state("load")
    page.evaluate(STOPWATCH)
    page.locator("button[data-dengar]").click()
    page.wait_for_function("() => window.soundAt !== null", timeout=15_000)
    elapsed = page.evaluate("() => window.soundAt - window.tapAt")
    page.locator("button[data-dengar]").click()  # Jeda: quiet before the next page
    return elapsed


def weight(browser, url):
    """Bytes of the page and everything its load brought (HTML, CSS, scripts, icons), as the
    browser's resource timing counts them (decoded)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("load")
    found = page.evaluate("""() => [...performance.getEntriesByType('navigation'),
                                    ...performance.getEntriesByType('resource')]
                                   .map((e) => e.decodedBodySize)""")
    context.close()
    return sum(found), len(found)


def report(label, runs):
    runs = sorted(runs)
    print(f"  {label:<28} median {statistics.median(runs):6.0f} ms   "
          f"worst {runs[-1]:6.0f} ms   ({len(runs)} taps)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", help="a running kiosk (its audio built)")
    parser.add_argument("--data", help="a DATA_DIR with the audio built")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    served = []
    if args.url:
        base = args.url.rstrip("/")
        silent_base = None
    else:
        data = Path(args.data) if args.data else Path(tempfile.mkdtemp())
        app = kiosk(data) if args.data else build(data)
        served.append(LiveKiosk(app).start())
        served.append(LiveKiosk(kiosk(Path(tempfile.mkdtemp()), SPEECH=False)).start())
        base, silent_base = served[0].url, served[1].url
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            print(f"tap to first sound (target {TARGET_MS} ms), 1366x768:")
            for label, path in PAGES.items():
                first, again = [], []
                for _ in range(args.repeat):
                    context = browser.new_context(viewport={"width": 1366, "height": 768})
                    page = context.new_page()
                    first.append(tap_to_sound(page, base + path))
                    again.append(tap_to_sound(page, base + path))
                    context.close()
                report(f"{label}, first tap", first)
                report(f"{label}, again", again)
            if silent_base:
                print("\npage weight before any tap (every response of the load):")
                for label, path in PAGES.items():
                    on, n_on = weight(browser, base + path)
                    off, n_off = weight(browser, silent_base + path)
                    print(f"  {label:<14} read-aloud on {on:>8,} B in {n_on} responses, "
                          f"off {off:>8,} B in {n_off}: +{on - off:,} B")
            browser.close()
    finally:
        for live in served:
            live.stop()


if __name__ == "__main__":
    main()
