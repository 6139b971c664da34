"""The real `python -m kiosk run --fullscreen`, with a stand-in browser that records its starts.

Every wait is bounded; nothing sleeps longer than one poll.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import textwrap
import urllib.request
from pathlib import Path

import pytest
from served import KIOSK, free_port, wait_for

WAIT = 30  # seconds: generous for a busy CI machine, never reached when things work

pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and shebang scripts")

KIOSK_FLAGS = [
    "--no-first-run", "--noerrdialogs", "--disable-translate", "--disable-pinch",
    "--overscroll-history-navigation=0", "--disable-session-crashed-bubble",
    "--disable-infobars", "--check-for-update-interval=31536000",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--no-default-browser-check",
]


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # an orphan nobody has reaped yet is dead all the same
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def answers(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


def write_stand_in(tmp_path, stay):
    """A browser stand-in: appends its pid, argv, a helper's pid and the profile's exit_type
    as it found them, then exits at once or stays (like a real browser) until stopped."""
    record = tmp_path / "browser-starts.jsonl"
    script = tmp_path / "stand-in-browser"
    script.write_text(f"#!{sys.executable}\n" + textwrap.dedent(f"""\
        import json, os, subprocess, sys, time
        profile = next(a.split("=", 1)[1] for a in sys.argv if a.startswith("--user-data-dir="))
        try:
            with open(os.path.join(profile, "Default", "Preferences")) as fh:
                exit_type = json.load(fh)["profile"]["exit_type"]
        except OSError:
            exit_type = None
        # Like Chromium's renderers: a helper process that lives as long as the browser.
        helper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
        with open({str(record)!r}, "a") as fh:
            fh.write(json.dumps({{"pid": os.getpid(), "helper": helper.pid,
                                  "argv": sys.argv[1:], "exit_type": exit_type}}) + "\\n")
        if {stay!r}:
            time.sleep(600)
        """), encoding="utf-8")
    script.chmod(0o755)
    return script, record


class RunningKiosk:
    def __init__(self, tmp_path, content_dir, browser):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.data = tmp_path / "data"
        self.log_path = tmp_path / "launcher.log"
        self.env = {**os.environ, "KIOSK_CONTENT_DIR": str(content_dir),
                    "KIOSK_QUIZ_DIR": str(tmp_path / "quizzes"),
                    "KIOSK_DATA_DIR": str(self.data), "KIOSK_BROWSER": str(browser),
                    "PYTHONUNBUFFERED": "1"}
        with open(self.log_path, "w") as out:
            self.proc = subprocess.Popen(
                KIOSK + ["run", "--fullscreen", "--port", str(self.port)], env=self.env,
                stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)

    def log(self):
        return self.log_path.read_text()

    def server_pids(self):
        return [int(pid) for pid in re.findall(r"server started \(pid (\d+)\)", self.log())]

    def stop(self, signum):
        self.proc.send_signal(signum)
        return self.proc.wait(WAIT)

    def kill_everything(self, pids):
        # Only after a failed test: leave no process of ours behind for the next one.
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        for pid in pids:
            if alive(pid):
                os.kill(pid, signal.SIGKILL)


def starts(record):
    if not record.exists():
        return []
    return [json.loads(line) for line in record.read_text().splitlines()]


@pytest.fixture
def launch(tmp_path, content_dir):
    kiosks, records = [], []

    def start(stay, browser=None):
        stand_in, record = write_stand_in(tmp_path, stay)
        browser = browser or stand_in
        records.append(record)
        kiosks.append(RunningKiosk(tmp_path, content_dir, browser))
        return kiosks[-1], record

    yield start
    for kiosk, record in zip(kiosks, records, strict=True):
        pids = kiosk.server_pids() + [p for s in starts(record) for p in (s["pid"], s["helper"])]
        kiosk.kill_everything(pids)


def everything_started(kiosk, record):
    return kiosk.server_pids() + [p for s in starts(record) for p in (s["pid"], s["helper"])]


def test_a_browser_that_exits_is_started_again_with_the_kiosk_flags(launch, tmp_path):
    profile = tmp_path / "data" / "browser-profile"
    prefs = profile / "Default" / "Preferences"
    prefs.parent.mkdir(parents=True)
    prefs.write_text('{"profile": {"exit_type": "Crashed", "exited_cleanly": false}}')
    kiosk, record = launch(stay=False)

    seen = wait_for(lambda: len(starts(record)) >= 2 and starts(record), "a second start")
    for start in seen:
        argv = start["argv"]
        assert argv[0] == f"--user-data-dir={profile}"
        assert argv[-2:] == ["--kiosk", kiosk.url]
        assert set(KIOSK_FLAGS) <= set(argv)
        assert start["exit_type"] == "Normal"  # no "Restore pages?" bubble after a crash
    assert "browser ended (exit code 0) after" in kiosk.log()
    assert "starting it again in 0.5 s" in kiosk.log()
    assert answers(kiosk.url + "pelajaran/calo") is not None

    assert kiosk.stop(signal.SIGINT) == 0
    log = kiosk.log()
    assert "stopping (Ctrl+C): the browser, then the server" in log
    assert log.rstrip().endswith("INFO kiosk.launcher: stopped")
    assert "Traceback" not in log
    assert [pid for pid in everything_started(kiosk, record) if alive(pid)] == []
    assert not (tmp_path / "data" / "launcher.json").exists()


def test_a_crashed_browser_is_started_again_and_sigterm_leaves_no_process(launch, tmp_path):
    kiosk, record = launch(stay=True)
    first = wait_for(lambda: starts(record), "the browser")[0]
    assert json.loads((tmp_path / "data" / "launcher.json").read_text()) == \
        {"pid": kiosk.proc.pid, "url": kiosk.url}

    os.kill(first["pid"], signal.SIGKILL)
    wait_for(lambda: len(starts(record)) == 2, "the browser to be started again")
    assert "browser ended (killed by SIGKILL) after" in kiosk.log()
    # Whatever the crashed browser left behind in its process group went with it.
    wait_for(lambda: not alive(first["helper"]), "the crashed browser's helper to go")

    assert kiosk.stop(signal.SIGTERM) == 0
    assert "stopping (SIGTERM): the browser, then the server" in kiosk.log()
    assert [pid for pid in everything_started(kiosk, record) if alive(pid)] == []
    assert len(kiosk.server_pids()) == 1
    assert answers(kiosk.url + "healthz") is None


def test_a_killed_server_comes_back_while_the_browser_stays(launch, tmp_path, content_dir):
    kiosk, record = launch(stay=True)
    wait_for(lambda: starts(record), "the browser")
    assert "<h1>Calo</h1>" in answers(kiosk.url + "pelajaran/calo")
    [server] = kiosk.server_pids()

    os.kill(server, signal.SIGKILL)
    wait_for(lambda: "server ended (killed by SIGKILL)" in kiosk.log(), "the launcher to see it")
    page = wait_for(lambda: answers(kiosk.url + "pelajaran/calo"), "the server to come back")
    assert "<h1>Calo</h1>" in page
    assert kiosk.server_pids()[0] == server and len(kiosk.server_pids()) == 2
    wait_for(lambda: "server answers again at" in kiosk.log(), "the launcher to see it back")
    # The server knows it runs behind the kiosk browser (config FULLSCREEN).
    environ = Path(f"/proc/{kiosk.server_pids()[1]}/environ").read_bytes().split(b"\0")
    assert b"KIOSK_FULLSCREEN=true" in environ
    assert len(starts(record)) == 1  # the browser kept its page; it finds the server again

    stopped = subprocess.run(KIOSK + ["stop"], env=kiosk.env, capture_output=True, text=True,
                             timeout=WAIT)
    assert (stopped.returncode, stopped.stdout) == \
        (0, "The kiosk has stopped (browser and server).\n")
    assert kiosk.proc.wait(WAIT) == 0
    assert "stopping (kiosk stop)" in kiosk.log()
    assert [pid for pid in everything_started(kiosk, record) if alive(pid)] == []


def test_without_its_browser_the_kiosk_keeps_serving_and_says_what_to_do(launch, tmp_path):
    missing = tmp_path / "hilang" / "chromium"
    kiosk, record = launch(stay=True, browser=missing)
    wait_for(lambda: answers(kiosk.url + "pelajaran/calo"), "the server")
    log = kiosk.log()
    assert (f"ERROR kiosk.launcher: Config value 'BROWSER' (KIOSK_BROWSER): expected a "
            f"browser program, got '{missing}', which does not exist") in log
    assert ("WARNING kiosk.launcher: no browser found (looked on PATH for chromium, "
            "chromium-browser, google-chrome") in log
    assert (f"The kiosk keeps serving: open {kiosk.url} in a browser and make it full "
            f"screen (F11), or install Chromium (sudo apt install chromium) or set "
            f"KIOSK_BROWSER to the browser's program, then start the kiosk again") in log
    assert kiosk.stop(signal.SIGINT) == 0
    assert [pid for pid in kiosk.server_pids() if alive(pid)] == []
    assert starts(record) == []


def test_a_port_in_use_stops_the_launcher_before_it_starts_anything(content_dir, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "KIOSK_CONTENT_DIR": str(content_dir),
               "KIOSK_QUIZ_DIR": str(tmp_path / "quizzes"),
               "KIOSK_DATA_DIR": str(tmp_path / "data"), "KIOSK_BROWSER": "/bin/false"}
        done = subprocess.run(KIOSK + ["run", "--fullscreen", "--port", str(port)], env=env,
                              capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 1
    assert done.stderr.endswith(
        f"kiosk: port {port} is already in use on 127.0.0.1: is the kiosk already running? "
        f"Stop it (kiosk stop), or choose another port with --port\n")
    assert "server started" not in done.stderr


def test_kiosk_stop_says_when_no_kiosk_is_running(content_dir, tmp_path):
    env = {**os.environ, "KIOSK_CONTENT_DIR": str(content_dir),
           "KIOSK_QUIZ_DIR": str(tmp_path / "quizzes"), "KIOSK_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(KIOSK + ["stop"], env=env, capture_output=True, text=True,
                          timeout=WAIT)
    assert (done.returncode, done.stderr) == \
        (1, f"Error: no full-screen kiosk is running with DATA_DIR {tmp_path / 'data'}\n")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PR_SET_PDEATHSIG is Linux's")
def test_a_killed_launcher_takes_the_browser_and_the_server_with_it(launch):
    kiosk, record = launch(stay=True)
    [browser] = wait_for(lambda: starts(record), "the browser")
    [server] = kiosk.server_pids()
    kiosk.proc.kill()
    kiosk.proc.wait(WAIT)
    wait_for(lambda: not alive(browser["pid"]) and not alive(server), "the children to go")
    assert answers(kiosk.url + "healthz") is None
