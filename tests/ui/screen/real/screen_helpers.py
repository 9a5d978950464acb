"""What a person sees on the real screen: whether a window's frame and buttons are within reach, which texts are
still English, screenshots."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QTableView,
    QTreeView,
    QWidget,
)

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
CJK = re.compile(r"[\u4e00-\u9fff]")
TAG = re.compile(r"<[^>]+>")
# Latin words a Chinese office PC shows anyway: file kinds, product and key names, units and paper standards.
ALLOWED = {"pdf", "word", "excel", "wps", "zwgk", "docx", "xlsx", "html", "htm", "csv", "ctrl", "shift", "esc",
           "tab", "delete", "enter", "pgup", "pgdown", "home", "end", "backspace", "mm", "cm", "pt", "in", "dd", "cc",
           "jis", "ansi", "iso", "qt", "windows", "linux", "uos", "kylin"}


def english(text: str) -> bool:
    """A text a Chinese clerk could not read: Latin words beyond the allowed ones and not a single Chinese
    character (a Chinese text with an English gloss, “美国信纸 (Letter)”, reads fine). Paths are data."""
    text = TAG.sub("", text).replace("&", "")
    if not text.strip() or "/" in text or "\\" in text or CJK.search(text):
        return False
    return any(word.lower() not in ALLOWED for word in LATIN_WORD.findall(text))


def visible_texts(window: QWidget) -> list[str]:
    """Every text shown in a window: title, labels, buttons, group titles, combo items, tabs, placeholders and the
    headers of lists and tables (their rows are the user's data: file names, findings)."""
    texts = [window.windowTitle()]
    for w in [window, *window.findChildren(QWidget)]:
        if not w.isVisibleTo(window):
            continue
        if isinstance(w, (QLabel, QAbstractButton)):
            texts.append(w.text())
        if isinstance(w, QGroupBox):
            texts.append(w.title())
        if isinstance(w, QLineEdit):
            texts.append(w.placeholderText())
        if isinstance(w, QComboBox):
            texts.extend(w.itemText(i) for i in range(w.count()))
        if isinstance(w, QTabBar):
            texts.extend(w.tabText(i) for i in range(w.count()))
        if isinstance(w, (QTableView, QTreeView)) and w.model() is not None:  # lists have no header
            header = w.horizontalHeader() if isinstance(w, QTableView) else w.header()
            titles = (w.model().headerData(c, _horizontal()) for c in range(header.count()))
            texts.extend(str(t) for t in titles if t is not None)
    return [t for t in texts if t]


def _horizontal():  # noqa: ANN202 - a Qt enum
    from PySide6.QtCore import Qt  # noqa: PLC0415

    return Qt.Orientation.Horizontal


def english_texts(window: QWidget) -> list[str]:
    """The English texts of a window; font family names (导出字体设置 lists them) are names, not words."""
    fonts = set(QFontDatabase.families())
    return sorted({t for t in visible_texts(window) if english(t) and t not in fonts})


def out_of_reach(window: QWidget) -> list[str]:
    """The window's frame, or any visible button, outside the screen's available area (under the taskbar, off
    the edge): what a person cannot click."""
    area = window.screen().availableGeometry()
    problems = []
    if not area.contains(window.frameGeometry()):
        problems.append(f"frame {_rect(window.frameGeometry())} not within {_rect(area)}")
    for button in window.findChildren(QAbstractButton):
        if button.isVisibleTo(window) and button.text():
            where = QRect(button.mapToGlobal(button.rect().topLeft()), button.size())
            if not area.contains(where):
                problems.append(f"button “{button.text()}” at {_rect(where)}")
    return problems


def _rect(r: QRect) -> str:
    return f"{r.x()},{r.y()} {r.width()}×{r.height()}"


def screenshot(path: Path) -> Path:
    """The whole screen as the clerk sees it: windows with their frames, the taskbar (after the pending repaints:
    the X server shows what the program has painted, not what it has decided)."""
    for _ in range(3):
        QApplication.processEvents()
    QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
    return path
