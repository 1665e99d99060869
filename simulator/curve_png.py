"""The hostility curve as a small PNG, drawn in pure Python (no Qt, no display).

Reports embed it as a `data:` URI, which browsers show and which `ui/export.py` hands
to Qt's text engine (that does not render SVG) when it prints the PDF. The bytes depend
only on the levels, so reports stay reproducible.
"""

from __future__ import annotations

import base64
import functools
import struct
import zlib
from typing import Sequence

WIDTH, HEIGHT = 600, 180
_LEFT, _RIGHT, _TOP, _BOTTOM = 8, 8, 8, 8
#: Background per hostility band (calm 0-24, annoyed 25-49, angry 50-74, furious 75-100).
_BANDS = ((75, (253, 226, 226)), (50, (253, 238, 218)), (25, (252, 248, 222)), (0, (230, 245, 232)))
_GRID = (200, 200, 200)
_LINE = (31, 78, 140)
_DOT = (200, 40, 40)


#: Palette indexes (the PNG is paletted: one byte per pixel).
_PALETTE = [colour for _, colour in _BANDS] + [_GRID, _LINE, _DOT]
_GRID_I, _LINE_I, _DOT_I = 4, 5, 6
#: A dot of radius 4 as (row offset, half width) pairs.
_DOT_ROWS = tuple((dy, int((16 - dy * dy) ** 0.5)) for dy in range(-4, 5))


def curve_png(levels: Sequence[float], width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """A PNG of the levels (0..100), first point at the left."""
    plot_h = height - _TOP - _BOTTOM
    plot_w = width - _LEFT - _RIGHT

    def y_of(level: float) -> float:
        level = max(0.0, min(100.0, float(level)))
        return _TOP + (100.0 - level) / 100.0 * (plot_h - 1)

    rows = []
    for y in range(height):
        level = 100.0 - (y - _TOP) / max(plot_h - 1, 1) * 100.0
        band = next((i for i, (lowest, _) in enumerate(_BANDS) if level >= lowest), len(_BANDS) - 1)
        rows.append(bytearray([band]) * width)
    for level in (25, 50, 75):
        rows[round(y_of(level))][_LEFT:_LEFT + plot_w] = bytes([_GRID_I]) * plot_w

    points = list(levels)
    if points:
        step = plot_w / max(len(points) - 1, 1)
        xy = [(_LEFT + i * step, y_of(v)) for i, v in enumerate(points)]
        if len(xy) > 1:
            # the line, 3 pixels thick: one short vertical run per column
            for x in range(_LEFT, _LEFT + plot_w):
                i = min(int((x - _LEFT) / step), len(xy) - 2)
                (x0, y0), (x1, y1) = xy[i], xy[i + 1]
                t = (x - x0) / (x1 - x0) if x1 != x0 else 0.0
                y_here = y0 + (y1 - y0) * t
                y_next = y0 + (y1 - y0) * min(1.0, t + 1 / max(x1 - x0, 1))
                lo, hi = sorted((round(y_here), round(y_next)))
                for y in range(max(lo - 1, 0), min(hi + 2, height)):
                    rows[y][x] = _LINE_I
        for x, y in xy:
            cx, cy = round(x), round(y)
            for dy, half in _DOT_ROWS:
                if 0 <= cy + dy < height:
                    a, b = max(cx - half, 0), min(cx + half + 1, width)
                    rows[cy + dy][a:b] = bytes([_DOT_I]) * (b - a)
    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    return _png(width, height, raw, palette=_PALETTE)


def curve_data_uri(levels: Sequence[float]) -> str:
    return "data:image/png;base64," + base64.b64encode(curve_png(levels)).decode("ascii")


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _png(width: int, height: int, raw: bytes, palette=None) -> bytes:
    """A PNG from filtered rows: 8-bit RGB, or 8-bit indexes into `palette`."""
    header = struct.pack(">IIBBBBB", width, height, 8, 3 if palette else 2, 0, 0, 0)
    plte = _chunk(b"PLTE", b"".join(bytes(c) for c in palette)) if palette else b""
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + plte
            + _chunk(b"IDAT", zlib.compress(raw, 6)) + _chunk(b"IEND", b""))


@functools.lru_cache(maxsize=256)
def bar_data_uri(value: int, width: int = 200, height: int = 12) -> str:
    """A horizontal bar for a 0..100 value (green from 70, amber from 50, else red)."""
    value = max(0, min(100, int(value)))
    colour = (60, 154, 95) if value >= 70 else (224, 160, 48) if value >= 50 else (200, 69, 59)
    filled = round(width * value / 100)
    row = bytes(colour) * filled + bytes((230, 230, 230)) * (width - filled)
    raw = (b"\x00" + row) * height
    return "data:image/png;base64," + base64.b64encode(_png(width, height, raw)).decode("ascii")


#: A sparkline's greys (palette indexes 0..3): white, the pass mark, the line, the dots.
_SPARK = [(255, 255, 255), (170, 170, 170), (110, 110, 110), (0, 0, 0)]


@functools.lru_cache(maxsize=8)
def _disc(radius: int) -> tuple[tuple[int, int], ...]:
    """A dot's rows: (row offset, half width), for a sparkline's thousands of dots."""
    return tuple((dy, int((radius * radius - dy * dy) ** 0.5 + 0.3)) for dy in range(-radius, radius + 1))


def sparkline_png(points: Sequence[tuple[float, float]], pass_mark: float | None = None,
                  width: int = 320, height: int = 52) -> bytes:
    """A tiny chart of scores over time with no text: `points` are (x in 0..1, score
    0..100); a dotted line at the pass mark, the scores joined by a grey line, a black
    dot on each. Drawn at twice the size it is shown at, so that a printout stays sharp."""
    pad = 5
    rows = [bytearray(width) for _ in range(height)]

    def at(x: float, score: float) -> tuple[float, float]:
        score = max(0.0, min(100.0, float(score)))
        return pad + x * (width - 2 * pad - 1), pad + (100.0 - score) / 100.0 * (height - 2 * pad - 1)

    def stamp(cx: float, cy: float, radius: int, colour: int) -> None:
        x0, y0 = round(cx), round(cy)
        ink = bytes([colour]) * (2 * radius + 1)
        for dy, half in _disc(radius):
            if 0 <= y0 + dy < height:
                a, b = max(x0 - half, 0), min(x0 + half + 1, width)
                rows[y0 + dy][a:b] = ink[:b - a]

    if pass_mark is not None:
        y = round(at(0, pass_mark)[1])
        for x in range(pad, width - pad):
            if x % 6 < 3:
                rows[y][x] = 1
    xy = [at(x, v) for x, v in points]
    # the line, 3 pixels thick: in each column, a run from where it is to where it goes next
    for (x0, y0), (x1, y1) in zip(xy, xy[1:]):
        a, b = round(x0), round(x1)
        if b <= a:
            lo, hi = sorted((round(y0), round(y1)))
            for y in range(max(lo - 1, 0), min(hi + 2, height)):
                rows[y][a] = 2
            continue
        slope = (y1 - y0) / (x1 - x0) if x1 != x0 else 0.0
        for x in range(a, b):
            ya, yb = y0 + (x - x0) * slope, y0 + (x + 1 - x0) * slope
            lo, hi = sorted((round(ya), round(yb)))
            for y in range(max(lo - 1, 0), min(hi + 2, height)):
                rows[y][x] = 2
    for x, y in xy:
        stamp(x, y, 3, 3)
    raw = b"".join(b"\x00" + bytes(r) for r in rows)
    return _png(width, height, raw, palette=_SPARK)
