"""Steps still to go: how the search orders states queued alike (same estimated finish and
cost), so that among many plans of equal finish and cost it follows the shortest first.

Many actions take no months and cost nothing (a hire, a move, a grant), so a catalog
with many roles has wide plateaus of states alike in finish and cost. Ordered by the
steps taken alone, the search would go through them breadth first; ordered by the steps
taken and a count of those still to go, it goes straight to the goal. The count looks at
the goal's ways (ways.py) that the estimate found could be done in time: one step into
the goal, the moves or a hire and moves into the role a move leaves (a wait before each
move that asks for typical months, under the recommended pace), and one step each for a
credential, a program, education and a wait the way's route still needs. Fewer
steps stays a preference, as before: the finish and the cost do not depend on this.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from .compiled import gate

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
        self._into: dict[tuple, tuple[dict[int, int], int]] = {}

    def __call__(self, node: Node, ways: int) -> int:
        """Steps still to go from `node` by the best of the goal's ways in `ways` (a bit
        each; none: all of them)."""
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
        chosen = [way for i, way in enumerate(self.ways) if not ways or ways >> i & 1]
        best = INF
        for way in chosen:
            if goal.kind == "role":
                route, origin, _ = way
                steps = 1 + self.route(route, node)
                if origin >= 0 and origin != node.role:
                    steps += self.into(origin, node)
            else:
                _, _, required, advised = way
                steps = 1 + max(self.route(required, node), self.route(advised, node))
            best = min(best, steps)
        return left + (best if best < INF else 0)

    def route(self, route, node: Node) -> int:
        """A step each for what the route still needs: a credential, a program, education,
        experience (a wait)."""
        if not route:
            return 0
        r_edu, r_progs, r_creds, _, r_exp, _ = route
        exp = node.exp
        return (
            int(bool(r_creds) and not node.eff & r_creds)
            + int(bool(r_progs) and not node.progs & r_progs)
            + int(r_edu > node.edu)
            + int(any(months > exp[k] for k, months in r_exp))
        )

    def into(self, origin: int, node: Node) -> int:
        """Steps into `origin`: moves from the current role, or a hire and moves, whichever
        is fewer; a hire or a move that does not hold with what is held now counts a step
        more (an exam, a program or a wait first), and so does a move that asks for
        typical months in the role it leaves, under the recommended pace (a wait first).
        Counted up to FAR steps (past that, all alike), backwards from `origin`, once for
        each way of holding things."""
        key = (origin, node.edu, node.progs, node.eff, node.exp)
        found = self._into.get(key)
        if found is None:
            found = self._into[key] = self._into_from(origin, node)
        dist, hired = found
        return min(dist.get(node.role, FAR), hired)

    def _into_from(self, origin: int, node: Node) -> tuple[dict[int, int], int]:
        edu, progs, eff, exp, lic = node.edu, node.progs, node.eff, node.exp, self.lic
        hire, roles = self.ix.role_hire, self.roles
        dist, hired = {origin: 0}, FAR
        heap = [(0, origin)]
        while heap:
            steps, r = heapq.heappop(heap)
            if steps > dist[r]:
                continue
            if 1 + steps >= hired:
                break  # nothing further can be hired into for fewer steps
            if hire[r].compiled:
                holds = gate(hire[r].compiled, edu, progs, eff, lic, exp, -1) < 0
                hired = min(hired, 1 + steps + (0 if holds else 1))
            for edge in self.ix.moves_in[r]:
                q, req = edge.origin, edge.requires.compiled
                if q not in roles or q in dist and dist[q] <= steps + 1:
                    continue
                more = steps + (1 if not req or gate(req, edu, progs, eff, lic, exp, -1) < 0 else 2)
                if self.recommended and edge.typical:
                    more += 1
                if more < dist.get(q, FAR):
                    dist[q] = more
                    heapq.heappush(heap, (more, q))
        return dist, hired
