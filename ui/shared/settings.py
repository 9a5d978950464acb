"""Every remembered setting, declared once (key, type, default, what it is for), read through one typed wrapper.

Widgets never use QSettings string keys directly: they ask `Settings.get(RECENT_FILES)` and get a list[str] back,
whatever the platform backend (Windows registry, Linux ini file) stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

if TYPE_CHECKING:
    from app.export.fonts import FontSet

T = TypeVar("T")

ORGANIZATION = "zwgk"
APPLICATION = "zwgk"
MAX_RECENT = 8


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    type: type
    default: T
    description: str


GEOMETRY: Setting[QByteArray] = Setting("window/geometry", QByteArray, QByteArray(), "主窗口的位置和大小")
WINDOW_STATE: Setting[QByteArray] = Setting("window/state", QByteArray, QByteArray(), "工具栏和检查结果面板的位置")
RECENT_FILES: Setting[list] = Setting("files/recent", list, [], "最近打开的文件，最新的在前")
LAST_DIRECTORY: Setting[str] = Setting("files/last_directory", str, "", "上次打开或保存文件的文件夹")
REOPEN_LAST: Setting[bool] = Setting("files/reopen_last", bool, True, "启动时直接打开上次的报告（否则显示开始页）")
LAST_AGENCY: Setting[str] = Setting("report/last_agency", str, "", "上次填写的机关名称，新建报告时预先填入")
LAST_AGENCY_TYPE: Setting[str] = Setting("report/last_agency_type", str, "township", "上次选择的机关类型")
# 导出字体设置 (ui/font_dialog.py): one family per FontSet role of app/export/fonts.py; "" = the automatic choice.
FONT_TITLE: Setting[str] = Setting("export/font_title", str, "", "导出和打印时标题的字体，空 = 自动")
FONT_BODY: Setting[str] = Setting("export/font_body", str, "", "导出和打印时正文和表格的字体，空 = 自动")
FONT_HEADING1: Setting[str] = Setting("export/font_heading1", str, "", "导出和打印时一级标题的字体，空 = 自动")
FONT_HEADING2: Setting[str] = Setting("export/font_heading2", str, "", "导出和打印时二级标题的字体，空 = 自动")
FONT_PAGE_NUMBER: Setting[str] = Setting("export/font_page_number", str, "", "导出和打印时页码的字体，空 = 自动")
EXPORT_FONTS: dict[str, Setting[str]] = {"title": FONT_TITLE, "body": FONT_BODY, "heading1": FONT_HEADING1,
                                         "heading2": FONT_HEADING2, "page_number": FONT_PAGE_NUMBER}

ALL_SETTINGS: tuple[Setting[Any], ...] = (GEOMETRY, WINDOW_STATE, RECENT_FILES, LAST_DIRECTORY, REOPEN_LAST, LAST_AGENCY,
                                          LAST_AGENCY_TYPE, *EXPORT_FONTS.values())


class Settings:
    """Typed access to QSettings. Pass a QSettings (tests use an ini file in a temporary folder)."""

    def __init__(self, store: QSettings | None = None) -> None:
        self.store = store if store is not None else QSettings(ORGANIZATION, APPLICATION)

    @classmethod
    def at(cls, path: Path) -> Settings:
        """Settings kept in one ini file (tests, snapshots): never the user's real settings."""
        return cls(QSettings(str(path), QSettings.Format.IniFormat))

    def get(self, setting: Setting[T]) -> T:
        if not self.store.contains(setting.key):
            return _copy(setting.default)
        try:
            value = self.store.value(setting.key, setting.default, type=setting.type)
        except (TypeError, ValueError):  # a hand-edited or foreign value: fall back rather than crash at start
            return _copy(setting.default)
        if setting.type is list:
            return [str(v) for v in (value or [])]  # type: ignore[return-value]
        return value if isinstance(value, setting.type) else _copy(setting.default)

    def set(self, setting: Setting[T], value: T) -> None:
        self.store.setValue(setting.key, value)

    def sync(self) -> None:
        self.store.sync()

    # -- recent files: the one list-valued setting with behaviour of its own -------------------------------------
    def recent_files(self) -> list[str]:
        return self.get(RECENT_FILES)

    def add_recent(self, path: Path) -> list[str]:
        text = str(Path(path).resolve())
        files = [text] + [f for f in self.recent_files() if f != text]
        files = files[:MAX_RECENT]
        self.set(RECENT_FILES, files)
        self.set(LAST_DIRECTORY, str(Path(text).parent))
        return files

    def remove_recent(self, path: str) -> list[str]:
        files = [f for f in self.recent_files() if f != path]
        self.set(RECENT_FILES, files)
        return files


def _copy(value: T) -> T:
    return list(value) if isinstance(value, list) else value  # type: ignore[return-value]


def chosen_fonts(settings: Settings | None) -> FontSet:
    """The fonts the clerk chose, the automatic choice for every role left on 自动 (or without settings)."""
    from app.export.fonts import FontSet, default_fonts  # noqa: PLC0415 - the exports load on first use

    auto = default_fonts()
    if settings is None:
        return auto
    picked = {role: settings.get(setting).strip() for role, setting in EXPORT_FONTS.items()}
    if not any(picked.values()):
        return auto
    names = {role: picked[role] or getattr(auto, role) for role in EXPORT_FONTS}
    # A stand-in title face needs bold to read as a title; a 小标宋 face is heavy enough already.
    title_bold = "小标宋" not in picked["title"] if picked["title"] else auto.title_bold
    return FontSet(**names, title_bold=title_bold)
