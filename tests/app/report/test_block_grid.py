"""Where cells sit on a block's grid and where keys and pasted blocks go: plain arithmetic, no window."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.report.block_grid import BlockGrid, Move, grid_rows
from app.report.formats import load_format
from app.report.model import Report

FMT = load_format("gov-2021")
S3 = BlockGrid(FMT.table("s3").blocks[0])
S4 = BlockGrid(FMT.table("s4").blocks[0])
AUTO = Report.new(2021)  # 自动合计 on: totals are computed, not input cells
MANUAL = Report.new(2021)
MANUAL.auto_total = False


def inputs(report: Report):
    return lambda cell_id: not report.is_computed(cell_id)


def at(grid: BlockGrid, cell_id: str) -> tuple[int, int]:
    pos = grid.position(cell_id)
    assert pos is not None
    return pos


def step(grid: BlockGrid, cell_id: str, move: Move, report: Report = AUTO) -> str | None:
    pos = grid.step(at(grid, cell_id), move, inputs(report))
    return grid.cell_at(pos) if pos else None


def test_section_three_layout_matches_the_printed_table():
    assert S3.first_value_column == 1 and S3.column_count == 8
    labels = [S3.rows[r].label for r in S3.group_rows]
    assert labels[0].startswith("三、") and len(labels) == 5
    assert S3.cell_at((0, 0)) is None  # the label column holds no cell
    assert S3.cell_at(at(S3, "s3.new.natural")) == "s3.new.natural"
    assert len(S3.cell_ids()) == len(S3.data_rows) * 7
    assert [r.leaf for r in grid_rows(S3.block) if r.leaf is not None] == list(range(len(S3.data_rows)))


@pytest.mark.parametrize(("start", "move", "end"), [
    ("s3.new.natural", Move.RIGHT, "s3.new.business"),
    ("s3.new.other", Move.RIGHT, None),  # 总计 is computed: the edge of what can be typed
    ("s3.new.natural", Move.LEFT, None),  # the label column is not a cell
    ("s3.carry_in.natural", Move.DOWN, "s3.granted.natural"),  # over the group row 三、本年度办理结果
    ("s3.partial.other", Move.DOWN, "s3.deny.1.other"),  # over （三）不予公开
    ("s3.other.3.business", Move.DOWN, "s3.carry_over.business"),  # over the computed （七）总计 row
    ("s3.carry_over.business", Move.DOWN, None),
    ("s3.new.business", Move.UP, None),
    ("s3.new.other", Move.NEXT, "s3.carry_in.natural"),  # Tab: on to the next row's first input cell
    ("s3.carry_in.natural", Move.PREVIOUS, "s3.new.other"),
    ("s3.other.3.other", Move.NEXT, "s3.carry_over.natural"),
    ("s3.carry_over.other", Move.NEXT, None),
    ("s3.new.total", Move.DOWN, None),  # a computed column has no input cell below
    ("s3.granted.research", Move.HOME, "s3.granted.natural"),
    ("s3.granted.research", Move.END, "s3.granted.other"),
    ("s3.granted.natural", Move.HOME, None),  # already there
])
def test_keys_skip_labels_group_rows_and_computed_totals(start, move, end):
    assert step(S3, start, move) == end


def test_with_auto_total_off_the_totals_are_input_cells():
    assert step(S3, "s3.new.other", Move.RIGHT, MANUAL) == "s3.new.total"
    assert step(S3, "s3.other.3.business", Move.DOWN, MANUAL) == "s3.total.business"
    assert step(S4, "s4.review.pending", Move.NEXT, MANUAL) == "s4.review.total"
    assert step(S4, "s4.review.pending", Move.NEXT) == "s4.suit_direct.upheld"  # Section 四 is one row


def test_first_and_last_input_cells():
    assert S3.cell_at(S3.first_input(inputs(AUTO))) == "s3.new.natural"
    assert S3.cell_at(S3.first_input(inputs(AUTO), last=True)) == "s3.carry_over.other"
    assert S3.first_input(lambda _cell: False) is None
    assert len(S3.input_positions(inputs(AUTO))) == len(S3.data_rows) * 6 - 6  # the （七）总计 row is computed


def test_a_block_lands_on_data_rows_skipping_group_rows():
    block = [["1", "2"], ["3", "4"], ["5", "6"]]
    placement = S3.place(block, at(S3, "s3.partial.natural"))
    assert placement.targets == [("s3.partial.natural", "1"), ("s3.partial.business", "2"),
                                 ("s3.deny.1.natural", "3"), ("s3.deny.1.business", "4"),
                                 ("s3.deny.2.natural", "5"), ("s3.deny.2.business", "6")]
    assert placement.dropped == 0


def test_a_block_larger_than_the_grid_says_how_much_was_left_out():
    block = [["1", "2", "3"], ["4", "5", "6"], ["7", "8", "9"]]
    placement = S3.place(block, at(S3, "s3.total.research"))  # two rows left below
    assert [cell for cell, _ in placement.targets] == ["s3.total.research", "s3.total.nonprofit", "s3.total.legal",
                                                       "s3.carry_over.research", "s3.carry_over.nonprofit",
                                                       "s3.carry_over.legal"]
    assert placement.dropped == 3
    right_edge = S3.place([["1", "2", "3"]], at(S3, "s3.new.other"))
    assert [c for c, _ in right_edge.targets] == ["s3.new.other", "s3.new.total"] and right_edge.dropped == 1


def test_one_value_over_a_selection_fills_it():
    selection = [at(S3, c) for c in ("s3.new.natural", "s3.new.business", "s3.carry_in.natural")]
    placement = S3.place([["0"]], selection[0], selection + [(0, 0)])  # a label in the selection is no cell
    assert placement.targets == [("s3.new.natural", "0"), ("s3.new.business", "0"), ("s3.carry_in.natural", "0")]


def test_copy_rectangle_keeps_gaps_as_excel_does():
    selected = [at(S3, "s3.new.natural"), at(S3, "s3.new.research"), at(S3, "s3.granted.business"), (2, 0)]
    assert S3.rectangle(selected) == [["s3.new.natural", "s3.new.business", "s3.new.research"],
                                      ["s3.granted.natural", "s3.granted.business", "s3.granted.research"]]
    assert S3.rectangle([(2, 0)]) == []


@given(st.integers(0, len(S3.cell_ids()) - 1), st.sampled_from(list(Move)))
def test_every_move_lands_on_an_input_cell_or_nowhere(i, move):
    start = S3.position(S3.cell_ids()[i])
    target = S3.step(start, move, inputs(AUTO))
    assert target is None or (S3.cell_at(target) is not None and not AUTO.is_computed(S3.cell_at(target)))
    assert target != start


@given(st.lists(st.lists(st.text(alphabet="0123456789", max_size=4), min_size=1, max_size=9), min_size=1, max_size=35),
       st.integers(0, len(S3.cell_ids()) - 1))
def test_placed_plus_dropped_is_everything_pasted(block, i):
    placement = S3.place(block, S3.position(S3.cell_ids()[i]))
    assert len(placement.targets) + placement.dropped == sum(len(line) for line in block)
    assert len({c for c, _ in placement.targets}) == len(placement.targets)
