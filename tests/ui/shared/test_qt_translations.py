"""Qt's own texts in Chinese: the shipped catalogue, and the strings it lacks supplied without blanking others."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ui.shared import qt_translations
from ui.window.application import setup_application

SPEC = Path(__file__).resolve().parents[3] / "build_scripts" / "zwgk.spec"


def test_the_supplement_fills_what_the_catalogue_lacks():
    setup_application()
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QPageSetupWidget", "Pages &per sheet:") == "每张页数(&P)："
    # Qt's catalogue still answers for everything else, and what nobody translates stays as it is.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("QFileDialog", "no such text here") == "no such text here"


def test_every_catalogue_loaded_is_shipped_in_the_bundle():
    spec = SPEC.read_text(encoding="utf-8")
    assert qt_translations.CATALOGUES
    for name in qt_translations.CATALOGUES:
        assert f'"{name}.qm"' in spec, f"build_scripts/zwgk.spec keeps no {name}.qm"
