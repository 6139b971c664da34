"""The pages every villager can reach from anywhere: where to report, and about the kiosk.

The local office's details come from configuration: every office deploys its own kiosk.
"""

from flask import Blueprint, current_app, render_template, url_for
from flask_babel import get_locale

bp = Blueprint("info", __name__)


def _numbers(lang):
    rows = []
    for entry in current_app.config["REPORT_NUMBERS"]:
        name, note = entry.get("name", {}), entry.get("note", {})
        rows.append({
            "number": entry["number"],
            "tel": "".join(ch for ch in entry["number"] if ch.isdigit() or ch == "+"),
            "name": name.get(lang) or name.get("id", ""),
            "note": note.get(lang) or note.get("id", ""),
        })
    return rows


@bp.get("/lapor")
def report():
    lang = str(get_locale())
    return render_template("info/report.html", numbers=_numbers(lang),
                           back_url=url_for("lessons.home"))


@bp.get("/tentang")
def about():
    return render_template("info/about.html", back_url=url_for("lessons.home"))
