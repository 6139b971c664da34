"""The kiosk's own exceptions: problems an editor or an officer can fix.

Each knows how to present itself as ``path:line: message``, the same in log, CLI and UI.
"""


class KioskError(Exception):
    """A problem with something a person wrote: content, a quiz, the configuration."""

    def __init__(self, message, path=None, line=None, severity="error"):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.severity = severity

    def location(self):
        if self.path is None:
            return ""
        return f"{self.path}:{self.line}" if self.line else str(self.path)

    def __str__(self):
        where = self.location()
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self):
        return {
            "path": None if self.path is None else str(self.path),
            "line": self.line,
            "severity": self.severity,
            "message": self.message,
        }


class ContentError(KioskError):
    """A lesson, category or media file that cannot be served as written."""


class QuizError(KioskError):
    """A quiz file that cannot be served as written."""


class ConfigError(KioskError):
    """A configuration value the kiosk cannot run with."""
