"""A kiosk's first start without an office: /healthz and Lapor say so calmly, and
`kiosk setup` asks for the office and writes instance/kiosk.cfg."""

import subprocess
import sys

import pytest
from conftest import settings
from markupsafe import escape

from kiosk import create_app
from kiosk.office import (
    instance_config,
    office_is_set,
    read_values,
    undialable,
    write_values,
)
from kiosk.settings import BY_NAME, problem

KIOSK = [sys.executable, "-m", "kiosk"]


@pytest.fixture
def bare_app(content_dir, tmp_path):
    """A kiosk as it first starts: nothing about its office configured."""
    return create_app(settings(content_dir, tmp_path))


def setup(cfg, answers, **env):
    return subprocess.run(KIOSK + ["setup", "--file", str(cfg)], input=answers,
                          capture_output=True, text=True, env={**env, "PATH": "/usr/bin:/bin"})


# -- first start without an office ------------------------------------------------------


def test_healthz_says_whether_the_office_is_set(bare_app, client):
    assert bare_app.test_client().get("/healthz").get_json()["office"] == "not set"
    assert client.get("/healthz").get_json()["office"] == "set"  # conftest's app has one


def test_lapor_without_an_office_shows_the_national_numbers_large_and_no_placeholder(bare_app):
    page = bare_app.test_client().get("/lapor").get_data(as_text=True)
    national = page.split('<ul class="numbers numbers-national numbers-large">')[1]
    national = national.split("</ul>")[0]
    for number in ("0800-1000", "110", "129"):
        assert f">{number}</a>" in national
    assert "Kantor imigrasi terdekat" not in page
    assert "Kantor Imigrasi setempat" not in page  # the generic name, with no number
    assert "ke kantor ini" not in page
    assert 'class="office"' not in page


def test_lapor_with_an_office_shows_it_and_normal_sized_numbers(client):
    page = client.get("/lapor").get_data(as_text=True)
    assert "numbers-large" not in page
    assert "Kantor imigrasi terdekat" in page and "Kantor Imigrasi Kelas I Contoh" in page


@pytest.mark.parametrize(
    ("config", "is_set"),
    [({}, False), ({"OFFICE_NAME": "Kantor Imigrasi setempat"}, False),
     ({"OFFICE_NAME": "Kantor Imigrasi Kelas II Wonosari"}, True),
     ({"OFFICE_PHONE": "(0274) 391-025"}, True), ({"OFFICE_ADDRESS": "Jl. Baron 1"}, True)],
)
def test_an_office_is_set_by_any_of_its_own_details(config, is_set):
    base = {"OFFICE_NAME": BY_NAME["OFFICE_NAME"].default, "OFFICE_PHONE": "",
            "OFFICE_ADDRESS": ""}
    assert office_is_set({**base, **config}) is is_set


@pytest.mark.parametrize("phone", ["(0274) 123-456", "+62 274 123 456", "0800.1000", "110", ""])
def test_phone_numbers_people_write_are_accepted(content_dir, tmp_path, phone):
    app = create_app(settings(content_dir, tmp_path, OFFICE_PHONE=phone, PIMPASA_PHONE=phone))
    assert app.config["OFFICE_PHONE"] == phone


@pytest.mark.parametrize("phone", ["telepon kantor", "12", "0274 123 456 ext 5", "++62 274",
                                   "0274/123456", "0361-123456 / 0812-3456-7890"])
def test_a_phone_no_phone_can_dial_still_starts_the_kiosk_and_is_shown_without_a_link(
        content_dir, tmp_path, phone):
    # An office's number written before setup checked it must never keep the kiosk from
    # teaching; but a dial link would ring a wrong number (two numbers run together).
    app = create_app(settings(content_dir, tmp_path, OFFICE_NAME="Kantor Imigrasi Denpasar",
                              OFFICE_PHONE=phone, PIMPASA_PHONE=phone))
    page = app.test_client().get("/lapor").get_data(as_text=True)
    office = page.split('<section class="office">')[1].split("</section>")[0]
    assert str(escape(phone)) in office
    assert "tel:" not in office
    assert undialable(app.config) == [
        f"{problem(BY_NAME[name], phone, {})}: villagers see it without a dial link. "
        "Run `kiosk setup` to write one number" for name in ("OFFICE_PHONE", "PIMPASA_PHONE")]


def test_a_dialable_phone_gets_its_link_and_no_warning(content_dir, tmp_path):
    app = create_app(settings(content_dir, tmp_path, OFFICE_PHONE="(0274) 484-370",
                              PIMPASA_PHONE="+62 812 3456 7890"))
    page = app.test_client().get("/lapor").get_data(as_text=True)
    assert 'href="tel:0274484370"' in page and 'href="tel:+6281234567890"' in page
    assert undialable(app.config) == []


# -- kiosk setup -------------------------------------------------------------------------


def test_setup_writes_the_answers_piped_in_and_the_kiosk_reads_them(tmp_path, content_dir,
                                                                     monkeypatch):
    cfg = tmp_path / "instance" / "kiosk.cfg"
    done = setup(cfg, "Desa Sukamaju\nKantor Imigrasi Kelas I Yogyakarta\n(0274) 484-370\n"
                      "Jl. Solo Km 10, Yogyakarta\n")
    assert done.returncode == 0, done.stderr
    assert f"Wrote {cfg}." in done.stdout
    assert read_values(cfg) == {
        "KIOSK_NAME": "Desa Sukamaju", "OFFICE_NAME": "Kantor Imigrasi Kelas I Yogyakarta",
        "OFFICE_PHONE": "(0274) 484-370", "OFFICE_ADDRESS": "Jl. Solo Km 10, Yogyakarta"}
    monkeypatch.setenv("KIOSK_CONFIG", str(cfg))
    app = create_app(settings(content_dir, tmp_path))
    assert app.config["OFFICE_PHONE"] == "(0274) 484-370"
    assert app.test_client().get("/healthz").get_json()["office"] == "set"
    page = app.test_client().get("/lapor").get_data(as_text=True)
    assert "Kantor Imigrasi Kelas I Yogyakarta" in page and "Jl. Solo Km 10" in page
    assert list(cfg.parent.iterdir()) == [cfg]  # no temp file left beside it


def test_setup_keeps_the_files_other_settings_and_comments(tmp_path):
    cfg = tmp_path / "kiosk.cfg"
    cfg.write_text('# Desa Sukamaju\nIDLE_SECONDS = 120\nOFFICE_NAME = "Lama"\n'
                   'REPORT_NUMBERS = [\n    {"number": "110", "name": {"id": "Polisi"}},\n]\n'
                   "PIMPASA_NAME = 'Pak Wahyu'\n")
    done = setup(cfg, "a\nb\n0274 1234\nd\n")
    assert done.returncode == 0, done.stderr
    text = cfg.read_text()
    assert text.startswith("# Desa Sukamaju\nIDLE_SECONDS = 120\nOFFICE_NAME = 'b'\n"
                           'REPORT_NUMBERS = [\n    {"number": "110", "name": {"id": "Polisi"}},'
                           "\n]\nPIMPASA_NAME = 'Pak Wahyu'\n")
    assert "KIOSK_NAME = 'a'\n" in text and "OFFICE_ADDRESS = 'd'\n" in text
    assert text.count("OFFICE_NAME") == 1


def test_an_empty_answer_keeps_the_value_the_file_has(tmp_path):
    cfg = tmp_path / "kiosk.cfg"
    write_values(cfg, {"KIOSK_NAME": "Desa Lama", "OFFICE_PHONE": "0274 555"})
    done = setup(cfg, "\nKantor Imigrasi Wonosari\n\n\n")
    assert done.returncode == 0, done.stderr
    assert read_values(cfg) == {"KIOSK_NAME": "Desa Lama", "OFFICE_PHONE": "0274 555",
                                "OFFICE_NAME": "Kantor Imigrasi Wonosari", "OFFICE_ADDRESS": ""}


@pytest.mark.parametrize(
    ("answers", "message"),
    [("a\nb\nc\nd\n", problem(BY_NAME["OFFICE_PHONE"], "c", {})),
     ("a\n\n0274 1234\nd\n", "OFFICE_NAME must not be empty"),
     ("a\nb\n", "no answer for OFFICE_PHONE")],
)
def test_setup_refuses_a_wrong_answer_and_writes_nothing(tmp_path, answers, message):
    cfg = tmp_path / "kiosk.cfg"
    cfg.write_text('KIOSK_NAME = "Lama"\n')
    done = setup(cfg, answers)
    assert done.returncode == 1
    assert f"Error: {message}; nothing was written" in done.stderr
    assert cfg.read_text() == 'KIOSK_NAME = "Lama"\n'


def test_setup_works_beside_a_setting_the_kiosk_refuses(tmp_path):
    # The kiosk would not start with this file; setup is what fixes it.
    cfg = tmp_path / "kiosk.cfg"
    cfg.write_text('OFFICE_PHONE = "tanya pak RT"\n')
    done = setup(cfg, "a\nb\n0274 1234\n\n", KIOSK_CONFIG=str(cfg))
    assert done.returncode == 0, done.stderr
    assert read_values(cfg)["OFFICE_PHONE"] == "0274 1234"


def test_setup_writes_the_file_the_kiosk_reads_first(app):
    assert instance_config() == instance_config().parent / "kiosk.cfg"
    assert str(instance_config().parent) == app.instance_path


ANSWERS = "Desa Sukamaju\nKantor Imigrasi Kelas I Yogyakarta\n(0274) 484-370\nJl. Solo Km 10\n"


@pytest.mark.parametrize("content, message", [
    (b'OFFICE_NAME = "Kantor\n', ":1: unterminated string literal"),
    (b'KIOSK_NAME = "Desa"\nX = 1; OFFICE_NAME = "lama"; Y = 2\n',
     ":2: OFFICE_NAME shares its line with another setting"),
    (b'KIOSK_NAME = "Desa \xe9"\n', ":1: not UTF-8 text"),
])
def test_setup_refuses_a_file_it_cannot_rewrite_safely_naming_the_line(tmp_path, content,
                                                                        message):
    cfg = tmp_path / "kiosk.cfg"
    cfg.write_bytes(content)
    done = setup(cfg, ANSWERS)
    assert done.returncode == 1
    assert f"{cfg}{message}" in done.stderr and "Nothing was written" in done.stderr
    assert "Traceback" not in done.stderr
    assert cfg.read_bytes() == content


def test_setup_reads_past_notepads_byte_order_mark(tmp_path):
    cfg = tmp_path / "kiosk.cfg"
    cfg.write_bytes(b'\xef\xbb\xbf# Kantor\nSTATS_DAYS = 365\nKIOSK_NAME = "Lama"\n')
    done = setup(cfg, ANSWERS)
    assert done.returncode == 0, done.stderr
    assert read_values(cfg)["KIOSK_NAME"] == "Desa Sukamaju"
    assert "STATS_DAYS = 365" in cfg.read_text(encoding="utf-8")
