"""The kiosk's read-aloud voice (``app.extensions['audio']``): which blocks a page reads,
their clips, recordings, and playlists for the page's player.

Requests only read: clips are made by `kiosk audio build` or the background renderer.
"""

import logging
from pathlib import Path

from . import pages, sentences
from .clips import ClipStore, clip_key
from .engine import HOW_TO_INSTALL, EngineMissing, describe, load
from .lexicon import LexiconFile
from .recordings import Recordings

log = logging.getLogger(__name__)

PAGES = ("lesson", "quiz_question", "quiz_feedback", "checker_question", "checker_result",
         "report", "attract")


class Speech:
    """``available`` says whether anything can be heard; ``playlist()`` what a page plays."""

    def __init__(self, config, library, glossary, quizbook, ui, warnings=None):
        self.config = config
        self.library, self.glossary, self.quizbook = library, glossary, quizbook
        self.ui = ui  # ui(lang, msgid, context=None): a UI text in that language
        self.warnings = warnings or tuple  # callable: the attract screen's [(icon, text)]
        self.store = ClipStore(Path(config["DATA_DIR"]) / "audio")
        self.recordings = Recordings(config["CONTENT_DIR"])
        self.lexicon_file = LexiconFile(library.reader, config["LANGUAGES"])
        self.engine, self.trouble = None, None
        if not config["SPEECH"]:
            self.trouble = "read-aloud is off (SPEECH = False)"
        else:
            try:
                self.engine = load(config["SPEECH_LIBRARY"])
            except EngineMissing as exc:
                self.trouble = (f"read-aloud is off: eSpeak NG cannot be loaded ({exc}); "
                                f"to turn it on: {HOW_TO_INSTALL}")
        self.renderer = None  # set by kiosk.audio.start_rendering with the watcher
        self._keys = {}  # (lexicon, block) -> clip key
        self._seen = None  # the lexicon and glossary the last refresh() saw

    @property
    def available(self):
        """Something can be heard: the engine, or (without it) an officer's recording."""
        return self.state != "off"

    @property
    def state(self):
        """'on' (the voice reads every page), 'recordings' (no engine: only the lessons an
        officer recorded are heard) or 'off'; what /healthz reports."""
        if not self.config["SPEECH"]:
            return "off"
        if self.engine is not None:
            return "on"
        return "recordings" if self.recordings.any() else "off"

    def can_read(self, page, lang, **ids):
        """Whether a page gets a Dengarkan button: everywhere with the engine; without it
        only on a lesson with a recording (elsewhere the button would never play)."""
        if not self.config["SPEECH"]:
            return False
        if self.engine is not None:
            return True
        return page == "lesson" and bool(self.recordings.for_lesson(lang, ids.get("slug")))

    def describe(self):
        """One line for the start log."""
        if self.engine is None:
            return self.trouble
        return f"read-aloud: {self.engine.name} from {describe(self.engine.library)}"

    # -- what is said ---------------------------------------------------------------------

    def lexicon(self):
        """The lexicon (with the glossary's spoken forms) as the watcher last read it: a
        request never reads ucapan.yaml, it uses this snapshot (see refresh())."""
        glossary = self.glossary.current
        current = self.lexicon_file.current
        mark = (current.stamp, glossary.stamp)
        if self._keys.get("mark") != mark:
            self._keys = {"mark": mark, "lexicon": current.with_glossary(glossary)}
        return self._keys["lexicon"]

    def refresh(self):
        """After the watcher's look: wake the renderer if the lexicon or glossary changed
        (a lesson's change wakes it through the watcher itself). True if it did.
        Only the watcher's thread reads ucapan.yaml, here; requests use the snapshot."""
        self.lexicon_file.refresh()
        self.lexicon()
        mark = self._keys.get("mark")
        changed, self._seen = self._seen is not None and mark != self._seen, mark
        if changed:
            self.ensure_rendering()
        return changed

    def said(self, block, lexicon=None):
        """What eSpeak is given for each sentence of ``block``."""
        lexicon = lexicon or self.lexicon()
        return tuple(sentences.spoken(s.say, block.lang, lexicon) for s in block.sentences)

    def key(self, block, lexicon=None):
        lexicon = lexicon or self.lexicon()
        keys = self._keys  # one dict throughout: lexicon() may replace it meanwhile
        memo = (block.lang, block.sentences)
        found = keys.get(memo) if keys.get("lexicon") is lexicon else None
        if found is None:
            found = clip_key(self.said(block, lexicon), block.lang, self.engine_name)
            if keys.get("lexicon") is lexicon:
                keys[memo] = found
        return found

    @property
    def engine_name(self):
        return self.engine.name if self.engine is not None else "none"

    def blocks(self, page, lang, **ids):
        """(the language read, [Block]) for one page, or None for an unknown page or item."""
        ui = self.ui
        if page == "lesson":
            found, _fallback = self.library.lesson(ids.get("slug"), lang)
            return (found.lang, pages.lesson(found)) if found is not None else None
        if page in ("quiz_question", "quiz_feedback"):
            quiz = self.quizbook.quiz(ids.get("quiz"))
            question = quiz.question(ids.get("question")) if quiz is not None else None
            if question is None:
                return None
            if page == "quiz_question":
                return lang, pages.quiz_question(question, lang, ui, ids.get("options"))
            found = pages.quiz_feedback(question, ids.get("outcome"), lang, ui)
            return (lang, found) if found is not None else None
        checker = self.quizbook.checker
        if page == "checker_question":
            sign = checker.sign(ids.get("question")) if checker is not None else None
            return (lang, pages.checker_question(sign, lang, ui)) if sign else None
        if page == "checker_result":
            found = pages.checker_result(checker, ids.get("level"), ids.get("signs"),
                                         ids.get("find_out"), lang,
                                         self.config["REPORT_NUMBERS"]) if checker else None
            return (lang, found) if found is not None else None
        if page == "report":
            return lang, pages.report(self.config, lang, ui)
        if page == "attract":
            return lang, pages.attract(self.warnings(), lang, ui)
        return None

    def every_block(self):
        """Every block of every page in every language: what `kiosk audio build` renders."""
        found = []
        for lesson in self.library.shelf.lessons.values():
            found.extend(pages.lesson(lesson))
        checker = self.quizbook.checker
        for lang in self.config["LANGUAGES"]:
            for quiz in self.quizbook.quizzes():
                for question in () if quiz.is_drawn else quiz.questions:
                    found.extend(pages.quiz_question(question, lang, self.ui))
                    outcomes = ("right", "wrong", "partly") if question.type == "multiple" \
                        else ("right", "wrong")
                    for outcome in outcomes:
                        found.extend(pages.quiz_feedback(question, outcome, lang, self.ui))
            if checker is not None:
                for sign in checker.signs:
                    found.extend(pages.checker_question(sign, lang, self.ui))
                ids = [s.id for s in checker.signs]
                asked = [s.id for s in checker.signs if s.find_out]
                for level in checker.levels:
                    found.extend(pages.checker_result(checker, level, ids, asked, lang))
            found.extend(pages.report(self.config, lang, self.ui))
            found.extend(pages.attract(self.warnings(), lang, self.ui))
        return found

    def jobs(self, blocks=None):
        """{clip key: (voice, spoken sentences)} for ``blocks`` (every block without)."""
        lexicon = self.lexicon()
        jobs = {}
        for block in self.every_block() if blocks is None else blocks:
            key = self.key(block, lexicon)
            if key not in jobs:
                jobs[key] = (block.lang, self.said(block, lexicon))
        return jobs

    def missing(self):
        """The jobs whose clip is not made yet."""
        return {key: job for key, job in self.jobs().items() if not self.store.has(key)}

    def content_errors(self):
        """The content's errors that leave pages (or spoken forms) out of ``jobs()``: while
        there are any, no clip is unused for sure, so a build removes none."""
        return [*self.library.shelf.errors, *self.glossary.current.errors,
                *self.quizbook.shelf.errors, *self.lexicon_file.current.errors]

    # -- what the page's player gets ----------------------------------------------------

    def playlist(self, page, lang, **ids):
        """The parts a page plays, in order (see AUDIO-CONTRACT.md), or None if unknown."""
        from .playlist import build  # the page-facing shape lives apart from the domain

        found = self.blocks(page, lang, **ids)
        if found is None:
            return None
        said_in, blocks = found
        slug = ids.get("slug") if page == "lesson" else None
        result = build(self, said_in, blocks, slug)
        waiting = {part["block"] for part in result["parts"]
                   if part["audio"] is None and part["recording"] is None}
        if waiting:
            # This page's clips first: a villager may tap again in a few seconds.
            self.ensure_rendering(self.jobs([b for b in blocks if b.id in waiting]))
        return result

    def clip_path(self, name):
        return self.store.path(name)

    def recording_path(self, lang, name):
        return self.recordings.path(lang, name)

    # -- the background renderer --------------------------------------------------------

    def ensure_rendering(self, first=None):
        """Wake the background renderer, if it runs; never waits. ``first`` ({key: job}) are
        rendered before the rest."""
        if self.renderer is not None:
            self.renderer.wake(first)
