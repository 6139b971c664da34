"""Turning a lesson's Markdown into safe HTML: CommonMark, tables, anchors and callouts.

Editors may type a little HTML; nh3 keeps only an allowlist, so no script ever reaches a page.
"""

import re
import unicodedata
from html import escape

import nh3
from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin
from mdit_py_plugins.container import container_plugin

# Callout boxes editors write as "::: waspada" ... ":::"; titles per lesson language.
CALLOUTS = {
    "waspada": {"id": "Waspada!", "en": "Beware!"},
    "lakukan": {"id": "Yang sebaiknya dilakukan", "en": "What to do"},
    "periksa": {
        "id": "Catatan untuk petugas: periksa dulu sebelum dipakai",
        "en": "Note for officers: check before use",
    },
}
# Speaker notes, "::: catatan" ... ":::": shown only in the officer's presenter view, never
# on a villager's page or a projected slide (kiosk/presenter/deck.py reads them from here).
NOTES = "catatan"

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "div", "dl", "dt", "em", "h2", "h3",
    "h4", "hr", "i", "img", "li", "ol", "p", "pre", "s", "strong", "sub", "sup", "table",
    "tbody", "td", "th", "thead", "tr", "ul",
}
# data-baca="b3": a block the read-aloud voice reads as one clip (kiosk/audio).
READ = "data-baca"
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "loading"},
    "h2": {"id", READ},
    "h3": {"id", READ},
    "h4": {"id", READ},
    "ol": {"start"},
    "p": {READ},
    "li": {READ},
    "td": {READ},
    "th": {"scope", READ},
}
ALLOWED_CLASSES = {
    "div": {"callout", *(f"callout-{name}" for name in CALLOUTS)},
    "p": {"callout-title"},
}

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# '//host/…' is an internet address without its 'https:'; browsers also read '\\' as '/',
# and skip spaces and control characters before a URL.
_OFF_SITE = re.compile(r"^[\x00-\x20]*[/\\]{2}")
# href= and src= in raw HTML an editor typed, for the checker (nh3 drops them anyway).
_HTML_URL = re.compile(r"""\b(?:href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.I)


def leaves_the_kiosk(href):
    """True for '//host/…' and its spellings: a link a browser follows to another computer."""
    return bool(_OFF_SITE.match(href))


def _refuse_off_site(tag, attribute, value):
    # nh3 passes relative URLs through, and '//host' counts as relative.
    if attribute in ("href", "src") and leaves_the_kiosk(value):
        return None
    return value
_LESSON_LINK = re.compile(r"^(?:\./)?([a-z0-9]+(?:-[a-z0-9]+)*)\.md(#[\w-]*)?$")
_MEDIA_PATH = re.compile(r"^(?:\.\./|/)?media/(.+)$")


def lesson_target(href):
    """Where a lesson link leads, as (slug, anchor or ''): 'calo.md#tanda' -> ('calo', 'tanda')."""
    found = _LESSON_LINK.match(href)
    if not found:
        return None
    return found.group(1), (found.group(2) or "").removeprefix("#")


def slugify(text):
    """Anchors that survive any heading text: 'Apa itu calo?' -> 'apa-itu-calo'."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "bagian"


class LessonRenderer:
    """One configured Markdown parser and sanitizer, shared by every lesson."""

    def __init__(self, media_dir=None):
        self.media_dir = media_dir
        md = MarkdownIt("commonmark", {"html": True}).enable("table")
        md.use(anchors_plugin, min_level=2, max_level=3, slug_func=slugify)
        # markdown-it binds render rules to its renderer, so hand it plain functions.
        for name in CALLOUTS:
            md.use(container_plugin, name=name, render=_rule(self._render_callout))
        md.use(container_plugin, name=NOTES)
        md.add_render_rule("link_open", _rule(self._render_link))
        md.add_render_rule("image", _rule(self._render_image))
        self.md = md
        self.cleaner = nh3.Cleaner(
            tags=ALLOWED_TAGS,
            clean_content_tags={"script", "style"},
            attributes=ALLOWED_ATTRIBUTES,
            allowed_classes=ALLOWED_CLASSES,
            url_schemes={"tel"},
            attribute_filter=_refuse_off_site,
            link_rel=None,
        )

    def render(self, markdown, lang="id", first_line=1, outline=None):
        """Return (html, headings, problems); problems are (line, message) pairs to report.

        Given an ``outline`` dict, fills in 'links' [(line, href as written)], 'anchors'
        (the id of every heading) and 'capitals' [(line, word)] (every word written in
        capitals, e.g. 'KP2MI', outside code), which the content checker follows; and
        'blocks' [(block id, section anchor or None, text)], what is read aloud, each block
        marked data-baca="<block id>" in the HTML (a whole lesson's page only, so the ids
        count from its start).
        """
        env = {"lang": lang, "problems": [], "first_line": first_line, "outline": outline}
        tokens = without_notes(self.md.parse(markdown, env))
        if outline is not None:
            outline["blocks"] = mark_blocks(tokens, lang)
            outline.setdefault("links", [])
            outline["anchors"] = [tok.attrGet("id") for tok in tokens
                                  if tok.type == "heading_open" and tok.attrGet("id")]
            outline["capitals"] = capitals(tokens, first_line)
            outline["waspada"] = warning_points(tokens)
            outline["links"].extend(_off_site_html(tokens, first_line))
        for tok in tokens:
            # Inline children carry no line map; lend them their block's line for messages.
            if tok.children and tok.map:
                for child in tok.children:
                    child.meta["line"] = tok.map[0]
        headings = [
            (tok.attrGet("id"), tokens[i + 1].content)
            for i, tok in enumerate(tokens)
            if tok.type == "heading_open" and tok.tag == "h2"
        ]
        html = self.md.renderer.render(tokens, self.md.options, env)
        return self.cleaner.clean(html), headings, env["problems"]

    def _render_callout(self, tokens, idx, options, env):
        token = tokens[idx]
        if token.nesting == -1:
            return "</div>\n"
        name = token.info.strip().split(" ", 1)[0]
        titles = CALLOUTS[name]
        title = titles.get(env.get("lang"), titles["id"])
        read = f' {READ}="{token.meta["baca"]}"' if token.meta.get("baca") else ""
        return (
            f'<div class="callout callout-{name}">\n'
            f'<p class="callout-title"{read}>{escape(title)}</p>\n'
        )

    def _render_link(self, tokens, idx, options, env):
        token = tokens[idx]
        href = token.attrGet("href") or ""
        if env.get("outline") is not None:
            env["outline"]["links"].append((_line(env, token), href))
        lesson = _LESSON_LINK.match(href)
        if leaves_the_kiosk(href):
            token.attrs.pop("href", None)  # the checker refuses it as an error
        elif lesson:
            token.attrSet("href", f"/pelajaran/{lesson.group(1)}{lesson.group(2) or ''}")
        elif _SCHEME.match(href) and not href.lower().startswith("tel:"):
            # The kiosk never leads away from itself: outside links become plain text.
            token.attrs.pop("href", None)
            _problem(env, token, f"link to {href!r} leaves the kiosk; it is shown as plain text")
        return self.md.renderer.renderToken(tokens, idx, options, env)

    def _render_image(self, tokens, idx, options, env):
        token = tokens[idx]
        src = token.attrGet("src") or ""
        alt = escape(self.md.renderer.renderInlineAsText(token.children or [], options, env))
        media = _MEDIA_PATH.match(src)
        if not media or ".." in media.group(1).split("/"):
            _problem(env, token, f"image {src!r} must be a file in media/, e.g. media/paspor.png")
            return f'<span class="missing-image">{alt}</span>'
        name = media.group(1)
        if self.media_dir is not None and not (self.media_dir / name).is_file():
            _problem(env, token, f"image media/{name} does not exist in the media folder")
        return f'<img src="/media/{escape(name)}" alt="{alt}" loading="lazy">'


_CAPITALS = re.compile(r"(?<!\w)[A-Z0-9]*[A-Z][A-Z0-9]*(?!\w)")


def capitals(tokens, first_line=1):
    """[(line, word)] of every word in capitals with 3 letters or more in the text a villager
    reads (headings and link text too; code and notes are not read as text)."""
    found = []
    for tok in tokens:
        if tok.type != "inline" or not tok.map:
            continue
        line = first_line + tok.map[0]
        for child in tok.children or ():
            if child.type in ("softbreak", "hardbreak"):
                line += 1
            elif child.type == "text":
                found.extend((line, word) for word in _CAPITALS.findall(child.content)
                             if sum(ch.isalpha() for ch in word) >= 3)
    return found


def inline_text(token):
    """The words of an inline token as a villager reads them: link text kept, pictures and
    raw HTML left out, line breaks as spaces."""
    words = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            words.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            words.append(" ")
    return re.sub(r"\s+", " ", "".join(words)).strip()


def warning_points(tokens):
    """The text of each list item (or paragraph) inside the '::: waspada' boxes, in order."""
    points, depth, items = [], 0, 0
    for tok in tokens:
        if tok.type == "container_waspada_open":
            depth += 1
        elif tok.type == "container_waspada_close":
            depth -= 1
        elif depth and tok.type == "list_item_open":
            items += 1
            points.append("")
        elif depth and tok.type == "list_item_close":
            items -= 1
        elif depth and tok.type == "inline":
            text = inline_text(tok)
            if items and points:
                points[-1] = f"{points[-1]} {text}".strip()  # an item's second paragraph
            elif text:
                points.append(text)
    return [point for point in points if point]


def _off_site_html(tokens, first_line):
    """[(line, href)] of '//host' addresses in raw HTML, which the checker refuses."""
    found = []
    for tok in tokens:
        for part in [tok, *(tok.children or ())]:
            if part.type not in ("html_block", "html_inline"):
                continue
            line = first_line + (tok.map[0] if tok.map else 0)
            for match in _HTML_URL.finditer(part.content):
                href = next(group for group in match.groups() if group is not None)
                if leaves_the_kiosk(href):
                    found.append((line, href))
    return found


_READ_IN = {"heading_open", "paragraph_open", "list_item_open", "th_open", "td_open"}


def mark_blocks(tokens, lang):
    """Give every element with text a villager reads (heading, paragraph, list item, table
    cell, callout title) data-baca="b<n>" in document order; [(id, section, text)]."""
    blocks, section = [], None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            section = tok.attrGet("id") or section
        name = tok.type.removeprefix("container_").removesuffix("_open")
        if tok.type.startswith("container_") and tok.nesting == 1 and name in CALLOUTS:
            tok.meta["baca"] = f"b{len(blocks)}"
            titles = CALLOUTS[name]
            blocks.append((tok.meta["baca"], section, titles.get(lang, titles["id"])))
            continue
        if tok.type != "inline" or i == 0:
            continue
        holder = tokens[i - 1]
        if holder.type == "paragraph_open" and holder.hidden and i > 1:
            holder = tokens[i - 2]  # a tight list's item: the <li> holds the text
        text = _plain(tok)
        if holder.type not in _READ_IN or not text:
            continue
        holder.attrSet(READ, f"b{len(blocks)}")
        blocks.append((f"b{len(blocks)}", section, text))
    return blocks


def _plain(inline):
    """The text of an inline token as a page shows it: words, code, link text."""
    parts = []
    for child in inline.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


def without_notes(tokens, also=()):
    """The tokens outside every "::: catatan" block (and every block named in ``also``):
    notes never reach a page."""
    opens = {f"container_{name}_open" for name in (NOTES, *also)}
    closes = {f"container_{name}_close" for name in (NOTES, *also)}
    kept, depth = [], 0
    for tok in tokens:
        if tok.type in opens:
            depth += 1
        elif tok.type in closes:
            depth -= 1
        elif depth == 0:
            kept.append(tok)
    return kept


def _rule(method):
    def rule(renderer, tokens, idx, options, env):
        return method(tokens, idx, options, env)

    return rule


def _line(env, token):
    offset = token.map[0] if token.map else token.meta.get("line", 0)
    return env["first_line"] + offset


def _problem(env, token, message):
    env["problems"].append((_line(env, token), message))
