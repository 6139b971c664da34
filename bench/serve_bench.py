"""Serving benchmark for the kiosk on the machine it runs on (a 2-core PC).

What it measures, in one run, against the real kiosk started with `kiosk run` (waitress):

1. Throughput: requests per second of the largest lesson page, next to a bare Jinja2 page
   of the same HTML size served by a minimal Flask app through waitress with the same
   settings (threads=4). The load comes from a separate process: keep-alive http.client
   connections in threads, a 1 s warm-up, then a fixed 5 s window (request count bounded),
   three rounds alternating the two servers; the median run of each is kept. The ratio
   lesson / bare shows what the kiosk's own work costs per request.
2. Start-up: wall time from launching `kiosk run` to the first 200 answer on `/`, polled
   every 10 ms, with a data folder left by a previous start (median of 5 starts).
3. Memory: the server's resident set (VmRSS) at idle after start, and after it served
   every lesson in both languages plus the home, Lapor and Tentang pages.
4. Page weight: bytes of a page plus everything its link/script/img tags load (and what
   its stylesheets load), each fetched once; images inside a lesson's body are left out.
   Reported for the heaviest lesson and for the home page.

Everything runs on loopback with ports chosen by binding to port 0. Child processes get
a bytecode cache in a temporary folder (PYTHONPYCACHEPREFIX), as an installed kiosk has
compiled bytecode; the first, unmeasured start fills it.

Run: python bench/serve_bench.py  (prints machine info and a Markdown table; about 45 s)
"""

import argparse
import contextlib
import html.parser
import http.client
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
HOST = "127.0.0.1"
THREADS = 4  # waitress worker threads, the same for the kiosk and the bare app

CONNECTIONS = 8
WARMUP_S = 1.0
DURATION_S = 5.0
ROUNDS = 3  # alternating lesson/bare load runs; the median run of each is reported
MAX_REQUESTS = 200_000
STARTS = 5
POLL_S = 0.010

TARGET_RATIO = 1 / 3
TARGET_START_S = 0.8
TARGET_RSS_BYTES = 80 * 1000 * 1000
TARGET_WEIGHT_BYTES = 150 * 1000

# <link rel=...> values a browser fetches while loading the page.
LOADED_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "preload",
               "modulepreload", "manifest"}
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


# -- small helpers --------------------------------------------------------------------


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def get(port, path, timeout=10.0):
    """One GET on a fresh connection: (status, body bytes)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


def rss_bytes(pid):
    return _status_kib(pid, "VmRSS") * 1024


def _status_kib(pid, key):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"{key} not found for pid {pid}")


def cpu_seconds(pid):
    """utime + stime of a process from /proc/<pid>/stat."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_env(pycache, data_dir=None):
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    if data_dir is not None:
        env["KIOSK_DATA_DIR"] = str(data_dir)
    return env


def kiosk_command():
    # The console script installed next to this interpreter; a pyenv shim would add a shell.
    script = Path(sys.executable).parent / "kiosk"
    if script.is_file():
        return [str(script)]
    found = shutil.which("kiosk")
    if found is None:
        sys.exit("serve_bench: the `kiosk` command is not installed (pip install -e .)")
    return [found]


class Server:
    """A server subprocess, always stopped on leaving the `with` block."""

    def __init__(self, argv, env, log_dir, name):
        self.argv, self.env = argv, env
        self.log_path = Path(log_dir) / f"{name}.log"
        self.proc = None

    def __enter__(self):
        self.log = open(self.log_path, "ab")  # noqa: SIM115 - closed in __exit__
        self.launched = time.perf_counter()
        self.proc = subprocess.Popen(self.argv, env=self.env, cwd=ROOT, stdin=subprocess.DEVNULL,
                                     stdout=self.log, stderr=subprocess.STDOUT)
        return self

    def __exit__(self, *exc):
        stop(self.proc)
        self.log.close()
        return False

    @property
    def pid(self):
        return self.proc.pid

    def wait_ready(self, port, path="/", timeout=30.0):
        """Poll every 10 ms until `path` answers 200; seconds since launch."""
        deadline = self.launched + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}:\n"
                                   + self.log_path.read_text(errors="replace")[-2000:])
            try:
                status, _ = get(port, path, timeout=5.0)
            except OSError:
                status = None
            if status == 200:
                return time.perf_counter() - self.launched
            time.sleep(POLL_S)
        raise RuntimeError(f"no 200 on {path} within {timeout} s")


def stop(proc):
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)


def start_kiosk(cmd, port, env, log_dir, name):
    argv = [*cmd, "run", "--host", HOST, "--port", str(port), "--threads", str(THREADS)]
    return Server(argv, env, log_dir, name)


# -- the pages ------------------------------------------------------------------------


def lesson_slugs():
    return sorted({p.stem for lang in ("id", "en") for p in (CONTENT / lang).glob("*.md")})


def every_page():
    pages = []
    for query in ("", "?lang=en"):
        pages += [f"/pelajaran/{slug}{query}" for slug in lesson_slugs()]
        pages += [f"/{query}", f"/lapor{query}", f"/tentang{query}"]
    return pages


class AssetFinder(html.parser.HTMLParser):
    """URLs a browser loads for a page: link/script/img, minus images in the lesson body."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls = []
        self.body_depth = 0  # >0 while inside <div class="lesson-body">

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "div":
            if self.body_depth:
                self.body_depth += 1
            elif "lesson-body" in (attrs.get("class") or "").split():
                self.body_depth = 1
        elif tag == "link":
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & LOADED_RELS and attrs.get("href"):
                self.urls.append(attrs["href"])
        loaded = tag == "script" or (tag == "img" and not self.body_depth)
        if loaded and attrs.get("src"):
            self.urls.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag == "div" and self.body_depth:
            self.body_depth -= 1


def page_weight(port, path):
    """(total bytes, {url: bytes}) of a page and every asset it loads, each fetched once."""
    base = f"http://{HOST}:{port}{path}"
    status, body = get(port, path)
    if status != 200:
        raise RuntimeError(f"{path} answered {status}")
    finder = AssetFinder()
    finder.feed(body.decode("utf-8", "replace"))
    parts = {path: len(body)}
    queue = [urljoin(base, u) for u in finder.urls]
    while queue:
        url = queue.pop(0)
        split = urlsplit(url)
        if split.scheme == "data":
            continue
        if (split.hostname, split.port) != (HOST, port):
            raise RuntimeError(f"{path} loads {url}, outside the kiosk")
        target = split.path + (f"?{split.query}" if split.query else "")
        if target in parts:
            continue
        status, data = get(port, target)
        if status != 200:
            raise RuntimeError(f"{path} loads {target}, which answered {status}")
        parts[target] = len(data)
        if target.split("?")[0].endswith(".css"):
            for match in CSS_URL.finditer(data.decode("utf-8", "replace")):
                queue.append(urljoin(url, match.group(1) or match.group(2)))
    return sum(parts.values()), parts


# -- 1. throughput --------------------------------------------------------------------


def load_main(args):
    """The load generator (its own process): prints one JSON line with the results."""
    t_start = time.perf_counter()
    t0 = t_start + args.warmup
    t1 = t0 + args.duration
    per_thread = max(1, args.max_requests // args.connections)
    results = [None] * args.connections
    barrier = threading.Barrier(args.connections + 1)

    def worker(i):
        conn = http.client.HTTPConnection(HOST, args.port, timeout=10)
        done, errors, latencies = 0, 0, []
        barrier.wait()
        try:
            while True:
                sent = time.perf_counter()
                if sent >= t1 or done >= per_thread:
                    break
                conn.request("GET", args.path)
                resp = conn.getresponse()
                resp.read()
                now = time.perf_counter()
                if resp.status != 200:
                    errors += 1
                if now >= t0 and now < t1:
                    done += 1
                    latencies.append(now - sent)
                if resp.will_close:
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, args.port, timeout=10)
        finally:
            conn.close()
        results[i] = (done, errors, latencies)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.connections)]
    for t in threads:
        t.start()
    barrier.wait()
    # Sample both processes' CPU over the measured window only.
    time.sleep(max(0.0, t0 - time.perf_counter()))
    me0, srv0, w0 = os.times(), cpu_seconds(args.server_pid), time.perf_counter()
    time.sleep(max(0.0, t1 - time.perf_counter()))
    me1, srv1, w1 = os.times(), cpu_seconds(args.server_pid), time.perf_counter()
    for t in threads:
        t.join()
    done = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    latencies = sorted(x for r in results for x in r[2])
    window = min(args.duration, w1 - t0)
    out = {
        "requests": done,
        "errors": errors,
        "rps": done / window,
        "p50_ms": 1000 * latencies[len(latencies) // 2] if latencies else None,
        "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)] if latencies else None,
        "client_cpu": ((me1.user + me1.system) - (me0.user + me0.system)) / (w1 - w0),
        "server_cpu": (srv1 - srv0) / (w1 - w0),
    }
    print(json.dumps(out))


def run_load(port, path, server_pid):
    argv = [sys.executable, __file__, "_load", "--port", str(port), "--path", path,
            "--server-pid", str(server_pid), "--connections", str(CONNECTIONS),
            "--warmup", str(WARMUP_S), "--duration", str(DURATION_S),
            "--max-requests", str(MAX_REQUESTS)]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60, cwd=ROOT)
    if done.returncode:
        raise RuntimeError(f"load generator failed:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


BARE_BASE = """<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>{{ title }}</title></head>
<body>
<header><a href="/">{{ title }}</a></header>
<main>{% block content %}{% endblock %}</main>
</body>
</html>
"""
BARE_PAGE = """{% extends "base.html" %}
{% block content %}
<h1>{{ title }}</h1>
{% for item in items %}<p class="para">{{ item }}</p>
{% endfor %}
{% endblock %}
"""
BARE_PARAGRAPH = ("Calo menjanjikan kerja di luar negeri tanpa pelatihan & tanpa biaya; "
                  "periksa dulu agen resminya di Disnaker atau LTSA.")


def bare_app(size):
    """A minimal Flask app whose one page renders a Jinja2 template of about `size` bytes."""
    from flask import Flask, render_template
    from jinja2 import DictLoader

    app = Flask("bare")
    app.jinja_loader = DictLoader({"base.html": BARE_BASE, "page.html": BARE_PAGE})

    def render(count):
        return render_template("page.html", title="Halaman polos",
                               items=[BARE_PARAGRAPH] * count)

    with app.app_context():
        one = len(render(1).encode()) - len(render(0).encode())
        count = max(0, round((size - len(render(0).encode())) / one))

    @app.get("/")
    def page():
        return render(count)

    return app


def median_run(runs):
    """The run with the median req/s."""
    return sorted(runs, key=lambda r: r["rps"])[len(runs) // 2]


def bare_main(args):
    import logging

    import waitress

    app = bare_app(args.size)
    logging.getLogger("waitress").setLevel(logging.WARNING)
    waitress.serve(app, host=HOST, port=args.port, threads=args.threads, ident="bare",
                   clear_untrusted_proxy_headers=True)


# -- the whole run --------------------------------------------------------------------


def machine_info():
    model = ""
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split("\n")[0].split()[1])
        mem = f"{kib / 1024 / 1024:.1f} GiB RAM"
    usable = len(os.sched_getaffinity(0))
    return [
        f"CPUs: {os.cpu_count()} (usable by this process: {usable}){', ' + model if model else ''}",
        f"Memory: {mem or 'unknown'}",
        f"Python: {platform.python_version()} ({platform.python_implementation()}), "
        f"{platform.system()} {platform.release()}",
        f"Load average before the run: {' '.join(f'{x:.2f}' for x in os.getloadavg())}",
    ]


def mib(n):
    return f"{n / 1024 / 1024:.1f} MiB"


def verdict(ok):
    return "pass" if ok else "**FAIL**"


def main():
    rows, notes = [], []
    print("# bench/serve_bench.py\n")
    for line in machine_info():
        print(f"- {line}")
    print()
    cmd = kiosk_command()
    with tempfile.TemporaryDirectory(prefix="serve-bench-") as tmp:
        tmp = Path(tmp)
        pycache, data_dir, logs = tmp / "pycache", tmp / "data", tmp / "logs"
        logs.mkdir()
        env = child_env(pycache, data_dir)

        # First start ever: fills the data folder and the bytecode cache; not the target.
        port = free_port()
        with start_kiosk(cmd, port, env, logs, "first") as srv:
            first = srv.wait_ready(port)
        sys.stderr.write(f"first start (empty data folder and bytecode cache): {first:.3f} s\n")

        # 2. start-up, median of 5 starts on the data folder of the first one.
        times = []
        for i in range(STARTS):
            port = free_port()
            with start_kiosk(cmd, port, env, logs, f"start{i}") as srv:
                times.append(srv.wait_ready(port))
        start_s = statistics.median(times)
        sys.stderr.write(f"starts: {', '.join(f'{t:.3f}' for t in times)} s\n")

        # 3. memory and 4. weight, on one more start.
        port = free_port()
        with start_kiosk(cmd, port, env, logs, "memory") as srv:
            srv.wait_ready(port)
            time.sleep(1.0)
            rss_idle = rss_bytes(srv.pid)
            pages = every_page()
            for path in pages:
                status, _ = get(port, path)
                if status != 200:
                    raise RuntimeError(f"{path} answered {status}")
            time.sleep(0.5)
            rss_pages = rss_bytes(srv.pid)
            hwm = _status_kib(srv.pid, "VmHWM") * 1024
            weights = {}
            for slug in lesson_slugs():
                for query in ("", "?lang=en"):
                    path = f"/pelajaran/{slug}{query}"
                    weights[path] = page_weight(port, path)
            heavy_path = max(weights, key=lambda p: weights[p][0])
            heavy, heavy_parts = weights[heavy_path]
            home, home_parts = page_weight(port, "/")
            html_sizes = {p: parts[p] for p, (_, parts) in weights.items()}

        # 1. throughput: the heaviest lesson's HTML (Indonesian) and a bare page that size,
        # both servers up at once, loaded in turn for ROUNDS rounds so drift hits both alike.
        lesson_path = max((p for p in html_sizes if "?" not in p), key=html_sizes.get)
        kiosk_port, bare_port = free_port(), free_port()
        with start_kiosk(cmd, kiosk_port, env, logs, "load") as kiosk_srv:
            kiosk_srv.wait_ready(kiosk_port, lesson_path)
            _, body = get(kiosk_port, lesson_path)
            bare_argv = [sys.executable, __file__, "_bare", "--port", str(bare_port),
                         "--size", str(len(body)), "--threads", str(THREADS)]
            with Server(bare_argv, child_env(pycache), logs, "bare") as bare_srv:
                bare_srv.wait_ready(bare_port)
                _, bare_body = get(bare_port, "/")
                kiosk_runs, bare_runs = [], []
                for i in range(ROUNDS):
                    kiosk_runs.append(run_load(kiosk_port, lesson_path, kiosk_srv.pid))
                    bare_runs.append(run_load(bare_port, "/", bare_srv.pid))
                    sys.stderr.write(f"round {i + 1}: lesson {kiosk_runs[-1]['rps']:.0f} req/s, "
                                     f"bare {bare_runs[-1]['rps']:.0f} req/s\n")
            rss_load = rss_bytes(kiosk_srv.pid)
        kiosk_load = median_run(kiosk_runs)
        bare_load = median_run(bare_runs)

    ratio = kiosk_load["rps"] / bare_load["rps"]
    rows += [
        (f"Lesson page `{lesson_path}` ({len(body):,} B HTML), req/s, median of {ROUNDS}",
         f"{kiosk_load['rps']:.0f}", "", ""),
        (f"Bare Jinja2 page, minimal Flask ({len(bare_body):,} B HTML), req/s, median of {ROUNDS}",
         f"{bare_load['rps']:.0f}", "", ""),
        ("Lesson / bare throughput", f"{ratio:.3f} (1 : {1 / ratio:.2f})", "≥ 0.333 (1 : 3)",
         verdict(ratio >= TARGET_RATIO)),
        (f"Start to first 200 on `/`, median of {STARTS}", f"{start_s:.2f} s",
         f"≤ {TARGET_START_S} s", verdict(start_s <= TARGET_START_S)),
        ("RSS at idle after start", mib(rss_idle), "≤ 80 MB (76.3 MiB)",
         verdict(rss_idle <= TARGET_RSS_BYTES)),
        (f"RSS after all {len(pages)} pages (every lesson ×2 languages, home, lapor, tentang)",
         mib(rss_pages), "≤ 80 MB (76.3 MiB)", verdict(rss_pages <= TARGET_RSS_BYTES)),
        (f"Heaviest lesson with its assets (`{heavy_path}`, {len(heavy_parts)} files)",
         f"{heavy:,} B ({heavy / 1000:.1f} KB)", "≤ 150 KB",
         verdict(heavy <= TARGET_WEIGHT_BYTES)),
        (f"Home page with its assets ({len(home_parts)} files)",
         f"{home:,} B ({home / 1000:.1f} KB)", "", ""),
    ]
    notes += [
        f"Start-up, each of the {STARTS} starts: {', '.join(f'{t:.2f}' for t in times)} s; "
        f"first start (empty data folder and bytecode cache, not the target): {first:.2f} s.",
        f"Load: {CONNECTIONS} keep-alive connections, {WARMUP_S:g} s warm-up, "
        f"{DURATION_S:g} s measured per run; waitress threads={THREADS} for both servers; "
        f"{ROUNDS} rounds alternating lesson and bare.",
        "Per round, lesson / bare req/s: " + "; ".join(
            f"{k['rps']:.0f} / {b['rps']:.0f} = {k['rps'] / b['rps']:.3f}"
            for k, b in zip(kiosk_runs, bare_runs, strict=True)),
    ]
    for name, res in (("lesson", kiosk_load), ("bare", bare_load)):
        notes.append(
            f"{name}, median run: {res['requests']} requests, {res['errors']} errors, "
            f"p50 {res['p50_ms']:.1f} ms, p99 {res['p99_ms']:.1f} ms, "
            f"server CPU {100 * res['server_cpu']:.0f}%, client CPU {100 * res['client_cpu']:.0f}%"
        )
    notes += [
        f"Peak RSS (VmHWM) of the memory run: {mib(hwm)}; RSS after the load test: "
        f"{mib(rss_load)}.",
        "Heaviest lesson: " + ", ".join(f"`{k}` {v:,} B" for k, v in heavy_parts.items()),
        "Home: " + ", ".join(f"`{k}` {v:,} B" for k, v in home_parts.items()),
    ]

    print("| Measure | Result | Target | |")
    print("|---|---:|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    for note in notes:
        print(f"- {note}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="role")
    load = sub.add_parser("_load", help="internal: the load generator")
    load.add_argument("--port", type=int, required=True)
    load.add_argument("--path", required=True)
    load.add_argument("--server-pid", type=int, required=True)
    load.add_argument("--connections", type=int, default=CONNECTIONS)
    load.add_argument("--warmup", type=float, default=WARMUP_S)
    load.add_argument("--duration", type=float, default=DURATION_S)
    load.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    bare = sub.add_parser("_bare", help="internal: the bare Flask app on waitress")
    bare.add_argument("--port", type=int, required=True)
    bare.add_argument("--size", type=int, required=True)
    bare.add_argument("--threads", type=int, default=THREADS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args(sys.argv[1:])
    if arguments.role == "_load":
        load_main(arguments)
    elif arguments.role == "_bare":
        bare_main(arguments)
    else:
        main()
