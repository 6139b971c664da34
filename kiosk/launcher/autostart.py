"""`kiosk autostart`: the file that starts the full-screen kiosk when the officer's account logs in.

Linux: an XDG autostart entry (default) or a systemd user unit; Windows: a Startup-folder script.
"""

import ntpath
import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import KioskError

NAME = "kios-waspada"
LINUX_METHODS = ("desktop", "systemd")
WINDOWS_METHODS = ("startup",)
LABELS = {
    "desktop": "XDG autostart entry",
    "systemd": "systemd user unit",
    "startup": "Startup folder script",
}
UNIT = f"{NAME}.service"
ARGS = ("-m", "kiosk", "run", "--fullscreen")


@dataclass(frozen=True)
class AutostartFile:
    method: str
    path: PurePosixPath | PureWindowsPath
    text: str
    # Left behind by `systemctl --user enable`; removed with the unit.
    extra: tuple = ()

    @property
    def label(self):
        return LABELS[self.method]


def methods(windows):
    return WINDOWS_METHODS if windows else LINUX_METHODS


def plan(method, env, python, workdir, cwd, windows=False):
    """The file ``method`` installs, for a kiosk run by ``python`` in ``workdir`` with the
    KIOSK_* settings found in ``env`` (paths among them made absolute against ``cwd``).
    Pure: the folders come from ``env`` (HOME, XDG_CONFIG_HOME, APPDATA)."""
    if method not in methods(windows):
        raise KioskError(f"autostart method {method!r} is not available here; "
                         f"choose one of {list(methods(windows))}")
    settings = kiosk_settings(env, cwd, windows)
    if method == "startup":
        folder = PureWindowsPath(_need(env, "APPDATA"), "Microsoft", "Windows", "Start Menu",
                                 "Programs", "Startup")
        return AutostartFile(method, folder / f"{NAME}.cmd",
                             startup_script(python, workdir, settings))
    config_home = env.get("XDG_CONFIG_HOME", "")
    base = (PurePosixPath(config_home) if config_home.startswith("/")
            else PurePosixPath(_need(env, "HOME"), ".config"))
    if method == "desktop":
        return AutostartFile(method, base / "autostart" / f"{NAME}.desktop",
                             desktop_entry(python, workdir, settings))
    units = base / "systemd" / "user"
    return AutostartFile(method, units / UNIT, systemd_unit(python, workdir, settings),
                         extra=(units / "graphical-session.target.wants" / UNIT,))


def kiosk_settings(env, cwd, windows=False):
    """The KIOSK_* variables to carry into the autostarted kiosk, sorted, with relative
    folders and files made absolute: the autostarted kiosk starts elsewhere."""
    join = ntpath.join if windows else os.path.join
    settings = []
    for key in sorted(env):
        if not key.startswith("KIOSK_") or key == "KIOSK_FULLSCREEN":
            continue
        value = env[key]
        if "\n" in value or "\r" in value or '"' in value:
            raise KioskError(f"{key} cannot be carried into autostart: its value has a line "
                             f"break or a double quote; put the setting in instance/kiosk.cfg")
        absolute = ntpath.isabs(value) if windows else value.startswith("/")
        # A folder or file setting is a path; KIOSK_BROWSER only when it is not a bare name
        # looked up on PATH.
        path = key.endswith("_DIR") or key == "KIOSK_CONFIG" or (
            key == "KIOSK_BROWSER" and ("/" in value or (windows and "\\" in value)))
        if path and value and not absolute:
            value = join(cwd, value)
        settings.append((key, value))
    return settings


def _need(env, key):
    value = env.get(key, "")
    if not value:
        raise KioskError(f"cannot find the folder for autostart: {key} is not set")
    return value


# --- Linux: XDG autostart (~/.config/autostart) -------------------------------------------

# Characters that make an Exec argument need quotes (Desktop Entry Specification, "Exec").
_DESKTOP_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def _desktop_arg(arg):
    if arg == "" or _DESKTOP_RESERVED & set(arg):
        arg = '"' + re.sub(r'(["`$\\])', r"\\\1", arg) + '"'
    # Then the key's own string escapes: a backslash is written twice; % is a field code.
    return arg.replace("\\", "\\\\").replace("%", "%%")


def desktop_entry(python, workdir, settings):
    argv = [python, *ARGS]
    if settings:
        argv = ["env", *(f"{key}={value}" for key, value in settings), *argv]
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Kios Waspada\n"
        "Comment=Starts the full-screen kiosk at login (written by kiosk autostart install)\n"
        f"Exec={' '.join(_desktop_arg(a) for a in argv)}\n"
        f"Path={workdir}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


# --- Linux: systemd user unit (~/.config/systemd/user) ------------------------------------

def _systemd_arg(arg):
    arg = arg.replace("%", "%%").replace("$", "$$")
    if arg == "" or re.search(r"[\s\"'\\;]", arg):
        arg = '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return arg


def _systemd_env(key, value):
    text = f"{key}={value}".replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'Environment="{text}"\n'


def systemd_unit(python, workdir, settings):
    environment = "".join(_systemd_env(key, value) for key, value in settings)
    workdir = str(workdir).replace("%", "%%")
    return (
        "[Unit]\n"
        "Description=Kios Waspada full-screen kiosk\n"
        "# Written by kiosk autostart install. The browser needs the desktop: start with the\n"
        "# graphical session, stop with it.\n"
        "After=graphical-session.target\n"
        "PartOf=graphical-session.target\n"
        "\n"
        "[Service]\n"
        f"WorkingDirectory={workdir}\n"
        "Environment=PYTHONUNBUFFERED=1\n"
        f"{environment}"
        f"ExecStart={' '.join(_systemd_arg(a) for a in (python, *ARGS))}\n"
        "# The launcher restarts the browser and the server; systemd restarts the launcher.\n"
        "Restart=always\n"
        "RestartSec=5\n"
        "# Only the launcher gets SIGTERM: it stops the browser, then the server (which saves\n"
        "# the last statistics). Whatever is left after TimeoutStopSec is killed.\n"
        "KillMode=mixed\n"
        "TimeoutStopSec=30\n"
        "\n"
        "[Install]\n"
        "WantedBy=graphical-session.target\n"
    )


# --- Windows: Startup folder --------------------------------------------------------------

def startup_script(python, workdir, settings):
    lines = [
        "@echo off",
        "rem Kios Waspada: starts the full-screen kiosk at login. Written by",
        "rem \"kiosk autostart install\"; \"kiosk autostart remove\" deletes it.",
        "chcp 65001 >nul",
        "rem Run again in a minimised window, out of the villagers' way.",
        'if not "%~1"=="min" (',
        '  start "Kios Waspada" /min cmd /c call "%~f0" min',
        "  exit /b",
        ")",
        f'cd /d "{_cmd_text(workdir)}"',
        *(f'set "{key}={_cmd_text(value)}"' for key, value in settings),
        ":start",
        f'"{_cmd_text(python)}" {" ".join(ARGS)}',
        "rem 0: an officer stopped it (Ctrl+C or kiosk stop). Anything else: start it again.",
        "if %errorlevel% equ 0 exit /b 0",
        "timeout /t 5 /nobreak >nul",
        "goto start",
    ]
    return "\r\n".join(lines) + "\r\n"


def _cmd_text(value):
    return str(value).replace("%", "%%")


# --- Installing, removing, looking ----------------------------------------------------------

def installed_state(entry):
    """'absent', 'current' or 'differs' (from what install would write now)."""
    path = Path(entry.path)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return "absent"
    except (OSError, UnicodeDecodeError):
        return "differs"
    return "current" if text == entry.text else "differs"
