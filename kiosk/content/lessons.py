"""A lesson file: YAML front matter between '---' lines, then Markdown.

Parsing names the file and line of every problem, so an editor knows what to fix.
"""

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

import yaml

from ..errors import ContentError
from .reader import parse_yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

FIELDS = ("title", "summary", "category", "tags", "order", "image", "sources", "reviewed",
          "bawa_pulang")
REQUIRED = ("title", "summary", "category")
# What the lesson template asks an editor to replace; a lesson still holding it is not shown.
PLACEHOLDER = "TULIS:"


@dataclass
class Lesson:
    slug: str
    lang: str
    title: str
    summary: str
    category: str
    path: str
    tags: list = field(default_factory=list)
    order: int = 100
    image: str | None = None
    sources: list = field(default_factory=list)
    reviewed: dt.date | None = None
    bawa_pulang: str | None = None  # the editor's own text for the take-home QR
    body: str = ""
    body_line: int = 1
    html: str = ""
    headings: list = field(default_factory=list)
    words: int = 0
    stamp: tuple = ()
    lines: dict = field(default_factory=dict)  # front matter field -> line, for the checker
    links: list = field(default_factory=list)  # (line, href as written), for the checker
    anchors: list = field(default_factory=list)  # the id of every heading
    capitals: list = field(default_factory=list)  # (line, word in capitals), for the checker
    waspada: list = field(default_factory=list)  # the points of its '::: waspada' boxes
    blocks: list = field(default_factory=list)  # (block id, section, text) read aloud

    @property
    def minutes(self):
        # Villagers read slowly and carefully; 120 words a minute is honest.
        return max(1, round(self.words / 120))


def read_text(raw, where):
    """Decode a content file, pointing at the line where the bytes stop being UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise ContentError("is not valid UTF-8; save it as UTF-8 text", where, line) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def split_front_matter(text, where):
    """Return (front matter text, body text, line number where the body starts)."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError("must start with a line '---' that opens the front matter", where, 1)
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return "\n".join(lines[1 : number - 1]), "\n".join(lines[number:]), number + 1
    raise ContentError("front matter is not closed: add a line '---' after it", where, 1)


def load_front_matter(source, where, first_line=2, what="field", duplicates=None):
    """Parse YAML front matter; returns (mapping, {field: line}).

    ``what`` names the keys in messages: 'field' in a lesson, 'category' in categories.yaml.
    A key written twice raises, unless a ``duplicates`` list is given to collect the error
    while the last value is kept (one broken topic must not take every lesson with it).
    """
    node, data = parse_yaml(source, where, first_line, "front matter is not valid YAML")
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise ContentError("front matter must be 'field: value' lines", where, first_line)
    lines = {}
    for key, _ in node.value:
        line = first_line + key.start_mark.line
        if key.value in lines:
            # YAML would silently keep the last one, and the editor's other text is lost.
            problem = ContentError(f"{what} {key.value!r} appears twice (first on line "
                                   f"{lines[key.value]}); keep one", where, line)
            if duplicates is None:
                raise problem
            duplicates.append(problem)
        lines[key.value] = line
    return data, lines


def unknown_field_message(name, allowed):
    guess = difflib.get_close_matches(str(name), allowed, n=1)
    if guess:
        return f"unknown field {name!r}; did you mean {guess[0]!r}?"
    return f"unknown field {name!r}; allowed fields: {', '.join(allowed)}"


def parse_lesson(raw, where, slug, lang, categories):
    """Build a Lesson from the bytes of one file, or raise the first ContentError found."""
    if not SLUG.match(slug):
        raise ContentError(
            "file name must be a slug: lowercase letters, digits and '-', e.g. visa-ziarah.md",
            where,
        )
    text = read_text(raw, where)
    front, body, body_line = split_front_matter(text, where)
    data, lines = load_front_matter(front, where)
    for name in data:
        if name not in FIELDS:
            raise ContentError(unknown_field_message(name, FIELDS), where, lines.get(name))
    for name in REQUIRED:
        value = data.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise ContentError(f"front matter {name!r} is missing; write '{name}: …'", where, 1)
        if not isinstance(value, str):
            raise ContentError(f"front matter {name!r} must be text", where, lines.get(name))
    for name in ("title", "summary", "category", "tags", "sources", "bawa_pulang"):
        value = data.get(name)
        if any(PLACEHOLDER in str(item) for item in (value if isinstance(value, list)
                                                     else [value])):
            raise ContentError(f"front matter {name!r} still has the template's "
                               f"'{PLACEHOLDER} …' text; write your own", where, lines.get(name))
    if data["category"] not in categories:
        known = ", ".join(sorted(categories)) or "none"
        raise ContentError(
            f"front matter 'category' is {data['category']!r}, which is not in "
            f"categories.yaml (known: {known})",
            where,
            lines.get("category"),
        )
    tags = _text_list(data, "tags", where, lines)
    sources = _text_list(data, "sources", where, lines)
    order = data.get("order", 100)
    if order is None:
        order = 100
    if isinstance(order, bool) or not isinstance(order, int):
        raise ContentError("front matter 'order' must be a whole number", where, lines.get("order"))
    image = data.get("image")
    if image is not None and not isinstance(image, str):
        raise ContentError("front matter 'image' must be a file name in media/", where,
                           lines.get("image"))
    reviewed = data.get("reviewed")
    if isinstance(reviewed, dt.datetime):
        reviewed = reviewed.date()
    if reviewed is not None and not isinstance(reviewed, dt.date):
        raise ContentError(
            "front matter 'reviewed' must be a date like 2026-11-27, or empty",
            where,
            lines.get("reviewed"),
        )
    bawa_pulang = data.get("bawa_pulang")
    if bawa_pulang is not None and not isinstance(bawa_pulang, str):
        raise ContentError("front matter 'bawa_pulang' must be text (what a phone takes home "
                           "from the QR)", where, lines.get("bawa_pulang"))
    if not body.strip():
        raise ContentError("lesson has no text after the front matter", where, body_line)
    if PLACEHOLDER in body:
        offset = body[:body.index(PLACEHOLDER)].count("\n")
        raise ContentError(f"this line still has the template's '{PLACEHOLDER} …' text; "
                           f"write your own", where, body_line + offset)
    return Lesson(
        slug=slug, lang=lang, title=data["title"].strip(), summary=data["summary"].strip(),
        category=data["category"], path=where, tags=tags, order=order,
        image=(image or "").strip().removeprefix("media/") or None, sources=sources,
        reviewed=reviewed, bawa_pulang=(bawa_pulang or "").strip() or None, body=body,
        body_line=body_line,
        words=len(body.split()), lines=lines,
    )


def _text_list(data, name, where, lines):
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ContentError(
            f"front matter {name!r} must be a list, e.g. {name}: [paspor, calo]",
            where,
            lines.get(name),
        )
    if not all(isinstance(item, str | int | float) and not isinstance(item, bool)
               for item in value):
        raise ContentError(f"front matter {name!r} must list plain text items", where,
                           lines.get(name))
    return [str(item).strip() for item in value if str(item).strip()]
