import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from kiosk import files

# `python -m kiosk` runs the code of this checkout, whatever `kiosk` on PATH points at.
KIOSK = [sys.executable, "-m", "kiosk"]


def test_help_lists_the_commands():
    done = subprocess.run(KIOSK + ["--help"], capture_output=True, text=True, check=True)
    assert "run" in done.stdout
    assert "translations" in done.stdout
    assert "--app" not in done.stdout


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_run_serves_the_kiosk_and_prints_its_address(content_dir, tmp_path):
    port = free_port()
    env = {**os.environ, "KIOSK_CONTENT_DIR": str(content_dir),
           "KIOSK_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.Popen(
        KIOSK + ["run", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/pelajaran/calo") as r:
                    body = r.read().decode()
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.05)
        assert "<h1>Calo</h1>" in body
    finally:
        proc.terminate()
        out, _ = proc.communicate(timeout=10)
    assert f"Serving on http://localhost:{port}/" in out
    assert "id: 3, en: 1 lessons; 0 content errors." in out
    assert "read-aloud: espeak-ng " in out  # or, without it, why not and how to add it
    # No office in this kiosk's settings: the start says so, and what to run.
    assert "no office is set up: the Lapor screen shows only the national numbers. " \
        "Run `kiosk setup` to add the immigration office." in out


def test_a_bad_setting_stops_the_command_with_the_config_message(tmp_path):
    env = {**os.environ, "KIOSK_CONTENT_DIR": str(tmp_path / "hilang"),
           "KIOSK_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run(KIOSK + ["run"], env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert f"kiosk: Config value 'CONTENT_DIR': expected a folder, got '{tmp_path}/hilang'" \
        in done.stderr
    assert "Traceback" not in done.stderr


def test_atomic_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "sub" / "berkas.txt"
    files.atomic_write(target, "lama")
    files.atomic_write(target, "baru")
    assert target.read_text() == "baru"
    assert [p.name for p in target.parent.iterdir()] == ["berkas.txt"]


def test_a_write_that_fails_midway_leaves_the_old_file_and_no_debris(tmp_path, monkeypatch):
    target = tmp_path / "berkas.txt"
    files.atomic_write(target, "lama")

    def power_cut(fd):
        raise OSError("power cut")

    monkeypatch.setattr(os, "fsync", power_cut)
    with pytest.raises(OSError, match="power cut"):
        files.atomic_write(target, "baru")
    assert target.read_text() == "lama"
    assert [p.name for p in tmp_path.iterdir()] == ["berkas.txt"]
