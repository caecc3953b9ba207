"""The admissible estimate for A*: a lower bound on the months from a search state to the
goal, never more than the months actually left, and consistent (an action never lowers
t + bound by more than its own months)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import entrytime
from .chains import Chain
from .costbound import CostBound, Paid
from .entrytime import EntryTime
from .firstrole import FirstRole
from .floors import EducationFloors
from .footprints import Footprints
from .kinds import EDUCATION_BY_RANK
from .moves import MoveBound
from .routebound import RouteBound
from .ways import goal_ways

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .problem import Problem
    from .relevance import Relevance
    from .states import Goal, Node

INF = 1 << 30
DEPTH = 2  # how many requirements deep the estimate looks (credentials: to the chain's end)
# The goal's own requirements are looked at one level deeper: there, the months until the
# state is in a role that builds an experience kind include the requirements of the hires
# and moves on the way (Bound.entry_time, whose requirements are one level shallower
# than DEPTH: deeper ones cost more than they prune).
TOP = DEPTH + 1
CHAINS_KEPT = 1024  # Bound.chain results kept per catalog, across searches
SETTLE_MOST = 12  # months an estimate is raised by at most when nothing can be paid within it


class Bound(RouteBound, Footprints, MoveBound, CostBound, EntryTime, FirstRole):
    """An admissible and consistent lower bound on the months from a state to the goal, for
    A*. Each route is relaxed to its slowest conditions: months of experience still to
    build, the quickest program or degree it needs, a credential one level down, the
    typical months along the shortest chain of moves into a role, a rule set still to take
    effect. Study that cannot overlap work adds to the experience months instead of running
    beside them, so a bound is a pair (months, months of such study among them)."""

    def __init__(
        self,
        problem: Problem,
        rel: Relevance,
        goal: Goal,
        waypoints: tuple[dict, ...] = ({},) * 3,
        depth: int = DEPTH,
        glance: bool = False,
    ) -> None:
        ix = problem.ix
        self.depth, self.top = depth, depth + 1
        # A glance: a move bounded by the months in its origin alone, the months until in
        # a role building a kind by the chain of moves alone (no requirements on the way),
        # study beside work by its months alone (RouteBound.studied_by). Weaker, and a
        # fraction of the work: enough to turn most states away (Search.turned_away).
        self.glance = glance
        # Waypoints not yet passed must be passed before the goal: (index, bit) of each
        # credential, program and role waypoint.
        self.via_cred, self.via_prog, self.via_role = (tuple(w.items()) for w in waypoints)
        self.any_via = any(waypoints)
        self.via_mask = sum(1 << c for c, _ in self.via_cred)
        self.problem, self.ix, self.goal = problem, ix, goal
        self.lic = problem.start.lic
        self.recommended = problem.recommended
        self.rel_roles = frozenset(rel.roles)
        self.rel_creds = rel.creds
        sww = problem.request.study_while_working
        self.rel_progs = rel.progs
        self.prog_mask = sum(1 << p for p in rel.progs)
        self.beside_work = {p: sww and ix.prog_wws[p] for p in rel.progs}
        self.edu_mask = [
            sum(1 << p for p in rel.progs if ix.prog_grants[p] >= level)
            for level in range(len(EDUCATION_BY_RANK))
        ]
        self.floors = EducationFloors(ix, rel.progs, self.beside_work)
        self._providers: dict[tuple[int, int], tuple[int, ...]] = {}
        self._rules: dict[tuple[int, int], tuple] = {}  # RouteBound.rules, by month
        self._choices: dict[tuple[int, int], tuple] = {}  # program_choices at depth 0
        self._chains: dict[frozenset[int], Chain] = {}
        self._memo: dict[tuple, tuple] = {}
        # While looking at a state (`looked`): the floors of the goal's ways, and the months
        # past which a way is not worked out in full.
        self.way_floors: list[int] | None = None
        self.limit = INF
        self._settled: dict[tuple, tuple[int, int, int, Paid]] = {}
        self._worked: dict[tuple, tuple[int, int]] = {}
        self._stints: dict[tuple, int] = {}  # RouteBound.stint, across states
        self._entry_work: dict[tuple, int] = {}  # entry_work, across states
        self.deadline: float | None = None  # as Search's: checked now and then (route_ways)
        self.routes_worked = 0
        self._deep: dict[tuple, tuple] = {}  # credential_ways at depth 0, across states
        self._footprints: dict[int, tuple] = {}
        self._deep_routes: dict[tuple, tuple] = {}  # route_ways at depth 0, across states
        self._route_prints: dict[tuple, tuple] = {}
        self._least: dict[int, tuple[int, int, int]] = {}  # programs mask: RouteBound.least
        self._deep_cost: dict[tuple, tuple] = {}  # cred_paid, across states
        self._cost_memo: dict[tuple, tuple[int, Paid]] = {}
        self._cost_scratch: dict[tuple, Any] = {}
        self._read_state: set[tuple] = set()  # parts of _cost_scratch that read the state
        self.state_reads = 0  # parts worked out that read more than footprints (within)
        self.atoms(ix)
        self._reaching: dict[int, int] = {}
        self._apart: dict[tuple, int] = {}
        self._scratch: dict[tuple, Any] = {}  # part bounds for the state being estimated
        self._scratch_node: Node | None = None
        # The bound depends on the month only through rule sets still to take effect: past
        # the last such change, states that differ only in the month share their bound.
        self.last_event = max(rel.events, default=0)
        self.racc = ix.role_accrues_mask
        self.kind_roles = [frozenset(roles) for roles in ix.accruers]
        self.together = ix.together  # the kinds some role builds along with each
        self.built_with = ix.built_with  # the kinds only roles building each one build
        self.attainable_roles = problem.attainable[2]
        # Few roles (as entry_time counts them): `through` looks further back.
        self.near = len(rel.roles) <= entrytime.GUESS_PAST
        self.ways = goal_ways(problem, goal, self.rel_roles)
        if goal.kind == "role":
            self.goal_roles = frozenset({goal.index})

    def share(self, other: Bound) -> None:
        """Keep the part bounds that are the same at any depth, glance or not, with
        `other`'s (a glance's with its search's estimate): a credential's alternatives at
        depth 0 across states (credential_ways), the months experience takes (worked,
        stint), the credentials counting as others (providers), footprints, the least
        programs, the rule sets by month and the ways to complete programs at depth 0."""
        self._deep, self._worked, self._providers = other._deep, other._worked, other._providers
        self._stints, self._footprints, self._least = other._stints, other._footprints, other._least
        self._rules, self._choices = other._rules, other._choices
        self._deep_routes, self._route_prints = other._deep_routes, other._route_prints

    def chain(self, targets: frozenset[int]) -> Chain:
        """The chain of moves into `targets` (chains.py): this search's, or a complete one
        kept for the catalog with these relevant roles and pace."""
        found = self._chains.get(targets)
        if found is None:
            ix = self.ix
            shared = (targets, self.recommended, self.rel_roles)
            found = ix.chains.get(shared)
            if found is None:
                found = Chain(ix, targets, self.recommended, self.rel_roles)
            self._chains[targets] = found
        return found

    def keep_chains(self) -> None:
        """Keep this search's complete chains for the catalog's next searches."""
        chains = self.ix.chains
        for targets, chain in self._chains.items():
            if chain.complete:
                if len(chains) >= CHAINS_KEPT:
                    chains.clear()
                chains[(targets, self.recommended, self.rel_roles)] = chain

    def chain_bound(self, targets: frozenset[int], node: Node, depth: int) -> int:
        """Months until the state is in one of `targets`: along moves from the current
        role, or hired (once the hiring requirement holds) into a role on a chain."""
        role = node.role
        if role in targets:
            return 0
        key = (targets, depth)
        best = self._scratch.get(key)
        if best is not None:
            return best
        chain = self.chain(targets)
        best, hire, i = INF, self.ix.role_hire, 0
        while True:
            if i == len(chain.hires):
                if chain.frontier() >= best or not chain.settle_next():
                    break
                continue
            r, d = chain.hires[i]
            i += 1
            if d >= best:
                break
            if depth and d + self.quick(hire[r], node) < best:
                best = min(best, d + self.requirement(hire[r], node, depth - 1)[0])
            elif not depth:
                best = d
        if role >= 0:
            recommended, ten = self.recommended, node.ten
            for s, edge in self.ix.moves_out[role].items():
                if s in self.rel_roles:
                    wait = max(0, edge.typical - ten) if recommended else 0
                    if wait < best:
                        best = min(best, wait + chain.months(s, best - wait))
        self._scratch[key] = best
        return best

    def kind_entry(self, kind: int, node: Node, depth: int, entries: bool) -> int:
        """Months until the state is in a role that builds `kind`; with `entries`, the
        requirements of the hires and moves on the way included (at the top level only:
        entry_time looks two levels less deep)."""
        roles = self.kind_roles[kind]
        chain = self.chain_bound(roles, node, depth)
        if not entries or chain >= INF or self.glance:
            return chain
        return max(chain, self.entry_time(roles, node))

    def waypoints(self, node: Node, parts: list) -> int:
        """For one of the goal's own routes: the waypoints not yet passed are further
        parts of it (each must be passed before the goal, as each part must hold), added
        to `parts` as (months, months away from work); a role waypoint gives its entry
        time, returned."""
        vmask, total = node.vmask, 0
        for c, bit in self.via_cred:
            if not vmask & bit:
                months, away = self._waypoint_credential(c, node)
                parts.append((max(0, months - away), away))
        for p, bit in self.via_prog:
            if not vmask & bit:
                parts.append(self.programs(1 << p, node, self.depth))
        for r, bit in self.via_role:
            if not vmask & bit and node.role != r:
                total = max(total, self.entry_time(frozenset({r}), node))
        return total

    def pending(self, node: Node) -> int:
        """A bound on the months to pass the waypoints still to pass (none: 0)."""
        if not self.any_via:
            return 0
        parts: list[tuple[int, int]] = []
        total = self.waypoints(node, parts)
        return min(INF, max([total] + [beside + apart for beside, apart in parts]))

    def _waypoint_credential(self, c: int, node: Node) -> tuple[int, int]:
        """As `credential`, but a credential waypoint is passed by sitting or being granted
        it, even if one held counts as it."""
        key = ("via", c)
        found = self._scratch.get(key)
        if found is None:
            found = self._scratch[key] = self._credential(c, node, self.depth)
        return found

    def _credential(self, c: int, node: Node, depth: int) -> tuple[int, int]:
        """(months, months away) before sitting or being granted `c` (a waypoint)."""
        exam = self.ix.cred_exam[c] and self.recommended
        best, best_away = INF, INF
        for wait, end, rule in self.rules(c, node):
            months, away = self.requirement(rule.required, node, depth)
            if exam and rule.recommended.compiled:
                more, more_away = self.requirement(rule.recommended, node, depth)
                months, away = max(months, more), max(away, more_away)
            if max(wait, months) < end:
                best, best_away = min(best, max(wait, months)), min(best_away, away)
        return best, best_away

    def __call__(self, node: Node) -> tuple[int, int]:
        """(months, ways): a lower bound on the months to the goal, and which of the
        goal's ways (`ways`) could be done by then, a bit each."""
        key = self.memo_key(node)
        found = self._memo.get(key)
        if found is None:
            self.scratch_for(node, fresh=True)
            bounds = self._estimate(node)
            least = min(bounds, default=INF)
            ways = sum(1 << i for i, months in enumerate(bounds) if months <= least)
            found = self._memo[key] = (least, ways, bounds, self._scratch.pop("rough", ()))
        return found[:2]

    def by_way(self, node: Node) -> list[int] | None:
        """The bound by each of the goal's ways of a state estimated already (None: not
        estimated, or at the goal but for waypoints, where there are no ways)."""
        if self.at_goal(node):
            return None
        found = self._memo.get(self.memo_key(node))
        return found[2] if found is not None and len(found[2]) == len(self.ways) else None

    def at_goal(self, node: Node) -> bool:
        goal = self.goal
        if goal.kind == "role":
            return node.role == goal.index
        return goal.kind == "credential" and bool(node.eff >> goal.index & 1)

    def floored(self, node: Node, floors: list[int]) -> int:
        """The estimate (__call__) with each of the goal's ways no sooner than its floor
        in `floors` (Search.floors). Worked out here, a way whose floor is no sooner than
        the least found stands for itself by its floor (`standing`): a lower bound on it
        too, kept with the state's estimate."""
        if self.memo_key(node) not in self._memo:
            self.way_floors = floors
            try:
                self(node)
            finally:
                self.way_floors = None
        months = self(node)[0]
        own = self.by_way(node)
        return months if own is None else _least_floored(own, floors)

    def looked(self, node: Node, floors: list[int], limit: int) -> int:
        """floored, not kept, and sparing what is past `limit` (only asked whether within
        it): the ways whose floor is past it (their floors stand for them), and the parts
        of a way's route once the months its experience asks are past it (_route_ways).
        Its part bounds are lower than the state's own, so none are kept either."""
        self.scratch_for(node, fresh=True)
        self.way_floors, self.limit = floors, limit
        try:
            bounds = self._estimate(node)
        finally:
            self.way_floors, self.limit = None, INF
            self._scratch, self._scratch_node = {}, None
        if len(bounds) != len(floors):  # at the goal but for waypoints, or no way left
            return min(bounds, default=INF)
        return _least_floored(bounds, floors)

    def settle(self, node: Node, most: int) -> tuple[int, int, int, Paid]:
        """(months, ways, cost, alternatives): the estimate (__call__) and the cost bound
        (goal_paid) of a state, the months raised while no way of the goal could be paid
        for within them: the cost bound finds a way impossible when a way into a role or a
        route it needs cannot hold in time (by the month bounds of its parts, taken
        together along the way), which the month estimate alone does not see. Each month
        more is a month no plan can finish in, so the estimate stays a lower bound. At
        most SETTLE_MOST months more, and none past `most`."""
        key = self.memo_key(node)
        found = self._settled.get(key)
        if found is None:
            months, ways = self(node)
            cost, paid = self.goal_paid(node, ways, months) if months < INF else (INF, ())
            bounds, rough = self._memo[key][2:]
            for _ in range(SETTLE_MOST):
                if cost < INF or months >= most:
                    break
                months += 1
                for i in [i for i in rough if bounds[i] <= months]:
                    self.scratch_for(node)
                    bounds[i] = self.move_bound(i, bounds[i], node)[0]
                    rough.discard(i)
                ways = sum(1 << i for i, bound in enumerate(bounds) if bound <= months)
                cost, paid = self.goal_paid(node, ways, months)
            found = self._settled[key] = (months, ways, cost, paid)
        return found

    def memo_key(self, node: Node) -> tuple:
        """What about a state its estimate depends on."""
        key = (node.role, node.ten, node.edu, node.progs, node.eff, node.exp)
        if self.any_via:
            key += (node.vmask,)
        if self.last_event:
            key += (min(node.t, self.last_event),)
        return key

    def scratch_for(self, node: Node, fresh: bool = False) -> None:
        """The part bounds kept while estimating one state, emptied for another."""
        if fresh or self._scratch_node is not node:
            self._scratch, self._scratch_node = {}, node

    def move_bound(self, i: int, months: int, node: Node, limit: int = INF) -> tuple[int, bool]:
        """(months, exact): the bound of the goal's way `i`, a move (`months`: its bound
        without the origin): a move needs being in its origin role first, the typical
        months in it under the recommended pace; what getting there asked is built and
        studied along with what the move asks. Past `limit`, a lower bound past it (not
        exact: the months into the origin were asked only whether within it). A glance
        keeps `months`."""
        if self.glance:
            return months, True
        route, origin, typical = self.ways[i]
        if node.role == origin:
            months = max(months, typical - node.ten)
        else:
            entry = self.entry_time(frozenset({origin}), node, limit - typical)
            months = max(months, entry + typical)
        if months > limit:
            return months, False
        months = max(months, self.through(route, origin, typical, node, limit=limit))
        return months, months <= limit

    def _estimate(self, node: Node) -> list[int]:
        """A lower bound on the months to the goal by each of its ways (`self.ways`)."""
        goal = self.goal
        if goal.kind == "role":
            return [self.pending(node)] if node.role == goal.index else self._role_bounds(node)
        if goal.kind == "credential" and node.eff >> goal.index & 1:
            return [0]
        return self._rule_bounds(node)

    def floor_order(self) -> Iterable[int]:
        """The goal's ways, the lowest floor first when floors are given (way_floors)."""
        floors, ways = self.way_floors, range(len(self.ways))
        return ways if floors is None else sorted(ways, key=floors.__getitem__)

    def standing(self, i: int, found: int) -> bool:
        """Whether the goal's way `i` is left to its floor: past the limit (looked), or
        past `found`, the least of a way worked out raised to its floor (a way raised to
        its floor past that cannot lower the floored estimate, nor be among the ways
        within it)."""
        floors = self.way_floors
        return floors is not None and floors[i] > min(self.limit, found)

    def _role_bounds(self, node: Node) -> list[int]:
        chain = self.chain_bound(self.goal_roles, node, self.depth)
        if chain >= INF:
            return []
        # Months in roles along the chain alone (no hiring requirements): those are
        # worked, so study away from work comes on top of them.
        in_roles = self.chain_bound(self.goal_roles, node, 0)
        floors, top = self.way_floors, self.top
        bounds, found = [INF] * len(self.ways), INF
        rough = self._scratch["rough"] = set()
        for i in self.floor_order():
            route, origin, typical = self.ways[i]
            stay = typical - node.ten if node.role == origin else typical
            if self.standing(i, found):  # not looked at but for its route's own parts
                bounds[i] = max(chain, floors[i], self.route_quick(route, node))
                if origin >= 0:
                    bounds[i] = max(bounds[i], stay)
                    rough.add(i)
                continue
            months, away = self.route(route, node, top) if route else (0, 0)
            bounds[i] = max(chain, months, in_roles + away)
            if origin >= 0 and bounds[i] < INF:
                bounds[i] = max(bounds[i], stay)
            if floors is None:
                continue
            if origin >= 0:  # worked out whole while it could lower `found`, as below
                exact = bounds[i] < found
                if exact:
                    bounds[i], exact = self.move_bound(i, bounds[i], node, found)
                if not exact:
                    rough.add(i)
                    continue
            found = min(found, max(bounds[i], floors[i]))
        if floors is None:
            self.moves_nearest_first(bounds, node, rough)
        return bounds

    def moves_nearest_first(self, bounds: list[int], node: Node, rough: set[int]) -> None:
        """A move past the least so far (by the months in its origin alone, or by the
        months into the origin, asked only whether within the least) keeps that rough
        bound until asked within it (settle). The nearest moves first."""
        hired = (bound for bound, way in zip(bounds, self.ways, strict=True) if way[1] < 0)
        least = min(hired, default=INF)
        for i in sorted(range(len(bounds)), key=bounds.__getitem__):
            if self.ways[i][1] < 0 or bounds[i] >= INF:
                continue
            exact = bounds[i] <= least
            if exact:
                bounds[i], exact = self.move_bound(i, bounds[i], node, least)
            if exact:
                least = min(least, bounds[i])
            else:
                rough.add(i)

    def _rule_bounds(self, node: Node) -> list[int]:
        goal, timed, top = self.goal, self.problem.rules, self.top
        floors = self.way_floors
        bounds, found = [INF] * len(self.ways), INF
        for n in self.floor_order():
            c, i, required, advised = self.ways[n]
            rules = timed[c]
            if i + 1 < len(rules) and rules[i + 1][0] <= node.t:
                continue  # no longer in force
            if self.standing(n, found):  # not looked at but for its routes' own parts
                quick = max(self.route_quick(required, node), self.route_quick(advised, node))
                bounds[n] = max(floors[n], rules[i][0] - node.t, quick)
                continue
            earned = 1 << c if goal.kind == "credential" else 0
            months = self.route(required, node, top, earned)[0] if required else 0
            if advised:
                months = max(months, self.route(advised, node, top, earned)[0])
            months = max(rules[i][0] - node.t, months)
            if i + 1 < len(rules) and node.t + months >= rules[i + 1][0] and not self.any_via:
                months = INF  # in force no longer by the time its route could hold
            bounds[n] = months
            if floors is not None:
                found = min(found, max(months, floors[n]))
        return bounds


def _least_floored(bounds: list[int], floors: list[int]) -> int:
    """The least over the goal's ways of each way's bound raised to its floor."""
    return min((max(mine, floor) for mine, floor in zip(bounds, floors, strict=True)), default=INF)
