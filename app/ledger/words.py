"""The words clerks write in application ledgers, and which official row or column of Section 三 they mean.

The official labels themselves come from the format data (app.report.formats); this module only adds the everyday words
that are not labels, keyed by the format's stable ids ("natural", "deny.4"). An id a format does not have is simply
not used with that format (the 2019 format has a single "other" row instead of "other.1"…"other.3").

Rules of the vocabulary: a word is listed only when it means one official category and nothing else. Words that
could mean two things (律师: a person or a law firm; 法人: which kind of organisation) are deliberately absent, so the
value is put in front of the user instead of being guessed.
"""

from __future__ import annotations

# Ledger columns: field -> (Chinese name shown to the user, required, header words; exact first, then contained).
FIELDS: dict[str, tuple[str, bool, tuple[str, ...]]] = {
    "serial": ("序号", False, ("序号", "编号", "登记号", "登记编号", "受理编号", "申请编号", "流水号")),
    "received": ("收到日期", True, ("收到日期", "收文日期", "收到申请日期", "收到时间", "收文时间", "受理日期",
                                  "受理时间", "登记日期", "接收日期", "收件日期", "申请日期", "申请时间")),
    "applicant": ("申请人", False, ("申请人", "申请人姓名", "申请人名称", "申请人姓名或名称", "申请人姓名(名称)",
                                  "姓名/名称", "姓名或名称")),
    "applicant_type": ("申请人类型", True, ("申请人类型", "申请人类别", "申请人性质", "申请主体类型", "申请人身份",
                                        "申请人情况", "主体类型", "申请人分类")),
    "content": ("申请内容", False, ("申请内容", "申请公开内容", "申请公开的内容", "申请事项", "申请信息内容",
                                  "所需信息内容", "所需政府信息", "内容描述")),
    "answered": ("答复日期", True, ("答复日期", "答复时间", "办结日期", "办结时间", "回复日期", "回复时间",
                                  "告知日期", "答复告知日期", "出具答复日期")),
    "result": ("办理结果", True, ("办理结果", "答复结果", "处理结果", "答复情况", "办理情况", "答复类型",
                                "答复意见", "办理结果类型")),
    "reason": ("不予公开理由", False, ("不予公开理由", "不予公开原因", "不公开理由", "理由", "具体情形", "具体理由",
                                   "答复依据", "不予公开依据", "情形", "原因", "备注理由", "细分情形")),
}

# Applicant type words -> column id. Whole-value matches; official labels are added from the format.
APPLICANT_WORDS: dict[str, str] = {
    **dict.fromkeys(("个人", "公民", "自然人申请", "群众", "居民", "村民", "市民", "农民"), "natural"),
    **dict.fromkeys(("企业", "公司", "企业法人", "有限公司", "有限责任公司", "股份有限公司", "商业公司",
                     "商业机构"), "business"),
    **dict.fromkeys(("科研院所", "研究所", "研究院", "研究机构", "科研单位"), "research"),
    **dict.fromkeys(("公益组织", "社会组织", "基金会", "慈善组织", "公益机构"), "nonprofit"),
    **dict.fromkeys(("律师事务所", "律所", "法律服务所", "基层法律服务所", "公证处", "公证机构", "法律援助中心",
                     "法律服务"), "legal"),
    **dict.fromkeys(("其他组织", "其它", "其它组织"), "other"),
}
# Endings that name the kind of organisation whatever precedes them ("某某建设有限公司" in the type column).
APPLICANT_SUFFIXES: dict[str, str] = {
    "有限公司": "business", "有限责任公司": "business", "公司": "business",
    "律师事务所": "legal", "公证处": "legal",
    "研究所": "research", "研究院": "research",
    "基金会": "nonprofit",
}

# Result words -> row id, matched against the whole value.
RESULT_WORDS: dict[str, str] = {
    **dict.fromkeys(("公开", "同意公开", "已公开", "全部公开", "准予公开", "全部予以公开", "予以提供", "同意提供",
                     "提供"), "granted"),
    **dict.fromkeys(("部分予以公开", "部分同意公开", "部分提供", "区分处理"), "partial"),
    **dict.fromkeys(("信息不存在", "本机关不掌握", "不掌握", "本机关不掌握相关信息", "信息不存在或不掌握",
                     "不掌握相关政府信息"), "unable.1"),
    **dict.fromkeys(("需要另行制作", "需另行制作", "没有现成信息"), "unable.2"),
    **dict.fromkeys(("补正后仍不明确", "申请内容不明确"), "unable.3"),
    **dict.fromkeys(("信访举报投诉", "信访类", "信访件", "投诉举报", "举报投诉"), "reject.1"),
    **dict.fromkeys(("重复申请",), "reject.2"),
    **dict.fromkeys(("公开出版物",), "reject.3"),
    **dict.fromkeys(("大量反复申请",), "reject.4"),
    **dict.fromkeys(("逾期不补正", "逾期未补正", "申请人逾期不补正"), "other.1"),
    **dict.fromkeys(("逾期未缴费", "逾期不缴费", "未缴纳费用", "逾期未缴纳费用"), "other.2"),
}
# Phrases that name a group of result rows (the official group labels are added from the format).
GROUP_WORDS: dict[str, str] = {"不公开": "deny", "不同意公开": "deny", "不作处理": "reject"}
# Phrases at the start of a value that settle the row whatever follows ("部分公开（涉及个人隐私）").
RESULT_PREFIXES: dict[str, str] = {"予以公开": "granted", "同意公开": "granted", "全部公开": "granted",
                                   "部分公开": "partial"}

# Within a known group, a reason that contains one of these words names the row. Keyed by row id.
REASON_KEYWORDS: dict[str, tuple[str, ...]] = {
    "deny.1": ("国家秘密", "涉密", "保密事项"),
    "deny.2": ("法律行政法规禁止", "法律法规禁止", "禁止公开"),
    "deny.3": ("三安全一稳定", "国家安全", "公共安全", "经济安全", "社会稳定"),
    "deny.4": ("第三方", "商业秘密", "个人隐私"),
    "deny.5": ("内部事务", "人事管理", "后勤管理", "内部工作流程"),
    "deny.6": ("过程性", "讨论记录", "过程稿", "磋商信函", "请示报告"),
    "deny.7": ("行政执法案卷", "执法案卷"),
    "deny.8": ("行政查询", "查询事项"),
    "unable.1": ("不掌握", "不存在", "未制作", "未获取", "无相关信息", "没有相关信息"),
    "unable.2": ("另行制作", "没有现成", "加工", "汇总分析"),
    "unable.3": ("仍不明确", "内容不明确", "无法明确"),
    "reject.1": ("信访", "举报", "投诉"),
    "reject.2": ("重复申请",),
    "reject.3": ("出版物",),
    "reject.4": ("大量反复",),
    "reject.5": ("确认", "重新出具"),
    "other.1": ("补正",),
    "other.2": ("缴费", "缴纳费用", "收费通知"),
}

# Results that say the application is still open: counted by its dates (no answer date → 结转下年度).
PENDING_WORDS = ("办理中", "正在办理", "在办", "未办结", "待答复", "延期答复", "延期", "补正中", "正在处理",
                 "征求第三方意见", "征求意见中")

# First cells that mark a summary line at the bottom of a ledger, not an application.
SUMMARY_MARKS = ("合计", "总计", "小计", "共计")
