"""The English catalog is complete, and the compiled .mo matches the .po it came from."""

import io
from pathlib import Path

from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "translations" / "en" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")


def load_po():
    with PO.open("rb") as fh:
        return read_po(fh, locale="en")


def test_every_ui_string_has_an_english_translation():
    untranslated = [
        m.id for m in load_po()
        if m.id and (not m.string or (isinstance(m.string, tuple) and not all(m.string))
                     or m.fuzzy)
    ]
    assert untranslated == []


def test_compiled_catalog_is_up_to_date():
    fresh = io.BytesIO()
    write_mo(fresh, load_po())
    fresh.seek(0)
    with MO.open("rb") as fh:
        shipped = read_mo(fh)
    expected = read_mo(fresh)
    def table(catalog):
        return {str(m.id): str(m.string) for m in catalog if m.id}

    assert table(shipped) == table(expected)


def test_every_string_in_the_code_is_in_the_catalog():
    from babel.messages.extract import extract_from_dir

    catalog_ids = {m.id if isinstance(m.id, str) else m.id[0] for m in load_po() if m.id}
    method_map = [("kiosk/**.py", "python"), ("kiosk/templates/**.html", "jinja2")]
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None,
                "lazy_gettext": None, "lazy_ngettext": (1, 2)}
    found = {
        (msg if isinstance(msg, str) else msg[0])
        for _, _, msg, _, _ in extract_from_dir(str(ROOT), method_map, keywords=keywords)
    }
    assert sorted(found - catalog_ids) == []
