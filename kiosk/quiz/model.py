"""What a quiz is once loaded: bilingual texts, questions with options, and the seeded order.

Everything here is immutable; a reload builds new objects, so a page never sees half an edit.
"""

import random
from dataclasses import dataclass, field, replace

TYPES = ("single", "multiple", "truefalse", "scenario")

# True/false questions get these two options; their labels are UI strings (Benar / Salah).
TRUE, FALSE = "benar", "salah"


class Text(dict):
    """One text in several languages: {'id': ..., 'en': ...}; Indonesian is the fallback."""

    def show(self, lang):
        return self.get(lang) or self.get("id") or next(iter(self.values()), "")

    def lang_of(self, lang):
        """The language ``show(lang)`` actually returns, for the page's lang attribute."""
        if self.get(lang):
            return lang
        return "id" if self.get("id") else next(iter(self), lang)


@dataclass(frozen=True)
class Option:
    id: str
    text: Text | None  # None for the Benar/Salah of a true/false question
    correct: bool = False
    feedback: Text | None = None
    line: int | None = None


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: Text
    options: tuple
    explanation: Text
    story: Text | None = None
    lesson: str | None = None
    section: dict = field(default_factory=dict, compare=False)  # lang -> heading anchor
    image: str | None = None
    image_alt: Text | None = None
    shuffle: bool = True
    line: int | None = None
    quiz: str = ""  # the quiz the question was written in (differs in a drawn quiz)

    @property
    def correct_ids(self):
        return frozenset(o.id for o in self.options if o.correct)

    def option(self, option_id):
        return next((o for o in self.options if o.id == option_id), None)

    def options_for(self, seed):
        """The options in the order one attempt shows them; Benar/Salah never move."""
        options = list(self.options)
        if self.shuffle and self.type != "truefalse":
            random.Random(f"{seed}:{self.id}").shuffle(options)
        return options


@dataclass(frozen=True)
class Quiz:
    slug: str
    title: Text
    path: str
    intro: Text | None = None
    lessons: tuple = ()
    questions: tuple = ()
    draw: int | None = None  # a drawn quiz takes this many questions from other quizzes
    draw_from: tuple | None = None  # quiz slugs to draw from; None means every other quiz
    order: int = 100
    pool: tuple = ()  # for a drawn quiz: the questions it may draw, filled in at load
    line: int | None = field(default=None, compare=False)  # where 'draw'/'from' is written

    @property
    def is_drawn(self):
        return self.draw is not None

    @property
    def size(self):
        """How many questions one attempt has."""
        if self.is_drawn:
            return min(self.draw, len(self.pool))
        return len(self.questions)

    def question(self, question_id):
        for q in self.pool if self.is_drawn else self.questions:
            if q.id == question_id:
                return q
        return None

    def paper(self, seed):
        """The questions of one attempt, in order; the same seed always gives the same paper.

        A drawn quiz visits as many different source quizzes as it can before taking a
        second question from any of them, so one attempt covers many lessons.
        """
        rng = random.Random(seed)
        if not self.is_drawn:
            questions = list(self.questions)
            rng.shuffle(questions)
            return questions
        by_quiz = {}
        for q in self.pool:
            by_quiz.setdefault(q.quiz, []).append(q)
        groups = [list(qs) for _, qs in sorted(by_quiz.items())]
        for group in groups:
            rng.shuffle(group)
        rng.shuffle(groups)
        paper = []
        while len(paper) < self.size:
            for group in groups:
                if group and len(paper) < self.size:
                    paper.append(group.pop())
        return paper


def drawn_copy(question, quiz_slug):
    """A question as a drawn quiz holds it: its id names the quiz it came from."""
    return replace(question, id=f"{quiz_slug}/{question.id}", quiz=quiz_slug)
