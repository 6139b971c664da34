"""Answer patterns a villager could learn instead of the lesson, found as editor warnings.

All true/false answers alike, or every multiple-select question with as many wrong options.
"""

from ..errors import QuizError

# Across files, two alike answers are chance (two copies of a sample quiz); three are a habit.
FOLDER_LEAST = 3


def _wrong(question):
    return sum(not o.correct for o in question.options)


def answer_patterns(questions, where, least=2):
    """(question, message) for guessable answer patterns among ``questions``.

    ``where`` names the set in the message ('this quiz', 'the quizzes folder'); a pattern
    needs at least ``least`` questions of its type, and is named at its first question.
    """
    found = []
    said = [q for q in questions if q.type == "truefalse"]
    answers = {next(iter(q.correct_ids), None) for q in said}
    if len(said) >= least and len(answers) == 1:
        answer = answers.pop()
        other = "benar" if answer == "salah" else "salah"
        first = said[0]
        found.append((first, f"every true/false answer in {where} is {answer!r} "
                             f"({len(said)} of {len(said)}); write some statements whose "
                             f"answer is {other!r}, so the answer cannot be guessed"))
    chosen = [q for q in questions if q.type == "multiple"]
    counts = {_wrong(q) for q in chosen}
    if len(chosen) >= least and len(counts) == 1:
        count = counts.pop()
        first = chosen[0]
        found.append((first, f"every multiple-select question in {where} has {count} wrong "
                             f"option{'s' if count != 1 else ''}; vary how many options are "
                             f"wrong, so the answer cannot be guessed"))
    return found


def quiz_warnings(quiz):
    """Warnings for one quiz file, at the line of the first question of the pattern."""
    return [QuizError(message, quiz.path, _line(question), "warning")
            for question, message in answer_patterns(quiz.questions, "this quiz")]


def folder_warnings(quizzes):
    """Warnings across every written quiz: the bank the mixed quiz draws from."""
    written = [q for q in quizzes if not q.is_drawn]
    questions = [question for quiz in written for question in quiz.questions]
    paths = {id(question): quiz.path for quiz in written for question in quiz.questions}
    return [QuizError(message, paths[id(question)], _line(question), "warning")
            for question, message in answer_patterns(questions, "the quizzes folder",
                                                     least=FOLDER_LEAST)]


def _line(question):
    """The line of a true/false 'answer:', else of the question's 'id:'."""
    if question.type == "truefalse" and question.options:
        return question.options[0].line
    return question.line
