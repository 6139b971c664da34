"""Finding the kiosk's browser on Linux and Windows, its command line, its profile, back-off."""

import json

import pytest
from conftest import settings

from kiosk import create_app
from kiosk.errors import ConfigError
from kiosk.launcher.browser import Browser, browser_command, find_browser, prepare_profile
from kiosk.launcher.supervisor import Backoff

WINDOWS_ENV = {
    "ProgramFiles": r"C:\Program Files",
    "ProgramFiles(x86)": r"C:\Program Files (x86)",
    "LOCALAPPDATA": r"C:\Users\Siti\AppData\Local",  # Windows spells it either way
    "PATH": r"C:\Windows\system32",
}
EDGE = r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe"
USER_CHROME = r"C:\Users\Siti\AppData\Local\Google\Chrome\Application\chrome.exe"
MACHINE_CHROME = r"C:\Program Files\Google\Chrome\Application\chrome.exe"


def find(on_path=(), files=(), configured="", env=None, windows=False):
    on_path = dict(on_path)
    return find_browser(configured, env or {}, on_path.get, set(files).__contains__, windows)


@pytest.mark.parametrize("on_path, files, windows, expected", [
    # Linux: PATH first, Chromium before Chrome before Edge
    ({"google-chrome": "/usr/bin/google-chrome"}, (), False,
     Browser("/usr/bin/google-chrome", "PATH (google-chrome)")),
    ({"microsoft-edge": "/usr/bin/microsoft-edge", "chromium": "/usr/local/bin/chromium"}, (),
     False, Browser("/usr/local/bin/chromium", "PATH (chromium)")),
    ({"chromium-browser": "/usr/bin/chromium-browser"}, ("/usr/bin/chromium",), False,
     Browser("/usr/bin/chromium-browser", "PATH (chromium-browser)")),
    # Linux: a desktop session's short PATH; the usual folders
    ({}, ("/snap/bin/chromium",), False, Browser("/snap/bin/chromium", "install folder")),
    ({}, ("/opt/google/chrome/chrome", "/opt/microsoft/msedge/msedge"), False,
     Browser("/opt/google/chrome/chrome", "install folder")),
    # Windows: Edge is always there; Chrome wins when installed, per machine or per user
    ({}, (EDGE,), True, Browser(EDGE, "install folder")),
    ({}, (EDGE, USER_CHROME), True, Browser(USER_CHROME, "install folder")),
    ({}, (EDGE, USER_CHROME, MACHINE_CHROME), True, Browser(MACHINE_CHROME, "install folder")),
    ({"msedge": r"C:\Tools\msedge.EXE"}, (MACHINE_CHROME,), True,
     Browser(r"C:\Tools\msedge.EXE", "PATH (msedge)")),
    # nothing at all
    ({}, ("/usr/bin/firefox",), False, None),
    ({}, (r"C:\Program Files\Mozilla Firefox\firefox.exe",), True, None),
])
def test_the_browser_is_found_on_path_then_in_the_install_folders(on_path, files, windows,
                                                                   expected):
    assert find(on_path, files, env=WINDOWS_ENV if windows else {}, windows=windows) == expected


def test_windows_folders_missing_from_the_environment_are_skipped():
    env = {"LocalAppData": r"C:\Users\Siti\AppData\Local"}
    assert find({}, (MACHINE_CHROME, USER_CHROME), env=env, windows=True) == \
        Browser(USER_CHROME, "install folder")


@pytest.mark.parametrize("configured, on_path, files, expected", [
    ("/home/petugas/chrome-wrapper", {"chromium": "/usr/bin/chromium"},
     ("/home/petugas/chrome-wrapper",), Browser("/home/petugas/chrome-wrapper", "KIOSK_BROWSER")),
    ("google-chrome", {"chromium": "/usr/bin/chromium", "google-chrome": "/usr/bin/google-chrome"},
     (), Browser("/usr/bin/google-chrome", "KIOSK_BROWSER")),
    ("  /opt/kiosk/chrome  ", {}, ("/opt/kiosk/chrome",), Browser("/opt/kiosk/chrome",
                                                                    "KIOSK_BROWSER")),
])
def test_kiosk_browser_overrides_the_search(configured, on_path, files, expected):
    assert find(on_path, files, configured) == expected


@pytest.mark.parametrize("configured, message", [
    ("/opt/hilang/chrome", "Config value 'BROWSER' (KIOSK_BROWSER): expected a browser program, "
                           "got '/opt/hilang/chrome', which does not exist"),
    ("chromium-beta", "Config value 'BROWSER' (KIOSK_BROWSER): expected a browser program, "
                      "got 'chromium-beta', which is not on PATH"),
    (r"C:\Chrome\chrome.exe", "Config value 'BROWSER' (KIOSK_BROWSER): expected a browser "
                              r"program, got 'C:\\Chrome\\chrome.exe', which does not exist"),
])
def test_a_configured_browser_that_is_missing_is_an_error_not_another_browser(configured,
                                                                             message):
    with pytest.raises(ConfigError) as caught:
        find({"chromium": "/usr/bin/chromium"}, ("/usr/bin/chromium",), configured)
    assert str(caught.value) == message


URL = "http://127.0.0.1:8080/"
COMMON_FLAGS = [
    "--no-first-run", "--no-default-browser-check", "--noerrdialogs",
    "--disable-session-crashed-bubble", "--disable-infobars", "--disable-translate",
    "--disable-features=Translate,TranslateUI,OverscrollHistoryNavigation,"
    "TouchpadOverscrollHistoryNavigation",
    "--overscroll-history-navigation=0", "--disable-pinch",
    "--check-for-update-interval=31536000", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


def test_the_kiosk_command_line_on_linux():
    argv = browser_command("/usr/bin/chromium", URL, "/srv/kiosk/data/browser-profile")
    assert argv == ["/usr/bin/chromium", "--user-data-dir=/srv/kiosk/data/browser-profile",
                    *COMMON_FLAGS, "--password-store=basic", "--kiosk", URL]


def test_the_kiosk_command_line_for_edge_on_windows():
    profile = r"C:\kiosk\instance\browser-profile"
    argv = browser_command(EDGE, URL, profile, windows=True)
    assert argv == [EDGE, rf"--user-data-dir={profile}", *COMMON_FLAGS,
                    "--edge-kiosk-type=fullscreen", "--kiosk", URL]


def test_app_mode_is_a_full_screen_window_without_browser_chrome():
    argv = browser_command("/usr/bin/chromium", URL, "/p", mode="app")
    assert argv[-2:] == ["--start-fullscreen", f"--app={URL}"]
    assert "--kiosk" not in argv


def test_an_unknown_browser_mode_stops_the_kiosk_with_the_config_message(content_dir,
                                                                          tmp_path):
    with pytest.raises(ConfigError) as caught:
        create_app(settings(content_dir, tmp_path, BROWSER_MODE="kios"))
    assert str(caught.value) == \
        "Config value 'BROWSER_MODE': expected one of ['kiosk', 'app'], got 'kios'"


def test_a_kiosk_started_without_the_launcher_is_not_full_screen(app):
    assert app.config["FULLSCREEN"] is False
    assert (app.config["BROWSER"], app.config["BROWSER_MODE"]) == ("", "kiosk")


def preferences(profile, data):
    path = profile / "Default" / "Preferences"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


KIOSK_PREFERENCES = {
    "profile": {"exit_type": "Normal", "exited_cleanly": True, "password_manager_enabled": False},
    "credentials_enable_service": False,
    "translate": {"enabled": False},
    "autofill": {"profile_enabled": False, "credit_card_enabled": False},
}


def test_a_crashed_profile_is_marked_as_closed_normally_and_keeps_its_other_settings(tmp_path):
    prefs = preferences(tmp_path, {
        "profile": {"exit_type": "Crashed", "exited_cleanly": False, "name": "Kiosk",
                    "password_manager_enabled": False},
        "credentials_enable_service": False, "translate": {"enabled": False},
        "autofill": {"profile_enabled": False, "credit_card_enabled": False},
        "intl": {"accept_languages": "id,en"},
    })
    assert prepare_profile(tmp_path) == ["profile.exit_type", "profile.exited_cleanly"]
    assert json.loads(prefs.read_text()) == {
        **KIOSK_PREFERENCES,
        "profile": {**KIOSK_PREFERENCES["profile"], "name": "Kiosk"},
        "intl": {"accept_languages": "id,en"},
    }
    assert [p.name for p in prefs.parent.iterdir()] == ["Preferences"]  # no temp file left
    before = prefs.read_bytes()
    assert prepare_profile(tmp_path) == []  # nothing to do: the file is not rewritten
    assert prefs.read_bytes() == before


def test_a_new_profile_starts_with_the_kiosk_settings(tmp_path):
    profile = tmp_path / "browser-profile"
    assert prepare_profile(profile) == [
        "profile.exit_type", "profile.exited_cleanly", "profile.password_manager_enabled",
        "credentials_enable_service", "translate.enabled", "autofill.profile_enabled",
        "autofill.credit_card_enabled"]
    assert json.loads((profile / "Default" / "Preferences").read_text()) == KIOSK_PREFERENCES


@pytest.mark.parametrize("data", ["{not json", '["a list"]', {"translate": "yes"}])
def test_an_unreadable_profile_gets_the_kiosk_settings(tmp_path, data):
    prefs = preferences(tmp_path, data)
    assert "translate.enabled" in prepare_profile(tmp_path)
    assert json.loads(prefs.read_text()) == KIOSK_PREFERENCES


def test_backoff_restarts_soon_after_a_long_run_and_slower_while_it_keeps_crashing():
    backoff = Backoff(first=1, longest=30, steady=10)
    assert [backoff.delay(0.2) for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
    assert backoff.delay(600) == 1  # ran ten minutes: a fresh crash, restart at once
    assert backoff.delay(3) == 2


def test_the_launcher_waits_half_a_second_before_a_first_restart():
    backoff = Backoff()
    assert [backoff.delay(0.2) for _ in range(8)] == [0.5, 1, 2, 4, 8, 16, 30, 30]
