"""What every reader (docx, html, xlsx) turns its source into: paragraphs and table grids in document order.

A grid is the table as a person sees it on the page: merged cells are expanded, each position holding the merged
cell's text and the position of its top-left corner (`origin`), so two positions with the same origin are one cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_GRID_ROWS = 400
MAX_GRID_COLS = 60
MAX_SPAN = 100


class ImportFailure(Exception):
    """The source cannot be imported. The message is Chinese, names the file and says what to do."""


@dataclass(frozen=True)
class GridCell:
    text: str
    origin: tuple[int, int]
    filler: bool = False  # no source cell here: the row was shorter than the table (a span may have been lost)


@dataclass
class Grid:
    rows: list[list[GridCell]]
    name: str  # “第 2 个表格”, “工作表“第三部分””: where the user finds it

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class SourceDocument:
    kind: str  # "docx" | "html" | "xlsx"
    name: str  # the file name, for messages
    blocks: list[str | Grid] = field(default_factory=list)  # paragraphs (str) and tables, in order
    title: str = ""  # a title the container states (HTML <title>, document properties)
    emphasised: set[int] = field(default_factory=set)  # block indexes of heading-like paragraphs (title style, <h1>)
    values: dict[str, object] | None = None  # cell id → raw value, for sources that carry cell ids (our 数据 sheet)
    units: dict[str, str] = field(default_factory=dict)  # cell id → unit stated with the value (采购总金额)
    notes: list[str] = field(default_factory=list)  # what the reader left out and why (a sheet too big to be a report)

    @property
    def grids(self) -> list[Grid]:
        return [b for b in self.blocks if isinstance(b, Grid)]

    @property
    def paragraphs(self) -> list[str]:
        return [b for b in self.blocks if isinstance(b, str)]


class GridBuilder:
    """Lay out rows of (text, rowspan, colspan) the way HTML and Word do: a cell spanning rows occupies the
    positions below it, so later cells of those rows move right."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], GridCell] = {}
        self._row = -1

    def new_row(self) -> None:
        self._row += 1

    def add(self, text: str, rowspan: int = 1, colspan: int = 1, col: int | None = None) -> int:
        """Place a cell at the next free column of the current row (or at `col`); returns its column."""
        r = self._row
        if r < 0:
            self.new_row()
            r = 0
        c = 0 if col is None else col
        while col is None and (r, c) in self._cells:
            c += 1
        rowspan = max(1, min(rowspan, MAX_SPAN))
        colspan = max(1, min(colspan, MAX_SPAN))
        cell = GridCell(text, (r, c))
        for dr in range(rowspan):
            for dc in range(colspan):
                if r + dr < MAX_GRID_ROWS and c + dc < MAX_GRID_COLS:
                    self._cells.setdefault((r + dr, c + dc), cell)
        return c

    def continue_above(self, col: int, colspan: int = 1) -> None:
        """Word's vMerge="continue": the cell above (same columns) extends into this row."""
        r = self._row
        above = self._cells.get((r - 1, col))
        if above is None:
            self.add("", 1, colspan, col=col)
            return
        for dc in range(max(1, min(colspan, MAX_SPAN))):
            if col + dc < MAX_GRID_COLS:
                self._cells.setdefault((r, col + dc), self._cells.get((r - 1, col + dc), above))

    def cell_at(self, row: int, col: int) -> GridCell | None:
        return self._cells.get((row, col))

    def build(self, name: str) -> Grid:
        if not self._cells:
            return Grid([], name)
        height = min(max(r for r, _ in self._cells) + 1, self._row + 1)
        width = max(c for _, c in self._cells) + 1
        rows = []
        for r in range(height):
            rows.append([self._cells.get((r, c)) or GridCell("", (r, c), filler=True) for c in range(width)])
        return Grid(rows, name)
