"""Chinese text folded to the official Simplified wording, for matching labels and for the text checks.

Published reports also reach clerks as mirrors in Traditional script, made in one of two ways: converted character
by character (政府信息公開, 規範性文件) or with Taiwan wording (政府資訊公開, 規範性檔案 for 规范性文件). `fold` turns both
into the mainland words the official labels use; `to_simplified` converts a name whole, character by character
(某縣檔案館 → 某县档案馆, never 某县文件馆), for what is stored and shown.

OpenCC (the `opencc` wheel; its dictionaries ship inside it and nothing is fetched) does the work: its t2s
configuration for the characters, and its own Taiwan-phrase dictionary (s2twp) for the words — applied to the
official labels, headings and keywords, it says which Taiwan words stand for which of them (TAIWAN_WORDS:
檔案→文件, 資訊→信息, 專案→项目, 資料→数据…). OpenCC's tw2sp is not applied to whole texts: on a character-by-
character mirror it rewrites mainland words that Taiwan uses differently (規範性文件 → 规范性文档, 查詢 → 查找).

Simplified text is returned unchanged without touching OpenCC (most sources and every keystroke in a text tab).
"""

from __future__ import annotations

import codecs
import difflib
import re
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from opencc import OpenCC

MIN_WORD = 2  # a one-character difference is a character variant, which t2s already folds


@cache
def _converter(config: str) -> OpenCC:
    import opencc  # noqa: PLC0415 - loaded on the first Traditional text only

    # An absolute path: given a bare name, OpenCC would first try a file of that name in the working directory.
    return opencc.OpenCC(str(Path(opencc.__file__).parent / "clib" / "share" / "opencc" / f"{config}.json"))


def _skip_non_han(error: UnicodeError) -> tuple[str, int]:
    # Punctuation and symbols GB2312 lacks (·, •, emoji) say nothing about the script; a Han character does.
    if not isinstance(error, UnicodeEncodeError) or _HAN.search(error.object, error.start, error.end):
        raise error
    return "", error.end


_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")
codecs.register_error("zwgk-skip-non-han", _skip_non_han)


def is_simplified(text: str) -> bool:
    """True when every Han character of the text is in GB2312, the Simplified national set: then there is nothing
    a Traditional-to-Simplified conversion could change. Checked at C speed (an encode), so it costs nothing per
    keystroke; text with rarer characters simply takes the slower, exact way."""
    try:
        text.encode("gb2312", errors="zwgk-skip-non-han")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=4096)
def to_simplified(text: str) -> str:
    """The text in Simplified characters, converted whole and character by character (names, titles, texts)."""
    if is_simplified(text):
        return text
    return _converter("t2s").convert(text)


# Taiwan word (in Traditional characters) → the official Simplified word, for every word of the official labels,
# headings and keywords that OpenCC's Taiwan-phrase conversion (s2twp) words differently from the mainland.
# Derived from OpenCC by derive_taiwan_words(); tests/app/report/test_fold.py derives it again and fails when this
# copy differs (a new OpenCC, a new format). Kept as data because loading s2twp costs about half a second.
TAIWAN_WORDS = {"資訊": "信息", "專案": "项目", "檔案": "文件", "入口": "门户", "資料": "数据"}
_TAIWAN = re.compile("|".join(map(re.escape, sorted(TAIWAN_WORDS, key=len, reverse=True))))


def vocabulary() -> set[str]:
    """Every label, heading and keyword of the bundled formats: the words folding must reach."""
    from app.report.formats import available_formats, load_format  # noqa: PLC0415 - only the derivation needs it

    words: set[str] = set()
    for fid in available_formats():
        fmt = load_format(fid)
        words.update(s.heading for s in fmt.sections)
        for cell in fmt.cells.values():
            words.update((cell.row, cell.column, *cell.row_path, *cell.column_path))
        for table in fmt.tables:
            words.update(b.row_header for b in table.blocks)
        for rule in fmt.rules:
            for topic in rule.get("topics", ()):
                words.update(topic.get("keywords", ()))
    words.discard("")
    return words


def derive_taiwan_words(words: set[str]) -> dict[str, str]:
    """OpenCC's Taiwan wording of each word, aligned with the word: the differing spans of two or more characters
    are the Taiwan words to fold (a one-character difference is a character variant, which t2s folds)."""
    taiwan_of, back = _converter("s2twp"), _converter("t2s")
    pairs: dict[str, str] = {}
    for word in sorted(words):
        taiwan = taiwan_of.convert(word)
        simplified = back.convert(taiwan)
        if simplified == word or len(simplified) != len(taiwan):
            continue
        matcher = difflib.SequenceMatcher(None, word, simplified, autojunk=False)
        for op, a0, a1, b0, b1 in matcher.get_opcodes():
            if op == "replace" and b1 - b0 >= MIN_WORD:
                pairs.setdefault(taiwan[b0:b1], word[a0:a1])
    return pairs


@lru_cache(maxsize=4096)
def fold(text: str) -> str:
    """The text as the official labels would write it: Traditional characters and Taiwan wording folded to
    Simplified mainland words. For matching and checking only; what the user wrote is kept as written."""
    if is_simplified(text):
        return text
    return to_simplified(_TAIWAN.sub(lambda m: TAIWAN_WORDS[m.group()], text))


def looks_traditional(text: str) -> bool:
    """True when a text is written in Traditional script (a converted mirror): enough of its characters change
    when converted to Simplified."""
    if is_simplified(text):
        return False
    converted = to_simplified(text)
    changed = sum(a != b for a, b in zip(text, converted, strict=False))
    return changed >= max(3, len(text) // 100)
