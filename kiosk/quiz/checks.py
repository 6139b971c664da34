"""The checker's view of the quizzes folder: the quizzes and the job-offer checker file.

Both are read by the quiz book exactly as the running kiosk reads them.
"""

from ..errors import QuizError
from .checker import FILE_NAME as CHECKER_FILE


def _is_checker(source, problem):
    return problem.path == source.quizbook.display(source.quizbook.root / CHECKER_FILE)


def quizzes(source):
    """Every problem in the quiz files, including questions that name unknown lessons."""
    return [p for p in source.quizbook.shelf.problems if not _is_checker(source, p)]


def offer_checker(source):
    """quizzes/cek-tawaran.yaml, and its absence from a folder that holds quizzes."""
    book = source.quizbook
    found = [p for p in book.shelf.problems if _is_checker(source, p)]
    if book.shelf.stamps and not source.exists(book.root / CHECKER_FILE):
        found.append(QuizError("is missing; the job-offer checker ('Cek tawaran kerja') is "
                               "not shown", book.display(book.root / CHECKER_FILE), None,
                               "warning"))
    return found


QUIZ_CHECKS = {"quizzes": quizzes, "offer-checker": offer_checker}
