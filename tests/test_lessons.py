import datetime as dt

import pytest

from kiosk.content.lessons import parse_lesson
from kiosk.errors import ContentError

CATEGORIES = {"modus": object(), "jalur": object()}
WHERE = "content/id/visa-ziarah.md"

GOOD = b"""\
---
title: Visa ziarah untuk kerja
summary: Berangkat ziarah, ternyata disuruh bekerja.
category: modus
tags: [visa, umrah, 2017]
order: 3
sources:
  - UU No. 18 Tahun 2017
reviewed: 2026-11-01
---

Pak Darto ditawari ziarah gratis.
"""


def parse(raw, slug="visa-ziarah"):
    return parse_lesson(raw, WHERE, slug, "id", CATEGORIES)


def test_good_front_matter_keeps_its_types():
    lesson = parse(GOOD)
    assert lesson.title == "Visa ziarah untuk kerja"
    assert lesson.tags == ["visa", "umrah", "2017"]
    assert lesson.order == 3
    assert lesson.sources == ["UU No. 18 Tahun 2017"]
    assert lesson.reviewed == dt.date(2026, 11, 1)
    assert lesson.body_line == 11
    assert lesson.body.strip() == "Pak Darto ditawari ziarah gratis."


def test_optional_fields_may_be_left_out_or_empty():
    raw = b"---\ntitle: T\nsummary: S\ncategory: jalur\nreviewed:\nimage:\n---\nIsi.\n"
    lesson = parse(raw)
    assert (lesson.tags, lesson.order, lesson.reviewed, lesson.image) == ([], 100, None, None)


def test_windows_line_endings_and_a_byte_order_mark_are_accepted():
    lesson = parse(b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n"))
    assert lesson.title == "Visa ziarah untuk kerja"


def replace(old, new):
    return GOOD.replace(old, new)


@pytest.mark.parametrize(
    ("raw", "line", "message"),
    [
        (GOOD.replace(b"---\n", b"", 1), 1,
         "must start with a line '---' that opens the front matter"),
        (GOOD.replace(b"---\n\n", b"\n"), 1,
         "front matter is not closed: add a line '---' after it"),
        (replace(b"tags: [visa, umrah, 2017]", b"tags: [visa, umrah"), 6,
         "front matter is not valid YAML: expected ',' or ']', but got ':' "
         "(while parsing a flow sequence that starts on line 5)"),
        (replace(b"order: 3", b"order: 3\n  bad: indent"), 7,
         "front matter is not valid YAML: mapping values are not allowed here"),
        (replace(b"tags: [visa, umrah, 2017]", b"tags: visa, umrah"), 5,
         "front matter 'tags' must be a list, e.g. tags: [paspor, calo]"),
        (replace(b"summary:", b"sumary:"), 3,
         "unknown field 'sumary'; did you mean 'summary'?"),
        (replace(b"order: 3\n", b"order: 3\nwarna: merah\n"), 7,
         "unknown field 'warna'; allowed fields: title, summary, category, tags, order, "
         "image, sources, reviewed, bawa_pulang"),
        (replace(b"title: Visa ziarah untuk kerja\n", b""), 1,
         "front matter 'title' is missing; write 'title: …'"),
        (replace(b"category: modus", b"category: visa"), 4,
         "front matter 'category' is 'visa', which is not in categories.yaml "
         "(known: jalur, modus)"),
        (replace(b"order: 3", b"order: pertama"), 6,
         "front matter 'order' must be a whole number"),
        (replace(b"reviewed: 2026-11-01", b"reviewed: kemarin"), 9,
         "front matter 'reviewed' must be a date like 2026-11-27, or empty"),
        (replace(b"title: Visa ziarah untuk kerja", b"title: [Visa]"), 2,
         "front matter 'title' must be text"),
        (replace(b"Pak Darto ditawari ziarah gratis.\n", b"   \n"), 11,
         "lesson has no text after the front matter"),
        (replace(b"summary: Berangkat", b"summary: Berangkat \xff"), 3,
         "is not valid UTF-8; save it as UTF-8 text"),
        (b"---\n- satu\n- dua\n---\nIsi\n", 2, "front matter must be 'field: value' lines"),
    ],
)
def test_bad_front_matter_names_the_line_and_the_problem(raw, line, message):
    with pytest.raises(ContentError) as info:
        parse(raw)
    assert (info.value.line, info.value.message) == (line, message)
    assert str(info.value) == f"{WHERE}:{line}: {message}"


@pytest.mark.parametrize("slug", ["Visa_Ziarah", "visa ziarah", "-visa", "visa--ziarah"])
def test_a_file_name_that_is_not_a_slug_is_refused(slug):
    with pytest.raises(ContentError, match="file name must be a slug"):
        parse(GOOD, slug=slug)
