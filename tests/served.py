"""The real `python -m kiosk run` in a subprocess, for tests of what only a process shows:
signals, kills, slow sockets, a disk that refuses writes.

Every wait is bounded and polls a condition; nothing sleeps for a fixed time.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

KIOSK = [sys.executable, "-m", "kiosk"]
WAIT = 60  # seconds: generous for a busy 2-core machine, never reached when things work


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(check, what, timeout=WAIT):
    deadline = time.monotonic() + timeout
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.05)


def kiosk_env(settings):
    """The environment of a kiosk process: KIOSK_* for each setting, nothing from the host."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    for name, value in settings.items():
        env[f"KIOSK_{name}"] = value if isinstance(value, str) else repr(value)
    env["PYTHONUNBUFFERED"] = "1"
    return env


def get(url, timeout=10):
    """(status, body) of a GET; HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


class Served:
    """`kiosk run` on a free loopback port; its output is read through a pipe (a file
    would be refused too when a test limits the size of the files the kiosk writes)."""

    def __init__(self, settings, preexec_fn=None, args=(), wrap=()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = kiosk_env(settings)
        self.lines = []
        self.proc = subprocess.Popen(
            [*wrap, *KIOSK, "run", "--port", str(self.port), *args], env=self.env,
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
            text=True, errors="replace", preexec_fn=preexec_fn)
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        with self.proc.stdout:
            for line in self.proc.stdout:
                self.lines.append(line)

    def log(self):
        return "".join(self.lines)

    def ready(self):
        def answers():
            if self.proc.poll() is not None:
                raise AssertionError(f"kiosk ended ({self.proc.returncode}):\n{self.log()}")
            try:
                return get(self.url + "/healthz", timeout=2)[0] == 200
            except OSError:
                return False

        wait_for(answers, "the kiosk to answer /healthz")
        return self

    def get(self, path, timeout=10):
        return get(self.url + path, timeout)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait(timeout=WAIT)
