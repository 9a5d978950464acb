"""The core must never need Qt: importing every module of app/ leaves PySide6 unloaded."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import importlib, pkgutil, sys
import app
for m in pkgutil.walk_packages(app.__path__, "app."):
    if m.name != "app.__main__":
        importlib.import_module(m.name)
loaded = sorted(n for n in sys.modules if n.split(".")[0] in ("PySide6", "shiboken6"))
print(",".join(loaded))
"""


def test_core_imports_no_qt():
    proc = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == ""


def test_no_qt_import_statement_in_core():
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "app").rglob("*.py")
                 if "PySide6" in p.read_text(encoding="utf-8") and "import" in p.read_text(encoding="utf-8")
                 and any(line.lstrip().startswith(("import PySide6", "from PySide6"))
                         for line in p.read_text(encoding="utf-8").splitlines())]
    assert offenders == []
