"""eSpeak NG through ctypes: the wheel `espeakng-loader` first, else a system libespeak-ng.

eSpeak is one process-wide synthesiser and not thread-safe: every use goes through one lock.
"""

import contextlib
import ctypes
import ctypes.util
import logging
import os
import platform
import threading
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

AUDIO_OUTPUT_SYNCHRONOUS = 2
INITIALIZE_DONT_EXIT = 0x8000  # without it eSpeak ends the whole process when data is missing
CHARS_UTF8 = 1
PARAMETER_RATE = 1
# Words a minute: a little slower than eSpeak's 175, for villagers who listen carefully.
RATE = 160
VOICES = {"id": "id", "en": "en"}
HOW_TO_INSTALL = ("pip install espeakng-loader (it brings eSpeak NG for Linux and Windows), "
                  "or install eSpeak NG (Debian: apt-get install espeak-ng; Windows: the "
                  "installer from github.com/espeak-ng/espeak-ng/releases) and set "
                  "SPEECH_LIBRARY to its libespeak-ng")
# Where the Windows installer puts the library; ctypes.util.find_library only looks on PATH.
WINDOWS_PLACES = (r"C:\Program Files\eSpeak NG\libespeak-ng.dll",
                  r"C:\Program Files (x86)\eSpeak NG\libespeak-ng.dll")


class EngineMissing(Exception):
    """eSpeak NG cannot be loaded; the message says why (the start log shows it once)."""


class SpeechFailed(RuntimeError):
    """eSpeak NG refused a sentence: no clip is made (never a silent one in its place)."""


class _Event(ctypes.Structure):
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_int * 2)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))


def candidates(setting):
    """[(library path, data folder or None)] to try, in order, for SPEECH_LIBRARY ``setting``:
    a path given wins alone; empty tries the wheel, then the system's library."""
    if setting:
        return [(full_path(str(setting)), None)]
    found = []
    try:
        import espeakng_loader
    except ImportError:
        pass
    else:
        with contextlib.suppress(RuntimeError):  # the wheel's data folder is missing
            found.append((espeakng_loader.get_library_path(), espeakng_loader.get_data_path()))
    system = ctypes.util.find_library("espeak-ng") or ctypes.util.find_library("libespeak-ng")
    if system:
        found.append((full_path(system), None))
    if platform.system() == "Windows":
        found.extend((place, None) for place in WINDOWS_PLACES if os.path.isfile(place))
    return found


def full_path(library):
    """The file of a library named without a folder ('libespeak-ng.so.1', as find_library
    answers on Linux). By name alone, dlopen hands back any library already loaded with that
    name (the wheel's has the same one), whose voice data lives elsewhere."""
    if os.sep in library or "/" in library:
        return library
    folders = [*os.environ.get("LD_LIBRARY_PATH", "").split(os.pathsep),
               f"/usr/lib/{platform.machine()}-linux-gnu", f"/lib/{platform.machine()}-linux-gnu",
               "/usr/lib64", "/usr/lib", "/usr/local/lib", "/lib64", "/lib"]
    for folder in filter(None, folders):
        if (Path(folder) / library).is_file():
            return str(Path(folder) / library)
    return library


class Engine:
    """One loaded libespeak-ng. ``synth(text, lang)`` gives 16-bit samples at ``rate`` Hz."""

    def __init__(self, library, data=None):
        self.library, self.data = library, data
        try:
            lib = ctypes.CDLL(library)
        except OSError as exc:
            raise EngineMissing(f"cannot load {library} ({exc})") from None
        try:
            lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p,
                                              ctypes.c_int]
            lib.espeak_Info.restype = ctypes.c_char_p
            lib.espeak_Info.argtypes = [ctypes.POINTER(ctypes.c_char_p)]
            lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
            lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
            lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint,
                                         ctypes.c_int, ctypes.c_uint, ctypes.c_uint,
                                         ctypes.c_void_p, ctypes.c_void_p]
            lib.espeak_Synth.restype = ctypes.c_int  # espeak_ERROR: 0 is EE_OK
            lib.espeak_SetSynthCallback.argtypes = [_CALLBACK]
        except AttributeError as exc:
            raise EngineMissing(f"{library} is not eSpeak NG ({exc})") from None
        folder = os.fsencode(data) if data else None
        self.rate = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, 0, folder,
                                          INITIALIZE_DONT_EXIT)
        if self.rate <= 0:
            raise EngineMissing(f"{library} found no voice data (espeak_Initialize "
                                f"returned {self.rate})")
        self.version = (lib.espeak_Info(None) or b"?").decode("ascii", "replace")
        self._lib = lib
        self._chunks = []
        self._callback = _CALLBACK(self._receive)  # kept: eSpeak calls it for every chunk
        lib.espeak_SetSynthCallback(self._callback)
        self._lock = threading.Lock()
        self._voice = None
        for lang, voice in VOICES.items():
            if lib.espeak_SetVoiceByName(voice.encode()) != 0:
                raise EngineMissing(f"{library} has no {lang!r} voice")
        lib.espeak_SetParameter(PARAMETER_RATE, RATE, 0)

    @property
    def name(self):
        """What the clip keys hold: a new eSpeak version renders everything again."""
        return f"espeak-ng {self.version} rate {RATE}"

    def _receive(self, wav, count, events):
        if wav and count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, shape=(count,)).copy())
        return 0

    def synth(self, text, lang):
        """The samples (int16) of ``text`` said with the voice for ``lang``."""
        raw = text.encode("utf-8")
        with self._lock:
            if self._voice != lang:
                self._voice = None  # until the voice is known to be set
                failed = self._lib.espeak_SetVoiceByName(VOICES.get(lang, lang).encode())
                if failed:
                    raise SpeechFailed(f"eSpeak NG has no voice {lang!r} (error {failed})")
                self._lib.espeak_SetParameter(PARAMETER_RATE, RATE, 0)
                self._voice = lang
            self._chunks = []
            failed = self._lib.espeak_Synth(raw, len(raw) + 1, 0, 0, 0, CHARS_UTF8, None, None)
            self._lib.espeak_Synchronize()
            chunks, self._chunks = self._chunks, []
        if failed:
            # A clip of silence would be kept for good under its key: better none, made again
            # at the next look.
            raise SpeechFailed(f"eSpeak NG could not say {text[:60]!r} (error {failed})")
        if not chunks:
            return np.zeros(0, dtype=np.int16)
        return np.concatenate(chunks)


# eSpeak's state is the process's, not an app's: each library is loaded and initialised once
# per process, and every app (tests build hundreds) shares it and its lock.
_LOADED = {}
_LOADING = threading.Lock()


def load(setting=""):
    """The first eSpeak NG that loads for SPEECH_LIBRARY ``setting``, or EngineMissing."""
    tried = []
    for library, data in candidates(setting):
        with _LOADING:
            try:
                if (library, data) not in _LOADED:
                    _LOADED[(library, data)] = Engine(library, data)
                return _LOADED[(library, data)]
            except EngineMissing as exc:
                tried.append(str(exc))
    if not tried:
        raise EngineMissing("eSpeak NG is not installed")
    raise EngineMissing("; ".join(tried))


def describe(library):
    """How the start log names the library: the wheel, or the file."""
    return "the espeakng-loader wheel" if "espeakng_loader" in Path(library).parts \
        else library
