"""The stats database's schema: the steps that bring a file from one version to the next.

Kept apart from the store, which only counts; each new kind of event adds one step here.
"""

# Each entry brings the schema from version i to i + 1. Written out in full, never
# generated from KINDS, so that an old database always gets the same steps.
MIGRATIONS = (
    """
    CREATE TABLE lesson_viewed (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, lesson TEXT NOT NULL, lang TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, lesson, lang)
    ) WITHOUT ROWID;
    CREATE TABLE lesson_read (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, lesson TEXT NOT NULL, lang TEXT NOT NULL,
        seconds INTEGER NOT NULL, scrolled INTEGER NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, lesson, lang, seconds, scrolled)
    ) WITHOUT ROWID;
    CREATE TABLE search (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, query TEXT NOT NULL, results INTEGER NOT NULL,
        lang TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, query, results, lang)
    ) WITHOUT ROWID;
    CREATE TABLE quiz_answer (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, quiz TEXT NOT NULL, question TEXT NOT NULL,
        correct INTEGER NOT NULL, options TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, quiz, question, correct, options)
    ) WITHOUT ROWID;
    CREATE TABLE quiz_completed (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, quiz TEXT NOT NULL, score INTEGER NOT NULL,
        total INTEGER NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, quiz, score, total)
    ) WITHOUT ROWID;
    CREATE TABLE checker_result (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, risk TEXT NOT NULL, flags TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, risk, flags)
    ) WITHOUT ROWID;
    CREATE TABLE language_switched (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, lang TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, lang)
    ) WITHOUT ROWID;
    CREATE TABLE presenter_session (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, lessons TEXT NOT NULL,
        seconds INTEGER NOT NULL, audience INTEGER NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, lessons, seconds, audience)
    ) WITHOUT ROWID;
    CREATE TABLE visit (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, pages INTEGER NOT NULL, seconds INTEGER NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, pages, seconds)
    ) WITHOUT ROWID;
    CREATE TABLE hourly_use (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, hour INTEGER NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, hour)
    ) WITHOUT ROWID;
    CREATE TABLE daily_total (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, metric TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, metric)
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE quiz_group_answer (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, quiz TEXT NOT NULL, question TEXT NOT NULL,
        hands INTEGER NOT NULL, audience INTEGER NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, quiz, question, hands, audience)
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE take_home (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, what TEXT NOT NULL, item TEXT NOT NULL,
        lang TEXT NOT NULL, "where" TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, what, item, lang, "where")
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE page_viewed (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, page TEXT NOT NULL, "where" TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, page, "where")
    ) WITHOUT ROWID;
    """,
    """
    CREATE TABLE listened (
        day TEXT NOT NULL, kiosk TEXT NOT NULL, page TEXT NOT NULL, item TEXT NOT NULL,
        lang TEXT NOT NULL,
        n INTEGER NOT NULL, PRIMARY KEY (day, kiosk, page, item, lang)
    ) WITHOUT ROWID;
    """,
)
