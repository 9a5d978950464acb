"""The report's year and agency from its title, as portals and Word files write it, and the agency type from the name.

Titles come agency first (“某县自然资源局2023年政府信息公开工作年度报告”, “…关于2022年度政府信息公开情况的报告”)
or, on portals most often, year first (“2019年某市人民政府办公厅政府信息公开工作年度报告”, “2024年度政府信息公开
工作年度报告” with the agency on the line below or above); split over two lines or runs; in full-width digits or
Traditional script. A breadcrumb (首页 > 信息公开 > 年度报告), a page's metadata line (发布时间：…) or a sentence
(“按照《条例》要求，现将某市水务局2023年…报告公布如下。”, which stays in 开头) is never the title or the agency.
Short heading-like lines (Word's title style, <h1>, centred) are preferred; the page's <title> is the fallback.
Each finding says where it came from, for the import report.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from app.imports.source import SourceDocument
from app.report.fold import fold, to_simplified

_REPORT = r"(?:的)?政府信息公开(?:工作)?(?:年度)?(?:情况的?)?(?:年度)?(?:工作)?报告"
_YEAR = r"(?P<year>(?:19|20)\d\d)年度?(?:的)?"
_AGENCY_FIRST = re.compile(rf"(?P<agency>.*?)(?:关于)?{_YEAR}{_REPORT}")
_YEAR_FIRST = re.compile(rf"{_YEAR}(?P<agency>.*?){_REPORT}")
_BREADCRUMB = re.compile(r"[>›»＞→]|首页|当前位置|您的位置|现在位置")
_SENTENCE = re.compile(r"[。，,；;！!？?、《》“”\"]")
_METADATA = re.compile(r"(发布|更新|成文|印发)(时间|日期)|来源[:：]|浏览(次数|量)|点击(数|量|次数)|字号|字体[:：]|"
                       r"打印本页|关闭窗口|分享到|索引号|主题分类|发文字号|信息来源")
_TITLE_SEPARATORS = re.compile(r"\s*[_|｜—–-]{1,2}\s*")  # “2023年…报告_某县人民政府门户网站”
_AGENCY_END = re.compile(r"(人民政府|政府|办事处|街道|镇|乡|局|委员会|委|办公室|办公厅|办|中心|院|所|队|厅|署|站|馆|处|"
                         r"会|社|部|室|公司|集团|管委会|管理委员会|分局|支队|大队)$")
_PREFIX = re.compile(r"^(按照|根据|依据|依照|现将|特|为|本|我|关于)")
TITLE_SEARCH = 15  # saved pages put navigation lines before the title
MAX_TITLE_CHARS = 60
MAX_AGENCY_CHARS = 40
MAX_LINE_SCAN = 1000  # a longer line is never a title (even with spaces between every character): not even folded
MAX_TITLE_LINES = 3  # a title broken over lines (“…2024年度政府” / “信息公开工作年度报告”)


def flat(text: str) -> str:
    """A line as matched: width folded, Traditional folded, no spaces."""
    return re.sub(r"\s+", "", fold(unicodedata.normalize("NFKC", text)))


def _as_written(text: str) -> str:
    """A name as stored: width folded, no spaces, Traditional converted whole (never reworded)."""
    return re.sub(r"\s+", "", to_simplified(unicodedata.normalize("NFKC", text)))


def _written(text: str) -> str:
    """A title as the source writes it: width folded, no spaces, script and wording untouched."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def is_breadcrumb(line: str) -> bool:
    return bool(_BREADCRUMB.search(line))


def is_metadata(line: str) -> bool:
    """A portal's line about the page (发布时间, 来源, 浏览次数, 字号…), neither title nor report text."""
    return bool(_METADATA.search(line))


def is_sentence(line: str) -> bool:
    if len(line) > MAX_LINE_SCAN:
        return True
    t = flat(line)
    return len(t) > MAX_TITLE_CHARS or bool(_SENTENCE.search(t))


def looks_like_agency(name: str) -> bool:
    """A short name ending like an office's name; never a breadcrumb, a sentence or a line about the page."""
    return (0 < len(name) <= MAX_AGENCY_CHARS and _AGENCY_END.search(name) is not None
            and not is_breadcrumb(name) and not _SENTENCE.search(name) and not is_metadata(name)
            and not _PREFIX.match(name) and not re.search(r"\d", name))


@dataclass
class Title:
    year: int | None = None
    agency: str = ""
    year_source: str = ""  # where the year was found, for the import report
    agency_source: str = ""  # where the agency was found, and how sure it is
    written: str = ""  # the agency as the source wrote it, when it was converted from Traditional script
    blocks: set[int] = field(default_factory=set)  # block indexes that are the title (not report text)
    last: int = -1  # block index of the title's last line: lines before it are the page's, not the report's
    stated: str = ""  # the title as the source writes it (spaces dropped), for F5


def _match(text: str) -> re.Match[str] | None:
    """The title pattern in one line; year first is tried first, so “2019年某市…报告” keeps its agency."""
    if len(text) > MAX_LINE_SCAN:
        return None  # not a title; and the patterns' lazy “.*?” would take time squared on a long text
    t = flat(text)
    for pattern in (_YEAR_FIRST, _AGENCY_FIRST):
        m = pattern.match(t) if pattern is _YEAR_FIRST else pattern.search(t)
        if m and len(t) <= MAX_TITLE_CHARS:
            return m
    return None


def _agency_in(m: re.Match[str], text: str) -> str:
    """The agency part of a title match as the source wrote it (the match ran on folded text of the same length;
    folding keeps the length, Taiwan words included)."""
    t, written = flat(text), _written(text)
    name = written[m.start("agency"):m.end("agency")] if len(written) == len(t) else m.group("agency")
    return name.strip("：:　 ")


def _candidates(doc: SourceDocument) -> list[tuple[int, str]]:
    """(block index, line) of the first paragraphs, where the title is (after a portal's navigation)."""
    out = []
    for i, block in enumerate(doc.blocks):
        if isinstance(block, str) and block.strip():
            out.append((i, block))
            if len(out) >= TITLE_SEARCH:
                break
    return out


def _title_run(lines: list[tuple[int, str]], k: int) -> tuple[re.Match[str], int, str] | None:
    """The title starting at lines[k], alone or joined with the next lines: (match, lines used, text)."""
    text = ""
    for n in range(MAX_TITLE_LINES):
        if k + n >= len(lines) or is_sentence(lines[k + n][1]) or is_breadcrumb(lines[k + n][1]):
            return None
        text += lines[k + n][1].strip()
        m = _match(text)
        if m:
            return m, n + 1, text
    return None


def find_title(doc: SourceDocument) -> Title:
    lines = _candidates(doc)
    runs = [(k, run) for k in range(len(lines)) if (run := _title_run(lines, k))]
    emphasised = [(k, run) for k, run in runs if any(lines[k + n][0] in doc.emphasised for n in range(run[1]))]
    if runs:
        k, (m, used, text) = (emphasised or runs)[0]
        title = Title(year=int(m.group("year")), year_source=f"从标题“{flat(text)}”识别")
        title.stated = _written(text)
        title.blocks = {lines[k + n][0] for n in range(used)}
        title.last = max(title.blocks)
        _place_agency(title, _agency_in(m, text), lines, k, used)
        return title
    return _from_container_title(doc.title)


def _place_agency(title: Title, agency: str, lines: list[tuple[int, str]], k: int, used: int) -> None:
    if agency and looks_like_agency(flat(agency)):
        _set_agency(title, agency, "取自标题")
        return
    after = lines[k + used:k + used + 2]
    before = lines[k - 1:k] if k > 0 else []
    # the line below the heading (a portal's heading without the agency), then the line above (Word: name, title)
    for where, (i, line) in [("标题下一行", x) for x in after[:1]] + [("标题上一行", x) for x in before]:
        if looks_like_agency(flat(line)):
            _set_agency(title, line, f"取自{where}“{_as_written(line)}”，请核对")
            title.blocks.add(i)
            title.last = max(title.last, i)
            # a portal repeats the whole title under the agency line: that is title too
            if where == "标题下一行" and len(after) > 1 and _match(after[1][1]) and not is_sentence(after[1][1]):
                title.blocks.add(after[1][0])
                title.last = max(title.last, after[1][0])
            return
    if agency:
        title.agency_source = f"标题中的“{agency}”不像机关名称，没有采用，请填写"


def _set_agency(title: Title, name: str, source: str) -> None:
    simplified = _as_written(name)
    title.agency = simplified
    written = _written(name)
    if written != simplified:
        title.written = written
        source += f"；原文为繁体“{written}”，已整体转换为简体"
    title.agency_source = source


def _from_container_title(container: str) -> Title:
    """The page's <title> or the document's title property, split at the site's separators."""
    for part in _TITLE_SEPARATORS.split(container or ""):
        m = _match(part)
        if m:
            title = Title(year=int(m.group("year")), year_source=f"从网页或文档属性中的标题“{flat(part)}”识别",
                          stated=_written(part))
            agency = _agency_in(m, part)
            if agency and looks_like_agency(flat(agency)):
                _set_agency(title, agency, "取自网页或文档属性中的标题，请核对")
            return title
    return Title()


_TYPE_RULES = (
    ("subdistrict", re.compile(r"街道")),
    ("township", re.compile(r"(镇|乡)(人民政府|政府)?$")),
    ("government", re.compile(r"(县|区|市|州|盟|旗)人民政府$")),
    ("county_department", re.compile(r"(局|委员会|委|办公室|办公厅|办|中心|院|队|所|厅|署|站|馆|处|分局|支队|大队)$")),
)


def agency_type_for(name: str) -> tuple[str, str]:
    """A first guess from the name, and why (the import report asks the user to confirm it)."""
    for key, pattern in _TYPE_RULES:
        m = pattern.search(name)
        if m and not (key == "government" and re.search(r"(局|委|办|厅)", name)):
            return key, f"按名称中的“{m.group(0)}”推断"
    return "other", "名称中没有可以推断类型的词" if name else "没有机关名称"
