"""The presentation an officer is running: when it began, the room's counts, what to record.

Kept as a small dict in the signed session cookie; nothing here knows about requests.
"""

import secrets

MAX_PEOPLE = 100_000
MAX_SECONDS = 24 * 3600
KEY = "presentasi"


class CountRefused(ValueError):
    """A number typed by the officer that cannot be kept; the message is shown to them."""


def read_count(text, what):
    """A whole number of people typed in a form ('' is none); CountRefused says why not."""
    text = str(text or "").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > MAX_PEOPLE:
        raise CountRefused(what)
    return int(text)


class Presentation:
    """One running presentation: ``state`` is the dict kept in the session."""

    def __init__(self, state):
        self.state = state

    @classmethod
    def start(cls, deck_key, lessons, now, audience=None):
        return cls({
            "deck": deck_key, "token": secrets.token_urlsafe(12), "started": now, "seen": now,
            "lessons": list(lessons), "audience": audience, "hands": {},
            # A drawn room quiz keeps its questions when the page is reloaded.
            "seed": secrets.randbelow(2**31),
        })

    @classmethod
    def load(cls, state):
        """The presentation in ``state``, or None if it is missing or not one of ours."""
        if not isinstance(state, dict):
            return None
        try:
            ok = (isinstance(state["deck"], str) and isinstance(state["token"], str)
                  and isinstance(state["started"], int | float)
                  and isinstance(state["hands"], dict) and isinstance(state["lessons"], list))
        except KeyError:
            return None
        return cls(state) if ok else None

    deck = property(lambda self: self.state["deck"])
    token = property(lambda self: self.state["token"])
    seed = property(lambda self: self.state.get("seed", 0))
    audience = property(lambda self: self.state.get("audience"))
    hands = property(lambda self: self.state["hands"])

    def elapsed(self, now):
        return max(0, min(int(now - self.state["started"]), MAX_SECONDS))

    def touch(self, now):
        self.state["seen"] = now

    def set_hands(self, question, hands):
        """Hands raised for the right answer of ``question`` ('quiz/id'); None forgets it."""
        if hands is None:
            self.state["hands"].pop(question, None)
            return
        if self.audience and hands > self.audience:
            raise CountRefused("more hands than people")
        self.state["hands"][question] = hands

    def set_audience(self, audience):
        most = max(self.hands.values(), default=0)
        if audience is not None and audience < most:
            raise CountRefused("fewer people than hands")
        self.state["audience"] = audience

    def events(self, now, abandoned=False):
        """(kind, fields) to record when it ends; an abandoned one lasted until last seen."""
        end = self.state.get("seen", now) if abandoned else now
        audience = self.audience or None
        found = [("presenter_session", {
            "lessons": list(self.state["lessons"]),
            "seconds": max(0, min(int(end - self.state["started"]), MAX_SECONDS)),
            "audience": audience,
        })]
        for key, hands in sorted(self.hands.items()):
            quiz, _, question = key.partition("/")
            found.append(("quiz_group_answer", {"quiz": quiz, "question": question,
                                                "hands": hands, "audience": audience}))
        return found
