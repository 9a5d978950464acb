"""PDF, print preview and printing through QPrinter (offscreen), read back with poppler's pdftotext."""

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from app.export import layout as L
from app.export.fonts import FontSet
from app.export.specimen import realistic_report
from app.storage import load
from ui.export import printing
from ui.main import main as cli_main

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed")

FONTS = FontSet(title="方正小标宋简体", body="仿宋_GB2312", heading1="黑体", heading2="楷体_GB2312", page_number="宋体")


def pdf_pages(path: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def squeeze(text: str) -> str:
    """The text without spaces and line breaks (pdftotext breaks lines where the page does)."""
    return re.sub(r"\s+", "", text)


def words_with_boxes(path: Path, page: int) -> list[tuple[float, float, str]]:
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(path), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), w) for a, b, w in
            re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', out)]


@pytest.fixture
def realistic_pdf(qapp, tmp_path) -> Path:
    out = tmp_path / "report.pdf"
    pages = printing.export_pdf(realistic_report(), out, FONTS)
    assert pages >= 3
    return out


def test_pdf_holds_headings_labels_and_numbers_in_order(realistic_pdf):
    pages = pdf_pages(realistic_pdf)
    text = squeeze("".join(pages))
    expected = ["青山县石桥镇人民政府", "2023年政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况",
                "第二十条第（一）项", "行政规范性文件3115", "行政许可126", "行政事业性收费26.55",
                "三、收到和处理政府信息公开申请情况", "一、本年新收政府信息公开申请数量123012018",
                "二、上年结转政府信息公开申请数量2100003", "（七）总计133011018", "四、结转下年度继续办理1100103",
                "四、政府信息公开行政复议、行政诉讼情况", "110131000100000", "五、存在的主要问题及改进情况",
                "（一）存在的主要问题", "六、其他需要报告的事项", "本年度未收取信息处理费。"]
    at = 0
    for piece in expected:
        found = text.find(squeeze(piece), at)
        assert found >= 0, f"“{piece}” missing or out of order"
        at = found + len(squeeze(piece))


def test_a4_pages_numbered_odd_right_even_left(realistic_pdf):
    info = subprocess.run(["pdfinfo", str(realistic_pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)", info)
    page_w = 595.28
    for page in (1, 2):
        words = words_with_boxes(realistic_pdf, page)
        number = [w for w in words if w[2] == str(page)]
        assert number, f"page {page} has no number"
        x_min, x_max, _ = number[-1]
        dashes = [w for w in words if w[2] == "—"]
        assert len(dashes) >= 2  # "— 1 —"
        if page % 2:
            assert x_min > page_w / 2  # odd: right
        else:
            assert x_max < page_w / 2  # even: left


def test_table_header_repeats_and_no_text_is_printed_twice(realistic_pdf):
    pages = [squeeze(p) for p in pdf_pages(realistic_pdf)]
    s3_pages = [p for p in pages if "申请人情况" in p]
    assert len(s3_pages) == 2  # the Section 三 table runs onto a second page, with its header again
    assert all("本列数据的勾稽关系" in p for p in s3_pages)
    whole = "".join(pages)
    for label in ("1.属于国家秘密", "（七）总计", "一、本年新收政府信息公开申请数量", "行政事业性收费"):
        assert whole.count(squeeze(label)) == 1, label  # nothing is drawn on two pages
    # a two-line label is never cut by a page break: its second line follows on the same page
    label = "2.其他法律行政法规禁止公开"
    raw_pages = pdf_pages(realistic_pdf)
    page = next(p for p in raw_pages if label[:8] in squeeze(p))
    lines = [squeeze(line) for line in page.splitlines()]
    i = next(k for k, line in enumerate(lines) if label[:8] in line)
    first = lines[i][lines[i].index(label[:8]):]
    rest = label[len(os.path.commonprefix([first, label])):]
    assert rest and any(rest in line for line in lines[i + 1:i + 3])


def test_sample_paragraph_running_onto_the_next_page_is_not_duplicated(qapp, tmp_path, sample_path):
    out = tmp_path / "jindian.pdf"
    printing.export_pdf(load(sample_path), out, FONTS)
    text = squeeze("".join(pdf_pages(out)))
    report = load(sample_path)
    for line in report.texts["s1"].splitlines():
        if line.strip():
            assert text.count(squeeze(line)[:40]) == 1


def test_body_lines_on_the_gb9704_grid(realistic_pdf):
    words = words_with_boxes(realistic_pdf, 1)
    out = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(realistic_pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    tops = [float(y) for y in re.findall(r'<word xMin="79\.3\d*" yMin="([\d.]+)"', out)]
    pitches = {round(b - a, 1) for a, b in zip(tops, tops[1:], strict=False) if b - a < 40}
    assert pitches == {round(L.LINE_PITCH_PT, 1)}
    assert min(x for x, _, _ in words) == pytest.approx(L.mm_to_pt(L.MARGIN_LEFT_MM), abs=0.5)


def _toolbar_button(dialog, text: str) -> QToolButton:
    action = next(a for a in dialog.toolbar.actions() if a.text() == text)
    return dialog.toolbar.widgetForAction(action)


def test_preview_prints_to_the_default_printer_in_one_click(qtbot, tmp_path, monkeypatch):
    out = tmp_path / "printed.pdf"
    monkeypatch.setattr(printing, "default_printer", lambda: printing.pdf_printer(out))  # the "printer"
    dialog = printing.PrintPreviewDialog(realistic_report(), FONTS)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview.pageCount() >= 3)
    assert "共 " in dialog.pages_label.text()
    qtbot.mouseClick(_toolbar_button(dialog, "打印"), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    assert dialog.printed_pages == dialog.preview.pageCount()
    assert "一、本年新收政府信息公开申请数量" in squeeze("".join(pdf_pages(out)))


def test_preview_without_a_printer_says_so(qtbot, monkeypatch):
    monkeypatch.setattr(printing, "default_printer", lambda: None)
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: said.append(text))
    dialog = printing.PrintPreviewDialog(realistic_report(), FONTS)
    qtbot.addWidget(dialog)
    dialog.print_action.trigger()
    assert said and "没有设置默认打印机" in said[0]
    assert dialog.printed_pages == 0


def test_cli_exports_pdf(qapp, tmp_path, sample_path, capsys):
    out = tmp_path / "jindian.pdf"
    assert cli_main(["export", str(sample_path), "--to", "pdf", "-o", str(out)]) == 0
    assert "已导出" in capsys.readouterr().out
    assert "金殿镇人民政府" in squeeze("".join(pdf_pages(out)))
    assert cli_main(["export", str(sample_path), "--to", "pdf", "-o", str(tmp_path / "no" / "x.pdf")]) == 2
    assert "不存在" in capsys.readouterr().err


def test_a_page_range_from_the_print_dialog_is_honoured(qapp, tmp_path):
    out = tmp_path / "pages.pdf"
    printer = printing.pdf_printer(out)
    printer.setPrintRange(printer.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    assert printing.ReportTypesetter(realistic_report(), FONTS).paint(printer) == 2
    pages = pdf_pages(out)
    assert len(pages) == 2
    assert "—2—" in squeeze(pages[0]) and "—3—" in squeeze(pages[1])


def test_ctrl_p_prints_after_the_print_dialog(qapp, tmp_path, monkeypatch, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    from ui.export import actions as export_actions
    from ui.shared.document import ReportDocument

    out = tmp_path / "ctrl-p.pdf"

    class FilePrinter(QPrinter):  # stands in for the printer chosen in the dialog
        def __init__(self, mode):
            super().__init__(mode)
            self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.setOutputFileName(str(out))

    monkeypatch.setattr(printing, "QPrinter", FilePrinter)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Accepted)
    doc = ReportDocument(realistic_report())
    assert export_actions.print_document(None, doc) >= 3
    assert "三、收到和处理政府信息公开申请情况" in squeeze("".join(pdf_pages(out)))
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: QPrintDialog.DialogCode.Rejected)
    assert export_actions.print_document(None, doc) == 0  # cancelled in the dialog: nothing printed


def test_pdf_text_is_searchable_with_the_real_characters(qapp, tmp_path):
    """A reviewer searches the PDF for the agency and for labels: pdftotext must give 人民, not ⼈⺠ (Qt names the
    lowest code point a CJK font draws with the glyph; the text layer is repaired after painting)."""
    from app.export.pdf_text import claimed_characters
    from app.export.specimen import city_report

    report = city_report()
    out = tmp_path / "city.pdf"
    printing.export_pdf(report, out, FONTS)
    raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    text = squeeze(raw)
    for wanted in ("云江市人民政府", "2023年政府信息公开工作年度报告", "行政复议", "行政诉讼", "主动公开政府信息情况",
                   "本年新收政府信息公开申请数量", "门户网站", "3.危及“三安全一稳定”", "268451", "13857", "96171.6372"):
        assert wanted in text, wanted
    looks_alike = [ch for ch in raw if 0x2E80 <= ord(ch) <= 0x2FDF or ch == "\t"]
    assert looks_alike == []
    layout = L.build_layout(report)
    drawn = set("".join(layout.title_lines) + "—0123456789 ")
    for item in layout.items:
        drawn |= set("".join(c.text for c in item.cells) if isinstance(item, L.TableLayout) else item.lead + item.text)
    assert claimed_characters(out.read_bytes()) - {"\x00"} <= drawn  # every glyph maps to a character drawn


def test_body_lines_hold_28_characters_and_the_sign_off_stands_right(qapp, tmp_path):
    from app.export.specimen import city_report

    out = tmp_path / "city.pdf"
    printing.export_pdf(city_report(), out, FONTS)
    pages = pdf_pages(out)
    lines = [squeeze(line) for line in pages[0].splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("本报告根据"))
    full = lines[start + 1:start + 5]  # the preamble's inner lines: full lines without digits
    assert len(full) == 4 and all(len(line) == 28 for line in full), full
    last = words_with_boxes(out, len(pages))
    agency = next(w for w in last if w[2] == "云江市人民政府")
    date = next(w for w in last if w[2].startswith("2024年1月26日"))
    right_edge = L.mm_to_pt(L.MARGIN_LEFT_MM + L.TEXT_WIDTH_MM)
    assert agency[1] == pytest.approx(right_edge - 3.5 * L.BODY_PT, abs=4)  # GB/T 9704 落款 positions
    assert date[1] == pytest.approx(right_edge - 2 * L.BODY_PT, abs=4)
    # the date starts two characters right of the agency (measured with 仿宋's half-em digits; this machine's
    # stand-in face has slightly wider ones)
    assert agency[0] + 2 * L.BODY_PT == pytest.approx(date[0], abs=8)


def test_a_draft_pdf_says_so_on_every_page(qapp, tmp_path):
    out = tmp_path / "draft.pdf"
    pages = printing.export_pdf(realistic_report(), out, FONTS, draft=True)
    texts = pdf_pages(out)
    assert len(texts) == pages and all("草稿（未通过检查）" in squeeze(t) for t in texts)


@pytest.mark.parametrize("which", ["city", "township"])
def test_no_page_ends_with_a_heading_and_section_two_blocks_start_with_their_caption(qapp, tmp_path, which):
    from app.export.specimen import city_report

    report = city_report() if which == "city" else realistic_report()
    out = tmp_path / "r.pdf"
    printing.export_pdf(report, out, FONTS)
    headings = {s.heading for s in report.format.sections}
    for number, page in enumerate(pdf_pages(out), start=1):
        lines = [squeeze(line) for line in page.splitlines() if squeeze(line)]
        body = [line for line in lines if not re.fullmatch(r"—\d+—", line)]
        assert body[-1] not in headings and not re.fullmatch(r"（[一二三四五六七八九十]+）\S{0,20}", body[-1]), (number, body[-1])
        assert not re.match(r"^(信息内容|行政许可|行政处罚|行政强制|行政事业性收费|规章)", body[0]), (number, body[0])


def test_printing_to_a_pdf_file_suggests_the_report_name_and_says_where(qapp, tmp_path, monkeypatch, qtbot):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
    from PySide6.QtWidgets import QMainWindow

    out = tmp_path / "金殿镇年报.pdf"
    report = realistic_report()
    suggested: list[str] = []

    def choose_pdf(dialog: QPrintDialog) -> int:  # the clerk picks 打印到文件(PDF) and a file name
        suggested.append(dialog.printer().docName())
        dialog.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        dialog.printer().setOutputFileName(str(out))
        return QPrintDialog.DialogCode.Accepted

    monkeypatch.setattr(QPrintDialog, "exec", choose_pdf)
    window = QMainWindow()
    qtbot.addWidget(window)
    assert printing.print_report(window, report, FONTS) >= 3
    assert suggested == [report.title]
    assert window.statusBar().currentMessage() == f"已打印为 PDF 文件：{out}"
    assert "三、收到和处理政府信息公开申请情况" in squeeze("".join(pdf_pages(out)))
