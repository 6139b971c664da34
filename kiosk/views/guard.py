"""The officer area's gate for every view behind a PIN: ``officer_required`` and the CSRF check.

Shared by the officer, presenter and editor pages and by kiosk mode's end of a visit.
"""

import functools
import hmac
import secrets

from flask import abort, current_app, redirect, render_template, request, session, url_for

from ..officer.access import ROLES

SESSION_KEY = "petugas"
CSRF_KEY = "csrf"
CSRF_FIELD = "csrf"
PREFIX = "/petugas"


def init_app(app):
    app.jinja_env.globals["csrf_token"] = csrf_token
    # Officer-only links on villager pages ("present this lesson") show only to a logged-in
    # officer: a villager at the kiosk must not land in slides with no way back.
    app.jinja_env.globals["officer_logged_in"] = is_logged_in
    # Every form posted anywhere under /petugas must carry the token, whichever blueprint.
    app.before_request(check_csrf)


def pins():
    return current_app.extensions["officer.pins"]


def logins():
    return current_app.extensions["officer.logins"]


def is_logged_in(role="officer"):
    return logins().check(session.get(SESSION_KEY), role, pins().stamp(role))


def officer_required(role="officer"):
    """Decorator: the view runs only for an officer logged in with ``role``'s PIN.

    Without a PIN for the role the page says how to set one; without a login it sends the
    officer to the PIN form and back. Use as ``@officer_required()`` or with a role.
    """
    if callable(role):  # used bare: @officer_required
        return officer_required()(role)
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if not pins().has(role):
                return render_template("officer/no_pin.html", role=role,
                                       back_url=url_for("lessons.home"))
            if not is_logged_in(role):
                token = session.get(SESSION_KEY)
                ended = bool(token) and not logins().alive(token)
                if ended:
                    session.pop(SESSION_KEY, None)
                return redirect(url_for("officer.login", peran=role, lanjut=request.full_path,
                                        habis=1 if ended else None))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def log_out():
    """End this browser's officer login (the PIN must be typed again) and its CSRF token."""
    logins().end(session.pop(SESSION_KEY, None))
    new_csrf_token()


def csrf_token():
    """The token every officer form carries in a hidden field named ``csrf``."""
    token = session.get(CSRF_KEY)
    if not token:
        token = session[CSRF_KEY] = secrets.token_urlsafe(32)
    return token


def new_csrf_token():
    session[CSRF_KEY] = secrets.token_urlsafe(32)


def check_csrf():
    """Before every request: a form sent to the officer area must carry the session's token."""
    if request.method in ("GET", "HEAD", "OPTIONS"):
        return
    if request.path != PREFIX and not request.path.startswith(PREFIX + "/"):
        return
    expected = session.get(CSRF_KEY)
    sent = request.form.get(CSRF_FIELD, "")
    if not expected or not hmac.compare_digest(sent.encode(), expected.encode()):
        abort(400, "The form's CSRF token is missing or wrong.")


def safe_next(target, default):
    """Only pages of the officer area may be returned to after the PIN form."""
    if (isinstance(target, str) and target.startswith(PREFIX) and "\\" not in target
            and not target.startswith("//")):
        return target
    return default
