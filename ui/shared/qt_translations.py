"""Qt's own texts in Chinese: the buttons of message boxes, the file, print and page set-up dialogs.

The program uses QtCore, QtGui, QtWidgets and QtPrintSupport, whose texts are all in Qt's qtbase catalogue; the
bundle ships qtbase_zh_CN.qm (build_scripts/zwgk.spec). Where that catalogue lacks a string a clerk sees (found by
tests/ui/screen: every visible text of every dialog), SUPPLEMENT gives it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

log = logging.getLogger(__name__)
CATALOGUES = ("qtbase_zh_CN",)  # one per Qt module family in use: qtbase holds Core, Gui, Widgets, PrintSupport

# (context, source) -> Chinese, in the catalogues' style (accelerator in brackets, full-width colon).
SUPPLEMENT: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&L)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
    ("QPageSetupWidget", "Page &order:"): "页序(&O)：",
    ("QPageSetupWidget", "Pages &per sheet:"): "每张页数(&P)：",
    ("QPrintSettingsOutput", "Page &Set:"): "页面集(&S)：",
}


class Supplement(QTranslator):
    """The strings Qt's catalogue lacks. Asked after the catalogues (installed first, so searched last)."""

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # type: ignore[override]
                  n: int = -1) -> str | None:
        return SUPPLEMENT.get((context, source))  # None: not translated here (Qt goes on), "" would blank it

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


def install(app: QCoreApplication) -> list[QTranslator]:
    """Load the catalogues and the supplement into the application; returns them (keep them alive)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    supplement = Supplement(app)
    app.installTranslator(supplement)  # first installed = searched last: Qt's catalogue wins where it has a text
    loaded: list[QTranslator] = [supplement]
    for name in CATALOGUES:
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, folder)
    return loaded
