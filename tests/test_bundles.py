"""Content bundles on a USB stick: export with a manifest of hashes, import checked whole
before anything changes, a swap of folders, and rollback. Refused bundles change nothing."""

import hashlib
import json
import os
import stat
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import CATEGORIES, lesson_text, look, write
from quiz_samples import CHECKER, QUIZ
from served import KIOSK, WAIT, kiosk_env

from kiosk import create_app
from kiosk.editor.swap import PAUSE_VARIABLE


def tree(root):
    """Every file under ``root`` with its bytes: what 'untouched' is checked against."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def kiosk(base, title="Calo", quiz=True):
    """A kiosk with its own content, quizzes and data folders under ``base``."""
    content = base / "content"
    write(content / "categories.yaml", CATEGORIES)
    write(content / "id" / "visa-ziarah.md", lesson_text())
    write(content / "en" / "visa-ziarah.md", lesson_text("Pilgrimage visa"))
    write(content / "id" / "calo.md", lesson_text(title, order=2))
    write(content / "en" / "calo.md", lesson_text(title + " (en)", order=2))
    for lang in ("id", "en"):
        write(content / lang / "jalur-resmi.md", lesson_text("Jalur resmi", "jalur"))
    (content / "media").mkdir()
    (content / "media" / "paspor.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 40)
    if quiz:
        write(base / "quizzes" / "visa-ziarah.yaml",
              QUIZ.replace("        lesson: calo\n", ""))
        write(base / "quizzes" / "cek-tawaran.yaml", CHECKER)
    return create_app({"TESTING": True, "CONTENT_DIR": str(content),
                       "QUIZ_DIR": str(base / "quizzes"), "DATA_DIR": str(base / "data"),
                       "CONTENT_RECHECK_SECONDS": 0})


@pytest.fixture
def office(tmp_path):
    return kiosk(tmp_path / "kantor", "Calo versi kantor")


@pytest.fixture
def village(tmp_path):
    return kiosk(tmp_path / "desa", "Calo versi lama")


def run(app, *args):
    return app.test_cli_runner().invoke(args=list(args))


def folders(app):
    return Path(app.config["CONTENT_DIR"]), Path(app.config["QUIZ_DIR"])


def snapshot(app):
    content, quizzes = folders(app)
    return tree(content.parent)  # content, quizzes and anything left next to them


def exported(app, target):
    result = run(app, "content", "export", str(target))
    assert result.exit_code == 0, result.output
    return target


def test_export_writes_every_file_with_its_hash(office, tmp_path):
    content, quizzes = folders(office)
    write(content / "id" / ".calo.md.swp", "sisa penyunting")
    result = run(office, "content", "export", str(tmp_path / "usb" / "isi.zip"))
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Wrote {tmp_path / 'usb' / 'isi.zip'}: 10 files (")
    with zipfile.ZipFile(tmp_path / "usb" / "isi.zip") as zf:
        names = sorted(zf.namelist())
        manifest = json.loads(zf.read("manifest.json"))
        assert names == sorted([
            "manifest.json", "content/categories.yaml", "content/en/calo.md",
            "content/en/jalur-resmi.md", "content/en/visa-ziarah.md", "content/id/calo.md",
            "content/id/jalur-resmi.md", "content/id/visa-ziarah.md",
            "content/media/paspor.png", "quizzes/cek-tawaran.yaml",
            "quizzes/visa-ziarah.yaml"])
        for item in manifest["files"]:
            data = zf.read(item["path"])
            assert item["sha256"] == hashlib.sha256(data).hexdigest()
            assert item["size"] == len(data)
    assert manifest["format"] == "kios-waspada-content-bundle" and manifest["version"] == 1
    assert manifest["areas"] == ["content", "quizzes"]
    assert [p.name for p in (tmp_path / "usb").iterdir()] == ["isi.zip"]  # no temp file left


def test_export_refuses_content_with_errors(office, tmp_path):
    content, _ = folders(office)
    write(content / "id" / "calo.md", lesson_text().replace("summary:", "sumary:"))
    result = run(office, "content", "export", str(tmp_path / "isi.zip"))
    assert result.exit_code == 1
    assert "content/id/calo.md:3: error: unknown field 'sumary'; did you mean 'summary'?" \
        in result.output
    assert "Error: isi.zip was not written: fix the errors first" in result.output
    assert not (tmp_path / "isi.zip").exists()


def test_import_replaces_the_content_keeps_the_old_and_rollback_brings_it_back(
        office, village, tmp_path):
    bundle = exported(office, tmp_path / "isi.zip")
    before = tree(folders(village)[0])
    client = village.test_client()
    assert "Calo versi lama" in client.get("/pelajaran/calo").get_data(as_text=True)
    result = run(village, "content", "import", str(bundle))
    assert result.exit_code == 0, result.output
    assert "Imported isi.zip (made " in result.output
    assert "`kiosk content rollback` brings it back" in result.output
    assert tree(folders(village)[0]) == tree(folders(office)[0])
    assert tree(folders(village)[1]) == tree(folders(office)[1])
    # The running kiosk shows it at its watcher's next look; nothing is left next to the
    # live folders.
    look(village)
    assert "Calo versi kantor" in client.get("/pelajaran/calo").get_data(as_text=True)
    assert sorted(p.name for p in folders(village)[0].parent.iterdir()) == [
        "content", "data", "quizzes"]
    result = run(village, "content", "rollback")
    assert result.exit_code == 0, result.output
    assert "Put back the content replaced on " in result.output
    assert tree(folders(village)[0]) == before
    look(village)
    assert "Calo versi lama" in client.get("/pelajaran/calo").get_data(as_text=True)
    run(village, "content", "rollback")  # a rollback can itself be rolled back
    assert tree(folders(village)[0]) == tree(folders(office)[0])


def test_a_dry_run_checks_and_changes_nothing(office, village, tmp_path):
    bundle = exported(office, tmp_path / "isi.zip")
    before = snapshot(village)
    result = run(village, "content", "import", "--dry-run", str(bundle))
    assert result.exit_code == 0, result.output
    assert "isi.zip can be imported (--dry-run: nothing was changed)." in result.output
    assert snapshot(village) == before


def test_rollback_without_an_import_says_so(village):
    result = run(village, "content", "rollback")
    assert result.exit_code == 1
    assert "there is no earlier content to go back to" in result.output


def test_content_and_quizzes_may_live_in_different_places(office, tmp_path):
    bundle = exported(office, tmp_path / "isi.zip")
    write(tmp_path / "a" / "isi" / "categories.yaml", CATEGORIES)
    write(tmp_path / "a" / "isi" / "id" / "visa-ziarah.md", lesson_text())
    (tmp_path / "b").mkdir()
    app = create_app({"TESTING": True, "CONTENT_DIR": str(tmp_path / "a" / "isi"),
                      "QUIZ_DIR": str(tmp_path / "b" / "kuis"),  # does not exist yet
                      "DATA_DIR": str(tmp_path / "data")})
    result = run(app, "content", "import", str(bundle))
    assert result.exit_code == 0, result.output
    assert tree(tmp_path / "a" / "isi") == tree(folders(office)[0])
    assert tree(tmp_path / "b" / "kuis") == tree(folders(office)[1])
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["isi"]
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == ["kuis"]
    run(app, "content", "rollback")
    assert not list((tmp_path / "b" / "kuis").iterdir())  # there were no quizzes before
    assert sorted(tree(tmp_path / "a" / "isi")) == ["categories.yaml", "id/visa-ziarah.md"]


# -- refused bundles ---------------------------------------------------------------------


def make_bundle(path, files, manifest=None, links=(), tamper=None):
    """A zip as an attacker or a broken USB stick might make it."""
    listed = [{"path": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
              for name, data in files.items()]
    if manifest is None:
        manifest = {"format": "kios-waspada-content-bundle", "version": 1,
                    "created": "2026-11-27T10:00:00+00:00", "kiosk": "Kantor",
                    "areas": ["content", "quizzes"], "files": listed}
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in files.items():
            zf.writestr(name, (tamper or {}).get(name, data))
        for name, target in links:
            info = zipfile.ZipInfo(name)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            zf.writestr(info, target)
        if manifest is not False:
            zf.writestr("manifest.json", json.dumps(manifest))
    return path


def good_files(app):
    content, quizzes = folders(app)
    files = {f"content/{k}": v for k, v in tree(content).items()}
    files.update({f"quizzes/{k}": v for k, v in tree(quizzes).items()})
    return files


def refused(app, bundle, message):
    before = snapshot(app)
    data_before = tree(Path(app.config["DATA_DIR"]))
    result = run(app, "content", "import", str(bundle))
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output
    assert snapshot(app) == before  # untouched, and no staging folder left behind
    assert tree(Path(app.config["DATA_DIR"])) == data_before
    return result


@pytest.mark.parametrize(("entry", "message"), [
    ("../jahat.md", "entry '../jahat.md' leaves its folder ('..' or an empty part in the "
                    "path); nothing was changed"),
    ("content/../../jahat.md", "entry 'content/../../jahat.md' leaves its folder"),
    ("content/id/../../../jahat.md", "entry 'content/id/../../../jahat.md' leaves its folder"),
    ("/etc/cron.d/jahat", "entry '/etc/cron.d/jahat' is an absolute path; entries must be "
                          "inside 'content/' or 'quizzes/'"),
    ("C:/Windows/jahat.md", "entry 'C:/Windows/jahat.md' is an absolute path"),
    ("content\\..\\..\\jahat.md", "has a '\\' or NUL in its name"),
    ("content//id/jahat.md", "leaves its folder ('..' or an empty part in the path)"),
    ("content/id/.tersembunyi.md", "is a hidden file"),
    ("lain/jahat.md", "entry 'lain/jahat.md' is outside 'content/' and 'quizzes/'"),
])
def test_entries_that_leave_the_folder_are_refused(village, tmp_path, entry, message):
    files = {**good_files(village), entry: b"jahat"}
    bundle = make_bundle(tmp_path / "jahat.zip", files)
    refused(village, bundle, message)
    assert not (tmp_path / "jahat.md").exists()
    assert not (tmp_path / "desa" / "jahat.md").exists()


def test_a_link_in_the_bundle_is_refused(village, tmp_path):
    bundle = make_bundle(tmp_path / "link.zip", good_files(village),
                         links=[("content/id/tautan.md", "/etc/passwd")])
    refused(village, bundle, "entry 'content/id/tautan.md' is a link; a bundle holds only "
                             "plain files; nothing was changed")


def test_a_changed_file_fails_its_hash(village, tmp_path):
    files = good_files(village)
    bundle = make_bundle(tmp_path / "ubah.zip", files,
                         tamper={"content/id/calo.md": files["content/id/calo.md"]
                                 .replace(b"Calo", b"Kalo")})
    refused(village, bundle, "entry 'content/id/calo.md' does not match its SHA-256 in "
                             "manifest.json: the bundle is damaged or was changed after "
                             "export; nothing was changed")


def test_a_damaged_zip_is_refused(village, tmp_path):
    files = good_files(village)
    bundle = make_bundle(tmp_path / "rusak.zip", files)
    raw = bytearray(bundle.read_bytes())
    at = raw.index(b"Isi pelajaran.")  # inside the first lesson's data, stored uncompressed
    raw[at] ^= 0xFF
    bundle.write_bytes(bytes(raw))
    refused(village, bundle, "is damaged (Bad CRC-32 for file ")


@pytest.mark.parametrize(("change", "message"), [
    ("extra", "entry 'content/id/tambahan.md' is not in manifest.json; nothing was changed"),
    ("missing", "manifest.json lists 'content/id/hilang.md', which is not in the bundle"),
    ("no-manifest", "has no manifest.json; make bundles with `kiosk content export`"),
    ("other-format", "manifest.json is not a Kios Waspada content bundle's"),
    ("version", "manifest.json has version 2; this kiosk reads version 1"),
    ("twice", "differs from 'content/id/calo.md' only in upper/lower case"),
])
def test_a_manifest_that_does_not_fit_is_refused(village, tmp_path, change, message):
    files = good_files(village)
    bundle = make_bundle(tmp_path / "b.zip", files)
    with zipfile.ZipFile(bundle) as zf:
        manifest = json.loads(zf.read("manifest.json"))
    if change == "extra":
        bundle = make_bundle(tmp_path / "b.zip", {**files, "content/id/tambahan.md": b"x"},
                             manifest=manifest)
    elif change == "missing":
        manifest["files"].append({"path": "content/id/hilang.md", "size": 1,
                                  "sha256": "0" * 64})
        bundle = make_bundle(tmp_path / "b.zip", files, manifest=manifest)
    elif change == "no-manifest":
        bundle = make_bundle(tmp_path / "b.zip", files, manifest=False)
    elif change == "other-format":
        bundle = make_bundle(tmp_path / "b.zip", files, manifest={"files": []})
    elif change == "version":
        bundle = make_bundle(tmp_path / "b.zip", files, manifest={**manifest, "version": 2})
    else:
        bundle = make_bundle(tmp_path / "b.zip", {**files, "content/id/CALO.md": b"x"})
    refused(village, bundle, message)


@pytest.mark.parametrize(("limit", "value", "message"), [
    ("BUNDLE_MAX_FILES", 3, "has more than 3 files; nothing was changed"),
    ("BUNDLE_MAX_FILE_BYTES", 100, "a file may be at most 100 bytes; nothing was changed"),
    ("BUNDLE_MAX_TOTAL_BYTES", 500, "unpacks to more than 500 bytes; nothing was changed"),
])
def test_too_many_or_too_big_files_are_refused(village, tmp_path, limit, value, message):
    bundle = make_bundle(tmp_path / "besar.zip", good_files(village))
    village.config[limit] = value
    refused(village, bundle, message)


def test_a_bundle_the_checker_rejects_is_refused_with_its_findings(village, tmp_path):
    files = good_files(village)
    files["content/id/calo.md"] = lesson_text().replace("summary:", "sumary:").encode()
    bundle = make_bundle(tmp_path / "salah.zip", files)
    result = refused(village, bundle, "salah.zip was refused: the checker found errors; "
                                      "nothing was changed")
    assert "content/id/calo.md:3: error: unknown field 'sumary'; did you mean 'summary'?" \
        in result.output


def test_a_file_that_is_not_a_zip_is_refused(village, tmp_path):
    (tmp_path / "bukan.zip").write_text("halo")
    refused(village, tmp_path / "bukan.zip", "bukan.zip: cannot be opened: not a zip file; "
                                             "nothing was changed")


def test_only_one_import_at_a_time(office, village, tmp_path):
    bundle = exported(office, tmp_path / "isi.zip")
    lock = Path(village.config["DATA_DIR"]) / "content-bundle.lock"
    lock.write_text("")
    before = snapshot(village)
    result = run(village, "content", "import", str(bundle))
    assert result.exit_code == 1
    assert f"another import or rollback is running; if none is, delete {lock}" in result.output
    assert snapshot(village) == before


def test_a_swap_that_fails_puts_everything_back(office, village, tmp_path, monkeypatch):
    bundle = exported(office, tmp_path / "isi.zip")
    before = snapshot(village)
    real_rename = Path.rename
    quizzes = folders(village)[1]

    def busy(self, target):
        # The new quiz folder cannot be moved in (a program holds the old one open).
        if Path(target) == quizzes and self.name == quizzes.name:
            raise OSError(16, "Device or resource busy")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", busy)
    result = run(village, "content", "import", str(bundle))
    assert result.exit_code == 1
    assert ("the folders could not be swapped ([Errno 16] Device or resource busy); the "
            "content was put back as it was") in result.output
    assert snapshot(village) == before


def test_a_swap_that_cannot_be_undone_deletes_nothing(office, village, tmp_path, monkeypatch):
    bundle = exported(office, tmp_path / "isi.zip")
    old_quizzes = tree(folders(village)[1])
    real_rename = Path.rename
    quizzes = folders(village)[1]

    def stuck(self, target):
        if Path(target) == quizzes and not Path(self) == quizzes:
            raise OSError(5, "Input/output error")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", stuck)
    result = run(village, "content", "import", str(bundle))
    assert result.exit_code == 1
    assert "nothing was deleted: the previous folders are in " in result.output
    kept = next((tmp_path / "desa").glob(".quizzes.bundle-*")) / "quizzes.old"
    assert tree(kept) == old_quizzes


def test_a_bundle_the_kiosk_exports_imports_at_the_same_limit(office, village, tmp_path):
    files = len(tree(folders(office)[0])) + len(tree(folders(office)[1]))
    for app in (office, village):
        app.config["BUNDLE_MAX_FILES"] = files
    bundle = exported(office, tmp_path / "isi.zip")
    result = run(village, "content", "import", str(bundle))
    assert result.exit_code == 0, result.output
    assert tree(folders(village)[0]) == tree(folders(office)[0])


@pytest.mark.parametrize(("limit", "value", "message"), [
    ("BUNDLE_MAX_FILES", 9, "isi.zip was not written: it would hold 10 files, and a kiosk "
                            "imports at most 9 (setting BUNDLE_MAX_FILES)"),
    ("BUNDLE_MAX_FILE_BYTES", 100, "isi.zip was not written: content/categories.yaml is "
                                  "255 bytes, and a kiosk imports files of at most 100 bytes"),
    ("BUNDLE_MAX_TOTAL_BYTES", 500, "isi.zip was not written: its files come to "),
])
def test_export_refuses_a_bundle_no_kiosk_would_import(office, tmp_path, limit, value,
                                                       message):
    office.config[limit] = value
    result = run(office, "content", "export", str(tmp_path / "isi.zip"))
    assert result.exit_code == 1
    assert message in result.output
    assert f"(setting {limit})" in result.output
    assert not (tmp_path / "isi.zip").exists()


def killed_import(app, bundle, point):
    """`kiosk content import` in its own process, killed (SIGKILL) at a pause point."""
    env = kiosk_env({"CONTENT_DIR": app.config["CONTENT_DIR"],
                     "QUIZ_DIR": app.config["QUIZ_DIR"], "DATA_DIR": app.config["DATA_DIR"]})
    env[PAUSE_VARIABLE] = point
    proc = subprocess.Popen(KIOSK + ["content", "import", str(bundle)], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    try:
        said = []
        for line in proc.stderr:
            said.append(line)
            if line.strip() == f"paused at {point}":
                break
        else:
            raise AssertionError("the import ended before its pause point:\n" + "".join(said))
        proc.kill()  # SIGKILL: nothing of the import's own runs after this
    finally:
        proc.kill()
        proc.wait(timeout=WAIT)
        proc.stderr.close()


def leftovers(app):
    content, quizzes = folders(app)
    data = Path(app.config["DATA_DIR"])
    found = [*content.parent.glob(".*"), *quizzes.parent.glob(".*"), *data.iterdir()]
    return sorted(p.name for p in found if p.name not in ("secret_key", "stats.sqlite3"))


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_an_import_killed_between_its_renames_changes_nothing(office, village, tmp_path):
    bundle = exported(office, tmp_path / "isi.zip")
    content, quizzes = folders(village)
    before = {"content": tree(content), "quizzes": tree(quizzes)}
    killed_import(village, bundle, "between-renames")
    again = create_app(dict(village.config))  # the next start of any `kiosk` command
    assert {"content": tree(content), "quizzes": tree(quizzes)} == before
    assert leftovers(again) == []  # no staging folder, no journal, no lock
    # The lock the killed import held refuses nothing: the next import goes through.
    result = run(again, "content", "import", str(bundle))
    assert result.exit_code == 0, result.output
    assert tree(content) == tree(folders(office)[0])


@pytest.mark.skipif(os.name != "posix", reason="SIGKILL")
def test_an_import_killed_after_its_renames_is_finished_and_can_be_rolled_back(
        office, village, tmp_path):
    bundle = exported(office, tmp_path / "isi.zip")
    content, quizzes = folders(village)
    before = {"content": tree(content), "quizzes": tree(quizzes)}
    killed_import(village, bundle, "before-backup")
    again = create_app(dict(village.config))
    assert tree(content) == tree(folders(office)[0])
    assert leftovers(again) == ["content-backup"]
    result = run(again, "content", "rollback")
    assert result.exit_code == 0, result.output
    assert {"content": tree(content), "quizzes": tree(quizzes)} == before


def test_staging_folders_of_an_import_killed_while_unpacking_are_removed_at_start(village):
    content, quizzes = folders(village)
    # What `kiosk content import` killed while unpacking leaves (45 MB for a real bundle).
    left = content.parent / ".content.bundle-0badc0de" / "content" / "id" / "calo.md"
    write(left, lesson_text())
    half = Path(village.config["DATA_DIR"]) / "content-backup.new-0badc0de"
    write(half / "content" / "categories.yaml", CATEGORIES)
    before = tree(content)
    again = create_app(dict(village.config))
    assert leftovers(again) == []
    assert tree(content) == before
