"""How long the content checker takes on a big content tree: 500 lessons and their quizzes.

Run from the repository root: python bench/check_bench.py [--lessons 500]
(numbers go in docs/PERFORMANCE.md under "Content check").
"""

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiosk import checks  # noqa: E402
from kiosk.content.library import Library  # noqa: E402


def build_tree(folder, lessons):
    """``lessons`` lesson files (half Indonesian, half English) written from the bundled ones,
    each linking to its neighbour, plus one quiz per slug and the job-offer checker."""
    content, quizzes = folder / "content", folder / "quizzes"
    shutil.copytree(ROOT / "content", content)
    shutil.copytree(ROOT / "quizzes", quizzes)
    originals = sorted(p.stem for p in (ROOT / "content" / "id").glob("*.md"))
    slugs = lessons // 2

    def slug_of(n):
        return f"{originals[n % len(originals)]}-{n:03d}"

    for n in range(slugs):
        original = originals[n % len(originals)]
        slug, neighbour = slug_of(n), slug_of((n + 1) % slugs)
        for lang in ("id", "en"):
            text = (ROOT / "content" / lang / f"{original}.md").read_text(encoding="utf-8")
            head, _, body = text.partition("\n---\n")
            head = re.sub(r"^title: (\"?)", rf"title: \g<1>({n}) ", head, count=1,
                          flags=re.M)
            body += f"\n\nBaca juga [pelajaran berikutnya]({neighbour}.md).\n"
            (content / lang / f"{slug}.md").write_text(f"{head}\n---\n{body}", encoding="utf-8")
        quiz = (ROOT / "quizzes" / f"{original}.yaml").read_text(encoding="utf-8")
        (quizzes / f"{slug}.yaml").write_text(
            quiz.replace(f"lessons: [{original}]", f"lessons: [{slug}]"), encoding="utf-8")
    return content, quizzes


def timed(fn, repeat):
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs), max(runs)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lessons", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        content, quizzes = build_tree(Path(tmp), args.lessons)
        source = lambda: checks.Source(content, quizzes)  # noqa: E731
        report = checks.run(source())
        print(f"tree: {report.lessons} lesson files, {report.quizzes} quiz files; "
              f"{len(report.errors)} errors, {len(report.warnings)} warnings")
        for line in report.lines()[:5]:
            print("  ", line)

        median, worst = timed(lambda: checks.run(source()), args.repeat)
        print(f"checks.run, whole tree, in-process    median {median:.2f} s   max {worst:.2f} s")
        median, worst = timed(lambda: Library(content, ["id", "en"], quiet=True), args.repeat)
        print(f"  of which loading the lessons         median {median:.2f} s   max {worst:.2f} s")

        live = Library(content, ["id", "en"], quiet=True)
        target = content / "id" / sorted(os.listdir(content / "id"))[0]
        draft = {target: target.read_bytes().replace(b"## ", b"## Baru: ", 1)}

        def one_draft():
            s = checks.Source(content, quizzes, drafts=draft)
            s._base = live
            checks.run(s)

        median, worst = timed(one_draft, args.repeat)
        print(f"checks.run with one draft (editor save) median {median:.2f} s   max {worst:.2f} s")

        command = [sys.executable, "-m", "kiosk", "content", "check",
                   "--content", str(content), "--quizzes", str(quizzes)]
        env = {**os.environ, "KIOSK_DATA_DIR": str(Path(tmp) / "data")}
        runs = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            runs.append(time.perf_counter() - start)
        print(f"`kiosk content check` wall clock       median {statistics.median(runs):.2f} s   "
              f"max {max(runs):.2f} s   (exit {done.returncode})")
        print("  ", done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr)


if __name__ == "__main__":
    main()
