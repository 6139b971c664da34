"""The job-offer checker ("Cek tawaran kerja"): its questions, their weights, and the verdict.

Read from quizzes/cek-tawaran.yaml so editors change the checklist without touching code.
"""

from dataclasses import dataclass, field

from ..errors import QuizError
from .model import Text
from .source import (
    Findings,
    YamlList,
    YamlMap,
    check_fields,
    did_you_mean,
    read_id,
    read_text_field,
    read_yaml,
)

FILE_NAME = "cek-tawaran.yaml"
RESULT_PAGE = "hasil"  # /cek-tawaran/hasil, so no question may be called that
YES, NO, UNSURE = "ya", "tidak", "tidak-tahu"
ANSWERS = (YES, NO, UNSURE)
# Never "aman": the kiosk cannot know an offer is safe, only that no sign showed.
NOT_SEEN, CAUTION, DANGER = "belum-terlihat", "hati-hati", "bahaya"
LEVELS = (NOT_SEEN, CAUTION, DANGER)

CHECKER_FIELDS = ("title", "intro", "unsure", "levels", "next_steps", "sources", "questions")
SIGN_FIELDS = ("id", "name", "text", "help", "flag", "weight", "severe", "only_if", "unless",
               "unless_note", "decisive", "find_out", "explanation", "lesson")
LEVEL_FIELDS = ("from", "title", "advice")
STEP_FIELDS = ("text", "lesson")
# 'yes'/'no' in YAML read as booleans
ANSWER_WORDS = {YES: YES, NO: NO, UNSURE: UNSURE, True: YES, False: NO}
FLAGS = {YES: YES, NO: NO, True: YES, False: NO}


def _word(value, words):
    """The answer a value in the file names, or None. Only text and YAML's booleans count: a
    list or a map (unhashable) or a number (1 == True) is a typo, never an answer."""
    if isinstance(value, bool):
        return words[value]
    return words.get(value.strip().lower()) if isinstance(value, str) else None


def _holds(condition, answers):
    """A condition {question id: (answers…)} holds when every named question got one of them."""
    return bool(condition) and all(answers.get(qid) in allowed
                                   for qid, allowed in condition.items())


@dataclass(frozen=True)
class Sign:
    """One question of the checklist; the answer ``flag`` raises it as a warning sign.

    ``only_if`` and ``unless`` make the sign depend on other answers too; ``severe`` is
    True, False, or a condition on other answers.
    """

    id: str
    text: Text
    flag: str
    weight: float
    explanation: Text
    name: Text | None = None
    help: Text | None = None
    severe: object = field(default=False, compare=False)  # bool, or a condition
    lesson: str | None = None
    line: int | None = None
    # Conditions are dicts (unhashable): left out of equality and the hash.
    only_if: dict = field(default_factory=dict, compare=False)
    unless: dict = field(default_factory=dict, compare=False)
    unless_note: Text | None = None
    decisive: bool = False
    find_out: Text | None = None

    def applies_to(self, answers):
        """Answered the risky way, where the sign counts at all ('only_if')."""
        return (answers.get(self.id) == self.flag
                and (not self.only_if or _holds(self.only_if, answers)))

    def raised_by(self, answers):
        return self.applies_to(answers) and not _holds(self.unless, answers)

    def excused_by(self, answers):
        """Applies, but 'unless' excuses it: its note is shown instead of a sign."""
        return self.applies_to(answers) and _holds(self.unless, answers)

    def severe_for(self, answers):
        return self.severe is True or (isinstance(self.severe, dict)
                                       and _holds(self.severe, answers))

    @property
    def can_be_severe(self):
        return bool(self.severe)


@dataclass(frozen=True)
class Level:
    id: str
    start: float
    title: Text
    advice: Text


@dataclass(frozen=True)
class Step:
    text: Text
    lesson: str | None = None


@dataclass(frozen=True)
class Verdict:
    risk: str
    raised: tuple  # Signs answered the risky way, severe first, then heaviest
    unsure: tuple  # Signs answered "Tidak tahu"
    score: float
    severe: frozenset = frozenset()  # ids of the raised signs that are severe here
    notes: tuple = ()  # Signs answered the risky way but excused by 'unless' (with a note)

    @property
    def find_out(self):
        """The "Tidak tahu" answers that decide safety: what to find out first."""
        return tuple(s for s in self.unsure if s.decisive)

    def is_severe(self, sign):
        return sign.id in self.severe

    @property
    def flags(self):
        """What the stats keep: raised sign ids, and 'id.tidak-tahu' for decisive unknowns."""
        return [s.id for s in self.raised] + [f"{s.id}.{UNSURE}" for s in self.find_out]


@dataclass(frozen=True)
class Checker:
    title: Text
    signs: tuple
    levels: dict  # level id -> Level
    path: str
    intro: Text | None = None
    unsure_share: float = 0.5
    next_steps: tuple = ()
    lessons: tuple = field(default=(), compare=False)
    sources: tuple = ()

    def sign(self, sign_id):
        return next((s for s in self.signs if s.id == sign_id), None)

    def verdict(self, answers):
        """Judge a complete set of answers {sign id: ya|tidak|tidak-tahu}.

        Bahaya: a severe sign; or at least one sign, whose weights plus the 'unsure' share
        of every decisive "Tidak tahu" reach the 'bahaya' level.
        Hati-hati: a decisive "Tidak tahu"; or raised signs plus the 'unsure' share of every
        "Tidak tahu" reach the 'hati-hati' level.
        "Tidak tahu" alone never makes an offer "Bahaya": it asks you to find out.
        """
        missing = [s.id for s in self.signs if answers.get(s.id) not in ANSWERS]
        if missing:
            raise ValueError(f"no answer for {', '.join(missing)}")
        severe = frozenset(s.id for s in self.signs
                           if s.raised_by(answers) and s.severe_for(answers))
        raised = tuple(sorted((s for s in self.signs if s.raised_by(answers)),
                              key=lambda s: (s.id not in severe, -s.weight)))
        unsure = tuple(s for s in self.signs if answers[s.id] == UNSURE)
        notes = tuple(s for s in self.signs if s.unless_note and s.excused_by(answers))
        weight = sum(s.weight for s in raised)
        doubt = self.unsure_share * sum(s.weight for s in unsure if s.decisive)
        score = weight + self.unsure_share * sum(s.weight for s in unsure)
        if severe or (raised and weight + doubt >= self.levels[DANGER].start):
            risk = DANGER
        elif any(s.decisive for s in unsure) or score >= self.levels[CAUTION].start:
            risk = CAUTION
        else:
            risk = NOT_SEEN
        return Verdict(risk, raised, unsure, score, severe, notes)


def parse_checker(raw, where, languages, catalog):
    """Return (Checker or None, Findings) for the bytes of the checker file."""
    findings = Findings(where)
    try:
        data, duplicates = read_yaml(raw, where)
    except QuizError as exc:
        findings.problems.append(exc)
        return None, findings
    for key, line, first in duplicates:
        findings.error(f"field {key!r} appears twice (first on line {first}); keep one", line)
    if not isinstance(data, YamlMap):
        findings.error("the checker must be 'field: value' lines, starting with 'title:'", 1)
        return None, findings
    check_fields(data, CHECKER_FIELDS, findings)
    title = read_text_field(data, "title", findings, languages)
    intro = read_text_field(data, "intro", findings, languages, required=False)
    unsure = data.get("unsure", 0.5)
    if isinstance(unsure, bool) or not isinstance(unsure, int | float) or not 0 <= unsure <= 1:
        findings.error("'unsure' must be a number from 0 to 1: the share of a sign's weight "
                       "a 'Tidak tahu' counts", data.line_of("unsure"))
        unsure = 0.5
    levels = _levels(data, findings, languages)
    steps = _steps(data, findings, languages, catalog)
    sources = _sources(data, findings)
    signs = _signs(data, findings, languages, catalog)
    if findings.errors:
        return None, findings
    lessons = tuple(dict.fromkeys([s.lesson for s in signs if s.lesson]
                                  + [s.lesson for s in steps if s.lesson]))
    checker = Checker(title=title, signs=tuple(signs), levels=levels, path=where, intro=intro,
                      unsure_share=float(unsure), next_steps=tuple(steps), lessons=lessons,
                      sources=sources)
    return checker, findings


def _condition(item, key, prefix, findings):
    """{question id: answer or [answers]} → {question id: (answers…)}; {} when absent."""
    value = item.get(key)
    if value is None:
        return {}
    example = f"'{key}: {{agen-berizin: ya, lewat-disnaker: [tidak, tidak-tahu]}}'"
    if not isinstance(value, YamlMap) or not value:
        findings.error(f"{prefix}'{key}' must name other questions and their answers, e.g. "
                       f"{example}", item.line_of(key))
        return {}
    condition = {}
    for qid, allowed in value.items():
        allowed = allowed if isinstance(allowed, list) else [allowed]
        words = [_word(a, ANSWER_WORDS) for a in allowed]
        if not words or None in words:
            findings.error(f"{prefix}'{key}': the answer for {qid!r} must be ya, tidak or "
                           f"tidak-tahu (or a list of them)", value.line_of(qid))
            continue
        condition[str(qid)] = tuple(words)
    return condition


def _number(value):
    return not isinstance(value, bool) and isinstance(value, int | float)


def _levels(data, findings, languages):
    value = data.get("levels")
    if not isinstance(value, YamlMap):
        findings.error("'levels' is missing; write 'belum-terlihat:', 'hati-hati:' and 'bahaya:' "
                       "under "
                       "it, each with 'title' and 'advice'",
                       data.line_of("levels") if "levels" in data else data.line)
        return {}
    check_fields(value, LEVELS, findings, "levels: ")
    levels = {}
    for level_id in LEVELS:
        entry = value.get(level_id)
        if not isinstance(entry, YamlMap):
            findings.error(f"levels: {level_id!r} is missing; write its 'title' and 'advice'",
                           value.line_of(level_id) if level_id in value
                           else data.line_of("levels"))
            continue
        prefix = f"level {level_id!r}: "
        check_fields(entry, LEVEL_FIELDS, findings, prefix)
        start = entry.get("from", 0)
        if level_id == NOT_SEEN:
            start = 0
        elif not _number(start) or start <= 0:
            findings.error(f"{prefix}'from' must be a number above 0: the points from which "
                           f"an offer is {level_id!r}",
                           entry.line_of("from") if "from" in entry else value.line_of(level_id))
            continue
        title = read_text_field(entry, "title", findings, languages, prefix)
        advice = read_text_field(entry, "advice", findings, languages, prefix)
        if title and advice:
            levels[level_id] = Level(level_id, float(start), title, advice)
    if CAUTION in levels and DANGER in levels and levels[CAUTION].start > levels[DANGER].start:
        findings.error("level 'hati-hati' must start below level 'bahaya' ('from')",
                       value.line_of(CAUTION))
    return levels


def _sources(data, findings):
    """Where the rules' facts come from: a list of texts, each naming issuer, title and date."""
    items = data.get("sources")
    if items is None:
        return ()
    if (not isinstance(items, YamlList) or not items
            or not all(isinstance(i, str) and i.strip() for i in items)):
        findings.error("'sources' must be a list of texts, e.g. '- UU No. 18 Tahun 2017 "
                       "tentang Pelindungan Pekerja Migran Indonesia'", data.line_of("sources"))
        return ()
    return tuple(i.strip() for i in items)


def _steps(data, findings, languages, catalog):
    items = data.get("next_steps")
    if items is None:
        return []
    if not isinstance(items, YamlList):
        findings.error("'next_steps' must be a list, each step starting with '- text: …'",
                       data.line_of("next_steps"))
        return []
    steps = []
    for index, item in enumerate(items):
        prefix = f"next step {index + 1}: "
        if not isinstance(item, YamlMap):
            findings.error(f"{prefix}must be 'text: …' and optionally 'lesson: …'",
                           items.line_of(index))
            continue
        check_fields(item, STEP_FIELDS, findings, prefix)
        text = read_text_field(item, "text", findings, languages, prefix)
        lesson = item.get("lesson")
        if lesson is not None and not catalog.check_lesson(lesson, findings, prefix,
                                                           item.line_of("lesson")):
            continue
        if text:
            steps.append(Step(text, lesson))
    return steps


def _signs(data, findings, languages, catalog):
    items = data.get("questions")
    if not isinstance(items, YamlList) or not items:
        findings.error("'questions' must be a list of questions, each starting with '- id: …'",
                       data.line_of("questions") if "questions" in data else data.line)
        return []
    signs, seen = [], {}
    asked = [str(i.get("id")) for i in items if isinstance(i, YamlMap)]
    for index, item in enumerate(items):
        if not isinstance(item, YamlMap):
            findings.error(f"question {index + 1} must be 'field: value' lines starting "
                           f"with '- id: …'", items.line_of(index))
            continue
        sid = read_id(item.get("id"), f"question {index + 1}", findings, item.line_of("id"))
        if sid is None:
            continue
        if sid in seen:
            findings.error(f"question id {sid!r} is used twice (first on line {seen[sid]}); "
                           f"give each question its own id", item.line_of("id"))
            continue
        if sid == RESULT_PAGE:
            findings.error(f"question id {sid!r} is the address of the result page; choose "
                           f"another id", item.line_of("id"))
            continue
        seen[sid] = item.line_of("id")
        before = len(findings.errors)
        prefix = f"question {sid!r}: "
        check_fields(item, SIGN_FIELDS, findings, prefix)
        text = read_text_field(item, "text", findings, languages, prefix)
        explanation = read_text_field(item, "explanation", findings, languages, prefix)
        hint = read_text_field(item, "help", findings, languages, prefix, required=False)
        flag = _word(item.get("flag"), FLAGS)
        if flag is None:
            findings.error(f"{prefix}'flag' must be ya or tidak: the answer that is a "
                           f"warning sign", item.line_of("flag") if "flag" in item else item.line)
        weight = item.get("weight", 1)
        if not _number(weight) or weight <= 0:
            findings.error(f"{prefix}'weight' must be a number above 0",
                           item.line_of("weight"))
        severe = item.get("severe", False)
        if isinstance(severe, YamlMap):
            severe = _condition(item, "severe", prefix, findings)
        elif not isinstance(severe, bool):
            findings.error(f"{prefix}'severe' must be true, false, or the other answers that "
                           f"make it severe, e.g. 'severe: {{biaya-di-muka: ya}}'",
                           item.line_of("severe"))
        only_if = _condition(item, "only_if", prefix, findings)
        unless = _condition(item, "unless", prefix, findings)
        for key, condition in (("only_if", only_if), ("unless", unless), ("severe", severe)):
            for qid in condition if isinstance(condition, dict) else ():
                line = item.get(key).line_of(qid)
                if qid == sid:
                    findings.error(f"{prefix}'{key}' names the question itself; name another "
                                   f"question", line)
                elif qid not in asked:
                    findings.error(f"{prefix}'{key}' names unknown question {qid!r}"
                                   f"{did_you_mean(qid, asked)}", line)
        decisive = item.get("decisive", False)
        if not isinstance(decisive, bool):
            findings.error(f"{prefix}'decisive' must be true or false", item.line_of("decisive"))
        name = read_text_field(item, "name", findings, languages, prefix, required=False)
        find_out = read_text_field(item, "find_out", findings, languages, prefix,
                                   required=False)
        if decisive is True and find_out is None and "find_out" not in item:
            findings.error(f"{prefix}a 'decisive' question needs 'find_out': what to find "
                           f"out, and where, when the answer is 'Tidak tahu'",
                           item.line_of("decisive"))
        unless_note = read_text_field(item, "unless_note", findings, languages, prefix,
                                      required=False)
        if unless_note is not None and not unless:
            findings.error(f"{prefix}'unless_note' is shown only when 'unless' holds; write "
                           f"'unless:' too, or remove the note", item.line_of("unless_note"))
        lesson = item.get("lesson")
        if lesson is not None:
            catalog.check_lesson(lesson, findings, prefix, item.line_of("lesson"))
        if len(findings.errors) == before:
            signs.append(Sign(sid, text, flag, float(weight), explanation, name, hint, severe,
                              lesson, item.line_of("id"), only_if, unless, unless_note,
                              decisive, find_out))
    return signs
