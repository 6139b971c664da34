import pytest

from kiosk import create_app
from kiosk.errors import ConfigError


def test_defaults_point_at_the_bundled_content(bundled_app):
    assert bundled_app.config["CONTENT_DIR"].endswith("/content")
    assert bundled_app.config["DEFAULT_LANGUAGE"] == "id"


def test_config_precedence_file_then_environment_then_test_config(
    tmp_path, content_dir, monkeypatch
):
    cfg = tmp_path / "kiosk.cfg"
    cfg.write_text('OFFICE_NAME = "from file"\nKIOSK_NAME = "Desa Berkas"\nOFFICE_PHONE = "110"\n')
    monkeypatch.setenv("KIOSK_CONFIG", str(cfg))
    monkeypatch.setenv("KIOSK_OFFICE_NAME", "from environment")
    monkeypatch.setenv("KIOSK_CONTENT_DIR", str(content_dir))
    monkeypatch.setenv("KIOSK_DATA_DIR", str(tmp_path / "env-data"))
    app = create_app({"OFFICE_PHONE": "0274 999"})
    assert app.config["KIOSK_NAME"] == "Desa Berkas"  # file beats default
    assert app.config["OFFICE_NAME"] == "from environment"  # environment beats file
    assert app.config["OFFICE_PHONE"] == "0274 999"  # test config beats everything
    assert app.config["CONTENT_DIR"] == str(content_dir)
    assert (tmp_path / "env-data" / "secret_key").is_file()


def test_secret_key_survives_a_restart(app, content_dir, tmp_path):
    again = create_app({"CONTENT_DIR": str(content_dir), "DATA_DIR": str(tmp_path / "data")})
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]
    assert len(app.config["SECRET_KEY"]) >= 32


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({"CONTENT_DIR": "/nonexistent/isi"},
         "Config value 'CONTENT_DIR': expected a folder, got '/nonexistent/isi'"),
        ({"DEFAULT_LANGUAGE": "fr"},
         "Config value 'DEFAULT_LANGUAGE': expected one of ['id', 'en'], got 'fr'"),
    ],
)
def test_bad_config_is_refused_with_a_precise_message(tmp_path, config, message):
    with pytest.raises(ConfigError) as info:
        create_app({"DATA_DIR": str(tmp_path), **config})
    assert str(info.value) == message


def test_pages_carry_a_strict_content_security_policy(client):
    csp = client.get("/").headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
