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
