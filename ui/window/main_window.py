"""The main window: one report per window, one tab per part of the report, the 检查结果 panel, menus and toolbar.

The window owns the document's life cycle (new, open, save, close, recovery, the lock against a second window);
the tabs own their widgets and talk to the document only.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
    QUndoGroup,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QMainWindow,
    QMenu,
    QStackedWidget,
    QStyle,
    QTabWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME, storage
from app.report.model import Report, agency_type_key
from app.resources import SAMPLE_REPORT
from ui.editor.info_tab import InfoTab
from ui.editor.text_tab import TextTab
from ui.shared import dialogs, screen_fit, startup
from ui.shared.document import Place, ReportDocument
from ui.shared.places import Menu, Section, ToolbarGroup
from ui.shared.settings import (
    GEOMETRY,
    LAST_AGENCY,
    LAST_AGENCY_TYPE,
    LAST_DIRECTORY,
    REOPEN_LAST,
    WINDOW_STATE,
    Settings,
)
from ui.window.autosave import INTERVAL_MS, Autosaver, RecoveryEntry, RecoveryStore
from ui.window.check_panel import CheckPanel, severity_icon
from ui.window.doclock import DocumentLock

if TYPE_CHECKING:
    from app.rules import Finding

log = logging.getLogger(__name__)
INFO_KEY = "info"
INFO_TITLE = "基本信息"
ERROR_MARK = " ●"
UNTITLED = "未命名报告"
FIRST_SIZE = QSize(1600, 1000)  # the first start's size, made smaller to fit the screen and its taskbar
Feature = Callable[["MainWindow"], None]

MANUAL_HTML = """
<h3>填写</h3>
<p>先在“基本信息”里填写机关名称、类型和报告年度（年度决定使用 2019 年还是 2021 年的官方格式），编制日期从日历中选择；
再逐个标签页填写（<b>Ctrl+PgDown</b> / <b>Ctrl+PgUp</b> 切换到下一个 / 上一个部分）。</p>
<p>表格的用法和 Excel、WPS 表格一样：选中单元格直接输入数字，按<b>方向键</b>、<b>Tab</b> 或<b>回车</b>确认并移到下一格
（回车下移，Tab 右移，连续按 Tab 后回车回到这一串开始的那一列）；要修改格内的数字，按 <b>F2</b> 或双击，
这时左右方向键在格内移动光标。<b>Esc</b> 取消输入，<b>Delete</b> 清空（空白表示未填写，没有发生的事项请填 0）。
<b>Ctrl+C</b> / <b>Ctrl+V</b> 可以和 Excel、WPS 互相复制粘贴整块数字，<b>Ctrl+A</b> 选中全部可填写的单元格。
开启“自动合计”时，灰色的合计、总计单元格由程序计算，光标会跳过它们；粘贴到合计上的数与计算结果不符时会提示。
<b>Ctrl+Z</b> 撤销时会切换到被撤销的内容所在的标签页并选中它。</p>
<h3>检查</h3>
<p>每次修改后程序都会自动检查整份报告：出错的单元格标红，需要注意的标黄，鼠标停在上面可以看到原因。
下方“检查结果”列出所有问题，双击一条即可跳到相关单元格。标签页标题带“●”表示该部分有错误。</p>
<h3>保存</h3>
<p>报告保存为 .zwgk 文件，可以复制到U盘或用邮件发送。停止输入几秒后，程序会自动保存一份恢复副本；
如果电脑意外关机，下次启动时会提示恢复。所有数据只保存在本机。</p>
"""


def parts_with_errors(doc: ReportDocument, findings: list[Finding]) -> dict[str, int]:
    """How many errors concern each part (s1…s6) of the report: by the cells a finding names, else its section."""
    counts: dict[str, int] = {}
    cells = doc.format.cells
    for f in findings:
        if f.severity != "error":
            continue
        parts = {cells[c].table for c in f.cells if c in cells} or ({f.section} if f.section else set())
        for part in parts:
            counts[part] = counts.get(part, 0) + 1
    return counts


class MainWindow(QMainWindow):
    documentChanged = Signal(object)  # ReportDocument: another report is shown (features that follow it connect)

    def __init__(self, settings: Settings, recovery: RecoveryStore, lock_dir: Path | None = None,
                 autosave_ms: int = INTERVAL_MS, features: Sequence[Feature] = ()) -> None:
        """features: what the entry point (ui/main.py) plugs in (export and print, next year and import, ledger);
        each puts its commands into the window's named places."""
        super().__init__()
        self.settings = settings
        self.recovery = recovery
        self.lock_dir = lock_dir
        self.lock: DocumentLock | None = None
        self.doc: ReportDocument | None = None
        # Tabs are built when first shown: the window is usable sooner, and most sessions never open every tab.
        self.keys: list[str] = []  # the tabs, in order: "info", "s1" … "s6"
        self.pages: dict[str, QWidget] = {}  # the pages built so far
        self._slots: dict[str, QWidget] = {}  # the tab widgets that receive a page when it is built
        self._switching = False
        self._closed = False
        self._status_step = -1  # the undo index when the status bar's message was shown
        self.frame_fit = screen_fit.FrameFit(self)
        self._shown_once = False
        # The report a window starts with is checked right after the window's first paint: the report is on the
        # screen sooner, its findings follow a moment later (benchmarks/bench_gui.py, startup_vs_floor).
        self.findings_pending = False
        self._painted = False
        self._panel_was_visible = True
        self.undo_group = QUndoGroup(self)
        self.autosaver = Autosaver(recovery, autosave_ms, self)
        self.autosaver.failed.connect(self.show_status)
        self.setMinimumSize(QSize(900, 560))

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.setUsesScrollButtons(True)
        self.central = QStackedWidget(self)  # the report's tabs, or the start page before a report is chosen
        self.central.addWidget(self.tabs)
        self.setCentralWidget(self.central)
        self.start_page: QWidget | None = None  # ui.window.start_page.StartPage, loaded on a first start only
        self.tabs.currentChanged.connect(self._tab_changed)
        self.check_panel = CheckPanel(self)
        self.check_panel.findingActivated.connect(self.jump_to)
        self.check_panel.passed_source = self._passed_checks
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.check_panel)
        self.counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.counts)

        self._named: dict[str, QAction] = {}
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        for feature in features:
            feature(self)
        self._restore_geometry()
        QGuiApplication.instance().applicationStateChanged.connect(self._application_state_changed)

    # -- actions, menus, toolbar --------------------------------------------------------------------------------
    def make_action(self, text: str, slot, shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                    icon: QStyle.StandardPixmap | None = None, tip: str = "", name: str = "") -> QAction:
        """A menu/toolbar command (also used by the features for theirs); name makes it a named_action."""
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.act_new = self.make_action("新建(&N)", self.new_report, "Ctrl+N", sp.SP_FileIcon, "新建一份空白报告")
        self.act_open = self.make_action("打开(&O)…", self.open_file, "Ctrl+O", sp.SP_DialogOpenButton, "打开报告文件")
        self.act_save = self.make_action("保存(&S)", self.save, "Ctrl+S", sp.SP_DialogSaveButton, "保存报告")
        self.act_save_as = self.make_action("另存为(&A)…", self.save_as, "Ctrl+Shift+S", tip="把报告保存为另一个文件")
        self.act_quit = self.make_action("退出(&X)", self.close, "Ctrl+Q", tip="关闭窗口")

        # Fixed labels: the step goes into the tooltip, so the toolbar's buttons never change width or place.
        self.act_undo = self.make_action("撤销(&U)", self.undo, "Ctrl+Z", sp.SP_ArrowBack)
        self.act_redo = self.make_action("重做(&R)", self.redo, "Ctrl+Y", sp.SP_ArrowForward)
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.undo_group.canUndoChanged.connect(self.act_undo.setEnabled)
        self.undo_group.canRedoChanged.connect(self.act_redo.setEnabled)
        self.undo_group.undoTextChanged.connect(self._undo_text_changed)
        self.undo_group.redoTextChanged.connect(self._redo_text_changed)
        for action, tip in ((self.act_undo, self._undo_text_changed), (self.act_redo, self._redo_text_changed)):
            action.setEnabled(False)
            tip("")
        # The clipboard commands belong to whichever widget has the focus (grid, text, field), which handles the
        # keys itself. The menu shows the shortcut; WidgetShortcut keeps the action from stealing the key press.
        self.act_cut = self.make_action("剪切(&T)", lambda: self._edit("cut"), "Ctrl+X", tip="剪切选中的单元格或文字")
        self.act_copy = self.make_action("复制(&C)", lambda: self._edit("copy"), "Ctrl+C", tip="复制选中的单元格或文字")
        self.act_paste = self.make_action("粘贴(&V)", lambda: self._edit("paste"), "Ctrl+V", tip="粘贴到当前位置")
        self.act_select_all = self.make_action("全选(&A)", lambda: self._edit("select_all"), "Ctrl+A",
                                               tip="选中本表格所有可填写的单元格，或全部文字")
        for action in (self.act_cut, self.act_copy, self.act_paste, self.act_select_all):
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.act_next_part = self.make_action("转到下一部分", lambda: self.step_page(1), "Ctrl+PgDown",
                                              tip="切换到下一个标签页")
        self.act_next_part.setShortcuts([QKeySequence("Ctrl+PgDown"), QKeySequence("Ctrl+Tab")])
        self.act_prev_part = self.make_action("转到上一部分", lambda: self.step_page(-1), "Ctrl+PgUp",
                                              tip="切换到上一个标签页")
        self.act_prev_part.setShortcuts([QKeySequence("Ctrl+PgUp"), QKeySequence("Ctrl+Shift+Tab")])
        self.act_check = self.make_action("运行检查", self.run_check, "F5", sp.SP_BrowserReload, "检查整份报告")
        self.act_manual = self.make_action("使用说明", self.show_manual, "F1", sp.SP_DialogHelpButton)
        self.act_about = self.make_action(f"关于{APP_NAME}", self.show_about)

    def _build_menus(self) -> None:
        """The menus as named sections (ui/window/places.py); features fill theirs through add_menu_item."""
        bar = self.menuBar()
        self.menus = {menu: bar.addMenu(menu.value) for menu in Menu}
        self._section_ends: dict[Section, QAction] = {}
        for section in Section:
            # An invisible end marker per section: items go in before it, a separator after it. Qt hides the
            # separators of empty sections (QMenu collapses repeated separators).
            menu = self.menus[section.menu]
            end = QAction(self)
            end.setVisible(False)
            menu.addAction(end)
            menu.addSeparator()
            self._section_ends[section] = end
        self.add_menu_items(Section.FILE_NEW, [self.act_new, self.act_open])
        self.recent_menu = QMenu("最近打开的文件", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.add_menu_items(Section.FILE_NEW, [self.recent_menu.menuAction()])
        self.add_menu_items(Section.FILE_SAVE, [self.act_save, self.act_save_as])
        self.add_menu_items(Section.FILE_QUIT, [self.act_quit])
        self.add_menu_items(Section.EDIT_UNDO, [self.act_undo, self.act_redo])
        self.add_menu_items(Section.EDIT_CLIPBOARD, [self.act_cut, self.act_copy, self.act_paste, self.act_select_all])
        self.add_menu_items(Section.EDIT_NAVIGATE, [self.act_next_part, self.act_prev_part])
        self.add_menu_items(Section.CHECK_RUN, [self.act_check])
        panel = self.check_panel.toggleViewAction()
        panel.setText("显示检查结果面板")
        self.add_menu_items(Section.CHECK_PANEL, [panel])
        self.add_menu_items(Section.HELP_MANUAL, [self.act_manual])
        self.add_menu_items(Section.HELP_ABOUT, [self.act_about])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("工具栏", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(20, 20))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar = toolbar
        self._group_ends: dict[ToolbarGroup, QAction] = {}
        for group in ToolbarGroup:
            self._group_ends[group] = toolbar.addSeparator()
        self.add_toolbar_items(ToolbarGroup.FILE, [self.act_new, self.act_open, self.act_save])
        self.add_toolbar_items(ToolbarGroup.UNDO, [self.act_undo, self.act_redo])
        self.add_toolbar_items(ToolbarGroup.CHECK, [self.act_check])
        self.addToolBar(toolbar)

    # -- the named places features use -------------------------------------------------------------------------
    def add_menu_items(self, section: Section, actions: list[QAction]) -> None:
        """Append actions to a menu section. An action with an objectName can be found again by named_action."""
        self.menus[section.menu].insertActions(self._section_ends[section], actions)
        self._name(actions)

    def add_toolbar_items(self, group: ToolbarGroup, actions: list[QAction]) -> None:
        self.toolbar.insertActions(self._group_ends[group], actions)
        self._name(actions)

    def _name(self, actions: list[QAction]) -> None:
        for action in actions:
            if action.objectName():
                self._named[action.objectName()] = action

    def named_action(self, name: str) -> QAction:
        """A feature's command by its name (“export.docx”, “yearly.import” …): for other features and tests."""
        return self._named[name]

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.settings.recent_files()
        if not files:
            self.recent_menu.addAction("（没有）").setEnabled(False)
            return
        for i, name in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{i} {name}")
            action.triggered.connect(lambda _checked=False, n=name: self.open_recent(n))

    def _restore_geometry(self) -> None:
        """The saved size, place and maximised state; the first time, the largest comfortable size that fits. Either
        way the frame is fitted into the screen it opens on once the window manager has framed it (FrameFit)."""
        geometry = self.settings.get(GEOMETRY)
        if geometry.isEmpty() or not self.restoreGeometry(geometry):
            self.move(screen_fit.available(self).topLeft())
            screen_fit.fit_window(self, FIRST_SIZE)
        state = self.settings.get(WINDOW_STATE)
        if state.isEmpty() or not self.restoreState(state):
            # The tables need the height on a 768-pixel screen: the panel starts as a strip of a few lines.
            self.resizeDocks([self.check_panel], [130], Qt.Orientation.Vertical)

    # -- the document ---------------------------------------------------------------------------------------------
    @property
    def frame_fitted(self) -> bool:
        """The window's frame has been fitted into its screen (or needs no fitting on this platform)."""
        return not self.frame_fit.pending

    @property
    def display_name(self) -> str:
        return self.doc.path.name if self.doc is not None and self.doc.path else UNTITLED

    def set_document(self, doc: ReportDocument) -> None:
        """Show a document in this window, replacing (and dropping) the previous one."""
        old = self.doc
        self.doc = doc
        doc.setParent(self)
        self.undo_group.addStack(doc.undo_stack)
        self.undo_group.setActiveStack(doc.undo_stack)
        current = self.tabs.currentIndex()
        self._switching = True
        try:
            self.tabs.clear()
            for slot in self._slots.values():
                slot.deleteLater()
            self.pages, self._slots = {}, {}
            self.keys = [INFO_KEY, *(section.key for section in doc.format.sections)]
            for key in self.keys:
                slot = QWidget()
                QVBoxLayout(slot).setContentsMargins(0, 0, 0, 0)
                self._slots[key] = slot
                self.tabs.addTab(slot, "")
        finally:
            self._switching = False
        self.tabs.setCurrentIndex(max(current, 0))
        self._focus_page(self.page(self.keys[self.tabs.currentIndex()]))
        # A format change needs no handler here: the document rechecks right after it, and the tab titles and
        # marks follow the findings (the sections' keys are the same in every format).
        doc.findingsChanged.connect(self._findings_changed)
        doc.undo_stack.cleanChanged.connect(self._clean_changed)
        doc.undo_stack.indexChanged.connect(self._state_changed)
        doc.pathChanged.connect(self._update_title)
        doc.metadataChanged.connect(self._remember_agency)
        self.autosaver.watch(doc)
        self._update_title()
        self.setWindowModified(not doc.undo_stack.isClean())
        if self._shown_once or old is not None:
            self._findings_changed(doc.findings)
        else:  # the window's first report, before its first paint
            self.findings_pending = True
            self.check_panel.show_checking()
        self.documentChanged.emit(doc)
        if old is not None:
            self.undo_group.removeStack(old.undo_stack)
            old.deleteLater()
        self._leave_start()

    # -- the start page ------------------------------------------------------------------------------------------------
    def show_start(self) -> None:
        """The start page over the (blank) document: it goes when a report is chosen, opened or first edited."""
        if self.start_page is None:
            from ui.window.start_page import StartPage, window_starts  # noqa: PLC0415 - first starts only

            self.start_page = StartPage(window_starts(self, SAMPLE_REPORT), self.settings.recent_files(),
                                        self.settings.get(REOPEN_LAST))
            self.start_page.recentChosen.connect(self.open_recent)
            self.start_page.reopenChanged.connect(self._remember_reopen)
            self.central.addWidget(self.start_page)
        self.central.setCurrentWidget(self.start_page)
        self._panel_was_visible = self.check_panel.isVisibleTo(self)
        self.check_panel.hide()  # a blank report's findings are not what a newcomer should read first
        self.counts.hide()
        self.doc.undo_stack.indexChanged.connect(self._leave_start)
        self.doc.pathChanged.connect(self._leave_start)
        self.start_page.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_start_page(self) -> bool:
        return self.start_page is not None and self.central.currentWidget() is self.start_page

    def _leave_start(self) -> None:
        if self.start_page is None:
            return
        page, self.start_page = self.start_page, None
        self.central.setCurrentWidget(self.tabs)
        self.central.removeWidget(page)
        page.deleteLater()
        if self._panel_was_visible:
            self.check_panel.show()
        self.counts.show()
        if self.doc is not None and self.keys:
            self._focus_page(self.page(self.current_key()))

    def _remember_reopen(self, on: bool) -> None:
        self.settings.set(REOPEN_LAST, on)

    def open_example(self, sample: Path) -> bool:
        """The bundled example as a new, unsaved report: looking and trying out change no file."""
        if not self.maybe_save():
            return False
        try:
            report = storage.load(sample)
        except storage.StorageError as exc:
            dialogs.error(self, str(exc), "无法打开示例")
            return False
        self._release_lock()
        self.set_document(ReportDocument(report))
        self.tabs.setCurrentIndex(0)
        self.show_status(f"这是示例报告（{report.title}），可以随意修改试用；要保存请用“另存为”。")
        return True

    def page(self, key: str) -> QWidget:
        """The page of one part of the report, built on first use."""
        if key not in self.pages:
            self.pages[key] = page = self._build_page(key)
            self._slots[key].layout().addWidget(page)
        return self.pages[key]

    def _build_page(self, key: str) -> QWidget:
        if key == INFO_KEY:
            info = InfoTab(self.doc)
            info.statusMessage.connect(self.show_status)
            return info
        if self.doc.format.section(key).kind == "text":
            return TextTab(self.doc, key)
        from ui.editor.grid import TableWidget  # noqa: PLC0415 - the grid module loads with the first table shown

        table = TableWidget(self.doc, key)
        table.statusMessage.connect(self.show_status)
        return table

    def show_page(self, key: str) -> QWidget:
        self.tabs.setCurrentIndex(self.keys.index(key))
        return self.page(key)

    def current_key(self) -> str:
        return self.keys[self.tabs.currentIndex()]

    def step_page(self, step: int) -> None:
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % len(self.keys))

    def _tab_changed(self, index: int) -> None:
        if self._switching or not 0 <= index < len(self.keys):
            return
        self._focus_page(self.page(self.keys[index]))

    def _focus_page(self, page: QWidget) -> None:
        """Into the page, so the keyboard goes on where the eyes are (a jump to a cell refines this afterwards)."""
        if isinstance(page, InfoTab):
            page.focus_first()
        elif isinstance(page, TextTab):
            page.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            page.view().setFocus(Qt.FocusReason.OtherFocusReason)

    # Bound methods, not lambdas: Qt drops these connections when the window goes, a lambda would outlive it.
    def show_status(self, message: str) -> None:
        """A message about the report's current state ("" takes it away): it stays until the state changes (the
        next edit, undo or redo), or 10 seconds."""
        if not message:
            self.statusBar().clearMessage()
            return
        self._status_step = self.doc.undo_stack.index() if self.doc is not None else -1
        self.statusBar().showMessage(message, 10_000)

    def _state_changed(self, index: int) -> None:
        if index != self._status_step:
            self.statusBar().clearMessage()  # what it described (a refusal, a format switch …) has changed

    def _clean_changed(self, clean: bool) -> None:
        self.setWindowModified(not clean)

    def _update_title(self) -> None:
        # Qt adds the program's name (QApplication.applicationDisplayName) to the title the frame shows: “某镇2021年报
        # .zwgk* — 政务公开年报助手” on Windows and Linux alike; naming it here too would show it twice.
        self.setWindowTitle(f"{self.display_name}[*]")

    def _remember_agency(self, field: str) -> None:
        if field == "agency" and self.doc.report.agency:
            self.settings.set(LAST_AGENCY, self.doc.report.agency)
        elif field == "agency_type":
            self.settings.set(LAST_AGENCY_TYPE, self.doc.report.agency_type)

    def _show_pending_findings(self) -> None:
        if self.findings_pending and self.doc is not None:
            self._findings_changed(self.doc.findings)

    def _passed_checks(self) -> list:
        from app.rules import check_traced  # noqa: PLC0415 - loaded by the first check (ui/shared/document.py)

        return check_traced(self.doc.report)[1] if self.doc else []

    def _findings_changed(self, findings: list[Finding]) -> None:
        from app.rules import summary  # noqa: PLC0415 - loaded by the check that made the findings

        self.findings_pending = False
        self.check_panel.show_findings(findings)
        errors = parts_with_errors(self.doc, findings)
        bar = self.tabs.tabBar()
        for i, key in enumerate(self.keys):
            title = INFO_TITLE if key == INFO_KEY else self.doc.format.section(key).heading
            n = errors.get(key, 0)
            old = bar.tabText(i)
            if old != title + (ERROR_MARK if n else ""):
                self.tabs.setTabText(i, title + (ERROR_MARK if n else ""))
            # Every edit rechecks: only a mark that comes or goes changes the icon and colour (a new tab has none).
            if old.endswith(ERROR_MARK) != bool(n):
                self.tabs.setTabIcon(i, severity_icon(self, "error") if n else QIcon())
                bar.setTabTextColor(i, QColor(Qt.GlobalColor.darkRed) if n else QColor())  # invalid = the default
            self.tabs.setTabToolTip(i, f"本部分有 {n} 个错误" if n else "")
        counts = summary(findings)
        self.counts.setText(f"<span style='color:#c62828'>错误 {counts['error']}</span>　"
                            f"<span style='color:#b26a00'>警告 {counts['warning']}</span>")

    def new_document(self) -> ReportDocument:
        """A new report, pre-filled with the agency remembered from last time, for last year."""
        try:
            agency_type = agency_type_key(self.settings.get(LAST_AGENCY_TYPE))
        except ValueError:
            agency_type = "township"
        report = Report.new(time.localtime().tm_year - 1, agency=self.settings.get(LAST_AGENCY), agency_type=agency_type)
        return ReportDocument(report)

    def _take_lock(self, path: Path) -> bool:
        """Lock a file for this window; if another window has it, ask. False = the user chose not to open it."""
        if self.lock is not None and self.lock.path == path.resolve():
            return True
        lock = DocumentLock(path, self.lock_dir)
        if not lock.acquire():
            if not dialogs.ask_open_locked(self, path, lock.owner()):
                return False
            lock = None
        self._release_lock()
        self.lock = lock
        return True

    def _release_lock(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    # -- file commands --------------------------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """Before the document goes away: True when it is safe to drop it (saved, discarded or unmodified)."""
        if self.doc is None or self.doc.undo_stack.isClean():
            return True
        choice = dialogs.ask_save_changes(self, self.display_name)
        if choice == "save":
            return self.save()
        return choice == "discard"

    def show_new_report(self, report: Report) -> None:
        """A report the program made (imported, next year's draft, 汇总) and not saved yet: modified, so closing the
        window asks to save it."""
        self._release_lock()
        doc = ReportDocument(report)
        self.set_document(doc)
        doc.undo_stack.resetClean()
        self.tabs.setCurrentIndex(0)

    def new_report(self) -> bool:
        if not self.maybe_save():
            return False
        self._release_lock()
        self.set_document(self.new_document())
        self.tabs.setCurrentIndex(0)
        return True

    def open_file(self, path: Path | None = None) -> bool:
        if path is None:
            path = dialogs.ask_open_path(self, self.settings.get(LAST_DIRECTORY))
            if path is None:
                return False
        path = Path(path)
        if self.doc is not None and self.doc.path is not None and self.doc.path.resolve() == path.resolve():
            return True  # already shown here
        try:
            report, stamp = storage.load_stamped(path)
        except storage.StorageError as exc:
            dialogs.error(self, str(exc), "无法打开")
            return False
        if not self.maybe_save() or not self._take_lock(path):
            return False
        doc = ReportDocument(report, path)
        doc.stamp = stamp
        self.set_document(doc)
        self.settings.add_recent(path)
        self.statusBar().showMessage(f"已打开 {path}{self._links_note(stamp)}", 10_000 if stamp.links > 1 else 5000)
        return True

    @staticmethod
    def _links_note(stamp: storage.FileStamp | None) -> str:
        if stamp is None or stamp.links <= 1:
            return ""
        return (f"。注意：此文件有 {stamp.links} 个名字（硬链接），保存后只有这个名字是新内容，"
                "其他名字仍是保存前的内容")

    def open_recent(self, name: str) -> bool:
        if not Path(name).is_file():
            dialogs.error(self, f"找不到文件“{name}”，它可能已被移动或删除。已从最近打开的文件中移除。", "无法打开")
            self.settings.remove_recent(name)
            return False
        return self.open_file(Path(name))

    def save(self) -> bool:
        if self.doc.path is None:
            return self.save_as()
        return self._write(self.doc.path, self.doc.stamp)

    def save_as(self) -> bool:
        folder = Path(self.settings.get(LAST_DIRECTORY) or Path.home())
        suggested = self.doc.path or folder / f"{self.doc.report.title}{storage.SUFFIX}"
        path = dialogs.ask_save_path(self, suggested)
        if path is None:
            return False
        same = self.doc.path is not None and path.resolve() == self.doc.path.resolve()
        return self._write(path, self.doc.stamp if same else None)

    def _move_to(self, path: Path) -> None:
        """The document now belongs to `path` (save-as, or a save kept beside a file that could not be replaced)."""
        if self.lock is None or self.lock.path != path.resolve():
            lock = DocumentLock(path, self.lock_dir)
            self._release_lock()
            self.lock = lock if lock.acquire() else None
        else:
            self.lock.refresh()  # the save wrote a new file: its id is what another name would lead to
        self.doc.set_path(path)

    def _write(self, path: Path, expect: storage.FileStamp | None) -> bool:
        """Save; on failure say why in Chinese and keep everything in the window (and in the recovery copy).
        `expect`: the version of the file this document holds; a file saved elsewhere since is not overwritten
        unasked."""
        try:
            stamp = storage.save(self.doc.report, path, expect=expect)
        except storage.ChangedOnDisk as exc:
            choice = dialogs.ask_overwrite_changed(self, exc.message_for("window"))
            if choice == "overwrite":
                return self._write(path, storage.FileStamp.of(path))
            if choice == "save_as":
                return self.save_as()
            return False
        except storage.WrittenElsewhere as exc:
            self._move_to(exc.written)
            self._saved(exc.written, storage.FileStamp.of(exc.written) or storage.FileStamp.unknown())
            dialogs.info(self, exc.message_for("window"), "已另存")
            return True
        except storage.StorageError as exc:
            self.autosaver.save_now()
            dialogs.error(self, exc.message_for("window"), "保存失败")
            return False
        self._move_to(path)
        self._saved(path, stamp, self._links_note(expect))  # a save by rename leaves the other names behind
        return True

    def _saved(self, path: Path, stamp: storage.FileStamp, note: str = "") -> None:
        self.doc.stamp = stamp
        self.doc.undo_stack.setClean()
        self.settings.add_recent(path)
        self.statusBar().showMessage(f"已保存到 {path}{note}", 10_000 if note else 5000)

    # -- edit and check ---------------------------------------------------------------------------------------------
    def _focused_table(self) -> tuple[QWidget | None, QWidget | None]:
        """The focus widget, and the table page it is in (if any)."""
        from ui.editor.grid import TableWidget  # noqa: PLC0415 - loaded already once a table has been shown

        widget = QApplication.focusWidget()
        node = widget
        while node is not None and not isinstance(node, TableWidget):
            node = node.parentWidget()
        return widget, node

    def _edit(self, command: str) -> None:
        """剪切/复制/粘贴/全选 from the menu, for the focused grid (its block) or text field."""
        widget, table = self._focused_table()
        if table is not None:
            getattr(table, command)()
            return
        method = getattr(widget, "selectAll" if command == "select_all" else command, None)
        if callable(method):
            method()

    # -- undo and redo: show what they change ----------------------------------------------------------------------
    def _undo_text_changed(self, text: str) -> None:
        self.act_undo.setToolTip(f"撤销：{text}（Ctrl+Z）" if text else "没有可撤销的操作")

    def _redo_text_changed(self, text: str) -> None:
        self.act_redo.setToolTip(f"重做：{text}（Ctrl+Y）" if text else "没有可重做的操作")

    def undo(self) -> None:
        stack = self.undo_group.activeStack()
        if stack is None or not stack.canUndo():
            return
        command = stack.command(stack.index() - 1)
        stack.undo()
        self.reveal(command, f"已撤销：{command.text()}")

    def redo(self) -> None:
        stack = self.undo_group.activeStack()
        if stack is None or not stack.canRedo():
            return
        command = stack.command(stack.index())
        stack.redo()
        self.reveal(command, f"已重做：{command.text()}")

    def reveal(self, command: object, message: str) -> None:
        """Switch to the part an undo or redo changed and select it: a Ctrl+Z on tab 三 that reverts text on tab 一
        shows tab 一 with the caret where the text changed."""
        place = command.place() if hasattr(command, "place") else None
        if isinstance(place, Place) and place.part:
            key = INFO_KEY if place.part == "intro" else place.part
            if key in self.keys:
                page = self.show_page(key)
                if isinstance(page, InfoTab):
                    page.show_change(place)
                elif isinstance(page, TextTab):
                    page.editor.show_position(place.offset)
                elif place.cells:
                    page.select_cells(list(place.cells))
        self.show_status(message)

    def run_check(self) -> None:
        from app.rules import summary  # noqa: PLC0415 - loaded by the check

        self.doc.recheck()
        self.check_panel.show()
        self.check_panel.raise_()
        counts = summary(self.doc.findings)
        self.statusBar().showMessage(
            f"检查完成：错误 {counts['error']} 个，警告 {counts['warning']} 个，提示 {counts['info']} 个。", 8000)

    def jump_to(self, finding: Finding) -> None:
        """Show the part and the first cell a finding is about."""
        cells = [c for c in finding.cells if c in self.doc.format.cells]
        key = self.doc.format.cells[cells[0]].table if cells else finding.section
        if key not in self.keys:
            return
        page = self.show_page(key)
        if isinstance(page, TextTab):
            page.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        elif cells and key != INFO_KEY:
            page.focus_cell(cells[0])
        self.statusBar().showMessage(finding.message, 10_000)

    # -- help ----------------------------------------------------------------------------------------------------------
    def show_manual(self) -> None:
        dialogs.show_manual(self, MANUAL_HTML)

    def show_about(self) -> None:
        dialogs.about(self, self.windowIcon())

    # -- recovery ------------------------------------------------------------------------------------------------------
    def is_pristine(self) -> bool:
        return self.doc is not None and self.doc.path is None and self.doc.undo_stack.count() == 0

    def shows_unmodified(self, path: Path) -> bool:
        """This window has `path` open without edits: a recovery copy of that file belongs here."""
        return (self.doc is not None and self.doc.path is not None and self.doc.undo_stack.isClean()
                and self.doc.path.resolve() == path.resolve())

    def restore(self, entry: RecoveryEntry) -> bool:
        """Show a recovery copy's report in this window, modified (it holds edits the file does not)."""
        try:
            report = entry.load()
        except storage.StorageError as exc:
            dialogs.error(self, f"恢复副本无法读取：{exc}", "无法恢复")
            return False
        original = Path(entry.original) if entry.original else None
        if original is not None and not self._take_lock(original):
            return False
        doc = ReportDocument(report, original)
        # the version the edits started from: a save made since (by someone else) is then noticed, not overwritten
        doc.stamp = entry.stamp if entry.stamp is not None else storage.FileStamp.of(original) if original else None
        doc.undo_stack.resetClean()
        self.set_document(doc)
        self.autosaver.save_now()  # our own copy first, then the old one can go
        entry.discard()
        self.statusBar().showMessage("已恢复上次未保存的修改。请检查后保存。", 10_000)
        return True

    # -- window events -------------------------------------------------------------------------------------------------
    def _application_state_changed(self, state: Qt.ApplicationState) -> None:
        if state != Qt.ApplicationState.ApplicationActive:
            self.autosaver.save_now()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        startup.resume()  # the program has started: the garbage collector's usual pace (ui/startup.py)
        if not self._shown_once:
            self._shown_once = True
            self.frame_fit.start()  # the frame into the screen, again once the window manager has framed it

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self._after_first_paint)  # after this paint, not before it

    def _after_first_paint(self) -> None:
        """What the window's first paint need not wait for: the dialogs' fit to the screen (an event filter on every
        event) and the check of the report it started with."""
        screen_fit.install(QApplication.instance())
        self._show_pending_findings()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ActivationChange and not self.isActiveWindow():
            self.autosaver.save_now()  # focus went to another window
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.set(GEOMETRY, self.saveGeometry())
        self.settings.set(WINDOW_STATE, self.saveState())
        self.settings.sync()
        self.autosaver.stop()
        self._release_lock()
        if not self._closed:
            QGuiApplication.instance().applicationStateChanged.disconnect(self._application_state_changed)
            self._closed = True
        event.accept()
