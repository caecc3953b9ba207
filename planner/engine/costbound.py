"""The cost half of the search's estimate: a lower bound on the money still to pay before
the goal (program costs and exam fees), which orders states of equal estimated finish.
Bound (bound.py) inherits it and supplies the catalog index, the relevant programs, the
education floors, the goal's ways and the depth to look."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from .routebound import merged

if TYPE_CHECKING:
    from .compiled import CRoute, Req
    from .states import Node

INF = 1 << 30


class CostBound:
    """Each part of a route is bounded on its own and only the dearest counts, so it never
    overestimates; a credential's fee comes on top of what its rule set asks."""

    def cost(self, node: Node, ways: int, slack: int) -> int:
        """A lower bound on the money still to pay before the goal (program costs and exam
        fees) by a plan finishing within `slack` months (the estimated finish): by one of
        the goal's `ways` that could be done by then, and meeting each credential's rule
        set by a route that could hold by then. Each part of a route is bounded on its
        own and only the dearest counts, so it never overestimates. For ordering states
        of equal estimated finish."""
        key = self.memo_key(node) + (ways, slack)
        found = self._cost_memo.get(key)
        if found is None:
            self._cost_scratch = {}
            self.scratch_for(node)  # the month bounds of routes, for this state
            found = self._cost_memo[key] = self._goal_cost(node, ways, slack)
        return found

    def _goal_cost(self, node: Node, ways: int, slack: int) -> int:
        """The least cost over the chosen ways (bits of `ways`) of `self.ways` (ways.py)."""
        goal, depth = self.goal, self.depth
        if goal.kind == "role" and node.role == goal.index:
            return 0
        if goal.kind == "credential" and node.eff >> goal.index & 1:
            return 0
        chosen = [way for i, way in enumerate(self.ways) if ways >> i & 1]
        if goal.kind == "role":
            return min(
                (
                    max(
                        self.route_cost(route, node, depth, 0, slack) if route else 0,
                        self.entry_cost(o, node, slack),
                    )
                    for route, o, _ in chosen
                ),
                default=0,
            )
        best = INF
        for c, _, required, advised in chosen:
            if goal.kind == "credential":
                fee = (self.ix.cred_fee[c] or 0) if self.ix.cred_exam[c] else 0
                earned = 1 << c
                found = fee + max(
                    self.route_cost(required, node, depth, earned, slack) if required else 0,
                    self.route_cost(advised, node, depth, earned, slack) if advised else 0,
                )
            else:
                found = self.route_cost(required, node, depth, 0, slack) if required else 0
            best = min(best, found)
        return best if chosen else 0

    def entry_cost(self, role: int, node: Node, slack: int = INF) -> int:
        """For a move out of `role` (none: -1): the least cost of being in that role from
        this state within `slack` months (by routes whose month bound is within it),
        hired (what its hire asks) or by a move (what the move asks and what being in the
        role it leaves cost), a path costing at least its dearest part (its parts may share
        credentials). A search over roles shared by the questions about one state, going
        only as far as each needs; a requirement is priced only when its way in comes
        first."""
        if role < 0 or role == node.role:
            return 0
        found = self._cost_scratch.get("entry")
        if found is None:
            ix = self.ix
            # (cost so far, tie-breaker, role, requirement still to price or None)
            heap = [(0, -1, node.role, None)] if node.role >= 0 else []
            heap += [
                (self.quick_cost(ix.role_hire[r], node), r, r, ix.role_hire[r])
                for r in self.rel_roles
                if r != node.role and ix.role_hire[r].compiled
            ]
            heapq.heapify(heap)
            found = self._cost_scratch["entry"] = ({}, heap)
        costs, heap = found
        if role in costs:
            return costs[role]
        ix, depth, order = self.ix, self.depth - 1, len(self.ix.roles)
        while heap:
            cost, tie, r, pending = heapq.heappop(heap)
            if r in costs:
                continue
            if pending is not None:
                priced = max(cost, self.req_cost(pending, node, depth, 0, slack))
                if priced > cost:
                    if priced < INF:
                        heapq.heappush(heap, (priced, tie, r, None))
                    continue
            costs[r] = cost
            for s, edge in ix.moves_out[r].items():
                if s not in costs and s in self.rel_roles:
                    later = max(cost, self.quick_cost(edge.requires, node))
                    heapq.heappush(heap, (later, (r + 1) * order + s, s, edge.requires))
            if r == role:
                return cost
        return INF

    def quick_cost(self, req: Req, node: Node) -> int:
        """A lower bound on req_cost from each route's own programs alone (as
        RouteBound.quick)."""
        best = 0 if not req.compiled else INF
        for route in req.compiled:
            if route[3] and not self.lic & route[3]:
                continue
            cost = self.least(route[1])[1] if route[1] and not node.progs & route[1] else 0
            if cost < best:
                best = cost
                if not best:
                    break
        return best

    def req_cost(
        self,
        req: Req,
        node: Node,
        depth: int,
        earned: int = 0,
        slack: int = INF,
        outer: tuple = (),
    ) -> int:
        """At least what meeting `req` costs; `earned`: as in Bound.providers; with a
        `slack`, by a route whose month bound is within it, the experience in `outer`
        (asked for by what this is a means to, as in Bound._route) built as well."""
        if not req.compiled:
            return 0
        return min(
            (
                self.route_cost(route, node, depth, earned, slack, outer)
                for route in req.compiled
                if slack >= INF or self.route_within(route, node, earned, outer) <= slack
            ),
            default=INF,
        )

    def route_cost(
        self,
        route: CRoute,
        node: Node,
        depth: int,
        earned: int = 0,
        slack: int = INF,
        outer: tuple = (),
    ) -> int:
        key = (route, depth, earned, slack, outer)
        found = self._cost_scratch.get(key)
        if found is not None:
            return found
        r_edu, r_progs, r_creds, r_lic, r_exp, _ = route
        found = 0
        if r_lic and not self.lic & r_lic:
            found = INF
        else:
            if r_progs and not node.progs & r_progs:
                found = max(found, self.programs_cost(r_progs, node, depth))
            if r_edu > node.edu:
                found = max(found, self.programs_cost(self.edu_mask[r_edu], node, depth))
            if r_creds and not node.eff & r_creds:
                if slack < INF:  # its credentials are asked for with its experience
                    exp = node.exp
                    outer = merged(outer, tuple((k, m - exp[k], 0) for k, m in r_exp if m > exp[k]))
                found = max(
                    found,
                    min(
                        (
                            self.cred_cost(c, node, max(depth - 1, 0), earned, slack, outer)
                            for c in self.providers(r_creds, earned)
                        ),
                        default=INF,
                    ),
                )
        self._cost_scratch[key] = found
        return found

    def programs_cost(self, mask: int, node: Node, depth: int) -> int:
        ix, best = self.ix, INF
        for p in self.rel_progs:
            if mask >> p & 1:
                if depth > 0:
                    admission = self.req_cost(ix.prog_admission[p], node, depth - 1)
                else:  # the admission's education alone (floors.py)
                    floor = self.floors.cost[node.edu]
                    admission = min(
                        (floor[route[0]] for route in ix.prog_admission[p].compiled), default=0
                    )
                best = min(best, (ix.prog_cost[p] or 0) + admission)
        return best

    def cred_cost(
        self,
        c: int,
        node: Node,
        depth: int,
        earned: int = 0,
        slack: int = INF,
        outer: tuple = (),
    ) -> int:
        """Its fee and what its rule set asks, whose credentials are looked through to the
        end of the chain being earned (`earned`, as in Bound.providers); with a `slack`,
        by a rule set in force and a route whose month bound are within it (`outer`: as
        in req_cost)."""
        if node.eff >> c & 1:
            return 0
        key = ("credential", c, depth, earned, slack, outer)
        found = self._cost_scratch.get(key)
        if found is None:
            # The same for every state that looks the same to it (Bound.seen_as).
            seen_as = self.seen_as(c, earned, node) + (depth, slack, outer)
            found = self._deep_cost.get(seen_as)
            if found is None:
                found = self._deep_cost[seen_as] = self._cred_cost(
                    c, node, depth, earned, slack, outer
                )
            self._cost_scratch[key] = found
        return found

    def _cred_cost(
        self, c: int, node: Node, depth: int, earned: int, slack: int, outer: tuple
    ) -> int:
        fee = (self.ix.cred_fee[c] or 0) if self.ix.cred_exam[c] else 0
        exam, earned = self.ix.cred_exam[c] and self.recommended, earned | 1 << c
        best = INF
        below = max(depth - 1, 0)
        for wait, rule in self.rules(c, node):
            if wait > slack:
                continue
            needed = self.req_cost(rule.required, node, below, earned, slack, outer)
            if exam and rule.recommended.compiled:
                advised = self.req_cost(rule.recommended, node, below, earned, slack, outer)
                needed = max(needed, advised)
            best = min(best, needed)
        return fee + best
