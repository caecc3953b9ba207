"""Geometry of the cumulative-earnings chart: plain numbers the template draws as SVG.

One line a path over ten years (x: months from the start, y: cumulative earnings net of
known costs), the years marked with points carrying the same figures as the table beside
the chart, break-even points marked, and where a path's earnings become unknown the line
stops and says so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .earnings import HORIZON_MONTHS, BreakEven, Earnings

WIDTH, HEIGHT = 760, 380
LEFT, RIGHT, TOP, BOTTOM = 88, 96, 24, 56
STYLES = 4  # distinct line styles (colour, dash and point shape differ), one a path


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    year: int
    value: int


@dataclass(frozen=True)
class Series:
    number: int
    label: str
    style: int
    line: str  # SVG polyline points
    points: tuple[Point, ...]
    end: tuple[float, float] | None  # where the path's label goes
    unknown_at: tuple[float, float, str] | None  # the line stops here: x, y, words
    summary: str  # the line in words, for screen readers and keyboard focus


@dataclass(frozen=True)
class Marker:
    x: float
    y: float
    label: str
    words: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    top: int
    right: int  # x of the plot's right edge
    bottom: int  # y of the plot's bottom edge
    x_ticks: tuple[tuple[float, str], ...]
    y_ticks: tuple[tuple[float, str], ...]
    zero_y: float
    series: tuple[Series, ...]
    markers: tuple[Marker, ...]


def money(value: int | float) -> str:
    sign = "−" if value < 0 else ""
    return f"{sign}${abs(round(value)):,}"


def nice_step(span: float, ticks: int = 5) -> float:
    raw = span / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * magnitude >= raw:
            return factor * magnitude
    return 10 * magnitude  # pragma: no cover - the loop always returns


def cumulative_chart(
    paths: Sequence[tuple[int, str, Earnings | None]], break_evens: Sequence[BreakEven]
) -> Chart:
    """`paths`: (number, label, earnings or None) for each column, in order."""
    values = [
        value
        for _, _, earned in paths
        if earned is not None
        for value in earned.cumulative
        if value is not None
    ]
    low, high = min([0, *values]), max([0, *values])
    step = nice_step(max(high - low, 1))
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if high == low:
        high = low + step
    plot_right, plot_bottom = WIDTH - RIGHT, HEIGHT - BOTTOM

    def x_at(month: int) -> float:
        return round(LEFT + (plot_right - LEFT) * month / HORIZON_MONTHS, 1)

    def y_at(value: float) -> float:
        return round(plot_bottom - (plot_bottom - TOP) * (value - low) / (high - low), 1)

    series = []
    for index, (number, label, earned) in enumerate(paths):
        if earned is None:
            continue
        known = [(x, v) for x, v in enumerate(earned.cumulative) if v is not None]
        known = known[: earned.unknown_from] if earned.unknown_from is not None else known
        points = tuple(
            Point(x_at(year * 12), y_at(value), year, value)
            for year in range(1, HORIZON_MONTHS // 12 + 1)
            if (value := earned.cumulative[year * 12]) is not None
        )
        unknown_at = None
        if earned.unknown_from is not None:
            x, value = known[-1] if known else (0, 0)
            unknown_at = (x_at(x), y_at(value), "unknown from here")
        end = (x_at(known[-1][0]), y_at(known[-1][1])) if known else None
        series.append(
            Series(
                number=number,
                label=label,
                style=index % STYLES + 1,
                line=" ".join(f"{x_at(x)},{y_at(v)}" for x, v in known),
                points=points,
                end=end,
                unknown_at=unknown_at,
                summary=_summary(number, label, points, earned),
            )
        )
    by_number = {number: earned for number, _, earned in paths}
    numbers = [number for number, _, _ in paths]
    markers = []
    for pair in break_evens:
        for crossing in pair.crossings:
            ahead, behind = numbers[crossing.ahead], numbers[crossing.behind]
            value = by_number[ahead].cumulative[crossing.month]
            words = (
                f"Path {ahead} overtakes path {behind} after {crossing.month} months "
                f"({crossing.date:%B %Y}), at {money(value)}"
            )
            markers.append(
                Marker(x_at(crossing.month), y_at(value), f"{ahead} passes {behind}", words)
            )
    y_ticks = []
    tick = low
    while tick <= high + step / 2:
        y_ticks.append((y_at(tick), money(tick)))
        tick += step
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        top=TOP,
        right=plot_right,
        bottom=plot_bottom,
        x_ticks=tuple((x_at(year * 12), str(year)) for year in range(0, 11)),
        y_ticks=tuple(y_ticks),
        zero_y=y_at(0),
        series=tuple(series),
        markers=tuple(markers),
    )


def _summary(number: int, label: str, points: Sequence[Point], earned: Earnings) -> str:
    shown = {point.year: point.value for point in points}
    parts = [
        f"year {year}: {money(shown[year])}" if year in shown else f"year {year}: unknown"
        for year in (1, 3, 5, 10)
    ]
    return f"Path {number}, {label}. Cumulative earnings, " + "; ".join(parts) + "."
