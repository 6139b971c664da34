"""Grading one answer, on the server: which options were chosen and whether that is right.

Answer buttons carry their position on screen, never an option's id, so a page gives no hint.
"""

from dataclasses import dataclass


class AnswerRejected(ValueError):
    """An answer no honest tap on the question's screen could have sent."""


@dataclass(frozen=True)
class Verdict:
    correct: bool
    chosen: tuple  # the Options picked, in screen order
    missed: tuple  # right Options that were not picked (multiple choice)

    @property
    def wrongly_chosen(self):
        """The picked Options that are wrong: what the stats count as mistakes."""
        return tuple(o for o in self.chosen if not o.correct)

    @property
    def partly(self):
        """Some right options picked, but not all of them, or a wrong one with them."""
        return not self.correct and any(o.correct for o in self.chosen)


def options_from_positions(question, seed, positions):
    """Turn the positions posted by the answer buttons (1, 2, ...) into Options."""
    shown = question.options_for(seed)
    chosen = []
    for value in positions:
        if not (isinstance(value, str) and value.isdigit() and len(value) <= 2):
            raise AnswerRejected(f"answer {value[:20]!r} is not a position")
        index = int(value) - 1
        if not 0 <= index < len(shown):
            raise AnswerRejected(f"there is no option at position {value}")
        if shown[index] in chosen:
            raise AnswerRejected(f"position {value} was sent twice")
        chosen.append(shown[index])
    chosen.sort(key=shown.index)
    return chosen


def grade(question, chosen):
    """Right or wrong for the chosen Options; all-or-nothing for multiple choice."""
    if not chosen:
        raise AnswerRejected("no option was chosen")
    if len(chosen) > 1 and question.type != "multiple":
        raise AnswerRejected(f"a {question.type!r} question takes one answer")
    ids = {o.id for o in chosen}
    if not ids <= {o.id for o in question.options}:
        raise AnswerRejected("an option does not belong to this question")
    missed = tuple(o for o in question.options if o.correct and o.id not in ids)
    return Verdict(ids == question.correct_ids, tuple(chosen), missed)
