"""The immigration office a kiosk belongs to: whether one is set up yet, and `kiosk setup`,
which asks for it and writes it into instance/kiosk.cfg.

`kiosk setup` needs no running kiosk: it works on a first start and when the kiosk cannot
start; a file it cannot rewrite safely is named with its line, and nothing is written.
"""

import ast
import sys
from pathlib import Path

import click

from . import files
from .setting_kinds import dialable
from .settings import BY_NAME, problem

# What `kiosk setup` asks, in order: (setting, question, required).
QUESTIONS = (
    ("KIOSK_NAME", "Kiosk's name (the village, shown in the top bar)", False),
    ("OFFICE_NAME", "Immigration office's name", True),
    ("OFFICE_PHONE", "Office's phone number", True),
    ("OFFICE_ADDRESS", "Office's address", False),
)
PHONES = ("OFFICE_PHONE", "PIMPASA_PHONE")
NOT_SET = ("no office is set up: the Lapor screen shows only the national numbers. "
           "Run `kiosk setup` to add the immigration office")


def office_is_set(config):
    """True once the kiosk knows its own office (anything beyond the generic name)."""
    name = config.get("OFFICE_NAME", "").strip()
    return bool(config.get("OFFICE_PHONE", "").strip()
                or config.get("OFFICE_ADDRESS", "").strip()
                or name not in ("", BY_NAME["OFFICE_NAME"].default))


def undialable(config):
    """Start-log lines for the office's phone settings no phone can dial as written."""
    return [f"{problem(BY_NAME[name], config[name], {})}: villagers see it without a dial "
            "link. Run `kiosk setup` to write one number"
            for name in PHONES if config.get(name, "").strip() and not dialable(config[name])]


def instance_config():
    """instance/kiosk.cfg, the file create_app reads first."""
    from . import PROJECT_ROOT  # the package is fully imported by the time a command runs

    return PROJECT_ROOT / "instance" / "kiosk.cfg"


# -- reading and writing kiosk.cfg -----------------------------------------------------


def _source(path):
    """The file's text ("" if there is none), or a ClickException naming the line it trips
    on: `setup` never guesses around a file it cannot read, and writes nothing then."""
    try:
        # utf-8-sig: Notepad's byte-order mark, which Flask reads past too.
        source = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return ""
    except UnicodeDecodeError as exc:
        line = Path(path).read_bytes()[:exc.start].count(b"\n") + 1
        raise click.ClickException(f"{path}:{line}: not UTF-8 text; save it as UTF-8 and run "
                                   "`kiosk setup` again. Nothing was written") from None
    try:
        ast.parse(source)
    except SyntaxError as exc:
        raise click.ClickException(f"{path}:{exc.lineno}: {exc.msg}; fix that line (Python "
                                   "syntax) and run `kiosk setup` again. Nothing was "
                                   "written") from None
    return source


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
    return {name: value for name, (_, _, value) in _assignments(_source(path)).items()
            if isinstance(value, str)}


def write_values(path, values):
    """Set ``values`` in the config file at ``path``, atomically; every other line stays as
    it was (comments, other settings, lists)."""
    path = Path(path)
    source = _source(path)
    lines = source.splitlines()
    places = _assignments(source)
    _alone_on_their_lines(path, source, [name for name in values if name in places])
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


def _alone_on_their_lines(path, source, names):
    """Refuse to rewrite a line that holds another statement too (`X = 1; OFFICE_NAME = …`):
    replacing the line would drop X."""
    spans = [(node.lineno, node.end_lineno, node) for node in ast.parse(source).body]
    for first, last, node in spans:
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id in names):
            continue
        if any(other is not node and o_first <= last and first <= o_last
               for o_first, o_last, other in spans):
            name = node.targets[0].id
            raise click.ClickException(f"{path}:{first}: {name} shares its line with another "
                                       f"setting; put {name} on a line of its own and run "
                                       "`kiosk setup` again. Nothing was written")


# -- the command ------------------------------------------------------------------------


def _check(name, value):
    setting = BY_NAME[name]
    strict = getattr(setting.kind, "dialable", None)  # setup asks for a number to dial
    if not setting.kind.accepts(value, {}) or (strict and not strict(value)):
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
    current = read_values(path)  # a file it cannot read stops it here, before any question
    _alone_on_their_lines(path, _source(path), [name for name, _, _ in QUESTIONS])
    answers = {name: _ask(name, question, required, current.get(name), stdin)
               for name, question, required in QUESTIONS}
    write_values(path, answers)
    click.echo(f"Wrote {path}. Restart the kiosk to show the office on the Lapor screen.")
