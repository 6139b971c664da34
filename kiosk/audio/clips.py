"""Clips: one block's sentences said by eSpeak, joined with short pauses, encoded as Ogg Opus,
kept in DATA_DIR/audio/<key>.ogg with <key>.json (duration, the start of each sentence).

The key is a hash of what is said, the voice and the engine, so a clip never changes.
"""

import hashlib
import io
import json
import math
import re
import time
from pathlib import Path

import numpy as np

from ..files import atomic_write

# Opus takes 8, 12, 16, 24 or 48 kHz. At 12 kHz (6 kHz of voice, above a telephone's 3.4)
# libsndfile's Opus encodes 3.4 times faster than at 16 kHz, which keeps `kiosk audio build`
# of all bundled content near a minute on two cores (docs/PERFORMANCE.md).
RATE = 12_000
# libsndfile maps compression 0..1 to Opus' bitrate, high to low: 0.95 is ~19 kbit/s, ~144 KB
# a minute of speech, under the 150 KB target; just above it the encoder takes twice as long.
COMPRESSION = 0.953
FORMAT = f"ogg-opus {RATE} {COMPRESSION} v1"  # in every key: a new format renders again
LEAD, GAP, TAIL = 0.05, 0.35, 0.25  # seconds of silence before, between and after sentences
QUIET = 300  # int16 amplitude below which eSpeak's own lead-in and trail count as silence
NAME = re.compile(r"^([0-9a-f]{32})\.ogg$")


def clip_key(said, voice, engine):
    """The clip's name: a hash of the spoken sentences, the voice, the engine and format."""
    data = json.dumps([FORMAT, engine, voice, list(said)], ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]


def resample(samples, rate, to=RATE):
    """``samples`` (float) from ``rate`` to ``to`` Hz in the frequency domain, which drops
    what lies above the new Nyquist frequency instead of folding it back as hiss."""
    if rate == to or not len(samples):
        return samples.astype(np.float32)
    common = math.gcd(rate, to)
    step_in, step_out = rate // common, to // common  # 22,050 -> 12,000: 147 -> 80
    # Padded with silence to a length the FFT is quick at, and that maps to whole samples.
    blocks = _smooth(-(-len(samples) // step_in))
    padded = np.zeros(blocks * step_in, np.float64)
    padded[:len(samples)] = samples
    spectrum = np.fft.rfft(padded)[:blocks * step_out // 2 + 1]
    out = np.fft.irfft(spectrum, blocks * step_out) * (step_out / step_in)
    return out[:int(round(len(samples) * to / rate))].astype(np.float32)


def _smooth(n):
    """The least number >= n with no prime factor above 5."""
    while True:
        m = n
        for p in (2, 3, 5):
            while m % p == 0:
                m //= p
        if m == 1:
            return n
        n += 1


def _trimmed(samples, keep=660):
    """eSpeak's own silence before and after a sentence cut away, but ``keep`` samples
    (30 ms at 22,050 Hz) on either side, so a soft first or last sound is never clipped."""
    loud = np.flatnonzero(np.abs(samples) > QUIET)
    if not len(loud):
        return samples[:0]
    return samples[max(0, loud[0] - keep):loud[-1] + 1 + keep]


def say(engine, lang, said):
    """(float samples at RATE, [start seconds of each sentence]) for sentences ``said``."""
    pieces, starts, at = [np.zeros(int(LEAD * RATE), np.float32)], [], int(LEAD * RATE)
    gap = np.zeros(int(GAP * RATE), np.float32)
    for index, sentence in enumerate(said):
        if index:
            pieces.append(gap)
            at += len(gap)
        starts.append(round(at / RATE, 3))
        voiced = _trimmed(engine.synth(sentence, lang)) if sentence.strip() else []
        sound = resample(np.asarray(voiced, np.float32) / 32768.0, engine.rate)
        pieces.append(sound)
        at += len(sound)
    pieces.append(np.zeros(int(TAIL * RATE), np.float32))
    return np.concatenate(pieces), starts


def encode(samples):
    """Ogg Opus bytes of mono float samples at RATE."""
    import soundfile  # loaded on first use: a kiosk without read-aloud never needs it

    out = io.BytesIO()
    soundfile.write(out, np.clip(samples, -1.0, 1.0), RATE, format="OGG", subtype="OPUS",
                    compression_level=COMPRESSION)
    return out.getvalue()


def render(engine, folder, key, lang, said):
    """Say, encode and store one clip; returns its description (what <key>.json holds).

    The .json is written after the .ogg: a clip counts as there only when both are.
    """
    samples, starts = say(engine, lang, said)
    meta = {"duration": round(len(samples) / RATE, 3), "starts": starts}
    folder = Path(folder)
    atomic_write(folder / f"{key}.ogg", encode(samples))
    atomic_write(folder / f"{key}.json", json.dumps(meta))
    return meta


class ClipStore:
    """The clips in one folder; what each .json says is kept in memory once read (a clip
    never changes under its key), but the .ogg is looked for on every ask (one stat): a
    build's prune beside the kiosk, or someone freeing disk, may remove it at any time."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self._meta = {}

    def meta(self, key):
        found = self._meta.get(key)
        if found is None:
            try:
                found = json.loads((self.folder / f"{key}.json").read_text("utf-8"))
            except (OSError, ValueError):
                return None
        if not (self.folder / f"{key}.ogg").is_file():
            self.forget(key)
            return None
        self._meta[key] = found
        return found

    def has(self, key):
        return self.meta(key) is not None

    def forget(self, key):
        """Drop what is remembered of a clip found gone: it is missing until made again."""
        self._meta.pop(key, None)

    def path(self, name):
        """The file for a clip name '<key>.ogg' (32 hex digits), or None."""
        found = NAME.match(str(name))
        if not found or not self.has(found.group(1)):
            return None
        return self.folder / name

    def keys(self):
        if not self.folder.is_dir():
            return set()
        return {p.stem for p in self.folder.glob("*.json") if NAME.match(f"{p.stem}.ogg")}

    def size(self):
        if not self.folder.is_dir():
            return 0
        return sum(p.stat().st_size for p in self.folder.glob("*.ogg"))

    def prune(self, keep, before=None):
        """Remove clips whose key is not in ``keep`` (and leftovers of a cut write); with
        ``before`` (a time.time()), only files older: a running kiosk's renderer may have
        made newer ones, for an edit the caller's ``keep`` does not know of yet."""
        removed = 0
        if not self.folder.is_dir():
            return 0
        for path in self.folder.iterdir():
            stem = path.name.split(".")[0] if not path.name.startswith(".") else None
            try:
                changed = path.stat().st_mtime
            except OSError:  # removed meanwhile, by the kiosk's renderer or another build
                continue
            if path.name.startswith(".") and path.name.endswith(".tmp"):
                # A write a power cut interrupted; a fresh one may be another process's.
                if time.time() - changed > 600:
                    path.unlink(missing_ok=True)
            elif stem and NAME.match(f"{stem}.ogg") and stem not in keep:
                if before is not None and changed >= before:
                    continue
                removed += path.suffix == ".ogg"
                path.unlink(missing_ok=True)
                self.forget(stem)
        return removed
