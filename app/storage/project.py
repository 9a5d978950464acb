"""Project files (.zwgk): UTF-8 JSON, validated on load, saved atomically with a .bak of the previous version.

The layout is a public contract, documented in docs/file-format.md.
"""

from __future__ import annotations

import json
import logging
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

from app import __version__
from app.report import fields
from app.report.absence import REASONS, Absence
from app.report.formats import Format, FormatError, load_format
from app.report.model import AGENCY_TYPES, TEXT_KEYS, Report, Value
from app.report.numbers import MAX_STORED, NumberError, json_decimal, json_int, plain_number, within
from app.report.previous import PreviousError, validate_previous
from app.storage.atomic import StorageError, write_atomic
from app.storage.identity import FileStamp
from app.storage.userfile import read_checked

FILE_MARKER = "zwgk"
FILE_VERSION = 2  # the newest layout this program reads and writes; see docs/file-format.md
# Version 2 added absent cells and text parts ("absent") and figure fields in the texts (app.report.fields). A file
# with neither is written as version 1, which older programs still open. A text of a version-1 file is plain text,
# so a “⟦” in it is escaped on reading and can never turn into a field.
ABSENT_VERSION = FIELDS_VERSION = 2
SUFFIX = ".zwgk"
MAX_BYTES = 20 * 1024 * 1024
MAX_TEXT = 200_000
MAX_END = 200
log = logging.getLogger(__name__)


# -- writing ------------------------------------------------------------------------------------------------------

def to_dict(report: Report) -> dict[str, Any]:
    absent = _absent_json(report)
    # Version 1 when the file holds nothing of version 2, so older programs still open it; version 2 when it has
    # absent parts or a text with “⟦” (a field, or an escaped literal ⟦ that a version-1 reader would double), which
    # older programs refuse instead of reading absent as blank or a field as its token.
    newer = absent or any(fields.OPEN in report.texts.get(k, "") for k in TEXT_KEYS)
    data = {
        "format": FILE_MARKER,
        "file_version": 2 if newer else 1,
        "app_version": __version__,
        "report_format": report.format.id,
        "year": report.year,
        "agency": {"name": report.agency, "type": report.agency_type},
        "compiled_on": report.compiled_on,
        "contact": report.contact,
        "auto_total": report.auto_total,
        "texts": {k: report.texts.get(k, "") for k in TEXT_KEYS},
        "values": {cid: plain_number(report.values.get(cid)) for cid in report.format.cell_order},
        "units": dict(report.units),
        "previous": _previous_json(report.previous),
        "dismissals": report.dismissals,
    }
    if absent:
        data["absent"] = absent
    if report.stated_title:
        data["stated_title"] = report.stated_title  # an added key: version 1 readers pass over it
    return data


def _absent_json(report: Report) -> dict[str, Any] | None:
    """The marks still in force (a cell filled in since the import is no longer absent), or None."""
    cells, texts = report.absent_cells(), report.absent_texts()
    if not cells and not texts:
        return None
    order = {cid: i for i, cid in enumerate(report.format.cell_order)}
    return {"cells": dict(sorted(cells.items(), key=lambda kv: order[kv[0]])),
            "texts": {k: texts[k] for k in TEXT_KEYS if k in texts}, "end": report.absence.end}


def _previous_json(previous: dict[str, Any] | None) -> dict[str, Any] | None:
    if previous is None:
        return None
    values = previous.get("values", {})
    return {**previous, "values": {cid: plain_number(v) for cid, v in values.items()}}


def dumps(report: Report) -> str:
    data = to_dict(report)
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # A lone surrogate (only a hand-made file's "\ud800" escape brings one in) cannot be written as UTF-8:
        # escaping everything keeps the text exactly and the save still succeeds.
        text = json.dumps(data, ensure_ascii=True, indent=1) + "\n"
    return text


def save(report: Report, path: str | os.PathLike[str], expect: FileStamp | None = None) -> FileStamp:
    """Save, after reading the text back with the loader's own checks: a file that could not be opened again (a
    year outside 2000–2100, a text over the length limit) is refused with the reason instead of written.

    expect: the version this report was opened from (load_stamped); a file saved elsewhere since is not overwritten
    (ChangedOnDisk). Returns the stamp of the saved version, to pass as `expect` next time."""
    text = dumps(report)
    from_dict(json.loads(text, parse_float=Decimal), str(path), saving=True)
    return write_atomic(Path(path), text.encode("utf-8"), expect=expect)


# -- reading ------------------------------------------------------------------------------------------------------

def _no_constants(name: str) -> Any:
    raise ValueError(f"不允许的数值 {name}")


class _Validator:
    def __init__(self, path: str, saving: bool = False) -> None:
        self.path = path
        self.saving = saving

    def fail(self, where: str, what: str) -> StorageError:
        if self.saving:
            return StorageError(f"无法保存“{self.path}”：{where}{what}，保存后将无法再打开，因此没有保存。请修改后再保存。")
        return StorageError(f"文件“{self.path}”有问题：{where}{what}。文件没有被修改。")

    def get(self, obj: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str, default: Any = ...) -> Any:
        if key not in obj:
            if default is not ...:
                return default
            raise self.fail(where, f"缺少“{key}”")
        value = obj[key]
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise self.fail(where, f"“{key}”的类型不对")
        return value

    def text(self, obj: dict[str, Any], key: str, where: str) -> str:
        value = self.get(obj, key, str, where, "")
        if len(value) > MAX_TEXT:
            raise self.fail(where, f"“{key}”过长（{len(value)} 字）")
        return value


def _value(v: Any, cid: str, check: _Validator) -> Value:
    if v is None or (type(v) is int and -MAX_STORED <= v <= MAX_STORED):  # nearly every figure: the quick way
        return v
    if isinstance(v, bool) or not isinstance(v, int | Decimal):
        raise check.fail(f"数值 → {cid}：", f"应为数字或 null，现为 {json.dumps(v, ensure_ascii=False, default=str)[:40]}")
    if not within(v, MAX_STORED):  # before any arithmetic: abs(1E+999999999) raises decimal.Overflow
        raise check.fail(f"数值 → {cid}：", "数值过大")
    if isinstance(v, Decimal):
        if v == v.to_integral_value():
            return int(v)
        if v.as_tuple().exponent < -10:  # type: ignore[operator]
            raise check.fail(f"数值 → {cid}：", "小数位数过多")
    return v


# A dismissed warning: which finding (rule + cells + message, as shown when it was dismissed), the written reason and
# the date. Matched by app.rules.apply_dismissals; schema documented in docs/file-format.md.
DISMISSAL_FIELDS = {"rule": str, "cells": list, "section": (str, type(None)), "message": str, "reason": str,
                    "on": str}
MAX_DISMISSALS = 1000


def validate_dismissals(raw: list[Any], check: _Validator) -> list[dict[str, Any]]:
    if len(raw) > MAX_DISMISSALS:
        raise check.fail("已忽略的警告（dismissals）：", f"条目过多（{len(raw)} 条）")
    out = []
    for i, item in enumerate(raw, 1):
        where = f"已忽略的警告（dismissals）第 {i} 条："
        if not isinstance(item, dict):
            raise check.fail(where, "应为对象")
        clean = {k: check.get(item, k, kind, where, None if k == "section" else ...)
                 for k, kind in DISMISSAL_FIELDS.items() if k != "on"}
        clean["on"] = check.get(item, "on", str, where, "")
        if not all(isinstance(c, str) for c in clean["cells"]):
            raise check.fail(where, "“cells”应为单元格 id 的列表")
        if not clean["reason"].strip():
            raise check.fail(where, "缺少忽略理由")
        if len(clean["reason"]) > 2000 or len(clean["message"]) > 4000 or len(clean["rule"]) > 40:
            raise check.fail(where, "内容过长")
        out.append(clean)
    return out


def validate_absence(raw: Any, fmt: Format, check: _Validator) -> Absence:
    where = "缺失的内容（absent）："
    if not isinstance(raw, dict):
        raise check.fail(where, "应为对象")
    cells = check.get(raw, "cells", dict, where, {})
    texts = check.get(raw, "texts", dict, where, {})
    for cid, why in cells.items():
        if cid not in fmt.cells:
            raise check.fail(where, f"有本格式中不存在的单元格“{str(cid)[:40]}”")
        if why not in REASONS:
            raise check.fail(where, f"单元格“{cid}”的原因“{str(why)[:20]}”无效")
    for key, why in texts.items():
        if key not in TEXT_KEYS or why not in REASONS:
            raise check.fail(where, f"文字部分“{str(key)[:20]}”无效")
    end = check.text(raw, "end", where)
    if len(end) > MAX_END:
        raise check.fail(where, "“end”过长")
    return Absence(dict(cells), dict(texts), end)


def from_dict(data: Any, source: str = "文件", saving: bool = False) -> Report:
    check = _Validator(source, saving)
    if not isinstance(data, dict) or data.get("format") != FILE_MARKER:
        raise StorageError(f"“{source}”不是政务公开年报助手的项目文件（.zwgk）。文件没有被修改。")
    version = check.get(data, "file_version", int, "")
    if version > FILE_VERSION:
        raise StorageError(f"“{source}”由较新版本的政务公开年报助手保存（文件格式版本 {version}），"
                           f"当前程序只能读取到版本 {FILE_VERSION}。请升级程序后再打开，文件没有被修改。")
    if version < 1:
        raise check.fail("", f"文件格式版本 {version} 无效")
    try:
        fmt = load_format(check.get(data, "report_format", str, ""))
    except FormatError as exc:
        raise check.fail("报告格式：", str(exc)) from exc
    year = check.get(data, "year", int, "")
    if not 2000 <= year <= 2100:
        raise check.fail("年度：", f"{year} 不是有效的年度")
    agency = check.get(data, "agency", dict, "")
    agency_type = check.get(agency, "type", str, "机关信息：", "township")
    if agency_type not in AGENCY_TYPES:
        raise check.fail("机关信息：", f"未知的机关类型“{agency_type}”")
    texts_raw = check.get(data, "texts", dict, "", {})
    texts = {k: check.text(texts_raw, k, "文字部分：") for k in TEXT_KEYS}
    if version < FIELDS_VERSION:
        texts = {k: fields.escape(t) for k, t in texts.items()}
    values_raw = check.get(data, "values", dict, "")
    unknown = [k for k in values_raw if k not in fmt.cells]
    if unknown:
        raise check.fail("数值：", f"有本格式中不存在的单元格“{unknown[0]}”")
    values = {cid: _value(values_raw.get(cid), cid, check) for cid in fmt.cell_order}
    units_raw = check.get(data, "units", dict, "", {})
    units = {}
    for cid, unit in units_raw.items():
        if cid not in fmt.cells or not isinstance(unit, str) or len(unit) > 20:
            raise check.fail("单位：", f"“{cid}”的单位无效")
        units[cid] = unit
    try:
        previous = validate_previous(check.get(data, "previous", (dict, type(None)), "", None))
    except PreviousError as exc:
        raise check.fail("", str(exc)) from exc
    dismissals = validate_dismissals(check.get(data, "dismissals", list, "", []), check)
    absence = validate_absence(data["absent"], fmt, check) if version >= ABSENT_VERSION and "absent" in data \
        else Absence()
    return Report(format=fmt, year=year, agency=check.text(agency, "name", "机关信息："), agency_type=agency_type,
                  compiled_on=check.text(data, "compiled_on", ""), contact=check.text(data, "contact", ""),
                  texts=texts, values=values, units=units,
                  auto_total=check.get(data, "auto_total", bool, "", True), previous=previous,
                  dismissals=dismissals, absence=absence, stated_title=check.text(data, "stated_title", ""))


def loads(text: str, source: str = "文件") -> Report:
    try:
        data = json.loads(text, parse_float=json_decimal, parse_int=json_int, parse_constant=_no_constants)
    except RecursionError as exc:
        raise StorageError(f"“{source}”的内容嵌套过深，不是有效的项目文件。文件没有被修改。") from exc
    except NumberError as exc:
        raise StorageError(f"“{source}”有问题：{exc}，不是有效的项目文件。文件没有被修改。") from exc
    except ValueError as exc:
        where = ""
        if isinstance(exc, json.JSONDecodeError):
            where = f"（第 {exc.lineno} 行第 {exc.colno} 列）"
        raise StorageError(f"“{source}”已损坏或不完整，无法读取{where}。文件没有被修改；"
                           f"如有同名的 .bak 备份文件，可以打开它。") from exc
    return from_dict(data, source)


def load(path: str | os.PathLike[str]) -> Report:
    return load_stamped(path)[0]


def load_stamped(path: str | os.PathLike[str]) -> tuple[Report, FileStamp]:
    """The report and the version of the file it was read from (for save(expect=…))."""
    p = Path(path)
    raw, stamp = read_checked(p, what="项目文件", max_bytes=MAX_BYTES, error=StorageError)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise StorageError(f"“{p}”不是 UTF-8 文本，不是有效的项目文件（第 {exc.start} 字节处）。文件没有被修改。") from exc
    return loads(text, str(p)), stamp
