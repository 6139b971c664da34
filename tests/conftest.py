"""Fixtures build on each other: a small real content tree -> app -> client/runner."""

import datetime
import re
import sqlite3
import textwrap
from pathlib import Path

import jinja2
import pytest
import zxingcpp
from flask import Flask

from kiosk import create_app

ROOT = Path(__file__).resolve().parent.parent
# scrypt's N for officer PINs in tests: werkzeug's 2**15 costs ~0.1 s for every PIN set or tried,
# and a wrong PIN is refused just the same at 2**7, the least the kiosk accepts (test_officer.py
# checks both costs).
PIN_COST = 2**7

CATEGORIES = """\
modus:
  icon: alert
  name: {id: Modus perekrut, en: Recruiter tricks}
  description: {id: Cara calo menipu, en: How brokers deceive}
jalur:
  icon: shield
  name: {id: Jalur resmi, en: Legal route}
  description: {id: Jalan yang aman, en: The safe way}
"""


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept in memory, keyed by the template and checked against its source:
    an edited template is compiled again."""

    def __init__(self):
        self.code = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket):
        self.code[bucket.key] = bucket.bytecode_to_string()


@pytest.fixture(scope="session", autouse=True)
def compiled_templates():
    """Each test builds its own app, and each app compiled every template it rendered anew:
    about a quarter of a page test's time. All apps of the session share the compiled code
    (every app comes from create_app, so their Jinja environments are alike)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Flask, "jinja_options",
                      {**Flask.jinja_options, "bytecode_cache": CompiledTemplates()})
        yield


def lesson_text(title="Visa ziarah", category="modus", tags="[visa, umrah]", order=1,
                body="Isi pelajaran.\n\n## Bagian satu\n\nTeks.\n", extra=""):
    return textwrap.dedent(f"""\
        ---
        title: {title}
        summary: Ringkasan {title}.
        category: {category}
        tags: {tags}
        order: {order}
        sources:
          - UU No. 18 Tahun 2017
        reviewed: 2026-11-01
        {extra}---

        """) + body


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def stored(app, sql):
    """Rows of ``sql`` from the app's stats file, once what waits in memory is written."""
    store = app.extensions["stats"]
    store.flush()
    conn = sqlite3.connect(store.path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def look(app):
    """One look of the content watcher, as its thread takes every few seconds while the kiosk
    runs: what a test wrote reaches the pages and the search index."""
    return app.extensions["watcher"].tick()


def search_ready(app):
    """The app's search once its index is prepared in the background, as on a kiosk a moment
    after `kiosk run` started it (until then it answers from the lesson list)."""
    search = app.extensions["search"]
    search.start()
    assert search.wait(timeout=60)
    return search


@pytest.fixture
def content_dir(tmp_path):
    root = tmp_path / "content"
    write(root / "categories.yaml", CATEGORIES)
    write(root / "id" / "visa-ziarah.md", lesson_text(tags="[visa, umrah, paspor]"))
    write(root / "id" / "calo.md", lesson_text("Calo", tags="[calo, paspor]", order=2))
    write(root / "id" / "jalur-resmi.md", lesson_text("Jalur resmi", "jalur", "[resmi]"))
    write(root / "en" / "visa-ziarah.md", lesson_text("Pilgrimage visa", tags="[visa]"))
    (root / "media").mkdir()
    return root


def newer_stats_database(tmp_path):
    """A data folder whose stats.sqlite3 says it was written by a newer kiosk: the stats
    stay off (no sink), as on a kiosk that was downgraded. Returns the folder."""
    data = tmp_path / "data"
    data.mkdir()
    conn = sqlite3.connect(data / "stats.sqlite3")
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    return data


def stats_file_before(path, table):
    """A stats file as a kiosk wrote it before ``table`` existed: every migration before the
    one that creates it, and that version number. Returns an open connection to fill."""
    from kiosk.stats.schema import MIGRATIONS

    before = next(i for i, script in enumerate(MIGRATIONS)
                  if f"CREATE TABLE {table} " in script)
    conn = sqlite3.connect(path)
    for script in MIGRATIONS[:before]:
        conn.executescript(script)
    conn.execute(f"PRAGMA user_version = {before}")
    return conn


def settings(content_dir, tmp_path, **more):
    """A test kiosk's settings: everything it reads or writes is under tmp_path."""
    return {
        "TESTING": True,
        "CONTENT_DIR": str(content_dir),
        "QUIZ_DIR": str(tmp_path / "quizzes"),  # empty unless a test writes quizzes there
        "DATA_DIR": str(tmp_path / "data"),
        "OFFICER_PIN_COST": PIN_COST,
        **more,
    }


@pytest.fixture
def app(content_dir, tmp_path):
    return create_app(settings(
        content_dir, tmp_path,
        CONTENT_RECHECK_SECONDS=0,
        OFFICE_NAME="Kantor Imigrasi Kelas I Contoh",
        OFFICE_PHONE="(0274) 123-456",
    ))


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def bundled_app(tmp_path):
    """The kiosk on the content shipped in the repository: only for tests of that content."""
    return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"),
                       "OFFICER_PIN_COST": PIN_COST})


class Clock:
    """A clock a test moves by hand; given to create_app(clock=...)."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def clock():
    # A Thursday morning, local time: 5 March 2026, 10:37:42.
    return Clock(datetime.datetime(2026, 3, 5, 10, 37, 42).timestamp())


@pytest.fixture
def stats_app(content_dir, tmp_path, clock):
    """The kiosk on the small content tree, with a clock the test controls."""
    return create_app(settings(content_dir, tmp_path, CONTENT_RECHECK_SECONDS=0,
                               KIOSK_NAME="Desa Sukamaju"), clock=clock)


def svg_matrix(svg):
    """The dark modules of one of segno's inline SVGs, read from its path ('M x y h n m ...')."""
    size = int(re.search(r'viewBox="0 0 (\d+) \d+"', svg).group(1))
    grid = [[False] * size for _ in range(size)]
    x = y = 0.0
    for op, a, b in re.findall(r"([MmHh])\s*(-?[\d.]+)(?:[ ,](-?[\d.]+))?",
                               re.search(r' d="([^"]+)"', svg).group(1)):
        if op in "Mm":
            x, y = (float(a), float(b)) if op == "M" else (x + float(a), y + float(b))
        else:
            length = float(a) if op == "h" else float(a) - x
            for column in range(int(x), int(x + length)):
                grid[int(y)][column] = True  # a stroke along y + 0.5 fills row y
            x += length
    return grid


def decode(svg, scale=8):
    """Decode a QR code with zxing-cpp from a raster of its matrix, as a camera would."""
    grid = svg_matrix(svg)
    size = len(grid) * scale
    pixels = bytearray(
        0 if grid[row // scale][column // scale] else 255
        for row in range(size) for column in range(size))
    found = zxingcpp.read_barcodes(memoryview(pixels).cast("B", (size, size)))
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    return found[0].text
