"""Credentials the catalog treats alike: a swap of credentials (CPC-A with COC-A and CPC
with COC, say) that changes nothing the search can see.

A swap is a symmetry of one search when, with every credential in a condition replaced
by its partner, each relevant hire, move, admission and the goal asks exactly what it
asked before, and each credential's rule sets, fee, kind (exam or grant) and what it
counts as are its partner's. Then any plan maps to a plan with its partners in place,
with the same finish, cost and steps. So where a state holds a symmetric set (as much of
one side as of the other), the search need only follow one of the two ways of breaking
it: `Symmetry.allows` keeps the taking of a credential whose holdings, swapped, would
come out as a smaller number. The other way is its mirror image, from the same state.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .compiled import bits

if TYPE_CHECKING:
    from collections.abc import Callable

    from .compiled import CRoute, Req
    from .problem import Problem
    from .relevance import Relevance
    from .states import Goal


class Symmetry:
    """One swap: pairs of credential indexes."""

    __slots__ = ("pairs", "support")

    def __init__(self, pairs: dict[int, int]) -> None:
        self.pairs = pairs  # both directions
        self.support = sum(1 << c for c in pairs)

    def swap(self, mask: int) -> int:
        moved = mask & self.support
        if not moved:
            return mask
        swapped = mask & ~self.support
        for c, partner in self.pairs.items():
            if moved >> c & 1:
                swapped |= 1 << partner
        return swapped

    def allows(self, before: int, after: int) -> bool:
        """Whether to go from holdings `before` to `after`: always, unless `before` is
        symmetric and `after` is the mirror image with the larger number."""
        before &= self.support
        if self.swap(before) != before:
            return True
        after &= self.support
        return after <= self.swap(after)


def symmetries(problem: Problem, rel: Relevance, goal: Goal, fixed: int) -> tuple[Symmetry, ...]:
    """The swaps of relevant credentials that are symmetries of the search for `goal`,
    leaving the credentials in `fixed` (a mask: the goal, credential waypoints) alone."""
    ix = problem.ix
    if goal.kind != "role":
        fixed |= 1 << goal.index
    every = sorted(set(rel.creds) | ({goal.index} if goal.kind != "role" else set()))
    creds = [c for c in every if not fixed >> c & 1]

    # What a swap cannot change about a credential: its kind, fee, when its rule sets
    # take effect, and its routes but for the credentials they name.
    shape = {
        c: (
            ix.cred_exam[c],
            ix.cred_fee[c],
            tuple(
                (offset, _shape(rule.required), _shape(rule.recommended))
                for offset, rule in problem.rules[c]
            ),
        )
        for c in every
    }

    def alike(a: int, b: int) -> bool:
        return shape[a] == shape[b]

    # What each credential's rules name, with what it counts as: a swap of nothing in
    # there leaves its rules as they are.
    named = {
        c: ix.closure[c]
        | sum(route[2] for _, rule in problem.rules[c] for route in rule.required.compiled)
        | sum(route[2] for _, rule in problem.rules[c] for route in rule.recommended.compiled)
        for c in every
    }
    naming: dict[int, list[int]] = {}  # credential -> the credentials whose `named` has it
    for c, names in named.items():
        for d in bits(names):
            naming.setdefault(d, []).append(c)
    asking: dict[int, list[Req]] = {}  # credential -> the hires, moves, admissions naming it
    found: list[Symmetry] = []
    taken = 0
    for i, a in enumerate(creds):
        for b in creds[i + 1 :]:
            if taken >> a & 1 or taken >> b & 1 or not alike(a, b):
                continue
            pairs = _grow({a: b, b: a}, naming, creds, taken, problem, alike)
            if pairs and _keeps(Symmetry(pairs), problem, rel, asking):
                found.append(Symmetry(pairs))
                taken |= found[-1].support
    return tuple(found)


def _shape(req: Req) -> tuple:
    return tuple(sorted((route[:2] + route[3:] for route in req.compiled), key=repr))


def _mapped(req: Req, swap: Symmetry) -> frozenset[CRoute]:
    return frozenset(route[:2] + (swap.swap(route[2]),) + route[3:] for route in req.compiled)


def _rules_match(c: int, swap: Symmetry, problem: Problem) -> bool:
    """Whether c's rule sets, swapped, are its partner's."""
    partner = swap.pairs.get(c, c)
    for (_, mine), (_, theirs) in zip(problem.rules[c], problem.rules[partner], strict=True):
        for part in ("required", "recommended"):
            if _mapped(getattr(mine, part), swap) != frozenset(getattr(theirs, part).compiled):
                return False
    return problem.ix.closure[partner] == swap.swap(problem.ix.closure[c])


def _grow(
    pairs: dict[int, int],
    naming: dict[int, list[int]],
    creds: list[int],
    taken: int,
    problem: Problem,
    alike: Callable[[int, int], bool],
) -> dict[int, int] | None:
    """Add pairs until every credential's rules match its partner's, or None. A credential
    whose rules do not match (CPC, whose rules name CPC-A, once CPC-A is swapped with
    COC-A) is paired with one whose rules match its own swapped (COC). Only credentials
    swapped or whose rules name one swapped (`naming`: by the credential named) can fail
    to match."""
    while True:
        swap = Symmetry(pairs)
        touched = sorted({c for d in pairs for c in naming.get(d, ())} | set(pairs))
        wrong = next((c for c in touched if not _rules_match(c, swap, problem)), None)
        if wrong is None:
            return pairs
        if wrong in pairs:
            return None
        for other in creds:
            if other in pairs or other == wrong or taken >> other & 1 or not alike(wrong, other):
                continue
            trial = Symmetry({**pairs, wrong: other, other: wrong})
            if _rules_match(wrong, trial, problem) and _rules_match(other, trial, problem):
                pairs = trial.pairs
                break
        else:
            return None


def _keeps(swap: Symmetry, problem: Problem, rel: Relevance, asking: dict) -> bool:
    """Whether every relevant hire, move and admission asks the same once swapped (only
    those naming a swapped credential can change: `asking`, filled on first use)."""
    ix = problem.ix
    if {swap.swap(1 << c) for c in rel.creds} != {1 << c for c in rel.creds}:
        return False
    if not asking:
        reqs = [ix.role_hire[r] for r in rel.roles]
        reqs += [edge.requires for r in rel.roles for edge in ix.moves_in[r]]
        reqs += [ix.prog_admission[p] for p in rel.progs]
        for req in reqs:
            named = 0
            for route in req.compiled:
                named |= route[2]
            for c in bits(named):
                asking.setdefault(c, []).append(req)
        asking.setdefault(-1, [])  # filled, even if nothing names a credential
    return all(
        _mapped(req, swap) == frozenset(req.compiled)
        for c in swap.pairs
        for req in asking.get(c, ())
    )
