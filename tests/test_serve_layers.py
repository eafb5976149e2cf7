"""The web face calls the application layer and nothing below it: a rule of the code,
checked on its imports, so that no business logic grows in `pncaf.web` and the other
engineers can restructure what lies under `pncaf.actions`. Flask and waitress stay out of
`pncaf check`'s start (tests/test_scale.py checks the heavy libraries)."""

from __future__ import annotations

import ast
from pathlib import Path

WEB = Path(__file__).resolve().parent.parent / "src/pncaf/web"
#: What the web face may import from pncaf: the actions, itself, and the errors' classes
#: (the server raises the command line's refusals before it starts).
ALLOWED = ("pncaf.actions", "pncaf.web", "pncaf.errors")


def pncaf_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
        elif isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
    return [n for n in names if n == "pncaf" or n.startswith("pncaf.")]


def test_the_web_face_imports_only_the_application_layer() -> None:
    found = {f"{path.relative_to(WEB)}: {name}"
             for path in sorted(WEB.rglob("*.py")) for name in pncaf_imports(path)
             if not name.startswith(ALLOWED)}
    assert found == set()


def test_the_command_imports_flask_only_when_it_runs() -> None:
    command = WEB.parent / "cli/commands/serve.py"
    tree = ast.parse(command.read_text(encoding="utf-8"))
    top = [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]
    names = [getattr(n, "module", None) or n.names[0].name for n in top]
    assert not any(name.startswith(("flask", "waitress", "pncaf.web")) for name in names)
