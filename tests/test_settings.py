"""The settings table: one place for every setting, problems reported together, the README
made from it."""

import re
from pathlib import Path

import pytest

from kiosk import create_app
from kiosk.errors import ConfigError
from kiosk.settings import BY_NAME, GROUPS, markdown_table

ROOT = Path(__file__).resolve().parent.parent
# Flask's and Flask-Babel's own keys, which the kiosk reads but does not define.
NOT_OURS = {"SECRET_KEY", "TESTING", "BABEL_DEFAULT_LOCALE", "BABEL_TRANSLATION_DIRECTORIES"}


def test_every_setting_the_code_reads_is_in_the_table():
    read = set()
    for path in (ROOT / "kiosk").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        read |= set(re.findall(r"config(?:\[|\.get\()\s*[\"']([A-Z][A-Z0-9_]+)[\"']", text))
    assert read, "the pattern must find the settings the code reads"
    assert sorted(read - set(BY_NAME) - NOT_OURS) == []


def test_no_module_sets_a_default_of_its_own():
    for path in (ROOT / "kiosk").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"config\.setdefault\(\s*[\"'](?!BABEL_)", text), path


@pytest.mark.parametrize("group", list(GROUPS))
def test_the_readme_tables_are_made_from_the_table(group):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(rf"<!-- settings: {group}\b[^\n]*-->\n(.*?)\n<!-- /settings -->", readme,
                      re.S)
    assert found, f"README.md has no settings table for {group!r}"
    assert found.group(1) == markdown_table(group), \
        "README.md is out of date: paste in the output of `kiosk settings --markdown`"


def test_every_problem_is_reported_at_once(content_dir, tmp_path):
    with pytest.raises(ConfigError) as caught:
        create_app({"CONTENT_DIR": str(content_dir), "DATA_DIR": str(tmp_path / "data"),
                    "IDLE_SECONDS": "90", "STATS_RETENTION_DAYS": 0, "BROWSER_MODE": "kios",
                    "SEARCH_RESULTS": True, "STATS_FLUSH_SECONDS": "1"})
    assert str(caught.value).splitlines() == [
        "Config value 'SEARCH_RESULTS': expected a whole number (at least 1), got True",
        "Config value 'STATS_RETENTION_DAYS': expected a whole number of days (at least 1), "
        "got 0",
        "Config value 'STATS_FLUSH_SECONDS': expected a number of seconds (0 writes every "
        "event at once), got '1'",
        "Config value 'IDLE_SECONDS': expected a whole number of seconds (0 turns the idle "
        "reset off), got '90'",
        "Config value 'BROWSER_MODE': expected one of ['kiosk', 'app'], got 'kios'",
    ]


def test_the_environment_sets_a_setting_with_its_type(content_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("KIOSK_IDLE_SECONDS", "120")
    monkeypatch.setenv("KIOSK_ONSCREEN_KEYBOARD", "false")
    app = create_app({"CONTENT_DIR": str(content_dir), "DATA_DIR": str(tmp_path / "data")})
    assert app.config["IDLE_SECONDS"] == 120
    assert app.config["ONSCREEN_KEYBOARD"] is False


def test_kiosk_settings_lists_values_and_meanings(runner):
    done = runner.invoke(args=["settings"])
    assert done.exit_code == 0, done.output
    assert "OFFICE_PHONE = '(0274) 123-456'   (changed)\n    its phone number" in done.output
    assert "IDLE_SECONDS = 90\n" in done.output
    tables = runner.invoke(args=["settings", "--markdown"])
    assert markdown_table("kiosk_mode") in tables.output
