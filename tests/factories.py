"""Realistic reports for tests: a county department with a dozen applications, balanced by hand."""

from decimal import Decimal

from app.report.model import Report

S1_TEXT = ("2023年，本局深入贯彻《中华人民共和国政府信息公开条例》，主动公开政策文件和执法信息；"
           "依申请公开工作规范有序，全年共收到政府信息公开申请13件；加强政府信息管理，做好公开属性认定和保密审查；"
           "推进政府信息公开平台建设，及时更新政府网站公开专栏；强化监督保障，将政务公开纳入年度考核，开展业务培训。")

REALISTIC = {
    "s2.normative.issued": 3, "s2.normative.repealed": 1, "s2.normative.in_force": 27,
    "s2.license.decisions": 412, "s2.penalty.decisions": 36, "s2.enforcement.decisions": 2,
    "s2.fees.amount": Decimal("26.55"),
    "s3.new.natural": 10, "s3.new.business": 2, "s3.new.legal": 1,
    "s3.carry_in.natural": 1,
    "s3.granted.natural": 5, "s3.granted.business": 1,
    "s3.partial.natural": 2,
    "s3.deny.4.natural": 1,
    "s3.unable.1.natural": 2, "s3.unable.1.legal": 1,
    "s3.reject.2.business": 1,
    "s3.carry_over.natural": 1,
    "s4.review.upheld": 1, "s4.review.pending": 1,
    "s4.suit_direct.corrected": 1,
}


def realistic_report(year: int = 2023, agency_type: str = "county_department") -> Report:
    report = Report.new(year, agency="某县自然资源局", agency_type=agency_type)
    report.set_values((k, v) for k, v in REALISTIC.items() if k in report.format.cells)
    report.texts.update({"s1": S1_TEXT, "s5": "（一）存在的主要问题\n人员力量不足。\n（二）改进情况\n加强培训。", "s6": "无"})
    report.compiled_on = f"{year + 1}-01-20"
    return report


CITY_NEW = {"natural": 11234, "business": 2345, "research": 120, "nonprofit": 56, "legal": 789, "other": 234}
CITY_CARRY_IN = {"natural": 321, "business": 45}
# Shares of each column's handled applications by result row; what is left over is 予以公开.
CITY_RESULTS = {"partial": 0.13, "deny.4": 0.027, "deny.6": 0.018, "unable.1": 0.16, "unable.2": 0.035,
                "reject.1": 0.014, "reject.2": 0.034, "other.1": 0.011, "other.3": 0.006}


def city_report(year: int = 2023) -> Report:
    """A city government with five-digit figures, balanced per column (一 + 二 = （七） + 四)."""
    report = Report.new(year, agency="某市人民政府", agency_type="government")
    values: dict[str, int | Decimal] = {
        "s2.rules.issued": 4, "s2.rules.repealed": 2, "s2.rules.in_force": 61,
        "s2.normative.issued": 48, "s2.normative.repealed": 12, "s2.normative.in_force": 316,
        "s2.license.decisions": 45678, "s2.penalty.decisions": 12345, "s2.enforcement.decisions": 1234,
        "s2.fees.amount": Decimal("1234.5678"),
        "s4.review.upheld": 34, "s4.review.corrected": 5, "s4.review.other": 3, "s4.review.pending": 7,
        "s4.suit_direct.upheld": 12, "s4.suit_direct.corrected": 2, "s4.suit_direct.pending": 4,
        "s4.suit_after_review.upheld": 6, "s4.suit_after_review.pending": 1,
    }
    for col, new in CITY_NEW.items():
        carry_in = CITY_CARRY_IN.get(col, 0)
        carry_over = round((new + carry_in) * 0.03)
        handled = new + carry_in - carry_over
        shares = {row: round(handled * share) for row, share in CITY_RESULTS.items()}
        values.update({f"s3.new.{col}": new, f"s3.carry_in.{col}": carry_in, f"s3.carry_over.{col}": carry_over,
                       f"s3.granted.{col}": handled - sum(shares.values())})
        values.update({f"s3.{row}.{col}": n for row, n in shares.items()})
    report.set_values(values.items())
    report.texts.update({"s1": S1_TEXT.replace("本局", "本市").replace("13件", "14778件"),
                         "s5": "（一）存在的主要问题\n部分单位答复不够规范。\n（二）改进情况\n加强业务培训。", "s6": "无"})
    report.compiled_on = f"{year + 1}-01-20"
    return report
