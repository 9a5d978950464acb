"""The PDF text-layer repair on the map forms Qt writes (no Qt needed: the answers are given here)."""

import pytest

from app.export.pdf_text import TextLayerError, claimed_characters, repair_text_layer


def pdf_with_map(cmap: bytes, extra: bytes = b"") -> bytes:
    stream = b"/CIDInit /ProcSet findresource begin\nbegincmap\n" + cmap + b"endcmap\nend\n"
    return (b"%PDF-1.4\n12 0 obj\n<< /Type /Font /ToUnicode 42 0 R >>\nendobj\n"
            b"42 0 obj\n<< /Length " + str(len(stream)).encode() + extra + b" >>\nstream\n" + stream
            + b"\nendstream\nendobj\nxref\n0 1\ntrailer\n<< /Size 43 >>\nstartxref\n0\n%%EOF\n")


DRAWN = {"⺠": "民", "⼈": "人", "⼾": "户", "\t": " "}  # what a CJK font shares, as the Qt side would answer


def test_radicals_in_arrays_single_entries_and_bfchar_become_the_drawn_characters():
    cmap = (b"3 beginbfrange\n<0000> <0000> <0000>\n<0001> <0005> [<672C> <2F08> <2EA0> <0009> <2F3E> ]\n"
            b"<0006> <0006> <2EA0>\nendbfrange\n1 beginbfchar\n<0007> <2F08>\nendbfchar\n")
    pdf = pdf_with_map(cmap)
    fixed = repair_text_layer(pdf, DRAWN.get)
    assert len(fixed) == len(pdf)  # in place: the cross-reference offsets stay valid
    assert b"[<672C> <4EBA> <6C11> <0020> <6237> ]" in fixed
    assert b"<0006> <0006> <6C11>" in fixed and b"<0007> <4EBA>" in fixed
    assert claimed_characters(fixed) == {"\x00", "本", "人", "民", " ", "户"}


def test_a_linear_range_and_the_rest_of_the_file_are_left_alone():
    cmap = b"1 beginbfrange\n<0010> <0019> <2F00>\nendbfrange\n"
    pdf = pdf_with_map(cmap)
    assert repair_text_layer(pdf, DRAWN.get) == pdf


def test_compressed_or_missing_maps_are_refused_untouched():
    with pytest.raises(TextLayerError):
        repair_text_layer(pdf_with_map(b"", extra=b" /Filter /FlateDecode"), DRAWN.get)
    with pytest.raises(TextLayerError):
        repair_text_layer(b"%PDF-1.4\n%%EOF\n", DRAWN.get)
