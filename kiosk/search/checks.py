"""The content checker's look at content/synonyms.yaml, with the messages search logs.

Registered with kiosk.checks so the CLI, start-up and the web editor report it alike.
"""

from .synonyms import load_synonyms


def check_synonyms(source):
    path = source.content_dir / "synonyms.yaml"
    if not source.exists(path):
        return []
    return list(load_synonyms(path, source.display(path), raw=source.read_bytes(path)).problems)
