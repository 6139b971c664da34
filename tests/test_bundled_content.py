"""The content shipped with the kiosk: every lesson serves, in both languages, offline."""

import re
from pathlib import Path

import pytest

from kiosk import create_app

ROOT = Path(__file__).resolve().parent.parent
SLUGS = sorted(p.stem for p in (ROOT / "content" / "id").glob("*.md"))
EXTERNAL = re.compile(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path_factory.mktemp("data"))})
    return app.test_client()


def test_bundled_content_has_no_errors_and_enough_lessons(client):
    health = client.get("/healthz").get_json()
    assert health["errors"] == []
    assert health["content_warnings"] == 0
    assert health["lessons"]["id"] >= 12
    assert health["lessons"]["en"] == health["lessons"]["id"]


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_bundled_lesson_renders_in_both_languages(client, slug, lang):
    response = client.get(f"/pelajaran/{slug}?lang={lang}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'<article class="lesson" lang="{lang}"' in page
    assert "callout-lakukan" in page


def all_pages(client):
    pages = ["/", "/lapor", "/tentang", "/halaman-yang-tidak-ada"]
    pages += [f"/kategori/{c}" for c in ("modus-perekrutan", "kerja-paksa", "jalur-resmi", "lapor")]
    pages += [f"/pelajaran/{slug}" for slug in SLUGS]
    return pages


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_page_references_anything_outside_the_kiosk(client, lang):
    client.get(f"/?lang={lang}")
    for path in all_pages(client):
        page = client.get(path).get_data(as_text=True)
        assert not EXTERNAL.search(page), path
    for css in (ROOT / "static").rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text()), css
    for script in (ROOT / "static").rglob("*.js"):
        assert not re.search(r"""["'`](?:https?:)?//""", script.read_text()), script


def test_every_category_icon_exists():
    import yaml

    categories = yaml.safe_load((ROOT / "content" / "categories.yaml").read_text())
    for entry in categories.values():
        assert (ROOT / "static" / "icons" / f"{entry['icon']}.svg").is_file()
