"""The full-screen kiosk: `kiosk run --fullscreen` supervises the server and the browser.

Also `kiosk stop` and `kiosk autostart`, which start it when the PC's desktop comes up.
"""

import contextlib
import json
import logging
import os
import shutil
import signal
import socket
import sys
import time
from pathlib import Path

from ..errors import ConfigError, KioskError
from ..files import atomic_write
from .browser import browser_command, find_browser, prepare_profile, searched_places
from .supervisor import Child, Supervisor

log = logging.getLogger("kiosk.launcher")

PACKAGE_ROOT = Path(__file__).resolve().parent.parent.parent  # the folder holding kiosk/
PROFILE = "browser-profile"  # in DATA_DIR: the browser's own profile, apart from anyone's
BROWSER_LOG = "browser.log"  # in DATA_DIR: the browser's output of its latest start
STATE_FILE = "launcher.json"  # in DATA_DIR while a launcher runs
STOP_FILE = "launcher.stop"  # written by `kiosk stop`


def init_app(app):
    from .commands import autostart_group, stop_command

    app.cli.add_command(autostart_group)
    app.cli.add_command(stop_command)


def local_url(host, port):
    """The address the browser on this PC opens for a server listening on ``host``."""
    if host in ("0.0.0.0", "127.0.0.1", "localhost", "", "::", "::1"):
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}/"


def run_fullscreen(config, host, port, threads, lan=False):
    """Serve the kiosk and show it full screen until Ctrl+C, SIGTERM or `kiosk stop`."""
    windows = os.name == "nt"
    data_dir = Path(config["DATA_DIR"])
    url = local_url(host, port)
    if port_taken(host, port):
        raise KioskError(f"port {port} is already in use on {host}: is the kiosk already "
                         f"running? Stop it (kiosk stop), or choose another port with --port")
    server = Child("server", server_command(host, port, threads, lan), signal.SIGINT,
                   stop_timeout=10.0, env=server_env())
    try:
        found = find_browser(config["BROWSER"], os.environ, shutil.which, os.path.isfile,
                             windows)
    except ConfigError as exc:
        log.error("%s", exc)
        found = None
    browser = None
    profile = data_dir / PROFILE
    if found is None:
        log.warning(no_browser_message(url, windows))
    else:
        if not windows and hasattr(os, "geteuid") and os.geteuid() == 0:
            log.warning("running as root: Chromium refuses to start as root; run the kiosk "
                        "from the desktop user's account")
        argv = browser_command(found.path, url, profile, config["BROWSER_MODE"], windows)
        log.info("browser: %s (found by %s)", found.path, found.found)
        browser = Child("browser", argv, signal.SIGTERM, stop_timeout=5.0,
                        log_path=data_dir / BROWSER_LOG)
    stop_file = data_dir / STOP_FILE
    state = data_dir / STATE_FILE
    try:
        stop_file.unlink(missing_ok=True)  # a stop asked of an earlier run is not for this one
        atomic_write(state, json.dumps({"pid": os.getpid(), "url": url}) + "\n")
    except OSError as exc:  # a full or read-only data folder must not keep the kiosk down
        log.warning("%s cannot be written (%s): `kiosk stop` will not find this kiosk; stop "
                    "it with Ctrl+C or SIGTERM", state, exc.strerror or exc)
    log.info("Kios Waspada full screen at %s; Ctrl+C or `kiosk stop` stops it", url)
    try:
        Supervisor(server, browser, url + "healthz", stop_file,
                   before_browser=lambda: _prepare_profile(profile)).run()
    finally:
        with contextlib.suppress(OSError):
            state.unlink(missing_ok=True)
            stop_file.unlink(missing_ok=True)


def server_command(host, port, threads, lan=False):
    return [sys.executable, "-m", "kiosk", "run", "--host", host, "--port", str(port),
            "--threads", str(threads), *(["--lan"] if lan else [])]


def server_env():
    env = dict(os.environ)
    env["KIOSK_FULLSCREEN"] = "true"
    # `python -m kiosk` must import this same kiosk, also when started from another folder.
    parts = [str(PACKAGE_ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env["PYTHONPATH"] = os.pathsep.join(parts)
    return env


def port_taken(host, port):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        if os.name == "posix":  # as waitress does; else a just-stopped kiosk looks alive
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def no_browser_message(url, windows):
    install = ("install Google Chrome or Microsoft Edge" if windows
               else "install Chromium (sudo apt install chromium)")
    return (f"no browser found (looked {searched_places(os.environ, windows)}). The kiosk "
            f"keeps serving: open {url} in a browser and make it full screen (F11), or "
            f"{install} or set KIOSK_BROWSER to the browser's program, then start the kiosk "
            f"again")


def _prepare_profile(profile):
    if "profile.exit_type" in prepare_profile(profile):
        log.info("browser profile marked as closed normally, so no 'Restore pages?' shows")


def wait_for_stop(data_dir, timeout):
    """Ask a running launcher to stop; True once it has (its state file is gone)."""
    data_dir = Path(data_dir)
    state = data_dir / STATE_FILE
    if not state.exists():
        return None
    atomic_write(data_dir / STOP_FILE, "")
    deadline = time.monotonic() + timeout
    while state.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True
