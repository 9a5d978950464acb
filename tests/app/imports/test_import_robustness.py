"""The label normaliser, and damaged documents fed to every importer: never a crash, always a clear message."""

from __future__ import annotations

import contextlib
import io
import zipfile

import hypothesis.strategies as st
import pytest
from hypothesis import HealthCheck, given, settings

from app.imports import ImportFailure, import_source
from app.imports.html import parse_html
from app.imports.labels import LabelSet, core, normalise_label
from tests.app.imports.builders import report_docx, report_html
from tests.factories import realistic_report

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("variant, official", [
    ("1、属于国家秘密", "1.属于国家秘密"),
    ("１．属于国家秘密", "1.属于国家秘密"),
    ("（三）不予公开", "(三)不予公开"),
    ("商业\n企业", "商业企业"),
    ("商业/企业", "商业企业"),
    ("  社会公益\u3000组织 ", "社会公益组织"),
    ("3.危及\"三安全一稳定\"", "3.危及“三安全一稳定”"),
    ("一.本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"),
])
def test_normaliser_folds_real_world_variants(variant, official):
    assert normalise_label(variant) == normalise_label(official)


def test_normaliser_keeps_what_tells_formats_apart():
    assert normalise_label("本年增/减") == "本年增/减"
    assert core("规范性文件") != core("行政规范性文件")
    assert core("（二）部分公开（区分处理的，只计这一情形，不计其他情形）") == "部分公开"
    assert core("本年收费金额（单位：万元）") == "本年收费金额"


def test_label_set_exact_before_contained_and_short_labels_exact_only():
    labels = LabelSet([("其他", "other"), ("总计", "total"), ("一、本年新收政府信息公开申请数量", "new")])
    assert labels.match("其他").key == "other"
    assert labels.match("其他组织") is None  # “其他” is too short to be found inside another label
    m = labels.match("本年新收政府信息公开申请")
    assert m.key == "new" and not m.exact


@given(st.text(max_size=60))
def test_normaliser_never_crashes_and_is_idempotent(text):
    once = normalise_label(text)
    assert normalise_label(once) == once
    core(text)


@given(st.text(max_size=400))
def test_html_parser_never_crashes(text):
    with contextlib.suppress(ImportFailure):
        parse_html(text, "x.html")


_TAGS = st.sampled_from(["<table>", "</table>", "<tr>", "</tr>", "<td>", "</td>", '<td rowspan="9999">',
                         '<td colspan="-3">', '<td colspan="x">', "<th>", "<p>", "</p>", "<br>", "<div>", "</div>",
                         "<script>", "</script>", "<!--", "-->", "&#x0;", "&nbsp;", "规章", "0", "/", "本年制发件数"])


@SETTINGS
@given(st.lists(_TAGS, max_size=80))
def test_html_tag_soup_imports_or_refuses_clearly(tmp_path, parts):
    p = tmp_path / "soup.html"
    p.write_text("<h1>2023年政府信息公开工作年度报告</h1>" + "".join(parts), encoding="utf-8")
    try:
        import_source(p)
    except ImportFailure as exc:
        assert str(exc)


@pytest.fixture(scope="module")
def good_sources(tmp_path_factory):
    folder = tmp_path_factory.mktemp("good")
    r = realistic_report(2023)
    docx_path = report_docx(r, folder / "r.docx")
    html = report_html(r).encode("utf-8")
    return docx_path.read_bytes(), html


@SETTINGS
@given(data=st.data())
def test_damaged_docx_bytes_never_crash(tmp_path, good_sources, data):
    raw = bytearray(good_sources[0])
    for _ in range(data.draw(st.integers(1, 20))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(10, len(raw)))
    p = tmp_path / "d.docx"
    p.write_bytes(bytes(raw[:cut]))
    try:
        import_source(p)
    except ImportFailure as exc:
        assert str(exc)


@SETTINGS
@given(data=st.data())
def test_docx_with_damaged_document_xml_never_crashes(tmp_path, good_sources, data):
    src = zipfile.ZipFile(io.BytesIO(good_sources[0]))
    xml = bytearray(src.read("word/document.xml"))
    for _ in range(data.draw(st.integers(1, 10))):
        i = data.draw(st.integers(0, len(xml) - 1))
        xml[i] = data.draw(st.sampled_from(list(b"<>/\"= a0")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for item in src.infolist():
            zf.writestr(item, bytes(xml) if item.filename == "word/document.xml" else src.read(item.filename))
    p = tmp_path / "x.docx"
    p.write_bytes(out.getvalue())
    try:
        import_source(p)
    except ImportFailure as exc:
        assert str(exc)


@SETTINGS
@given(data=st.data())
def test_damaged_html_bytes_never_crash(tmp_path, good_sources, data):
    raw = bytearray(good_sources[1])
    for _ in range(data.draw(st.integers(1, 30))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    p = tmp_path / "d.html"
    p.write_bytes(bytes(raw[: data.draw(st.integers(1, len(raw)))]))
    try:
        import_source(p)
    except ImportFailure as exc:
        assert str(exc)


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_random_bytes_as_xlsx_never_crash(tmp_path, data):
    p = tmp_path / "r.xlsx"
    p.write_bytes(b"PK\x03\x04" + data)
    with pytest.raises(ImportFailure):
        import_source(p)


def test_xml_entity_expansion_is_not_performed(tmp_path, good_sources):
    """A billion-laughs document.xml: refused or read without expanding entities, never hanging."""
    src = zipfile.ZipFile(io.BytesIO(good_sources[0]))
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">'
            b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
            b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            b"<w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for item in src.infolist():
            zf.writestr(item, bomb if item.filename == "word/document.xml" else src.read(item.filename))
    p = tmp_path / "bomb.docx"
    p.write_bytes(out.getvalue())
    with pytest.raises(ImportFailure):
        import_source(p, year=2023)


@pytest.mark.parametrize("name, message", [("a.pdf", "不支持"), ("a.txt", "不支持"), ("a.zwgk", "不是可以导入"),
                                           ("a.wps", "另存为")])
def test_unsupported_types_say_what_to_do(tmp_path, name, message):
    p = tmp_path / name
    p.write_bytes(b"something")
    with pytest.raises(ImportFailure, match=message):
        import_source(p)


def test_missing_and_empty_files(tmp_path):
    with pytest.raises(ImportFailure, match="找不到"):
        import_source(tmp_path / "none.docx")
    (tmp_path / "e.docx").write_bytes(b"")
    with pytest.raises(ImportFailure, match="空文件"):
        import_source(tmp_path / "e.docx")


@pytest.fixture(scope="module")
def good_xlsx(tmp_path_factory):
    from app.export import export_report

    path = tmp_path_factory.mktemp("xlsx") / "r.xlsx"
    export_report(realistic_report(2023), "xlsx", path)
    return path.read_bytes()


@SETTINGS
@given(data=st.data())
def test_xlsx_with_damaged_parts_never_crashes(tmp_path, good_xlsx, data):
    src = zipfile.ZipFile(io.BytesIO(good_xlsx))
    member = data.draw(st.sampled_from([n for n in src.namelist() if n.endswith(".xml")]))
    xml = bytearray(src.read(member))
    for _ in range(data.draw(st.integers(1, 10))):
        i = data.draw(st.integers(0, len(xml) - 1))
        xml[i] = data.draw(st.sampled_from(list(b"<>/\"= a0x")))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for item in src.infolist():
            zf.writestr(item, bytes(xml) if item.filename == member else src.read(item.filename))
    p = tmp_path / "x.xlsx"
    p.write_bytes(out.getvalue())
    try:
        import_source(p)
    except ImportFailure as exc:
        assert str(exc)


def test_corrupt_deflate_stream_is_refused_clearly(tmp_path, good_sources):
    """Found by hypothesis: a byte flipped inside a compressed part makes zlib itself fail (zlib.error)."""
    raw = bytearray(good_sources[0])
    zf = zipfile.ZipFile(io.BytesIO(bytes(raw)))
    info = zf.getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 5, start + 40):
        raw[i] = 0xFF
    p = tmp_path / "d.docx"
    p.write_bytes(bytes(raw))
    with pytest.raises(ImportFailure, match="已损坏"):
        import_source(p)


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path, good_sources, monkeypatch):
    """The unpacked size comes from the zip directory; testzip (which inflates every member) must not run first."""
    import app.imports.docx as docx_import

    def inflate(self):
        raise AssertionError("testzip ran before the size check")

    monkeypatch.setattr(docx_import, "MAX_UNPACKED", 10_000)  # the real report unpacks to more than this
    monkeypatch.setattr(zipfile.ZipFile, "testzip", inflate)
    p = tmp_path / "bomb.docx"
    p.write_bytes(good_sources[0])
    with pytest.raises(ImportFailure, match="解压后过大"):
        import_source(p)


@pytest.mark.parametrize("charset", ["punycode", "idna", "undefined", "rot13", "no-such-codec"])
def test_a_page_declaring_a_strange_charset_is_still_read(tmp_path, good_sources, charset):
    """<meta charset="idna"> (or punycode, undefined) made bytes.decode raise UnicodeError: a traceback."""
    page = good_sources[1].replace(b"<head>", f'<head><meta charset="{charset}">'.encode(), 1)
    assert charset.encode() in page
    p = tmp_path / "r.html"
    p.write_bytes(page)
    report, _ = import_source(p)
    assert report.values["s3.new.total"] is not None


def test_a_read_error_of_the_disk_is_a_message_not_a_traceback(tmp_path, good_sources, monkeypatch):
    p = tmp_path / "r.html"
    p.write_bytes(good_sources[1])

    def fail(self):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(type(p), "read_bytes", fail)
    with pytest.raises(ImportFailure, match="无法读取“r.html”"):
        import_source(p)
