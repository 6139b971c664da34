"""Cek tawaran kerja: the checklist file, the verdict for chosen answers, and the flow."""

import textwrap

import pytest
from conftest import look, write
from quiz_samples import CHECKER, field

from kiosk import events
from kiosk.quiz import get_quizbook

URL = "/cek-tawaran"
SAFE = {"biaya": "tidak", "kontrak": "ya", "paspor": "tidak"}


@pytest.fixture
def quizzes(tmp_path):
    return tmp_path / "quizzes"


@pytest.fixture
def seen(app):
    recorded = []
    events.set_sink(app, lambda kind, fields: recorded.append((kind, fields)))
    return recorded


@pytest.fixture
def client(app, quizzes):
    write(quizzes / "cek-tawaran.yaml", CHECKER)
    look(app)
    return app.test_client()


def checker(app):
    with app.app_context():
        return get_quizbook().checker


@pytest.mark.parametrize("answers, risk, flags", [
    ({}, "belum-terlihat", []),
    ({"biaya": "ya"}, "hati-hati", ["biaya"]),
    ({"kontrak": "tidak"}, "hati-hati", ["kontrak"]),
    ({"biaya": "ya", "kontrak": "tidak"}, "bahaya", ["kontrak", "biaya"]),  # 5 points
    ({"paspor": "ya"}, "bahaya", ["paspor"]),  # severe, however light
    ({"kontrak": "tidak-tahu"}, "hati-hati", []),  # half of 3 reaches 1
    ({"biaya": "tidak-tahu", "kontrak": "tidak-tahu", "paspor": "tidak-tahu"}, "hati-hati", []),
    ({"biaya": "ya", "kontrak": "tidak-tahu", "paspor": "tidak-tahu"}, "hati-hati", ["biaya"]),
])
def test_the_verdict_for_chosen_answers(app, client, answers, risk, flags):
    verdict = checker(app).verdict({**SAFE, **answers})
    assert verdict.risk == risk
    assert [s.id for s in verdict.raised] == flags
    assert [s.id for s in verdict.unsure] == [k for k, v in answers.items() if v == "tidak-tahu"]


def test_not_sure_never_makes_an_offer_dangerous_by_itself(app, quizzes):
    write(quizzes / "cek-tawaran.yaml", CHECKER.replace("unsure: 0.5", "unsure: 1"))
    look(app)
    verdict = checker(app).verdict({"biaya": "tidak-tahu", "kontrak": "tidak-tahu",
                                    "paspor": "tidak-tahu"})
    assert verdict.score == 6 and verdict.risk == "hati-hati"


def test_a_verdict_needs_every_answer(app, client):
    with pytest.raises(ValueError, match="no answer for paspor"):
        checker(app).verdict({"biaya": "ya", "kontrak": "ya"})


ERRORS = [
    ("flag is not ya or tidak", CHECKER.replace("    flag: tidak\n", "    flag: mungkin\n"),
     "quizzes/cek-tawaran.yaml:28: question 'kontrak': 'flag' must be ya or tidak: the answer "
     "that is a warning sign"),
    ("weight below zero", CHECKER.replace("weight: 3", "weight: -3"),
     "quizzes/cek-tawaran.yaml:29: question 'kontrak': 'weight' must be a number above 0"),
    ("severe in words", CHECKER.replace("severe: true", "severe: sangat"),
     "quizzes/cek-tawaran.yaml:35: question 'paspor': 'severe' must be true, false, or the "
     "other answers that make it severe, e.g. 'severe: {biaya-di-muka: ya}'"),
    ("a level misspelt", CHECKER.replace("  bahaya:\n", "  bahya:\n"),
     "quizzes/cek-tawaran.yaml:12: levels: unknown field 'bahya'; did you mean 'bahaya'?"),
    ("a level missing", CHECKER.replace("  bahaya:\n", "  bahya:\n"),
     "quizzes/cek-tawaran.yaml:4: levels: 'bahaya' is missing; write its 'title' and 'advice'"),
    ("caution above danger", CHECKER.replace("from: 1", "from: 9"),
     "quizzes/cek-tawaran.yaml:8: level 'hati-hati' must start below level 'bahaya' ('from')"),
    ("a level without a start", CHECKER.replace("    from: 5\n", ""),
     "quizzes/cek-tawaran.yaml:12: level 'bahaya': 'from' must be a number above 0: the points "
     "from which an offer is 'bahaya'"),
    ("unknown lesson", CHECKER.replace("lesson: calo", "lesson: kalo"),
     "quizzes/cek-tawaran.yaml:25: question 'biaya': unknown lesson 'kalo'; did you mean "
     "'calo'?"),
    ("unknown lesson in a next step", CHECKER.replace("lesson: jalur-resmi", "lesson: resmi"),
     "quizzes/cek-tawaran.yaml:18: next step 1: unknown lesson 'resmi'; did you mean "
     "'jalur-resmi'?"),
    ("two questions with one id", CHECKER.replace("- id: kontrak", "- id: biaya"),
     "quizzes/cek-tawaran.yaml:26: question id 'biaya' is used twice (first on line 20); give "
     "each question its own id"),
    ("the result page's name", CHECKER.replace("- id: kontrak", "- id: hasil"),
     "quizzes/cek-tawaran.yaml:26: question id 'hasil' is the address of the result page; "
     "choose another id"),
    ("unsure above one", CHECKER.replace("unsure: 0.5", "unsure: 2"),
     "quizzes/cek-tawaran.yaml:3: 'unsure' must be a number from 0 to 1: the share of a sign's "
     "weight a 'Tidak tahu' counts"),
    ("no explanation", CHECKER.replace(
        "    explanation: {id: Paspor ditahan tanda kerja paksa., en: A kept passport is forced "
        "labour.}\n", ""),
     "quizzes/cek-tawaran.yaml:31: question 'paspor': 'explanation' is missing; write "
     "'explanation: {id: …, en: …}'"),
    ("no questions", CHECKER.split("questions:")[0],
     "quizzes/cek-tawaran.yaml:1: 'questions' must be a list of questions, each starting with "
     "'- id: …'"),
]


@pytest.mark.parametrize("text, message", [c[1:] for c in ERRORS], ids=[c[0] for c in ERRORS])
def test_each_mistake_in_the_checker_file_is_named_and_the_checker_is_left_out(
        app, quizzes, text, message):
    write(quizzes / "cek-tawaran.yaml", text)
    look(app)
    with app.app_context():
        book = get_quizbook()
        assert message in [str(p) for p in book.shelf.errors]
        assert book.checker is None
    assert app.test_client().get(URL).status_code == 404


def walk(client, answers):
    """Start the checker and answer every question; returns the last response."""
    response = client.post(URL)
    while response.status_code == 303 and "/hasil" not in response.headers["Location"]:
        location = response.headers["Location"]
        page = client.get(location).get_data(as_text=True)
        sign = location.rsplit("/", 1)[1]
        response = client.post(location, data={"attempt": field(page, "attempt"),
                                               "jawaban": answers[sign]})
    return response


def test_the_intro_says_what_happens_and_that_nothing_is_kept(client):
    page = client.get(URL).get_data(as_text=True)
    assert "Cek tawaran kerja" in page and "Jawab pertanyaan ini." in page
    assert "3 pertanyaan. Jawab Ya, Tidak, atau Tidak tahu." in page
    assert "Kios ini tidak mencatat siapa Anda." in page
    assert 'action="/cek-tawaran"' in page and " Mulai</button>" in page


def test_one_question_a_screen_with_three_big_answers_and_progress(client):
    location = client.post(URL).headers["Location"]
    assert location == "/cek-tawaran/biaya"
    page = client.get(location).get_data(as_text=True)
    assert "Pertanyaan <strong>1 / 3</strong>" in page
    assert "Diminta bayar di muka?" in page
    for value, label in (("ya", "Ya"), ("tidak", "Tidak"), ("tidak-tahu", "Tidak tahu")):
        assert f'name="jawaban" value="{value}"' in page and f">{label}<" in page
    assert 'href="/cek-tawaran" data-nav="back"' in page


def test_a_dangerous_offer_explains_every_flag_and_what_to_do(client, seen):
    response = walk(client, {"biaya": "ya", "kontrak": "tidak-tahu", "paspor": "ya"})
    assert response.headers["Location"] == "/cek-tawaran/hasil"
    page = client.get("/cek-tawaran/hasil").get_data(as_text=True)
    assert 'data-risk="bahaya"' in page and 'data-flags="paspor biaya"' in page
    assert "Bahaya! Jangan berangkat" in page and "Laporkan sekarang." in page
    assert "2 tanda bahaya dari jawaban Anda" in page
    # What to do and whom to call come before the reasons.
    assert page.index('href="tel:08001000"') < page.index("2 tanda bahaya dari jawaban Anda")
    assert "Telepon dulu, diam-diam:" in page
    assert "Paspor ditahan tanda kerja paksa." in page and "Tanda bahaya besar" in page
    assert "Biaya di muka tanda calo." in page and 'href="/pelajaran/calo"' in page
    unsure = page.split("Juga belum Anda ketahui")[1]  # not a deciding question here
    assert "Tanpa kontrak tidak ada perlindungan." in unsure
    assert "Cek izin perusahaan." in page and 'href="/pelajaran/jalur-resmi"' in page
    assert "0800-1000" in page and 'href="tel:08001000"' in page and 'href="/lapor"' in page
    assert seen == [("checker_result", {"risk": "bahaya", "flags": ["paspor", "biaya"]})]


def test_a_clean_offer_is_never_called_safe_and_still_shows_the_legal_route(client, seen):
    walk(client, SAFE)
    page = client.get("/cek-tawaran/hasil").get_data(as_text=True)
    assert 'data-risk="belum-terlihat"' in page and "Belum terlihat tanda bahaya" in page
    assert "tanda bahaya dari jawaban Anda" not in page
    verdict = page.split('class="checker-verdict')[1].split("</section>")[0]
    assert "Aman" not in page and "shield" not in verdict  # no word or icon of approval
    assert "Cek izin perusahaan." in page
    assert seen == [("checker_result", {"risk": "belum-terlihat", "flags": []})]


def test_the_result_is_shown_in_english(client):
    client.get("/?lang=en")
    walk(client, {**SAFE, "biaya": "ya"})
    page = client.get("/cek-tawaran/hasil").get_data(as_text=True)
    assert 'data-risk="hati-hati"' in page and "Be careful, check first" in page
    assert "Fees up front are a broker&#39;s sign." in page
    assert "</span> Be careful</p>" in page  # the level's name beside its icon


def test_kembali_goes_to_the_last_question_and_the_answer_can_be_changed(client, seen):
    location = client.post(URL).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    nxt = client.post(location, data={"attempt": field(page, "attempt"), "jawaban": "ya"})
    page = client.get(nxt.headers["Location"]).get_data(as_text=True)
    assert 'href="/cek-tawaran/biaya" data-nav="back"' in page
    back = client.get("/cek-tawaran/biaya").get_data(as_text=True)
    assert "Jawaban Anda tadi" in back and 'class="answer is-given" name="jawaban" value="ya"' \
        in back
    client.post("/cek-tawaran/biaya", data={"attempt": field(back, "attempt"),
                                             "jawaban": "tidak"})
    with client.session_transaction() as session:
        assert session["cek"]["answers"] == {"biaya": "tidak"}
    assert seen == []


def test_questions_cannot_be_skipped_and_the_result_waits(client):
    client.post(URL)
    assert client.get("/cek-tawaran/paspor").headers["Location"] == "/cek-tawaran/biaya"
    assert client.get("/cek-tawaran/hasil").headers["Location"] == "/cek-tawaran"
    fresh = client.application.test_client()
    assert fresh.get("/cek-tawaran/biaya").headers["Location"] == "/cek-tawaran"
    assert client.get("/cek-tawaran/tidak-ada").status_code == 404


def test_a_finished_check_shows_its_result_until_a_new_one_starts(client, seen):
    walk(client, SAFE)
    assert client.get("/cek-tawaran/biaya").headers["Location"] == "/cek-tawaran/hasil"
    assert client.post(URL).headers["Location"] == "/cek-tawaran/biaya"
    assert client.get("/cek-tawaran/hasil").headers["Location"] == "/cek-tawaran"
    assert len(seen) == 1


TAMPERED = {
    "forged token": lambda page: {"attempt": "x" * 16, "jawaban": "ya"},
    "no token": lambda page: {"jawaban": "ya"},
    "no answer": lambda page: {"attempt": field(page, "attempt")},
    "an answer not offered": lambda page: {"attempt": field(page, "attempt"), "jawaban": "mungkin"},
    "a huge answer": lambda page: {"attempt": field(page, "attempt"), "jawaban": "y" * 200_000},
}


@pytest.mark.parametrize("case", TAMPERED)
def test_tampered_answers_get_the_calm_400_page_and_change_nothing(client, seen, case):
    location = client.post(URL).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    with client.session_transaction() as session:
        before = dict(session["cek"])
    response = client.post(location, data=TAMPERED[case](page))
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Jawaban ini tidak bisa diterima" in text and "Lanjutkan cek tawaran" in text
    with client.session_transaction() as session:
        assert session["cek"] == before
    assert seen == []


@pytest.mark.parametrize("target", ["/cek-tawaran/paspor", "/cek-tawaran/tidak-ada"])
def test_answers_to_a_later_or_unknown_question_are_refused(client, seen, target):
    location = client.post(URL).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    response = client.post(target, data={"attempt": field(page, "attempt"), "jawaban": "ya"})
    assert response.status_code == 400 and seen == []


def test_answers_after_the_verdict_or_without_a_check_are_refused(client, seen):
    location = client.post(URL).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    stranger = client.application.test_client()
    assert stranger.post(location, data={"attempt": field(page, "attempt"),
                                         "jawaban": "ya"}).status_code == 400
    walk(client, SAFE)
    again = client.post(location, data={"attempt": field(page, "attempt"), "jawaban": "ya"})
    assert again.status_code == 400 and len(seen) == 1


def test_a_one_megabyte_answer_gets_the_too_large_page(client, seen):
    location = client.post(URL).headers["Location"]
    page = client.get(location).get_data(as_text=True)
    response = client.post(location, data={"attempt": field(page, "attempt"),
                                           "jawaban": "x" * (1024 * 1024)})
    assert response.status_code == 413 and "Isian terlalu besar" in response.get_data(
        as_text=True)
    assert seen == []


def test_without_a_checker_file_the_page_is_a_calm_404(app):
    response = app.test_client().get(URL)
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


# A checklist whose signs depend on other answers, as the shipped one does.
RULES = CHECKER.replace("""  - id: paspor
    text:""", """  - id: paspor
    name: {id: Paspor dipegang, en: Passport held}
    text:""").replace("""    severe: true
""", """    severe: true
    unless: {izin: ya}
    unless_note: {id: Minta tanda terima., en: Ask for a receipt.}
""") + textwrap.indent(textwrap.dedent("""\
      - id: izin
        name: {id: Izin P3MI dicek, en: P3MI licence checked}
        text: {id: Izin perusahaan sudah dicek?, en: Licence checked?}
        flag: tidak
        weight: 2
        decisive: true
        find_out: {id: Cek izinnya di Disnaker., en: Check the licence at Disnaker.}
        explanation: {id: Tanpa izin tidak ada yang bertanggung jawab., en: Nobody answers.}
      - id: bebas-biaya
        text: {id: Pekerjaan bebas biaya?, en: A no-fee job?}
        flag: ya
        only_if: {biaya: ya}
        severe: {kontrak: [tidak, tidak-tahu]}
        weight: 1
        explanation: {id: Tidak boleh ditagih., en: May not be charged.}
    """), "  ")
LEGAL = {**SAFE, "izin": "ya", "bebas-biaya": "tidak"}


@pytest.fixture
def rules(app, quizzes):
    write(quizzes / "cek-tawaran.yaml", RULES)
    look(app)
    with app.app_context():
        assert [str(p) for p in get_quizbook().shelf.errors] == []
    return checker(app)


@pytest.mark.parametrize("answers, risk, flags, notes", [
    ({}, "belum-terlihat", [], []),
    ({"paspor": "ya"}, "belum-terlihat", [], ["paspor"]),  # a checked P3MI applies for the visa
    ({"paspor": "ya", "izin": "tidak"}, "bahaya", ["paspor", "izin"], []),
    ({"paspor": "ya", "izin": "tidak-tahu"}, "bahaya", ["paspor"], []),
    ({"bebas-biaya": "ya"}, "belum-terlihat", [], []),  # no fee asked: nothing wrong
    ({"bebas-biaya": "ya", "biaya": "ya"}, "hati-hati", ["biaya", "bebas-biaya"], []),
    ({"bebas-biaya": "ya", "biaya": "ya", "kontrak": "tidak"}, "bahaya",
     ["bebas-biaya", "kontrak", "biaya"], []),
    ({"izin": "tidak-tahu"}, "hati-hati", [], []),  # not knowing a deciding fact: find out
    ({"izin": "tidak-tahu", "kontrak": "tidak"}, "hati-hati", ["kontrak"], []),  # 3 + 1 < 5
    ({"izin": "tidak-tahu", "kontrak": "tidak", "biaya": "ya"}, "bahaya", ["kontrak", "biaya"],
     []),  # 3 + 2 + half of 2
])
def test_signs_that_depend_on_other_answers(rules, answers, risk, flags, notes):
    verdict = rules.verdict({**LEGAL, **answers})
    assert verdict.risk == risk
    assert [s.id for s in verdict.raised] == flags
    assert [s.id for s in verdict.notes] == notes


def test_a_note_shows_only_where_its_rule_applies(app, quizzes):
    # The note explains why a sign is excused; where 'only_if' says the sign does not apply at
    # all, there is nothing to excuse and the note would tell an untrue story.
    write(quizzes / "cek-tawaran.yaml",
          RULES.replace("    unless: {izin: ya}\n", "    only_if: {biaya: ya}\n"
                                                    "    unless: {izin: ya}\n"))
    look(app)
    rules = checker(app)
    applies = rules.verdict({**LEGAL, "paspor": "ya", "biaya": "ya"})
    assert [s.id for s in applies.notes] == ["paspor"] and "paspor" not in applies.flags
    elsewhere = rules.verdict({**LEGAL, "paspor": "ya"})
    assert elsewhere.notes == () and elsewhere.raised == ()


def test_unknown_deciding_facts_alone_never_make_danger(rules):
    verdict = rules.verdict({sign: "tidak-tahu" for sign in LEGAL})
    assert verdict.risk == "hati-hati" and [s.id for s in verdict.find_out] == ["izin"]
    assert verdict.flags == ["izin.tidak-tahu"]


def test_the_result_says_what_to_find_out_and_names_the_answer(app, rules, seen):
    client = app.test_client()
    walk(client, {**LEGAL, "izin": "tidak-tahu", "paspor": "ya"})
    page = client.get("/cek-tawaran/hasil").get_data(as_text=True)
    assert 'data-risk="bahaya"' in page
    find_out = page.split("Yang perlu Anda cari tahu dulu")[1].split("</section>")[0]
    assert "Izin P3MI dicek</span>: <strong>Tidak tahu</strong>" in find_out
    assert "Cek izinnya di Disnaker." in find_out
    assert seen == [("checker_result", {"risk": "bahaya", "flags": ["paspor",
                                                                     "izin.tidak-tahu"]})]


def test_a_passport_with_a_checked_agency_shows_a_note_not_a_sign(app, rules):
    client = app.test_client()
    walk(client, {**LEGAL, "paspor": "ya"})
    page = client.get("/cek-tawaran/hasil").get_data(as_text=True)
    assert 'data-risk="belum-terlihat"' in page and "tanda bahaya dari jawaban" not in page
    assert "Paspor dipegang</span>: <strong>Ya</strong>" in page
    assert "Minta tanda terima." in page


def test_the_officer_report_names_each_sign_with_its_answer(app, rules):
    from kiosk.quiz.labels import describe
    with app.app_context():
        book = get_quizbook()
        assert describe(book, "flag", "kontrak") == "Ada kontrak tertulis?: Tidak"
        assert describe(book, "flag", "paspor") == "Paspor dipegang: Ya"
        assert describe(book, "flag", "izin.tidak-tahu") == "Izin P3MI dicek: Tidak tahu"
        assert describe(book, "flag", "izin.tidak-tahu", lang="en") == \
            "P3MI licence checked: Not sure"
        assert describe(book, "risk", "aman") == "Belum terlihat tanda bahaya"  # old counts
        assert describe(book, "flag", "hilang") is None


RULE_ERRORS = [
    ("an unknown question", RULES.replace("unless: {izin: ya}", "unless: {izn: ya}"), 37,
     "question 'paspor': 'unless' names unknown question 'izn'; did you mean 'izin'?"),
    ("the question itself", RULES.replace("only_if: {biaya: ya}", "only_if: {bebas-biaya: ya}"),
     51, "question 'bebas-biaya': 'only_if' names the question itself; name another question"),
    ("an answer not offered", RULES.replace("only_if: {biaya: ya}", "only_if: {biaya: mungkin}"),
     51, "question 'bebas-biaya': 'only_if': the answer for 'biaya' must be ya, tidak or "
     "tidak-tahu (or a list of them)"),
    ("not a mapping", RULES.replace("only_if: {biaya: ya}", "only_if: biaya"), 51,
     "question 'bebas-biaya': 'only_if' must name other questions and their answers, e.g. "
     "'only_if: {agen-berizin: ya, lewat-disnaker: [tidak, tidak-tahu]}'"),
    ("decisive without find_out", RULES.replace(
        "    find_out: {id: Cek izinnya di Disnaker., en: Check the licence at Disnaker.}\n",
        ""), 45,
     "question 'izin': a 'decisive' question needs 'find_out': what to find out, and where, "
     "when the answer is 'Tidak tahu'"),
    ("a note without unless", RULES.replace("    unless: {izin: ya}\n", ""), 37,
     "question 'paspor': 'unless_note' is shown only when 'unless' holds; write 'unless:' too, "
     "or remove the note"),
    # A typo that nests a list or a map, or a number, where an answer goes: named, never a
    # crash (a TypeError here once stopped the kiosk from starting).
    ("a list in the answers", RULES.replace("only_if: {biaya: ya}", "only_if: {biaya: [[ya]]}"),
     51, "question 'bebas-biaya': 'only_if': the answer for 'biaya' must be ya, tidak or "
     "tidak-tahu (or a list of them)"),
    ("a map as the answer", RULES.replace("unless: {izin: ya}", "unless: {izin: {a: b}}"), 37,
     "question 'paspor': 'unless': the answer for 'izin' must be ya, tidak or tidak-tahu (or a "
     "list of them)"),
    ("a map in a severe list", RULES.replace("[tidak, tidak-tahu]", "[tidak, {a: b}]"), 52,
     "question 'bebas-biaya': 'severe': the answer for 'kontrak' must be ya, tidak or "
     "tidak-tahu (or a list of them)"),
    ("a number as the answer", RULES.replace("only_if: {biaya: ya}", "only_if: {biaya: 1}"), 51,
     "question 'bebas-biaya': 'only_if': the answer for 'biaya' must be ya, tidak or "
     "tidak-tahu (or a list of them)"),
    ("a list as the flag", RULES.replace("    flag: tidak\n    weight: 3", "    flag: [tidak]\n"
                                         "    weight: 3"), 28,
     "question 'kontrak': 'flag' must be ya or tidak: the answer that is a warning sign"),
    ("a number as the flag", RULES.replace("    flag: tidak\n    weight: 3", "    flag: 0\n"
                                           "    weight: 3"), 28,
     "question 'kontrak': 'flag' must be ya or tidak: the answer that is a warning sign"),
    ("sources not a list", RULES.replace("unsure: 0.5", "unsure: 0.5\nsources: UU 18/2017"), 4,
     "'sources' must be a list of texts, e.g. '- UU No. 18 Tahun 2017 tentang Pelindungan "
     "Pekerja Migran Indonesia'"),
]


@pytest.mark.parametrize("text, line, message", [c[1:] for c in RULE_ERRORS],
                         ids=[c[0] for c in RULE_ERRORS])
def test_mistakes_in_the_rules_name_file_and_line(app, quizzes, text, line, message):
    write(quizzes / "cek-tawaran.yaml", text)
    look(app)
    with app.app_context():
        book = get_quizbook()
        found = [str(p) for p in book.shelf.errors]
        assert [f for f in found if f.endswith(message)] == [
            f"quizzes/cek-tawaran.yaml:{line}: {message}"], found
        assert book.checker is None


def test_a_typo_in_the_rules_leaves_the_checker_out_but_the_kiosk_starts(content_dir, tmp_path):
    from conftest import settings

    from kiosk import create_app
    write(tmp_path / "quizzes" / "cek-tawaran.yaml",
          RULES.replace("only_if: {biaya: ya}", "only_if: {biaya: [[ya]], kontrak: {a: b}}"))
    app = create_app(settings(content_dir, tmp_path))
    with app.app_context():
        book = get_quizbook()
        assert book.checker is None
        assert "quizzes/cek-tawaran.yaml:51: question 'bebas-biaya': 'only_if': the answer " \
               "for 'kontrak' must be ya, tidak or tidak-tahu (or a list of them)" in [
                   str(p) for p in book.shelf.errors]
    client = app.test_client()
    assert client.get("/").status_code == 200 and client.get(URL).status_code == 404


def test_the_editors_preview_shows_each_rule_in_words(app, rules):
    from flask import render_template
    with app.test_request_context():
        html = render_template("editor/_checker_preview.html", checker=rules, lang="id")
    assert "Kecuali jika: izin = ya" in html
    assert "Hanya jika: biaya = ya" in html
    assert "langsung berbahaya jika: kontrak = tidak / tidak-tahu" in html
    assert "penentu: Tidak tahu ikut dihitung" in html
