"""The cohort report's charts as PNG images, drawn with matplotlib's Agg renderer: no Qt,
no display, no network, so they are drawn on a headless certification machine too.

PNG, not SVG: Qt's text engine, which prints the reports to PDF (`ui/export.py`), shows
PNG but not SVG. matplotlib is imported here only, and this module only when a cohort
report is drawn, so `temper` starts as fast as before (matplotlib takes about half a
second to import).

Everything a chart says comes in as words already in the report's language (axis
labels, dates, dimension and trainee names): this module knows no language. Charts are
made to be read in grey (a printout): black and greys of distinct lightness, marks that
differ by shape, no meaning carried by colour alone. The same data gives the same bytes:
matplotlib's defaults (not the user's matplotlibrc), its own DejaVu Sans font, and no
timestamp or software name in the file.
"""

from __future__ import annotations

import base64
import contextlib
import io
import warnings
from datetime import date
from typing import Sequence

#: The width every chart is laid out at (CSS pixels, as the report's other images), and
#: how many image pixels each has: twice as many, so that a printout stays sharp.
WIDTH_PX = 600
SCALE = 2
_DPI = 96

#: The only colours: greys of distinct lightness (the PNG keeps one channel of each pixel).
_INK, _GREY, _LIGHT, _PALE = "#000000", "#555555", "#999999", "#dddddd"


def data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


@contextlib.contextmanager
def _style():
    """matplotlib's defaults (not the user's matplotlibrc) with the report's looks; text
    is text ("$5 or $10" is not mathematics), and a character the font lacks is drawn as
    a box rather than warned about."""
    import matplotlib

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from", category=UserWarning)
        with _rc(matplotlib):
            yield


def _rc(matplotlib):
    return matplotlib.rc_context(rc={
        **{k: v for k, v in matplotlib.rcParamsDefault.items() if k not in _NOT_STYLE},
        "font.family": "sans-serif", "font.sans-serif": ["DejaVu Sans"], "font.size": 8.5,
        "axes.edgecolor": _GREY, "axes.labelcolor": _INK, "xtick.color": _GREY,
        "ytick.color": _GREY, "axes.spines.top": False, "axes.spines.right": False,
        "svg.hashsalt": "temper", "path.simplify": True, "hatch.color": _GREY,
        "text.parse_math": False,
    })


#: Defaults that are not looks (the backend, interactive mode): left as they are.
_NOT_STYLE = {"backend", "backend_fallback", "interactive", "webagg.port", "webagg.address",
              "webagg.port_retries", "webagg.open_in_browser", "toolbar", "timezone",
              "datapath", "savefig.directory", "tk.window_focus", "docstring.hardcopy"}


def _figure(height_px: float, layout: str | None = "constrained"):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_PX / _DPI, height_px / _DPI), dpi=_DPI * SCALE, layout=layout,
                 facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def _png(fig) -> tuple[bytes, int]:
    """The figure as an 8-bit greyscale PNG (every colour here is a grey, on white) and
    its height in CSS pixels. Drawn once, encoded by Pillow with no metadata: the same
    figure, the same bytes; a quarter of the pixels' bytes of matplotlib's RGBA file."""
    from PIL import Image

    fig.canvas.draw()
    width, height = fig.canvas.get_width_height(physical=True)
    rgba = bytes(fig.canvas.buffer_rgba())
    grey = Image.frombuffer("RGBA", (width, height), rgba, "raw", "RGBA", 0, 1).getchannel("R")
    out = io.BytesIO()
    grey.save(out, format="PNG", compress_level=6)
    return out.getvalue(), round(fig.get_figheight() * _DPI)


def over_time_chart(sessions: Sequence[tuple[date, float]], medians: Sequence[tuple[date, float]],
                    pass_mark: float | None, ticks: Sequence[tuple[date, str]], x_label: str,
                    y_label: str, legend: tuple[str, str, str]) -> tuple[bytes, int]:
    """Every session's score by date (pale dots) with the median of each week (a black
    line) and the pass mark (dashed); `ticks`: the days named on the axis (`day_ticks`).
    Each trainee's own line is a sparkline in the table
    (`simulator.curve_png.sparkline_png`): 200 trainees as 200 matplotlib panels take far
    too long to draw."""
    from matplotlib.lines import Line2D

    with _style():
        fig = _figure(250)
        ax = fig.subplots()
        days = [d for d, _ in sessions]
        first, last = min(days), max(days)
        ax.plot([d.toordinal() for d in days], [v for _, v in sessions], linestyle="none",
                marker="o", markersize=2.5, color=_LIGHT, alpha=0.5, markeredgewidth=0)
        if pass_mark is not None:
            ax.axhline(pass_mark, color=_GREY, linestyle=(0, (5, 3)), linewidth=1)
        ax.plot([d.toordinal() for d, _ in medians], [v for _, v in medians], color=_INK,
                linewidth=1.6, marker="s", markersize=3.5)
        span = max((last - first).days, 1)
        ax.set_xlim(first.toordinal() - span * 0.03 - 0.5, last.toordinal() + span * 0.03 + 0.5)
        ax.set_xticks([d.toordinal() for d, _ in ticks], [text for _, text in ticks])
        ax.set_ylim(-3, 103)
        ax.set_yticks([0, 25, 50, 75, 100])
        ax.grid(axis="y", color=_PALE, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        session_l, median_l, mark_l = legend
        handles = [Line2D([], [], linestyle="none", marker="o", markersize=4, color=_LIGHT, label=session_l),
                   Line2D([], [], color=_INK, linewidth=1.6, marker="s", markersize=3.5, label=median_l)]
        if pass_mark is not None:
            handles.append(Line2D([], [], color=_GREY, linestyle=(0, (5, 3)), linewidth=1, label=mark_l))
        ax.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=3,
                  frameon=False, fontsize=7.5)
        return _png(fig)


def day_ticks(first: date, last: date, most: int = 6) -> list[date]:
    """At most `most` evenly spaced days from `first` to `last`, both included."""
    span = (last - first).days
    if span == 0 or most < 2:
        return [first]
    n = min(most, span + 1)
    return sorted({date.fromordinal(first.toordinal() + round(k * span / (n - 1))) for k in range(n)})


def weekly_chart(weeks: Sequence[tuple[date, float | None, int]], names: Sequence[str],
                 x_label: str, y_label: str) -> tuple[bytes, int]:
    """The cohort's pass rate per week: one bar per week (Monday, rate 0..100 or None
    for a week without sessions, sessions), `names`: each week's as the axis says it."""
    with _style():
        fig = _figure(230)
        ax = fig.subplots()
        xs = list(range(len(weeks)))
        held = [(x, rate) for x, (_, rate, _) in zip(xs, weeks) if rate is not None]
        ax.bar([x for x, _ in held], [rate for _, rate in held], width=0.7, color=_PALE,
               edgecolor=_INK, linewidth=0.8, hatch="///")
        for x, rate in held:
            if len(weeks) <= 16:  # the figure on each bar (the table has them all)
                ax.text(x, min(rate, 100) + 2, f"{rate:.0f}", ha="center", va="bottom", fontsize=7)
        every = max(1, -(-len(weeks) // 8))
        ax.set_xticks(xs[::every], list(names)[::every])
        ax.set_xlim(-0.6, len(weeks) - 0.4)
        ax.set_ylim(0, 110)
        ax.set_yticks([0, 25, 50, 75, 100])
        ax.grid(axis="y", color=_PALE, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlabel(x_label)
        ax.set_ylabel(y_label)
        return _png(fig)


def spread_chart(rows: Sequence[tuple[str, float, float, float, float]], x_label: str,
                 legend: tuple[str, str, str]) -> tuple[bytes, int]:
    """Mean and spread per row (name, mean, standard deviation, lowest, highest): a thin
    line from lowest to highest, a thick grey bar one standard deviation either side of
    the mean, a black diamond at the mean. The first row is drawn at the top."""
    from matplotlib.lines import Line2D

    with _style():
        fig = _figure(len(rows) * 24 + 90)
        ax = fig.subplots()
        ys = list(range(len(rows)))[::-1]
        for y, (_, mean, sd, lo, hi) in zip(ys, rows):
            ax.plot([lo, hi], [y, y], color=_INK, linewidth=0.8, solid_capstyle="butt")
            ax.plot([lo, hi], [y, y], linestyle="none", marker="|", markersize=7, color=_INK)
            ax.plot([max(0, mean - sd), min(100, mean + sd)], [y, y], color=_LIGHT, linewidth=7,
                    solid_capstyle="butt")
            ax.plot([mean], [y], linestyle="none", marker="D", markersize=5.5, color=_INK,
                    markeredgecolor="white", markeredgewidth=0.8)
        ax.set_yticks(ys, [_short(name, 40) for name, *_ in rows])
        ax.set_ylim(-0.7, len(rows) - 0.3)
        ax.set_xlim(-2, 102)
        ax.set_xticks([0, 25, 50, 75, 100])
        ax.grid(axis="x", color=_PALE, linewidth=0.6)
        ax.set_axisbelow(True)
        ax.set_xlabel(x_label)
        ax.tick_params(axis="y", length=0)
        mean_l, sd_l, range_l = legend
        ax.legend(handles=[
            Line2D([], [], linestyle="none", marker="D", markersize=5.5, color=_INK, label=mean_l),
            Line2D([], [], color=_LIGHT, linewidth=7, label=sd_l),
            Line2D([], [], color=_INK, linewidth=0.8, marker="|", markersize=7, label=range_l),
        ], loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=7.5,
            ncol=3 if sum(map(len, legend)) <= 58 else 2, columnspacing=1.2)  # long words: 2 rows
        return _png(fig)


def _short(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def warm_up() -> None:
    """Import what drawing needs (run in the chart worker while the report reads the
    database: matplotlib alone takes about half a second)."""
    import matplotlib.backends.backend_agg  # noqa: F401
    import matplotlib.collections  # noqa: F401
    import matplotlib.figure  # noqa: F401
    import matplotlib.lines  # noqa: F401
    import PIL.Image  # noqa: F401


def draw(name: str, args: tuple) -> tuple[bytes, int]:
    """One chart by name, from plain data: what a worker process is sent."""
    if name not in ("over_time_chart", "weekly_chart", "spread_chart"):
        raise ValueError(f"no chart called {name!r}")
    return globals()[name](*args)
