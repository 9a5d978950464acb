"""Render the city specimen's exports into docs/export/*.png, as a reviewer sees them.

Word and Excel through LibreOffice (soffice) → PDF → pdftoppm; the PDF as the program writes it; the web page in
headless Chromium at desktop and phone width. Run after layout changes, then LOOK at every page:

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/render_export_pages.py

Needs soffice, pdftoppm and (for the web page) chromium and ImageMagick's convert; a missing tool skips its pages.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.export import default_fonts, export_report  # noqa: E402
from app.export.specimen import city_report  # noqa: E402
from ui.export.printing import export_pdf  # noqa: E402

OUT = ROOT / "docs" / "export"
DPI = "80"
# (picture, source pdf key, page): the pages docs/export/README.md shows
PAGES = [("word-page3.png", "docx", 3), ("word-page4.png", "docx", 4), ("word-page5.png", "docx", 5),
         ("pdf-page1.png", "pdf", 1), ("pdf-page3.png", "pdf", 3), ("pdf-page4.png", "pdf", 4),
         ("excel-sheet-s3.png", "xlsx", 2), ("pdf-draft-page1.png", "draft", 1)]


def _page(pdf: Path, page: int, target: Path) -> None:
    stem = target.with_suffix("")
    subprocess.run(["pdftoppm", "-r", DPI, "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf), str(stem)],
                   check=True)


def _libreoffice(source: Path, folder: Path) -> Path:
    out = folder / source.suffix[1:]
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/lo-profile", "--convert-to", "pdf",
                    "--outdir", str(out), str(source)], check=True, capture_output=True, timeout=300)
    return out / f"{source.stem}.pdf"


def _browser(html: Path) -> None:
    chromium, convert = shutil.which("chromium"), shutil.which("convert")
    if not chromium or not convert:
        print("chromium or convert missing: web page pictures skipped")
        return
    shot = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    subprocess.run([*shot, "--window-size=1100,1500", f"--screenshot={OUT / 'html-desktop.png'}", html.as_uri()],
                   check=True, capture_output=True, timeout=120)
    with tempfile.TemporaryDirectory() as tmp:
        long = Path(tmp) / "phone.png"
        subprocess.run([*shot[:-1], "--window-size=390,7000", f"--screenshot={long}", html.as_uri()],
                       check=True, capture_output=True, timeout=120)
        # the Section 二/三 tables on a phone: they scroll sideways, figures stay whole
        subprocess.run([convert, str(long), "-crop", "390x1100+0+2300", "+repage", str(OUT / "html-phone.png")],
                       check=True)


def main() -> None:
    report, fonts = city_report(), default_fonts()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pdfs: dict[str, Path] = {}
        for kind in ("docx", "xlsx", "html"):
            export_report(report, kind, folder / f"city.{kind}", fonts)
        pdfs["pdf"] = folder / "city.pdf"
        export_pdf(report, pdfs["pdf"], fonts)
        pdfs["draft"] = folder / "draft.pdf"
        export_pdf(report, pdfs["draft"], fonts, draft=True)
        if shutil.which("soffice"):
            pdfs["docx"] = _libreoffice(folder / "city.docx", folder)
            pdfs["xlsx"] = _libreoffice(folder / "city.xlsx", folder)
        for picture, key, page in PAGES:
            if key in pdfs:
                _page(pdfs[key], page, OUT / picture)
                print(f"wrote docs/export/{picture}")
        _browser(folder / "city.html")


if __name__ == "__main__":
    main()
