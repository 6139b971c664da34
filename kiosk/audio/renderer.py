"""The background renderer: a thread that makes the clips still missing, after the kiosk
starts and after the content watcher reloads an edit. Pages never wait for it.

Started only with the content watcher (`kiosk run`, a live test server), never by create_app.
"""

import contextlib
import logging
import os
import threading

from . import clips

log = logging.getLogger(__name__)

# A long clip takes a few seconds; more than this is eSpeak stuck, not the clip.
STOP_SECONDS = 30


class Renderer:
    """``wake()`` asks for a look; the thread renders what is missing, one clip at a time."""

    def __init__(self, app, speech):
        self.app = app
        self.speech = speech
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = None
        self._first = {}  # {key: job} a page asked for: rendered before the rest
        self._asking = threading.Lock()  # pages add to _first while the thread takes it
        self.rendered = 0  # clips made since start, for `kiosk audio status`-like questions
        self.pending = 0  # clips still missing at the last look
        self.idle = threading.Event()  # set whenever a look found nothing left to do

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def start(self):
        if self.running or self.speech.engine is None:
            return self
        self._stop.clear()
        self.idle.clear()
        self._wake.set()  # first look at once: what a new install or an update needs
        self._thread = threading.Thread(target=self._run, name="audio-renderer", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout=STOP_SECONDS):
        """Stop after the clip being made (seconds at most); the thread is a daemon, so a
        clip stuck in eSpeak delays the kiosk's exit by ``timeout``, never for good."""
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            if self._thread.is_alive():
                log.warning("the audio renderer did not stop within %d s; leaving it",
                            timeout)
            self._thread = None

    def wake(self, first=None):
        if first:
            with self._asking:
                self._first.update(first)
        self.idle.clear()
        self._wake.set()

    def _run(self):
        # Below the web server's threads, where the OS allows one thread its own priority
        # (Linux): the kiosk's pages stay quick while a new install is being read aloud.
        with contextlib.suppress(AttributeError, OSError):
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        while not self._stop.is_set():
            self._wake.wait()
            self._wake.clear()
            if self._stop.is_set():
                return
            try:
                self.render_missing()
            except OSError as exc:  # a full or read-only data folder: the kiosk serves on
                log.warning("read-aloud clips cannot be written (%s); they are made at the "
                            "next change", exc)
            except Exception:  # one bad moment must not end read-aloud until a restart
                log.exception("the audio renderer failed; it tries again at the next change")
            if not self._wake.is_set():
                self.idle.set()

    def render_missing(self):
        """Render every clip not made yet; returns how many were made."""
        speech = self.speech
        with self._asking:
            first, self._first = self._first, {}
        missing = {**first, **speech.missing()}  # a dict keeps the asked-for ones in front
        self.pending = len(missing)
        made = 0
        for key, (lang, said) in missing.items():
            if self._stop.is_set():
                break
            if self._first and key not in first:  # a page asked meanwhile: that first
                self._wake.set()
                break
            if speech.store.has(key):  # `kiosk audio build` may run beside the kiosk
                continue
            clips.render(speech.engine, speech.store.folder, key, lang, said)
            made += 1
            self.rendered += 1
            self.pending -= 1
        if made:
            log.info("read-aloud: %d clips made", made)
        return made
