"""Exports go through storage.write_atomic: a refused or failed write is a Chinese message, and the previous
export (or the project file) is never damaged."""

from __future__ import annotations

import pytest

from app.export import ExportError, export_report, write_atomically
from tests.app.storage.faults import FaultySystem, install, refused


def test_unwritable_folder_is_a_chinese_error_not_a_traceback(tmp_path, report, fonts, monkeypatch):
    # Only the write into the target folder is refused; the private scratch folder stays writable.
    install(monkeypatch, FaultySystem(refused, when=lambda name, where: name == "open"
                                      and where.startswith(str(tmp_path / "."))))
    with pytest.raises(ExportError, match="没有权限"):
        export_report(report, "html", tmp_path / "r.html", fonts)
    assert list(tmp_path.iterdir()) == []


def test_failed_writer_keeps_the_previous_export(tmp_path):
    out = tmp_path / "r.html"
    out.write_text("上一次导出", encoding="utf-8")

    def broken(path):
        path.write_text("半个文件", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(ExportError, match="r.html"):
        write_atomically(out, broken)
    assert out.read_text(encoding="utf-8") == "上一次导出"
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


@pytest.mark.parametrize("name", ["r.zwgk", "r.ZWGK"])
def test_export_never_overwrites_a_project_file(tmp_path, report, fonts, name):
    project = tmp_path / name
    project.write_text("{}", encoding="utf-8")
    with pytest.raises(ExportError, match="项目文件"):
        export_report(report, "docx", project, fonts)
    assert project.read_text(encoding="utf-8") == "{}"


def test_folder_as_target_is_refused(tmp_path, report, fonts):
    with pytest.raises(ExportError, match="文件夹"):
        export_report(report, "xlsx", tmp_path, fonts)


@pytest.mark.parametrize("kind", ["docx", "xlsx", "html"])
def test_control_characters_and_lone_surrogates_do_not_break_an_export(tmp_path, report, fonts, kind):
    """Word's manual line break (\\v) arrives with pasted text; python-docx and openpyxl raised ValueError on it, and
    a lone surrogate from a hand-made file made the web page fail to encode."""
    report.agency = "金殿镇\x02人民政府"
    report.texts["s1"] = "第一段\x0b第二段\x01。\ud800"
    out = tmp_path / f"r.{kind}"
    export_report(report, kind, out, fonts)
    assert out.stat().st_size > 0
    assert report.texts["s1"] == "第一段\x0b第二段\x01。\ud800"  # the report itself is not changed
    if kind == "docx":
        import docx

        paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
        assert "金殿镇人民政府" in paragraphs and "第一段" in paragraphs and "第二段。" in paragraphs
