"""The shipped checker against the scenario table: realistic offers must get the right level.

Every change to quizzes/cek-tawaran.yaml runs these; the table is tests/checker_scenarios.py.
"""

from pathlib import Path

import pytest
from checker_scenarios import (
    CAUTION,
    DANGER,
    LEGAL,
    LEGAL_ANSWERS,
    NOT_SEEN,
    OFFERS,
    ORDER,
    SCAM,
    judge,
)

from kiosk import create_app
from kiosk.quiz import get_quizbook

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def checker(tmp_path_factory):
    app = create_app({"TESTING": True, "DATA_DIR": str(tmp_path_factory.mktemp("data")),
                      "QUIZ_DIR": str(ROOT / "quizzes")})
    with app.app_context():
        found = get_quizbook().checker
    assert found is not None
    return found


def test_the_table_holds_at_least_25_offers_on_both_routes_and_asks_real_questions(checker):
    assert len(OFFERS) >= 25 and len({o.id for o in OFFERS}) == len(OFFERS)
    assert {o.route for o in OFFERS} == {LEGAL, SCAM}
    asked = {s.id for s in checker.signs}
    assert set(LEGAL_ANSWERS) == asked  # a renamed question must be renamed here too
    for offer in OFFERS:
        assert set(offer.answers) <= asked, offer.id
        assert set(offer.signs) | set(offer.find_out) <= asked, offer.id


@pytest.mark.parametrize("offer", OFFERS, ids=[o.id for o in OFFERS])
def test_each_offer_gets_its_level_and_names_its_signs(checker, offer):
    verdict = judge(checker, offer)
    assert verdict.risk == offer.level, offer.story
    named = [s.id for s in verdict.raised]
    assert set(offer.signs) <= set(named), f"{offer.id}: {named}"
    assert set(offer.find_out) <= {s.id for s in verdict.find_out}, offer.id


@pytest.mark.parametrize("offer", OFFERS, ids=[o.id for o in OFFERS])
def test_the_table_never_breaks_the_three_promises(checker, offer):
    verdict = judge(checker, offer)
    if offer.route == LEGAL:
        assert verdict.risk != DANGER  # never push a villager off the legal route
    else:
        assert ORDER[verdict.risk] >= ORDER[CAUTION]
    if verdict.severe:
        assert verdict.risk == DANGER


def test_a_passport_asked_for_the_visa_by_a_checked_p3mi_is_a_note_not_a_sign(checker):
    legal = next(o for o in OFFERS if o.id == "p3mi-bawa-paspor-untuk-visa")
    answers = legal.all_answers([s.id for s in checker.signs])
    verdict = checker.verdict(answers)
    assert verdict.risk == NOT_SEEN and verdict.raised == ()
    assert [s.id for s in verdict.notes] == ["paspor-untuk-visa"]
    assert "tanda terima" in verdict.notes[0].unless_note["id"]
    # Other doubts about the route never turn the legal visa step into danger (once, an
    # unknown "only by chat" did).
    for change in ({"hanya-media-sosial": "tidak-tahu"}, {"hanya-media-sosial": "ya"},
                   {"lewat-disnaker": "tidak"}, {"lewat-disnaker": "tidak-tahu"}):
        verdict = checker.verdict({**answers, **change})
        assert verdict.risk != DANGER and [s.id for s in verdict.notes] == [
            "paspor-untuk-visa"], change
    # Not knowing the licence does not excuse it: the sign shows and the licence is to check.
    unknown = checker.verdict({**answers, "agen-berizin": "tidak-tahu"})
    assert unknown.risk == CAUTION and unknown.notes == ()
    assert "paspor-untuk-visa" in unknown.flags and "agen-berizin.tidak-tahu" in unknown.flags
    assert checker.verdict({**answers, "agen-berizin": "tidak"}).risk == DANGER


def test_a_passport_or_document_kept_is_always_danger(checker):
    kept = checker.sign("paspor-dipegang")
    assert kept.severe is True and kept.unless == {} and kept.only_if == {}
    for offer in OFFERS:  # whatever else was answered, a licensed name included
        answers = {**offer.all_answers([s.id for s in checker.signs]), "paspor-dipegang": "ya"}
        verdict = checker.verdict(answers)
        assert verdict.risk == DANGER and verdict.is_severe(kept), offer.id


def test_not_knowing_alone_is_never_danger_but_always_caution(checker):
    decisive = [s for s in checker.signs if s.decisive]
    assert {s.id for s in decisive} >= {"agen-berizin", "visa-bukan-kerja", "kontrak-tertulis"}
    everything_unsure = dict.fromkeys(LEGAL_ANSWERS, "tidak-tahu")
    assert checker.verdict(everything_unsure).risk == CAUTION
    for sign in decisive:
        assert sign.find_out and ("Disnaker" in sign.find_out["id"]
                                  or "LTSA" in sign.find_out["id"]), sign.id
        verdict = checker.verdict({**LEGAL_ANSWERS, sign.id: "tidak-tahu"})
        assert verdict.risk == CAUTION and verdict.find_out == (sign,)


def test_every_rule_text_traces_to_a_named_source_and_never_says_safe(checker):
    assert len(checker.sources) >= 5
    words = [level.title["id"].lower() + level.advice["id"].lower()
             for level in checker.levels.values()]
    assert not any(" aman" in w or w.startswith("aman") for w in words)
    # Report quietly, never confront the recruiter (the content brief's safety rule).
    assert "jangan menegur perekrutnya" in checker.levels[DANGER].advice["id"].lower()
