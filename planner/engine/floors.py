"""Education floors: the least months and the least cost to rise from one education level
to another by programs, with every admission relaxed to its education condition alone.

Bound looks at requirements only a few levels deep; where it stops, a program's admission
used to count as nothing, so a master's degree (admission: a bachelor's) looked as quick
and as cheap as its own months and fees. The floors give such an admission its due for
the price of a table lookup. Dropping every other condition of an admission only lowers
what it takes, so a floor never overestimates; a floor depends on the state only through
its education, and is a shortest path (completing a program brings the state to a level
whose floor is at most this one less the program), so it keeps the bound consistent.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .kinds import EDUCATION_BY_RANK

if TYPE_CHECKING:
    from .compiled import Index

INF = 1 << 30
LEVELS = len(EDUCATION_BY_RANK)


def combine(options: list[tuple[int, int]]) -> tuple[int, int]:
    """One (months, months away from work) pair no more than any option's: (B, N) with
    max(w, B) + N <= max(w, b) + n for every option (b, n) and any w (as Bound.programs)."""
    if not options:
        return (INF, INF)
    least_away = min(n for _, n in options)
    least = max(min(b for b, _ in options), min(b + n for b, n in options) - least_away)
    return (least, least_away)


class EducationFloors:
    """`months[edu][level]`: (months, months away from work) to reach `level` from `edu`;
    `cost[edu][level]`: the least fees for it. Levels at or below `edu` cost nothing."""

    def __init__(self, ix: Index, progs: tuple[int, ...], beside_work: dict[int, bool]) -> None:
        self.ix, self.progs, self.beside_work = ix, progs, beside_work
        self.months = [self._months_from(edu) for edu in range(LEVELS)]
        self.cost = [self._cost_from(edu) for edu in range(LEVELS)]

    def admission_levels(self, p: int, below: int) -> tuple[int, ...]:
        """The education levels below `below` that an admission route of `p` asks for (a
        program can only be the first to bring someone to a level if it admits them
        below it). No admission routes: admitted as is."""
        routes = self.ix.prog_admission[p].compiled
        if not routes:
            return (0,)
        return tuple(route[0] for route in routes if route[0] < below)

    def _months_from(self, edu: int) -> list[tuple[int, int]]:
        ix = self.ix
        floor = [(0, 0)] * LEVELS
        for level in range(edu + 1, LEVELS):  # each level from those below it
            options = []
            for p in self.progs:
                levels = self.admission_levels(p, level)
                if ix.prog_grants[p] < level or not levels:
                    continue
                # Reach the admission's level, as Bound.requirement would see it, then study.
                pairs = [floor[below] for below in levels]
                total = min(b + n for b, n in pairs)
                away = min(n for _, n in pairs)
                if total >= INF:
                    continue
                months = ix.prog_months[p]
                if self.beside_work[p]:
                    options.append((total - away + months, away))
                else:
                    options.append((total - away, away + months))
            floor[level] = combine(options)
        return floor

    def _cost_from(self, edu: int) -> list[int]:
        ix = self.ix
        floor = [0] * LEVELS
        for level in range(edu + 1, LEVELS):
            floor[level] = min(
                (
                    (ix.prog_cost[p] or 0) + min(floor[below] for below in levels)
                    for p in self.progs
                    if ix.prog_grants[p] >= level and (levels := self.admission_levels(p, level))
                ),
                default=INF,
            )
        return floor
