"""Every export reads back through the importer (app.imports) to the same numbers, texts, year and agency."""

import pytest

from app.export import export_report
from app.imports import import_source


@pytest.mark.parametrize("kind", ["docx", "xlsx", "html"])
def test_export_imports_back_to_the_same_report(tmp_path, report, fonts, kind):
    report.set_value("s3.new.research", None)  # a blank the clerk left must come back blank, not 0
    out = tmp_path / f"report.{kind}"
    export_report(report, kind, out, fonts)
    back, info = import_source(out)
    assert back.format.id == report.format.id
    assert back.year == report.year
    assert not info.unplaced, info.lines()
    differ = {cid: (report.values.get(cid), back.values.get(cid)) for cid in report.format.cell_order
              if report.values.get(cid) != back.values.get(cid)}
    assert differ == {}
    if kind != "xlsx":  # the workbook carries the tables only
        assert back.agency == report.agency
        for key in ("s1", "s5", "s6"):
            assert back.texts[key].split() == report.texts[key].split(), key
