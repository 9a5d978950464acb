"""Draw the application icon (a white document with a red seal) into resources/icons/.

Run `python build_scripts/draw_icon.py` after changing the design; the generated PNGs and the .ico are committed so
that a build needs no drawing step. Each size is drawn as vectors (not scaled down from 256 px) so the small sizes
stay crisp. The .ico is assembled here: 32-bit BMP entries up to 128 px and a PNG entry at 256 px, the layout
Windows itself uses (NSIS, which puts the icon into the installer, cannot read PNG entries at the small sizes).
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen, QPolygonF  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
RED = QColor("#c8161d")     # 中国红, the colour of official seals and red-headed documents
PAPER = QColor("#ffffff")
EDGE = QColor("#8a8f98")


def _star(cx: float, cy: float, r: float) -> QPolygonF:
    import math

    pts = []
    for i in range(10):
        rr = r if i % 2 == 0 else r * 0.382
        a = -math.pi / 2 + i * math.pi / 5
        pts.append(QPointF(cx + rr * math.cos(a), cy + rr * math.sin(a)))
    return QPolygonF(pts)


def draw(size: int) -> QImage:
    img = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 256.0
    # The page with a folded top-right corner.
    fold = 44 * s
    left, top, right, bottom = 40 * s, 16 * s, 206 * s, 240 * s
    page = QPainterPath()
    page.moveTo(left, top)
    page.lineTo(right - fold, top)
    page.lineTo(right, top + fold)
    page.lineTo(right, bottom)
    page.lineTo(left, bottom)
    page.closeSubpath()
    p.setPen(QPen(EDGE, max(1.0, 4 * s)))
    p.setBrush(PAPER)
    p.drawPath(page)
    corner = QPainterPath()
    corner.moveTo(right - fold, top)
    corner.lineTo(right - fold, top + fold)
    corner.lineTo(right, top + fold)
    corner.closeSubpath()
    p.setBrush(QColor("#dfe2e6"))
    p.drawPath(corner)
    # Red-headed document: a thick red title bar and the red rule beneath it.
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawRect(QRectF(64 * s, 42 * s, 88 * s, 22 * s))
    p.drawRect(QRectF(56 * s, 76 * s, 134 * s, max(1.0, 5 * s)))
    # Text lines (left out at the smallest sizes, where they would only blur).
    if size >= 32:
        p.setBrush(QColor("#9aa0a8"))
        for i, width in enumerate((130, 130, 96)):
            p.drawRect(QRectF(58 * s, (100 + i * 22) * s, width * s, max(1.0, 7 * s)))
    # The round seal with a star, overlapping the lower right like a stamped report.
    cx, cy, r = 158 * s, 192 * s, 44 * s
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.setPen(QPen(RED, max(1.5, 9 * s)))
    p.drawEllipse(QPointF(cx, cy), r, r)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(RED)
    p.drawPolygon(_star(cx, cy, r * 0.55))
    p.end()
    return img


def png_bytes(img: QImage) -> bytes:
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(data.data())


def dib_bytes(img: QImage) -> bytes:
    """An icon entry as a BMP: BITMAPINFOHEADER (height doubled for the AND mask), BGRA rows bottom-up, then an
    all-zero AND mask (the alpha channel carries the transparency)."""
    img = img.convertToFormat(QImage.Format.Format_ARGB32)  # little-endian ARGB32 is BGRA in memory
    w, h = img.width(), img.height()
    header = struct.pack("<IiiHHIIiiII", 40, w, 2 * h, 1, 32, 0, w * h * 4, 0, 0, 0, 0)
    rows = b"".join(bytes(img.constScanLine(y))[: w * 4] for y in reversed(range(h)))
    mask_row = ((w + 31) // 32) * 4
    return header + rows + b"\0" * (mask_row * h)


def ico_bytes(entries: list[tuple[int, bytes]]) -> bytes:
    """ICONDIR + one ICONDIRENTRY per image + the payloads (a width/height byte of 0 means 256)."""
    header = struct.pack("<HHH", 0, 1, len(entries))
    offset = 6 + 16 * len(entries)
    directory, payload = b"", b""
    for size, data in entries:
        dim = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(data), offset + len(payload))
        payload += data
    return header + directory + payload


def main() -> int:
    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in PNG_SIZES}
    for size, img in images.items():
        (OUT / f"zwgk-{size}.png").write_bytes(png_bytes(img))
    entries = [(s, png_bytes(images[s]) if s >= 256 else dib_bytes(images[s])) for s in ICO_SIZES]
    (OUT / "zwgk.ico").write_bytes(ico_bytes(entries))
    print(f"已生成图标：{OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
