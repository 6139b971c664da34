"""One quiz file: quizzes/<slug>.yaml read into a Quiz, with every problem and its line.

A file with any error gives no quiz; warnings (a missing English text) leave it serving.
"""

from ..content.lessons import PLACEHOLDER
from ..content.render import slugify
from ..errors import QuizError
from .model import FALSE, TRUE, TYPES, Option, Question, Quiz, Text
from .source import (
    ID,
    Findings,
    YamlList,
    YamlMap,
    check_fields,
    read_id,
    read_text_field,
    read_yaml,
)

QUIZ_FIELDS = ("title", "intro", "lessons", "questions", "draw", "from", "order")
QUESTION_FIELDS = ("id", "type", "text", "story", "options", "answer", "feedback",
                   "explanation", "lesson", "section", "image", "image_alt", "shuffle")
OPTION_FIELDS = ("id", "text", "correct", "feedback")
TRUEFALSE_FEEDBACK = (TRUE, FALSE)
MAX_OPTIONS = 6
ANSWERS = {TRUE: True, FALSE: False, True: True, False: False}


def parse_quiz(raw, where, slug, languages, catalog):
    """Return (Quiz or None, Findings) for the bytes of one quiz file.

    ``catalog`` answers what the lesson library holds, so links are checked at load.
    """
    findings = Findings(where)
    if not ID.match(slug):
        findings.error("file name must be a slug: lowercase letters, digits and '-', "
                       "e.g. visa-ziarah.yaml")
        return None, findings
    try:
        data, duplicates = read_yaml(raw, where)
    except QuizError as exc:  # the file cannot even be read
        findings.problems.append(exc)
        return None, findings
    for key, line, first in duplicates:
        findings.error(f"field {key!r} appears twice (first on line {first}); keep one", line)
    _placeholder(raw, findings)
    if not isinstance(data, YamlMap):
        findings.error("a quiz must be 'field: value' lines, starting with 'title:'", 1)
        return None, findings
    check_fields(data, QUIZ_FIELDS, findings)
    title = read_text_field(data, "title", findings, languages)
    intro = read_text_field(data, "intro", findings, languages, required=False)
    order = data.get("order", 100)
    if isinstance(order, bool) or not isinstance(order, int):
        findings.error("'order' must be a whole number", data.line_of("order"))
        order = 100
    lessons = _lessons(data, findings, catalog)
    draw, draw_from, questions = None, None, ()
    if "draw" in data:
        if "questions" in data:
            findings.error("a quiz has either 'questions' or 'draw', not both; 'draw' takes "
                           "questions from other quizzes", data.line_of("draw"))
        draw, draw_from = _draw(data, findings)
    elif "questions" in data:
        if not lessons and "lessons" not in data:
            findings.error("'lessons' is missing; write 'lessons: [slug-of-the-lesson]'",
                           data.line)
        questions = _questions(data, findings, languages, catalog,
                               lessons[0] if lessons else None)
    else:
        findings.error("the quiz has no questions; add 'questions:' (or 'draw:' to take "
                       "questions from other quizzes)", data.line)
    if findings.errors:
        return None, findings
    quiz = Quiz(slug=slug, title=title, path=where, intro=intro, lessons=tuple(lessons),
                questions=tuple(questions), draw=draw, draw_from=draw_from, order=order,
                line=data.line_of("from") if "from" in data else data.line_of("draw"))
    return quiz, findings


def _placeholder(raw, findings):
    """A quiz written from the editor's template is not shown until every 'TULIS:' is gone."""
    for number, line in enumerate(raw.decode("utf-8", "replace").split("\n"), start=1):
        if PLACEHOLDER in line and not line.lstrip().startswith("#"):
            findings.error(f"this line still has the template's '{PLACEHOLDER} …' text; "
                           f"write your own", number)
            return


def _lessons(data, findings, catalog):
    value = data.get("lessons")
    line = data.line_of("lessons")
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value:
        findings.error("'lessons' must list lesson slugs, e.g. lessons: [visa-umrah-ziarah]",
                       line)
        return []
    found = []
    for index, item in enumerate(value):
        at = value.line_of(index) if isinstance(value, YamlList) else line
        if catalog.check_lesson(item, findings, "", at):
            found.append(item)
    return found


def _draw(data, findings):
    draw = data.get("draw")
    line = data.line_of("draw")
    if isinstance(draw, bool) or not isinstance(draw, int) or draw < 1:
        findings.error("'draw' must be a whole number of at least 1: how many questions "
                       "to take", line)
        draw = None
    draw_from = data.get("from")
    if draw_from is not None:
        if isinstance(draw_from, str):
            draw_from = [draw_from]
        if (not isinstance(draw_from, list) or not draw_from
                or not all(isinstance(s, str) and ID.match(s) for s in draw_from)):
            findings.error("'from' must list quiz slugs, e.g. from: [visa-umrah-ziarah, "
                           "calo-sponsor-ilegal]", data.line_of("from"))
            draw_from = None
        else:
            draw_from = tuple(draw_from)
    return draw, draw_from


def _questions(data, findings, languages, catalog, default_lesson):
    items = data.get("questions")
    if not isinstance(items, YamlList) or not items:
        findings.error("'questions' must be a list of questions, each starting with "
                       "'- id: …'", data.line_of("questions"))
        return []
    questions, seen = [], {}
    for index, item in enumerate(items):
        line = items.line_of(index)
        if not isinstance(item, YamlMap):
            findings.error(f"question {index + 1} must be 'field: value' lines starting "
                           f"with '- id: …'", line)
            continue
        qid = read_id(item.get("id"), f"question {index + 1}", findings, item.line_of("id"))
        if qid is None:
            continue
        if qid in seen:
            findings.error(f"question id {qid!r} is used twice (first on line {seen[qid]}); "
                           f"give each question its own id", item.line_of("id"))
            continue
        seen[qid] = item.line_of("id")
        question = _question(item, qid, findings, languages, catalog, default_lesson)
        if question is not None:
            questions.append(question)
    return questions


def _question(item, qid, findings, languages, catalog, default_lesson):
    before = len(findings.errors)
    where = f"question {qid!r}"
    prefix = f"{where}: "
    check_fields(item, QUESTION_FIELDS, findings, prefix)
    kind = item.get("type", "single")
    if kind not in TYPES:
        findings.error(f"{prefix}unknown type {kind!r}; use single, multiple, truefalse "
                       f"or scenario", item.line_of("type"))
        return None
    text = read_text_field(item, "text", findings, languages, prefix)
    explanation = read_text_field(item, "explanation", findings, languages, prefix)
    story = read_text_field(item, "story", findings, languages, prefix, required=False)
    if kind == "scenario" and story is None and "story" not in item:
        findings.error(f"{where} is a 'scenario' question, so it needs a 'story': "
                       f"the short situation the question is about", item.line)
    if story is not None and kind != "scenario":
        findings.error(f"{prefix}only a 'scenario' question has a 'story'; write "
                       f"'type: scenario' or move the story into 'text'", item.line_of("story"))
    if kind == "truefalse":
        options = _truefalse(item, where, findings, languages)
    else:
        options = _options(item, kind, where, findings, languages)
    lesson = item.get("lesson", default_lesson)
    if "lesson" in item and not catalog.check_lesson(lesson, findings, prefix,
                                                     item.line_of("lesson")):
        lesson = None
    section = _section(item, prefix, findings, languages)
    if lesson and section:
        catalog.check_section(lesson, section, findings, prefix, item.line_of("section"))
    image = item.get("image")
    if image is not None:
        image = str(image).strip().removeprefix("media/")
        if not image or "/" in image or "\\" in image or image.startswith("."):
            findings.error(f"{prefix}'image' must be a file name in content/media/, e.g. "
                           f"'image: iklan-palsu.png'", item.line_of("image"))
        elif not catalog.has_media(image):
            findings.warn(f"{prefix}image media/{image} does not exist in the media folder; "
                          f"the question is shown without it", item.line_of("image"))
            image = None
    image_alt = read_text_field(item, "image_alt", findings, languages, prefix,
                                required=False)
    shuffle = item.get("shuffle", True)
    if not isinstance(shuffle, bool):
        findings.error(f"{prefix}'shuffle' must be true or false", item.line_of("shuffle"))
    if len(findings.errors) > before:
        return None
    return Question(id=qid, type=kind, text=text, options=tuple(options),
                    explanation=explanation, story=story, lesson=lesson, section=section,
                    image=image or None, image_alt=image_alt, shuffle=shuffle,
                    line=item.line_of("id"))


def _options(item, kind, where, findings, languages):
    items = item.get("options")
    line = item.line_of("options")
    if "answer" in item:
        findings.error(f"{where}: 'answer' is only for 'truefalse' questions; mark the right "
                       f"option with 'correct: true'", item.line_of("answer"))
    if "feedback" in item:
        findings.error(f"{where}: 'feedback' belongs to each option here, not to the "
                       f"question", item.line_of("feedback"))
    if not isinstance(items, YamlList) or len(items) < 2:
        findings.error(f"{where} needs 'options': a list of at least 2 answers",
                       line if "options" in item else item.line)
        return []
    if len(items) > MAX_OPTIONS:
        findings.error(f"{where} has {len(items)} options; at most {MAX_OPTIONS} fit on "
                       f"one screen", line)
    options, seen = [], {}
    for index, entry in enumerate(items):
        entry_line = items.line_of(index)
        if not isinstance(entry, YamlMap):
            findings.error(f"{where}: option {index + 1} must be 'field: value' lines "
                           f"starting with '- id: …'", entry_line)
            continue
        oid = read_id(entry.get("id"), f"{where}: option {index + 1}", findings,
                      entry.line_of("id"))
        if oid is None:
            continue
        if oid in seen:
            findings.error(f"{where}: option id {oid!r} is used twice (first on line "
                           f"{seen[oid]})", entry.line_of("id"))
            continue
        seen[oid] = entry.line_of("id")
        prefix = f"{where}, option {oid!r}: "
        check_fields(entry, OPTION_FIELDS, findings, prefix)
        text = read_text_field(entry, "text", findings, languages, prefix)
        correct = entry.get("correct", False)
        if not isinstance(correct, bool):
            findings.error(f"{prefix}'correct' must be true or false", entry.line_of("correct"))
            correct = False
        feedback = read_text_field(entry, "feedback", findings, languages, prefix,
                                   required=False)
        options.append(Option(oid, text, correct, feedback, entry.line_of("id")))
    right = sum(o.correct for o in options)
    if len(options) == len(items):
        if right == 0:
            findings.error(f"{where} has no correct option", line)
        elif kind in ("single", "scenario") and right > 1:
            findings.error(f"{where} is '{kind}' but has {right} correct options; keep one "
                           f"'correct: true' or write 'type: multiple'", line)
        elif kind == "multiple" and right == len(options):
            findings.error(f"{where} is 'multiple' but every option is correct; add at "
                           f"least one wrong option", line)
    return options


def _truefalse(item, where, findings, languages):
    if "options" in item:
        findings.error(f"{where} is 'truefalse': it has no 'options'; write "
                       f"'answer: benar' or 'answer: salah'", item.line_of("options"))
    answer = item.get("answer")
    if answer is None:
        findings.error(f"{where} is 'truefalse' and has no answer; write 'answer: benar' "
                       f"or 'answer: salah'", item.line)
        return []
    answer = ANSWERS.get(answer.strip().lower() if isinstance(answer, str) else answer)
    if answer is None:
        findings.error(f"{where}: 'answer' must be benar or salah", item.line_of("answer"))
        return []
    feedback = item.get("feedback") or YamlMap()
    if not isinstance(feedback, YamlMap):
        findings.error(f"{where}: 'feedback' must be 'benar: …' and 'salah: …' lines",
                       item.line_of("feedback"))
        feedback = YamlMap()
    check_fields(feedback, TRUEFALSE_FEEDBACK, findings, f"{where}: feedback: ")
    said = {
        name: read_text_field(feedback, name, findings, languages,
                              f"{where}: feedback ", required=False)
        for name in TRUEFALSE_FEEDBACK
    }
    line = item.line_of("answer")
    return [Option(TRUE, None, answer is True, said[TRUE], line),
            Option(FALSE, None, answer is False, said[FALSE], line)]


def _section(item, prefix, findings, languages):
    """The heading a question's lesson link opens at, per language: {lang: anchor}."""
    value = item.get("section")
    if value is None:
        return {}
    if isinstance(value, str):
        value = Text({"id": value})
        if len(languages) > 1:
            findings.warn(f"{prefix}'section' has no English heading ('en'); the English "
                          f"lesson opens at the top", item.line_of("section"))
    if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
        findings.error(f"{prefix}'section' must name a heading of the lesson, e.g. "
                       f"'section: {{id: tanda-tanda-bahaya, en: warning-signs}}'",
                       item.line_of("section"))
        return {}
    unknown = [lang for lang in value if lang not in languages]
    if unknown:
        findings.error(f"{prefix}'section' has unknown language {unknown[0]!r}; use "
                       f"{' or '.join(map(repr, languages))}", item.line_of("section"))
        return {}
    if isinstance(value, YamlMap):
        for lang in languages:
            if lang not in value:
                findings.warn(f"{prefix}'section' has no heading for {lang!r}; that "
                              f"lesson opens at the top", item.line_of("section"))
    # Editors may write the heading's text or its anchor; both become the anchor.
    return {lang: slugify(heading) for lang, heading in value.items()}
