"""What keeps pages locked to this machine: the secret key and the response headers.

The Content-Security-Policy forbids every request that would leave the kiosk.
"""

import logging
import secrets
from pathlib import Path

from .files import atomic_write

log = logging.getLogger(__name__)

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app):
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _load_or_create_secret(Path(app.config["DATA_DIR"]))
    app.after_request(_harden)


def _load_or_create_secret(data_dir):
    # Kept on disk so a restart does not reset the villager's language mid-visit.
    path = data_dir / "secret_key"
    try:
        key = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        key = ""
    if len(key) < 32:
        key = secrets.token_hex(32)
        try:
            atomic_write(path, key, mode=0o600)
        except OSError as exc:  # a full or read-only disk must not keep the kiosk down
            log.warning("%s cannot be written (%s): the secret key is kept in memory, so a "
                        "restart resets visitors' language and officers' logins", path,
                        exc.strerror or exc)
    return key


def _harden(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CSP)
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "no-referrer")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    return response
