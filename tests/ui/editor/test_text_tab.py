"""Text sections: guide from the format data, character count, two-way binding with the document."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.report.model import Report
from ui.editor.text_tab import TextTab, count_characters
from ui.shared.document import ReportDocument
from ui.window.application import setup_application


def test_count_ignores_spaces_and_line_breaks():
    assert count_characters("一、 总体\n情况 ab") == 8
    assert count_characters("\u3000\u3000全角空格\xa0与制表\t\r\n") == 7  # full-width and no-break spaces too


@given(st.text())
def test_count_is_every_character_that_is_not_white_space(text):
    assert count_characters(text) == sum(1 for ch in text if not ch.isspace())


def test_guide_comes_from_the_format_and_undo_restores_the_editor(qtbot):
    setup_application()
    doc = ReportDocument(Report.new(2021, "某镇人民政府"))
    tab = TextTab(doc, "s6")
    qtbot.addWidget(tab)
    assert tab.guide.text() == doc.format.section("s6").guide
    assert tab.heading.text() == "六、其他需要报告的事项"
    assert "T5" not in tab.problems.text() and "没有需要报告的事项" in tab.problems.text()
    tab.editor.setPlainText("无")
    assert doc.report.texts["s6"] == "无" and tab.count.text().startswith("字数：1")
    assert tab.problems.text() == ""
    doc.undo_stack.undo()
    assert tab.editor.toPlainText() == "" and tab.count.text().startswith("字数：0")
