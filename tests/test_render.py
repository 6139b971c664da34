import pytest

from kiosk.content.render import LessonRenderer


@pytest.fixture
def renderer(tmp_path):
    (tmp_path / "paspor.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    return LessonRenderer(media_dir=tmp_path)


@pytest.mark.parametrize(
    ("markdown", "forbidden"),
    [
        ("Halo <script>alert('x')</script> dunia", ["<script", "alert("]),
        ('<img src="media/paspor.png" onerror="alert(1)">', ["onerror", "alert("]),
        ("[klik](javascript:alert(1))", ['href="javascript']),
        ('<a href="javascript:alert(1)">klik</a>', ["javascript:"]),
        ('<iframe src="https://contoh.com"></iframe> sisa', ["<iframe", "contoh.com"]),
        ('<div onclick="x()" style="position:fixed">a</div>', ["onclick", "style="]),
        ('<img src="https://contoh.com/pelacak.gif">', ["contoh.com"]),
    ],
)
def test_sanitizing_removes_what_could_run_or_leave_the_kiosk(renderer, markdown, forbidden):
    html, _, _ = renderer.render(markdown)
    for needle in forbidden:
        assert needle not in html


def test_outside_links_become_plain_text_and_are_reported(renderer):
    md = "Intro.\n\nLihat [situs](https://contoh.com)."
    html, _, problems = renderer.render(md, first_line=8)
    assert "<a>situs</a>" in html
    message = "link to 'https://contoh.com' leaves the kiosk; it is shown as plain text"
    assert problems == [(10, message)]


def test_lesson_links_phone_links_and_media_are_rewritten_for_the_kiosk(renderer):
    html, _, problems = renderer.render(
        "[Calo](calo.md) [Bagian](calo.md#tanda) [Telepon](tel:110) ![Paspor](media/paspor.png)"
    )
    assert '<a href="/pelajaran/calo">Calo</a>' in html
    assert '<a href="/pelajaran/calo#tanda">Bagian</a>' in html
    assert '<a href="tel:110">Telepon</a>' in html
    assert '<img src="/media/paspor.png" alt="Paspor" loading="lazy">' in html
    assert problems == []


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("![x](media/hilang.png)", "image media/hilang.png does not exist in the media folder"),
        ("![x](https://contoh.com/a.png)",
         "image 'https://contoh.com/a.png' must be a file in media/, e.g. media/paspor.png"),
        ("![x](media/../../rahasia.png)",
         "image 'media/../../rahasia.png' must be a file in media/, e.g. media/paspor.png"),
    ],
)
def test_images_must_be_local_media(renderer, source, message):
    html, _, problems = renderer.render(f"Teks.\n\n{source}", first_line=5)
    assert problems == [(7, message)]
    assert "contoh.com" not in html


def test_callouts_headings_and_tables(renderer):
    md = (
        "## Tanda bahaya\n\n::: waspada\n- Paspor ditahan\n:::\n\n"
        "| a | b |\n|---|---|\n| 1 | 2 |\n"
    )
    html, headings, _ = renderer.render(md, lang="id")
    assert '<h2 id="tanda-bahaya">Tanda bahaya</h2>' in html
    assert '<div class="callout callout-waspada">' in html
    assert '<p class="callout-title">Waspada!</p>' in html
    assert "<table>" in html and "<td>1</td>" in html
    assert headings == [("tanda-bahaya", "Tanda bahaya")]
    english, _, _ = renderer.render(md, lang="en")
    assert '<p class="callout-title">Beware!</p>' in english
