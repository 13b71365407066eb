"""Draw the 支部工作台 app icon with QPainter and write the PNG sizes and a Windows .ico.

A red rounded square with a gold five-pointed star above an open ledger (cream pages with
ruled lines, gold binding). No fonts are used, so every machine draws the same icon. Small sizes
drop the ruled lines so the shapes stay crisp.

    python installer/make_icon.py        # rewrites resources/icons/

The .ico holds 16…128 as 32-bit BMP entries (what every Windows tool reads) and 256 as PNG.
"""

from __future__ import annotations

import math
import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "icons"
PNG_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)

RED_TOP = QColor("#d7262e")
RED_BOTTOM = QColor("#a3121a")
GOLD = QColor("#f4c430")
GOLD_DARK = QColor("#c9971c")
PAGE = QColor("#fff8e6")
RULE = QColor("#d9a79f")


def _star(cx: float, cy: float, outer: float) -> QPolygonF:
    inner = outer * 0.382
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(QPointF(cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return QPolygonF(points)


def _page(size: float, left: bool) -> QPainterPath:
    """One page of the open ledger: straight outer edge, gently curved top and bottom."""
    s = size
    spine_x = 0.5 * s
    edge_x = 0.17 * s if left else 0.83 * s
    top_edge, top_spine = 0.45 * s, 0.49 * s
    bottom_edge, bottom_spine = 0.79 * s, 0.83 * s
    mid = (spine_x + edge_x) / 2
    path = QPainterPath(QPointF(spine_x, top_spine))
    path.quadTo(QPointF(mid, top_edge - 0.035 * s), QPointF(edge_x, top_edge))
    path.lineTo(QPointF(edge_x, bottom_edge))
    path.quadTo(QPointF(mid, bottom_edge - 0.035 * s), QPointF(spine_x, bottom_spine))
    path.closeSubpath()
    return path


def draw(size: int) -> QImage:
    """Return the icon drawn at ``size`` × ``size`` pixels (ARGB, transparent corners)."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    s = float(size)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    margin = 0.0 if size <= 32 else s * 0.04
    radius = s * 0.2
    gradient = QLinearGradient(0, 0, 0, s)
    gradient.setColorAt(0, RED_TOP)
    gradient.setColorAt(1, RED_BOTTOM)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QBrush(gradient))
    painter.drawRoundedRect(QRectF(margin, margin, s - 2 * margin, s - 2 * margin), radius, radius)

    # the gold binding under the pages
    cover = QPainterPath()
    cover.moveTo(QPointF(0.5 * s, 0.86 * s))
    cover.quadTo(QPointF(0.32 * s, 0.80 * s), QPointF(0.13 * s, 0.83 * s))
    cover.lineTo(QPointF(0.13 * s, 0.48 * s))
    cover.lineTo(QPointF(0.17 * s, 0.48 * s))
    cover.lineTo(QPointF(0.17 * s, 0.79 * s))
    cover.quadTo(QPointF(0.335 * s, 0.775 * s), QPointF(0.5 * s, 0.83 * s))
    cover.quadTo(QPointF(0.665 * s, 0.775 * s), QPointF(0.83 * s, 0.79 * s))
    cover.lineTo(QPointF(0.83 * s, 0.48 * s))
    cover.lineTo(QPointF(0.87 * s, 0.48 * s))
    cover.lineTo(QPointF(0.87 * s, 0.83 * s))
    cover.quadTo(QPointF(0.68 * s, 0.80 * s), QPointF(0.5 * s, 0.86 * s))
    cover.closeSubpath()
    painter.setBrush(GOLD)
    painter.drawPath(cover)

    outline = QPen(GOLD_DARK, max(1.0, s / 96))
    for left in (True, False):
        painter.setPen(outline if size >= 48 else Qt.PenStyle.NoPen)
        painter.setBrush(PAGE)
        painter.drawPath(_page(s, left))

    if size >= 48:  # ruled ledger lines
        painter.setPen(QPen(RULE, max(1.0, s / 90)))
        for row in range(4):
            y = (0.56 + row * 0.06) * s
            painter.drawLine(QPointF(0.22 * s, y), QPointF(0.45 * s, y + 0.012 * s))
            painter.drawLine(QPointF(0.55 * s, y + 0.012 * s), QPointF(0.78 * s, y))

    # the spine
    painter.setPen(QPen(GOLD_DARK, max(1.0, s / 64)))
    painter.drawLine(QPointF(0.5 * s, 0.49 * s), QPointF(0.5 * s, 0.83 * s))

    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(GOLD)
    painter.drawPolygon(_star(0.5 * s, 0.255 * s, 0.17 * s))
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


def bmp_entry(image: QImage) -> bytes:
    """A 32-bit BGRA DIB as stored in an .ico: header, bottom-up pixels, then the AND mask."""
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    width, height = image.width(), image.height()
    header = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    mask_rows = []
    mask_stride = ((width + 31) // 32) * 4
    for y in range(height - 1, -1, -1):
        line = bytearray()
        mask = bytearray(mask_stride)
        for x in range(width):
            argb = image.pixel(x, y)
            alpha = (argb >> 24) & 0xFF
            line += struct.pack("<I", argb)  # little-endian ARGB32 is B, G, R, A
            if alpha == 0:
                mask[x // 8] |= 0x80 >> (x % 8)
        rows.append(bytes(line))
        mask_rows.append(bytes(mask))
    return header + b"".join(rows) + b"".join(mask_rows)


def ico_bytes(images: dict[int, QImage]) -> bytes:
    entries = []
    for size in ICO_SIZES:
        payload = png_bytes(images[size]) if size >= 256 else bmp_entry(images[size])
        entries.append((size, payload))
    offset = 6 + 16 * len(entries)
    directory = struct.pack("<HHH", 0, 1, len(entries))
    blobs = b""
    for size, payload in entries:
        dim = 0 if size >= 256 else size
        directory += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
        blobs += payload
    return directory + blobs


def main(out: Path = OUT) -> int:
    QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    images = {size: draw(size) for size in PNG_SIZES}
    for size, image in images.items():
        (out / f"branch-desk-{size}.png").write_bytes(png_bytes(image))
    (out / "branch-desk.png").write_bytes(png_bytes(images[256]))
    (out / "branch-desk.ico").write_bytes(ico_bytes(images))
    print(f"icons written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
