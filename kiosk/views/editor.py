"""The web editor at /petugas/konten, behind the editor's own PIN.

List, open, preview and save lessons and quizzes; start a lesson or a quiz from the template;
upload pictures and recordings; look at and restore earlier versions. A refused save keeps the
text on screen.
"""

from babel.dates import format_datetime
from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.exceptions import RequestEntityTooLarge

from ..audio import recordings as sound
from ..checks import line_of
from ..content import media
from ..content.lessons import SLUG
from ..editor.desk import (
    CONTENT,
    MAX_SLUG,
    QUIZZES,
    Conflict,
    Refused,
    fingerprint,
    to_bytes,
)
from ..editor.preview import preview
from ..editor.template import lesson_template, quiz_template
from .errors import render_error
from .guard import officer_required

bp = Blueprint("editor", __name__, url_prefix="/petugas/konten")


@bp.record_once
def _setup(state):
    # A picture is bigger than anything else the kiosk accepts. Raise the limit for that one
    # form before any other hook (the CSRF check) reads the body.
    state.app.before_request_funcs.setdefault(None, []).insert(0, _allow_upload)


def _allow_upload():
    if request.method != "POST":
        return
    if request.endpoint == "editor.upload":
        request.max_content_length = current_app.config["MEDIA_MAX_BYTES"] + 64 * 1024
    elif request.endpoint == "editor.upload_recording":
        request.max_content_length = current_app.config["AUDIO_MAX_BYTES"] + 64 * 1024


@bp.context_processor
def _helpers():
    return {"local_time": local_time}


def local_time(moment):
    """A version's time on this kiosk's clock, in the page's language."""
    here = moment.astimezone()
    return format_datetime(here, "medium", tzinfo=here.tzinfo, locale=str(get_locale()))


def desk():
    return current_app.extensions["editor.desk"]


def library():
    return current_app.extensions["library"]


def _file_or_404(key):
    found = desk().file(key)
    if found is None:
        abort(404, f"{key!r} is not a file the editor can open.")
    return found


# -- the list ----------------------------------------------------------------------------


@bp.get("")
@officer_required(role="editor")
def index():
    report = desk().check(None)
    files = desk().files()
    status = {f.key: report.for_file(f.where) for f in files}
    lib = report.source.library
    default = lib.default_language
    rows = {}
    for f in files:
        if f.kind == "lesson":
            rows.setdefault(f.slug, {})[f.lang] = f
    order = {ls.slug: i for i, ls in enumerate(lib.lessons(default))}
    lessons = []
    for slug in sorted(rows, key=lambda s: (order.get(s, -1), s)):
        shown = next((lib.shelf.lessons.get((lang, slug)) for lang in lib.languages
                      if (lang, slug) in lib.shelf.lessons), None)
        lessons.append({"slug": slug, "files": rows[slug], "lesson": shown,
                        "quiz": desk().file(f"{QUIZZES}/{slug}.yaml")})
    quizzes = [f for f in files if f.kind in ("quiz", "offer-checker")]
    quiz_titles = {q.slug: q.title for q in report.source.quizbook.shelf.quizzes.values()}
    others = [f for f in files if f.kind in ("categories", "yaml")]
    return render_template(
        "editor/index.html", report=report, lessons=lessons, quizzes=quizzes, others=others,
        status=status, quiz_titles=quiz_titles, languages=lib.languages,
        back_url=url_for("lessons.home"))


# -- one file ----------------------------------------------------------------------------


def _starting_text(editable):
    """What the editor opens: the file, or the template for a lesson or quiz not yet written."""
    raw, base = desk().read(editable)
    if raw is not None:
        return raw, base
    lib = library()
    if editable.kind == "lesson":
        category = request.args.get("kategori")
        if category not in lib.shelf.categories:
            category = None
        original = None
        if editable.lang != lib.default_language:
            original = lib.shelf.lessons.get((lib.default_language, editable.slug))
        text = lesson_template(editable.slug, editable.lang, lib.shelf.categories, category,
                               request.args.get("judul", "").strip()[:200] or None, original)
    elif editable.kind == "quiz":
        lesson, _fallback = lib.lesson(editable.slug, lib.default_language)
        text = quiz_template(editable.slug, lesson)
    else:
        abort(404, f"{editable.key!r} does not exist.")
    return text.encode("utf-8"), base


def _excerpt(raw):
    """The text of line n of ``raw``, to show beside a finding (None past the end)."""
    lines = raw.decode("utf-8", "replace").split("\n")
    return lambda n: lines[n - 1] if n and 0 < n <= len(lines) else None


def _page(editable, raw, base, status=200, **extra):
    exam = desk().examine(editable, raw)
    return render_template(
        "editor/edit.html", file=editable, text=raw.decode("utf-8", "replace"), base=base,
        exam=exam, excerpt=_excerpt(raw),
        preview=preview(editable, exam, raw), versions=desk().history.versions(editable.key),
        exists=editable.path.exists(), line_of=line_of, back_url=url_for("editor.index"),
        **extra), status


@bp.get("/ubah/<path:key>")
@officer_required(role="editor")
def edit(key):
    editable = _file_or_404(key)
    raw, base = _starting_text(editable)
    return _page(editable, raw, base, saved=request.args.get("tersimpan") == "1",
                 restored=request.args.get("dipulihkan"))


@bp.post("/ubah/<path:key>")
@officer_required(role="editor")
def save(key):
    editable = _file_or_404(key)
    text = request.form.get("teks", "")
    base = request.form.get("timpa") or request.form.get("asal", "")
    raw = to_bytes(text)
    if request.form.get("aksi") == "pratinjau":  # without JavaScript: show, do not save
        return _page(editable, raw, base)
    try:
        desk().save(editable, text, base)
    except Conflict as conflict:
        return _page(editable, raw, request.form.get("asal", ""), 409, conflict=conflict,
                     current_base=fingerprint(conflict.current))
    except Refused as refused:
        return _page(editable, raw, base, 422, refused=refused)
    except OSError as exc:  # a full disk, a read-only USB stick: say so, keep the text
        current_app.logger.error("saving %s failed: %s", editable.where, exc)
        return _page(editable, raw, base, 503, write_failed=exc.strerror or str(exc))
    return redirect(url_for("editor.edit", key=editable.key, tersimpan=1))


@bp.post("/pratinjau")
@officer_required(role="editor")
def live_preview():
    """The preview and the checker's findings for the text being typed (called by editor.js)."""
    editable = _file_or_404(request.form.get("berkas", ""))
    raw = to_bytes(request.form.get("teks", ""))
    exam = desk().examine(editable, raw)
    return render_template("editor/_examination.html", file=editable, exam=exam,
                           excerpt=_excerpt(raw), preview=preview(editable, exam, raw))


# -- new files ---------------------------------------------------------------------------


@bp.get("/baru")
@officer_required(role="editor")
def new():
    """The form for a new lesson; sent with GET, it writes nothing: the editor opens."""
    lib = library()
    slug = request.args.get("nama", "").strip().lower()
    lang = request.args.get("bahasa", lib.default_language)
    problem = None
    if "nama" in request.args:
        if lang not in lib.languages:
            lang = lib.default_language
        if len(slug) > MAX_SLUG:
            problem = _("Nama berkas terlalu panjang: paling banyak %(most)d huruf.",
                        most=MAX_SLUG)
        elif not SLUG.match(slug):
            problem = _("Nama berkas hanya boleh huruf kecil, angka, dan tanda minus (-), "
                        "misalnya visa-ziarah.")
        elif desk().lesson_file(slug, lang).path.exists():
            problem = _("Pelajaran dengan nama ini sudah ada dalam bahasa itu.")
        else:
            return redirect(url_for("editor.edit", key=f"{CONTENT}/{lang}/{slug}.md",
                                    kategori=request.args.get("kategori") or None,
                                    judul=request.args.get("judul") or None))
    categories = sorted(lib.shelf.categories.values(), key=lambda c: c.order)
    return render_template(
        "editor/new.html", slug=slug, lang=lang, title=request.args.get("judul", ""),
        category=request.args.get("kategori", ""), categories=categories, problem=problem,
        languages=lib.languages, back_url=url_for("editor.index")), 422 if problem else 200


# -- history -----------------------------------------------------------------------------


def _version_or_404(editable, name):
    """The bytes of an earlier version of the file, or the kiosk's 404."""
    raw = desk().history.read(editable.key, name)
    if raw is None:
        abort(404, f"There is no version {name!r} of {editable.key}.")
    return raw


@bp.get("/riwayat/<path:key>")
@officer_required(role="editor")
def version(key):
    editable = _file_or_404(key)
    name = request.args.get("versi", "")
    raw = _version_or_404(editable, name)
    found = next((v for v in desk().history.versions(editable.key) if v.name == name), None)
    _current, base = desk().read(editable)
    return render_template("editor/version.html", file=editable, version=found, base=base,
                           text=raw.decode("utf-8", "replace"),
                           back_url=url_for("editor.edit", key=editable.key))


@bp.post("/pulihkan/<path:key>")
@officer_required(role="editor")
def restore(key):
    editable = _file_or_404(key)
    name = request.form.get("versi", "")
    raw = _version_or_404(editable, name)
    base = request.form.get("asal", "")
    try:
        desk().restore(editable, name, base)
    except Conflict as conflict:
        return _page(editable, raw, base, 409, conflict=conflict,
                     current_base=fingerprint(conflict.current))
    except Refused as refused:
        return _page(editable, raw, base, 422, refused=refused, restoring=name)
    except OSError as exc:
        current_app.logger.error("restoring %s failed: %s", editable.where, exc)
        return _page(editable, raw, base, 503, write_failed=exc.strerror or str(exc))
    return redirect(url_for("editor.edit", key=editable.key, tersimpan=1, dipulihkan=name))


# -- pictures ----------------------------------------------------------------------------


def _media_page(status=200, **extra):
    folder = library().root / "media"
    pictures = []
    if folder.is_dir():
        pictures = sorted((p for p in folder.iterdir() if p.is_file()
                           and not p.name.startswith(".")),
                          key=lambda p: p.stat().st_mtime, reverse=True)
    return render_template("editor/media.html", pictures=[p.name for p in pictures[:60]],
                           max_size=_size(current_app.config["MEDIA_MAX_BYTES"]),
                           back_url=url_for("editor.index"), **extra), status


def _size(n):
    if n >= 1024 * 1024:
        return f"{round(n / 1024 / 1024, 1):g} MB"
    return f"{max(1, round(n / 1024))} KB"


@bp.get("/gambar")
@officer_required(role="editor")
def pictures():
    return _media_page()


@bp.post("/gambar")
@officer_required(role="editor")
def upload():
    sent = request.files.get("gambar")
    data = sent.read(current_app.config["MEDIA_MAX_BYTES"] + 1) if sent else b""
    try:
        image = media.check_upload(data, current_app.config["MEDIA_MAX_BYTES"])
    except media.ImageRefused as refused:
        return _media_page(422, problem=_refusal(refused))
    name = media.safe_name(sent.filename, data, image)
    try:
        media.store(library().root / "media", name, data)
    except OSError as exc:
        current_app.logger.error("storing media/%s failed: %s", name, exc)
        return _media_page(503, problem=_("Gambar tidak bisa disimpan (%(reason)s). Coba lagi, "
                                          "atau hubungi petugas teknis.",
                                          reason=exc.strerror or str(exc)))
    return _media_page(201, stored=name, image=image)


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc):
    if request.endpoint == "editor.upload":
        return _media_page(413, problem=_refusal(media.ImageRefused("too-big", "")))
    if request.endpoint == "editor.upload_recording":
        return _recordings_page(413, problem=_sound_refusal(sound.RecordingRefused("too-big", "")))
    return render_error(413)


def _refusal(refused):
    if refused.reason == "empty":
        return _("Belum ada gambar yang dipilih, atau berkasnya kosong.")
    if refused.reason == "too-big":
        return _("Gambar terlalu besar. Paling besar %(max)s. Perkecil gambar dulu, lalu "
                 "coba lagi.", max=_size(current_app.config["MEDIA_MAX_BYTES"]))
    if refused.reason == "too-many-pixels":
        return _("Gambar terlalu lebar atau terlalu tinggi. Paling besar %(side)d piksel di "
                 "setiap sisi.", side=media.MAX_SIDE)
    return _("Berkas ini bukan gambar PNG, JPEG, atau WebP. Kios memeriksa isi berkas, bukan "
             "namanya.")


# -- recordings --------------------------------------------------------------------------


def _recordings_page(status=200, **extra):
    speech = current_app.extensions["audio"]
    lessons = [(lang, lesson) for lang in current_app.config["LANGUAGES"]
               for lesson in library().lessons(lang) if lesson.lang == lang]
    stored = [(lang, path.name) for lang in current_app.config["LANGUAGES"]
              for path in speech.recordings.files(lang)]
    return render_template("editor/recordings.html", lessons=lessons, stored=stored,
                           max_size=_size(current_app.config["AUDIO_MAX_BYTES"]),
                           back_url=url_for("editor.index"), **extra), status


@bp.get("/rekaman")
@officer_required(role="editor")
def recordings():
    return _recordings_page()


@bp.post("/rekaman")
@officer_required(role="editor")
def upload_recording():
    """A lesson or section read by a person: "<lang>/<slug>" or "<lang>/<slug>#<section>"."""
    lang, _slash, target = request.form.get("bagian", "").partition("/")
    slug, _hash, section = target.partition("#")
    lesson = library().shelf.lessons.get((lang, slug))
    if lesson is None or (section and section not in dict(lesson.headings)):
        return _recordings_page(422, problem=_("Pilih pelajaran atau bagian yang dibaca."))
    sent = request.files.get("rekaman")
    limit = current_app.config["AUDIO_MAX_BYTES"]
    data = sent.read(limit + 1) if sent else b""
    try:
        suffix = sound.check_upload(data, limit)
    except sound.RecordingRefused as refused:
        return _recordings_page(422, problem=_sound_refusal(refused))
    speech = current_app.extensions["audio"]
    try:
        name = sound.store(speech.recordings, lang, slug, section, suffix, data)
    except OSError as exc:
        current_app.logger.error("storing a recording of %s failed: %s", lesson.path, exc)
        return _recordings_page(503, problem=_(
            "Rekaman tidak bisa disimpan (%(reason)s). Coba lagi, atau hubungi petugas "
            "teknis.", reason=exc.strerror or str(exc)))
    return _recordings_page(201, stored_name=f"{lang}/{name}")


def _sound_refusal(refused):
    if refused.reason == "empty":
        return _("Belum ada rekaman yang dipilih, atau berkasnya kosong.")
    if refused.reason == "too-big":
        return _("Rekaman terlalu besar. Paling besar %(max)s.",
                 max=_size(current_app.config["AUDIO_MAX_BYTES"]))
    return _("Berkas ini bukan rekaman Ogg, MP3, atau M4A. Kios memeriksa isi berkas, bukan "
             "namanya.")
