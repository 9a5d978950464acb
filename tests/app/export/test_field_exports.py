"""Figure fields print as plain figures in every export (Word, web page; Excel holds no text parts)."""

from __future__ import annotations

import docx

from app.export import export_report
from app.report.draft import draft
from tests.factories import realistic_report


def report_with_fields():
    report = realistic_report()
    report.texts["s1"] += "\n" + "\n".join(p.text for p in draft(report, ("s3",)))
    report.set_value("s3.new.natural", 11234)  # after the draft: the export shows today's table
    return report


def test_word_and_web_page_print_the_figures(tmp_path):
    report = report_with_fields()
    export_report(report, "docx", tmp_path / "r.docx")
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "r.docx")).paragraphs]
    assert any(p.startswith("本年度共收到政府信息公开申请11237件，其中自然人申请11234件") for p in paragraphs)
    assert not any("⟦" in p for p in paragraphs)
    export_report(report, "html", tmp_path / "r.html")
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "本年度共收到政府信息公开申请11237件" in page and "⟦" not in page
