"""The officer area at /petugas: the PIN form, logout, the dashboard and its download.

Only officers reach the numbers; the report itself is built by ``kiosk.stats.report``.
"""

import datetime as dt
import re

from flask import (
    Blueprint,
    Response,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale, ngettext
from flask_babel import lazy_gettext as _l

from .. import events
from ..content import get_library
from ..officer import charts
from ..officer.access import ROLES
from ..stats import exchange, get_stats, report
from ..stats.privacy import DURATION_BUCKETS, QUERY_MIN_COUNT
from ..stats.store import LOCAL
from .guard import (
    SESSION_KEY,
    log_out,
    logins,
    new_csrf_token,
    officer_required,
    pins,
    safe_next,
)

bp = Blueprint("officer", __name__, url_prefix="/petugas")

PERIODS = {
    "hari-ini": (_l("Hari ini"), report.Period.today),
    "minggu-ini": (_l("Minggu ini"), report.Period.this_week),
    "bulan-ini": (_l("Bulan ini"), report.Period.this_month),
}
DEFAULT_PERIOD = "bulan-ini"
ALL_KIOSKS, THIS_KIOSK = "semua", "ini"


def _clock():
    return current_app.extensions["clock"]


def _today():
    return dt.date.fromtimestamp(_clock()())


# -- logging in and out --------------------------------------------------------------


@bp.route("/masuk", methods=["GET", "POST"])
def login():
    role = request.values.get("peran", "officer")
    if role not in ROLES:
        role = "officer"
    target = safe_next(request.values.get("lanjut"), url_for("officer.dashboard"))
    if not pins().has(role):
        return render_template("officer/no_pin.html", role=role, back_url=url_for("lessons.home"))
    guard = current_app.extensions["officer.guard"]
    problem, status = None, 200
    if request.method == "POST" and guard.begin(role):
        if pins().check(role, request.form.get("pin", "")):
            guard.succeeded(role)
            new_csrf_token()  # a token seen before logging in is not reused after
            session[SESSION_KEY] = logins().start(role, pins().stamp(role),
                                                  session.get(SESSION_KEY))
            return redirect(target)
        status = 401
        left = guard.tries_left(role)
        if left:
            problem = ngettext("PIN salah. Masih bisa mencoba %(num)d kali.",
                               "PIN salah. Masih bisa mencoba %(num)d kali.", left)
    wait = -(-int(guard.wait_for(role) * 1000) // 1000)  # whole seconds, rounded up
    if wait and request.method == "POST" and status == 200:
        status = 429  # a try while waiting is not taken: the PIN was not even checked
    return render_template(
        "officer/login.html", role=role, target=target, problem=problem, wait_seconds=wait,
        ended=request.args.get("habis") == "1", left=request.args.get("keluar") == "1",
        back_url=url_for("lessons.home"),
    ), status


@bp.post("/keluar")
def logout():
    log_out()
    return redirect(url_for("officer.login", keluar=1))


# -- the dashboard -------------------------------------------------------------------


def _period(args):
    """The chosen period and its key, or the default with a problem to show."""
    today = _today()
    key = args.get("periode", DEFAULT_PERIOD)
    if key in PERIODS:
        return key, PERIODS[key][1](today), None
    if key == "rentang":
        try:
            start = dt.date.fromisoformat(args.get("dari", ""))
            end = dt.date.fromisoformat(args.get("sampai", ""))
            return key, report.Period.between(start, end), None
        except ValueError:
            problem = _l("Tanggal tidak bisa dibaca. Pilih tanggal awal dan akhir, lalu "
                         "tekan Tampilkan. Tanggal akhir tidak boleh sebelum tanggal awal.")
            return DEFAULT_PERIOD, PERIODS[DEFAULT_PERIOD][1](today), problem
    return DEFAULT_PERIOD, PERIODS[DEFAULT_PERIOD][1](today), None


def _kiosk(args, names):
    """(form value, store filter): every kiosk, this kiosk, or one imported by name."""
    chosen = args.get("kios", ALL_KIOSKS)
    if chosen == THIS_KIOSK:
        return chosen, LOCAL
    if chosen in names:
        return chosen, chosen
    return ALL_KIOSKS, None


def _imported_kiosks(store):
    with store.reading() as conn:
        names = set()
        for table in (*events.KINDS, "hourly_use", "daily_total"):
            names.update(k for (k,) in conn.execute(f"SELECT DISTINCT kiosk FROM {table}"))
    names.discard(LOCAL)
    return sorted(names)


def _lesson_title(slug, lang):
    lesson, _ = get_library().lesson(slug, lang)
    return lesson.title if lesson else slug


def _unreviewed(lang):
    """Lessons no officer has reviewed yet: each one's title and its files not yet reviewed."""
    rows = {}
    for lesson in get_library().unreviewed():
        row = rows.setdefault(lesson.slug, {"slug": lesson.slug,
                                            "title": _lesson_title(lesson.slug, lang),
                                            "files": []})
        row["files"].append(lesson.path)
    return list(rows.values())


def _describe(kind, *ids):
    """Words for quiz, question, option, risk and flag ids, from the feature that owns them.

    A feature may set ``app.extensions['stats.describe'] = fn(kind, *ids, lang=...)`` that
    returns text or None; without it the ids themselves are shown.
    """
    describe = current_app.extensions.get("stats.describe")
    text = None
    if describe is not None:
        try:
            text = describe(kind, *ids, lang=str(get_locale()))
        except Exception:  # a label must never break the report
            current_app.logger.exception("stats.describe failed for %s %s", kind, ids)
    if text:
        return text
    return ids[-1] if kind == "option" else " · ".join(i for i in ids if i)


def _unavailable():
    return render_template("officer/unavailable.html",
                           error=current_app.extensions.get("stats.error", ""),
                           back_url=url_for("lessons.home")), 503


@bp.get("/")
@bp.get("")  # registered first, so url_for gives /petugas
@officer_required()
def dashboard():
    store = get_stats()
    if store is None:
        return _unavailable()
    names = _imported_kiosks(store)
    period_key, period, problem = _period(request.args)
    kiosk_key, kiosk = _kiosk(request.args, names)
    result = report.build(store, period, kiosk)
    lang = str(get_locale())
    hours = charts.column_chart([(f"{h:02d}" if h % 3 == 0 else "", n)
                                 for h, n in enumerate(result.hours)])
    lengths = charts.trimmed([(charts.bucket_label(b, DURATION_BUCKETS), n)
                              for b, n in result.visit_lengths])
    query = {"periode": period_key, "kios": kiosk_key}
    if period_key == "rentang":
        query.update(dari=period.start.isoformat(), sampai=period.end.isoformat())
    return render_template(
        "officer/dashboard.html",
        report=result, period_key=period_key, period=period, periods=PERIODS,
        problem=problem, kiosk_key=kiosk_key, kiosk_names=names, query=query,
        hours=hours, lengths=lengths, lesson_title=lambda slug: _lesson_title(slug, lang),
        describe=_describe, percent=charts.percent, duration=charts.duration,
        query_min=QUERY_MIN_COUNT, today=_today(), all_kiosks=ALL_KIOSKS,
        unreviewed=_unreviewed(lang), stats_trouble=store.trouble,
        this_kiosk=THIS_KIOSK, back_url=url_for("lessons.home"),
    )


@bp.get("/unduh")
@officer_required()
def download():
    store = get_stats()
    if store is None:
        return _unavailable()
    _, period, _ = _period(request.args)
    _, kiosk = _kiosk(request.args, _imported_kiosks(store))
    label = current_app.config["KIOSK_NAME"]
    start, end = period.bounds()
    rows = exchange.export_rows(store, start, end, label, kiosk)
    if request.args.get("format") == "json":
        body = exchange.write_json(rows, label, start, end)
        mimetype, ext = "application/json", "json"
    else:
        body, mimetype, ext = exchange.write_csv(rows), "text/csv", "csv"  # noqa: SIM108
    name = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-") or "kios"
    return Response(body, mimetype=mimetype, headers={
        "Content-Disposition": f'attachment; filename="statistik-{name}-{start}-{end}.{ext}"',
    })
