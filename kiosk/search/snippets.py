"""Marking what was found: <mark> around matched words, and the best passage of a body.

Offsets come from the index's stored character positions; nothing long is re-tokenized.
"""

from markupsafe import Markup, escape
from whoosh import highlight
from whoosh.analysis import Token

from .analysis import analyzer


class MarkFormatter(highlight.Formatter):
    """Matched words in <mark>, everything else escaped; '…' where text was cut."""

    between = " … "

    def _text(self, text):
        # The body is indexed line by line; in one snippet line, a dot marks the break.
        return str(escape(text)).replace("\n", " · ")

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"

    def format_fragment(self, fragment, replace=False):
        body = super().format_fragment(fragment, replace)
        if fragment.startchar > 0:
            body = "… " + body
        if fragment.endchar < len(fragment.text):
            body += " …"
        return body


class WordFragmenter(highlight.PinpointFragmenter):
    """Pinpoint fragments cut at a line or word boundary, never inside a word."""

    @staticmethod
    def _autotrim(fragment):
        text, start, end = fragment.text, fragment.startchar, fragment.endchar
        first = fragment.matches[0].startchar if fragment.matches else end
        last = fragment.matches[-1].endchar if fragment.matches else start
        if start > 0:
            line = text.rfind("\n", start, first)
            space = text.find(" ", start, first)
            start = line + 1 if line >= 0 else (space + 1 if space >= 0 else start)
        if end < len(text):
            line = text.find("\n", last, end)
            space = text.rfind(" ", last, end)
            end = line if line >= 0 else (space if space >= 0 else end)
        fragment.startchar, fragment.endchar = start, end


FRAGMENTER = WordFragmenter(maxchars=180, surround=70, autotrim=True)
FORMATTER = MarkFormatter()
SCORER = highlight.BasicFragmentScorer()


def marked(text, spans):
    """``text`` escaped, the (start, end) spans in <mark>."""
    tokens = [Token(startchar=s, endchar=e, text=text[s:e], matched=True)
              for s, e in sorted(set(spans))]
    return Markup(FORMATTER.format([highlight.Fragment(text, tokens)]))


def snippet(text, spans):
    """The best short passage of ``text`` around the spans, marked; '' without spans."""
    tokens = [Token(startchar=s, endchar=e, text=text[s:e], matched=True, pos=i)
              for i, (s, e) in enumerate(sorted(set(spans)))]
    fragments = list(FRAGMENTER.fragment_matches(text, tokens))
    best = highlight.top_fragments(fragments, 1, SCORER, highlight.SCORE)
    return Markup(FORMATTER.format(best)) if best else ""


def spans_of(text, lang, stems):
    """Where the words with these stems are in ``text`` (a title or summary: a line long,
    so finding them again is cheap)."""
    return [(t.startchar, t.endchar) for t in analyzer(lang)(text, chars=True)
            if t.text in stems]
