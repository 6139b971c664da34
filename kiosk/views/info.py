"""The pages every villager can reach from anywhere: where to report, and about the kiosk.

The local office's details come from configuration: every office deploys its own kiosk.
"""

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import get_locale

from ..office import office_is_set

bp = Blueprint("info", __name__)


def _numbers(setting, lang):
    rows = []
    for entry in current_app.config[setting]:
        name, note = entry.get("name", {}), entry.get("note", {})
        number = entry.get("number") or ""
        rows.append({
            "number": number,
            "name": name.get(lang) or name.get("id", ""),
            "note": note.get(lang) or note.get("id", ""),
        })
    return rows


@bp.get("/lapor")
def report():
    lang = str(get_locale())
    return render_template("info/report.html", numbers=_numbers("REPORT_NUMBERS", lang),
                           abroad=_numbers("ABROAD_NUMBERS", lang),
                           office_set=office_is_set(current_app.config),
                           back_url=url_for("lessons.home"))


@bp.get("/tentang")
def about():
    return render_template("info/about.html", back_url=url_for("lessons.home"))
