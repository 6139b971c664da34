"""The rules an engagement event must pass before it is counted, and the form it is kept in.

Every kind and field comes from ``kiosk.events.KINDS``; each field has a type and a range.
"""

import math
import re

from .. import events
from .privacy import (
    DURATION_BUCKETS,
    SCROLL_BUCKETS,
    duration_bucket,
    normalize_query,
    scroll_bucket,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Quiz, question, option, risk and flag ids come from YAML files editors write.
IDENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
LANG = re.compile(r"^[a-z]{2,3}$")
MAX_ID = 80
MAX_LIST = 30
MAX_SECONDS = 24 * 3600
MAX_QUERY_INPUT = 1000
MAX_PEOPLE = 100_000  # in a room: an officer's count of an audience or of raised hands
# Where a page was opened or a lesson taken home: the kiosk's own screen, or a phone on the
# hall's network.
WHERE = ("screen", "phone")
# Where the Dengarkan button is (the `listened` event's page).
LISTENED_PAGES = ("lesson", "quiz", "checker", "report", "attract")

# Fields a caller may leave out, and the value stored then.
OPTIONAL = {
    ("search", "lang"): "",
    ("quiz_answer", "options"): (),
    ("checker_result", "flags"): (),
    ("presenter_session", "audience"): 0,
    ("presenter_session", "lessons"): (),
    ("quiz_group_answer", "audience"): 0,
    ("listened", "item"): "",
}

# What the page itself may send through the beacon; everything else is recorded server-side.
PAGE_KINDS = ("lesson_read", "visit")


class EventError(ValueError):
    """An event the stats refuse; the message names the field and never echoes free text."""


def _number(kind, name, value, low, high):
    # JSON has no integers of its own, so whole floats are fine; bools are not numbers here.
    if isinstance(value, bool) or not isinstance(value, int | float) or (
        isinstance(value, float) and not math.isfinite(value)
    ):
        raise EventError(f"event {kind!r}: {name!r} must be a number from {low} to {high}")
    if not low <= value <= high:
        raise EventError(
            f"event {kind!r}: {name!r} must be a number from {low} to {high}, got {value}"
        )
    return int(value)


def _ident(kind, name, value, pattern=IDENT):
    if pattern is IDENT and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `id: 3` in a quiz's YAML is a number
    if not isinstance(value, str) or len(value) > MAX_ID or not pattern.match(value):
        what = "a lesson slug" if pattern is SLUG else "an id (letters, digits, - _ .)"
        raise EventError(f"event {kind!r}: {name!r} must be {what}")
    return value


def _ident_list(kind, name, value, pattern=IDENT):
    """A list of ids (or one id) kept as one sorted, comma-separated text."""
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list | tuple | set | frozenset) or len(items) > MAX_LIST:
        raise EventError(f"event {kind!r}: {name!r} must be a list of at most {MAX_LIST} ids")
    return ",".join(sorted({_ident(kind, name, item, pattern) for item in items}))


def _lang(kind, name, value):
    if not isinstance(value, str) or not LANG.match(value):
        raise EventError(f"event {kind!r}: {name!r} must be a language code such as 'id'")
    return value


def _query(kind, name, value):
    if not isinstance(value, str) or len(value) > MAX_QUERY_INPUT:
        raise EventError(
            f"event {kind!r}: {name!r} must be text of at most {MAX_QUERY_INPUT} characters"
        )
    if not value.strip():
        raise EventError(f"event {kind!r}: {name!r} is empty once normalized")
    # Only an address or a web address typed: counted among the other queries ('').
    return normalize_query(value)


def _choice(choices):
    def check(kind, name, value):
        if value not in choices:
            raise EventError(f"event {kind!r}: {name!r} must be one of {', '.join(choices)}")
        return value

    return check


def _page(kind, name, value):
    """A page's name: any id for page_viewed, one of the pages with Dengarkan for listened."""
    if kind != "listened":
        return _ident(kind, name, value)
    if value not in LISTENED_PAGES:
        raise EventError(f"event {kind!r}: {name!r} must be one of {', '.join(LISTENED_PAGES)}")
    return value


def _item(kind, name, value):
    """What was heard on a page: a slug or id, or a quiz's question as quiz/question; what
    was taken home: a lesson's slug (or lapor, cek-tawaran, buku-saku)."""
    if kind == "take_home":
        return _ident(kind, name, value, SLUG)
    if value == "":
        return value
    if not isinstance(value, str):
        raise EventError(f"event {kind!r}: {name!r} must be an id or quiz/question")
    parts = value.split("/")
    if len(parts) > 2:
        raise EventError(f"event {kind!r}: {name!r} must be an id or quiz/question")
    return "/".join(_ident(kind, name, part) for part in parts)


def _correct(kind, name, value):
    if value not in (True, False) or not isinstance(value, bool | int):
        raise EventError(f"event {kind!r}: {name!r} must be true or false")
    return int(bool(value))


# field -> (column type, function turning a caller's value into the stored one)
FIELDS = {
    "lesson": ("TEXT", lambda k, n, v: _ident(k, n, v, SLUG)),
    "lessons": ("TEXT", lambda k, n, v: _ident_list(k, n, v, SLUG)),
    "lang": ("TEXT", _lang),
    "seconds": ("INTEGER", lambda k, n, v: duration_bucket(_number(k, n, v, 0, MAX_SECONDS))),
    "scrolled": ("INTEGER", lambda k, n, v: scroll_bucket(_number(k, n, v, 0, 100))),
    "query": ("TEXT", _query),
    "results": ("INTEGER", lambda k, n, v: _number(k, n, v, 0, 100_000)),
    "quiz": ("TEXT", _ident),
    "question": ("TEXT", _ident),
    "correct": ("INTEGER", _correct),
    "options": ("TEXT", _ident_list),
    "score": ("INTEGER", lambda k, n, v: _number(k, n, v, 0, 1000)),
    "total": ("INTEGER", lambda k, n, v: _number(k, n, v, 1, 1000)),
    "risk": ("TEXT", _ident),
    "flags": ("TEXT", _ident_list),
    "audience": ("INTEGER", lambda k, n, v: _number(k, n, v, 0, MAX_PEOPLE)),
    "hands": ("INTEGER", lambda k, n, v: _number(k, n, v, 0, MAX_PEOPLE)),
    "pages": ("INTEGER", lambda k, n, v: _number(k, n, v, 1, 10_000)),
    # Bawa pulang (take_home): what was taken, of which lesson (or 'lapor', 'cek-tawaran',
    # 'buku-saku'), and whether on the kiosk's own screen or a phone.
    "what": ("TEXT", _choice(("qr", "booklet", "lesson_pdf"))),
    "where": ("TEXT", _choice(WHERE)),
    # page_viewed's page, listened's page; take_home's and listened's item.
    "page": ("TEXT", _page),
    "item": ("TEXT", _item),
}

# The values a stored bucket column may hold (checked again when an export is imported).
BUCKETS = {"seconds": DURATION_BUCKETS, "scrolled": SCROLL_BUCKETS}


def tally_key(kind, fields):
    """The stored form of one event: a tuple of its fields' values, in ``KINDS`` order.

    Raises EventError for an unknown kind, unknown, missing or out-of-range fields.
    """
    if kind not in events.KINDS:
        raise EventError(f"unknown event kind {str(kind)[:40]!r}")
    names = events.KINDS[kind]
    unknown = sorted(str(name)[:40] for name in set(fields) - set(names))
    if unknown:
        raise EventError(f"event {kind!r} has unknown fields {unknown}")
    key = []
    for name in names:
        if name in fields and fields[name] is not None:
            key.append(FIELDS[name][1](kind, name, fields[name]))
        elif (kind, name) in OPTIONAL:
            default = OPTIONAL[(kind, name)]
            key.append(",".join(default) if isinstance(default, tuple) else default)
        else:
            raise EventError(f"event {kind!r} is missing {name!r}")
    if kind == "quiz_completed" and key[1] > key[2]:
        raise EventError(f"event 'quiz_completed': 'score' ({key[1]}) is more than 'total' "
                         f"({key[2]})")
    if kind == "quiz_group_answer" and key[3] and key[2] > key[3]:
        raise EventError(f"event 'quiz_group_answer': 'hands' ({key[2]}) is more than "
                         f"'audience' ({key[3]})")
    return tuple(key)
