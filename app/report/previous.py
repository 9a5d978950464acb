"""Last year's figures kept inside this year's report (Report.previous), so cross-year checks work without the
old file at hand. The schema is a public contract, documented in docs/file-format.md (“上年数据 previous”).

    {
      "schema": "zwgk-previous/1",
      "year": 2021,                      # last year's report year
      "format": "gov-2021",              # last year's format id (cell ids below belong to it)
      "agency": "金殿镇人民政府",
      "source": "file" | "import" | "typed",
      "source_name": "金殿镇2021.zwgk",  # what it came from, for the user (file name, no folder)
      "values": {cell_id: number | null},  # every cell of last year's tables, as last year stated it
      "texts": {"intro": str, "s1": str, "s5": str, "s6": str}
    }

"source" says how far the figures can be trusted: "file" (our own project file) and "import" (a published Word
document, web page or Excel sheet) are what last year's report said; "typed" (entered by hand) may hold typing
slips, so X1 is only a warning then.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from app.report.fields import render
from app.report.formats import FormatError, load_format
from app.report.model import TEXT_KEYS, Report, Value
from app.report.numbers import MAX_STORED, within

SCHEMA = "zwgk-previous/1"
SOURCES = {"file": "项目文件", "import": "导入的已发布报告", "typed": "手工录入"}
MAX_TEXT = 200_000


class PreviousError(ValueError):
    """Report.previous is malformed. The message is Chinese and says where."""


def make_previous(last: Report, source: str = "file", source_name: str | Path = "") -> dict[str, Any]:
    """The previous-year record of `last`, ready to be stored in next year's Report.previous."""
    if source not in SOURCES:
        raise ValueError(f"unknown previous source {source!r}")
    return {
        "schema": SCHEMA,
        "year": last.year,
        "format": last.format.id,
        "agency": last.agency,
        "source": source,
        "source_name": Path(source_name).name if source_name else "",
        "values": {cid: last.values.get(cid) for cid in last.format.cell_order},
        # As printed: last year's fields show last year's figures, and the record holds plain text only.
        "texts": {k: render(last.texts.get(k, ""), last) for k in TEXT_KEYS},
    }


def previous_value(previous: dict[str, Any], cell_id: str) -> Value:
    return previous.get("values", {}).get(cell_id)


def has_cell(previous: dict[str, Any], cell_id: str) -> bool:
    return cell_id in previous.get("values", {})


def describe(previous: dict[str, Any]) -> str:
    """“2021年度报告（项目文件 金殿镇2021.zwgk）” — how findings name last year's report."""
    name = previous.get("source_name") or ""
    source = SOURCES.get(previous.get("source", ""), "")
    detail = f"（{source} {name}）".replace(" ）", "）") if source else ""
    return f"{previous.get('year')}年度报告{detail}"


def _number(v: Any, where: str) -> Value:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int | Decimal | float):
        raise PreviousError(f"{where}应为数字或 null")
    if not within(v, MAX_STORED):  # first: int() of 1E+999999999 would take minutes and gigabytes
        raise PreviousError(f"{where}数值过大")
    if isinstance(v, float):
        v = Decimal(str(v))
    if isinstance(v, Decimal) and v == v.to_integral_value():
        return int(v)
    return v


def validate_previous(raw: Any) -> dict[str, Any] | None:
    """Check a loaded Report.previous and return it normalised (Decimal → int where whole). None stays None."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        raise PreviousError(f"上年数据（previous）格式不对：缺少 schema: {SCHEMA}")
    year = raw.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise PreviousError("上年数据（previous）的年度无效")
    try:
        fmt = load_format(raw.get("format") if isinstance(raw.get("format"), str) else "")
    except FormatError as exc:
        raise PreviousError(f"上年数据（previous）的报告格式无效：{exc}") from exc
    if raw.get("source") not in SOURCES:
        raise PreviousError(f"上年数据（previous）的来源“{raw.get('source')}”无效，应为 {'、'.join(SOURCES)}")
    values = raw.get("values")
    if not isinstance(values, dict):
        raise PreviousError("上年数据（previous）缺少数值（values）")
    clean_values: dict[str, Value] = {}
    for cid, v in values.items():
        if cid not in fmt.cells:
            raise PreviousError(f"上年数据（previous）有 {fmt.id} 格式中不存在的单元格“{cid}”")
        clean_values[cid] = _number(v, f"上年数据（previous）“{cid}”")
    texts = raw.get("texts", {})
    if not isinstance(texts, dict):
        raise PreviousError("上年数据（previous）的文字（texts）格式不对")
    clean_texts = {}
    for k in TEXT_KEYS:
        t = texts.get(k, "")
        if not isinstance(t, str) or len(t) > MAX_TEXT:
            raise PreviousError(f"上年数据（previous）的文字“{k}”无效")
        clean_texts[k] = t
    for key in ("agency", "source_name"):
        if not isinstance(raw.get(key, ""), str) or len(raw.get(key, "")) > 500:
            raise PreviousError(f"上年数据（previous）的“{key}”无效")
    return {"schema": SCHEMA, "year": year, "format": fmt.id, "agency": raw.get("agency", ""),
            "source": raw["source"], "source_name": raw.get("source_name", ""),
            "values": clean_values, "texts": clean_texts}
