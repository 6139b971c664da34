"""The site the browser tests walk through is itself clean: a mistake in it would make them
test the kiosk's error pages instead of its screens."""

from browser.conftest import kiosk_app


def test_the_site_has_no_content_quiz_or_session_errors(site):
    app = kiosk_app(site)
    done = app.test_cli_runner().invoke(args=["content", "check"])
    assert done.exit_code == 0, done.output
    assert done.output.splitlines()[-1] == \
        "Checked 6 lessons and 3 quiz files: 0 errors, 2 warnings."  # no English for two
    book = app.extensions["presenter.sessions"]
    assert book.problems == []
    assert [s.id for s in book.sessions()] == ["imdes-desa"]
