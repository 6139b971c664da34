"""Benchmark of the full-screen launcher: how soon the kiosk is back after a crash.

    python bench/launcher_bench.py [--chromium /usr/bin/chromium] [--rounds 5]

Runs the real `python -m kiosk run --fullscreen` on the bundled lessons, with either a
stand-in browser (default) or a real Chromium (--chromium; needs a display: DISPLAY, or Xvfb
on PATH, which this script then starts). Measures:
  1. start: launcher started -> the kiosk page is open in the browser;
  2. browser crash (SIGKILL of the browser after a steady run) -> the page is open again;
  3. server crash (SIGKILL of the server) -> the lesson URL answers again;
  4. stop: SIGTERM to the launcher -> it has exited, and what is left of the browser's
     process group afterwards (should be nothing).
With Chromium, "the page is open" means its DevTools list shows the kiosk's home page title.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STEADY = 11  # seconds a browser runs before the next crash: the launcher's 1 s case
DEVTOOLS_PORT = 9333
HOME_TITLE = "Beranda · Kios Waspada"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url, timeout=10.0):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(check, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.02)
    raise SystemExit("timed out")


class Launcher:
    """The launcher as a child, its output lines stamped as they arrive."""

    def __init__(self, env, port):
        self.lines = []
        self.started = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "run", "--fullscreen", "--port", str(port)],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.lines.append((time.monotonic(), line.rstrip("\n")))

    def pids(self, what):
        return [int(m.group(1)) for _, line in list(self.lines)
                for m in [re.search(rf"{what} started \(pid (\d+)\)", line)] if m]


def stand_in(folder):
    record = folder / "starts.jsonl"
    script = folder / "stand-in-browser"
    script.write_text(f"#!{sys.executable}\nimport json, os, time\n"
                      f"open({str(record)!r}, 'a').write(json.dumps(os.getpid()) + '\\n')\n"
                      "time.sleep(3600)\n")
    script.chmod(0o755)
    return script, record


def chromium_wrapper(folder, chromium):
    # Root (as on the bench machine) cannot use Chromium's sandbox; DevTools tells when the
    # page is open. A kiosk PC runs Chromium as its desktop user without any wrapper.
    script = folder / "chromium"
    script.write_text(f"#!/bin/sh\nexec {chromium} --no-sandbox "
                      f"--remote-debugging-port={DEVTOOLS_PORT} \"$@\"\n")
    script.chmod(0o755)
    return script


def page_open(record, url, pid_before):
    """A check: is a browser other than ``pid_before`` showing the kiosk page?"""
    if record is not None:
        def check():
            pids = [json.loads(x) for x in record.read_text().splitlines()] \
                if record.exists() else []
            return pids and pids[-1] != pid_before and pids[-1]
        return check

    def check():
        listing = fetch(f"http://127.0.0.1:{DEVTOOLS_PORT}/json/list", timeout=1.0)
        if not listing:
            return False
        return any(t.get("type") == "page" and t.get("url") == url
                   and t.get("title") == HOME_TITLE for t in json.loads(listing))
    return check


def group_members(pgid):
    members = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid and fields[0] != "Z":
                members.append(int(entry.name))
    return members


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", help="a real Chromium instead of the stand-in")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--log", action="store_true", help="print the launcher's log, timed")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="launcher-bench-"))
    xvfb = None
    # No PYTHONPYCACHEPREFIX (as bench/serve_bench.py uses): with it each server start took
    # about 2.4 s longer here, compiled caches or not.
    env = {**os.environ, "KIOSK_DATA_DIR": str(folder / "data")}
    if args.chromium:
        browser, record = chromium_wrapper(folder, args.chromium), None
        if not env.get("DISPLAY"):
            if not shutil.which("Xvfb"):
                raise SystemExit("--chromium needs a display: set DISPLAY or install xvfb")
            xvfb = subprocess.Popen(["Xvfb", ":93", "-screen", "0", "1366x768x24"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            env["DISPLAY"] = ":93"
            time.sleep(1)
    else:
        browser, record = stand_in(folder)
    env["KIOSK_BROWSER"] = str(browser)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    results = {}
    try:
        t0 = time.monotonic()
        launcher = Launcher(env, port)
        wait_for(page_open(record, url, None))
        results["start to kiosk page (s)"] = [time.monotonic() - t0]

        crashes = []
        for _ in range(args.rounds):
            time.sleep(STEADY)
            pid = launcher.pids("browser")[-1]
            t0 = time.monotonic()
            os.kill(pid, signal.SIGKILL)
            wait_for(lambda p=pid: launcher.pids("browser")[-1] != p)
            wait_for(page_open(record, url, pid))
            crashes.append(time.monotonic() - t0)
        results["browser crash to kiosk page again (s)"] = crashes

        servers = []
        for _ in range(args.rounds):
            pid = launcher.pids("server")[-1]
            t0 = time.monotonic()
            os.kill(pid, signal.SIGKILL)
            wait_for(lambda p=pid: launcher.pids("server")[-1] != p)
            wait_for(lambda: fetch(url + "pelajaran/calo-sponsor-ilegal"))
            servers.append(time.monotonic() - t0)
            time.sleep(STEADY)  # a steady run, so the next restart is the 1 s case
        results["server crash to lesson answering again (s)"] = servers

        browser_pid = launcher.pids("browser")[-1]
        t0 = time.monotonic()
        launcher.proc.send_signal(signal.SIGTERM)
        launcher.proc.wait(60)
        results["SIGTERM to launcher exited (s)"] = [time.monotonic() - t0]
        time.sleep(1)
        left = group_members(browser_pid)
    finally:
        if xvfb:
            xvfb.terminate()
        shutil.rmtree(folder, ignore_errors=True)

    if args.log:
        for stamp, line in launcher.lines:
            print(f"{stamp - launcher.started:8.2f}  {line}")
    print(f"browser: {args.chromium or 'stand-in script'}; rounds: {args.rounds}")
    for name, values in results.items():
        cells = ", ".join(f"{v:.2f}" for v in values)
        print(f"  {name:45} median {statistics.median(values):5.2f}  max {max(values):5.2f}"
              f"  [{cells}]")
    print(f"  processes left in the browser's group after the stop: {len(left)}")


if __name__ == "__main__":
    main()
