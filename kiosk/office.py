"""The immigration office a kiosk belongs to: whether one is set up yet, and `kiosk setup`,
which asks for it and writes it into instance/kiosk.cfg.

`kiosk setup` needs no running kiosk: it works on a first start and beside a broken file.
"""

import ast
import sys
from pathlib import Path

import click

from . import files
from .settings import BY_NAME, problem

# What `kiosk setup` asks, in order: (setting, question, required).
QUESTIONS = (
    ("KIOSK_NAME", "Kiosk's name (the village, shown in the top bar)", False),
    ("OFFICE_NAME", "Immigration office's name", True),
    ("OFFICE_PHONE", "Office's phone number", True),
    ("OFFICE_ADDRESS", "Office's address", False),
)
NOT_SET = ("no office is set up: the Lapor screen shows only the national numbers. "
           "Run `kiosk setup` to add the immigration office")


def office_is_set(config):
    """True once the kiosk knows its own office (anything beyond the generic name)."""
    name = config.get("OFFICE_NAME", "").strip()
    return bool(config.get("OFFICE_PHONE", "").strip()
                or config.get("OFFICE_ADDRESS", "").strip()
                or name not in ("", BY_NAME["OFFICE_NAME"].default))


def instance_config():
    """instance/kiosk.cfg, the file create_app reads first."""
    from . import PROJECT_ROOT  # the package is fully imported by the time a command runs

    return PROJECT_ROOT / "instance" / "kiosk.cfg"


# -- reading and writing kiosk.cfg -----------------------------------------------------


def _assignments(source):
    """{name: (first line, last line, value)} of the file's plain `NAME = "text"` lines."""
    found = {}
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 \
                and isinstance(node.targets[0], ast.Name):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                value = None
            found[node.targets[0].id] = (node.lineno, node.end_lineno, value)
    return found


def read_values(path):
    """The text settings the file holds now ({} if there is no file)."""
    try:
        source = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    return {name: value for name, (_, _, value) in _assignments(source).items()
            if isinstance(value, str)}


def write_values(path, values):
    """Set ``values`` in the config file at ``path``, atomically; every other line stays as
    it was (comments, other settings, lists)."""
    path = Path(path)
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        source = ""
    lines = source.splitlines()
    places = _assignments(source)
    new = []
    # From the bottom up, so the line numbers above stay right.
    for name, (first, last, _) in sorted(places.items(), key=lambda item: -item[1][0]):
        if name in values:
            lines[first - 1:last] = [f"{name} = {values[name]!r}"]
    for name, value in values.items():
        if name not in places:
            new.append(f"{name} = {value!r}")
    if new and not source:
        new.insert(0, "# The kiosk's own settings (written by `kiosk setup`; Python syntax).")
    files.atomic_write(path, "\n".join(lines + new) + "\n")


# -- the command ------------------------------------------------------------------------


def _check(name, value):
    setting = BY_NAME[name]
    if not setting.kind.accepts(value, {}):
        return problem(setting, value, {})
    return None


def _ask(name, question, required, current, stdin):
    """One answer: typed at a terminal (asked again until it is right), or the next line of
    a script's input (a wrong one stops the command, nothing written)."""
    while True:
        if stdin.isatty():
            answer = click.prompt(question, default=current or "", show_default=bool(current))
        else:
            line = stdin.readline()
            if not line:
                raise click.ClickException(f"no answer for {name}; nothing was written")
            answer = line.rstrip("\r\n")
        answer = answer.strip() or current or ""
        wrong = _check(name, answer)
        if required and not answer:
            wrong = f"{name} must not be empty"
        if wrong is None:
            return answer
        if not stdin.isatty():
            raise click.ClickException(f"{wrong}; nothing was written")
        click.echo(wrong, err=True)


@click.command("setup")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path),
              help="Write this file instead of instance/kiosk.cfg.")
def setup_command(path):
    """Ask for the kiosk's name and its immigration office, and write them to
    instance/kiosk.cfg (an empty answer keeps the value shown in brackets)."""
    path = path or instance_config()
    stdin = sys.stdin  # click.get_text_stream is deprecated from Click 8.5
    current = read_values(path)
    answers = {name: _ask(name, question, required, current.get(name), stdin)
               for name, question, required in QUESTIONS}
    write_values(path, answers)
    click.echo(f"Wrote {path}. Restart the kiosk to show the office on the Lapor screen.")
