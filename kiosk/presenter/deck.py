"""A presentation as slides: lessons cut at '---' lines or H2 headings, a room quiz, a close.

Slides are rendered by the lessons' own renderer (callouts work); notes go to the officer only.
"""

import re
from dataclasses import dataclass, field

from markupsafe import Markup

from ..content.render import NOTES

# A separator is a thematic break written with dashes on a line of its own. markdown-it
# decides what is one (so '---' under a line of text stays a heading, and one in a code
# block stays code); this only keeps '***' and '___' as ordinary lines inside a slide.
SEPARATOR = re.compile(r"^ {0,3}-{3,}\s*$")
LETTERS = "ABCDEFGH"
_LINK_OPEN = re.compile(r"<a\b[^>]*>")


@dataclass(frozen=True)
class Slide:
    """One screen of the projector. ``kind`` picks its template part."""

    kind: str  # "title", "content", "session", "quiz-intro", "question", "closing"
    title: str  # names the slide in the presenter view ("next: ...")
    lang: str
    html: Markup = Markup("")  # the body of a content slide
    notes: Markup = Markup("")  # speaker notes: presenter view only
    summary: str = ""
    lesson: str | None = None
    image: str | None = None
    agenda: tuple = ()  # a session's opening slide: what comes
    question: object = None  # a quiz.Question on a question slide
    options: tuple = ()  # (letter, Option) in the order shown
    quiz: str | None = None  # the quiz a question was written in (for the stats)
    question_id: str | None = None  # its id in that quiz
    closing: object = None  # a Closing on the last slide

    @property
    def right_letters(self):
        return [letter for letter, option in self.options if option.correct]

    @property
    def steps(self):
        """Extra presses a slide takes before the next: a question reveals, then explains."""
        return 2 if self.kind == "question" else 0


@dataclass(frozen=True)
class Closing:
    """What the last slide shows: a message, the numbers to call, the office, QR codes."""

    message: str
    numbers: tuple  # dicts: number, name, note, tel
    office: dict  # name, phone, address
    codes: tuple  # (svg Markup, label, number as written)


@dataclass
class PresenterDeck:
    """Every slide of one presentation, in order; built fresh for each page."""

    key: str  # 'pelajaran:calo' or 'sesi:imdes-dasar': names the running presentation
    title: str
    lang: str
    slides: list = field(default_factory=list)
    lessons: tuple = ()
    quiz: str | None = None
    problems: list = field(default_factory=list)  # (line, message, path) while rendering

    @property
    def questions(self):
        """(quiz, question id) of each question slide: what a room may answer."""
        return [(s.quiz, s.question_id) for s in self.slides if s.kind == "question"]

    def question_numbers(self):
        """{slide index: (number of the question in the round, questions in the round)}."""
        found = [i for i, s in enumerate(self.slides) if s.kind == "question"]
        return {index: (number, len(found)) for number, index in enumerate(found, start=1)}


def split_lesson(lesson, renderer, problems=None):
    """The slides of one lesson: its title and summary, then one slide per part.

    Parts are cut at top-level '---' lines if the lesson has any, else before each H2.
    Notes ('::: catatan' ... ':::') leave the slide and go to the slide they are in.
    """
    lines = lesson.body.split("\n")
    env = {"lang": lesson.lang, "problems": [], "first_line": lesson.body_line}
    tokens = renderer.md.parse(lesson.body, env)
    notes, separators, headings = [], [], []
    for index, tok in enumerate(tokens):
        if tok.level != 0 or not tok.map:
            continue
        if tok.type == f"container_{NOTES}_open":
            notes.append(_notes_block(tokens, index))
        elif tok.type == "hr" and SEPARATOR.match(lines[tok.map[0]]):
            separators.append(tok.map[0])
        elif tok.type == "heading_open" and tok.tag == "h2":
            headings.append(tok.map[0])
    if separators:
        bounds = [-1, *separators, len(lines)]
        parts = [(bounds[i] + 1, bounds[i + 1]) for i in range(len(bounds) - 1)]
    else:
        cuts = [0, *[h for h in headings if h > 0], len(lines)]
        parts = [(cuts[i], cuts[i + 1]) for i in range(len(cuts) - 1)]

    slides = [Slide("title", lesson.title, lesson.lang, summary=lesson.summary,
                    lesson=lesson.slug, image=lesson.image)]
    for start, end in parts:
        shown = list(lines[start:end])
        said = []
        for first, last, closed in notes:
            if start <= first < end:
                # Blank lines keep every line where it was, so messages point right.
                for number in range(first, min(last, end)):
                    shown[number - start] = ""
                said.append("\n".join(lines[first + 1:last - 1 if closed else last]))
        note_html = _render(renderer, "\n\n".join(said), lesson, 1, problems) if said else ""
        if not "\n".join(shown).strip():
            if note_html:  # notes above the first part belong to the slide before them
                slides[-1] = _with_notes(slides[-1], note_html)
            continue
        html = _render(renderer, "\n".join(shown), lesson, lesson.body_line + start, problems)
        slides.append(Slide("content", _first_heading(html) or lesson.title, lesson.lang,
                            html=_inert_links(html), notes=note_html, lesson=lesson.slug))
    return slides


def _notes_block(tokens, index):
    """(first line, line after it, closed) of a notes block starting at ``tokens[index]``."""
    first, last = tokens[index].map
    depth = 0
    for tok in tokens[index:]:
        depth += tok.nesting if tok.type.startswith(f"container_{NOTES}_") else 0
        if depth == 0:
            # markdown-it leaves the closing ':::' line out of the map; an unclosed block
            # runs to the end of the lesson and has no closing line.
            return (first, last + 1, True) if tok.markup else (first, last, False)
    return first, last, False


def _render(renderer, markdown, lesson, first_line, problems):
    html, _headings, found = renderer.render(markdown, lesson.lang, first_line)
    if problems is not None:
        problems.extend((line, message, lesson.path) for line, message in found)
    return Markup(html)


def _with_notes(slide, notes):
    joined = Markup("\n").join(filter(None, [slide.notes, notes]))
    return Slide(**{**slide.__dict__, "notes": joined})


_HEADING = re.compile(r"<h[234][^>]*>(.*?)</h[234]>", re.S)
_TAG = re.compile(r"<[^>]+>")


def _first_heading(html):
    found = _HEADING.search(html)
    return Markup(_TAG.sub("", found.group(1))).unescape().strip() if found else ""


def _inert_links(html):
    # A tap on a projected link would leave the presentation; the words stay, marked.
    return Markup(_LINK_OPEN.sub('<span class="slide-link">', html).replace("</a>", "</span>"))


def quiz_slides(quiz, lang, seed, intro_title, intro_text):
    """The room's quiz round: an opening slide, then one slide per question.

    Questions keep the order the editor wrote (a drawn quiz draws with ``seed``), and
    options keep theirs, so the letters match what the officer prepared.
    """
    questions = quiz.paper(seed) if quiz.is_drawn else list(quiz.questions)
    slides = [Slide("quiz-intro", intro_title, lang, summary=intro_text, quiz=quiz.slug)]
    for question in questions:
        source = question.quiz or quiz.slug
        plain = question.id.split("/", 1)[-1]  # a drawn question names its quiz in its id
        options = tuple(zip(LETTERS, question.options, strict=False))
        slides.append(Slide("question", question.text.show(lang), question.text.lang_of(lang),
                            question=question, options=options, quiz=source,
                            question_id=plain, lesson=question.lesson,
                            image=question.image))
    return slides


def closing_slide(closing, title, lang):
    return Slide("closing", title, lang, closing=closing)


def lesson_deck(lesson, renderer, closing, closing_title):
    """A single lesson as a presentation, ending on the closing slide."""
    deck = PresenterDeck(f"pelajaran:{lesson.slug}", lesson.title, lesson.lang,
                         lessons=(lesson.slug,))
    deck.slides = split_lesson(lesson, renderer, deck.problems)
    deck.slides.append(closing_slide(closing, closing_title, lesson.lang))
    return deck


def session_deck(session, lessons, renderer, lang, closing, closing_title, quiz=None,
                 quiz_texts=("", ""), seed=0):
    """A session as one continuous deck: its opening, each lesson, the quiz round, the close.

    ``lessons`` are the Lesson objects in the session's order (already in ``lang`` where
    the library has them); ``quiz`` the Quiz of the room round, if any.
    """
    title = session.title.show(lang)
    deck = PresenterDeck(f"sesi:{session.id}", title, lang,
                         lessons=tuple(ls.slug for ls in lessons),
                         quiz=quiz.slug if quiz else None)
    agenda = [ls.title for ls in lessons] + ([quiz_texts[0]] if quiz else [])
    deck.slides.append(Slide("session", title, session.title.lang_of(lang),
                             summary=session.summary.show(lang) if session.summary else "",
                             agenda=tuple(agenda)))
    for lesson in lessons:
        deck.slides.extend(split_lesson(lesson, renderer, deck.problems))
    if quiz is not None:
        deck.slides.extend(quiz_slides(quiz, lang, seed, *quiz_texts))
    deck.slides.append(closing_slide(closing, closing_title, lang))
    return deck
