"""A bound's alternatives (routebound.py, costbound.py): each way of meeting a route,
as (months, months away from work, experience asked, months of work, and the months and
the shortest of the programs studied beside work one after another), the experience as
(kind, months still to build, months until in a role building it); and what is done
with them: merged, compared, pruned, and the months programs studied beside work take
along with the experience (`stint`: each program is studied in one role)."""

from __future__ import annotations

from functools import lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

NOTHING = ((0, 0, (), 0, 0, 0),)  # one alternative asking for nothing
MOST = 8  # alternatives kept at most: the rest are merged into one no worse than any


@lru_cache(maxsize=1 << 16)
def merged(one: tuple, other: tuple) -> tuple:
    """Two tuples of experience asked as one, by kind: a kind's months and entry are
    each the larger (both are lower bounds on the same quantities)."""
    if not one:
        return other
    if not other:
        return one
    kinds = {kind: (gap, entry) for kind, gap, entry in one}
    for kind, gap, entry in other:
        had = kinds.get(kind)
        kinds[kind] = (max(had[0], gap), max(had[1], entry)) if had else (gap, entry)
    return tuple(sorted((kind, gap, entry) for kind, (gap, entry) in kinds.items()))


def no_better(one: tuple, other: tuple) -> bool:
    """Whether alternative `one` is no better than `other` in any part (then, whatever it
    is a means to, `other` bounds it no higher)."""
    if one[0] < other[0] or one[1] < other[1] or one[3] < other[3]:
        return False
    if one[4] < other[4] or one[5] < other[5]:
        return False
    mine = one[2]  # a few kinds at most: a scan is quicker than a dict
    for kind, gap, entry in other[2]:
        for k, my_gap, my_entry in mine:
            if k == kind:
                if my_gap < gap or my_entry < entry:
                    return False
                break
        else:
            return False
    return True


def stint(asked: tuple, study: int, shortest: int) -> int:
    """Months before programs studied beside work one after another (`study` months in
    all, the shortest of them `shortest` months) are done and the experience `asked`
    built. Each program is studied in one role, so for each kind they fall into those
    before the first role building it (none, or at least `shortest` months; getting in
    waits for them), those beside the kind's months in such a role, and those after:
    the least over the ways of dividing them (`divided`)."""
    if not study:
        return 0
    months = study if not asked else 0
    for _, gap, entry in asked:
        months = max(months, divided(gap, entry, study, shortest))
    return months


def divided(gap: int, entry: int, study: int, shortest: int) -> int:
    """stint for one kind: `gap` months still to build, `entry` months until in a role
    building it. All the study beside the kind's months, or all of it before them; or
    some before (the months of at least one program and of all but one, at most) and the
    rest beside, the split nearest the months until in the role the least."""
    best = min(entry + max(gap, study), max(entry, study) + gap)
    if 2 * shortest <= study:
        before = min(max(entry, shortest), study - shortest)
        best = min(best, max(entry, before) + max(gap, study - before))
    return best


def pruned(alternatives: list) -> tuple:
    """The alternatives not dominated by another, at most MOST: the rest are merged into
    one asking for the least of each part (so no higher a bound than any of them)."""
    if len(alternatives) < 2:
        return tuple(alternatives)
    alternatives.sort()
    kept: list = []
    for alternative in alternatives:
        for other in kept:
            if no_better(alternative, other):
                break
        else:
            kept.append(alternative)
    if len(kept) > MOST:
        rest = kept[MOST - 1 :]
        common = set.intersection(*({kind for kind, _, _ in alt[2]} for alt in rest))
        least: dict[int, tuple[int, int]] = {}
        for alt in rest:
            for kind, gap, entry in alt[2]:
                if kind in common:
                    had = least.get(kind, (gap, entry))
                    least[kind] = (min(had[0], gap), min(had[1], entry))
        asked = tuple(sorted((kind, gap, entry) for kind, (gap, entry) in least.items()))
        least_work, least_study = min(alt[3] for alt in rest), min(alt[4] for alt in rest)
        least_shortest, away = min(alt[5] for alt in rest), min(alt[1] for alt in rest)
        kept[MOST - 1 :] = [(rest[0][0], away, asked, least_work, least_study, least_shortest)]
    return tuple(kept)


def of_kinds(kinds: list[int]) -> Callable[[tuple[int, ...]], tuple[int, ...]]:
    """The months of experience of `kinds`, a tuple, from a state's experience."""
    if len(kinds) > 1:
        return itemgetter(*kinds)
    if kinds:
        kind = kinds[0]
        return lambda exp: (exp[kind],)
    return lambda exp: ()
