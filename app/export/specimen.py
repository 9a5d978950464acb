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


# A city government (fictitious 云江市): five- and six-digit figures, the widths a county office sees from a city.
CITY_AGENCY = "云江市人民政府"
CITY_S2 = {
    "s2.rules.issued": 6, "s2.rules.repealed": 2, "s2.rules.in_force": 87,
    "s2.normative.issued": 48, "s2.normative.repealed": 31, "s2.normative.in_force": 1264,
    "s2.license.decisions": 268451, "s2.penalty.decisions": 35972, "s2.enforcement.decisions": 4187,
    "s2.fees.amount": Decimal("96171.6372"),
}
# Per applicant column: received (一, 二) and handled (三); 四、结转 is what is left, so every column balances.
CITY_S3 = {
    "natural": {"new": 13857, "carry_in": 1032, "granted": 6128, "partial": 1873, "deny.1": 12, "deny.2": 41,
                "deny.3": 23, "deny.4": 318, "deny.5": 207, "deny.6": 486, "deny.7": 95, "deny.8": 164,
                "unable.1": 2716, "unable.2": 604, "unable.3": 231, "reject.1": 512, "reject.2": 387,
                "reject.3": 46, "reject.4": 29, "reject.5": 73, "other.1": 118, "other.2": 4, "other.3": 96},
    "business": {"new": 2164, "carry_in": 118, "granted": 1035, "partial": 342, "deny.4": 96, "deny.6": 41,
                 "unable.1": 388, "unable.2": 97, "reject.1": 35, "reject.2": 28, "other.1": 17, "other.3": 9},
    "research": {"new": 37, "carry_in": 2, "granted": 21, "partial": 6, "unable.1": 5, "other.3": 1},
    "nonprofit": {"new": 58, "carry_in": 4, "granted": 27, "partial": 9, "deny.6": 2, "unable.1": 11, "reject.2": 1},
    "legal": {"new": 1296, "carry_in": 87, "granted": 512, "partial": 231, "deny.4": 44, "deny.7": 19,
              "unable.1": 205, "unable.2": 61, "reject.2": 37, "reject.5": 12, "other.1": 23, "other.3": 5},
    "other": {"new": 412, "carry_in": 21, "granted": 177, "partial": 52, "unable.1": 83, "reject.1": 21,
              "reject.2": 13, "other.3": 4},
}
CITY_S4 = {"s4.review.upheld": 1187, "s4.review.corrected": 146, "s4.review.other": 212, "s4.review.pending": 305,
           "s4.suit_direct.upheld": 419, "s4.suit_direct.corrected": 38, "s4.suit_direct.other": 97,
           "s4.suit_direct.pending": 126, "s4.suit_after_review.upheld": 233, "s4.suit_after_review.corrected": 21,
           "s4.suit_after_review.other": 44, "s4.suit_after_review.pending": 58}
CITY_TEXTS = {
    "intro": "本报告根据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
             "要求，由云江市人民政府办公室编制。全文包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况、"
             "政府信息公开行政复议和行政诉讼情况、存在的主要问题及改进情况、其他需要报告的事项。本报告所列数据的统计期限"
             "自2023年1月1日起至2023年12月31日止。本报告电子版可在云江市人民政府门户网站下载。",
    "s1": "2023年，云江市人民政府坚持以公开为常态、不公开为例外，全面贯彻落实《中华人民共和国政府信息公开条例》，"
          "围绕市委、市政府中心工作，持续深化决策、执行、管理、服务、结果公开。\n"
          "（一）主动公开。全年通过市政府门户网站、政务新媒体等渠道主动公开政府信息86412条，其中政策文件1873件、"
          "政策解读材料641件；召开新闻发布会112场。行政许可处理决定268451件、行政处罚决定35972件均按规定公开。\n"
          "（二）依申请公开。全年新收政府信息公开申请17824件，上年结转1264件，办结17833件，结转下年度继续办理1255件。"
          "所有申请均在法定期限内答复，未发生因答复超期被纠错的情况。\n"
          "（三）政府信息管理。严格落实公开前保密审查，全年审查拟公开信息9.2万条；完成行政规范性文件清理，"
          "废止31件，现行有效1264件，目录在门户网站集中公开。\n"
          "（四）平台建设。政府信息公开专栏按统一标准改版，新增“政策问答”“办事指南”栏目，全年访问量达1379万人次。\n"
          "（五）监督保障。将政务公开纳入全市高质量发展综合绩效考核，组织业务培训12场、培训2860人次；"
          "开展社会评议，满意率96.8%；全年未发生政府信息公开工作责任追究情况。",
    "s5": "（一）存在的主要问题\n一是部分县（市、区）政策解读质量不高，图解、视频等形式运用不够；"
          "二是依申请公开答复文书规范性有待提高，个别答复引用法条不够准确；三是基层政务公开标准化规范化建设进展不平衡。\n"
          "（二）改进情况\n一是建立政策解读质量评估机制，对重要政策实行解读材料与政策文件同步起草、同步审签、同步发布；"
          "二是制定依申请公开答复文书范本，组织案例评析，提升答复质量；三是开展基层政务公开标准目录动态调整，"
          "全年督促整改问题327个。",
    "s6": "（一）收取信息处理费情况。本年度依据《政府信息公开信息处理费管理办法》向申请人发出收费通知4件，实际收取"
          "信息处理费3940元。\n（二）落实上级年度政务公开工作要点情况。按照年度政务公开工作要点，逐项细化分解任务"
          "46项，已全部完成。\n（三）人大代表建议和政协提案办理结果公开情况。全年承办人大代表建议412件、政协提案538件，"
          "办理复文全部公开。",
}


def city_report(year: int = 2023) -> Report:
    """A city-level report with five- and six-digit figures: what column widths and page breaks are proved on."""
    report = Report.new(year, agency=CITY_AGENCY, agency_type="government")
    items: list[tuple[str, int | Decimal | None]] = list(CITY_S2.items())
    for col, rows in CITY_S3.items():
        items.extend((f"s3.{row}.{col}", n) for row, n in rows.items())
        handled = sum(n for row, n in rows.items() if row not in ("new", "carry_in"))
        items.append((f"s3.carry_over.{col}", rows["new"] + rows["carry_in"] - handled))
    items.extend(CITY_S4.items())
    report.set_values(items)
    report.texts.update(CITY_TEXTS)
    report.compiled_on = f"{year + 1}-01-26"
    report.contact = "云江市人民政府办公室政务公开科，地址：云江市滨江大道88号，邮编：650999，电话：0871-63612345"
    return report
