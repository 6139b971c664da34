"""The kiosk's settings, in one table: each one's default, what it must be, and what it means.

Every office deploys its own kiosk, so anything local (office, village) is a setting. The
README's settings tables are made from this table (`kiosk settings --markdown`).
"""

from dataclasses import dataclass
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from .errors import ConfigError
from .officer.access import LEAST_PIN_COST, PIN_COST
from .setting_kinds import (
    Addresses,
    Choice,
    Flag,
    Folder,
    Languages,
    Number,
    OneLanguage,
    Phone,
    PhoneList,
    PowerOfTwo,
    Text,
    Whole,
)

# National channels from the content brief; an office may replace the list in kiosk.cfg.
REPORT_NUMBERS = [
    {
        "number": "0800-1000",
        "name": {
            "id": "Crisis Center KP2MI (dulu BP2MI)",
            "en": "KP2MI crisis centre (formerly BP2MI)",
        },
        "note": {"id": "Gratis, 24 jam", "en": "Toll-free, 24 hours"},
    },
    {
        "number": "110",
        "name": {"id": "Polisi", "en": "Police"},
        "note": {"id": "Keadaan darurat", "en": "Emergencies"},
    },
    {
        "number": "129",
        "name": {"id": "SAPA KemenPPPA", "en": "SAPA, Ministry for Women and Children"},
        "note": {
            "id": "Untuk perempuan dan anak. WhatsApp 08111-129-129",
            "en": "For women and children. WhatsApp 08111-129-129",
        },
    },
]

# Help for someone already abroad, from the content brief ("high" confidence only): KP2MI's
# number from abroad, and the embassy or consulate, which Kemlu's Safe Travel app helps reach.
# The embassy's number differs per country, so that entry has none.
ABROAD_NUMBERS = [
    {
        "number": "+62-21-2924-4800",
        "name": {"id": "KP2MI dari luar negeri", "en": "KP2MI from abroad"},
        "note": {"id": "Simpan nomor ini sebelum berangkat",
                 "en": "Save this number before you leave"},
    },
    {
        "name": {
            "id": "KBRI atau KJRI di negara itu",
            "en": "The Indonesian embassy or consulate (KBRI or KJRI) in that country",
        },
        "note": {
            "id": "Nomornya berbeda di setiap negara. Aplikasi Safe Travel dari Kemlu "
                  "membantu menghubunginya.",
            "en": "Each country has its own number. Kemlu's Safe Travel app helps you "
                  "reach it.",
        },
    },
]


@dataclass(frozen=True)
class Setting:
    name: str
    default: object
    kind: object
    meaning: str
    group: str  # the README table it belongs to; "" for settings an office never changes
    shown: str = ""  # how the README shows the default, where repr() would not do


def _seconds(note="at least 1"):
    return Whole(1 if note == "at least 1" else 0, "seconds", note)


SETTINGS = (
    # Where things are (paths are made absolute before they are checked).
    Setting("CONTENT_DIR", "{project}/content", Folder(existing=True),
            "lessons, `categories.yaml`, `synonyms.yaml` and presenter sessions", "kiosk",
            "`content/`"),
    Setting("QUIZ_DIR", "{project}/quizzes", Folder(existing=False), "quizzes and the "
            "job-offer checker", "kiosk", "`quizzes/`"),
    Setting("DATA_DIR", "{instance}", Folder(existing=False), "everything the kiosk writes "
            "(search index, statistics, PINs, secret key, editor history)", "kiosk",
            "`instance/`"),
    # Who this kiosk belongs to.
    Setting("KIOSK_NAME", "", Text(), "the village, shown in the top bar", "kiosk", "empty"),
    Setting("OFFICE_NAME", "Kantor Imigrasi setempat", Text(),
            "the local immigration office on the Lapor screen", "kiosk", "generic"),
    Setting("OFFICE_PHONE", "", Phone(), "its phone number (shown and dialled from phones)",
            "kiosk", "empty"),
    Setting("OFFICE_ADDRESS", "", Text(), "its address", "kiosk", "empty"),
    Setting("REPORT_NUMBERS", REPORT_NUMBERS, PhoneList(),
            "the national numbers on the Lapor screen", "kiosk",
            "KP2MI 0800-1000, Polisi 110, SAPA 129"),
    Setting("ABROAD_NUMBERS", ABROAD_NUMBERS, PhoneList(optional_number=True),
            'help for someone already abroad, under "Sudah di luar negeri?" on the Lapor '
            "screen (an entry may have no number)", "kiosk",
            "KP2MI +62-21-2924-4800, KBRI/KJRI with Safe Travel"),
    Setting("PIMPASA_NAME", "", Text(), "the village's immigration officer (PIMPASA), shown "
            "on the Lapor screen when set", "kiosk", "empty"),
    Setting("PIMPASA_PHONE", "", Phone(), "their phone number (shown and dialled from phones)",
            "kiosk", "empty"),
    Setting("LANGUAGES", ["id", "en"], Languages(), "the languages lessons and pages come "
            "in, the first being the one content must exist in", "", "`['id', 'en']`"),
    Setting("DEFAULT_LANGUAGE", "id", OneLanguage(), "the language a new visit starts in",
            "kiosk"),
    Setting("CONTENT_RECHECK_SECONDS", 2.0, Number(0, "seconds", "0 looks 20 times a second"),
            "how often the content watcher looks for edited files", "kiosk"),
    # Search.
    Setting("SEARCH_RESULTS", 10, Whole(1), "results shown for one search", "kiosk"),
    Setting("SEARCH_SUGGESTIONS", 8, Whole(0), "lesson titles offered while typing", "kiosk"),
    # Stats.
    Setting("STATS_RETENTION_DAYS", 365, Whole(1, "days"),
            "after this many days a day's detail is folded into its totals", "kiosk"),
    Setting("STATS_FLUSH_SECONDS", 1.0, Number(0, "seconds", "0 writes every event at once"),
            "how long counted events may wait in memory before being written", "kiosk"),
    Setting("STATS_BEACON_BURST", 30, Whole(1), "events one sender (address, held in memory "
            "only) may send at once before the rate limit", ""),
    Setting("STATS_BEACON_PER_MINUTE", 30, Whole(1), "events one sender may send a minute, "
            "after the burst", ""),
    # The officer area.
    Setting("OFFICER_IDLE_SECONDS", 15 * 60, _seconds(),
            "an officer login ends after this long without use", "kiosk"),
    Setting("OFFICER_FREE_TRIES", 5, Whole(1), "wrong PINs in a row before each further try "
            "must wait (1 s, then twice as long each time)", "kiosk"),
    Setting("OFFICER_MAX_WAIT_SECONDS", 60, _seconds(), "the longest wait between two PIN "
            "tries; one guess a minute takes 1.9 years for all 6-digit PINs", "kiosk"),
    Setting("OFFICER_PIN_COST", PIN_COST, PowerOfTwo(LEAST_PIN_COST, note="scrypt's N"),
            "how hard a stored PIN is to guess by brute force; tests lower it", ""),
    # The web editor and content bundles.
    Setting("EDITOR_HISTORY_KEEP", 20, Whole(1), "earlier versions kept of each file the "
            "web editor saves", "kiosk"),
    Setting("MEDIA_MAX_BYTES", 2 * 1024 * 1024, Whole(1, "bytes"),
            "the largest picture the web editor accepts", "kiosk", "2 MiB"),
    Setting("BUNDLE_MAX_FILES", 20_000, Whole(1), "files a content bundle may hold (its "
            "manifest aside); `kiosk content export` refuses to write a bigger one", ""),
    Setting("BUNDLE_MAX_FILE_BYTES", 10 * 1024 * 1024, Whole(1, "bytes"),
            "the largest file in a content bundle", "", "10 MiB"),
    Setting("BUNDLE_MAX_TOTAL_BYTES", 200 * 1024 * 1024, Whole(1, "bytes"),
            "a content bundle's size, unpacked", "", "200 MiB"),
    # Read-aloud ("Dengarkan").
    Setting("SPEECH", True, Flag(), "`False` turns read-aloud off: no Dengarkan button, no "
            "clips made", "speech"),
    Setting("SPEECH_LIBRARY", "", Text(), "the eSpeak NG library to use; empty takes the one "
            "the `espeakng-loader` wheel brings, else the system's (e.g. Debian's "
            "`espeak-ng`); a path names one, e.g. `C:\\Program Files\\eSpeak NG\\"
            "libespeak-ng.dll`", "speech", "empty"),
    Setting("AUDIO_MAX_BYTES", 10 * 1024 * 1024, Whole(1, "bytes"),
            "the largest recording (Ogg, MP3 or M4A) the web editor accepts; a content bundle "
            "carries files up to `BUNDLE_MAX_FILE_BYTES`", "speech", "10 MiB"),
    # The web server (waitress) under `kiosk run`.
    Setting("SERVER_CONNECTION_LIMIT", 400, Whole(1), "connections served at once; a "
            "slow or stuck client holds one, so this is far above what the kiosk's own "
            "screen and a hall of phones need (waitress' 100 let 100 slow clients lock "
            "everyone out)", "kiosk"),
    Setting("SERVER_IDLE_SECONDS", 30, _seconds(), "a connection that sends or receives "
            "nothing for this long is closed", "kiosk"),
    Setting("SERVER_REQUEST_SECONDS", 60, _seconds(), "a request must arrive whole this long "
            "after its first byte, or its connection is closed (a client sending a byte now "
            "and then is never idle); a phone on bad Wi-Fi needs far less", "kiosk"),
    # Phones on the hall's network.
    Setting("SCREEN_ADDRESSES", ["127.0.0.1", "::1"], Addresses(), "requests from these "
            "addresses come from the kiosk's own screen; every other address is a phone on "
            "the hall's network and gets the phone pages", "lan", "`['127.0.0.1', '::1']`"),
    Setting("LAN", False, Flag(), "also serve phones on the hall's network, as `kiosk run "
            "--lan` does: the kiosk listens on this PC's network addresses too and its screen "
            "shows a code to scan", "lan"),
    Setting("LAN_ADDRESSES", [], Addresses(), "the addresses phones reach the kiosk at; empty "
            "finds this PC's private network addresses when the kiosk starts", "lan", "empty"),
    Setting("LAN_WIFI_NAME", "", Text(), "the hall's Wi-Fi name (SSID): when set, a code "
            "to join it is shown before the kiosk's address", "lan", "empty"),
    Setting("LAN_WIFI_PASSWORD", "", Text(), "its password (empty: an open network)", "lan",
            "empty"),
    Setting("LAN_OFFICER", False, Flag(), "`True` lets phones open the officer, presenter "
            "and editor pages; otherwise they get a 403 page and never a PIN form", "lan"),
    # A person opens a page every few seconds at most: 3 a second sustained is far above
    # that, and still stops a script; the burst covers a phone opening several tabs.
    Setting("LAN_PHONE_PAGES_PER_SECOND", 3, Whole(1), "pages one phone (address, held in "
            "memory only) may open a second, sustained; beyond it the 429 page", "lan"),
    Setting("LAN_PHONE_FILES_PER_SECOND", 30, Whole(1), "files (styles, scripts, icons) one "
            "phone may fetch a second; they count against the same allowance", "lan"),
    Setting("LAN_PHONE_BURST", 20, Whole(1), "pages one phone may open at once before that "
            "rate applies", "lan"),
    # Kiosk mode in the page.
    Setting("IDLE_SECONDS", 90, _seconds("0 turns the idle reset off"),
            'seconds without a touch before "Masih di sini?"; `0` turns the idle reset off '
            "(e.g. on an officer's laptop)", "kiosk_mode"),
    Setting("IDLE_COUNTDOWN_SECONDS", 15, _seconds(),
            'how long "Masih di sini?" waits for a touch', "kiosk_mode"),
    Setting("ONSCREEN_KEYBOARD", True, Flag(), "`False` when the kiosk has a real keyboard",
            "kiosk_mode"),
    # The full-screen launcher.
    Setting("BROWSER", "", Text(), "the browser program; empty finds Chromium, Chrome or "
            "Edge", "launcher", "empty"),
    Setting("BROWSER_MODE", "kiosk", Choice("kiosk", "app"), '`"app"` opens a full-screen '
            "app window instead of `--kiosk`, for a browser whose kiosk mode misbehaves",
            "launcher"),
    Setting("FULLSCREEN", False, Flag(), "set by `kiosk run --fullscreen` in the server it "
            "starts, so pages know they are alone on the kiosk's screen", "launcher"),
    # Flask's own, fixed by the kiosk.
    Setting("MAX_CONTENT_LENGTH", 256 * 1024, Whole(1, "bytes"),
            "nothing a villager sends needs more; larger bodies get the 413 page", ""),
    Setting("SESSION_COOKIE_NAME", "kiosk", Text(), "the one cookie", ""),
    Setting("SESSION_COOKIE_SAMESITE", "Lax", Choice("Lax", "Strict"), "", ""),
    Setting("SESSION_COOKIE_HTTPONLY", True, Flag(), "", ""),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}


def defaults(project_root, instance_path):
    """Every setting's default, the folders filled in for this installation."""
    places = {"project": Path(project_root).as_posix(), "instance": str(instance_path)}
    values = {}
    for setting in SETTINGS:
        value = setting.default
        if isinstance(value, str) and "{" in value:
            value = str(Path(value.format(**places)))
        values[setting.name] = value
    return values


def init_app(app):
    app.cli.add_command(settings_command)


def finalize(app):
    """Resolve folders and refuse settings the kiosk cannot run with, all problems at once."""
    cfg = app.config
    for setting in SETTINGS:
        if isinstance(setting.kind, Folder) and isinstance(cfg[setting.name], str | Path):
            cfg[setting.name] = str(Path(cfg[setting.name]).expanduser().resolve())
    problems = [problem(s, cfg.get(s.name), cfg)
                for s in SETTINGS if not s.kind.accepts(cfg.get(s.name), cfg)]
    if problems:
        raise ConfigError("\n".join(problems))
    Path(cfg["DATA_DIR"]).mkdir(parents=True, exist_ok=True)


def problem(setting, value, cfg):
    """What is wrong with ``value`` for ``setting``, in the words used everywhere."""
    return f"Config value '{setting.name}': expected {setting.kind.expected(cfg)}, got {value!r}"


GROUPS = {"kiosk": "every kiosk", "kiosk_mode": "kiosk mode", "launcher": "the launcher",
          "lan": "phones on the hall's network", "speech": "read-aloud"}


def markdown_table(group):
    """The README's table of one group of settings."""
    rows = ["| setting | default | meaning |", "|---|---|---|"]
    for s in SETTINGS:
        if s.group == group:
            shown = s.shown or f"`{s.default}`"
            rows.append(f"| `{s.name}` | {shown} | {s.meaning} |")
    return "\n".join(rows)


@click.command("settings")
@click.option("--markdown", is_flag=True, help="Print the README's settings tables instead.")
@with_appcontext
def settings_command(markdown):
    """List every setting with this kiosk's value, its default and its meaning."""
    if markdown:
        for group, title in GROUPS.items():
            click.echo(f"<!-- settings: {group} ({title}) -->\n{markdown_table(group)}\n")
        return
    config = current_app.config
    base = defaults(Path(current_app.root_path).parent, current_app.instance_path)
    for setting in SETTINGS:
        value = config.get(setting.name)
        default = base[setting.name]
        if isinstance(setting.kind, Folder):
            default = str(Path(default).resolve())
        changed = "" if value == default else "   (changed)"
        click.echo(f"{setting.name} = {value!r}{changed}")
        if setting.meaning:
            click.echo(f"    {setting.meaning}")
