"""A realistic, fully filled report (fictitious 石桥镇): what the layout is checked against in tests, benchmarks
and rendered previews. The all-zero 金殿镇 sample cannot show a column that is too narrow or a wrong total."""

from __future__ import annotations

from decimal import Decimal

from app.report.model import Report

S2_VALUES = {
    "s2.normative.issued": 3, "s2.normative.repealed": 1, "s2.normative.in_force": 15,
    "s2.license.decisions": 126, "s2.penalty.decisions": 37, "s2.enforcement.decisions": 4,
    "s2.fees.amount": Decimal("26.55"),
}
# Section 三 per applicant column; 四、结转 balances each column (一 + 二 = 三（七） + 四).
S3_COLUMNS = {
    "natural": {"new": 12, "carry_in": 2, "granted": 5, "partial": 2, "deny.4": 1, "deny.6": 1,
                "unable.1": 2, "reject.2": 1, "other.3": 1},
    "business": {"new": 3, "carry_in": 1, "granted": 2, "partial": 1},
    "research": {},
    "nonprofit": {"new": 1, "granted": 1},
    "legal": {"new": 2, "unable.2": 1},
    "other": {},
}
S4_VALUES = {"s4.review.upheld": 1, "s4.review.corrected": 1, "s4.review.pending": 1, "s4.suit_direct.upheld": 1}

TEXTS = {
    "intro": "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
             "要求编制，全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、政府信息公开行政复议"
             "和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限自2023年1月1日起"
             "至2023年12月31日止。",
    "s1": "2023年，石桥镇认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
          "推进决策、执行、管理、服务、结果公开。\n"
          "（一）主动公开。全年通过县政府门户网站石桥镇专栏主动公开政府信息126条，其中行政规范性文件3件。\n"
          "（二）依申请公开。全年新收政府信息公开申请18件，上年结转3件，均在法定期限内答复。\n"
          "（三）政府信息管理。按照“谁制作、谁公开”原则落实公开前保密审查，动态调整主动公开基本目录。\n"
          "（四）平台建设。完善政府信息公开专栏，设置政策解读、依申请公开等栏目。\n"
          "（五）监督保障。将政务公开纳入年度工作考核，全年未发生责任追究情况。",
    "s5": "（一）存在的主要问题\n部分村级公开信息更新不够及时，政策解读形式较为单一。\n"
          "（二）改进措施\n一是建立信息更新台账，按月督促检查。二是丰富图解、视频等解读形式，提高政策知晓度。",
    "s6": "本年度未收取信息处理费。",
}


def realistic_report(year: int = 2023, agency: str = "青山县石桥镇人民政府") -> Report:
    report = Report.new(year, agency=agency, agency_type="township")
    items: list[tuple[str, int | Decimal | None]] = list(S2_VALUES.items())
    for col, rows in S3_COLUMNS.items():
        items.extend((f"s3.{row}.{col}", n) for row, n in rows.items())
        handled = sum(n for row, n in rows.items() if row not in ("new", "carry_in"))
        items.append((f"s3.carry_over.{col}", rows.get("new", 0) + rows.get("carry_in", 0) - handled))
    items.extend(S4_VALUES.items())
    report.set_values(items)
    report.texts.update(TEXTS)
    return report
