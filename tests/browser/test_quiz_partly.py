"""A partly right multiple-select answer in a real Chromium: it says in words what was missed
and what was picked wrongly, right under the verdict, not a red "Belum tepat"."""

import pytest

from browser.conftest import serious_violations

pytestmark = pytest.mark.browser


def test_a_partly_right_answer_names_the_missed_and_the_wrong_option(screens, live):
    screen = screens((1024, 768), touch=True, prefix="quiz")
    page = screen.page
    page.goto(live("/kuis/visa-ziarah"))
    while not page.locator("input[type=checkbox]").count():  # the multiple-select question
        with page.expect_navigation():
            page.locator("button.answer").first.click()
        with page.expect_navigation():
            page.locator(".quiz-actions a.button-primary").click()
    page.locator("label.answer", has_text="Umrah gratis sambil kerja").click()
    page.locator("label.answer", has_text="Surat dari Kementerian Agama").click()
    with page.expect_navigation():
        page.locator("button.quiz-submit").click()
    assert page.locator("h1.verdict").inner_text().strip() == "Sebagian benar"
    partly = page.locator("[data-partly]")
    assert partly.is_visible()
    words = " ".join(partly.inner_text().split())
    assert "Anda memilih 1 dari 2 jawaban yang benar." in words
    assert "Yang terlewat: Paspor dipegang sponsor" in words
    assert "Yang keliru dipilih: Surat dari Kementerian Agama" in words
    screen.shoot("sebagian-benar")
    assert serious_violations(page) == []
    assert screen.errors == []
