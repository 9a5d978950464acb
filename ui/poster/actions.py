"""The window's entries for 一图读懂 and 概览: 文件 → 一图读懂… (preview and save) and the 概览 side panel, which
follows whichever report the window shows."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths, Qt

from ui.poster.overview_panel import OverviewPanel
from ui.shared.places import Section
from ui.shared.settings import chosen_fonts

if TYPE_CHECKING:
    from ui.poster.dialog import PosterDialog


def suggested_base(window) -> Path:  # noqa: ANN001 - ui.window.main_window.MainWindow
    """Where the poster goes by default: next to the report file, or in 文档 under the report's title."""
    doc = window.doc
    if doc.path is not None:
        return doc.path
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
    return Path(folder) / f"{doc.report.title}.zwgk"


def show_poster(window) -> PosterDialog:  # noqa: ANN001
    # The dialog (its files and PDF writing) loads when first asked for, not with the window (startup_vs_floor).
    from ui.poster.dialog import PosterDialog  # noqa: PLC0415

    dialog = PosterDialog(window.doc.report, chosen_fonts(window.settings), suggested_base(window), window)
    dialog.exec()
    dialog.deleteLater()
    return dialog


def install(window) -> None:  # noqa: ANN001 - ui.window.main_window.MainWindow
    action = window.make_action("一图读懂…", lambda: show_poster(window),
                                tip="把报告的主要数字画成一张图（A4 或手机长图），预览后保存为 PDF 或图片", name="export.poster")
    window.add_menu_items(Section.FILE_EXPORT, [action])
    panel = OverviewPanel(partial(chosen_fonts, window.settings), window)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, panel)
    panel.hide()  # the tables need the width on a 1366-pixel screen: the clerk opens it from the menu
    toggle = panel.toggleViewAction()
    toggle.setText("显示概览面板")
    toggle.setObjectName("view.overview")
    window.add_menu_items(Section.CHECK_PANEL, [toggle])
    window.overview_panel = panel
    window.documentChanged.connect(panel.follow)
    if window.doc is not None:
        panel.follow(window.doc)
