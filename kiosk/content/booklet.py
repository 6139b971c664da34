"""The buku saku: lessons as a small A5 PDF a phone keeps and shares on WhatsApp as it is.

Made with fpdf2 and the bundled DejaVu Sans (subset on embed) from the lessons' Markdown;
officers' notes, their "check before use" boxes and pictures are left out. Kept in
DATA_DIR by content hash (BookletCache).
"""

import hashlib
import logging
import threading
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF

from ..files import atomic_write
from .render import CALLOUTS, inline_text, without_notes

log = logging.getLogger(__name__)

# Changed whenever the layout changes, so booklets cached on disk are made again.
LAYOUT_VERSION = "3"
FONT = "DejaVu"
BODY_PT, H2_PT, H3_PT, TITLE_PT = 12.5, 16, 14, 20
LINE = 1.45  # line height, as a multiple of the font size
KEEP_WITH_NEXT = 25  # mm: a heading or a box's title never ends a page without its text
MM_PER_PT = 0.3528
WARN, WARN_SOFT = (163, 25, 15), (253, 236, 234)
OK, OK_SOFT = (28, 94, 51), (230, 243, 234)
ACCENT, INK = (10, 79, 149), (20, 24, 29)
BOXES = {"waspada": (WARN, WARN_SOFT), "lakukan": (OK, OK_SOFT)}
# Boxes for officers only: a number still to be checked must not go home on paper.
OFFICERS_ONLY = ("periksa",)

WORDS = {
    "id": {"book": "Buku saku Kios Waspada", "lesson": "Pelajaran dari Kios Waspada",
           "intro": "Bacalah bersama keluarga. Bagikan kepada tetangga yang ditawari kerja "
                    "di luar negeri.",
           "numbers": "Nomor untuk minta tolong dan melapor", "office": "Kantor imigrasi",
           "free": "Melapor tidak dipungut biaya.", "page": "Halaman",
           "contents": "Isi buku ini"},
    "en": {"book": "Kios Waspada pocket book", "lesson": "A lesson from Kios Waspada",
           "intro": "Read it with your family. Share it with a neighbour who is offered work "
                    "abroad.",
           "numbers": "Numbers to get help and report", "office": "Immigration office",
           "free": "Reporting costs nothing.", "page": "Page", "contents": "In this book"},
}


@dataclass(frozen=True)
class Block:
    """One piece of a lesson as the booklet sets it. kind: 'h2', 'h3', 'p', 'item' (with its
    marker, '•' or '3.'), 'row' (a table row), 'box' and 'end' (a callout's start and end)."""

    kind: str
    text: str = ""
    marker: str = ""
    box: str = ""


def lesson_blocks(md, lesson):
    """The lesson body as Blocks, from its Markdown tokens (officers' notes and boxes and
    pictures left out)."""
    tokens = without_notes(md.parse(lesson.body, {"lang": lesson.lang, "problems": [],
                                                  "first_line": 1, "outline": None}),
                           also=OFFICERS_ONLY)
    found, box, lists, heading = [], "", [], None
    for tok in tokens:
        kind = tok.type
        if kind.startswith("container_") and kind.endswith(("_open", "_close")):
            name = kind.removeprefix("container_").rsplit("_", 1)[0]
            if kind.endswith("_open"):
                box = name
                titles = CALLOUTS.get(name, {})
                found.append(Block("box", titles.get(lesson.lang) or titles.get("id", ""),
                                   box=name))
            else:
                found.append(Block("end", box=box))
                box = ""
        elif kind == "heading_open":
            heading = "h2" if tok.tag in ("h1", "h2") else "h3"
        elif kind in ("ordered_list_open", "bullet_list_open"):
            lists.append(int(tok.attrGet("start") or 1) if kind == "ordered_list_open" else None)
        elif kind in ("ordered_list_close", "bullet_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            marker = "•"
            if lists and lists[-1] is not None:
                marker, lists[-1] = f"{lists[-1]}.", lists[-1] + 1
            found.append(Block("item", marker=marker, box=box))
        elif kind == "tr_open":
            found.append(Block("row", box=box))
        elif kind == "inline":
            text = inline_text(tok)
            last = found[-1] if found else None
            if heading:
                found.append(Block(heading, text, box=box))
                heading = None
            elif last is not None and last.kind == "row":
                joined = f"{last.text} — {text}" if last.text and text else last.text or text
                found[-1] = Block("row", joined, box=box)
            elif last is not None and last.kind == "item" and not last.text:
                found[-1] = Block("item", text, last.marker, box)
            elif text:
                found.append(Block("p", text, box=box))
    return [b for b in found if b.text or b.kind in ("box", "end")]


class PocketBook(FPDF):
    """An A5 page with the kiosk's large type and a page number at the foot."""

    def __init__(self, fonts_dir, lang):
        # A5 as millimetres: fpdf2 2.8 warns on the name "A5" (its size was fixed in 2.8.5).
        super().__init__(format=(148, 210), unit="mm")
        self.lang = lang
        self.words = WORDS.get(lang, WORDS["id"])
        fonts_dir = Path(fonts_dir)
        self.add_font(FONT, "", fonts_dir / "DejaVuSans.ttf")
        self.add_font(FONT, "B", fonts_dir / "DejaVuSans-Bold.ttf")
        self.glyphs = frozenset(self.fonts[FONT.lower()].cmap)
        self.set_margins(13, 13, 13)
        self.set_auto_page_break(True, margin=15)
        self.set_creator("Kios Waspada")
        self.set_lang(lang)

    def footer(self):
        self.set_y(-11)
        self.set_font(FONT, "", 9)
        self.set_text_color(*INK)
        self.cell(0, 5, f"{self.words['page']} {self.page_no()}", align="C")

    def clean(self, text):
        # A glyph the font lacks (an emoji an editor typed) would print as a box: left out.
        return "".join(ch for ch in text if ord(ch) in self.glyphs or ch in "\n\t")

    def write_text(self, text, size=BODY_PT, style="", color=INK, indent=0.0, fill=None,
                   after=1.5):
        self.set_font(FONT, style, size)
        self.set_text_color(*color)
        self.set_x(self.l_margin + indent)
        if fill:
            self.set_fill_color(*fill)
        self.multi_cell(self.epw - indent, size * MM_PER_PT * LINE, self.clean(text),
                        align="L", fill=bool(fill), new_x="LMARGIN", new_y="NEXT",
                        padding=(0, 2, 0, 2) if fill else 0)
        if after:
            self.ln(after)

    def numbers_page(self, contacts):
        """The numbers to call and the office, large: the first and the last page."""
        self.write_text(self.words["numbers"], H2_PT, "B", WARN, after=3)
        for name, number, note in contacts.numbers:
            self.write_text(name, BODY_PT, "", INK, after=0)
            self.write_text(number, TITLE_PT, "B", WARN, after=0)
            if note:
                self.write_text(note, BODY_PT - 1.5, "", INK, after=0)
            self.ln(3)
        name, phone, address = contacts.office or ("", "", "")
        if name or phone:
            self.ln(2)
            self.write_text(self.words["office"], H3_PT, "B", ACCENT, after=1)
            for part, size, style in ((name, BODY_PT, "B"), (phone, TITLE_PT, "B"),
                                      (address, BODY_PT, "")):
                if part:
                    self.write_text(part, size, style, WARN if part == phone else INK, after=0)
        self.ln(3)
        self.write_text(self.words["free"], BODY_PT)

    def lesson(self, lesson, blocks, category=""):
        self.add_page()
        if category:
            self.write_text(category, BODY_PT - 2, "B", ACCENT, after=0.5)
        self.write_text(lesson.title, TITLE_PT, "B", INK, after=2)
        self.write_text(lesson.summary, BODY_PT + 0.5, "", INK, after=3)
        fill, heading = None, None
        for block in blocks:
            colors = BOXES.get(block.box)
            fill = colors[1] if colors else None
            if block.kind == "box":
                # "What to do" under the heading "What to do" would be printed twice.
                if heading is None or heading.casefold() != block.text.casefold():
                    if self.will_page_break(KEEP_WITH_NEXT):
                        self.add_page()
                    self.ln(1)
                    self.write_text(block.text, H3_PT, "B", colors[0] if colors else INK,
                                    fill=fill, after=0)
            elif block.kind == "end":
                self.ln(3)
            elif block.kind in ("h2", "h3"):
                if self.will_page_break(KEEP_WITH_NEXT + 5):
                    self.add_page()
                self.ln(2)
                self.write_text(block.text, H2_PT if block.kind == "h2" else H3_PT, "B",
                                ACCENT, fill=fill)
            elif block.kind == "item":
                self.item(block, fill)
            else:
                self.write_text(block.text, BODY_PT, "", INK, fill=fill,
                                after=0 if fill else 2)
            heading = block.text if block.kind in ("h2", "h3") else None

    def item(self, block, fill):
        size = BODY_PT
        height = size * MM_PER_PT * LINE
        self.set_font(FONT, "", size)
        self.set_text_color(*INK)
        if fill:
            self.set_fill_color(*fill)
        width = 7 if len(block.marker) < 3 else 9
        if self.will_page_break(height):
            self.add_page()
        self.cell(width, height, block.marker, fill=bool(fill), align="R")
        self.multi_cell(self.epw - width, height, " " + self.clean(block.text), align="L",
                        fill=bool(fill), new_x="LMARGIN", new_y="NEXT",
                        padding=(0, 2, 0, 0) if fill else 0)
        if not fill:
            self.ln(1)


def make(fonts_dir, lang, lessons, contacts, md, categories=None, kiosk_name="",
         single=False):
    """The PDF bytes. ``lessons`` in reading order; a lesson that cannot be set is left out
    (logged) and the others are printed: one editor's slip never costs the whole book."""
    categories = categories or {}
    book = PocketBook(fonts_dir, lang)
    words = book.words
    title = lessons[0].title if single and lessons else words["book"]
    book.set_title(title)
    book.add_page()
    book.write_text(words["lesson"] if single else words["book"], TITLE_PT - (4 if single
                                                                          else 0), "B", ACCENT)
    if kiosk_name:
        book.write_text(kiosk_name, BODY_PT, "", INK)
    if not single:
        book.write_text(words["intro"], BODY_PT, "", INK, after=4)
    book.numbers_page(contacts)
    prepared = []
    for lesson in lessons:
        try:
            prepared.append((lesson, lesson_blocks(md, lesson)))
        except Exception:  # a broken lesson is left out, the rest is served
            log.exception("%s: left out of the booklet", lesson.path)
    if not single:
        # The list of lessons starts a page of its own when it would not fit below the
        # numbers: never its heading alone at the foot of the first page.
        line = (BODY_PT - 1) * MM_PER_PT * LINE
        needed = 12 + line * len(prepared)
        if book.will_page_break(needed if needed < book.eph else KEEP_WITH_NEXT):
            book.add_page()
        book.ln(2)
        book.write_text(words["contents"], H3_PT, "B", ACCENT, after=1)
        for lesson, _ in prepared:
            book.write_text(f"• {lesson.title}", BODY_PT - 1, "", INK, after=0)
    for lesson, found in prepared:
        book.lesson(lesson, found, categories.get(lesson.category, ""))
    book.add_page()
    book.numbers_page(contacts)
    return bytes(book.output())


def content_key(lang, lessons, contacts, kiosk_name="", single=False, categories=None):
    """What a booklet is made from, as a hash: lesson texts, the category names printed
    above them, the numbers and the office."""
    names = sorted((categories or {}).items())
    digest = hashlib.sha256(f"{LAYOUT_VERSION}|{lang}|{single}|{kiosk_name}|{contacts!r}|"
                            f"{names!r}".encode())
    for lesson in lessons:
        for part in (lesson.path, lesson.title, lesson.summary, lesson.category, lesson.body):
            digest.update(b"\0" + part.encode())
    return digest.hexdigest()[:24]


class BookletCache:
    """Booklets already made, as files in ``folder``; one is made once, however many phones
    ask for it at the same moment (the others wait for it, then get the same file). When the
    folder refuses writes (a full disk, a read-only stick) the booklet is kept in memory."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self._guard = threading.Lock()
        self._locks = {}  # name -> lock, so two different booklets are made side by side
        self._kept = {}  # name -> (key, bytes): made while the folder refused writes

    def path(self, name, key, build):
        """The file for booklet ``name`` made from content ``key``, or its bytes when the
        folder refuses writes; ``build()`` gives the bytes when it is not on disk yet. Older
        files of the same name are removed."""
        target = self.folder / f"{name}-{key}.pdf"
        if target.is_file():
            return target
        with self._guard:
            lock = self._locks.setdefault(name, threading.Lock())
        with lock:
            if target.is_file():
                return target
            kept = self._kept.get(name)
            data = kept[1] if kept and kept[0] == key else build()
            try:
                atomic_write(target, data)
            except OSError as exc:
                # A phone still gets its booklet; the disk is tried again next time.
                if kept is None or kept[0] != key:
                    log.warning("%s: booklet kept in memory, the data folder refuses "
                                "writes (%s)", target, exc)
                self._kept[name] = (key, data)
                return data
            self._kept.pop(name, None)
            for old in self.folder.glob(f"{name}-*.pdf"):
                # Only this name's files: 'pelajaran-id-calo-' also starts 'pelajaran-id-
                # calo-sponsor-…', whose key would then be longer.
                if old != target and len(old.name) == len(target.name):
                    with suppress(OSError):  # Windows: another phone is still reading it
                        old.unlink()
        return target
