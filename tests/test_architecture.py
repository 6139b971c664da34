"""The house rules of docs/ARCHITECTURE.md, checked on the source: where request handling may
live, which modules may import which, and that content files are stamped in one place."""

import ast
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"
VIEWS = KIOSK / "views"
# Modules in kiosk/views/ that several blueprints share; blueprints import only these.
VIEW_HELPERS = {"errors", "guard", "language", "ui"}


def modules():
    return sorted(p for p in KIOSK.rglob("*.py") if "templates" not in p.parts)


def imported(path):
    """(absolute module name, names) for every import in the file."""
    package = ["kiosk", *path.relative_to(KIOSK).parent.parts]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.extend((alias.name, ()) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            name = ".".join([*base, *(node.module.split(".") if node.module else [])])
            names = tuple(alias.name for alias in node.names)
            found.append((name, names))
            # `from . import x` imports the module x too.
            found.extend((f"{name}.{n}", ()) for n in names)
    return found


def test_the_rules_see_the_imports():
    # A rule that reads nothing cannot fail: make sure the parser finds real imports.
    assert ("flask", ("Blueprint", "current_app", "jsonify")) in imported(VIEWS / "health.py")
    assert ("kiosk.views.guard", ("log_out", "officer_required")) in imported(
        VIEWS / "presenter.py")


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(KIOSK)))
def test_only_views_and_the_cli_handle_requests(path):
    if path.is_relative_to(VIEWS) or path.name == "cli.py" or path == KIOSK / "__init__.py":
        return  # the factory registers the views; it handles no request itself
    for module, names in imported(path):
        assert not (module == "flask" and {"request", "session", "g"} & set(names)), \
            f"{path.name} imports flask's request state; that belongs in kiosk/views/"
        assert not module.startswith("kiosk.views"), f"{path.name} imports a view"


@pytest.mark.parametrize("path", sorted(p for p in VIEWS.glob("*.py") if p.stem != "__init__"),
                         ids=lambda p: p.name)
def test_views_never_import_each_other(path):
    for module, _names in imported(path):
        if module.startswith("kiosk.views."):
            other = module.split(".")[2]
            assert other in VIEW_HELPERS, \
                f"{path.name} imports the view {other}; share a helper instead"


def test_content_files_are_stamped_in_one_place():
    stamping = [p.relative_to(KIOSK).as_posix() for p in modules()
                if "st_ino" in p.read_text(encoding="utf-8")]
    # The reader stamps editors' files; the search index stamps its own manifest.
    assert stamping == ["content/reader.py", "search/index.py"]


def test_one_thread_watches_the_content():
    starting = [p.relative_to(KIOSK).as_posix() for p in modules()
                if "content-watcher" in p.read_text(encoding="utf-8")]
    assert starting == ["watch.py"]
