"""From the application ledger (依申请公开登记台账) to the Section 三 request matrix.

Three steps, each visible to the user:
1. columns: the ledger's headers are matched to the fields a count needs (收到日期, 申请人类型, 答复日期, 办理结果,
   不予公开理由…); the user confirms or corrects, and the mapping is remembered (LedgerMapping, plain JSON);
2. words: the applicant types and results clerks write are matched to the official columns and rows — the official
   labels come from the format data, the everyday words from app.ledger.words; whatever cannot be matched is listed
   for the user to assign (and stored in the same mapping), never dropped and never guessed;
3. counting by dates for a report year Y: received in Y → 一、本年新收; received earlier and not answered before
   1 January Y → 二、上年结转; answered in Y → its result row; not answered by 31 December Y → 四、结转下年度.
   Every counted application adds one to 一 or 二 and one to a result row or 四 of the same column, so R1 holds by
   construction, and the totals (R2, R3) are derived from the same counts.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.imports.labels import normalise_label
from app.ledger.read import LedgerError, LedgerTable, cell_text, find_table, parse_date, read_sheets
from app.ledger.words import (
    APPLICANT_SUFFIXES,
    APPLICANT_WORDS,
    FIELDS,
    GROUP_WORDS,
    PENDING_WORDS,
    REASON_KEYWORDS,
    RESULT_PREFIXES,
    RESULT_WORDS,
    SUMMARY_MARKS,
)
from app.report.formats import Block, Format
from app.report.model import Report
from app.report.numbers import json_decimal, json_int
from app.storage.userfile import read_checked

__all__ = ["LedgerCount", "LedgerError", "LedgerMapping", "MatrixShape", "Unmatched", "apply_count",
           "count_ledger", "guess_columns", "matrix_shape", "read_ledger", "resolve_columns", "section_values"]

MAPPING_SCHEMA = "zwgk-ledger-mapping/1"
MAX_MAPPING_BYTES = 5 * 1024 * 1024
BLANK_KEY = ""  # the key of a blank type/result cell: it can be assigned like any other word
KEY_JOIN = "｜"  # "不予公开｜涉及企业经营信息": a result word together with its reason


# -- words ------------------------------------------------------------------------------------------------------

_NUMBERING = re.compile(r"^(\(?[一二三四五六七八九十]+[)、.]|\(?\d+[)、.]|\(\d+\))")
_EDGE_PUNCT = " :：;；,，。.-—_/|"
_REMAINDER_PUNCT = _EDGE_PUNCT + "()›>"


def norm(text: str) -> str:
    """The comparable form of a word: the importers' label normaliser (app/imports/labels.py: width, Traditional
    script, spaces, quotes, numbering written one way), then without the leading “（三）”/“1.” numbering and edge
    punctuation a clerk types around a word in a cell."""
    t = _NUMBERING.sub("", normalise_label(text))
    return t.strip(_EDGE_PUNCT)


def short_label(label: str) -> str:
    """An official label as a person writes it in a cell: no numbering, no printed remark in parentheses
    (“（二）部分公开（区分处理的…）” → “部分公开”); quotes and wording kept."""
    t = re.sub(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]", "", label.strip())
    return re.sub(r"[（(][^（）()]*[)）]$", "", t) or t


def label_variants(label: str) -> set[str]:
    """An official label and the shorter ways clerks write it: without its printed remark in parentheses
    (“部分公开（区分处理的…）” → “部分公开”) and without a leading “属于”."""
    base = norm(label)
    out = {base}
    bare = re.sub(r"\(.*\)$", "", base)
    out.add(bare)
    for v in list(out):
        if v.startswith("属于") and len(v) > 3:
            out.add(v[2:])
    return {v for v in out if v}


# -- the shape of the matrix, from the format data ---------------------------------------------------------------

@dataclass(frozen=True)
class ResultRow:
    id: str
    label: str
    group: str | None  # group key ("deny") when the row sits under a group label, else None
    group_label: str

    @property
    def display(self) -> str:
        return f"{self.group_label} › {self.label}" if self.group_label else self.label


@dataclass(frozen=True)
class MatrixShape:
    """Which rows and columns of Section 三 the ledger fills, read from the format (R1 rule and the totals)."""

    format: Format
    new_row: str
    carry_in_row: str
    total_row: str
    carry_over_row: str
    applicant_columns: tuple[tuple[str, str], ...]  # (column id, label)
    total_column: str
    result_rows: tuple[ResultRow, ...]
    cell: dict[tuple[str, str], str]  # (row id, column id) -> cell id

    def result(self, row_id: str) -> ResultRow:
        return next(r for r in self.result_rows if r.id == row_id)


def _balance_rule(fmt: Format) -> dict[str, Any]:
    for rule in fmt.rules:
        if rule.get("type") == "balance" and len(rule.get("left", ())) == 2 and len(rule.get("right", ())) == 2:
            return rule
    raise LedgerError(f"格式“{fmt.title}”中没有第三部分的勾稽规则，无法从台账计数。")


def _shape(fmt: Format) -> MatrixShape:
    rule = _balance_rule(fmt)
    block: Block = fmt.table(rule["table"]).blocks[0]
    (new_row, carry_in), (total_row, carry_over) = rule["left"], rule["right"]
    rows = {r.id: (r, path) for r, path in block.leaf_rows}
    cols = {c.id: c for c, _ in block.leaf_columns}
    total_col = next(c for c in cols.values() if c.sum_of)
    result_rows = []
    for rid in rows[total_row][0].sum_of:
        header, path = rows[rid]
        group_path = path[1:]  # path[0] is “三、本年度办理结果”
        group_label = group_path[-1] if group_path else ""
        result_rows.append(ResultRow(rid, header.label, rid.split(".")[0] if group_path else None, group_label))
    cell = {}
    for ri, (r, _) in enumerate(block.leaf_rows):
        for ci, (c, _) in enumerate(block.leaf_columns):
            cell[(r.id or "", c.id or "")] = block.cells[ri][ci]
    return MatrixShape(format=fmt, new_row=new_row, carry_in_row=carry_in, total_row=total_row,
                       carry_over_row=carry_over,
                       applicant_columns=tuple((cid, cols[cid].label) for cid in total_col.sum_of),
                       total_column=total_col.id or "", result_rows=tuple(result_rows), cell=cell)


_SHAPES: dict[str, MatrixShape] = {}


def matrix_shape(fmt: Format) -> MatrixShape:
    if fmt.id not in _SHAPES:
        _SHAPES[fmt.id] = _shape(fmt)
    return _SHAPES[fmt.id]


# -- the user's mapping ------------------------------------------------------------------------------------------

@dataclass
class LedgerMapping:
    """What the user confirmed: ledger column per field (by header text) and the official id per word.

    Plain JSON, nothing secret in it: the command line reads and writes it as a file, the GUI keeps it in its
    settings. An empty id means "not yet assigned" (a skeleton written for the user to fill in)."""

    columns: dict[str, str] = field(default_factory=dict)
    applicant_types: dict[str, str] = field(default_factory=dict)
    results: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        data = {"schema": MAPPING_SCHEMA, "columns": self.columns, "applicant_types": self.applicant_types,
                "results": self.results}
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str, source: str = "映射文件") -> LedgerMapping:
        try:
            data = json.loads(text, parse_float=json_decimal, parse_int=json_int)
        except RecursionError as exc:
            raise LedgerError(f"{source}的内容嵌套过深，不是有效的 JSON。") from exc
        except ValueError as exc:
            raise LedgerError(f"{source}不是有效的 JSON：{str(exc)[:200]}") from exc
        if not isinstance(data, dict) or data.get("schema") != MAPPING_SCHEMA:
            raise LedgerError(f"{source}不是台账映射文件（缺少 schema: {MAPPING_SCHEMA}）。")
        parts = []
        for key in ("columns", "applicant_types", "results"):
            part = data.get(key, {})
            if not isinstance(part, dict) or not all(isinstance(k, str) and isinstance(v, str)
                                                     for k, v in part.items()):
                raise LedgerError(f"{source}：“{key}”应为“文字: 文字”的对象。")
            parts.append(dict(part))
        unknown = sorted(set(parts[0]) - set(FIELDS))
        if unknown:
            raise LedgerError(f"{source}：未知的台账字段“{unknown[0]}”（可用：{'、'.join(FIELDS)}）。")
        return cls(*parts)

    @classmethod
    def load(cls, path: str | Path) -> LedgerMapping:
        raw, _ = read_checked(Path(path), what="映射文件", max_bytes=MAX_MAPPING_BYTES, error=LedgerError)
        return cls.from_json(raw.decode("utf-8-sig", errors="replace"), f"映射文件“{path}”")

    def resolved(self, shape: MatrixShape) -> LedgerMapping:
        """The mapping with every assignment as an id of the report's format. A user may write the id
        ("deny.4") or any official wording ("法律服务机构", "不予公开：保护第三方合法权益")."""
        plain = WordMatcher(shape, None)
        cols = {cid for cid, _ in shape.applicant_columns}
        rows = {r.id: r for r in shape.result_rows}
        types, results = {}, {}
        for word, target in self.applicant_types.items():
            if target:
                cid = target if target in cols else plain.applicant(target)
                if cid is None:
                    raise LedgerError(f"映射中申请人类型“{word}”对应的“{target}”不是“{shape.format.title}”的申请人列"
                                      f"（可用：{_choices(shape.applicant_columns)}）。")
                types[word] = cid
        for word, target in self.results.items():
            if target:
                rid = WordMatcher.in_format(target, rows) or plain.result(target, "")
                if rid is None:
                    raise LedgerError(f"映射中办理结果“{word}”对应的“{target}”不是“{shape.format.title}”的办理结果行"
                                      f"（可用：{_choices((r.id, r.display) for r in shape.result_rows)}）。")
                results[word] = rid
        return LedgerMapping(dict(self.columns), types, results)


def _choices(pairs: Any) -> str:
    return "；".join(f"{i}={label}" for i, label in pairs)


# -- columns -----------------------------------------------------------------------------------------------------

def _header_norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).strip("*:：")


def guess_columns(headers: tuple[str, ...] | list[str]) -> dict[str, int]:
    """field -> column index from the header words. Exact names win over names found inside a longer header;
    each column serves one field and each field takes the first column that names it."""
    normed = [_header_norm(h) for h in headers]
    found: dict[str, int] = {}
    used: set[int] = set()
    for name_field, (_, _, words) in FIELDS.items():
        wanted = {_header_norm(w) for w in words}
        for i, h in enumerate(normed):
            if h and h in wanted and i not in used:
                found[name_field] = i
                used.add(i)
                break
    # Containment, longest word first so that “申请人类型（自然人/法人）” is a type column, not the applicant.
    pairs = sorted(((len(w), f, _header_norm(w)) for f, (_, _, ws) in FIELDS.items() for w in ws), reverse=True)
    for _, name_field, word in pairs:
        if name_field in found or len(word) < 2:
            continue
        for i, h in enumerate(normed):
            if i not in used and word in h:
                found[name_field] = i
                used.add(i)
                break
    return found


def header_score(headers: list[str]) -> int:
    found = guess_columns(headers)
    required = sum(1 for f in found if FIELDS[f][1])
    return required * 2 + len(found) if required >= 2 else 0


def propose_columns(table: LedgerTable, mapping: LedgerMapping | None = None) -> dict[str, int]:
    """The columns to count with: the user's mapping where it names a header present in this ledger (an empty
    header = "use no column for this field"), the header words otherwise."""
    columns = guess_columns(table.headers)
    if not mapping:
        return columns
    normed = [_header_norm(h) for h in table.headers]
    for name_field, header in mapping.columns.items():
        if not header:
            columns.pop(name_field, None)
        elif _header_norm(header) in normed:
            index = normed.index(_header_norm(header))
            columns = {f: i for f, i in columns.items() if i != index}
            columns[name_field] = index
    return columns


def missing_fields(columns: dict[str, int]) -> list[str]:
    return [FIELDS[f][0] for f, (_, required, _) in FIELDS.items() if required and f not in columns]


def resolve_columns(table: LedgerTable, mapping: LedgerMapping | None = None) -> dict[str, int]:
    """propose_columns, or LedgerError listing every required field that has no column."""
    columns = propose_columns(table, mapping)
    missing = missing_fields(columns)
    if missing:
        present = "、".join(f"“{h}”" for h in table.headers if h) or "（无）"
        raise LedgerError(f"台账“{Path(table.source).name}”中找不到这些列：{'、'.join(missing)}。"
                          f"表头（第 {table.header_line} 行）现有：{present}。请在映射中指定对应的列。")
    return columns


def columns_as_mapping(table: LedgerTable, columns: dict[str, int]) -> dict[str, str]:
    return {f: table.headers[i] for f, i in columns.items()}


def read_ledger(path: str | Path, sheet: str | None = None) -> LedgerTable:
    """Read a ledger file and find its header row (the sheet and row that name the most ledger fields)."""
    return find_table(str(path), read_sheets(path), header_score, sheet)


# -- words to ids ------------------------------------------------------------------------------------------------

class WordMatcher:
    """Matches applicant types and results of one format. Built once per count; results are cached per word."""

    def __init__(self, shape: MatrixShape, mapping: LedgerMapping | None) -> None:
        self.shape = shape
        self.mapping = mapping or LedgerMapping()
        self.user_types = {norm(k): v for k, v in self.mapping.applicant_types.items() if v}
        self.user_results = {_key_norm(k): v for k, v in self.mapping.results.items() if v}
        cols = {cid for cid, _ in shape.applicant_columns}
        self.type_words: dict[str, str] = {norm(w): c for w, c in APPLICANT_WORDS.items() if c in cols}
        for cid, label in shape.applicant_columns:
            for v in label_variants(label):
                self.type_words[v] = cid
        self.suffixes = sorted(((s, c) for s, c in APPLICANT_SUFFIXES.items() if c in cols),
                               key=lambda p: -len(p[0]))
        rows = {r.id: r for r in shape.result_rows}
        self.leaf_words: dict[str, str] = {}
        self.group_words: dict[str, str] = {}
        self.group_rows: dict[str, list[ResultRow]] = {}
        for r in shape.result_rows:
            for v in label_variants(r.label):
                self.leaf_words[v] = r.id
            if r.group:
                self.group_rows.setdefault(r.group, []).append(r)
                for v in label_variants(r.group_label):
                    self.group_words[v] = r.group
        for word, rid in RESULT_WORDS.items():
            target = self.in_format(rid, rows)
            if target:
                self.leaf_words.setdefault(norm(word), target)
        for word, group in GROUP_WORDS.items():
            if group in self.group_rows:
                self.group_words.setdefault(norm(word), group)
            elif group in rows:  # the group is a single row in this format (2019: （六）其他处理)
                self.leaf_words.setdefault(norm(word), group)
        self.prefixes = sorted(((norm(p), r) for p, r in RESULT_PREFIXES.items() if r in rows),
                               key=lambda p: -len(p[0]))
        self.pending = {norm(w) for w in PENDING_WORDS}
        self._type_cache: dict[str, str | None] = {}
        self._result_cache: dict[tuple[str, str], str | None] = {}

    @staticmethod
    def in_format(rid: str, rows: dict[str, ResultRow]) -> str | None:
        """The row a word names in this format: itself, or its parent row when the format has no sub-items
        (the 2019 format's single （六）其他处理 row for “逾期不补正”)."""
        if rid in rows:
            return rid
        parent = rid.split(".")[0]
        return parent if parent in rows else None

    def applicant(self, text: str) -> str | None:
        key = norm(text)
        if key not in self._type_cache:
            self._type_cache[key] = self._applicant(key)
        return self._type_cache[key]

    def _applicant(self, key: str) -> str | None:
        if key in self.user_types:
            return self.user_types[key]
        if not key:
            return None
        if key in self.type_words:
            return self.type_words[key]
        for suffix, cid in self.suffixes:
            if key.endswith(suffix):
                return cid
        return None

    def is_pending(self, result: str) -> bool:
        return norm(result) in self.pending

    def result(self, result: str, reason: str) -> str | None:
        key = (norm(result), norm(reason))
        if key not in self._result_cache:
            self._result_cache[key] = self._result(*key)
        return self._result_cache[key]

    def _result(self, value: str, reason: str) -> str | None:
        for k in (result_key(value, reason), result_key(value, "")):
            if _key_norm(k) in self.user_results:
                return self.user_results[_key_norm(k)]
        if not value:
            return None
        if value in self.leaf_words:
            return self.leaf_words[value]
        for prefix, rid in self.prefixes:
            if value.startswith(prefix):
                return rid
        group, rest = self._group_of(value)
        if group is None:
            return None
        return self._within_group(group, rest, reason)

    def _group_of(self, value: str) -> tuple[str | None, str]:
        for word in sorted(self.group_words, key=len, reverse=True):
            if value.startswith(word):
                return self.group_words[word], norm(value[len(word):].strip(_REMAINDER_PUNCT))
        return None, ""

    def _within_group(self, group: str, rest: str, reason: str) -> str | None:
        rows = self.group_rows[group]
        texts = [t for t in (rest, reason) if t]
        for t in texts:  # the sub-item written out (“不予公开：属于国家秘密”, the template's drop-down)
            exact = {r.id for r in rows if t in label_variants(r.label)}
            if len(exact) == 1:
                return exact.pop()
        joined = " ".join(texts)
        hits = {r.id for r in rows if any(k in joined for k in REASON_KEYWORDS.get(r.id, ()))}
        return hits.pop() if len(hits) == 1 else None


def result_key(result: str, reason: str) -> str:
    """How an unmatched result is named to the user and in the mapping: the result, plus the reason if any."""
    result, reason = result.strip(), reason.strip()
    return f"{result}{KEY_JOIN}{reason}" if reason else result


def _key_norm(key: str) -> str:
    left, _, right = key.partition(KEY_JOIN)
    return f"{norm(left)}{KEY_JOIN}{norm(right)}" if right else norm(left)


# -- counting ----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Unmatched:
    """A word that matched no official column or row, with the ledger lines where it occurs."""

    kind: str  # "applicant_type" | "result"
    value: str  # the key to assign in the mapping ("" = blank cell)
    lines: tuple[int, ...]

    @property
    def shown(self) -> str:
        return self.value or "（空白）"

    def describe(self) -> str:
        what = "申请人类型" if self.kind == "applicant_type" else "办理结果"
        lines = "、".join(str(n) for n in self.lines[:8]) + ("…" if len(self.lines) > 8 else "")
        return f"{what}“{self.shown}”（{len(self.lines)} 行：第 {lines} 行）"


@dataclass
class LedgerCount:
    """The counted matrix and everything the user must see before it is used."""

    year: int
    format: Format
    columns: dict[str, int]
    values: dict[str, int]  # every non-total cell of Section 三
    counted: int = 0
    tally: Counter[str] = field(default_factory=Counter)  # new / carry_in / answered / carry_over / earlier / later
    unmatched: list[Unmatched] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.unmatched and not self.problems

    def summary(self) -> str:
        t = self.tally
        text = (f"共计入 {self.counted} 件申请：本年新收 {t['new']} 件，上年结转 {t['carry_in']} 件，"
                f"本年办结 {t['answered']} 件，结转下年度 {t['carry_over']} 件")
        skipped = []
        if t["earlier"]:
            skipped.append(f"{t['earlier']} 件在 {self.year} 年以前已办结")
        if t["later"]:
            skipped.append(f"{t['later']} 件在 {self.year} 年以后收到")
        return text + (f"；未计入：{'，'.join(skipped)}" if skipped else "") + "。"


@dataclass(frozen=True)
class _Row:
    line: int
    received: Any  # raw cells: parsed in _dates so that a bad date is reported with its line
    answered: Any
    applicant_type: str
    result: str
    reason: str


def _rows(table: LedgerTable, columns: dict[str, int], count: LedgerCount) -> list[_Row]:
    rows = []
    wanted = [f for f in ("received", "applicant", "applicant_type", "content", "answered", "result")
              if f in columns]

    def get(cells: tuple[Any, ...], name: str) -> Any:
        return cells[columns[name]] if name in columns else None

    for line, cells in table.rows:
        first = next((cell_text(c) for c in cells if cell_text(c)), "")
        if norm(first) in SUMMARY_MARKS:
            count.notes.append(f"第 {line} 行是“{first}”行，不是申请，未计入。")
            continue
        if all(cell_text(get(cells, f)) == "" for f in wanted):
            continue  # a pre-numbered template line nobody filled in
        rows.append(_Row(line, get(cells, "received"), get(cells, "answered"),
                         cell_text(get(cells, "applicant_type")), cell_text(get(cells, "result")),
                         cell_text(get(cells, "reason"))))
    return rows


def _dates(row: _Row, count: LedgerCount) -> tuple[date, date | None] | None:
    try:
        received = parse_date(row.received)
    except ValueError as exc:
        count.problems.append(f"第 {row.line} 行“收到日期”：{exc}")
        return None
    try:
        answered = parse_date(row.answered)
    except ValueError as exc:
        count.problems.append(f"第 {row.line} 行“答复日期”：{exc}")
        return None
    if received is None:
        count.problems.append(f"第 {row.line} 行没有收到日期：无法判断属于哪一年。")
        return None
    if answered is not None and answered < received:
        count.problems.append(f"第 {row.line} 行答复日期 {answered:%Y-%m-%d} 早于收到日期 {received:%Y-%m-%d}。")
        return None
    return received, answered


def count_ledger(table: LedgerTable, year: int, fmt: Format, mapping: LedgerMapping | None = None) -> LedgerCount:
    """Count a ledger into Section 三 of `fmt` for report year `year`. Never raises for content problems: they
    are returned in `unmatched` and `problems`, and the count is only to be used when `ok`."""
    shape = matrix_shape(fmt)
    if mapping:
        mapping = mapping.resolved(shape)
    columns = resolve_columns(table, mapping)
    count = LedgerCount(year=year, format=fmt, columns=columns, values=_zero_values(shape))
    words = WordMatcher(shape, mapping)
    missing_types: dict[str, list[int]] = {}
    missing_results: dict[str, list[int]] = {}
    for row in _rows(table, columns, count):
        dates = _dates(row, count)
        if dates is None:
            continue
        received, answered = dates
        if received.year > year:
            count.tally["later"] += 1
            continue
        if answered is not None and answered.year < year:
            count.tally["earlier"] += 1
            continue
        col = words.applicant(row.applicant_type)
        if col is None:
            missing_types.setdefault(row.applicant_type, []).append(row.line)
        outcome = _outcome(row, answered, year, shape, words, count, missing_results)
        if col is None or outcome is None:
            continue
        start = shape.new_row if received.year == year else shape.carry_in_row
        count.values[shape.cell[(start, col)]] += 1
        count.values[shape.cell[(outcome, col)]] += 1
        count.counted += 1
        count.tally["new" if start == shape.new_row else "carry_in"] += 1
        count.tally["carry_over" if outcome == shape.carry_over_row else "answered"] += 1
    count.unmatched = ([Unmatched("applicant_type", k, tuple(v)) for k, v in missing_types.items()]
                       + [Unmatched("result", k, tuple(v)) for k, v in missing_results.items()])
    return count


def _outcome(row: _Row, answered: date | None, year: int, shape: MatrixShape, words: WordMatcher,
             count: LedgerCount, missing: dict[str, list[int]]) -> str | None:
    """The row an application ends in: its result row if answered in the year, else 四、结转下年度."""
    pending = not row.result or words.is_pending(row.result)
    if answered is None or answered.year > year:
        if answered is None and not pending:
            count.problems.append(f"第 {row.line} 行办理结果为“{row.result}”，但没有答复日期：请补上答复日期"
                                  "（尚未答复的，办理结果留空或写“办理中”）。")
            return None
        return shape.carry_over_row
    if pending and row.result:
        count.problems.append(f"第 {row.line} 行已有答复日期 {answered:%Y-%m-%d}，办理结果却是“{row.result}”。")
        return None
    rid = words.result(row.result, row.reason)
    if rid is None:
        key = result_key(row.result, row.reason)
        missing.setdefault(key, []).append(row.line)
    return rid


def _zero_values(shape: MatrixShape) -> dict[str, int]:
    computed = shape.format.computed_cells()
    return {cid: 0 for cid in shape.cell.values() if cid not in computed}


# -- into a report -----------------------------------------------------------------------------------------------

def section_values(report: Report, count: LedgerCount) -> dict[str, int]:
    """The Section 三 values to write into `report` (same year and format as the count).

    With 自动合计 off (an imported report) the totals are included, computed from the same counts, so the section
    balances either way; with it on, only the parts (the report derives the totals)."""
    if not count.ok:
        raise LedgerError("台账中还有未匹配的内容或有问题的行，不能写入报告。")
    if report.year != count.year:
        raise LedgerError(f"台账按 {count.year} 年度计数，报告却是 {report.year} 年度。")
    if report.format.id != count.format.id:
        raise LedgerError(f"台账按“{count.format.title}”计数，报告使用的是“{report.format.title}”。")
    values: dict[str, int] = dict(count.values)
    if not report.auto_total:
        scratch = Report(format=report.format, year=report.year, values=dict(values))
        scratch.recompute_totals()
        s3 = set(matrix_shape(report.format).cell.values())
        values = {cid: int(v or 0) for cid, v in scratch.values.items() if cid in s3}
    return values


def apply_count(report: Report, count: LedgerCount) -> set[str]:
    """Write the counted Section 三 into a report. Returns the changed cells."""
    return report.set_values(section_values(report, count).items())


def options(fmt: Format) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The official choices for assigning unmatched words: (applicant columns, result rows) as (id, label)."""
    shape = matrix_shape(fmt)
    return list(shape.applicant_columns), [(r.id, r.display) for r in shape.result_rows]


def options_text(fmt: Format) -> list[str]:
    """The choices in words, for a person filling in a mapping file by hand."""
    types, results = options(fmt)
    return ["申请人类型可填：" + "、".join(label for _, label in types),
            "办理结果可填（id 或名称）：" + _choices(results)]


def mapping_with_unmatched(mapping: LedgerMapping, count: LedgerCount, table: LedgerTable) -> LedgerMapping:
    """The mapping plus the columns used and an empty entry per unmatched word: a skeleton for the user to fill."""
    out = LedgerMapping(columns=columns_as_mapping(table, count.columns), applicant_types=dict(mapping.applicant_types),
                        results=dict(mapping.results))
    for u in count.unmatched:
        target = out.applicant_types if u.kind == "applicant_type" else out.results
        target.setdefault(u.value, "")
    return out
