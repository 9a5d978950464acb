"""Another program that owns the clipboard, as Excel or WPS does after Ctrl+C: run with the block's rows as JSON on
stdin; it puts them on the X clipboard as tab-separated text and an HTML table, prints “ready”, and serves the
clipboard until it is terminated."""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QMimeData
from PySide6.QtWidgets import QApplication


def main() -> int:
    rows = json.loads(sys.stdin.readline())
    app = QApplication(sys.argv[:1])
    mime = QMimeData()
    mime.setText("".join("\t".join(row) + "\r\n" for row in rows))
    cells = "".join("<tr>" + "".join(f'<td x:num="{v}">{v}</td>' for v in row) + "</tr>" for row in rows)
    mime.setHtml(f"<html><body><table>{cells}</table></body></html>")  # the shape Excel's HTML flavour has
    app.clipboard().setMimeData(mime)
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
