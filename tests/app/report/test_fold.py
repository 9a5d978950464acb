"""Folding Traditional script and Taiwan wording to the official Simplified labels (app.report.fold, OpenCC)."""

from __future__ import annotations

import pytest

from app.report import fold as fold_module
from app.report.fold import (
    TAIWAN_WORDS,
    derive_taiwan_words,
    fold,
    looks_traditional,
    to_simplified,
    vocabulary,
)
from app.resources import SAMPLE_REPORT
from app.storage import load


def test_the_stored_taiwan_words_are_what_opencc_derives_from_the_formats():
    """TAIWAN_WORDS is data only because deriving it loads s2twp (half a second): OpenCC decides it, not us."""
    assert derive_taiwan_words(vocabulary()) == TAIWAN_WORDS


@pytest.mark.parametrize("config", ["s2t", "s2twp", "s2hk"])
def test_every_official_word_comes_back_from_every_mirror_conversion(config):
    convert = fold_module._converter(config)
    wrong = {w: fold(convert.convert(w)) for w in vocabulary() if fold(convert.convert(w)) != w}
    assert not wrong


@pytest.mark.parametrize("text, folded", [
    ("規範性檔案", "规范性文件"),           # Taiwan wording
    ("行政規範性文件", "行政规范性文件"),      # character by character (tw2sp would give 规范性文档)
    ("8.屬於行政查詢事項", "8.属于行政查询事项"),  # tw2sp would give 查找
    ("政府資訊公開", "政府信息公开"),
    ("上一年專案數量", "上一年项目数量"),
    ("本年度主動公開政府資訊50條，依託入口網站公開。", "本年度主动公开政府信息50条，依托门户网站公开。"),
])
def test_fold(text, folded):
    assert fold(text) == folded


def test_names_are_converted_whole_by_character_never_reworded():
    assert to_simplified("某縣檔案館") == "某县档案馆"  # fold would say 文件馆: only for matching
    assert to_simplified("某陽縣環境局") == "某阳县环境局"


def test_simplified_text_is_returned_as_it_is_without_opencc(monkeypatch):
    def refuse(config):
        raise AssertionError("OpenCC loaded for Simplified text")

    monkeypatch.setattr(fold_module, "_converter", refuse)
    fold_module.fold.cache_clear()
    fold_module.to_simplified.cache_clear()
    report = load(SAMPLE_REPORT)
    for text in report.texts.values():
        assert fold(text) == text
        assert not looks_traditional(text)


def test_looks_traditional():
    assert looks_traditional("本年度主動公開政府資訊，規範性檔案三件。")
    assert not looks_traditional("本年度主动公开政府信息，规范性文件三件。")
    assert not looks_traditional("某县堃珺社区服务中心")  # rare characters outside GB2312, but nothing to convert
