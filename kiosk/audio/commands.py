"""`kiosk audio build` and `kiosk audio status`: make every clip still missing (on every core
that helps), remove the ones no page reads any more, and say how far along the kiosk is.

Workers are separate processes: eSpeak is one synthesiser per process.
"""

import multiprocessing
import os
import time

import click
from flask import current_app
from flask.cli import AppGroup

from .engine import SpeechFailed

group = AppGroup("audio", help="Make and count the read-aloud clips (eSpeak NG).")

# Below this many clips a second process costs more to start than it saves.
POOL_FROM = 40
_WORKER = {}  # in a worker process: its own engine and clip folder (see _start_worker)


def _start_worker(library, data, folder):
    from .engine import Engine

    # One engine per worker process, loaded once: the process is the worker's only state.
    _WORKER.update(engine=Engine(library, data), folder=folder)


def _render_one(job):
    from .clips import render

    key, lang, said = job
    meta = render(_WORKER["engine"], _WORKER["folder"], key, lang, said)
    return meta["duration"]


def build(speech, workers=None, progress=None):
    """Render every missing clip and prune unused ones; returns a summary dict.

    ``progress(done)`` is called after each clip.
    """
    from .clips import render

    started, began = time.monotonic(), time.time()
    jobs = speech.jobs()
    missing = [(key, lang, said) for key, (lang, said) in jobs.items()
               if not speech.store.has(key)]
    workers = workers or min(2, os.cpu_count() or 1)
    seconds = 0.0
    if len(missing) >= POOL_FROM and workers > 1:
        engine = speech.engine
        context = multiprocessing.get_context("spawn")  # the same on Windows and Linux
        with context.Pool(workers, _start_worker,
                          (engine.library, engine.data, str(speech.store.folder))) as pool:
            # Longest first, so no worker is left with a long clip at the end.
            missing.sort(key=lambda job: -sum(len(s) for s in job[2]))
            for done, duration in enumerate(pool.imap_unordered(_render_one, missing, 4), 1):
                seconds += duration
                if progress:
                    progress(done)
    else:
        for done, (key, lang, said) in enumerate(missing, 1):
            seconds += render(speech.engine, speech.store.folder, key, lang, said)["duration"]
            if progress:
                progress(done)
    # A lesson whose front matter broke is missing from ``jobs`` for a while: its clips stay.
    # Clips newer than this build are a running kiosk's, for an edit made meanwhile.
    errors = len(speech.content_errors())
    removed = 0 if errors else speech.store.prune(set(jobs), before=began)
    return {"clips": len(jobs), "made": len(missing), "removed": removed, "errors": errors,
            "speech_seconds": seconds, "seconds": time.monotonic() - started,
            "bytes": speech.store.size()}


def _speech_or_fail():
    speech = current_app.extensions["audio"]
    if speech.engine is None:
        raise click.ClickException(speech.trouble)
    return speech


@group.command("build")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes that render at once (default: up to 2, one per core).")
def build_command(workers):
    """Make every read-aloud clip still missing, in both languages; remove unused ones."""
    speech = _speech_or_fail()
    missing = len(speech.missing())
    click.echo(speech.describe())
    with click.progressbar(length=missing, label=f"Making {missing} clips", show_eta=True,
                           show_pos=True, item_show_func=None) as bar:
        last = [0]

        def progress(done):
            bar.update(done - last[0])
            last[0] = done

        try:
            summary = build(speech, workers, progress)
        except SpeechFailed as exc:  # the clips made so far are kept: a new build goes on
            raise click.ClickException(str(exc)) from None
    click.echo(f"{summary['clips']} clips: {summary['made']} made "
               f"({summary['speech_seconds'] / 60:.1f} minutes of speech) in "
               f"{summary['seconds']:.1f} s, " + (
                   f"none removed: the content has {summary['errors']} errors "
                   f"(`kiosk content check`)" if summary["errors"] else
                   f"{summary['removed']} unused removed") + "; "
               f"{summary['bytes'] / 1024 / 1024:.1f} MB in {speech.store.folder}")


@group.command("status")
def status_command():
    """Say whether read-aloud works, and how many clips are made and missing."""
    speech = current_app.extensions["audio"]
    click.echo(speech.describe())
    jobs = speech.jobs()
    made = sum(1 for key in jobs if speech.store.has(key))
    unused = len(speech.store.keys() - set(jobs))
    click.echo(f"{made} of {len(jobs)} clips made, {len(jobs) - made} missing, {unused} "
               f"unused; {speech.store.size() / 1024 / 1024:.1f} MB in {speech.store.folder}")
    recordings = [f"{lang.name}/{p.name}" for lang in sorted(speech.recordings.root.glob("*"))
                  if lang.is_dir() for p in speech.recordings.files(lang.name)]
    click.echo(f"{len(recordings)} recordings" + (f": {', '.join(recordings)}"
                                                 if recordings else ""))
