"""edit_ms: one matrix edit to repainted markers — doc.set_cell (model update, every check, dataChanged for the
changed values and markers) plus a synchronous repaint of the Section 三 grid's viewport. Median of many edits that
alternately break and restore rule R1, so markers appear and disappear on every edit (the expensive case).
The repaint paints every visible cell through the view as the program does: figures, fills, marker frames and grid
lines afresh each time, the row labels (fixed text) from the pixmaps their first paint made (ui/editor/grid_labels.py).
How the figure was brought down, with the figures: docs/editing.md."""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SAMPLE = Path(__file__).resolve().parent.parent / "resources" / "examples" / "jindian-2021.zwgk"
EDITS = 300
CELL = "s3.new.natural"


def run() -> list[tuple[str, float, str]]:

    from app import storage
    from ui.editor.grid import TableWidget
    from ui.shared.document import ReportDocument
    from ui.window.application import setup_application

    app = setup_application()  # as the program runs: its translators and its application-wide dialog filter
    doc = ReportDocument(storage.load(SAMPLE))
    widget = TableWidget(doc, "s3")
    widget.resize(1300, 650)
    widget.show()
    app.processEvents()
    viewport = widget.view().viewport()
    base = doc.report.values[CELL] or 0
    full, dirty = [], []
    for i in range(EDITS):
        start = time.perf_counter()
        doc.set_cell(CELL, base + 1 + i % 2 if i % 3 else base)
        if i % 2:
            viewport.repaint()  # the whole visible grid, as the figure asks
            full.append(time.perf_counter() - start)
        else:
            app.processEvents()  # what the event loop does: repaint only the cells that changed
            dirty.append(time.perf_counter() - start)
    widget.close()
    widget.deleteLater()
    app.processEvents()
    return [("edit_ms", statistics.median(full) * 1000, "ms"),
            ("edit_ms_dirty_region", statistics.median(dirty) * 1000, "ms")]
