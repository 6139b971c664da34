"""The search pages: `/cari?q=` with results, and `/cari/saran?q=` for search-as-you-type.

Whatever a villager types ends on a calm page: the domain code treats it as plain words.
"""

from flask import Blueprint, current_app, jsonify, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from .. import events
from ..content import get_library
from ..search.analysis import MAX_QUERY_CHARS, clean_query

bp = Blueprint("search", __name__)


@bp.app_template_global()
def search_max_chars():
    return MAX_QUERY_CHARS


def _typed():
    # request.args decodes junk bytes with replacement characters; never a 400 for a query.
    return request.args.get("q", "", type=str)


@bp.get("/cari")
def results():
    search = current_app.extensions["search"]
    library = get_library()
    lang = str(get_locale())
    typed = _typed()
    found = None
    if clean_query(typed):
        found = search.find(typed, lang, limit=current_app.config["SEARCH_RESULTS"])
        if found.normalized:  # "a" or "?" leaves no word to search or to count
            # As typed: the stats drop addresses and numbers before anything else.
            events.record("search", query=found.query, results=found.total, lang=lang)
    return render_template(
        "search/results.html",
        found=found,
        query=found.query if found else "",
        categories=library.shelf.categories,
        popular=[] if found and found.hits else _first_of_each_category(library, lang),
        lang=lang,
        back_url=url_for("lessons.home"),
    )


@bp.get("/cari/saran")
def suggestions():
    search = current_app.extensions["search"]
    categories = get_library().shelf.categories
    lang = str(get_locale())
    typed = _typed()
    limit = current_app.config["SEARCH_SUGGESTIONS"]
    titles = search.titles(typed, lang, limit=limit)
    correction = search.typing_correction(typed, lang) if clean_query(typed) else None
    if correction and not titles:
        titles = search.titles(correction, lang, limit=limit)  # the lessons meant
    answer = {
        "query": clean_query(typed),
        "suggestions": [
            {
                "title": item["title"],
                "url": url_for("lessons.lesson", slug=item["slug"]),
                "category": categories[item["category"]].text("name", lang)
                if item["category"] in categories else "",
            }
            for item in titles
        ],
    }
    if correction:  # "Maksud Anda: paspor" under the box while "pasport" is typed
        answer["correction"] = {"label": _("Maksud Anda:"), "text": correction,
                                "url": url_for("search.results", q=correction)}
    return jsonify(answer)


def _first_of_each_category(library, lang):
    # Until the stats know which lessons villagers open most, each topic's first lesson.
    popular = []
    for cat in sorted(library.shelf.categories.values(), key=lambda c: c.order):
        lessons = library.in_category(cat.id, lang)
        if lessons:
            popular.append(lessons[0])
    return popular
