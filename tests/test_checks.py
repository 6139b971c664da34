"""The content checker: each kind of finding with its exact message and line, the registry
other features plug into, and `kiosk content check` (text, JSON, exit status)."""

import json
import subprocess
import sys
import textwrap

import pytest
from conftest import CATEGORIES, lesson_text, write
from quiz_samples import CHECKER, QUIZ

from kiosk import checks
from kiosk.content.checks import NOT_REVIEWED
from kiosk.errors import ContentError

KIOSK = [sys.executable, "-m", "kiosk"]

# What the conftest tree is always told: two lessons have no English version yet.
BASELINE = [
    "content/id/calo.md: warning: has no English translation (content/en/calo.md); English "
    "visitors see the Indonesian lesson instead",
    "content/id/jalur-resmi.md: warning: has no English translation (content/en/jalur-resmi.md); "
    "English visitors see the Indonesian lesson instead",
]

PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x02\x00\x00\x00\x03\x08\x02\x00\x00"
       b"\x00\x00\x00\x00\x00")


def found(content_dir, quiz_dir):
    return checks.run(checks.Source(content_dir, quiz_dir)).lines()


def new_findings(content_dir, quiz_dir):
    return [line for line in found(content_dir, quiz_dir) if line not in BASELINE]


def test_the_small_tree_has_only_its_missing_translations(content_dir, tmp_path):
    assert found(content_dir, tmp_path / "quizzes") == BASELINE


def calo(extra="", body="Isi pelajaran.\n\n## Bagian satu\n\nTeks.\n", **kw):
    return lesson_text("Calo", tags="[calo, paspor]", order=2, extra=extra, body=body, **kw)


# (file, its text, what the checker says). Lesson lines: 2 title, 3 summary, 4 category,
# 5 tags, 6 order, 10 the closing '---' (or a field given as extra), body from line 12.
CASES = [
    ("content/id/calo.md", calo().replace("summary:", "sumary:"),
     ["content/id/calo.md:3: error: unknown field 'sumary'; did you mean 'summary'?"]),
    ("content/id/calo.md", calo().replace("tags: [calo, paspor]", "tags: [calo, paspor"),
     ["content/id/calo.md:6: error: front matter is not valid YAML: expected ',' or ']', but "
      "got ':' (while parsing a flow sequence that starts on line 5)"]),
    ("content/id/calo.md", calo().replace("title: Calo\n", ""),
     ["content/id/calo.md:1: error: front matter 'title' is missing; write 'title: …'"]),
    ("content/id/calo.md", calo().replace("tags: [calo, paspor]", "tags: calo"),
     ["content/id/calo.md:5: error: front matter 'tags' must be a list, e.g. tags: [paspor, "
      "calo]"]),
    ("content/id/calo.md", calo().replace("category: modus", "category: modu"),
     ["content/id/calo.md:4: error: front matter 'category' is 'modu', which is not in "
      "categories.yaml (known: jalur, modus)"]),
    ("content/id/calo.md", calo(extra="title: Calo lagi\n"),
     ["content/id/calo.md:10: error: field 'title' appears twice (first on line 2); keep one"]),
    ("content/id/calo.md", calo().replace("title: Calo", 'title: "TULIS: judul"'),
     ["content/id/calo.md:2: error: front matter 'title' still has the template's 'TULIS: …' "
      "text; write your own"]),
    ("content/id/calo.md", calo(body="Isi.\n\n## Bagian\n\nTULIS: cerita\n"),
     ["content/id/calo.md:16: error: this line still has the template's 'TULIS: …' text; "
      "write your own"]),
    ("content/id/calo.md", calo().encode("utf-8").replace(b"Ringkasan", b"Ringk\xe4san"),
     ["content/id/calo.md:3: error: is not valid UTF-8; save it as UTF-8 text"]),
    # media references
    ("content/id/calo.md", calo(extra="image: hilang.png\n"),
     ["content/id/calo.md:10: warning: image media/hilang.png does not exist in the media "
      "folder"]),
    ("content/id/calo.md", calo(body="Isi.\n\n![Paspor](media/paspor.png)\n"),
     ["content/id/calo.md:14: warning: image media/paspor.png does not exist in the media "
      "folder"]),
    ("content/id/calo.md", calo(body="Isi.\n\n![Paspor](../../paspor.png)\n"),
     ["content/id/calo.md:14: warning: image '../../paspor.png' must be a file in media/, "
      "e.g. media/paspor.png"]),
    ("content/media/catatan.txt", "bukan gambar",
     ["content/media/catatan.txt: warning: is not a PNG, JPEG or WebP picture; the kiosk "
      "cannot show it"]),
    # links between lessons
    ("content/id/calo.md", calo(body="Baca [ini](visa-ziarh.md).\n"),
     ["content/id/calo.md:12: error: link to 'visa-ziarh.md' leads to no lesson; did you mean "
      "'visa-ziarah.md'?"]),
    ("content/id/calo.md", calo(body="Isi.\n\nBaca [ini](pasport.md).\n"),
     ["content/id/calo.md:14: error: link to 'pasport.md' leads to no lesson (no lesson in the "
      "content folder has this file name)"]),
    ("content/id/calo.md", calo(body="Baca [ini](/pelajaran/kalo).\n"),
     ["content/id/calo.md:12: error: link to '/pelajaran/kalo' leads to no lesson; did you "
      "mean 'calo.md'?"]),
    ("content/id/calo.md", calo(body="Baca [ini](visa-ziarah.md#bagian-dua).\n"),
     ["content/id/calo.md:12: warning: link to 'visa-ziarah.md#bagian-dua': "
      "content/id/visa-ziarah.md has no heading 'bagian-dua'; did you mean 'bagian-satu'?"]),
    ("content/id/calo.md", calo(body="## Awal\n\nLihat [di bawah](#akhir).\n"),
     ["content/id/calo.md:14: warning: link to '#akhir': this lesson has no heading 'akhir'; "
      "headings: awal"]),
    ("content/id/calo.md", calo(body="Unduh [formulir](formulir.pdf).\n"),
     ["content/id/calo.md:12: warning: link to 'formulir.pdf' leads nowhere in the kiosk; link "
      "a lesson by its file name, e.g. [text](cek-agen-resmi.md)"]),
    ("content/id/calo.md", calo(body="Coba [kuis](/kuis/calo).\n"),
     ["content/id/calo.md:12: error: link to '/kuis/calo' leads to no quiz"]),
    ("content/id/calo.md", calo(body="Buka [situs](https://bp2mi.go.id).\n"),
     ["content/id/calo.md:12: warning: link to 'https://bp2mi.go.id' leaves the kiosk; it is "
      "shown as plain text"]),
    # duplicates
    ("content/id/calo.md", calo().replace("title: Calo", "title: Visa ziarah"),
     ["content/id/calo.md:2: warning: title 'Visa ziarah' is also the title of "
      "content/id/visa-ziarah.md; give each lesson its own title",
      "content/id/visa-ziarah.md:2: warning: title 'Visa ziarah' is also the title of "
      "content/id/calo.md; give each lesson its own title"]),
    ("content/categories.yaml", CATEGORIES + "modus:\n  icon: alert\n",
     ["content/categories.yaml:9: error: category 'modus' appears twice (first on line 1); "
      "keep one",
      "content/categories.yaml:9: error: category 'modus': 'name' needs a text per language, "
      "at least 'id: …'",
      *[f"content/{lesson}:4: error: front matter 'category' is 'modus', which is not in "
        f"categories.yaml (known: jalur)"
        for lesson in ("en/visa-ziarah.md", "id/calo.md", "id/visa-ziarah.md")]]),
    # categories
    ("content/categories.yaml", CATEGORIES.replace("  description: {id: Cara",
                                                   "  descripton: {id: Cara"),
     # A topic that cannot be read takes its lessons out of the kiosk with it.
     ["content/categories.yaml:1: error: category 'modus': unknown field 'descripton'; did "
      "you mean 'description'?",
      *[f"content/{lesson}:4: error: front matter 'category' is 'modus', which is not in "
        f"categories.yaml (known: jalur)"
        for lesson in ("en/visa-ziarah.md", "id/calo.md", "id/visa-ziarah.md")]]),
    ("content/categories.yaml", CATEGORIES + "lapor:\n  icon: phone\n  name: {id: Lapor}\n"
                                             "  description: {id: Ke mana melapor}\n",
     ["content/categories.yaml:9: warning: category 'lapor' has no lessons; its tile on the "
      "home screen is empty"]),
    ("content/categories.yaml", CATEGORIES.replace("icon: shield", "icon: shiled"),
     ["content/categories.yaml:5: warning: category 'jalur': icon 'shiled' does not exist; "
      "did you mean 'shield'?"]),
    # translations
    ("content/en/calo.md", calo().replace("category: modus", "category: jalur"),
     ["content/en/calo.md:4: warning: category 'jalur' differs from 'modus' in "
      "content/id/calo.md; the lesson would sit under another topic in each language"]),
    ("content/en/baru.md", lesson_text("New"),
     ["content/en/baru.md: warning: has no Indonesian version (content/id/baru.md); visitors "
      "reading Indonesian do not see this lesson"]),
    # files the kiosk never reads
    ("content/id/calo.md.txt", calo(),
     ["content/id/calo.md.txt: warning: is not read: lesson files end in '.md'; rename it to "
      "'calo.md'"]),
    ("content/calo.md", calo(),
     ["content/calo.md: warning: is not read: a lesson belongs in a language folder, e.g. "
      "content/id/calo.md"]),
    ("content/ar/calo.md", calo(),
     ["content/ar: warning: folder 'ar' is not a kiosk language (id, en); its lessons are not "
      "shown"]),
    ("quizzes/visa-ziarah.yaml.txt", QUIZ,
     ["quizzes/visa-ziarah.yaml.txt: warning: is not read: quiz files end in '.yaml'; rename "
      "it to 'visa-ziarah.yaml'"]),
    # quizzes: the same kinds of message as lessons
    ("quizzes/visa-ziarah.yaml", QUIZ.replace("lessons: [visa-ziarah]", "lessons: [visa-ziara]"),
     ["quizzes/visa-ziarah.yaml:2: error: unknown lesson 'visa-ziara'; did you mean "
      "'visa-ziarah'?"]),
    ("quizzes/visa-ziarah.yaml", QUIZ.replace("title: {id: Kuis", "titel: {id: Kuis"),
     ["quizzes/visa-ziarah.yaml:1: error: unknown field 'titel'; did you mean 'title'?",
      "quizzes/visa-ziarah.yaml:1: error: 'title' is missing; write 'title: {id: …, en: …}'"]),
    ("quizzes/visa-ziarah.yaml", QUIZ.replace("questions:\n", "questions\n"),
     ["quizzes/visa-ziarah.yaml:4: error: is not valid YAML: could not find expected ':' "
      "(while scanning a simple key that starts on line 3)"]),
    ("quizzes/visa-ziarah.yaml", QUIZ.replace("text: {id: Mana tanda bahaya?",
                                              'text: {id: "TULIS: pertanyaan"'),
     ["quizzes/visa-ziarah.yaml:21: error: this line still has the template's 'TULIS: …' "
      "text; write your own"]),
    ("quizzes/cek-tawaran.yaml", CHECKER.replace("unsure: 0.5", "unsur: 0.5"),
     ["quizzes/cek-tawaran.yaml:3: error: unknown field 'unsur'; did you mean 'unsure'?"]),
]


@pytest.mark.parametrize(("where", "text", "expected"), CASES,
                         ids=[f"{i}-{c[0]}" for i, c in enumerate(CASES)])
def test_each_kind_of_finding_names_the_file_the_line_and_the_fix(content_dir, tmp_path, where,
                                                                  text, expected):
    path = tmp_path / where
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    if where.startswith("quizzes/") and "cek-tawaran" not in where:
        write(tmp_path / "quizzes" / "cek-tawaran.yaml", CHECKER)
    assert new_findings(content_dir, tmp_path / "quizzes") == expected


def test_each_unreviewed_lesson_is_one_warning_for_officers(content_dir, tmp_path):
    write(content_dir / "id" / "calo.md", calo().replace("reviewed: 2026-11-01", "reviewed:"))
    write(content_dir / "en" / "baru.md", lesson_text("New").replace("reviewed: 2026-11-01\n",
                                                                     ""))
    write(content_dir / "id" / "baru.md", lesson_text("Baru"))
    assert new_findings(content_dir, tmp_path / "quizzes") == [
        "content/en/baru.md:1: warning: not reviewed yet; an officer checks it, then writes "
        "'reviewed: YYYY-MM-DD'",
        "content/id/calo.md:9: warning: not reviewed yet; an officer checks it, then writes "
        "'reviewed: YYYY-MM-DD'",
    ]


def test_a_quiz_folder_without_the_checker_file_is_told(content_dir, tmp_path):
    write(tmp_path / "quizzes" / "visa-ziarah.yaml", QUIZ)
    assert new_findings(content_dir, tmp_path / "quizzes") == [
        "quizzes/cek-tawaran.yaml: warning: is missing; the job-offer checker ('Cek tawaran "
        "kerja') is not shown"]


def test_a_lesson_that_breaks_keeps_the_others_checked(content_dir, tmp_path):
    write(content_dir / "id" / "calo.md", calo(body="Baca [ini](visa-ziarh.md).\n")
          .replace("summary:", "sumary:"))
    write(content_dir / "id" / "jalur-resmi.md",
          lesson_text("Jalur resmi", "jalur", body="Lihat [ini](kalo.md).\n"))
    report = checks.run(checks.Source(content_dir, tmp_path / "quizzes"))
    assert [checks.line_of(f) for f in report.errors] == [
        "content/id/calo.md:3: error: unknown field 'sumary'; did you mean 'summary'?",
        "content/id/jalur-resmi.md:12: error: link to 'kalo.md' leads to no lesson; did you "
        "mean 'calo.md'?",
    ]


def test_a_draft_is_checked_as_if_it_were_saved_and_nothing_is_written(content_dir, tmp_path):
    path = content_dir / "id" / "calo.md"
    before = path.read_bytes()
    draft = calo().replace("summary:", "sumary:").encode()
    source = checks.Source(content_dir, tmp_path / "quizzes", drafts={path: draft})
    assert [checks.line_of(f) for f in checks.run(source).errors] == [
        "content/id/calo.md:3: error: unknown field 'sumary'; did you mean 'summary'?"]
    new = content_dir / "id" / "baru.md"
    source = checks.Source(content_dir, tmp_path / "quizzes",
                           drafts={new: lesson_text("Baru", body="Ke [calo](calo.md).\n")
                                   .encode()})
    report = checks.run(source)
    assert report.ok and ("id", "baru") in source.library.shelf.lessons
    assert path.read_bytes() == before and not new.exists()


def test_a_category_removed_in_a_draft_breaks_its_lessons(content_dir, tmp_path):
    categories = content_dir / "categories.yaml"
    draft = CATEGORIES.split("jalur:")[0].encode()
    report = checks.run(checks.Source(content_dir, tmp_path / "quizzes",
                                      drafts={categories: draft}))
    assert [checks.line_of(f) for f in report.errors] == [
        "content/id/jalur-resmi.md:4: error: front matter 'category' is 'jalur', which is not "
        "in categories.yaml (known: modus)"]


def test_a_good_picture_in_media_is_fine(content_dir, tmp_path):
    (content_dir / "media" / "paspor.png").write_bytes(PNG)
    write(content_dir / "id" / "calo.md", calo(extra="image: paspor.png\n",
                                               body="![Paspor](media/paspor.png)\n"))
    assert found(content_dir, tmp_path / "quizzes") == BASELINE


# -- the registry: other features add their checks -----------------------------------------


def synonyms_check(source):
    """What a search feature would register for content/synonyms.yaml."""
    path = source.content_dir / "synonyms.yaml"
    if not source.exists(path):
        return []
    text = source.read_bytes(path).decode()
    return [ContentError("a synonym line needs a ':'", source.display(path), n)
            for n, line in enumerate(text.splitlines(), start=1) if ":" not in line]


def test_a_feature_registers_its_own_check_and_every_path_runs_it(app, content_dir, runner):
    checks.register(app, "synonyms", synonyms_check)
    write(content_dir / "synonyms.yaml", "tkw: pmi\ncalo sponsor\n")
    expected = "content/synonyms.yaml:2: error: a synonym line needs a ':'"
    assert expected in checks.run_for_app(app).lines()
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1 and expected in result.output
    # A draft from the web editor is read through the source, so the check sees it too.
    fixed = {content_dir / "synonyms.yaml": b"tkw: pmi\ncalo: sponsor\n"}
    assert expected not in checks.run_for_app(app, fixed).lines()


def test_a_check_that_crashes_is_reported_not_hidden(app, runner):
    def broken(source):
        raise RuntimeError("oops")

    checks.register(app, "presenter-sessions", broken)
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert ("error: the 'presenter-sessions' check failed unexpectedly: RuntimeError('oops'); "
            "please report this to the kiosk's developers") in result.output


# -- the command -------------------------------------------------------------------------


def test_the_command_prints_one_line_per_finding_then_a_summary(runner, content_dir):
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        *BASELINE, "Checked 4 lessons and 0 quiz files: 0 errors, 2 warnings."]


def test_the_command_fails_on_an_error(runner, content_dir):
    write(content_dir / "id" / "calo.md", calo().replace("summary:", "sumary:"))
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    assert ("content/id/calo.md:3: error: unknown field 'sumary'; did you mean 'summary'?"
            in result.output.splitlines())
    assert result.output.splitlines()[-1] == ("Checked 4 lessons and 0 quiz files: 1 error, "
                                              "2 warnings.")


def test_json_format(runner, content_dir):
    write(content_dir / "id" / "calo.md", calo().replace("summary:", "sumary:"))
    result = runner.invoke(args=["content", "check", "--format", "json"])
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["ok"] is False and (data["errors"], data["warnings"]) == (1, 2)
    assert data["lessons"] == 4 and data["quiz_files"] == 0
    assert [f for f in data["findings"] if f["check"] == "lessons"] == [{
        "path": "content/id/calo.md", "line": 3, "severity": "error", "check": "lessons",
        "message": "unknown field 'sumary'; did you mean 'summary'?"}]
    assert data["summary"] == "Checked 4 lessons and 0 quiz files: 1 error, 2 warnings."


def test_another_folder_can_be_checked_in_a_separate_process(content_dir, tmp_path):
    """The bundled kiosk's command, pointed at an unpacked bundle somewhere else."""
    other = tmp_path / "usb" / "content"
    write(other / "categories.yaml", CATEGORIES)
    write(other / "id" / "calo.md", calo().replace("summary:", "sumary:"))
    (tmp_path / "usb" / "quizzes").mkdir()
    done = subprocess.run(KIOSK + ["content", "check", "--content", str(other), "--quizzes",
                                   str(tmp_path / "usb" / "quizzes")],
                          capture_output=True, text=True,
                          env={"KIOSK_DATA_DIR": str(tmp_path / "data"), "PATH": ""})
    assert done.returncode == 1, done.stderr
    assert ("content/id/calo.md:3: error: unknown field 'sumary'; did you mean 'summary'?"
            in done.stdout.splitlines())
    assert "Traceback" not in done.stderr
    assert done.stdout.splitlines()[-1].startswith("Checked 1 lesson and 0 quiz files: 1 error,")


def test_a_folder_that_does_not_exist_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(args=["content", "check", "--content", str(tmp_path / "hilang")])
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_the_quiz_command_runs_the_quiz_part_of_the_same_checker(app, runner, tmp_path):
    write(tmp_path / "quizzes" / "visa-ziarah.yaml", QUIZ.replace("        correct: true\n", "", 1))
    result = runner.invoke(args=["quizzes", "check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "quizzes/visa-ziarah.yaml:7: error: question 'q1' has no correct option" in lines
    assert all(line.startswith("quizzes/") for line in lines[:-1])


def test_kiosk_run_prints_the_checker_s_findings(content_dir, tmp_path):
    """Start-up says what `kiosk content check` says (the run itself is tested in test_cli)."""
    write(content_dir / "id" / "calo.md", calo(body="Baca [ini](kalo.md).\n"))
    from kiosk import create_app

    app = create_app({"CONTENT_DIR": str(content_dir), "DATA_DIR": str(tmp_path / "data"),
                      "QUIZ_DIR": str(tmp_path / "quizzes")})
    lines = checks.run_for_app(app).lines()
    assert ("content/id/calo.md:12: error: link to 'kalo.md' leads to no lesson; did you mean "
            "'calo.md'?") in lines


def test_the_bundled_content_is_clean():
    root = checks.PACKAGE_ICONS.parent.parent
    report = checks.run(checks.Source(root / "content", root / "quizzes"))
    # The one thing left is for officers: lessons no one has reviewed yet, one line each.
    unreviewed = [line for line in report.lines() if line.endswith(NOT_REVIEWED)]
    assert [line for line in report.lines() if line not in unreviewed] == []
    assert len(unreviewed) == len(checks.Source(root / "content", root / "quizzes").library
                                  .unreviewed())
    assert report.lessons == len(list((root / "content").glob("*/*.md")))
    assert report.quizzes == len(list((root / "quizzes").glob("*.yaml")))


def test_the_template_for_a_new_lesson_is_refused_until_written(content_dir, tmp_path, runner):
    result = runner.invoke(args=["content", "new", "kerja-di-kapal", "--category", "jalur"])
    assert result.exit_code == 0, result.output
    assert result.output == ("Wrote content/id/kerja-di-kapal.md from the template. Replace "
                             "every 'TULIS: …' in it: the kiosk shows the lesson once none is "
                             "left. Then run: kiosk content check\n")
    text = (content_dir / "id" / "kerja-di-kapal.md").read_text()
    for name in ("title", "summary", "category", "tags", "order", "image", "sources",
                 "reviewed"):
        assert f"\n# {name}" in text and f"\n{name}:" in text  # each field, explained
    assert 'category: "jalur"' in text
    assert ("content/id/kerja-di-kapal.md:9: error: front matter 'title' still has the "
            "template's 'TULIS: …' text; write your own"
            in new_findings(content_dir, tmp_path / "quizzes"))


@pytest.mark.parametrize(("args", "message"), [
    (["content", "new", "Kerja_Kapal"], "'Kerja_Kapal' is not a slug"),
    (["content", "new", "calo"], "content/id/calo.md already exists; nothing was written"),
    (["content", "new", "baru", "--lang", "de"], "--lang must be one of id, en, not 'de'"),
    (["content", "new", "baru", "--category", "modis"],
     "--category 'modis' is not in categories.yaml (known: modus, jalur)"),
])
def test_content_new_refuses(runner, content_dir, args, message):
    before = sorted(p.name for p in (content_dir / "id").iterdir())
    result = runner.invoke(args=args)
    assert result.exit_code != 0
    assert message in result.output
    assert sorted(p.name for p in (content_dir / "id").iterdir()) == before


def test_a_translation_starts_from_the_indonesian_lesson(runner, content_dir):
    result = runner.invoke(args=["content", "new", "calo", "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = (content_dir / "en" / "calo.md").read_text()
    assert 'category: "modus"' in text and 'tags: ["calo", "paspor"]' in text
    assert "(aslinya: Calo)" in text
    assert textwrap.dedent("""\
        TULIS: terjemahkan teks di bawah ini ke dalam bahasa Inggris, lalu hapus baris ini.

        Isi pelajaran.""") in text


def test_the_checker_reads_synonyms_and_sessions_like_search_and_presenter_do(runner,
                                                                                content_dir):
    write(content_dir / "synonyms.yaml", "- [calo, sponsor]\n- [tki]\n")
    write(content_dir / "sessions" / "imdes.yaml",
          "title: {id: Sesi, en: Session}\nlessons: [calo, kalo-sponsor]\n")
    result = runner.invoke(args=["content", "check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert ("content/synonyms.yaml:2: error: a group needs at least two words, like "
            "'- [calo, sponsor, perekrut]'") in lines
    assert any(line.startswith("content/sessions/imdes.yaml:2: error: unknown lesson "
                               "'kalo-sponsor'") for line in lines), lines
