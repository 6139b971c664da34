"""Words for the ids that stats keep (quiz, question, option, risk, flag), for the dashboard.

Stats store only ids; an officer reads the question as the villager saw it.
"""


ANSWER_WORDS = {"ya": {"id": "Ya", "en": "Yes"}, "tidak": {"id": "Tidak", "en": "No"},
                "tidak-tahu": {"id": "Tidak tahu", "en": "Not sure"}}
# Counts kept before issue 13 say "aman"; the level is now "belum-terlihat" (never "safe").
LEGACY_LEVELS = {"aman": "belum-terlihat"}


def describe(book, kind, *ids, lang="id"):
    """The text behind a stats id in ``lang``, or None when it is unknown (e.g. deleted)."""
    if kind in ("risk", "flag"):
        checker = book.checker
        if checker is None:
            return None
        if kind == "risk":
            level = checker.levels.get(LEGACY_LEVELS.get(ids[0], ids[0]))
            return level.title.show(lang) if level else None
        # 'kontrak-tertulis' was raised by its flag answer; 'x.tidak-tahu' is an unknown.
        sign_id, _, answer = str(ids[0]).partition(".")
        sign = checker.sign(sign_id)
        if sign is None:
            return None
        name = (sign.name or sign.text).show(lang)
        word = ANSWER_WORDS.get(answer or sign.flag, {})
        return f"{name}: {word.get(lang) or word.get('id', answer)}"
    quiz = book.quiz(ids[0])
    if quiz is None:
        return None
    if kind == "quiz":
        return quiz.title.show(lang)
    question = quiz.question(ids[1])
    if question is None:
        return None
    if kind == "question":
        return question.text.show(lang)
    option = question.option(ids[2]) if kind == "option" else None
    if option is None:
        return None
    if option.text is None:  # a true/false answer: the id is the word
        return {"benar": {"id": "Benar", "en": "True"},
                "salah": {"id": "Salah", "en": "False"}}.get(option.id, {}).get(lang, option.id)
    return option.text.show(lang)
