"""Browsing lessons: the home tiles, a category's lessons, one lesson, the glossary, and media.

Slugs are looked up in the library, never joined to a path, so no URL can reach other files.
"""

from flask import Blueprint, abort, current_app, render_template, send_from_directory, url_for
from flask_babel import get_locale

from .. import events
from ..content import get_glossary, get_library
from ..content.render import slugify

bp = Blueprint("lessons", __name__)


def _lang():
    return str(get_locale())


@bp.get("/")
def home():
    library = get_library()
    lang = _lang()
    categories = [
        (cat, len(library.in_category(cat.id, lang)))
        for cat in sorted(library.shelf.categories.values(), key=lambda c: c.order)
    ]
    return render_template("lessons/home.html", categories=categories, lang=lang)


@bp.get("/kategori/<cat_id>")
def category(cat_id):
    library = get_library()
    cat = library.shelf.categories.get(cat_id)
    if cat is None:
        abort(404, f"Category {cat_id!r} does not exist.")
    lang = _lang()
    return render_template(
        "lessons/category.html",
        category=cat,
        lessons=library.in_category(cat.id, lang),
        lang=lang,
        back_url=url_for("lessons.home"),
    )


@bp.get("/pelajaran/<slug>")
def lesson(slug):
    library = get_library()
    lang = _lang()
    found, is_fallback = library.lesson(slug, lang)
    if found is None:
        abort(404, f"Lesson {slug!r} does not exist.")
    events.record("lesson_viewed", lesson=found.slug, lang=found.lang)
    before, after = library.neighbours(found, lang)
    cat = library.shelf.categories.get(found.category)
    return render_template(
        "lessons/lesson.html",
        lesson=found,
        body=get_glossary().mark(found, lang),
        is_fallback=is_fallback,
        category=cat,
        before=before,
        after=after,
        related=library.related(found, lang),
        lang=lang,
        back_url=url_for("lessons.category", cat_id=found.category),
    )


@bp.get("/istilah")
def glossary():
    # Here, not with Lapor and Tentang: the glossary is content editors write, read and
    # reloaded with the lessons, and read alongside them.
    lang = _lang()
    groups = {}
    for term in get_glossary().sorted_terms():
        groups.setdefault(term.name[0].upper(), []).append(term)
    return render_template("lessons/glossary.html", groups=groups, lang=lang, anchor=slugify,
                           back_url=url_for("lessons.home"))


@bp.get("/media/<path:name>")
def media(name):
    # send_from_directory refuses '..' and absolute paths with a 404.
    folder = current_app.extensions["library"].root / "media"
    return send_from_directory(folder, name, max_age=3600)
