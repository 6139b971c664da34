"""The full-screen kiosk's supervisor: it runs the server and the browser and restarts either.

A village PC has no attendant: a crash must heal itself, and a stop must leave nothing behind.
"""

import ctypes
import logging
import os
import signal
import subprocess
import sys
import time
import urllib.request

log = logging.getLogger("kiosk.launcher")

POSIX = os.name == "posix"
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
SLOW_START_SECONDS = 60  # a server not answering after this long is worth a log line


class Backoff:
    """How long to wait before starting a program again: ``first`` seconds after it ran a
    while (half a second leaves a browser most of the 5 s it may take to be back), twice as
    long each time it dies within ``steady`` seconds of starting, up to ``longest``, so that
    a broken install does not spin the CPU and flood the log."""

    def __init__(self, first=0.5, longest=30.0, steady=10.0):
        self.first, self.longest, self.steady = first, longest, steady
        self.quick = 0

    def delay(self, ran):
        self.quick = self.quick + 1 if ran < self.steady else 1
        return min(self.first * 2 ** (self.quick - 1), self.longest)


class Child:
    """One supervised program, in a process group of its own.

    Its own group means Ctrl+C in the terminal reaches only the supervisor, which stops the
    children in order, and that the browser's helper processes are stopped with it."""

    def __init__(self, name, argv, stop_signal=signal.SIGTERM, stop_timeout=5.0, env=None,
                 log_path=None):
        self.name, self.argv, self.env, self.log_path = name, argv, env, log_path
        self.stop_signal, self.stop_timeout = stop_signal, stop_timeout
        self.backoff = Backoff()
        self.proc = None
        self.started = 0.0
        self.due = 0.0  # time.monotonic() at which it may be started (again)

    def start(self):
        out = None
        if self.log_path:
            try:
                out = open(self.log_path, "wb")  # noqa: SIM115
            except OSError as exc:  # a read-only data folder: the program still starts
                log.warning("%s: cannot write its log %s (%s)", self.name, self.log_path,
                            exc.strerror or exc)
        try:
            self.proc = subprocess.Popen(
                self.argv, env=self.env, stdin=subprocess.DEVNULL, stdout=out,
                stderr=subprocess.STDOUT if out else None, **_spawn_options(self.stop_signal))
        finally:
            if out:
                out.close()
        self.started = time.monotonic()
        return self.proc.pid

    def exit_code(self):
        """The exit code once the program has ended, else None."""
        return None if self.proc is None else self.proc.poll()

    def reap(self):
        """Forget an ended program, after stopping whatever it left behind in its group."""
        self._signal(kill=True)
        self.proc = None

    def stop(self):
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self._signal()
            try:
                self.proc.wait(self.stop_timeout)
            except subprocess.TimeoutExpired:
                log.warning("%s did not stop within %.0f s; killing it", self.name,
                            self.stop_timeout)
                self._signal(kill=True)
                self.proc.wait()
        self.reap()

    def _signal(self, kill=False):
        try:
            if POSIX:
                os.killpg(self.proc.pid, signal.SIGKILL if kill else self.stop_signal)
            elif kill:
                self.proc.kill()
            elif self.stop_signal == signal.SIGINT:
                _windows_break(self.proc)
            else:
                self.proc.terminate()
        except (ProcessLookupError, PermissionError):
            pass  # the whole group has already gone


def _windows_break(proc):
    # terminate() is TerminateProcess: `kiosk run` would end without its SIGBREAK handler
    # and lose the buffered stats. Ctrl+Break reaches the child's own process group
    # (CREATE_NEW_PROCESS_GROUP, which also blocks Ctrl+C); stop() kills it after its
    # stop_timeout. A supervisor without a console cannot send it: terminate then.
    try:
        proc.send_signal(signal.CTRL_BREAK_EVENT)
    except OSError:
        proc.terminate()


def _spawn_options(stop_signal):
    if not POSIX:
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    prctl = _linux_prctl()

    def in_child():
        # A shell may have started the supervisor with Ctrl+C ignored, and children inherit
        # that: the server would then ignore the SIGINT meant to stop it cleanly.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if prctl is not None:
            # If the supervisor itself is killed, the children follow instead of lingering.
            prctl(PR_SET_PDEATHSIG, int(stop_signal))

    return {"start_new_session": True, "preexec_fn": in_child}


def _linux_prctl():
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return None


def describe_exit(code):
    if POSIX and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


def answers(url, timeout=5.0):
    """Whether the kiosk answers ``url`` with a 200; never through a proxy. The first request
    after a start may wait for the search index check: give it time rather than ask again."""
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


class Supervisor:
    """Starts the server, then (once it answers ``health_url``) the browser; starts either
    again when it ends; stops both on Ctrl+C, SIGTERM, SIGHUP or the stop file."""

    def __init__(self, server, browser, health_url, stop_file=None, before_browser=None,
                 poll=0.2):
        self.server, self.browser = server, browser
        self.health_url, self.stop_file = health_url, stop_file
        self.before_browser = before_browser
        self.poll = poll
        self.stop_reason = None
        self.server_ready = False
        self.server_answered = False  # at least once since the launcher started
        self.slow_warned = False

    def request_stop(self, reason):
        if self.stop_reason is None:
            self.stop_reason = reason

    def run(self):
        previous = self._catch_signals()
        try:
            while self.stop_reason is None:
                self.step(time.monotonic())
                if self.stop_file is not None and self.stop_file.exists():
                    self.request_stop("kiosk stop")
                    break
                time.sleep(self.poll)
            log.info("stopping (%s): the browser, then the server", self.stop_reason)
        finally:
            if self.browser is not None:
                self.browser.stop()
            self.server.stop()
            for signum, handler in previous.items():
                signal.signal(signum, handler)
        log.info("stopped")

    def step(self, now):
        server, browser = self.server, self.browser
        if self._ended(server, now, "server"):
            self.server_ready = False
        if server.proc is None and now >= server.due:
            self._start(server, now)
        if server.proc is not None and not self.server_ready:
            self._await_server(now)
        if browser is None:
            return
        self._ended(browser, now, "browser")
        if browser.proc is None and self.server_ready and now >= browser.due:
            if self.before_browser is not None:
                try:
                    self.before_browser()
                except OSError as exc:  # a read-only profile still lets the kiosk start
                    log.warning("could not prepare the browser profile: %s", exc)
            self._start(browser, now)

    def _ended(self, child, now, what):
        code = child.exit_code()
        if code is None:
            return False
        ran = now - child.started
        child.reap()
        delay = child.backoff.delay(ran)
        child.due = now + delay
        log.warning("%s ended (%s) after %.1f s; starting it again in %g s",
                    what, describe_exit(code), ran, delay)
        return True

    def _start(self, child, now):
        try:
            pid = child.start()
        except OSError as exc:
            delay = child.backoff.delay(0)
            child.due = now + delay
            log.error("could not start the %s (%s): %s; trying again in %g s",
                      child.name, child.argv[0], exc, delay)
            return
        if child is self.server:
            self.slow_warned = False
        log.info("%s started (pid %d)", child.name, pid)

    def _await_server(self, now):
        if answers(self.health_url):
            self.server_ready = True
            if self.server_answered and self.browser is not None:
                log.info("server answers again at %s; the browser's page finds it there",
                         self.health_url)
            else:
                log.info("server answers at %s", self.health_url)
            self.server_answered = True
        elif not self.slow_warned and now - self.server.started > SLOW_START_SECONDS:
            self.slow_warned = True
            log.warning("server started %.0f s ago and does not answer %s yet; waiting",
                        now - self.server.started, self.health_url)

    def _catch_signals(self):
        names = {signal.SIGINT: "Ctrl+C", signal.SIGTERM: "SIGTERM"}
        if POSIX:
            names[signal.SIGHUP] = "SIGHUP"  # the terminal it ran in was closed
        else:
            names[signal.SIGBREAK] = "Ctrl+Break"

        def on_signal(signum, frame):
            self.request_stop(names.get(signum, f"signal {signum}"))

        return {signum: signal.signal(signum, on_signal) for signum in names}
