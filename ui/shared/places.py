"""The named places where features put their commands: menus split into sections, toolbar groups.

The window declares them; a feature (export, yearly, ledger) adds an action to a place by name and never needs to
know which other actions are there (Spyder's mainmenu sections are the model). Order inside a section is the order
the features were installed in.
"""

from __future__ import annotations

from enum import StrEnum


class Menu(StrEnum):
    FILE = "文件(&F)"
    EDIT = "编辑(&E)"
    CHECK = "检查(&C)"
    HELP = "帮助(&H)"


class Section(StrEnum):
    """Menu sections, in the order they appear within their menu (separators between non-empty ones)."""

    FILE_NEW = "file.new"  # 新建, 打开, 新建下一年度, 导入, 关联上年, 最近打开
    FILE_SAVE = "file.save"
    FILE_SOURCES = "file.sources"  # 从台账生成, 汇总
    FILE_EXPORT = "file.export"
    FILE_PRINT = "file.print"
    FILE_QUIT = "file.quit"
    EDIT_UNDO = "edit.undo"
    EDIT_CLIPBOARD = "edit.clipboard"
    EDIT_NAVIGATE = "edit.navigate"
    CHECK_RUN = "check.run"
    CHECK_PANEL = "check.panel"
    HELP_MANUAL = "help.manual"
    HELP_TOOLS = "help.tools"  # 保存台账模板
    HELP_ABOUT = "help.about"

    @property
    def menu(self) -> Menu:
        return MENU_OF[self.value.split(".")[0]]


MENU_OF = {"file": Menu.FILE, "edit": Menu.EDIT, "check": Menu.CHECK, "help": Menu.HELP}


class ToolbarGroup(StrEnum):
    """Toolbar groups, left to right; buttons keep a fixed place (no button changes another's position)."""

    FILE = "file"
    UNDO = "undo"
    CHECK = "check"
    OUTPUT = "output"  # 导出为Word, 打印
