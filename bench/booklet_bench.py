"""Buku saku benchmark: the booklet's size per language, its render time cold and cached, and
100 phones opening it within 2 s from a real `kiosk run` (waitress, 4 threads).

1. Size and render: `booklet.make` on the shipped lessons (median of 5 cold renders per
   language, in this process); then through the kiosk (Flask test client, empty data folder):
   the first request (renders and writes the file) and a cached one (median of 50).
2. 100 phones: `kiosk run` on a fresh data folder (nothing cached), then 100 threads, each
   bound to its own loopback address 127.0.0.2 … 127.0.0.101 (phones, not the kiosk's own
   screen), start at evenly spread moments within 2 s and GET /buku-saku.pdf?lang=id on a
   fresh connection. Reported: each client's time from its own start to the last byte (max,
   p95, median), errors, bytes equal for all, and how many booklet files were written (1:
   made once, the others waited for it). Target: every client has it within 5 s.

Only loopback addresses are used. Run: python bench/booklet_bench.py  (about 20 s)
"""

import http.client
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import create_app  # noqa: E402
from kiosk.content import booklet, get_library  # noqa: E402
from kiosk.content.take_home import Contacts  # noqa: E402

PHONES = 100
SPREAD_S = 2.0
TARGET_S = 5.0
MAX_KB = 400
OFFICE = {"OFFICE_NAME": "Kantor Imigrasi Kelas I TPI Contoh", "OFFICE_PHONE": "(0274) 123-456",
          "OFFICE_ADDRESS": "Jl. Contoh No. 1, Kota Contoh", "KIOSK_NAME": "Desa Sukamaju"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def render_times(data_dir):
    app = create_app({"DATA_DIR": str(data_dir), **OFFICE})
    rows = {}
    with app.app_context():
        library = get_library()
        for lang in ("id", "en"):
            lessons = library.lessons(lang)
            names = {c.id: c.text("name", lang) for c in library.shelf.categories.values()}
            times, data = [], b""
            for _ in range(5):
                started = time.perf_counter()
                data = booklet.make(Path(app.static_folder) / "fonts", lang, lessons,
                                    Contacts.from_config(app.config, lang), library.renderer.md,
                                    names, OFFICE["KIOSK_NAME"])
                times.append(time.perf_counter() - started)
            rows[lang] = {"kb": len(data) / 1024, "lessons": len(lessons),
                          "render_ms": statistics.median(times) * 1000}
    client = app.test_client()
    for lang in ("id", "en"):
        started = time.perf_counter()
        client.get(f"/buku-saku.pdf?lang={lang}").close()
        rows[lang]["first_ms"] = (time.perf_counter() - started) * 1000
        cached = []
        for _ in range(50):
            started = time.perf_counter()
            response = client.get(f"/buku-saku.pdf?lang={lang}")
            response.get_data()
            response.close()
            cached.append(time.perf_counter() - started)
        rows[lang]["cached_ms"] = statistics.median(cached) * 1000
    return rows


def phone(index, port, start_at, results):
    address = f"127.0.0.{index + 2}"
    delay = start_at + SPREAD_S * index / PHONES - time.perf_counter()
    if delay > 0:
        time.sleep(delay)  # a bench, not a test: the spread is the point
    began = time.perf_counter()
    try:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                          source_address=(address, 0))
        conn.request("GET", "/buku-saku.pdf?lang=id")
        response = conn.getresponse()
        body = response.read()
        conn.close()
        ok = response.status == 200 and body.startswith(b"%PDF")
        results[index] = (time.perf_counter() - began, ok, len(body))
    except OSError as exc:
        results[index] = (time.perf_counter() - began, False, repr(exc))


def hundred_phones(data_dir):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update({f"KIOSK_{k}": v for k, v in OFFICE.items()})
    env["KIOSK_DATA_DIR"] = str(data_dir)
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--host", "127.0.0.1",
                             "--port", str(port), "--threads", "4"], env=env, cwd=ROOT,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise SystemExit("booklet_bench: the kiosk did not start")
            time.sleep(0.05)
        results = [None] * PHONES
        start_at = time.perf_counter() + 0.2
        threads = [threading.Thread(target=phone, args=(i, port, start_at, results))
                   for i in range(PHONES)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    files = list((Path(data_dir) / "buku-saku").glob("buku-saku-id-*.pdf"))
    return results, len(files)


def main():
    print(f"{platform.platform()}, {os.cpu_count()} CPU cores, Python {platform.python_version()}")
    with tempfile.TemporaryDirectory() as data:
        rows = render_times(Path(data) / "render")
        results, files = hundred_phones(Path(data) / "served")
    print("\n| language | lessons | booklet | render (cold, median of 5) | first request "
          "(renders, writes) | cached request (median of 50) |")
    print("|---|---:|---:|---:|---:|---:|")
    for lang, row in rows.items():
        print(f"| {lang} | {row['lessons']} | {row['kb']:.0f} KB | {row['render_ms']:.0f} ms | "
              f"{row['first_ms']:.0f} ms | {row['cached_ms']:.2f} ms |")
    times = sorted(r[0] for r in results)
    errors = [r for r in results if not r[1]]
    sizes = {r[2] for r in results if r[1]}
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"\n{PHONES} phones (127.0.0.2–127.0.0.{PHONES + 1}) within {SPREAD_S:.0f} s, cold "
          f"cache: max {max(times) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, median "
          f"{statistics.median(times) * 1000:.1f} ms; errors {len(errors)}; sizes {sorted(sizes)}; "
          f"booklet files written {files}")
    print(f"targets: ≤ {MAX_KB} KB per language: "
          f"{'met' if all(r['kb'] <= MAX_KB for r in rows.values()) else 'MISSED'}; "
          f"all within {TARGET_S:.0f} s: "
          f"{'met' if not errors and max(times) <= TARGET_S else 'MISSED'}")
    for error in errors[:5]:
        print("error:", error)


if __name__ == "__main__":
    main()
