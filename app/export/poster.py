"""一图读懂 as files: the kinds, their suffixes and default names. The drawing needs Qt and lives in ui/poster/; the
command line reaches it through the Host the entry point hands in (app/cli/common.py)."""

from __future__ import annotations

from pathlib import Path

POSTER_KINDS = {"poster-pdf": "一图读懂（A4 PDF）", "poster-png": "一图读懂（A4 图片）", "poster-long": "一图读懂（手机长图）"}
SUFFIXES = {"poster-pdf": ".pdf", "poster-png": ".png", "poster-long": ".png"}


def poster_path(report_path: Path, kind: str) -> Path:
    """Next to the report: 名称-一图读懂.pdf / 名称-一图读懂.png / 名称-一图读懂-长图.png."""
    tail = "-一图读懂-长图" if kind == "poster-long" else "-一图读懂"
    return report_path.with_name(report_path.stem + tail + SUFFIXES[kind])
