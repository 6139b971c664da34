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
    read_id,
    read_text_field,
    read_yaml,
)

FILE_NAME = "cek-tawaran.yaml"
RESULT_PAGE = "hasil"  # /cek-tawaran/hasil, so no question may be called that
YES, NO, UNSURE = "ya", "tidak", "tidak-tahu"
ANSWERS = (YES, NO, UNSURE)
SAFE, CAUTION, DANGER = "aman", "hati-hati", "bahaya"
LEVELS = (SAFE, CAUTION, DANGER)

CHECKER_FIELDS = ("title", "intro", "unsure", "levels", "next_steps", "questions")
SIGN_FIELDS = ("id", "text", "help", "flag", "weight", "severe", "explanation", "lesson")
LEVEL_FIELDS = ("from", "title", "advice")
STEP_FIELDS = ("text", "lesson")
FLAGS = {YES: YES, NO: NO, True: YES, False: NO}  # 'yes'/'no' in YAML read as booleans


@dataclass(frozen=True)
class Sign:
    """One question of the checklist; the answer ``flag`` raises it as a warning sign."""

    id: str
    text: Text
    flag: str
    weight: float
    explanation: Text
    help: Text | None = None
    severe: bool = False
    lesson: str | None = None
    line: int | None = None


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
    raised: tuple  # Signs answered the risky way, heaviest first
    unsure: tuple  # Signs answered "Tidak tahu"
    score: float


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

    def sign(self, sign_id):
        return next((s for s in self.signs if s.id == sign_id), None)

    def verdict(self, answers):
        """Judge a complete set of answers {sign id: ya|tidak|tidak-tahu}.

        Bahaya: a severe sign, or raised signs weighing at least the 'bahaya' level.
        Hati-hati: raised signs plus a share of the unsure ones reach the 'hati-hati' level.
        A "Tidak tahu" never makes an offer dangerous by itself: it asks you to find out.
        """
        missing = [s.id for s in self.signs if answers.get(s.id) not in ANSWERS]
        if missing:
            raise ValueError(f"no answer for {', '.join(missing)}")
        raised = tuple(sorted((s for s in self.signs if answers[s.id] == s.flag),
                              key=lambda s: (not s.severe, -s.weight)))
        unsure = tuple(s for s in self.signs if answers[s.id] == UNSURE)
        weight = sum(s.weight for s in raised)
        score = weight + self.unsure_share * sum(s.weight for s in unsure)
        if any(s.severe for s in raised) or weight >= self.levels[DANGER].start:
            risk = DANGER
        elif score >= self.levels[CAUTION].start:
            risk = CAUTION
        else:
            risk = SAFE
        return Verdict(risk, raised, unsure, score)


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
    signs = _signs(data, findings, languages, catalog)
    if findings.errors:
        return None, findings
    lessons = tuple(dict.fromkeys([s.lesson for s in signs if s.lesson]
                                  + [s.lesson for s in steps if s.lesson]))
    checker = Checker(title=title, signs=tuple(signs), levels=levels, path=where, intro=intro,
                      unsure_share=float(unsure), next_steps=tuple(steps), lessons=lessons)
    return checker, findings


def _number(value):
    return not isinstance(value, bool) and isinstance(value, int | float)


def _levels(data, findings, languages):
    value = data.get("levels")
    if not isinstance(value, YamlMap):
        findings.error("'levels' is missing; write 'aman:', 'hati-hati:' and 'bahaya:' under "
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
        if level_id == SAFE:
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
        flag = item.get("flag")
        flag = FLAGS.get(flag.strip().lower() if isinstance(flag, str) else flag)
        if flag is None:
            findings.error(f"{prefix}'flag' must be ya or tidak: the answer that is a "
                           f"warning sign", item.line_of("flag") if "flag" in item else item.line)
        weight = item.get("weight", 1)
        if not _number(weight) or weight <= 0:
            findings.error(f"{prefix}'weight' must be a number above 0",
                           item.line_of("weight"))
        severe = item.get("severe", False)
        if not isinstance(severe, bool):
            findings.error(f"{prefix}'severe' must be true or false", item.line_of("severe"))
        lesson = item.get("lesson")
        if lesson is not None:
            catalog.check_lesson(lesson, findings, prefix, item.line_of("lesson"))
        if len(findings.errors) == before:
            signs.append(Sign(sid, text, flag, float(weight), explanation, hint, severe,
                              lesson, item.line_of("id")))
    return signs
