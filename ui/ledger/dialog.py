"""从台账生成第三部分: the dialog where the user confirms the ledger's columns and assigns every word the program
could not match. It recounts after every choice, so the summary and the list of what is left are always current;
生成 is only enabled when nothing is left unmatched and no line has a problem."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ledger.count import (
    LedgerCount,
    LedgerError,
    LedgerMapping,
    LedgerTable,
    Unmatched,
    count_ledger,
    missing_fields,
    options,
    propose_columns,
)
from app.ledger.read import cell_text, parse_date
from app.ledger.words import FIELDS
from app.report.formats import Format

NO_COLUMN = "（不使用）"
CHOOSE = "（请选择）"
PROBLEMS_SHOWN = 12
SAMPLES = 3


DATE_FIELDS = ("received", "answered")


def _sample_text(value: object, is_date: bool) -> str:
    """A cell as the user knows it: .xlsx dates arrive as serial numbers, shown here as dates."""
    if is_date:
        try:
            day = parse_date(value)
        except ValueError:
            return cell_text(value)
        return day.isoformat() if day else ""
    return cell_text(value)


class LedgerDialog(QDialog):
    """Confirm columns, assign unmatched words. After exec(): `count` (ok) and `mapping()` to remember."""

    def __init__(self, table: LedgerTable, fmt: Format, year: int, remembered: LedgerMapping | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("从台账生成第三部分")
        self.table, self.format, self.year = table, fmt, year
        self.remembered = remembered or LedgerMapping()
        self.assigned: dict[tuple[str, str], str] = {}  # (kind, word) -> id chosen in this dialog
        self.count: LedgerCount | None = None
        self.type_options, self.result_options = options(fmt)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"台账：{Path(table.source).name}，工作表“{table.sheet}”，表头在第 {table.header_line} 行，"
                                f"共 {len(table.rows)} 行。按 {year} 年度（{fmt.title}）统计。"))
        layout.addWidget(self._columns_box())
        self.words_box = QGroupBox("② 台账中的写法（未能识别的，请逐项指定对应的申请人类型或办理结果）")
        words_layout = QVBoxLayout(self.words_box)
        self.words = QTableWidget(0, 4, self.words_box)
        self.words.setHorizontalHeaderLabels(["类别", "台账中的写法", "所在行", "对应为"])
        self.words.verticalHeader().setVisible(False)
        self.words.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.words.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.words.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        words_layout.addWidget(self.words)
        self.all_matched = QLabel("台账中的申请人类型和办理结果都已识别。", self.words_box)
        words_layout.addWidget(self.all_matched)
        words_layout.addStretch(1)
        layout.addWidget(self.words_box, 1)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #c62828")
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.problems)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("生成后将替换当前报告第三部分的数值（可以撤销）。列和写法的对应关系会记住，下次自动使用。"))
        buttons = QDialogButtonBox(self)
        self.generate = buttons.addButton("生成", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.forget = QPushButton("忘记记住的对应关系", self)
        self.forget.setEnabled(bool(self.remembered.applicant_types or self.remembered.results
                                    or self.remembered.columns))
        self.forget.clicked.connect(self._forget)
        buttons.addButton(self.forget, QDialogButtonBox.ButtonRole.ResetRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 640)
        self.recount()

    # -- columns -------------------------------------------------------------------------------------------------
    def _columns_box(self) -> QGroupBox:
        box = QGroupBox("① 台账的列（带 * 的必须有；右边是该列的前几项内容，便于核对）")
        form = QFormLayout(box)
        proposed = propose_columns(self.table, self.remembered)
        self.column_boxes: dict[str, QComboBox] = {}
        self.column_samples: dict[str, QLabel] = {}
        for name, (label, required, _) in FIELDS.items():
            combo = QComboBox(box)
            combo.addItem(NO_COLUMN, -1)
            for i, header in enumerate(self.table.headers):
                combo.addItem(f"第 {i + 1} 列：{header or '（无标题）'}", i)
            combo.setCurrentIndex(proposed.get(name, -1) + 1)
            sample = QLabel(box)
            sample.setStyleSheet("color: #666")
            row = QHBoxLayout()
            row.addWidget(combo, 2)
            row.addWidget(sample, 3)
            form.addRow(f"{label}{' *' if required else ''}", row)
            self.column_boxes[name] = combo
            self.column_samples[name] = sample
            combo.currentIndexChanged.connect(lambda _i, n=name: self._column_changed(n))
            self._show_sample(name)
        return box

    def _show_sample(self, name: str) -> None:
        index = self.column_boxes[name].currentData()
        values: list[str] = []
        if index >= 0:
            for _, cells in self.table.rows:
                text = _sample_text(cells[index], name in DATE_FIELDS)
                if text and text not in values:
                    values.append(text)
                if len(values) == SAMPLES:
                    break
        shown = "、".join(v if len(v) <= 14 else v[:13] + "…" for v in values)
        self.column_samples[name].setText(f"如：{shown}" if shown else "")

    def _column_changed(self, name: str) -> None:
        self._show_sample(name)
        self.recount()

    def columns(self) -> dict[str, int]:
        return {name: combo.currentData() for name, combo in self.column_boxes.items() if combo.currentData() >= 0}

    # -- the mapping and the count ---------------------------------------------------------------------------------
    def mapping(self) -> LedgerMapping:
        """What to remember: the chosen columns by header (empty = none) and every word assigned so far."""
        columns = {name: self.table.headers[i] if i >= 0 else "" for name, combo in self.column_boxes.items()
                   for i in (combo.currentData(),)}
        types = dict(self.remembered.applicant_types)
        results = dict(self.remembered.results)
        for (kind, word), target in self.assigned.items():
            (types if kind == "applicant_type" else results)[word] = target
        return LedgerMapping(columns=columns, applicant_types=types, results=results)

    def recount(self) -> None:
        missing = missing_fields(self.columns())
        if missing:
            self._cannot_count(f"请为这些列指定台账中的列：{'、'.join(missing)}。")
            return
        try:
            self.count = count_ledger(self.table, self.year, self.format, self.mapping())
        except LedgerError as exc:  # a remembered assignment this format cannot take: say so, offer 忘记
            self._cannot_count(f"{exc}\n可以点“忘记记住的对应关系”重新指定。")
            return
        self._show_words(self.count.unmatched)
        shown = self.count.problems[:PROBLEMS_SHOWN]
        more = len(self.count.problems) - len(shown)
        text = "\n".join(shown) + (f"\n……还有 {more} 行有问题" if more > 0 else "")
        self.problems.setText(("以下行需要先在台账中改正：\n" + text) if shown else "")
        waiting = {n for u in self.count.unmatched for n in u.lines}
        notes = "".join(f"\n{note}" for note in self.count.notes[:PROBLEMS_SHOWN])
        self.summary.setText(self.count.summary() + (f"另有 {len(waiting)} 行要等上面的写法指定后才能计入。"
                                                     if waiting else "") + notes)
        self.words.setVisible(bool(self.count.unmatched))
        self.all_matched.setVisible(not self.count.unmatched)
        self.generate.setEnabled(self.count.ok)

    def _cannot_count(self, problem: str) -> None:
        self.count = None
        self._show_words([])
        self.problems.setText(problem)
        self.summary.setText("")
        self.generate.setEnabled(False)

    def _show_words(self, unmatched: list[Unmatched]) -> None:
        self.words.setRowCount(len(unmatched))
        for row, u in enumerate(unmatched):
            lines = "、".join(str(n) for n in u.lines[:6]) + ("…" if len(u.lines) > 6 else "")
            for col, text in enumerate((FIELDS[u.kind][0], u.shown, f"{len(u.lines)} 行：第 {lines} 行")):
                self.words.setItem(row, col, QTableWidgetItem(text))
            combo = QComboBox(self.words)
            combo.addItem(CHOOSE, "")
            for oid, label in (self.type_options if u.kind == "applicant_type" else self.result_options):
                combo.addItem(label, oid)
            combo.currentIndexChanged.connect(lambda _i, c=combo, k=(u.kind, u.value): self._assign(k, c))
            self.words.setCellWidget(row, 3, combo)

    def _assign(self, key: tuple[str, str], combo: QComboBox) -> None:
        if combo.currentData():
            self.assigned[key] = combo.currentData()
            # Later: the recount rebuilds the table, which deletes this combo box while it is still emitting.
            QTimer.singleShot(0, self.recount)

    def _forget(self) -> None:
        self.remembered = LedgerMapping()
        self.assigned.clear()
        proposed = propose_columns(self.table, None)
        for name, combo in self.column_boxes.items():
            combo.blockSignals(True)
            combo.setCurrentIndex(proposed.get(name, -1) + 1)
            combo.blockSignals(False)
            self._show_sample(name)
        self.forget.setEnabled(False)
        self.recount()

    def word_combo(self, value: str) -> QComboBox | None:
        """The assignment box of an unmatched word as written in the ledger (for tests and keyboard users)."""
        for row in range(self.words.rowCount()):
            if self.words.item(row, 1).text() == (value or "（空白）"):
                return self.words.cellWidget(row, 3)
        return None
