"""Where the cells of one block of an official table sit on a screen grid, and how a cursor and a pasted block move
over it. Plain arithmetic, no Qt: the grid view (ui/editor) asks it and tests check it without a window.

A block (Section 三's one table, one of Section 二's small tables, Section 四) is shown as rows: a data row per leaf
row of the format, a group row per heading (三、本年度办理结果, （三）不予公开) spanning the width; an optional label column,
then one column per leaf column. Positions are (row, column) on that grid.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from app.report.formats import Block

Pos = tuple[int, int]
IsInput = Callable[[str], bool]  # cell id -> may a person type into it (a computed total may not)


class Move(Enum):
    LEFT = "left"
    RIGHT = "right"
    UP = "up"
    DOWN = "down"
    NEXT = "next"  # Tab: right, then on to the first input cell of the next row
    PREVIOUS = "previous"  # Shift+Tab
    HOME = "home"  # the row's first input cell
    END = "end"  # the row's last input cell


@dataclass(frozen=True)
class GridRow:
    """One visual row: a data row of the block (leaf) or a group label row (三、本年度办理结果, （三）不予公开)."""

    label: str
    depth: int
    leaf: int | None  # index into block.leaf_rows; None for a group row


def grid_rows(block: Block) -> list[GridRow]:
    rows: list[GridRow] = []
    leaf = 0

    def walk(node: Any, depth: int) -> None:
        nonlocal leaf
        if node.is_leaf:
            rows.append(GridRow(node.label, depth, leaf))
            leaf += 1
            return
        rows.append(GridRow(node.label, depth, None))
        for child in node.children:
            walk(child, depth + 1)

    for row in block.rows:
        walk(row, 0)
    return rows


@dataclass(frozen=True)
class Placement:
    """Where a pasted block goes: (cell id, pasted text) per target, and how many pasted values found no cell."""

    targets: list[tuple[str, str]]
    dropped: int


class BlockGrid:
    """One block laid out as a grid: which cell id is at which position, and the moves a spreadsheet makes."""

    def __init__(self, block: Block) -> None:
        self.block = block
        self.rows = grid_rows(block)
        self.has_labels = bool(block.row_header) or any(r.label for r in self.rows)
        self.first_value_column = 1 if self.has_labels else 0
        self.row_count = len(self.rows)
        self.column_count = self.first_value_column + len(block.leaf_columns)
        self._cell_at: dict[Pos, str] = {}
        self._position: dict[str, Pos] = {}
        for r, row in enumerate(self.rows):
            if row.leaf is None:
                continue
            for c, cell_id in enumerate(block.cells[row.leaf]):
                pos = (r, c + self.first_value_column)
                self._cell_at[pos] = cell_id
                self._position[cell_id] = pos
        self.data_rows = [r for r, row in enumerate(self.rows) if row.leaf is not None]
        self.group_rows = [r for r, row in enumerate(self.rows) if row.leaf is None]

    def cell_at(self, pos: Pos) -> str | None:
        return self._cell_at.get(pos)

    def position(self, cell_id: str) -> Pos | None:
        return self._position.get(cell_id)

    def cell_ids(self) -> list[str]:
        """Every cell of the block in reading order (row by row)."""
        return list(self._position)

    # -- the cursor ------------------------------------------------------------------------------------------------
    def step(self, pos: Pos, move: Move, is_input: IsInput) -> Pos | None:
        """Where a key sends the cursor from pos: the nearest input cell in that direction, skipping labels, group
        rows and computed totals. None when there is none (the edge of the block: Section 二 goes on in the next)."""
        row, col = pos
        if move in (Move.LEFT, Move.RIGHT):
            return self._along_row(row, col, 1 if move == Move.RIGHT else -1, is_input)
        if move in (Move.UP, Move.DOWN):
            rows = self._rows_from(row, 1 if move == Move.DOWN else -1)
            return next(((r, col) for r in rows if self._is_input((r, col), is_input)), None)
        if move in (Move.HOME, Move.END):
            found = self._along_row(row, -1, 1, is_input) if move == Move.HOME else \
                self._along_row(row, self.column_count, -1, is_input)
            return found if found != pos else None
        step = 1 if move == Move.NEXT else -1
        found = self._along_row(row, col, step, is_input)
        if found is not None:
            return found
        for r in self._rows_from(row, step):
            found = self._along_row(r, -1 if step > 0 else self.column_count, step, is_input)
            if found is not None:
                return found
        return None

    def first_input(self, is_input: IsInput, last: bool = False) -> Pos | None:
        """The first (or last) input cell of the block, in reading order."""
        cells = [p for p in self._position.values() if is_input(self._cell_at[p])]
        return (cells[-1] if last else cells[0]) if cells else None

    def input_positions(self, is_input: IsInput) -> list[Pos]:
        return [p for cid, p in self._position.items() if is_input(cid)]

    def _along_row(self, row: int, col: int, step: int, is_input: IsInput) -> Pos | None:
        c = col + step
        while 0 <= c < self.column_count:
            if self._is_input((row, c), is_input):
                return row, c
            c += step
        return None

    def _rows_from(self, row: int, step: int) -> list[int]:
        return [r for r in self.data_rows if (r > row if step > 0 else r < row)][:: 1 if step > 0 else -1]

    def _is_input(self, pos: Pos, is_input: IsInput) -> bool:
        cell = self._cell_at.get(pos)
        return cell is not None and is_input(cell)

    # -- copy and paste ----------------------------------------------------------------------------------------------
    def rectangle(self, selected: Iterable[Pos]) -> list[list[str | None]]:
        """The cell ids of the rows and the column span of a selection, as Excel copies it (a gap stays a gap)."""
        cells = [p for p in selected if p in self._cell_at]
        if not cells:
            return []
        rows = sorted({r for r, _ in cells})
        first, last = min(c for _, c in cells), max(c for _, c in cells)
        return [[self._cell_at.get((r, c)) for c in range(first, last + 1)] for r in rows]

    def place(self, block: list[list[str]], start: Pos, selected: Iterable[Pos] = ()) -> Placement:
        """Where a pasted block of texts lands with its top left at start: row by row down the data rows (group rows
        are not part of a copied table, as in the printed one), column by column to the right. One value over a
        selection of several cells fills the selection, as in Excel."""
        selection = [p for p in selected if p in self._cell_at]
        if len(block) == 1 and len(block[0]) == 1 and len(selection) > 1:
            return Placement([(self._cell_at[p], block[0][0]) for p in selection], 0)
        if start not in self._cell_at:
            return Placement([], sum(len(line) for line in block))
        rows = self.data_rows[self.data_rows.index(start[0]):]
        targets: list[tuple[str, str]] = []
        for dr, line in enumerate(block):
            for dc, text in enumerate(line):
                cell = self._cell_at.get((rows[dr], start[1] + dc)) if dr < len(rows) else None
                if cell is not None:
                    targets.append((cell, text))
        return Placement(targets, sum(len(line) for line in block) - len(targets))
