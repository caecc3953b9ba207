"""The moves into the goal, for the estimate (bound.py): a move is no sooner than getting
into the role it leaves and its months there, what the way in asks built before them and
what the move asks along with them (`through`), by the ways into that role (`ways_into`).
Bound inherits it and supplies the catalog index, the relevant roles, the route bounds
(routebound.py), the entry times (entrytime.py) and the state's scratch."""

from __future__ import annotations

from itertools import product
from typing import TYPE_CHECKING

from .alternatives import NOTHING, merged, pruned

if TYPE_CHECKING:
    from .compiled import CMove, CRoute, Req
    from .states import Node

INF = 1 << 30


class MoveBound:
    """The months before a move into the goal (module docstring)."""

    def through(
        self,
        route: CRoute | None,
        origin: int,
        typical: int,
        node: Node,
        deep: bool = True,
        limit: int = INF,
    ) -> int:
        """Months before a move from `origin` by `route` after `typical` months in it (the
        recommended pace), when getting into `origin` (a hire or a move into it, unless
        the state is there) and the move's route must both have held by then. The months
        in `origin` are worked there, so neither study away from work, nor the experience
        getting in asked, nor experience of kinds `origin` does not build overlaps them
        (if the state is there and such experience is still to build, it leaves, and comes
        back by a way into `origin` for all of the months). Getting in by a move, the
        months in the role it leaves come just before, and build only that role's kinds.
        Past `limit`, a lower bound past it (the months into the role a move leaves asked
        only whether within it)."""
        ones = self.route_ways(route, node, self.top) if route else NOTHING
        staying = INF
        if origin == node.role:
            builds, leaving = self.racc[origin], []
            for alt in ones:
                months, away, asked = alt[:3]
                if any(not builds >> kind & 1 for kind, _, _ in asked):
                    leaving.append(alt)
                else:
                    staying = min(staying, max(months, max(0, typical - node.ten) + away))
            if not leaving:
                return staying
            # Experience `origin` does not build is built elsewhere: the state leaves and
            # comes back by a way into `origin` (a hire or a move), as from another role.
            ones = tuple(leaving)
        ways = self.ways_into(origin, node, False, limit)
        best, by_move = self._through(ones, origin, typical, ways)
        if deep and by_move and best < staying and best <= limit and self.near:
            # What getting into the role a move leaves asks, too (not on a large catalog,
            # where there are many such roles and most are far from the state).
            ways = self.ways_into(origin, node, True, limit)
            best = self._through(ones, origin, typical, ways)[0]
        return min(best, staying)

    def _through(self, ones: tuple, origin: int, typical: int, ways: tuple) -> tuple[int, bool]:
        """through's months by the ways into `origin` given, and whether by a move."""
        builds, best, by_move = self.racc[origin], INF, False
        for before_in, built_before, ways_in in ways:
            for alt, way_in in product(ones, ways_in):
                months = self.both((alt,), (way_in,))[0][0]
                elsewhere = tuple(need for need in alt[2] if not builds >> need[0] & 1)
                ahead = merged(way_in[2], elsewhere)  # built before the months in `origin`
                before = max(self.worked(ahead)[0], way_in[3])
                away = max(alt[1], way_in[1])
                months = max(months, typical + before + away)
                asked = merged(way_in[2], alt[2])
                if len(asked) > 1:
                    free = self.free_of(way_in[2], alt[2])
                    months = max(months, self.apart(asked, origin, free) + away)
                if before_in and months < best:
                    months = max(
                        months,
                        self.not_built(asked, built_before, before_in + away),
                        self.not_built(ahead, built_before, before_in + typical + away),
                    )
                if months < best:
                    best, by_move = months, built_before >= 0
        return best, by_move

    def apart(self, asked: tuple, origin: int, free: int) -> int:
        """Months of work to build `asked` (what a way into `origin` and a move out of it
        ask). What the way in asks is built before the first time in `origin`, so only
        roles other than `origin` build it together with anything; `origin` builds
        together only the kinds in `free` (those the move asks more of than the way in)."""
        key = (asked, origin, free)
        found = self._apart.get(key)
        if found is None:
            found = max((gap for _, gap, _ in asked), default=0)
            if len(asked) > 1:
                racc, builders, together = self.racc, self.ix.accruers, {}
                for k, _, _ in asked:
                    together[k] = racc[origin] & free if free >> k & 1 else 0
                    for r in builders[k]:
                        if r != origin:
                            together[k] |= racc[r]
                found = self.one_at_a_time(asked, found, 0, together)[0]
            self._apart[key] = found
        return found

    @staticmethod
    def free_of(way_in: tuple, move: tuple) -> int:
        """The kinds a move asks more months of than the way into its origin (a mask)."""
        before = {kind: gap for kind, gap, _ in way_in}
        return sum(1 << kind for kind, gap, _ in move if gap > before.get(kind, 0))

    def not_built(self, asked: tuple, builds: int, months: int) -> int:
        """`months` that build none of the kinds of `asked` other than `builds`, with the
        months of work to build those other kinds."""
        apart = tuple(need for need in asked if not builds >> need[0] & 1)
        return months + self.worked(apart)[0] if apart else 0

    def ways_into(self, role: int, node: Node, deep: bool = False, limit: int = INF) -> tuple:
        """The ways the state can get into `role`, a hire or a move, as (months in the
        role a move leaves before it, the kinds that role builds, the alternatives before
        the way can be taken); ways alike in the first two share one entry, and a way
        that asks for nothing gives 'nothing asked'. A hire has no months before; a move
        is taken no sooner than the months into the role it leaves and those in it (past
        `limit`, asked only whether within it)."""
        key = ("into", role, deep, limit)
        found = self._scratch.get(key)
        if found is None:
            ix, recommended = self.ix, self.recommended
            ways: dict[tuple[int, int], list] = {}
            if ix.role_hire[role].compiled:
                ways[(0, -1)] = [(ix.role_hire[role], 0)]
            for edge in ix.moves_in[role]:
                q = edge.origin
                if q in self.rel_roles or q == node.role:
                    months = edge.typical - (node.ten if q == node.role else 0)
                    left = (max(0, months) if recommended else 0, self.racc[q])
                    soonest = left[0] if q == node.role else self.soonest(edge, node, deep, limit)
                    if soonest < INF:
                        ways.setdefault(left, []).append((edge.requires, soonest))
            found = self._scratch[key] = tuple(
                (months, builds, self._ways_in(reqs, node))
                for (months, builds), reqs in ways.items()
            )
        return found

    def soonest(self, edge: CMove, node: Node, deep: bool, limit: int) -> int:
        """Months before the move `edge` can be taken (the state not in its origin): into
        the origin, and the months there under the recommended pace; `deep`: with what
        getting into the origin asks built along with the move's own (`through`)."""
        q = edge.origin
        typical = edge.typical if self.recommended else 0
        if not deep:
            return self.entered(q, node, limit - typical) + typical
        return min(
            self.through(route, q, typical, node, False, limit)
            for route in edge.requires.compiled or (None,)
        )

    def _ways_in(self, reqs: list[tuple[Req, int]], node: Node) -> tuple:
        """The alternatives before one of `reqs` (requirement, months before it can be
        taken at the soonest) can be taken."""
        found = []
        for req, soonest in reqs:
            if not req.compiled:
                found.append((soonest,) + NOTHING[0][1:])
                continue
            for route in req.compiled:
                for alt in self.route_ways(route, node, self.depth):
                    found.append((max(alt[0], soonest),) + alt[1:] if soonest > alt[0] else alt)
        return pruned(found)
