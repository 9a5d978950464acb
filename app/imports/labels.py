"""The one label normaliser every importer uses, and label matching against a format's own labels.

Real sources write the official labels with small differences: full-width vs half-width characters, “1、” vs
“1.”, spaces and line breaks inside words (“商业\\n企业”, “商业/企业” in copied pages), different quotes, dropped
notes in brackets (“（二）部分公开” without “（区分处理的…）”), 2019 and 2021 wordings, Traditional script and Taiwan
wording (app.report.fold). Labels are compared after normalising; the official labels themselves come from the
format data only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.report.fold import fold

_INVISIBLE = re.compile(r"[\s\u200b\u200c\u200d\u2060\ufeff\u00ad]+")
_QUOTES = re.compile(r"[“”\"'‘’「」『』〝〞]")
_CN_NUM = "一二三四五六七八九十"
_LEAD_CN = re.compile(rf"^([{_CN_NUM}]+)[、.,，]")
_LEAD_DIGIT = re.compile(r"^(\d{1,2})[、.,，)]")
_LEAD_PAREN = re.compile(rf"^\(([{_CN_NUM}\d]{{1,3}})\)[、.]?")
_BRACKETED = re.compile(r"\([^()]*\)")
_WRAP_SLASH = re.compile(r"(?<=[\u4e00-\u9fff])/(?=[\u4e00-\u9fff])")
_NUMBERING = re.compile(rf"^(?:[{_CN_NUM}]+、|\d{{1,2}}\.|\([{_CN_NUM}\d]{{1,3}}\))")
MIN_CONTAINED = 4  # shorter labels (“其他”, “总计”) must match exactly
MIN_IN_ORDER = 3  # an altered header (“本年发件” for 本年制发件数) needs this many of the label's characters,
IN_ORDER_SHARE = 0.4  # and this share of them, in the label's order
MAX_REMEMBERED = 4096  # answers a label set keeps (a set lives as long as its format: keep it bounded)
MAX_LABEL_CHARS = 300  # the longest official label is under 60 characters


@lru_cache(maxsize=16384)  # the same labels come by the hundred in every import (the formats' own, each source's)
def normalise_label(text: str) -> str:
    """Canonical form of a label: width folded, no spaces or line breaks, one quote style (none), numbering
    written one way (“一、”, “1.”, “(一)”), a slash between two Chinese characters read as a line break.
    Only the first MAX_LABEL_CHARS characters are looked at: no official label is near that long, and a cell of
    ten million characters took 30 s to normalise."""
    t = fold(unicodedata.normalize("NFKC", (text or "")[:MAX_LABEL_CHARS]))
    t = _INVISIBLE.sub("", t)
    t = _QUOTES.sub("", t)
    t = t.replace("【", "(").replace("】", ")").replace("〔", "(").replace("〕", ")")
    t = _LEAD_CN.sub(r"\1、", t)
    t = _LEAD_PAREN.sub(r"(\1)", t)
    t = _LEAD_DIGIT.sub(r"\1.", t)
    t = _WRAP_SLASH.sub("", t) if "增/减" not in t else t
    return unicodedata.normalize("NFKC", t.rstrip(":："))


@lru_cache(maxsize=16384)
def core(text: str) -> str:
    """The words of a label without its numbering and bracketed notes: “(二)部分公开(区分处理的…)” → “部分公开”."""
    t = normalise_label(text)
    t = _NUMBERING.sub("", t)
    stripped = _BRACKETED.sub("", t)
    return stripped or t


@dataclass(frozen=True)
class Match:
    key: str  # what was matched (an id of the caller's choosing)
    exact: bool  # False: matched by containment (an altered label), worth a note in the import report


def in_order(short: str, label: str) -> bool:
    """True when every character of `short` occurs in `label`, in the same order (“本年发件” in “本年制发件数”)."""
    rest = iter(label)
    return all(ch in rest for ch in short)


class LabelSet:
    """Labels of one kind (e.g. the leaf rows of a table) to match source text against. With `in_order`, a text
    that is none of them but has enough of a label's characters in its order (a header shortened on a portal page:
    “本年发件”) also matches, not exactly; the caller decides what more than one such match means."""

    def __init__(self, items: list[tuple[str, str]], in_order: bool = False) -> None:
        # items: (label, key); several labels may share a key
        self.in_order = in_order
        self._seen: dict[str, tuple[frozenset[str], bool]] = {}  # text → answer: header detection asks often
        self._norm: dict[str, set[str]] = {}
        self._core: dict[str, set[str]] = {}
        for label, key in items:
            self._norm.setdefault(normalise_label(label), set()).add(key)
            self._core.setdefault(core(label), set()).add(key)

    def match_all(self, text: str) -> tuple[set[str], bool]:
        """Every key the text may mean, and whether the match was exact. Empty set: no match."""
        seen = self._seen.get(text)
        if seen is None:
            if len(self._seen) > MAX_REMEMBERED:
                self._seen.clear()
            keys, exact = self._match_all(text)
            seen = self._seen[text] = (frozenset(keys), exact)
        return set(seen[0]), seen[1]

    def _match_all(self, text: str) -> tuple[set[str], bool]:
        n = normalise_label(text)
        if not n:
            return set(), True
        if n in self._norm:
            return set(self._norm[n]), True
        c = core(text)
        if c in self._core:
            return set(self._core[c]), True
        found: set[str] = set()
        if len(c) >= MIN_CONTAINED:
            for label_core, keys in self._core.items():
                if len(label_core) >= MIN_CONTAINED and (label_core in c or c in label_core):
                    found |= keys
        if not found and self.in_order and len(c) >= MIN_IN_ORDER:
            for label_core, keys in self._core.items():
                if len(c) >= IN_ORDER_SHARE * len(label_core) and in_order(c, label_core):
                    found |= keys
        return found, not found

    def match(self, text: str) -> Match | None:
        keys, exact = self.match_all(text)
        if len(keys) == 1:
            return Match(next(iter(keys)), exact)
        return None

    def __contains__(self, text: str) -> bool:
        return bool(self.match_all(text)[0])
