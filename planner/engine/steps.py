"""Steps still to go: how the search orders states queued alike (same estimated finish and
cost), so that among many plans of equal finish and cost it follows the shortest first.

Many actions take no months and cost nothing (a hire, a move, a grant), so a catalog
with many roles has wide plateaus of states alike in finish and cost. Ordered by the
steps taken alone, the search would go through them breadth first; ordered by the steps
taken and a count of those still to go, it goes straight to the goal. The count looks at
the goal's ways (ways.py) that the estimate found could be done in time: one step into
the goal, the moves or a hire and moves into the role a move leaves, and one step each
for a credential, a program, education and a wait that a route on the way still needs.
Under the recommended pace, a move that asks for typical months in the role it leaves
has a wait before it (one wait, however much experience its route asks besides). A hire
or an exam that asks for experience the current role does not build has a step into a
role that builds it before the wait.

The count is for a plan done by the state's key: a hire, a move or a route that asks for
more months of experience, or of time in a role, than are left to the key is no way at
all (on a wide catalog most hires are one wait away, and it is the length of the wait
that tells them apart). Fewer steps stays a preference, as before: the finish and the
cost do not depend on this.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problem import Problem
    from .relevance import Relevance
    from .states import Goal, Node

INF = 1 << 30
FAR = 8  # steps into a role counted at most


class StepsToGo:
    """A count of the steps still to go, for one search."""

    def __init__(self, problem: Problem, rel: Relevance, goal: Goal, ways: tuple, full: int):
        self.ix, self.goal, self.ways, self.full = problem.ix, goal, ways, full
        self.roles = frozenset(rel.roles)
        self.lic = problem.start.lic
        self.recommended = problem.recommended
        self._into: dict[tuple, tuple[dict[int, int], list[tuple[int, tuple]]]] = {}

    def __call__(self, node: Node, ways: int, by: int) -> int:
        """Steps still to go from `node` by the best of the goal's ways in `ways` (a bit
        each; none: all of them), for a plan done by month `by`."""
        goal = self.goal
        left = 0 if node.vmask == self.full else 1
        if goal.kind == "role":
            if node.role == goal.index:
                return left
        elif goal.kind == "credential":
            if node.eff >> goal.index & 1:
                return left
        else:
            return left
        months = by - node.t
        best = INF
        for i, way in enumerate(self.ways):
            if ways and not ways >> i & 1:
                continue
            if goal.kind == "role":
                route, origin, typical = way
                served = node.ten if origin == node.role else 0
                if typical - served > months:
                    continue
                wait = served < typical  # in the role the move leaves, first
                if origin < 0:
                    steps = 1 + self.needs_built((route,), node, months)
                else:
                    steps = 1 + wait + self.needs((route,), node, months, wait)
                    if origin != node.role:
                        steps += self.into(origin, node, months)
            else:
                _, _, required, advised = way
                required = self.needs_built((required,), node, months)
                steps = 1 + max(required, self.needs((advised,), node, months))
            best = min(best, steps)
        return left + min(best, FAR)

    def needs(self, routes: tuple, node: Node, months: int, waited: bool = False) -> int:
        """Steps before one of `routes` holds: none when one holds now; else the fewest
        over the routes of a step each for a credential, a program, education and
        experience (a wait, unless one is `waited` already). INF when each asks for a
        licence not held or more months of experience than `months`."""
        return min((self._needs(route, node, months, waited)[0] for route in routes), default=0)

    def needs_built(self, routes: tuple, node: Node, months: int) -> int:
        """As `needs`, for a hire or an exam: the experience it asks for is built before
        it, so a step into a role that builds it comes first when the current role does
        not."""
        built = self.ix.role_accrues_mask[node.role] if node.role >= 0 else 0
        best = INF
        for route in routes:
            steps, kinds = self._needs(route, node, months, False)
            best = min(best, steps + bool(kinds & ~built))
        return best

    def _needs(self, route, node: Node, months: int, waited: bool) -> tuple[int, int]:
        """(`needs` for one route, the kinds of experience it still asks for as a mask)."""
        if not route:
            return 0, 0
        r_edu, r_progs, r_creds, r_lic, r_exp, _ = route
        if r_lic and not self.lic & r_lic:
            return INF, 0  # licences are held from the start or not at all
        exp = node.exp
        kinds = 0
        for kind, needed in r_exp:
            if needed > exp[kind]:
                if needed - exp[kind] > months:
                    return INF, 0
                kinds |= 1 << kind
        steps = (
            int(bool(r_creds) and not node.eff & r_creds)
            + int(bool(r_progs) and not node.progs & r_progs)
            + int(r_edu > node.edu)
            + int(bool(kinds) and not waited)
        )
        return steps, kinds

    def into(self, origin: int, node: Node, months: int) -> int:
        """Steps into `origin`: moves from the current role, or a hire and moves, whichever
        is fewer, each hire or move with the steps before it holds (`needs_built`,
        `needs`), and a wait before a move that asks for typical months in the role it
        leaves, under the recommended pace. Counted up to FAR steps (past that, all
        alike), backwards from `origin`, once for each way of holding things and months
        left; what depends on the current role (the experience it builds, the months
        served in it) is counted after."""
        key = (origin, node.edu, node.progs, node.eff, node.exp, months)
        found = self._into.get(key)
        if found is None:
            found = self._into[key] = self._into_from(origin, node, months)
        dist, hires = found
        best = dist.get(node.role, FAR)
        for steps, routes in hires:
            if steps < best:
                best = min(best, steps + self.needs_built(routes, node, months))
        if self.recommended and node.ten and node.role >= 0:
            # Months served in the current role count towards a move's typical months.
            for target, edge in self.ix.moves_out[node.role].items():
                steps = dist.get(target, FAR) + 1
                if steps >= best or edge.typical - node.ten > months:
                    continue
                wait = node.ten < edge.typical
                best = min(
                    best, steps + wait + self.needs(edge.requires.compiled, node, months, wait)
                )
        return best

    def _into_from(
        self, origin: int, node: Node, months: int
    ) -> tuple[dict[int, int], list[tuple[int, tuple]]]:
        """Steps from each role into `origin` by moves, and the hires on the way (steps
        after the hire, its routes) that could make a way in with fewer steps than the
        moves found."""
        hire, roles, recommended = self.ix.role_hire, self.roles, self.recommended
        dist, hires, least = {origin: 0}, [], FAR
        heap = [(0, origin)]
        while heap:
            steps, r = heapq.heappop(heap)
            if steps > dist[r]:
                continue
            if 1 + steps >= least:
                break  # nothing further can be hired into for fewer steps
            if hire[r].compiled:
                fewest = 1 + steps + self.needs(hire[r].compiled, node, months)
                if fewest < least + 1:  # a step into a role that builds experience at most
                    hires.append((1 + steps, hire[r].compiled))
                    least = min(least, fewest)
            for edge in self.ix.moves_in[r]:
                q, req = edge.origin, edge.requires.compiled
                if q not in roles or q in dist and dist[q] <= steps + 1:
                    continue
                wait = recommended and edge.typical > 0
                if wait and edge.typical > months:
                    continue
                more = steps + 1 + wait + (self.needs(req, node, months, wait) if req else 0)
                if more < dist.get(q, FAR):
                    dist[q] = more
                    heapq.heappush(heap, (more, q))
        return dist, hires
