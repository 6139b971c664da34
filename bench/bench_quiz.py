"""How long the quizzes take: loading the folder, noticing edits, and serving a question.

Run from the repository root: python bench/bench_quiz.py   (numbers go in docs/PERFORMANCE.md)
"""

import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import create_app  # noqa: E402
from kiosk.quiz.book import QuizBook  # noqa: E402


def timed(fn, repeat):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def report(name, fn, repeat):
    median, worst = timed(fn, repeat)
    print(f"{name:<52} median {median:8.2f} ms   max {worst:8.2f} ms   (n={repeat})")


def main():
    data = tempfile.mkdtemp()
    app = create_app({"TESTING": True, "DATA_DIR": data})
    library = app.extensions["library"]
    book = app.extensions["quizzes"]
    files = len(book.shelf.stamps)
    print(f"{len(book.shelf.quizzes)} quizzes + checker from {files} files, "
          f"{sum(len(q.questions) for q in book.shelf.quizzes.values())} questions\n")

    report("load the whole quiz folder (cold, new QuizBook)",
           lambda: QuizBook(app.config["QUIZ_DIR"], library, ["id", "en"]), 20)
    report("refresh with nothing changed (stat of the folder)", book.refresh, 200)

    def edited():
        book.shelf.stamps = {}  # as if a file had been saved
        book.refresh()

    report("refresh after an edit (rereads every file)", edited, 20)

    client = app.test_client()
    client.get("/kuis/visa-umrah-ziarah")
    report("GET a question page (test client)",
           lambda: client.get("/kuis/visa-umrah-ziarah"), 200)

    def answer_one():
        page = client.get("/kuis/visa-umrah-ziarah").get_data(as_text=True)
        token = re.search(r'name="attempt" value="([^"]+)"', page).group(1)
        qid = re.search(r'name="question" value="([^"]+)"', page).group(1)
        client.post("/kuis/visa-umrah-ziarah", data={"attempt": token, "question": qid,
                                                     "pilihan": "1"})
        client.get("/kuis/visa-umrah-ziarah/jawaban")

    report("question + answer POST + feedback page", answer_one, 100)
    report("GET the lesson page with its quiz button",
           lambda: client.get("/pelajaran/visa-umrah-ziarah"), 200)
    report("GET the home page with the two big buttons", lambda: client.get("/"), 200)

    checker = book.checker
    answers = {s.id: "tidak-tahu" for s in checker.signs}
    report("checker verdict (12 answers)", lambda: checker.verdict(answers), 2000)


if __name__ == "__main__":
    main()
