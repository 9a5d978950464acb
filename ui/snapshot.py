"""`python -m ui.snapshot OUTDIR`: open the sample report offscreen at 1366 × 768 and save a PNG of every tab.

For the README and for looking at the GUI on a machine without a display. Uses throwaway settings and recovery
folders, so it never touches the user's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from app.resources import SAMPLE_REPORT

SAMPLE = SAMPLE_REPORT
SIZE = (1366, 768)  # the clerks' screens


def snapshot(outdir: Path, sample: Path = SAMPLE) -> list[Path]:
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - after QT_QPA_PLATFORM is set

    from ui.main import features  # noqa: PLC0415
    from ui.shared.settings import Settings  # noqa: PLC0415
    from ui.window.application import setup_application  # noqa: PLC0415
    from ui.window.autosave import RecoveryStore  # noqa: PLC0415
    from ui.window.main_window import INFO_KEY, MainWindow  # noqa: PLC0415

    setup_application()
    outdir.mkdir(parents=True, exist_ok=True)
    saved = []
    with tempfile.TemporaryDirectory(prefix="zwgk-snapshot-") as tmp:
        window = MainWindow(Settings.at(Path(tmp) / "settings.ini"), RecoveryStore(Path(tmp) / "recovery"),
                            lock_dir=Path(tmp) / "locks", features=features())
        if not window.open_file(sample):
            raise SystemExit(f"无法打开示例报告“{sample}”")
        window.resize(*SIZE)
        window.show()
        for i, key in enumerate(window.keys):
            window.show_page(key)
            for _ in range(3):  # a page built just now settles its layout over a few event-loop passes
                QApplication.processEvents()
            path = outdir / f"{i}-{'info' if key == INFO_KEY else key}.png"
            window.grab().save(str(path))
            saved.append(path)
        window.close()
    return saved


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("用法：python -m ui.snapshot 输出文件夹", file=sys.stderr)
        return 2
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for path in snapshot(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
