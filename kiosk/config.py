"""The kiosk's settings: their defaults and the checks run once they are all read.

Every office deploys its own kiosk, so anything local (office, village) is configuration.
"""

from pathlib import Path

from .errors import ConfigError

# National channels from the content brief; an office may replace the list in kiosk.cfg.
REPORT_NUMBERS = [
    {
        "number": "0800-1000",
        "name": {
            "id": "Crisis Center KP2MI (dulu BP2MI)",
            "en": "KP2MI crisis centre (formerly BP2MI)",
        },
        "note": {"id": "Gratis, 24 jam", "en": "Toll-free, 24 hours"},
    },
    {
        "number": "110",
        "name": {"id": "Polisi", "en": "Police"},
        "note": {"id": "Keadaan darurat", "en": "Emergencies"},
    },
    {
        "number": "129",
        "name": {"id": "SAPA KemenPPPA", "en": "SAPA, Ministry for Women and Children"},
        "note": {
            "id": "Untuk perempuan dan anak. WhatsApp 08111-129-129",
            "en": "For women and children. WhatsApp 08111-129-129",
        },
    },
]


def defaults(project_root, instance_path):
    project_root = Path(project_root)
    return {
        "CONTENT_DIR": str(project_root / "content"),
        "QUIZ_DIR": str(project_root / "quizzes"),
        "DATA_DIR": str(instance_path),
        "KIOSK_NAME": "",
        "OFFICE_NAME": "Kantor Imigrasi setempat",
        "OFFICE_PHONE": "",
        "OFFICE_ADDRESS": "",
        "REPORT_NUMBERS": REPORT_NUMBERS,
        "LANGUAGES": ["id", "en"],
        "DEFAULT_LANGUAGE": "id",
        # How often a request may look at the content folder for edited files.
        "CONTENT_RECHECK_SECONDS": 2.0,
        # Nothing a villager sends needs more; larger bodies get the 413 page.
        "MAX_CONTENT_LENGTH": 256 * 1024,
        "SESSION_COOKIE_NAME": "kiosk",
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
    }


def finalize(app):
    """Resolve paths and refuse settings the kiosk cannot run with, all at once."""
    cfg = app.config
    problems = []
    for key in ("CONTENT_DIR", "QUIZ_DIR", "DATA_DIR"):
        cfg[key] = str(Path(cfg[key]).expanduser().resolve())
    if not Path(cfg["CONTENT_DIR"]).is_dir():
        problems.append(
            f"Config value 'CONTENT_DIR': expected a folder, got {cfg['CONTENT_DIR']!r}"
        )
    languages = cfg["LANGUAGES"]
    if not isinstance(languages, list) or not languages:
        problems.append(f"Config value 'LANGUAGES': expected a list of codes, got {languages!r}")
    elif cfg["DEFAULT_LANGUAGE"] not in languages:
        problems.append(
            f"Config value 'DEFAULT_LANGUAGE': expected one of {languages}, "
            f"got {cfg['DEFAULT_LANGUAGE']!r}"
        )
    if problems:
        raise ConfigError("\n".join(problems))
    Path(cfg["DATA_DIR"]).mkdir(parents=True, exist_ok=True)
