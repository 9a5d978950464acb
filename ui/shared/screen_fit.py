"""Windows and dialogs that fit the screen they open on, frame and title bar included.

The clerk's screen is 1366 × 768 with a taskbar: about 1366 × 728 for windows, title bars included. A window sized
without its frame (QWidget.resize sets the inside) or a dialog that asks for 1000 pixels of height puts its title
bar or its buttons out of reach. Qt knows a window's frame only after the window manager has framed it; until then
a typical frame is assumed and corrected once the real one is known.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# A title bar and borders as Windows 10/11, UKUI (Kylin) and DDE (UOS) draw them at 100 % scale, before the window
# manager has said what its frame is.
FRAME_GUESS = QMargins(8, 32, 8, 8)
FRAMELESS_PLATFORMS = ("offscreen", "minimal")  # no window manager: no frame to wait for
FRAME_RETRY_MS, FRAME_TRIES = 50, 60  # how often and how long to look for the window manager's frame


def available(widget: QWidget) -> QRect:
    """Where windows may go on the widget's screen: the screen less its taskbar and panels."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(widget: QWidget) -> QMargins:
    """The window manager's frame around the widget's window, or FRAME_GUESS while it is not known yet."""
    handle = widget.windowHandle()
    return handle.frameMargins() if handle is not None and framed(widget) else FRAME_GUESS


def fitted_size(widget: QWidget, wanted: QSize) -> QSize:
    """wanted, made small enough that it fits the available area with the frame."""
    room = available(widget).size().shrunkBy(frame_margins(widget))
    return wanted.boundedTo(room)


def fit_window(widget: QWidget, wanted: QSize | None = None) -> bool:
    """Size (at most wanted, else the present size) and move a top-level widget so that its whole frame lies in
    the available area of its screen. True when anything changed."""
    area = available(widget)
    margins = frame_margins(widget)
    size = fitted_size(widget, wanted if wanted is not None else widget.size())
    frame = QRect(widget.pos(), size.grownBy(margins))
    x = min(max(frame.left(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.top(), area.top()), area.bottom() + 1 - frame.height())
    changed = size != widget.size() or (x, y) != (widget.x(), widget.y())
    if size != widget.size():
        widget.resize(size)
    if (x, y) != (widget.x(), widget.y()):
        widget.move(x, y)  # a top-level widget's position is its frame's
    return changed


def fits(widget: QWidget) -> bool:
    """Whether the widget's frame lies within the available area of its screen."""
    return available(widget).contains(widget.frameGeometry())


def framed(widget: QWidget) -> bool:
    """The window manager has framed the widget's window: Qt knows its title bar and borders."""
    handle = widget.windowHandle()
    return handle is not None and widget.isVisible() and not handle.frameMargins().isNull()


class FrameFit(QObject):
    """Fits one window into its screen when it is shown (with a typical frame), and again once the window manager
    has framed and placed it (the real frame; a place the manager chose). A child of the window it fits."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)  # the window is found as the parent: a reference here would keep it alive
        self.pending = False
        self._tries = 0

    def _window(self) -> QWidget:
        window = self.parent()
        assert isinstance(window, QWidget)
        return window

    def start(self) -> None:
        if QGuiApplication.platformName() in FRAMELESS_PLATFORMS:
            return  # no window manager (offscreen tests, benchmarks): sizes stay as the program set them
        fit_window(self._window())
        self.pending = True
        self._tries = 0
        QTimer.singleShot(0, self._again)

    def _again(self) -> None:
        window = self._window()
        if not self.pending or not window.isVisible():
            return
        if window.windowState() & (Qt.WindowState.WindowMaximized | Qt.WindowState.WindowFullScreen):
            self.pending = False  # the window manager sizes a maximised window to the screen itself
            return
        fit_window(window)
        if framed(window):
            self.pending = False
        elif self._tries < FRAME_TRIES:  # not framed yet: look again shortly
            self._tries += 1
            QTimer.singleShot(FRAME_RETRY_MS, self._again)


class DialogFit(QObject):
    """Keeps every dialog (the program's and Qt's own: file, print, page set-up, message boxes) inside the screen
    when it is shown, so that its buttons can be reached. Installed on the application once."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        # Show comes before the window is mapped: resizing here never shows the dialog at the wrong size.
        # inherits(), not isinstance(QDialog): importing QDialog's class at start-up costs more than it saves.
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget) and watched.isWindow()
                and watched.inherits("QDialog") and QGuiApplication.platformName() not in FRAMELESS_PLATFORMS):
            fit = watched.findChild(FrameFit, options=Qt.FindChildOption.FindDirectChildrenOnly)
            (fit or FrameFit(watched)).start()
        return False


def install(app: QGuiApplication) -> DialogFit:
    """The application's DialogFit, installed on first call.

    An application-wide event filter is called for every event of every object, and PySide builds a Python class
    for each kind of object it sees there (a list view's scroll bars, models, delegates …): installed before the
    first window was painted, that was about a tenth of the start-up's work (benchmarks/bench_gui.py,
    startup_vs_floor). A main window installs it after its first paint, dialogs.py before any question asked
    earlier."""
    fit = app.findChild(DialogFit, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if fit is None:
        fit = DialogFit(app)
        app.installEventFilter(fit)
    return fit
