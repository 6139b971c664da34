"""The hand-off point between the kiosk's features and its anonymous engagement stats.

Views call ``record(kind, **fields)``; the stats store registers itself as the sink.
"""

import logging

from flask import current_app

log = logging.getLogger(__name__)

# Every kind of event and the fields it carries; nothing about the villager, ever.
KINDS = {
    "lesson_viewed": ("lesson", "lang"),
    "lesson_read": ("lesson", "lang", "seconds", "scrolled"),
    "search": ("query", "results", "lang"),
    "quiz_answer": ("quiz", "question", "correct", "options"),
    "quiz_completed": ("quiz", "score", "total"),
    "checker_result": ("risk", "flags"),
    "language_switched": ("lang",),
    "presenter_session": ("lessons", "seconds", "audience"),
    "visit": ("pages", "seconds"),
    # A quiz question asked to a room by a presenting officer: the hands raised for the right
    # answer, of ``audience`` people (0: not counted). Kept apart from a villager's answers.
    "quiz_group_answer": ("quiz", "question", "hands", "audience"),
    # Bawa pulang: a QR shown (what 'qr'), the buku saku or one lesson's PDF taken ('booklet',
    # 'lesson_pdf'); item is the lesson, 'lapor', 'cek-tawaran' or 'buku-saku'; where is
    # 'screen' (the kiosk's own) or 'phone'. Nothing about the phone itself.
    "take_home": ("what", "item", "lang", "where"),
    # A villager page opened (``page``: lesson, search, quiz...) on the kiosk's own screen or
    # on a phone on the hall's network (``where``); nothing about the phone itself.
    "page_viewed": ("page", "where"),
    # A tap on Dengarkan: what was read aloud (page: lesson, quiz, checker, report; item: the
    # lesson's slug, quiz/question, the checker's question or "hasil"), in which language.
    "listened": ("page", "item", "lang"),
}


def set_sink(app, sink):
    """Route events to ``sink(kind, fields)`` instead of the log."""
    app.extensions["events.sink"] = sink


def record(kind, **fields):
    """Hand one event to the stats store (or the log until one is configured)."""
    if kind not in KINDS:
        raise ValueError(f"unknown event kind {kind!r}")
    unknown = set(fields) - set(KINDS[kind])
    if unknown:
        raise ValueError(f"event {kind!r} has unknown fields {sorted(unknown)}")
    sink = current_app.extensions.get("events.sink")
    if sink is None:
        # Only the kind: a search's query is what the villager typed (names, phone numbers),
        # which the stats clean before counting but a log file or journald would keep as is.
        log.info("event %s", kind)
        return
    try:
        sink(kind, fields)
    except Exception:  # counting must never break a villager's page
        log.exception("could not record event %s", kind)
