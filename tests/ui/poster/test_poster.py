"""一图读懂: the seed (all zeros), a realistic township and a city with five-digit figures, as A4 PDF, A4 PNG and
the 750-px long image; the PDF's text holds the key figures; the command line and the window's dialog write them."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtGui import QImage

from app.export.fonts import default_fonts
from app.report.figures import Figure
from app.report.model import Report
from app.report.previous import make_previous
from app.storage import load, save
from tests.factories import city_report, realistic_report
from tests.ui.export.test_printing import pdf_pages, squeeze
from ui.export.printing import ensure_gui_app
from ui.main import main as zwgk
from ui.poster import dialog as poster_dialog
from ui.poster.dialog import PosterDialog
from ui.poster.draw import arrow
from ui.poster.files import export_poster, long_image, page_image
from ui.shared import dialogs

PDFTOTEXT = shutil.which("pdftotext")


def township() -> Report:
    report = realistic_report(agency_type="township")
    report.agency = "某县金山镇人民政府"
    return report


def report_2019() -> Report:
    """The 2019 trial format (2019–2020 reports): other Section 二 columns, 采购 with a stated unit."""
    report = Report.new(2020, "某镇人民政府")
    report.set_values([("s2.normative.made", 2), ("s2.normative.published", 2), ("s2.normative.total_public", 15),
                       ("s2.license.decisions", 30), ("s2.procurement.items", 3), ("s2.procurement.amount", 251000),
                       ("s3.new.natural", 3), ("s3.granted.natural", 2), ("s3.other.natural", 1)])
    report.units["s2.procurement.amount"] = "元"
    return report


@pytest.mark.skipif(PDFTOTEXT is None, reason="poppler-utils (bootstrap.sh installs it)")
@pytest.mark.parametrize(("make", "figures"), [
    (lambda: load("resources/examples/jindian-2021.zwgk"), ["金殿镇人民政府", "本年度未收到政府信息公开申请"]),
    (township, ["某县金山镇人民政府", "412", "26.55", "13", "予以公开", "行政复议"]),
    (city_report, ["某市人民政府", "45678", "12345", "14778", "14688", "11234", "8299", "49件", "25件"]),
    (lambda: report_2019(), ["某镇人民政府", "2020年", "新制作规范性文件", "251000", "政府集中采购总金额"]),
])
def test_pdf_holds_the_key_figures(tmp_path, make, figures):
    ensure_gui_app()
    out = tmp_path / "一图读懂.pdf"
    export_poster(make(), "poster-pdf", out)
    pages = pdf_pages(out)
    assert len(pages) == 1
    text = squeeze(pages[0])
    for figure in figures:
        assert figure in text
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert "(A4)" in info  # portrait A4: “Page size: 595.276 x 841.89 pts (A4)”


def test_page_and_long_image_sizes():
    ensure_gui_app()
    report = city_report()
    page = page_image(report)
    assert (page.width(), page.height()) == (1240, 1754)  # A4 at 150 dpi
    long = long_image(report)
    assert long.width() == 750 and long.height() > 1500


def test_images_are_greyscale_readable():
    """Every colour the poster uses keeps a distinct lightness, so a greyscale print still tells bars apart."""
    from ui.poster.draw import RAMP  # noqa: PLC0415

    lightness = sorted(c.lightness() for c in RAMP[:5])
    assert all(b - a >= 25 for a, b in zip(lightness, lightness[1:], strict=False))


def test_the_long_image_has_drawn_content_not_a_blank_page():
    ensure_gui_app()
    image = long_image(township()).convertToFormat(QImage.Format.Format_Grayscale8)
    dark = sum(1 for y in range(0, image.height(), 7) for x in range(0, image.width(), 7)
               if image.pixelColor(x, y).lightness() < 128)
    assert dark > 1000  # the header band, numbers, bars


def test_arrows_say_the_change():
    assert arrow(Figure("新收申请", ("s3.new.total",), 153, 141)) == "比上年 ▲12（+8.5%）"
    assert arrow(Figure("新收申请", ("s3.new.total",), 5, 12)) == "比上年 ▼7（−58.3%）"
    assert arrow(Figure("新收申请", ("s3.new.total",), 7, 7)) == "与上年持平"
    assert arrow(Figure("新收申请", ("s3.new.total",), 7, None)) == ""


def test_command_line_writes_all_three(tmp_path, capsys):
    report = city_report()
    last = city_report(2022)
    for cid in report.format.cells:  # last year's 结转下年度 is this year's 上年结转 (else X1 errors: no poster)
        if cid.startswith("s3.carry_in."):
            last.values[cid.replace("carry_in", "carry_over")] = report.values[cid]
    report.previous = make_previous(last)
    path = tmp_path / "市.zwgk"
    save(report, path)
    for kind, name in (("poster-pdf", "市-一图读懂.pdf"), ("poster-png", "市-一图读懂.png"),
                       ("poster-long", "市-一图读懂-长图.png")):
        assert zwgk(["export", str(path), "--to", kind]) == 0
        assert (tmp_path / name).stat().st_size > 10_000
    assert QImage(str(tmp_path / "市-一图读懂-长图.png")).width() == 750
    assert zwgk(["export", str(path), "--to", "poster-pdf", "-o", str(tmp_path / "x.png")]) == 2
    assert "应以 .pdf 结尾" in capsys.readouterr().err


def test_dialog_previews_and_saves(qtbot, tmp_path, monkeypatch):
    ensure_gui_app()
    dialog = PosterDialog(township(), default_fonts(), tmp_path / "镇.zwgk")
    qtbot.addWidget(dialog)
    assert dialog.picture.pixmap().width() == 620
    dialog.long.setChecked(True)
    assert dialog.image().width() == 750
    asked = []

    def ask(parent, title, suggested, filters, suffix):
        asked.append(suggested.name)
        return suggested

    monkeypatch.setattr(dialogs, "ask_file_to_write", ask)
    assert poster_dialog.dialogs is dialogs
    path = dialog.save("poster-long")
    assert asked == ["镇-一图读懂-长图.png"] and path.exists() and QImage(str(path)).width() == 750


def test_report_pdf_prints_fields_as_figures(tmp_path):
    from app.report.draft import draft  # noqa: PLC0415
    from ui.export.printing import export_pdf  # noqa: PLC0415

    report = township()
    report.texts["s1"] += "\n" + "\n".join(p.text for p in draft(report, ("s4",)))
    export_pdf(report, tmp_path / "r.pdf")
    text = squeeze("".join(pdf_pages(tmp_path / "r.pdf")))
    assert "本年度本机关因政府信息公开工作被申请行政复议2件" in text and "⟦" not in text
