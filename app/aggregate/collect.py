"""汇总: an upper office reads its units' reports, checks every one, and sums those of one year and format.

Rules (docs/ledger.md, “汇总”):
- every file is read and checked on its own; an unreadable file is listed with the reason and never stops the rest;
- the year summed is the one given, else the most common year among readable reports (the later year on a tie);
  the format summed is the official one for that year;
- reports of another year or another format are listed, not summed;
- duplicates (same agency name and year): identical copies are summed once; copies that differ are all listed and
  none is summed, because nothing tells which one is right;
- the sum is cell by cell. A blank cell counts as 0 in the sum (the unit's R9 finding says it was blank); the summed
  cell is blank only when every unit left it blank. A cell absent from any unit's report (imported from an incomplete
  source) is absent from the sum: it is not known. Stated totals are summed as stated; the summed report keeps
  自动合计 on only when every summed unit had it on, so a unit's wrong total shows up in the summed report's checks.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.report.formats import Format, format_for_year
from app.report.model import Report, Value
from app.rules import Finding, check, summary
from app.storage import SUFFIX, StorageError, load

STATUS_LABELS = {
    "summed": "已汇总",
    "checked": "已检查（未汇总）",
    "other_year": "年度不同，未汇总",
    "other_format": "格式不同，未汇总",
    "duplicate": "重复，未汇总",
    "conflict": "重复且内容不同，未汇总",
    "unreadable": "无法读取",
}
# Reports in another form that a folder may hold: imported (Word, web page, Excel) or, for the kinds the importer
# refuses (.doc, .wps, .pdf…), listed with its advice, so nobody thinks they were counted.
OTHER_REPORT_SUFFIXES = (".docx", ".docm", ".doc", ".wps", ".html", ".htm", ".xhtml", ".xlsx", ".xlsm", ".xls",
                         ".et", ".pdf", ".ofd")

Progress = Callable[[int, int, str], bool]  # (done, total, current file) -> False to cancel


class AggregateError(Exception):
    """Nothing to aggregate, or the summary cannot be written. Chinese message."""


@dataclass
class Unit:
    path: str
    status: str = "unreadable"
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    note: str = ""

    @property
    def counts(self) -> dict[str, int]:
        return summary(self.findings)


@dataclass
class Aggregation:
    units: list[Unit]
    year: int | None = None
    format: Format | None = None
    total: Report | None = None
    notes: list[str] = field(default_factory=list)
    cancelled: bool = False

    def with_status(self, *statuses: str) -> list[Unit]:
        return [u for u in self.units if u.status in statuses]


# -- collecting files ----------------------------------------------------------------------------------------------

def collect(paths: Iterable[str | Path], skip: Iterable[str | Path] = ()) -> list[Path]:
    """Files named, and report files inside folders named (sub-folders included), sorted, each once; `skip`
    leaves out our own outputs (the summary workbook saved into the same folder)."""
    out: list[Path] = []
    for p in (Path(x) for x in paths):
        if p.is_dir():
            # “~$报告.docx” is the owner file Word and WPS keep beside a document while it is open, not a report.
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and not f.name.startswith((".", "~$"))
                              and f.suffix.lower() in (SUFFIX, *OTHER_REPORT_SUFFIXES)))
        else:
            out.append(p)
    seen: set[Path] = {Path(x).resolve() for x in skip}
    unique = []
    for p in out:
        key = p.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(p)
    return unique


def _load(path: Path, unit: Unit) -> Report:
    """Our own file, or a Word/web/Excel report through the importer (issue 5): an import that could not place
    everything is still summed as read, and the unit's note says what was missing."""
    if path.suffix.lower() == SUFFIX:
        return load(path)
    from app.imports import import_source  # noqa: PLC0415 - python-docx and the HTML parser only when needed

    report, info = import_source(path)
    if not info.complete:
        unit.note = (f"导入时有 {len(info.unplaced)} 处内容未能放置、{len(info.missing)} 个单元格原文中没有"
                     "（详见“文件 → 导入”的导入报告）")
    return report


def _read(path: Path) -> Unit:
    from app.imports import ImportFailure  # noqa: PLC0415

    unit = Unit(str(path))
    try:
        unit.report = _load(path, unit)
        unit.findings = check(unit.report)
    except (StorageError, ImportFailure) as exc:
        unit.note = str(exc)
        unit.report = None
    except Exception as exc:  # noqa: BLE001 - one damaged unit file must never stop a county's whole run
        unit.note = f"读取或检查时出错：{exc}"
        unit.report = None
    else:
        unit.status = "checked"
    return unit


# -- deciding what is summed ---------------------------------------------------------------------------------------

def _agency_key(report: Report) -> str:
    return "".join(unicodedata.normalize("NFKC", report.agency).split())


def _content(report: Report) -> tuple:
    return (tuple(sorted(report.values.items())), tuple(sorted(report.texts.items())))


def _choose_year(units: list[Unit]) -> int | None:
    years = Counter(u.report.year for u in units if u.report is not None)
    if not years:
        return None
    return max(years, key=lambda y: (years[y], y))


def _classify(units: list[Unit], year: int, fmt: Format) -> None:
    groups: dict[tuple[str, int], list[Unit]] = {}
    for u in units:
        r = u.report
        if r is None:
            continue
        if r.year != year:
            u.status, u.note = "other_year", f"{r.year} 年度，汇总的是 {year} 年度"
        elif r.format.id != fmt.id:
            u.status, u.note = "other_format", f"使用“{r.format.title}”，{year} 年度应使用“{fmt.title}”"
        else:
            u.status = "summed"
            key = _agency_key(r) or hashlib.sha256(repr(_content(r)).encode()).hexdigest()
            groups.setdefault((key, r.year), []).append(u)
    for copies in groups.values():
        if len(copies) < 2:
            continue
        first = copies[0]
        if all(_content(c.report) == _content(first.report) for c in copies[1:]):  # type: ignore[arg-type]
            for c in copies[1:]:
                c.status, c.note = "duplicate", f"与“{Path(first.path).name}”内容相同，只汇总一次"
        else:
            names = "、".join(f"“{Path(c.path).name}”" for c in copies)
            for c in copies:
                c.status = "conflict"
                c.note = f"同一机关同一年度有 {len(copies)} 份内容不同的报告（{names}），请确认后只保留一份"


# -- summing -------------------------------------------------------------------------------------------------------

def _sum(values: list[Value]) -> Value:
    present = [v for v in values if v is not None]
    if not present:
        return None
    s: int | Decimal = 0
    for v in present:
        s += v
    return int(s) if isinstance(s, Decimal) and s == s.to_integral_value() else s


def sum_reports(reports: list[Report], year: int, fmt: Format, agency: str = "") -> tuple[Report, list[str]]:
    """The cell-by-cell sum of reports of one year and format (rules in the module docstring)."""
    total = Report.new(year, agency=agency or f"{len(reports)}个单位汇总", agency_type="other", fmt=fmt)
    notes: list[str] = []
    values: dict[str, Value] = {}
    for cid in fmt.cell_order:
        values[cid] = _sum([r.values.get(cid) for r in reports])
        if fmt.cells[cid].kind == "amount_with_unit":
            units = {r.units.get(cid, "") for r in reports if r.values.get(cid) is not None}
            if len(units) > 1:
                values[cid] = None
                notes.append(f"{fmt.cells[cid].location}：各单位所用单位不同（{'、'.join(sorted(units))}），未求和。")
            elif units and (unit := units.pop()):
                total.units[cid] = unit
    # A unit's absent cell (imported from an incomplete source) is not known: the sum of the others would be a wrong
    # figure, so the summed cell is absent too.
    absent = {cid: "missing" for r in reports for cid in r.absent_cells() if cid in fmt.cells}
    for cid in absent:
        values[cid] = None
    total.values = values
    total.absence.cells = absent
    total.auto_total = all(r.auto_total for r in reports)
    if total.auto_total:
        total.recompute_totals()
    if absent:
        notes.append(f"有 {len(absent)} 个单元格在部分单位的报告中缺失（导入的原文不完整），汇总中这些单元格也标为“缺”，"
                     "不按 0 求和。")
    blanks = sum(1 for cid in fmt.cell_order if cid not in absent and any(r.values.get(cid) is None for r in reports))
    if blanks:
        notes.append(f"有 {blanks} 个单元格在部分单位的报告中为空白，按 0 求和（见各单位的检查结果）。")
    return total, notes


def aggregate(paths: Iterable[str | Path], year: int | None = None, agency: str = "",
              progress: Progress | None = None, skip: Iterable[str | Path] = ()) -> Aggregation:
    files = collect(paths, skip)
    if not files:
        raise AggregateError("没有找到要汇总的报告文件（.zwgk，或 Word、网页、Excel 格式的报告）。")
    units: list[Unit] = []
    for i, path in enumerate(files):
        if progress is not None and progress(i, len(files), str(path)) is False:
            return Aggregation(units=units, cancelled=True)
        units.append(_read(path))
    if progress is not None:
        progress(len(files), len(files), "")
    result = Aggregation(units=units, year=year or _choose_year(units))
    if result.year is None:
        result.notes.append("没有可以读取的报告，未生成汇总。")
        return result
    result.format = format_for_year(result.year)
    _classify(units, result.year, result.format)
    summed = [u.report for u in units if u.status == "summed" and u.report is not None]
    if summed:
        result.total, notes = sum_reports(summed, result.year, result.format, agency)
        result.notes.extend(notes)
    else:
        result.notes.append(f"没有 {result.year} 年度、使用“{result.format.title}”的可汇总报告。")
    return result


def summary_lines(result: Aggregation) -> list[str]:
    """What a person reads after a run: how many units in each state, the notes, and every unit not summed."""
    counts = Counter(u.status for u in result.units)
    lines = [f"共 {len(result.units)} 个文件：" + "，".join(f"{STATUS_LABELS[s]} {n} 个"
                                                      for s, n in counts.items())]
    if result.year is not None:
        lines.append(f"汇总年度：{result.year}（{result.format.title if result.format else ''}）")
    errors = [u for u in result.units if u.report is not None and u.counts["error"]]
    if errors:
        lines.append(f"其中 {len(errors)} 份报告有错误（见“检查结果”表）。")
    lines.extend(result.notes)
    for u in result.units:
        if u.status not in ("summed", "checked"):
            lines.append(f"  {Path(u.path).name}：{STATUS_LABELS[u.status]} — {u.note}")
    return lines

