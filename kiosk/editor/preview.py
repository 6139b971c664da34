"""The web editor's preview: a draft shown the way the kiosk shows it, by the kiosk's own code.

A lesson goes through the real lesson template (its 'content' block); quizzes, the checker and
the topics get a compact view of everything a villager could see.
"""

from flask import current_app, render_template
from flask_babel import get_locale
from markupsafe import Markup

from ..content.lessons import split_front_matter
from ..errors import ContentError


def render_block(template_name, block, **context):
    """One block of a page template, e.g. the lesson page without the kiosk around it."""
    app = current_app
    template = app.jinja_env.get_template(template_name)
    app.update_template_context(context)
    return Markup("".join(template.blocks[block](template.new_context(context))))


def preview(editable, exam, raw):
    """The preview HTML of a draft, or None when there is nothing to show for its kind."""
    source = exam.report.source
    if editable.kind == "lesson":
        return _lesson(editable, source, raw)
    if editable.kind == "quiz":
        quiz = source.quizbook.quiz(editable.slug)
        return Markup(render_template("editor/_quiz_preview.html", quiz=quiz, lang=_lang()))
    if editable.kind == "offer-checker":
        return Markup(render_template("editor/_checker_preview.html",
                                      checker=source.quizbook.checker, lang=_lang()))
    if editable.kind == "categories":
        library = source.library
        categories = sorted(library.shelf.categories.values(), key=lambda c: c.order)
        return Markup(render_template(
            "editor/_categories_preview.html", lang=_lang(), categories=[
                (cat, len(library.in_category(cat.id, library.default_language)))
                for cat in categories]))
    return None


def _lang():
    return str(get_locale())


def _lesson(editable, source, raw):
    library = source.library
    lesson = library.shelf.lessons.get((editable.lang, editable.slug))
    if lesson is None:
        return _body_only(editable, source, raw)
    before, after = library.neighbours(lesson, lesson.lang)
    return render_block(
        "lessons/lesson.html", "content", lesson=lesson, is_fallback=False,
        body=source.glossary.mark(lesson, lesson.lang),
        category=library.shelf.categories.get(lesson.category), before=before, after=after,
        related=library.related(lesson, lesson.lang), lang=lesson.lang)


def _body_only(editable, source, raw):
    """While the front matter has an error, the text below it can still be seen."""
    try:
        text = raw.decode("utf-8").replace("\r\n", "\n")
        _, body, body_line = split_front_matter(text, editable.where)
    except (UnicodeDecodeError, ContentError):
        return None
    html, _, _ = source.library.renderer.render(body, editable.lang, body_line)
    html = source.glossary.mark_html(html, editable.lang).html
    return Markup(render_template("editor/_body_preview.html", html=Markup(html),
                                  lang=editable.lang))
