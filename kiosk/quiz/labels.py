"""Words for the ids that stats keep (quiz, question, option, risk, flag), for the dashboard.

Stats store only ids; an officer reads the question as the villager saw it.
"""


def describe(book, kind, *ids, lang="id"):
    """The text behind a stats id in ``lang``, or None when it is unknown (e.g. deleted)."""
    if kind in ("risk", "flag"):
        checker = book.checker
        if checker is None:
            return None
        if kind == "risk":
            level = checker.levels.get(ids[0])
            return level.title.show(lang) if level else None
        sign = next((s for s in checker.signs if s.id == ids[0]), None)
        return sign.text.show(lang) if sign else None
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
