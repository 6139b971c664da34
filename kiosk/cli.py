"""The `kiosk` command: serve the kiosk and look after it from a terminal.

Each feature module adds its own subcommands to ``app.cli`` in its ``init_app``.
"""

import logging
import signal
import sys
import time

import click
from flask import current_app
from flask.cli import FlaskGroup, with_appcontext

from . import audio, checks, watch
from .errors import KioskError
from .office import NOT_SET, office_is_set, setup_command, undialable


def _create_app():
    from . import create_app

    return create_app()


class KioskGroup(FlaskGroup):
    """Flask's command group without the options an officer never needs (--app, --debug)."""

    def __init__(self, **kwargs):
        super().__init__(create_app=_create_app, add_default_commands=False,
                         add_version_option=False, load_dotenv=False, set_debug_flag=False,
                         **kwargs)
        self.params = [p for p in self.params if p.name not in {"app", "env_file", "debug"}]

    def main(self, *args, **kwargs):
        try:
            return super().main(*args, standalone_mode=False, **kwargs)
        except click.exceptions.Exit as exc:
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.exceptions.Abort:
            click.echo("Dibatalkan.", err=True)
            sys.exit(1)
        except KioskError as exc:
            click.echo(f"kiosk: {exc}", err=True)
            sys.exit(1)


@click.command("run")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; keep 127.0.0.1 unless another PC must reach it.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
@click.option("--fullscreen", is_flag=True,
              help="Also show the kiosk full screen in Chromium, Chrome or Edge, and start "
                   "the server or the browser again whenever either stops.")
@click.option("--lan", is_flag=True,
              help="Also serve phones on the hall's network (a laptop hotspot or a pocket "
                   "router) at this PC's network address; the setting LAN = True does the same.")
@with_appcontext
def run_command(host, port, threads, fullscreen, lan):
    """Serve the kiosk with waitress and print its address."""
    from . import serving

    app = current_app._get_current_object()
    lan = lan or app.config["LAN"]
    if fullscreen:
        from .launcher import run_fullscreen

        return run_fullscreen(app.config, host, port, threads, lan=lan)
    started = time.monotonic()
    library = app.extensions["library"]
    counts = ", ".join(f"{lang}: {n}" for lang, n in library.counts().items())
    click.echo(f"Kios Waspada: {counts} lessons; {len(library.shelf.errors)} content errors.")
    report = checks.run_for_app(app)  # the same checker as `kiosk content check`
    for line in report.lines():
        click.echo(f"  {line}", err=True)
    click.echo(f"  {report.summary()}")
    if not office_is_set(app.config):
        click.echo(f"  Note: {NOT_SET}.", err=True)
    for line in undialable(app.config):
        click.echo(f"  Warning: {line}.", err=True)
    speech = app.extensions["audio"]  # once: why read-aloud is off, and how to turn it on
    click.echo(f"  {speech.describe()}", err=speech.engine is None)
    watch.start(app, report)  # edits on disk go live within seconds, even with nobody around
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    click.echo(f"Serving on http://{shown}:{port}/  (Ctrl+C to stop)")
    where = {"host": host, "port": port}
    if lan:
        where = serve_the_hall(app, host, port) or where
    logging.getLogger("waitress").setLevel(logging.WARNING)
    # fpdf2's font subsetter logs a dozen INFO lines for every booklet it makes.
    logging.getLogger("fontTools").setLevel(logging.WARNING)
    app.logger.debug("ready in %.2f s", time.monotonic() - started)
    stop_like_ctrl_c()
    try:
        serving.serve(app, app.config, **where, threads=threads, ident="kiosk",
                      clear_untrusted_proxy_headers=True)
    finally:
        # The renderer first: a thread still inside libespeak-ng while the interpreter shuts
        # down crashes the process (SIGSEGV) before the stats below are written.
        audio.stop_rendering(app)
        # Counted visits still in memory are written now, not left to the exit hooks.
        if app.extensions.get("stats") is not None:
            app.extensions["stats"].close()


def serve_the_hall(app, host, port):
    """Open the kiosk to phones on the hall's network; waitress' ``listen`` for the screen's
    address and the hall's, or None (no network: the screen only, and the log says so)."""
    from .lan import open_hall

    hall = open_hall(app, port)
    if not hall.addresses:
        click.echo("  Phones: no network address found on this PC (no hotspot or Wi-Fi "
                   "yet?), so only the kiosk's screen is served. Start the hotspot or join "
                   "the hall's Wi-Fi, then start the kiosk again.", err=True)
        return None
    for url in hall.urls:
        click.echo(f"  Phones on the hall's network: {url}")
    click.echo("  Windows may ask whether Python may use the network: allow it on private "
               "networks, or phones cannot reach the kiosk.")
    if host == "0.0.0.0":
        return None  # already listening on every IPv4 address
    # Not "::": waitress sets IPV6_V6ONLY on it, so the hall's IPv4 addresses go unserved.
    return {"listen": hall.listen(host)}


def stop_like_ctrl_c():
    """Make the ways a kiosk is stopped besides Ctrl+C stop it as Ctrl+C does.

    systemd, Docker and `kill` send SIGTERM, a closed terminal SIGHUP; by default each ends
    the process on the spot and the buffered stats are lost. Waitress ends its loop cleanly
    on KeyboardInterrupt. On Windows, closing the console window arrives as SIGBREAK (the C
    runtime turns every console event but Ctrl+C into it), with about 5 s before Windows
    ends the process: enough to write the buffer.
    """
    stopping = []

    def as_ctrl_c(signum, frame):
        # Once: a second signal (a process group signalled twice, an impatient Ctrl+C)
        # must not cut short the shutdown that writes the buffer.
        if not stopping:
            stopping.append(signum)
            raise KeyboardInterrupt

    for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), as_ctrl_c)


def main():
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    cli = KioskGroup(help="Kios Waspada: an offline kiosk against illegal recruitment.")
    cli.add_command(run_command)
    cli.add_command(setup_command)  # works without a kiosk that starts: it fixes one
    cli.main(prog_name="kiosk")
