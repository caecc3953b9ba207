"""The earnings model: what a roadmap pays, month by month, for ten years.

Pure Python (no Django), fed by the roadmap document (README "The roadmap document") and
the salary bands of the catalog. The one model, in the sentence the comparison page prints
(`MODEL_SENTENCE`):

- In a role, yearly pay starts at the low end of the role's salary band and rises evenly to
  the high end over the first `RISE_MONTHS` months worked in that role, then stays there.
- Full-time study pays nothing; study while working keeps the pay of the job held.
- Without a job (before the first hire) pay is nothing.
- Known costs (a program's typical cost, an exam fee) are paid in the month the step starts;
  unknown costs are left out and listed, never counted as zero.
- After the roadmap's last step the person stays in the role they reached.

A role without a salary band makes its months' pay unknown, and everything summed over
them unknown: `None` throughout, never 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from .engine import add_months, months_between

HORIZON_MONTHS = 120  # ten years
RISE_MONTHS = 60  # low end of the band to its high end over five years in the role
YEARS = (1, 3, 5, 10)
COSTED_KINDS = ("study", "exam")  # steps that may carry a cost; work and moves do not

MODEL_SENTENCE = (
    "Pay in a role starts at the low end of the role's salary band and rises evenly to the "
    f"high end over its first {RISE_MONTHS // 12} years in that role; full-time study and "
    "time without a job pay nothing, study while working keeps the job's pay; known program "
    "and exam costs are paid when the step starts, unknown costs are left out and named."
)


@dataclass(frozen=True)
class Band:
    """A role's yearly salary band in US dollars."""

    low: int
    high: int

    def yearly(self, months_in_role: int) -> float:
        progress = min(months_in_role, RISE_MONTHS) / RISE_MONTHS
        return self.low + (self.high - self.low) * progress


def bands_from(roles: Mapping[str, Any]) -> dict[str, Band | None]:
    """{slug: Band or None} from engine roles (anything with salary_min and salary_max)."""
    bands: dict[str, Band | None] = {}
    for slug, role in roles.items():
        low, high = role.salary_min, role.salary_max
        if low is None:
            bands[slug] = None
        else:
            bands[slug] = Band(low, high if high is not None else low)
    return bands


@dataclass(frozen=True)
class Month:
    """One month of a roadmap: who pays and what it costs."""

    role: str | None  # the role worked this month (None: studying full time or no job)
    studying: bool
    pay: float | None  # None: the role has no salary band
    cost: int  # known costs paid this month


@dataclass(frozen=True)
class UnknownCost:
    title: str
    start: date


@dataclass(frozen=True)
class YearSalary:
    """The yearly pay rate in the last month of a year, and what it comes from."""

    year: int
    yearly: int | None  # None: unknown
    role: str | None
    studying: bool

    @property
    def known(self) -> bool:
        return self.yearly is not None


@dataclass(frozen=True)
class Earnings:
    start: date
    months: tuple[Month, ...]
    cumulative: tuple[int | None, ...]  # after x months, x = 0..HORIZON_MONTHS; None: unknown
    unknown_costs: tuple[UnknownCost, ...]
    unbanded_roles: tuple[str, ...]  # roles on the way whose band is unknown, in order

    def cumulative_at_year(self, year: int) -> int | None:
        return self.cumulative[year * 12]

    def salary_in_year(self, year: int) -> YearSalary:
        month = self.months[year * 12 - 1]
        yearly = None if month.pay is None else round(month.pay * 12)
        return YearSalary(year, yearly, month.role, month.studying)

    @property
    def unknown_from(self) -> int | None:
        """The first month (0-based) whose pay is unknown, or None."""
        return next((x for x, value in enumerate(self.cumulative) if value is None), None)

    @property
    def costs_known(self) -> int:
        return sum(month.cost for month in self.months)


def earnings(
    roadmap: Mapping[str, Any],
    bands: Mapping[str, Band | None],
    *,
    role: str | None = None,
    horizon: int = HORIZON_MONTHS,
) -> Earnings:
    """The month-by-month earnings of a reachable roadmap document over `horizon` months,
    for a person who holds `role` at the start (None: no job)."""
    start = date.fromisoformat(roadmap["start"])
    worked: dict[str, int] = {}  # months worked so far in each role
    unknown_costs: list[UnknownCost] = []
    unbanded: list[str] = []
    months: list[Month] = []
    costs: dict[int, int] = {}

    def note_role(slug: str | None) -> None:
        if slug and bands.get(slug) is None and slug not in unbanded:
            unbanded.append(slug)

    def work(slug: str | None, studying: bool = False) -> None:
        if slug is None:
            months.append(Month(None, studying, 0.0, 0))
            return
        band = bands.get(slug)
        pay = None if band is None else band.yearly(worked.get(slug, 0)) / 12
        worked[slug] = worked.get(slug, 0) + 1
        months.append(Month(slug, studying, pay, 0))

    current = role
    note_role(current)
    for step in roadmap["steps"]:
        offset = months_between(start, date.fromisoformat(step["start"]))
        while len(months) < min(offset, horizon):  # a gap: the job held goes on
            work(current)
        if step["kind"] in COSTED_KINDS:
            if step["cost"] is None:
                unknown_costs.append(UnknownCost(step["title"], date.fromisoformat(step["start"])))
            elif offset < horizon:
                costs[offset] = costs.get(offset, 0) + step["cost"]
        if step["role"] and step["kind"] in ("move", "work"):
            current = step["role"]
            note_role(current)
        for _ in range(step["months"]):
            if len(months) >= horizon:
                break
            if step["kind"] == "study":
                # The document gives the band of the job held meanwhile only when it is worked.
                work(current if step["salary"] is not None else None, studying=True)
            else:
                work(current)
    while len(months) < horizon:
        work(current)

    months = [
        Month(month.role, month.studying, month.pay, costs.get(x, 0))
        for x, month in enumerate(months)
    ]
    cumulative: list[int | None] = [0]
    total: float | None = 0.0
    for month in months:
        if total is not None:
            total = None if month.pay is None else total + month.pay - month.cost
        cumulative.append(None if total is None else round(total))
    return Earnings(
        start=start,
        months=tuple(months),
        cumulative=tuple(cumulative),
        unknown_costs=tuple(unknown_costs),
        unbanded_roles=tuple(unbanded),
    )


@dataclass(frozen=True)
class Crossing:
    """After `month` months, path `ahead` has earned more in total than path `behind`,
    having earned less (or the same) until then."""

    month: int
    date: date
    ahead: int  # indexes into the sequence given to crossings()
    behind: int


@dataclass(frozen=True)
class BreakEven:
    first: int
    second: int
    crossings: tuple[Crossing, ...]
    leader_at_end: int | None  # None: level, or unknown
    known_until: int  # months over which both totals are known


def break_even(a: Earnings, b: Earnings, first: int = 0, second: int = 1) -> BreakEven:
    """Where one path's cumulative earnings overtake the other's, over the months both are
    known. Months where they are level keep the previous leader."""
    leader: int | None = None
    found: list[Crossing] = []
    known_until = 0
    for x in range(1, min(len(a.cumulative), len(b.cumulative))):
        one, two = a.cumulative[x], b.cumulative[x]
        if one is None or two is None:
            break
        known_until = x
        if one == two:
            continue
        now = first if one > two else second
        if leader is not None and now != leader:
            found.append(
                Crossing(x, add_months(a.start, x), now, second if now == first else first)
            )
        leader = now
    end_a, end_b = a.cumulative[-1], b.cumulative[-1]
    if end_a is None or end_b is None or end_a == end_b:
        at_end = None
    else:
        at_end = first if end_a > end_b else second
    return BreakEven(first, second, tuple(found), at_end, known_until)


def all_break_evens(paths: Sequence[Earnings | None]) -> list[BreakEven]:
    """Break-even for every pair of paths that have earnings."""
    found = []
    for i, a in enumerate(paths):
        for j in range(i + 1, len(paths)):
            b = paths[j]
            if a is not None and b is not None:
                found.append(break_even(a, b, i, j))
    return found
