"""Read-aloud: `kiosk audio build` of all bundled content (both languages, every page), one
changed lesson rendered again, and the size of the clips per minute of speech.

Run from the repository root: python bench/audio_bench.py [--workers 2]
(numbers in docs/PERFORMANCE.md). Works on a copy of content/ and quizzes/ in a temp folder.
Besides wall time it reports CPU seconds (this process and its workers), which a busy machine
does not inflate: on an idle 2-core PC the build takes about CPU / 2.
"""

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import create_app  # noqa: E402
from kiosk.audio import clips, commands  # noqa: E402


def cpu():
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def kiosk(folder):
    return create_app({"TESTING": True, "CONTENT_DIR": str(folder / "content"),
                       "QUIZ_DIR": str(folder / "quizzes"), "DATA_DIR": str(folder / "data")})


def full_build(app, workers):
    speech = app.extensions["audio"]
    print(speech.describe())
    wall, used = time.perf_counter(), cpu()
    summary = commands.build(speech, workers)
    wall, used = time.perf_counter() - wall, cpu() - used
    minutes = summary["speech_seconds"] / 60
    print(f"full build: {summary['clips']} clips ({summary['made']} made), "
          f"{minutes:.1f} minutes of speech")
    print(f"  wall {wall:.1f} s with {workers} workers; CPU {used:.1f} s "
          f"(idle 2-core estimate: {used / 2:.1f} s)")
    kb = summary["bytes"] / 1024
    print(f"  size {kb / 1024:.1f} MB: {kb / minutes:.0f} KB per minute of speech "
          f"(Ogg Opus {clips.RATE} Hz, compression {clips.COMPRESSION})")
    return speech


def one_lesson(app, speech, folder):
    """An editor changes one paragraph; then the worst case, every clip of the longest lesson
    (as when the lexicon changes a word it uses everywhere)."""
    library = app.extensions["library"]
    longest = max(library.shelf.lessons.values(), key=lambda ls: ls.words)
    path = folder / "content" / longest.lang / f"{longest.slug}.md"
    text = path.read_text(encoding="utf-8")
    paragraph = next(line for line in text.split("\n")[longest.body_line:]
                     if len(line) > 80 and not line.startswith(("#", "|", "-", ":")))
    path.write_text(text.replace(paragraph, paragraph + " Ingat ini baik-baik."), "utf-8")
    app.extensions["watcher"].tick()
    for label, drop in (("one paragraph changed", False), ("whole lesson", True)):
        _, blocks = speech.blocks("lesson", longest.lang, slug=longest.slug)
        jobs = speech.jobs(blocks)
        if drop:
            for key in jobs:
                for suffix in (".ogg", ".json"):
                    (speech.store.folder / f"{key}{suffix}").unlink(missing_ok=True)
            speech.store._meta.clear()
        wall, used = time.perf_counter(), cpu()
        made = seconds = 0
        for key, (lang, said) in jobs.items():
            if not speech.store.has(key):
                seconds += clips.render(speech.engine, speech.store.folder, key, lang,
                                        said)["duration"]
                made += 1
        wall, used = time.perf_counter() - wall, cpu() - used
        print(f"{label} ({longest.path}, {longest.words} words): {made} of {len(jobs)} clips, "
              f"{seconds:.0f} s of speech, wall {wall:.2f} s, CPU {used:.2f} s")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(ROOT / "content", folder / "content")
        shutil.copytree(ROOT / "quizzes", folder / "quizzes")
        app = kiosk(folder)
        speech = full_build(app, args.workers)
        one_lesson(app, speech, folder)
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
