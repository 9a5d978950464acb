"""Rebuild template.docx: python-docx's default document made A4 with GB/T 9704 margins, theme fonts cleared, the
East Asian language set to Chinese and the export's styles defined with the Windows built-in fonts.

Run from the repository root: .venv/bin/python resources/templates/build_template.py
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402

from app.export.docx import TEMPLATE, apply_styles, clear_theme_fonts, setup_page  # noqa: E402
from app.export.fonts import windows_builtin_fonts  # noqa: E402


def main() -> None:
    doc = Document()
    body = doc.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    clear_theme_fonts(doc)
    apply_styles(doc, windows_builtin_fonts())
    setup_page(doc)
    doc.core_properties.author = ""
    doc.core_properties.title = "政府信息公开工作年度报告"
    doc.save(str(TEMPLATE))
    print(f"wrote {TEMPLATE}")


if __name__ == "__main__":
    main()
