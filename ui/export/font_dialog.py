"""文件 → 导出字体设置…: which font each part of the exported and printed report uses (the issue's font setting).

Each role (title, body, two heading levels, page numbers) is a setting of its own (ui/settings.py EXPORT_FONTS);
an empty one means the automatic choice of app/export/fonts.py, so a clerk who never opens this dialog gets the
GB2312 family where installed and the Windows built-ins otherwise. The command line always uses the automatic choice.

app.export loads on first use (the window starts without it), hence the imports inside the functions; this module
itself loads when the dialog is first asked for (ui/export/actions.py puts the command into the menu).
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ui.shared.settings import EXPORT_FONTS, Settings, chosen_fonts

ROLE_LABELS = {
    "title": "标题（2号小标宋）",
    "body": "正文和表格（3号仿宋）",
    "heading1": "一级标题“一、”（黑体）",
    "heading2": "二级标题“（一）”（楷体）",
    "page_number": "页码（4号宋体）",
}
SAMPLE_TEXT = "政府信息公开工作年度报告"
NOT_INSTALLED = "（本机未安装）"
AUTO = "自动"
__all__ = ["chosen_fonts"]  # kept here for the export screen; declared with the settings it reads


def official_names() -> list[str]:
    """The names GB/T 9704 offices expect, GB2312 family first: offered even when this PC lacks them, because the
    Word file is read on the upper office's PC."""
    from app.export import fonts  # noqa: PLC0415

    return [fonts.GB2312_BODY, fonts.GB2312_KAI, fonts.XIAOBIAOSONG, fonts.FANGSONG, fonts.KAITI, fonts.SONGTI,
            fonts.HEITI]


def font_choices() -> list[tuple[str, str]]:
    """(shown text, family) for the combos: the official names, other Chinese fonts, then every other font."""
    from app.export.fonts import installed_families  # noqa: PLC0415

    usable = [f for f in QFontDatabase.families() if not f.startswith("@") and not QFontDatabase.isPrivateFamily(f)]
    installed = set(usable) | installed_families()
    chinese = [f for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese) if f in usable]
    official = official_names()
    choices = [(name if name in installed else name + NOT_INSTALLED, name) for name in official]
    seen = set(official)
    for family in [*chinese, *usable]:
        if family not in seen:
            seen.add(family)
            choices.append((family, family))
    return choices


class FontDialog(QDialog):
    """One combo per role: 自动（the automatic font）, or any font; 恢复自动 puts every role back to 自动."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        from app.export.fonts import default_fonts  # noqa: PLC0415

        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("导出字体设置")
        self.auto = default_fonts()
        self.preview_fonts = self.auto  # only its fallback lists are used, for the samples
        note = QLabel("导出 Word、PDF、网页和打印时各部分使用的字体。选“自动”时，本机装有仿宋_GB2312、楷体_GB2312、"
                      "方正小标宋简体就用它们，否则用 Windows 自带的仿宋、楷体、宋体、黑体。"
                      "选择本机未安装的字体时，Word 文件在装有该字体的电脑上显示正常，本机打印用相近的字体代替。", self)
        note.setWordWrap(True)
        grid = QGridLayout()
        choices = font_choices()
        self.combos: dict[str, QComboBox] = {}
        self.samples: dict[str, QLabel] = {}
        for row, (role, label) in enumerate(ROLE_LABELS.items()):
            combo = QComboBox(self)
            combo.setObjectName(f"font_{role}")
            combo.addItem(f"{AUTO}（{getattr(self.auto, role)}）", "")
            for text, family in choices:
                combo.addItem(text, family)
            combo.insertSeparator(len(official_names()) + 1)
            combo.setMaxVisibleItems(20)
            sample = QLabel(SAMPLE_TEXT, self)
            caption = QLabel(label, self)
            caption.setBuddy(combo)
            grid.addWidget(caption, row, 0)
            grid.addWidget(combo, row, 1)
            grid.addWidget(sample, row, 2)
            self.combos[role], self.samples[role] = combo, sample
            combo.currentIndexChanged.connect(lambda _i, r=role: self._show_sample(r))
            self._select(role, settings.get(EXPORT_FONTS[role]).strip())
            self._show_sample(role)
        grid.setColumnStretch(1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.restore_button = buttons.addButton("恢复自动", QDialogButtonBox.ButtonRole.ResetRole)
        self.restore_button.setToolTip("所有部分都改回自动选择的字体")
        self.restore_button.clicked.connect(self.restore_automatic)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(grid)
        layout.addWidget(buttons)
        self.resize(720, self.sizeHint().height())

    def _select(self, role: str, family: str) -> None:
        combo = self.combos[role]
        index = combo.findData(family)
        if index < 0:  # chosen on another PC (settings copied) and absent here: keep it, say so
            combo.addItem(family + NOT_INSTALLED, family)
            index = combo.count() - 1
        combo.setCurrentIndex(index)

    def family(self, role: str) -> str:
        """The chosen family of a role; "" = 自动."""
        return str(self.combos[role].currentData() or "")

    def _show_sample(self, role: str) -> None:
        family = self.family(role) or getattr(self.auto, role)
        font = QFont(self.font())
        font.setFamilies(self.preview_fonts.families(family))
        font.setPointSize(14)
        self.samples[role].setFont(font)
        self.samples[role].setToolTip(f"示例字体：{family}")

    def restore_automatic(self) -> None:
        for combo in self.combos.values():
            combo.setCurrentIndex(0)

    def accept(self) -> None:
        for role, setting in EXPORT_FONTS.items():
            self.settings.set(setting, self.family(role))
        self.settings.sync()
        super().accept()


def edit_fonts(window) -> bool:  # noqa: ANN001 - ui.window.main_window.MainWindow
    """Show the dialog for the window's settings; True when the clerk pressed 确定."""
    if FontDialog(window.settings, window).exec() != QDialog.DialogCode.Accepted:
        return False
    window.statusBar().showMessage("导出字体已保存，下次导出和打印时使用。", 8000)
    return True
