"""A hall full of phones: the real `kiosk run --lan` (waitress) on the shipped content, with
100 phones, the kiosk's own screen and, in a second phase, one phone flooding it.

- 100 phones, each from its own loopback address 127.0.0.N (its socket bound to it; Linux
  routes all of 127/8 to the loopback), open a page every 5 s (a lesson, search, a quiz,
  the checker, Lapor, the home page), each on its own kept-alive connection, started at
  random moments over the first 5 s. Target: p95 <= 200 ms and no error.
- The screen (127.0.0.1) opens a page every second. Target: p95 <= 100 ms in the same run.
- Phase 2 repeats phase 1 with one more client (127.0.0.250) sending 50 requests a second:
  it must get 429 pages while the phones' and the screen's p95 stay within their targets.

Only loopback addresses are used. Run: python bench/phones_bench.py [--seconds 60]
(each phase lasts --seconds; --seconds 10 is a quick check).
"""

import argparse
import http.client
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHONES = 100
PHONE_EVERY_S = 5.0
SCREEN_EVERY_S = 1.0
FLOOD_PER_S = 50
HALL_ADDRESS = "127.0.0.2"  # the kiosk's "network address" here (phones connect to it)
FLOOD_ADDRESS = "127.0.0.250"
TARGET_PHONE_P95_S = 0.200
TARGET_SCREEN_P95_S = 0.100


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def pages():
    """Paths a villager opens: every shipped Indonesian lesson and the other pages."""
    lessons = sorted(p.stem for p in (ROOT / "content" / "id").glob("*.md"))
    return ([f"/pelajaran/{slug}" for slug in lessons]
            + ["/", "/cari?q=paspor", "/cari?q=calo+minta+uang", "/lapor", "/cek-tawaran",
               "/kuis/calo-sponsor-ilegal", "/kategori/modus-perekrutan"])


class Client:
    """One browser: a kept-alive connection from its own address, opened again if closed."""

    def __init__(self, source, address, port):
        self.source, self.address, self.port = source, address, port
        self.conn = None

    def get(self, path):
        """(status, seconds) of one GET; status 0 for a failed connection."""
        started = time.perf_counter()
        for attempt in range(2):  # a kept-alive connection the server closed: once more
            try:
                if self.conn is None:
                    self.conn = http.client.HTTPConnection(
                        self.address, self.port, timeout=30, source_address=(self.source, 0))
                self.conn.request("GET", path)
                response = self.conn.getresponse()
                response.read()
                if response.will_close:
                    self.close()
                return response.status, time.perf_counter() - started
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt:
                    return 0, time.perf_counter() - started
        return 0, time.perf_counter() - started

    def close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def every(seconds, until, action, first_at):
    """Call action() at first_at, then every ``seconds``, until ``until`` (monotonic)."""
    at = first_at
    while at < until:
        delay = at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        action()
        at += seconds


def run_phase(port, seconds, flood, paths, rng):
    results = {"phone": [], "screen": [], "flood": []}
    lock = threading.Lock()
    start = time.monotonic() + 0.5
    until = start + seconds
    threads = []

    def visitor(kind, client, interval, first_at, choose):
        def one():
            status, took = client.get(choose())
            with lock:
                results[kind].append((status, took))
        every(interval, until, one, first_at)
        client.close()

    for n in range(PHONES):
        client = Client(f"127.0.0.{n + 3}", HALL_ADDRESS, port)
        phone_rng = random.Random(rng.random())
        threads.append(threading.Thread(target=visitor, args=(
            "phone", client, PHONE_EVERY_S, start + rng.uniform(0, PHONE_EVERY_S),
            lambda r=phone_rng: r.choice(paths))))
    screen_rng = random.Random(rng.random())
    threads.append(threading.Thread(target=visitor, args=(
        "screen", Client("127.0.0.1", "127.0.0.1", port), SCREEN_EVERY_S, start,
        lambda: screen_rng.choice(paths))))
    if flood:
        threads.append(threading.Thread(target=visitor, args=(
            "flood", Client(FLOOD_ADDRESS, HALL_ADDRESS, port), 1 / FLOOD_PER_S, start,
            lambda: "/")))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def p95(timings):
    if len(timings) < 2:
        return timings[0] if timings else float("nan")
    return statistics.quantiles(timings, n=20, method="inclusive")[18]


def summary(name, rows):
    timings = [took for _status, took in rows]
    statuses = {}
    for status, _took in rows:
        statuses[status] = statuses.get(status, 0) + 1
    return {"name": name, "n": len(rows), "p50": statistics.median(timings) if timings else 0,
            "p95": p95(timings), "max": max(timings, default=0), "statuses": statuses}


def start_kiosk(port, data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(KIOSK_DATA_DIR=str(data_dir), KIOSK_LAN_ADDRESSES=f'["{HALL_ADDRESS}"]',
               PYTHONUNBUFFERED="1")
    proc = subprocess.Popen([sys.executable, "-m", "kiosk", "run", "--lan", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)
    deadline = time.monotonic() + 120
    probe = Client("127.0.0.1", "127.0.0.1", port)
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"kiosk ended:\n{proc.stdout.read()}")
        if probe.get("/healthz")[0] == 200:
            probe.close()
            return proc
        time.sleep(0.05)
    proc.kill()
    raise SystemExit("the kiosk did not answer /healthz within 120 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="length of each phase")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    paths = pages()
    port = free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        proc = start_kiosk(port, data_dir)
        try:
            # Warm up: every page once from the screen (templates compiled, search index open).
            warm = Client("127.0.0.1", "127.0.0.1", port)
            for path in paths:
                warm.get(path)
            warm.close()
            phases = []
            for flood in (False, True):
                cpu = cpu_seconds(proc.pid)
                results = run_phase(port, args.seconds, flood, paths, rng)
                phases.append((flood, results, cpu_seconds(proc.pid) - cpu))
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(f"Machine: {platform.platform()}, Python {platform.python_version()}, "
          f"{os.cpu_count()} CPUs; {PHONES} phones every {PHONE_EVERY_S:g} s, the screen every "
          f"{SCREEN_EVERY_S:g} s, {args.seconds:g} s a phase, {len(paths)} pages.")
    print()
    print("| phase | client | requests | p50 ms | p95 ms | max ms | answers | target |")
    print("|---|---|---|---|---|---|---|---|")
    verdicts = []
    for flood, results, cpu in phases:
        phase = "with 1 phone flooding (50 req/s)" if flood else "100 phones + screen"
        for kind, target in (("phone", TARGET_PHONE_P95_S), ("screen", TARGET_SCREEN_P95_S),
                             ("flood", None)):
            if kind == "flood" and not flood:
                continue
            s = summary(kind, results[kind])
            answers = ", ".join(f"{code or 'failed'}: {n}"
                                for code, n in sorted(s["statuses"].items()))
            if target is None:
                ok = s["statuses"].get(429, 0) > 0
                verdict = "gets 429: " + ("yes" if ok else "NO")
            else:
                ok = s["p95"] <= target and set(s["statuses"]) == {200}
                verdict = f"p95 <= {target * 1000:.0f} ms, no error: {'met' if ok else 'MISSED'}"
            verdicts.append(ok)
            print(f"| {phase} | {kind} | {s['n']} | {s['p50'] * 1000:.1f} | "
                  f"{s['p95'] * 1000:.1f} | {s['max'] * 1000:.1f} | {answers} | {verdict} |")
        print(f"|  | server CPU | {cpu:.1f} s in {args.seconds:g} s "
              f"({100 * cpu / args.seconds:.0f}% of one core) | | | | | |")
    print()
    print("All targets met." if all(verdicts) else "Some targets MISSED.")
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
