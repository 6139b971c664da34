"""How long the content checker takes on a big content tree: 500 lessons and their quizzes.

Run from the repository root: python bench/check_bench.py [--lessons 500]
(numbers go in docs/PERFORMANCE.md under "Content check").
"""

import argparse
import os
import re
import resource
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
    """Median and worst wall-clock seconds, and the median CPU seconds of this process."""
    runs, cpu = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        fn()
        runs.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return statistics.median(runs), max(runs), statistics.median(cpu)


def say(name, result):
    median, worst, cpu = result
    print(f"{name:<40} median {median:.2f} s   max {worst:.2f} s   CPU {cpu:.2f} s")


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

        say("checks.run, whole tree, in-process", timed(lambda: checks.run(source()),
                                                        args.repeat))
        say("  of which loading the lessons",
            timed(lambda: Library(content, ["id", "en"], quiet=True), args.repeat))

        live = Library(content, ["id", "en"], quiet=True)
        target = content / "id" / sorted(os.listdir(content / "id"))[0]
        draft = {target: target.read_bytes().replace(b"## ", b"## Baru: ", 1)}

        def one_draft():
            s = checks.Source(content, quizzes, drafts=draft)
            s._base = live
            checks.run(s)

        say("checks.run with one draft (editor save)", timed(one_draft, args.repeat))

        command = [sys.executable, "-m", "kiosk", "content", "check",
                   "--content", str(content), "--quizzes", str(quizzes)]
        env = {**os.environ, "KIOSK_DATA_DIR": str(Path(tmp) / "data")}
        runs, cpu = [], []
        for _ in range(args.repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
            runs.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        say(f"`kiosk content check` (exit {done.returncode})",
            (statistics.median(runs), max(runs), statistics.median(cpu)))
        print("  ", done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr)
        bundle = Path(tmp) / "isi.zip"
        env_live = {**env, "KIOSK_CONTENT_DIR": str(content), "KIOSK_QUIZ_DIR": str(quizzes)}
        for name, args in (("export", ["export", str(bundle)]),
                           ("import --dry-run", ["import", "--dry-run", str(bundle)])):
            start = time.perf_counter()
            done = subprocess.run([sys.executable, "-m", "kiosk", "content", *args], cwd=ROOT,
                                  env=env_live, capture_output=True, text=True)
            took = time.perf_counter() - start
            print(f"`kiosk content {name}` (exit {done.returncode})".ljust(40)
                  + f" {took:.2f} s   bundle {bundle.stat().st_size / 1024 / 1024:.1f} MB")
        print(f"load average during the run: {os.getloadavg()[0]:.2f} "
              f"on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
