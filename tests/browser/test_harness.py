"""The harness itself: the site the browser tests walk through is clean (a mistake in it
would make them test the kiosk's error pages instead of its screens), and a machine without
Chromium skips them, except in CI, where it fails."""

import pytest

from browser.conftest import _cannot_test, kiosk_app


def test_the_site_has_no_content_quiz_or_session_errors(site):
    app = kiosk_app(site)
    done = app.test_cli_runner().invoke(args=["content", "check"])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[-1] == \
        "Checked 6 lessons and 3 quiz files: 0 errors, 2 warnings."  # no English for two
    book = app.extensions["presenter.sessions"]
    assert book.problems == []
    assert [s.id for s in book.sessions()] == ["imdes-desa"]


@pytest.mark.parametrize("ci, outcome", [
    ("true", pytest.fail.Exception), ("1", pytest.fail.Exception),
    ("", pytest.skip.Exception), ("false", pytest.skip.Exception),
])
def test_without_chromium_ci_fails_and_a_developer_is_told_why(monkeypatch, ci, outcome):
    monkeypatch.setenv("CI", ci)
    with pytest.raises(outcome) as caught:
        _cannot_test("the browser tests need Debian's chromium")
    assert str(caught.value).endswith("the browser tests need Debian's chromium")
