"""The cost half of the search's estimate: a lower bound on the money still to pay before
the goal (program costs and exam fees), which orders states of equal estimated finish.
Bound (bound.py) inherits it and supplies the catalog index, the relevant programs, the
education floors, the goal's ways, the month bounds and the depth to look.

What meeting something costs is bounded as a short list of alternatives, one for each way
of meeting it, each (purchases, floor): the programs and exams it buys for certain, as
bits (`Bound.atom_price`: a program at its own index, an exam past the programs), and a
lower bound on its cost found otherwise (an education floor, the cheapest way into a
role). An alternative costs the dearer of the two. Meeting two things buys both
alternatives' purchases, each paid once, so fees of different exams add up where the
dearest part alone would count one. Being in a role (the origin of a move, the first role
building an experience kind) is priced with the months by which it must happen: a way in
that the month bounds say cannot hold by then is no alternative."""

from __future__ import annotations

from itertools import combinations
from typing import TYPE_CHECKING

from .alternatives import divided, merged

if TYPE_CHECKING:
    from .compiled import CRoute, Index, Req
    from .states import Node

INF = 1 << 30
FREE = ((0, 0),)  # one alternative buying nothing
PRICED_MOST = 16  # alternatives kept at most: the rest are merged into one no dearer
EDUCATION_DEEP = 3  # admissions looked at for their education alone, past the depth
BUILDERS_MOST = 16  # roles building a kind priced at most (past that: not priced)
Paid = tuple[tuple[int, int], ...]


class CostBound:
    """Lower bounds on what meeting routes, requirements, credentials and being in roles
    costs, as alternatives of (purchases, floor) (module docstring)."""

    def atoms(self, ix: Index) -> None:
        """What the cost bound counts as bought: a program with a cost at its index, an
        exam with a fee past the programs; nothing for what costs nothing."""
        n_progs = len(ix.progs)
        fees = [(ix.cred_fee[c] or 0) if ix.cred_exam[c] else 0 for c in range(len(ix.creds))]
        self.atom_price = [cost or 0 for cost in ix.prog_cost] + fees
        self.prog_atom = [1 << p if self.atom_price[p] else 0 for p in range(n_progs)]
        self.cred_atom = [1 << n_progs + c if fee else 0 for c, fee in enumerate(fees)]
        self._prices: dict[int, int] = {}

    def goal_paid(self, node: Node, ways: int, slack: int) -> tuple[int, Paid]:
        """(cost, alternatives): a lower bound on the money still to pay before the goal
        (program costs and exam fees) by a plan finishing within `slack` months (the
        estimated finish): by one of the goal's `ways` that could be done by then, and
        meeting each credential's rule set by a route that could hold by then; and the
        alternatives it is the cheapest of, every such plan falling into one of them
        (`bought_on_top`). For ordering states of equal estimated finish."""
        key = self.memo_key(node) + (ways, slack)
        found = self._cost_memo.get(key)
        if found is None:
            self._cost_scratch, self._read_state = {}, set()
            self.scratch_for(node)  # the month bounds of routes, for this state
            paid = tuple(self._goal_paid(node, ways, slack))
            found = self._cost_memo[key] = (self.cheapest(paid), paid)
        return found

    def bought_on_top(self, paid: Paid, atom: int) -> int:
        """A lower bound on the money still to pay by the plans `paid` bounds (goal_paid)
        that buy `atom` (a program or an exam) as well: a state one such purchase on has
        its own bound, but this one costs no estimate (Search.push)."""
        price = self.price
        return min((max(price(bought | atom), floor) for bought, floor in paid), default=0)

    def _goal_paid(self, node: Node, ways: int, slack: int) -> list:
        """The alternatives over the chosen ways (bits of `ways`) of `self.ways` (ways.py);
        FREE at the goal or when no way is chosen. A way left out as no cheaper than
        those already found stands as an alternative buying nothing at its least cost. Once
        a way to a credential asks for nothing but its fee, its other ways are left out:
        none of them pays less or buys less (a way to another credential counting as the
        goal can)."""
        goal, depth = self.goal, self.depth
        if goal.kind == "role" and node.role == goal.index:
            return list(FREE)
        if goal.kind == "credential" and node.eff >> goal.index & 1:
            return list(FREE)
        chosen = [way for i, way in enumerate(self.ways) if ways >> i & 1]
        if not chosen:
            return list(FREE)
        found: list = []
        if goal.kind == "role":
            for n, (route, origin, typical) in enumerate(
                sorted(chosen, key=lambda way: way[1] >= 0)
            ):
                paid = self.route_paid(route, node, depth, 0, slack, timed=True) if route else FREE
                if found and paid:
                    least = self.cheapest(paid)
                    if least >= self.cheapest(found):
                        found.append((0, least))  # being in the origin first only adds
                        continue
                stay = typical if self.recommended else 0
                if origin == node.role:
                    stay = max(0, stay - node.ten)
                by = slack - stay
                move = (route, slack) if route else None
                found += self.both_paid(paid, self.entry_paid(origin, node, by, depth, move=move))
                if self.cheapest(found) == 0:
                    if n + 1 < len(chosen):
                        found.append((0, 0))  # nothing is cheaper: the rest not looked at
                    break
            return found
        fee_alone = 0  # the credentials a way to which asks for nothing but the fee
        for c, _, required, advised in chosen:
            if goal.kind == "credential":
                earned = 1 << c
                if fee_alone & earned:
                    continue
                paid = FREE
                for route in (required, advised):
                    if route:
                        asked = self.route_paid(route, node, depth, earned, slack, timed=True)
                        paid = self.both_paid(paid, asked)
                paid = self.on_top(self.cred_atom[c], paid)
                if paid == self.on_top(self.cred_atom[c], FREE):
                    fee_alone |= earned
            else:
                paid = (
                    self.route_paid(required, node, depth, 0, slack, timed=True)
                    if required
                    else FREE
                )
            found += paid
        return found

    # Alternatives ----------------------------------------------------------------------

    def price(self, bought: int) -> int:
        found = self._prices.get(bought)
        if found is None:
            found, rest = 0, bought
            while rest:
                low = rest & -rest
                found += self.atom_price[low.bit_length() - 1]
                rest ^= low
            self._prices[bought] = found
        return found

    def cheapest(self, paid: Paid | list) -> int:
        return min((max(self.price(bought), floor) for bought, floor in paid), default=INF)

    def priced(self, alternatives: list) -> Paid:
        """The alternatives no other makes redundant (one buying a subset of it, with a
        floor no higher than its cost), at most PRICED_MOST: the rest merged into one
        buying what they all buy with the least of their floors (no dearer than any)."""
        if len(alternatives) < 2:
            return tuple(alternatives)
        price = self.price
        kept: list = []
        for cost, bought, floor in sorted(
            (max(price(bought), floor), bought, floor) for bought, floor in set(alternatives)
        ):
            for other, least in kept:
                if not other & ~bought and least <= cost:
                    break
            else:
                kept.append((bought, floor))
        if len(kept) > PRICED_MOST:
            rest = kept[PRICED_MOST - 1 :]
            common = rest[0][0]
            for bought, _ in rest:
                common &= bought
            kept[PRICED_MOST - 1 :] = [(common, min(floor for _, floor in rest))]
        return tuple(kept)

    def both_paid(self, ones: Paid, others: Paid) -> Paid:
        """Meeting both: one alternative of each, what they buy paid once."""
        if ones is FREE:
            return others
        if others is FREE:
            return ones
        return self.priced([(b1 | b2, max(f1, f2)) for b1, f1 in ones for b2, f2 in others])

    def on_top(self, atom: int, paid: Paid) -> Paid:
        """Buying `atom` (a program or an exam; 0: nothing) after what `paid` buys (its
        admission or rule set), which never buys it in a real plan: its price comes on
        top of each alternative's cost."""
        if not atom:
            return paid
        price = self.atom_price[atom.bit_length() - 1]
        return tuple(
            (bought | atom, max(self.price(bought), floor) + (0 if bought & atom else price))
            for bought, floor in paid
        )

    def scratched(self, key: tuple) -> Paid | None:
        """A part kept for the state (None: not worked out yet), counted as reading the
        state if working it out did (keep)."""
        kept = self._cost_scratch.get(key)
        if kept is None:
            return None
        if key in self._read_state:
            self.state_reads += 1
        return kept

    def keep(self, key: tuple, found: Paid, reads: int) -> Paid:
        """Keep a part for the state, and whether working it out read more of the state
        than the footprints of the credentials it prices (`state_reads` past `reads`):
        what such a part is a part of is not kept across states (cred_paid)."""
        if self.state_reads != reads:
            self._read_state.add(key)
        self._cost_scratch[key] = found
        return found

    # Requirements, routes, programs, credentials --------------------------------------

    def req_paid(
        self,
        req: Req,
        node: Node,
        depth: int,
        earned: int = 0,
        slack: int = INF,
        outer: tuple = (),
        timed: bool = False,
    ) -> Paid:
        """Meeting `req`; `earned`: as in Bound.providers; with a `slack`, by a route
        whose month bound is within it, the experience in `outer` (asked for by what this
        is a means to, as in Bound._route) built as well; `timed`: see route_paid. A route
        with nothing to pay for makes the others redundant: they are not looked at."""
        if not req.compiled:
            return FREE
        found: list = []
        for route in req.compiled:
            if slack >= INF or self.within(route, node, earned, outer, slack):
                paid = self.route_paid(route, node, depth, earned, slack, outer, timed)
                if paid[:1] == FREE:  # priced: the cheapest alternative first
                    return FREE
                found += paid
        return self.priced(found)

    def route_paid(
        self,
        route: CRoute,
        node: Node,
        depth: int,
        earned: int = 0,
        slack: int = INF,
        outer: tuple = (),
        timed: bool = False,
    ) -> Paid:
        """Meeting `route`: its programs, education and credentials; `timed` (not inside a
        credential, whose alternatives are kept across states that look alike to it),
        with a way into the first role building each kind of experience it asks for in
        time to build it."""
        key = (route, depth, earned, slack, outer, timed)
        found = self.scratched(key)
        if found is not None:
            return found
        reads = self.state_reads
        r_edu, r_progs, r_creds, r_lic, r_exp, _ = route
        found = FREE
        if r_lic and not self.lic & r_lic:
            found = ()
        if found and r_progs and not node.progs & r_progs:
            found = self.both_paid(found, self.programs_paid(r_progs, node, depth, slack))
        if found and r_edu > node.edu:
            edu_mask = self.edu_mask[r_edu]
            found = self.both_paid(found, self.programs_paid(edu_mask, node, depth, slack))
        if found and r_creds and not node.eff & r_creds:
            exp = node.exp
            if slack < INF:  # its credentials are asked for with its experience
                outer = merged(outer, tuple((k, m - exp[k], 0) for k, m in r_exp if m > exp[k]))
            alternatives: list = []
            for c in self.providers(r_creds, earned):
                alternatives += self.cred_paid(c, node, max(depth - 1, 0), earned, slack, outer)
            found = self.both_paid(found, self.priced(alternatives))
        if found and timed and slack < INF and depth > 0:
            exp = node.exp
            gaps = [(kind, months - exp[kind]) for kind, months in r_exp if months > exp[kind]]
            for kind, gap in gaps:
                if found:
                    by = self.entered_by(route, earned, gap, slack)
                    found = self.both_paid(found, self.kind_paid(kind, node, by, depth))
            if found and len(gaps) > 1:
                found = self.both_paid(found, self.apart_paid(gaps, node, slack, depth))
        return self.keep(key, found, reads)

    def apart_paid(self, gaps: list, node: Node, slack: int, depth: int) -> Paid:
        """Being in a first role building one of the kinds of `gaps` (kind, months still to
        build) in time for all of them, where no role builds them together: they are built
        one after another, so the first of them begins by `slack` less all their months."""
        together = self.together
        if any(together[a] >> b & 1 for (a, _), (b, _) in combinations(gaps, 2)):
            return FREE
        by = slack - sum(gap for _, gap in gaps)
        alternatives: list = []
        for kind, _ in gaps:
            alternatives += self.kind_paid(kind, node, by, depth)
        return self.priced(alternatives)

    def entered_by(self, route: CRoute, earned: int, gap: int, slack: int) -> int:
        """The latest month the first role building a kind (`gap` months of it still to
        build) can be entered for `route` to hold within `slack` months. The programs
        beside work a way of the route asks for are each studied in one role, so they
        fall before getting into that role, beside its months or after them
        (alternatives.divided, which only grows with the month the role is entered): by
        the ways the month estimate worked out for the state, if it did."""
        ways = self._scratch.get((route, self.top, earned))
        if ways is None:
            return slack - gap
        latest = -1
        for months, _, _, _, study, shortest in ways:
            if months > slack:
                continue
            low, high = -1, slack - gap  # the latest month within the slack, searched for
            if not study:
                return high  # as late as the kind's months allow: none is later
            while low < high:
                mid = (low + high + 1) // 2
                if divided(gap, mid, study, shortest) <= slack:
                    low = mid
                else:
                    high = mid - 1
            latest = max(latest, low)
        return latest

    def programs_paid(self, mask: int, node: Node, depth: int, slack: int = INF) -> Paid:
        """Completing any one of the programs of `mask`: it and its admission; with a
        `slack`, one that could be done within it (RouteBound.program_choices, its
        admission's education alone: as the credential alternatives kept across states,
        it reads no more of the state than the education)."""
        key = ("programs", mask, depth, slack)
        found = self.scratched(key)
        if found is not None:
            return found
        ix, alternatives, reads = self.ix, [], self.state_reads
        for p in self.rel_progs:
            if mask >> p & 1:
                if slack < INF:
                    choices = self.program_choices(1 << p, node, 0)
                    if min(beside + away for beside, away, *_ in choices) > slack:
                        continue
                admission = ix.prog_admission[p]
                if depth > 0:
                    admission = self.req_paid(admission, node, depth - 1)
                elif depth > -EDUCATION_DEEP:  # the admission's education alone
                    admission = self.education_paid(admission, node, depth - 1)
                else:  # the least fees for that education (floors.py)
                    floor = self.floors.cost[node.edu]
                    least = min((floor[route[0]] for route in admission.compiled), default=0)
                    admission = ((0, least),)
                alternatives += self.on_top(self.prog_atom[p], admission)
        return self.keep(key, self.priced(alternatives), reads)

    def education_paid(self, req: Req, node: Node, depth: int) -> Paid:
        """Meeting `req` (an admission) as far as its education goes: by a program that
        grants the level and admits below it (one admitting at it cannot be the first)."""
        if not req.compiled:
            return FREE
        alternatives: list = []
        for route in req.compiled:
            if route[0] <= node.edu:
                return FREE
            alternatives += self.programs_paid(self.reaching(route[0]), node, depth)
        return self.priced(alternatives)

    def reaching(self, level: int) -> int:
        """The relevant programs granting `level` or more whose admission asks less."""
        found = self._reaching.get(level)
        if found is None:
            admission, found = self.ix.prog_admission, 0
            for p in self.rel_progs:
                least = min((route[0] for route in admission[p].compiled), default=0)
                if self.edu_mask[level] >> p & 1 and least < level:
                    found |= 1 << p
            self._reaching[level] = found
        return found

    def cred_paid(
        self,
        c: int,
        node: Node,
        depth: int,
        earned: int = 0,
        slack: int = INF,
        outer: tuple = (),
    ) -> Paid:
        """Its fee and what its rule set asks, whose credentials are looked through to the
        end of the chain being earned (`earned`, as in Bound.providers); with a `slack`,
        by a rule set in force and a route whose month bound are within it (`outer`: as
        in req_paid)."""
        if node.eff >> c & 1:
            return FREE
        key = ("credential", c, depth, earned, slack, outer)
        found = self.scratched(key)
        if found is not None:
            return found
        # The same for every state that looks the same to it (Footprints.seen_as), unless
        # working it out read more of the state than that (RouteBound.within).
        seen_as = self.seen_as(c, earned, node) + (depth, slack, outer)
        found = self._deep_cost.get(seen_as)
        reads = self.state_reads
        if found is None:
            found = self._cred_paid(c, node, depth, earned, slack, outer)
            if self.state_reads == reads:
                self._deep_cost[seen_as] = found
        return self.keep(key, found, reads)

    def _cred_paid(
        self, c: int, node: Node, depth: int, earned: int, slack: int, outer: tuple
    ) -> Paid:
        exam, earned = self.ix.cred_exam[c] and self.recommended, earned | 1 << c
        below = max(depth - 1, 0)
        alternatives: list = []
        for wait, _, rule in self.rules(c, node):
            if wait > slack:
                continue
            needed = self.req_paid(rule.required, node, below, earned, slack, outer)
            if exam and rule.recommended.compiled:
                advised = self.req_paid(rule.recommended, node, below, earned, slack, outer)
                needed = self.both_paid(needed, advised)
            alternatives += needed
        return self.on_top(self.cred_atom[c], self.priced(alternatives))

    # Being in roles -------------------------------------------------------------------

    def entry_paid(
        self,
        role: int,
        node: Node,
        by: int,
        depth: int,
        later: frozenset[int] = frozenset(),
        move: tuple | None = None,
        first: tuple | None = None,
    ) -> Paid:
        """Being in `role` (for a move out of it; none: -1) within `by` months: hired, or
        by a move (what it asks, and being in the role it leaves the typical months
        before, under the recommended pace). Ways in the month bounds rule out are none;
        past `depth`, any way in that they do not rule out (nothing priced). `later`: the
        roles this is a way into; the first time in a role never follows a move out of a
        role entered after it, so moves from those are no way in (a cycle of moves would
        otherwise price a role by itself, past the depth: nothing). `move`: see
        way_in_paid; and then the first time in `role` as well (`first`: that move, see
        first_by)."""
        if role < 0:
            return FREE
        if by < 0:
            return ()  # too late even for the role the state is in (a move out waits)
        if role == node.role:
            return FREE
        if self.entry_time(frozenset({role}), node, by) > by:
            return ()
        if depth <= 0:
            return FREE
        key = ("entry", role, by, depth, later, move, first)
        found = self._cost_scratch.get(key)
        if found is not None:
            return found
        ix, below, alternatives = self.ix, depth - 1, []
        for way in ix.role_hire[role].compiled:
            way_by = self.first_by(way, role, node, by, first) if first else by
            alternatives += self.way_in_paid(way, node, below, way_by, role, move)
        after = later | {role}
        for edge in ix.moves_in[role]:
            origin = edge.origin
            if origin in after or (origin not in self.rel_roles and origin != node.role):
                continue
            typical = edge.typical if self.recommended else 0
            if origin == node.role:
                typical = max(0, typical - node.ten)
            # Route by route: the way into `origin` is held to the experience each asks.
            for way in edge.requires.compiled or (None,):
                way_by = self.first_by(way, role, node, by, first) if first else by
                asked = self.way_in_paid(way, node, below, way_by, role, move)
                if asked:
                    out = (way, way_by) if way and way[4] else None  # the move, by then
                    before = self.entry_paid(origin, node, way_by - typical, below, after, out)
                    alternatives += self.both_paid(before, asked)
        found = self.priced(alternatives)
        if found and move is not None and self.first_sooner(role, node, by, move):
            found = self.both_paid(found, self.entry_paid(role, node, by, depth, later, first=move))
        self._cost_scratch[key] = found
        return found

    def first_sooner(self, role: int, node: Node, by: int, move: tuple) -> bool:
        """Whether some way into `role` must be taken sooner than `by` the first time
        (first_by)."""
        ways = list(self.ix.role_hire[role].compiled)
        ways += [way for edge in self.ix.moves_in[role] for way in edge.requires.compiled]
        return any(self.first_by(way, role, node, by, move) < by for way in ways)

    def first_by(self, way: CRoute | None, role: int, node: Node, by: int, move: tuple) -> int:
        """The month by which the state is first in `role` (within `by`), if it is by
        `way`, for `move` (the route of a move out of it and the months it is taken
        within). The move asks for months of a kind that `role` builds: they come after
        the first role building it. If no role but `role` can be that first role in time
        (FirstRole.first_elsewhere: the way into it, and the kinds `way` asks that no
        other role building the kind builds along with it, built apart from its months),
        then the first time in `role` comes those months before the move. (Before the
        first time in `role`, what `way` asks is not built there: no earlier time in it
        could build it along with the kind.)"""
        if way is None:
            return by
        route, slack = move
        exp, racc = node.exp, self.racc
        builds_now = racc[node.role] if node.role >= 0 else 0
        asked = self.still_asked(way, node)
        for kind, months in route[4]:
            gap = months - exp[kind]
            if gap <= 0 or slack - gap >= by or not racc[role] >> kind & 1:
                continue
            if builds_now >> kind & 1 or any(k == kind for k, _, _ in asked):
                continue  # its months may come before the first time in `role`
            others = 0
            for r in self.kind_roles[kind]:
                if r != role:
                    others |= racc[r]
            along = tuple(need for need in asked if not others >> need[0] & 1)
            if not self.first_elsewhere(kind, gap, node, along, role, slack):
                by = slack - gap
        return by

    def way_in_paid(
        self, way: CRoute | None, node: Node, depth: int, by: int, role: int, move: tuple | None
    ) -> Paid:
        """Meeting `way` (a route of a hire into `role` or of a move into it; None: one
        asking for nothing) within `by` months (req_paid). For the origin of a move out of
        it (`move`: the move's route and the months it is taken within; None: not asked),
        only if its experience can be built along with the move's in those months: what a
        way in asks is built before the first time in the role, which builds only the
        kinds the move asks more of (Bound.apart), and study away from work builds none
        (the more either asks comes on top). A cheap way in asking for years of a kind
        the move's experience cannot be built beside is no way in for a plan finishing
        by then."""
        if way is None:
            return FREE
        if move is not None:
            route, slack = move
            asked, wanted = self.still_asked(way, node), self.still_asked(route, node)
            both = merged(asked, wanted) if asked and wanted else ()
            if len(both) > 1:
                away = max(self.least_away(way, node), self.least_away(route, node))
                if self.apart(both, role, self.free_of(asked, wanted)) + away > slack:
                    return ()
        if not self.within(way, node, 0, (), by):
            return ()
        return self.route_paid(way, node, depth, 0, by, (), True)

    def least_away(self, route: CRoute, node: Node) -> int:
        """The fewest months of study away from work before `route` holds (its
        alternatives at depth 0)."""
        return min((alt[1] for alt in self.route_ways(route, node, 0)), default=0)

    def kind_paid(self, kind: int, node: Node, by: int, depth: int) -> Paid:
        """Being, within `by` months, in the first role that builds `kind` (from a state
        not in one): FREE when more roles build it than are worth pricing, or when the
        state is in one (an avoided role it is in still builds it)."""
        if node.role >= 0 and self.racc[node.role] >> kind & 1:
            return FREE
        roles = [r for r in self.kind_roles[kind] if r in self.rel_roles]
        if len(roles) > BUILDERS_MOST:
            return FREE
        key = ("kind", kind, by, depth)
        found = self._cost_scratch.get(key)
        if found is None:
            alternatives: list = []
            for r in roles:
                alternatives += self.entry_paid(r, node, by, depth)
            found = self._cost_scratch[key] = self.priced(alternatives)
        return found
