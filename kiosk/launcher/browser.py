"""The kiosk's browser: finding Chromium, Chrome or Edge, and the command line that starts it.

Pure functions of what they are given (environment, PATH lookup, file check), so the Windows
search can be checked on Linux.
"""

import json
import ntpath
import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..files import atomic_write

# Names looked up on PATH, in this order: Chromium first (what the kiosk is tested with), then
# Chrome, then Edge (present on every Windows 10/11 PC). `which` adds .exe on Windows.
PATH_NAMES = (
    "chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
    "microsoft-edge", "microsoft-edge-stable", "msedge", "chrome",
)

# Where the packages put them when PATH does not say (a desktop session may start the kiosk
# with a short PATH).
LINUX_FOLDERS = (
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/snap/bin/chromium",
    "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable", "/opt/google/chrome/chrome",
    "/usr/bin/microsoft-edge", "/usr/bin/microsoft-edge-stable",
    "/opt/microsoft/msedge/msedge",
)

# (environment variable naming a base folder, the program below it). Chrome installs per
# machine or, without admin rights, per user in LocalAppData; Edge in Program Files (x86).
WINDOWS_FOLDERS = (
    ("ProgramFiles", r"Google\Chrome\Application\chrome.exe"),
    ("ProgramFiles(x86)", r"Google\Chrome\Application\chrome.exe"),
    ("LocalAppData", r"Google\Chrome\Application\chrome.exe"),
    ("LocalAppData", r"Chromium\Application\chrome.exe"),
    ("ProgramFiles(x86)", r"Microsoft\Edge\Application\msedge.exe"),
    ("ProgramFiles", r"Microsoft\Edge\Application\msedge.exe"),
    ("LocalAppData", r"Microsoft\Edge\Application\msedge.exe"),
)

MODES = ("kiosk", "app")

# Every flag is there for a villager alone at a touch screen with no internet.
KIOSK_FLAGS = (
    # A fresh profile would open a welcome tab and sign-in offers, and ask to be the
    # default browser: nobody is there to close them.
    "--no-first-run",
    "--no-default-browser-check",
    # Error and crash dialogs wait for a click on an OK button; the supervisor restarts instead.
    "--noerrdialogs",
    # "Restore pages?" after a crash (older versions; newer ones read the profile's exit_type,
    # which prepare_profile resets) and other info bars over the top of the page.
    "--disable-session-crashed-bubble",
    "--disable-infobars",
    # The translate bar would offer to turn the Bahasa Indonesia pages into something else
    # (older versions; newer ones need the profile setting, see PROFILE_PREFERENCES). The same
    # --disable-features also turns off swipe-back navigation on touch screens and touchpads
    # (one list: Chromium reads only the last --disable-features).
    "--disable-translate",
    "--disable-features=Translate,TranslateUI,OverscrollHistoryNavigation,"
    "TouchpadOverscrollHistoryNavigation",
    # A sideways swipe must not go back a page, and a pinch must not leave the page zoomed
    # beyond use; the kiosk's own buttons do the navigation.
    "--overscroll-history-navigation=0",
    "--disable-pinch",
    # Offline: no update checks (once a year at most), no requests of its own, no component
    # downloads, no sign-in sync.
    "--check-for-update-interval=31536000",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)

# Linux only: without it a fresh profile asks to unlock the desktop's keyring at start.
LINUX_FLAGS = ("--password-store=basic",)


@dataclass(frozen=True)
class Browser:
    path: str
    found: str  # how it was found, for the log: "KIOSK_BROWSER", "PATH (chromium)", ...


def find_browser(configured, env, which, exists, windows=False):
    """The browser to run: ``configured`` (config BROWSER, i.e. KIOSK_BROWSER) when set, else
    the first of PATH_NAMES that ``which`` finds, else the first install folder that
    ``exists``; None when there is none. A configured browser that is missing raises
    ConfigError rather than silently starting another one."""
    configured = (configured or "").strip()
    if configured:
        if "/" in configured or "\\" in configured:
            if exists(configured):
                return Browser(configured, "KIOSK_BROWSER")
            raise ConfigError(
                f"Config value 'BROWSER' (KIOSK_BROWSER): expected a browser program, "
                f"got {configured!r}, which does not exist"
            )
        found = which(configured)
        if found:
            return Browser(found, "KIOSK_BROWSER")
        raise ConfigError(
            f"Config value 'BROWSER' (KIOSK_BROWSER): expected a browser program, "
            f"got {configured!r}, which is not on PATH"
        )
    for name in PATH_NAMES:
        found = which(name)
        if found:
            return Browser(found, f"PATH ({name})")
    for path in install_folders(env, windows):
        if exists(path):
            return Browser(path, "install folder")
    return None


def install_folders(env, windows=False):
    if not windows:
        return list(LINUX_FOLDERS)
    # Windows variable names are case-insensitive (LOCALAPPDATA, LocalAppData).
    upper = {key.upper(): value for key, value in env.items()}
    paths = []
    for variable, below in WINDOWS_FOLDERS:
        base = upper.get(variable.upper())
        if base:
            paths.append(ntpath.join(base, below))
    return paths


def searched_places(env, windows=False):
    """Where find_browser looked, for the message shown when it found nothing."""
    names = ", ".join(PATH_NAMES)
    folders = ", ".join(install_folders(env, windows)) or "(no install folders known)"
    return f"on PATH for {names}; and at {folders}"


def browser_command(browser, url, profile_dir, mode="kiosk", windows=False):
    """The argv that opens ``url`` full screen in ``browser`` with the kiosk's own profile."""
    if mode not in MODES:
        raise ConfigError(f"Config value 'BROWSER_MODE': expected one of {list(MODES)}, "
                          f"got {mode!r}")
    argv = [browser, f"--user-data-dir={profile_dir}", *KIOSK_FLAGS]
    if not windows:
        argv += LINUX_FLAGS
    name = ntpath.basename(browser) if windows else posixpath.basename(browser)
    if "edge" in name.lower():
        # Edge's kiosk mode has two kinds; "fullscreen" is the one without its address bar.
        argv.append("--edge-kiosk-type=fullscreen")
    if mode == "kiosk":
        # No address bar, no tabs, no exit from full screen with F11.
        argv += ["--kiosk", url]
    else:
        # A window without browser chrome, full screen: for a browser whose --kiosk misbehaves.
        argv += ["--start-fullscreen", f"--app={url}"]
    return argv


# Written into the profile's Preferences before each start: current Chromium, Chrome and
# Edge no longer let a flag turn these off.
PROFILE_PREFERENCES = {
    "profile": {
        # The last run counts as a clean exit, whatever happened: after a crash the browser
        # would otherwise open with a "Restore pages?" bubble over the kiosk.
        "exit_type": "Normal",
        "exited_cleanly": True,
        # Never offer to save the officer's PIN typed at /petugas for the next villager.
        "password_manager_enabled": False,
    },
    "credentials_enable_service": False,
    # No "Translate this page?" bubble over the Bahasa Indonesia pages (verified on Chromium
    # 156, where --disable-translate and the Translate feature flag no longer do it).
    "translate": {"enabled": False},
    # Nothing one villager typed is offered as a suggestion to the next.
    "autofill": {"profile_enabled": False, "credit_card_enabled": False},
}


def prepare_profile(profile_dir):
    """Write PROFILE_PREFERENCES into the profile's Preferences, keeping everything else.

    Returns the settings that had to change, e.g. ["profile.exit_type"] after a crash. A
    missing file is created; an unreadable one is replaced, as the browser would do."""
    prefs_path = Path(profile_dir) / "Default" / "Preferences"
    try:
        prefs = json.loads(prefs_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        prefs = None
    if not isinstance(prefs, dict):
        prefs = {}
    changed = []
    _merge(prefs, PROFILE_PREFERENCES, changed)
    if changed:
        atomic_write(prefs_path, json.dumps(prefs, separators=(",", ":")), mode=0o600)
    return changed


def _merge(target, wanted, changed, prefix=""):
    for key, value in wanted.items():
        if isinstance(value, dict):
            if not isinstance(target.get(key), dict):
                target[key] = {}
            _merge(target[key], value, changed, f"{prefix}{key}.")
        elif target.get(key) != value or type(target.get(key)) is not type(value):
            target[key] = value
            changed.append(prefix + key)
