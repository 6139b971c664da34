"""`kiosk autostart`: the exact files written for Linux (XDG, systemd) and Windows."""

import os
import sys

import pytest
from conftest import ROOT

from kiosk.errors import KioskError
from kiosk.launcher.autostart import plan

PY = sys.executable


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A home folder in tmp_path, and none of the test machine's KIOSK_* settings."""
    for key in [k for k in os.environ if k.startswith("KIOSK_")]:
        monkeypatch.delenv(key)
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    return tmp_path / "home"


def desktop_text(exec_line):
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Kios Waspada\n"
        "Comment=Starts the full-screen kiosk at login (written by kiosk autostart install)\n"
        f"Exec={exec_line}\n"
        f"Path={ROOT}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
    )


def test_install_writes_an_xdg_autostart_entry_by_default(runner, home):
    result = runner.invoke(args=["autostart", "install"])
    entry = home / ".config" / "autostart" / "kios-waspada.desktop"
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Written: XDG autostart entry {entry}\n"
        "The kiosk starts full screen at the next login of this account. "
        "To stop it: kiosk stop\n")
    assert entry.read_text() == desktop_text(f"{PY} -m kiosk run --fullscreen")
    assert runner.invoke(args=["autostart", "install"]).output.startswith(
        f"Unchanged: XDG autostart entry {entry}\n")

    result = runner.invoke(args=["autostart", "status"])
    units = home / ".config" / "systemd" / "user"
    assert result.output == (
        f"XDG autostart entry: installed at {entry}, up to date\n"
        f"systemd user unit: not installed ({units / 'kios-waspada.service'})\n")
    entry.write_text(entry.read_text().replace("--fullscreen", ""))
    assert f"installed at {entry}, differs from what `kiosk autostart install` writes now; " \
           "run it again\n" in runner.invoke(args=["autostart", "status"]).output
    assert runner.invoke(args=["autostart", "install"]).output.startswith("Updated: ")

    result = runner.invoke(args=["autostart", "remove"])
    assert result.output == f"Removed: {entry}\n"
    assert list(entry.parent.iterdir()) == []
    assert runner.invoke(args=["autostart", "remove"]).output == \
        "No autostart file was installed; nothing to remove.\n"


def test_the_kiosk_settings_of_the_shell_go_along_quoted(runner, home, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    monkeypatch.setenv("KIOSK_DATA_DIR", "data")  # relative: made absolute against this folder
    monkeypatch.setenv("KIOSK_OFFICE_NAME", "Kantor Imigrasi 100% $ Ramah")
    monkeypatch.setenv("KIOSK_BROWSER", "chromium")  # a name on PATH stays a name
    assert runner.invoke(args=["autostart", "install"]).exit_code == 0
    entry = tmp_path / "cfg" / "autostart" / "kios-waspada.desktop"
    assert entry.read_text() == desktop_text(
        f'env KIOSK_BROWSER=chromium KIOSK_DATA_DIR={tmp_path}/data '
        f'"KIOSK_OFFICE_NAME=Kantor Imigrasi 100%% \\\\$ Ramah" {PY} -m kiosk run --fullscreen')


def test_install_systemd_writes_a_user_unit_and_shows_the_commands(runner, home, tmp_path,
                                                                    monkeypatch):
    monkeypatch.setenv("KIOSK_OFFICE_NAME", 'Kantor "Contoh" 50%')
    result = runner.invoke(args=["autostart", "install"])
    assert "double quote" in result.output and result.exit_code == 1
    monkeypatch.setenv("KIOSK_OFFICE_NAME", "Kantor Contoh 50%")

    result = runner.invoke(args=["autostart", "install", "--method", "systemd"])
    units = home / ".config" / "systemd" / "user"
    unit = units / "kios-waspada.service"
    assert result.exit_code == 0, result.output
    assert result.output == (
        f"Written: systemd user unit {unit}\n"
        "Now run these two commands once (they enable it for the next login):\n"
        "  systemctl --user daemon-reload\n"
        "  systemctl --user enable kios-waspada.service\n"
        "To start it now as well: systemctl --user start kios-waspada.service\n"
        "To stop it: systemctl --user stop kios-waspada.service\n")
    assert unit.read_text() == (
        "[Unit]\n"
        "Description=Kios Waspada full-screen kiosk\n"
        "# Written by kiosk autostart install. The browser needs the desktop: start with the\n"
        "# graphical session, stop with it.\n"
        "After=graphical-session.target\n"
        "PartOf=graphical-session.target\n"
        "\n"
        "[Service]\n"
        f"WorkingDirectory={ROOT}\n"
        "Environment=PYTHONUNBUFFERED=1\n"
        'Environment="KIOSK_OFFICE_NAME=Kantor Contoh 50%%"\n'
        f"ExecStart={PY} -m kiosk run --fullscreen\n"
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
    status = runner.invoke(args=["autostart", "status"]).output
    assert status.endswith(f"systemd user unit: installed at {unit}, up to date\n"
                           "  not enabled: run systemctl --user enable kios-waspada.service\n")

    # what `systemctl --user enable` leaves behind
    wants = units / "graphical-session.target.wants" / "kios-waspada.service"
    wants.parent.mkdir()
    wants.symlink_to(unit)
    assert runner.invoke(args=["autostart", "status"]).output.endswith(
        "  enabled: it starts at the next login\n")

    result = runner.invoke(args=["autostart", "install"])  # the default method as well?
    assert result.exit_code == 1
    assert result.output == (
        f"Error: a systemd user unit is already installed at {unit}; two would start two "
        "kiosks. Remove it first with: kiosk autostart remove\n")
    assert not (home / ".config" / "autostart").exists()

    result = runner.invoke(args=["autostart", "remove"])
    assert result.output == (
        f"Removed: {unit}\nRemoved: {wants}\n"
        "Then run: systemctl --user daemon-reload\n"
        "If the kiosk is running now, stop it with: systemctl --user stop kios-waspada.service\n")
    assert not wants.is_symlink() and not unit.exists()


def test_the_windows_method_is_not_offered_on_linux(runner, home):
    result = runner.invoke(args=["autostart", "install", "--method", "startup"])
    assert result.exit_code == 1
    assert result.output == ("Error: autostart method 'startup' is not available here; "
                             "choose one of ['desktop', 'systemd']\n")


def test_paths_with_spaces_are_quoted_for_each_format(tmp_path):
    python = "/opt/kios waspada/bin/python"
    env = {"HOME": "/home/petugas"}
    desktop = plan("desktop", env, python, "/opt/kios waspada", "/", windows=False)
    assert 'Exec="/opt/kios waspada/bin/python" -m kiosk run --fullscreen\n' in desktop.text
    assert "Path=/opt/kios waspada\n" in desktop.text
    unit = plan("systemd", env, python, "/opt/kios waspada", "/", windows=False)
    assert 'ExecStart="/opt/kios waspada/bin/python" -m kiosk run --fullscreen\n' in unit.text
    assert str(unit.path) == "/home/petugas/.config/systemd/user/kios-waspada.service"


def test_windows_gets_a_minimised_startup_script_that_starts_the_kiosk_again():
    env = {"APPDATA": r"C:\Users\Siti\AppData\Roaming", "KIOSK_DATA_DIR": r"D:\kiosk data",
           "KIOSK_KIOSK_NAME": "Desa 100%", "KIOSK_CONFIG": r"cfg\kiosk.cfg"}
    entry = plan("startup", env, r"C:\kiosk\.venv\Scripts\python.exe", r"C:\kiosk",
                 r"C:\Users\Siti", windows=True)
    assert str(entry.path) == (r"C:\Users\Siti\AppData\Roaming\Microsoft\Windows\Start Menu"
                               r"\Programs\Startup\kios-waspada.cmd")
    assert entry.text == "\r\n".join([
        "@echo off",
        "rem Kios Waspada: starts the full-screen kiosk at login. Written by",
        'rem "kiosk autostart install"; "kiosk autostart remove" deletes it.',
        "chcp 65001 >nul",
        "rem Run again in a minimised window, out of the villagers' way.",
        'if not "%~1"=="min" (',
        '  start "Kios Waspada" /min cmd /c call "%~f0" min',
        "  exit /b",
        ")",
        r'cd /d "C:\kiosk"',
        r'set "KIOSK_CONFIG=C:\Users\Siti\cfg\kiosk.cfg"',
        r'set "KIOSK_DATA_DIR=D:\kiosk data"',
        'set "KIOSK_KIOSK_NAME=Desa 100%%"',
        ":start",
        r'"C:\kiosk\.venv\Scripts\python.exe" -m kiosk run --fullscreen',
        "rem 0: an officer stopped it (Ctrl+C or kiosk stop). Anything else: start it again.",
        "if %errorlevel% equ 0 exit /b 0",
        "timeout /t 5 /nobreak >nul",
        "goto start",
    ]) + "\r\n"


@pytest.mark.parametrize("method, env, windows, message", [
    ("desktop", {}, False, "cannot find the folder for autostart: HOME is not set"),
    ("startup", {"USERPROFILE": r"C:\Users\Siti"}, True,
     "cannot find the folder for autostart: APPDATA is not set"),
    ("startup", {"HOME": "/home/x"}, False,
     "autostart method 'startup' is not available here; choose one of ['desktop', 'systemd']"),
    ("desktop", {"HOME": "/home/x", "KIOSK_NAME": "a\nb"}, False,
     "KIOSK_NAME cannot be carried into autostart: its value has a line break or a double "
     "quote; put the setting in instance/kiosk.cfg"),
])
def test_what_autostart_cannot_do_is_said_plainly(method, env, windows, message):
    with pytest.raises(KioskError) as caught:
        plan(method, env, "python", "/k", "/", windows)
    assert str(caught.value) == message
