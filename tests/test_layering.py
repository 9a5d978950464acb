"""The architecture holds: the core never needs Qt, a command-line run loads no Qt, and no two modules of the project
import each other, directly or in a ring, even through imports inside functions. The layer contracts themselves are
in pyproject.toml ([tool.importlinter]) and run by scripts/run-tests.sh as lint-imports."""

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]

PROBE = """
import importlib, pkgutil, sys
import app
for m in pkgutil.walk_packages(app.__path__, "app."):
    if m.name != "app.__main__":
        importlib.import_module(m.name)
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6", "ui"))
print(",".join(loaded))
"""

CLI_PROBE = """
import sys
from ui.main import main
code = main(["check", sys.argv[1]])
print(code, sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6")))
"""


def test_core_imports_no_qt_and_no_ui():
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""


def test_a_command_through_the_entry_point_loads_no_qt(sample_path):
    proc = subprocess.run([sys.executable, "-c", CLI_PROBE, str(sample_path)], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert proc.stdout.strip().splitlines()[-1] == "1 []", proc.stderr  # the sample has warnings: exit 1


def _cycles(graph: grimp.ImportGraph, roots: tuple[str, ...] = ("app", "ui")) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), i.e. every import ring."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    rings: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for other in graph.find_modules_directly_imported_by(module):
            if other not in graph.modules or other.split(".")[0] not in roots:
                continue
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in on_stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            ring = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                ring.append(top)
                if top == module:
                    break
            if len(ring) > 1:
                rings.append(sorted(ring))

    for module in sorted(m for m in graph.modules if m.split(".")[0] in roots):
        if module not in index:
            visit(module)
    return rings


def test_no_import_cycle_among_the_projects_modules():
    # A package importing its own submodules (app.rules → app.rules.tables) is not a ring: grimp does not count the
    # implicit "a submodule's import runs its package first".
    graph = grimp.build_graph("app", "ui", cache_dir=None)
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_ring(tmp_path, monkeypatch):
    package = tmp_path / "ringpkg"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from ringpkg import b\n")  # inside a function still counts
    (package / "b.py").write_text("from ringpkg import a\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    graph = grimp.build_graph("ringpkg", cache_dir=None)
    assert _cycles(graph, ("ringpkg",)) == [["ringpkg.a", "ringpkg.b"]]


def test_no_qt_import_statement_in_core():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")
                 if any(line.lstrip().startswith(("import PySide6", "from PySide6", "import ui", "from ui"))
                        for line in p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []
