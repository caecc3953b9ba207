"""The work before the first role that builds an experience kind, for the estimate
(bound.py). None of that work is of the kind (nothing builds it before the first such
role), so it comes before the kind's own months, never beside them. Bound inherits it
and supplies the catalog index, the relevant roles, the kind entries and one_at_a_time
(routebound.py)."""

from __future__ import annotations

from itertools import product
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

    from .compiled import Req
    from .states import Node

INF = 1 << 30
NO_ROUTE = (0, 0, 0, 0, (), -1)  # a requirement with no routes: nothing asked


class FirstRole:
    """The work and months before the first role building a kind (module docstring)."""

    def first_ways(
        self, kind: int, node: Node, other_than: int = -1
    ) -> Iterator[tuple[tuple[Req, ...], Req | None, int, int]]:
        """The ways into a first role building `kind` (other than role `other_than`),
        each as (the requirements met by then, the way into the role a move leaves and the
        typical months there under the recommended pace, or None and the months the state
        must still stay in its own role, and the role a move leaves or -1): a hire, a move
        from the current role, or a move from a role the state could get into (neither
        from a role building `kind`: that would not be first)."""
        ix, builds = self.ix, self.kind_roles[kind]
        for r in builds:
            if r not in self.rel_roles or r == other_than:
                continue
            if ix.role_hire[r].compiled:
                yield (ix.role_hire[r],), None, 0, -1
            for edge in ix.moves_in[r]:
                origin = edge.origin
                if origin in builds:
                    continue
                typical = edge.typical if self.recommended else 0
                if origin == node.role:
                    yield (edge.requires,), None, typical - node.ten, origin
                    continue
                for e in ix.moves_in[origin]:
                    if e.origin not in builds and self.reachable(e.origin, node):
                        yield (e.requires, edge.requires), e.requires, typical, origin
                if ix.role_hire[origin].compiled:
                    hire = ix.role_hire[origin]
                    yield (hire, edge.requires), hire, typical, origin

    def entry_work(self, kind: int, node: Node) -> int:
        """Months of work before the state can first be in a role that builds `kind`:
        the experience the hire or move into such a role asks for, with, for a move, what
        getting into the role it leaves asked (unless the state is there) and under the
        recommended pace the typical months there. None of it is experience of `kind`, so
        it comes on top of the months of `kind` still to build; and no study away from
        work overlaps either."""
        key = (kind, node.exp, node.role, node.ten)  # all it reads of the state
        found = self._entry_work.get(key)
        if found is not None:
            return found
        best = INF
        for reqs, way_in, stay, _ in self.first_ways(kind, node):
            months = self.work(kind, node, *reqs)
            if way_in is not None:
                months = max(months, self.work(kind, node, way_in) + stay)
            best = min(best, max(months, stay))
            if not best:
                break
        self._entry_work[key] = best
        return best

    def first_months(self, kind: int, gap: int, entry: int, node: Node, along: tuple) -> int:
        """A lower bound on the months before `gap` months of `kind` are built (`entry`:
        the months until in a role building it), along with `along`, the (kind, months,
        months until in a role building it) of other kinds no role builds with `kind`.
        The experience the way into the first role building `kind` asks for and the kinds
        along are all built in other roles than `kind`'s months: one after another where
        no role builds them together, after the months until in a role building any of
        them (or `kind`, which could come first), then `kind`'s months. The study away
        from work a way in needs comes on top of that work (away_before), and so do the
        months in the role a move into it leaves, which build none of the kinds along
        that role does not build."""
        key = ("first", kind, gap, entry, along)
        found = self._scratch.get(key)
        if found is None:
            found = INF
            # No way does better than the kinds along alone, nor than `entry`.
            floor = max(entry, self.timed_work(kind, node, (), along, entry)) + gap
            for way in self.first_ways(kind, node):
                most = found - gap - 1  # past it, no way better than found
                found = min(found, self.first_way_months(kind, node, along, entry, way, most) + gap)
                if found <= floor:
                    break
            # The kind's months come after the months until in a role building it, too.
            found = self._scratch[key] = max(found, entry + gap)
        return found

    def first_way_months(
        self, kind: int, node: Node, along: tuple, entry: int, way: tuple, most: int
    ) -> int:
        """The months before `way` (first_ways) into a first role building `kind` is
        taken, as first_months counts them; once past `most`, any months past it."""
        reqs, way_in, stay, origin = way
        months = max(stay, self.timed_work(kind, node, reqs, along, entry))
        if months > most:
            return months
        away = self.away_before(kind, node, reqs)
        if away:  # on top of the work alone (the months until in roles may be it)
            months = max(months, self.timed_work(kind, node, reqs, along, 0) + away)
        if stay > 0 and months <= most:  # the months in the role a move leaves
            builds = self.racc[origin]
            apart = tuple(need for need in along if not builds >> need[0] & 1)
            if apart:
                before = (way_in,) if way_in is not None else ()
                months = max(months, self.timed_work(kind, node, before, apart, 0) + stay)
        if way_in is not None and months <= most:
            months = max(months, self.timed_work(kind, node, (way_in,), (), INF) + stay)
        return months

    def away_before(self, kind: int, node: Node, reqs: tuple) -> int:
        """The fewest months of study away from work before each of `reqs` holds, by ways
        (the alternatives of their routes at depth 0) that ask for no more of `kind`, nor
        of a kind only roles building it build, than the state has. No experience is
        built in them, so they come on top of the work before the first role building
        `kind`."""
        most, inside = 0, self.built_with[kind]
        for req in reqs:
            least = INF if req.compiled else 0
            for route in req.compiled:
                for alternative in self.route_ways(route, node, 0):
                    if alternative[1] < least and not any(
                        inside >> k & 1 for k, *_ in alternative[2]
                    ):
                        least = alternative[1]
            most = max(most, least)
        return most

    def first_elsewhere(
        self, kind: int, gap: int, node: Node, along: tuple, role: int, months: int
    ) -> bool:
        """Whether `gap` months of `kind` could be built within `months` with a first role
        building it other than `role`, along with `along` (as in first_months): after the
        way into that role has held (by its month bound, at depth 0) and after the work
        first_months counts."""
        key = ("elsewhere", kind, gap, along, role, months)
        found = self._scratch.get(key)
        if found is not None:
            return found
        found, most = False, months - gap
        entry = self.kind_entry(kind, node, 1, False)  # `kind` could come first (first_months)
        for reqs, way_in, stay, _ in self.first_ways(kind, node, role):
            if stay > most:
                continue
            held = max((self.requirement(req, node, 0)[0] for req in reqs), default=0)
            if held > most or self.timed_work(kind, node, reqs, along, entry) > most:
                continue
            if way_in is None or self.timed_work(kind, node, (way_in,), (), INF) + stay <= most:
                found = True
                break
        self._scratch[key] = found
        return found

    def timed_work(self, kind: int, node: Node, reqs: tuple, along: tuple, most: int) -> int:
        """The least months before each of `reqs` has held and the kinds `along` are
        built, each kind after the months until in a role building it (at most `most`),
        kinds no role builds together one after another; by routes that ask for no more
        of `kind` than the state has."""
        best = INF
        for gaps in self.gaps(kind, node, reqs):
            timed = {k: (gap, min(entry, most)) for k, gap, entry in along}
            for k, gap in gaps.items():
                had = timed.get(k)
                timed[k] = (
                    (max(had[0], gap), had[1])
                    if had
                    else (gap, min(self.kind_entry(k, node, 1, False), most))
                )
            listed = [(k, gap, entry) for k, (gap, entry) in timed.items()]
            accrual = max((gap for _, gap, _ in listed), default=0)
            total = max((gap + entry for _, gap, entry in listed), default=0)
            if len(listed) > 1:
                total = self.one_at_a_time(listed, accrual, total)[1]
            best = min(best, total)
        return best

    def work(self, kind: int, node: Node, *reqs: Req) -> int:
        """The least months of experience still to build before each of `reqs` has held
        (a kind's months counted once, kinds no role builds together one after another),
        by routes that ask for no more of `kind` than the state has."""
        best = INF
        for gaps in self.gaps(kind, node, reqs):
            listed = [(k, gap, 0) for k, gap in gaps.items()]
            months = max(gaps.values(), default=0)
            if len(listed) > 1:
                months = self.one_at_a_time(listed, months, 0)[0]
            best = min(best, months)
        return best

    def gaps(self, kind: int, node: Node, reqs: tuple) -> Iterator[dict[int, int]]:
        """For each way of meeting all of `reqs` (a route of each) that the state's
        licences allow and that asks for no more of `kind`, nor of a kind only roles
        building it build (`built_with`), than the state has: the months of each kind of
        experience still to build."""
        exp, inside = node.exp, self.built_with[kind]
        for routes in product(*(req.compiled or (NO_ROUTE,) for req in reqs)):
            gaps: dict[int, int] = {}
            for route in routes:
                if route[3] and not self.lic & route[3]:
                    break
                for k, months in route[4]:
                    if months > exp[k]:
                        gaps[k] = max(gaps.get(k, 0), months - exp[k])
                if any(inside >> k & 1 for k in gaps):
                    break
            else:
                yield gaps
