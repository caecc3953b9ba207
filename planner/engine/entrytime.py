"""The months until a state can be in one of a set of roles, for the estimate (bound.py):
a shortest-path search over 'latest of' the parts of each way in (a hire once its
requirement holds; a move once its requirement holds, after the typical months in the role
it leaves under the recommended pace), shared by the questions about one state and going
only as far as each needs. Bound inherits it and supplies the catalog index, the relevant
roles, the attainable roles, the requirement bounds (routebound.py) and the state's
scratch."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from .compiled import gate

if TYPE_CHECKING:
    from .compiled import Req
    from .states import Node

INF = 1 << 30
GUESS_PAST = 128  # roles queued past which entry_time looks at the asked roles' ways first


class EntryTime:
    """Entry times into roles (module docstring)."""

    def reachable(self, role: int, node: Node) -> bool:
        """Whether the state could ever be in `role`: the current one, or a relevant one
        that some sequence of actions reaches from the start, ignoring time (reach.py)."""
        return role == node.role or (role in self.rel_roles and role in self.attainable_roles)

    def entry_time(self, roles: frozenset[int], node: Node, limit: int = INF) -> int:
        """Months until the state can be in one of `roles`, the requirements of the hires
        and moves on the way included: a role is entered by a hire (once its requirement
        holds) or by a move (once the move's requirement holds and after the typical
        months in the role it leaves, under the recommended pace). Each way in is no
        sooner than the latest of its parts, so a shortest-path search over 'latest of'
        gives a lower bound. The search is shared by the queries about one state and goes
        only as far as each query needs; a requirement is worked out only when its way in
        comes first in the queue (queued first by a bound that looks at the requirement
        alone, RouteBound.quick). Experience asked is built after the first role that
        builds it, which is among the roles already settled or no sooner than now
        (`after_first`). Before the search goes on, the roles' own ways in are looked at
        (`guess_entry`): when they settle the answer, the roles queued before are not
        settled first. With a `limit` (asked only whether within it), the search stops
        past it and answers the months of the next role to settle."""
        found = self._scratch.get("entry")
        if found is None:
            ix, role = self.ix, node.role
            # (months, tie-breaker, role, requirement still to work out or None)
            heap: list[tuple[int, int, int, Req | None]] = [(0, 0, role, None)] if role >= 0 else []
            heap += [
                (self.quick(ix.role_hire[r], node), r + 1, r, ix.role_hire[r])
                for r in self.rel_roles
                if r != role and ix.role_hire[r].compiled
            ]
            heapq.heapify(heap)
            found = self._scratch["entry"] = ({}, heap, {})
        times, heap, first = found
        settled = [times[r] for r in roles if r in times]
        if settled:
            return min(settled)
        if not any(self.reachable(r, node) for r in roles):
            return INF  # the search would go through every role it can reach first
        if len(heap) > GUESS_PAST:
            months, unsure = self.guessed(roles, node, found)
            if not unsure or months > limit:
                return months
        return self.search_on(roles, node, found, limit)

    def in_after_study(
        self, kind: int, node: Node, depth: int, study: int, shortest: int, gap: int = 0
    ) -> int:
        """A lower bound on the months before the state is in a role that builds `kind`
        with programs studied beside work (`study` months one after another, the shortest
        `shortest`) done and `gap` months of `kind` built, the state not in such a role
        now. Each program is studied in one role: the last of them in a role that builds
        `kind`, after the months until in one, with the kind's months beside it; or in
        another, and then into such a role by a hire (once it holds, after the study) or
        by a move from a role that does not build it, once the move holds, after the
        typical months there (studied there, from the months into it; or elsewhere, after
        the study, and so are the months the move asks of kinds only that role builds:
        `only_there`), and the kind's months after that (any built before come before the
        last program too)."""
        key = ("after study", kind, depth, study, shortest, gap)
        found = self._scratch.get(key)
        if found is not None:
            return found
        ix, builds = self.ix, self.kind_roles[kind]
        inside = self.kind_entry(kind, node, depth, depth == self.top) + max(shortest, gap)
        best = inside - gap  # into such a role after the study: no need past this
        for r in builds:
            if r not in self.rel_roles:
                continue
            hire = ix.role_hire[r]
            if hire.compiled:
                needed = self.requirement(hire, node, max(depth - 1, 0))[0]
                if max(study, needed) < best:
                    needed = max(needed, self.studied_before(hire, node, study, shortest))
                best = min(best, max(study, needed))
            for edge in ix.moves_in[r]:
                origin = edge.origin
                if origin in builds or not self.reachable(origin, node):
                    continue
                typical = edge.typical if self.recommended else 0
                if origin == node.role:
                    there = max(shortest, typical - node.ten)
                else:
                    there = self.entered(origin, node, best) + max(shortest, typical)
                elsewhere = study + max(typical, self.only_there(edge.requires, origin, node))
                months = max(study, min(there, elsewhere))
                if months < best and edge.requires.compiled:
                    needed = self.requirement(edge.requires, node, max(depth - 1, 0))[0]
                    months = max(months, needed)
                best = min(best, months)
            if best <= study:
                break
        found = self._scratch[key] = min(inside, best + gap)
        return found

    def studied_before(self, req: Req, node: Node, study: int, shortest: int) -> int:
        """Months before the programs studied beside work (as in in_after_study) are done
        and the experience a route of `req` asks built, each kind the state's role does
        not build after the months until in one that does (RouteBound.with_entries,
        stint): the least over its routes."""
        best, now = INF, self.racc[node.role] if node.role >= 0 else 0
        for route in req.compiled:
            if route[3] and not self.lic & route[3]:
                continue
            asked = self.with_entries(self.still_asked(route, node), now, node)
            best = min(best, self.stint(asked, study, shortest))
        return best

    def only_there(self, req: Req, role: int, node: Node) -> int:
        """Months of experience still to build for `req` of kinds no relevant role but
        `role` builds, nor the state's (the least over its routes): built only while in
        `role`."""
        exp, best = node.exp, INF
        now = self.racc[node.role] if node.role not in (role, -1) else 0
        for route in req.compiled:
            if route[3] and not self.lic & route[3]:
                continue
            gaps = (
                needed - exp[kind]
                for kind, needed in route[4]
                if not now >> kind & 1 and self.rel_roles & self.kind_roles[kind] == {role}
            )
            best = min(best, max(gaps, default=0))
        return max(best, 0) if best < INF else 0

    def entered(self, role: int, node: Node, limit: int) -> int:
        """entry_time for one role; on a large catalog whose search has begun, only as far
        as it stands: a role not settled yet is entered no sooner than the least months
        queued."""
        found = self._scratch.get("entry")
        if found is None or len(found[1]) <= GUESS_PAST:
            return self.entry_time(frozenset({role}), node, limit)
        times, heap, _ = found
        if role in times:
            return times[role]
        return heap[0][0] if heap and self.reachable(role, node) else INF

    def search_on(self, roles: frozenset[int], node: Node, found: tuple, limit: int) -> int:
        """entry_time's search, from where `found` (settled times, queue, months each kind
        is first built) stands, until one of `roles` settles or the queue is past `limit`."""
        times, heap, first = found
        ix, recommended, role = self.ix, self.recommended, node.role
        while heap:
            if heap[0][0] > limit:
                return heap[0][0]
            months, tie, r, pending = heapq.heappop(heap)
            if r in times:
                continue
            if pending is not None and not self.holds_now(pending, node):
                needed = max(
                    self.after_first(pending, node, first, months),
                    self.requirement(pending, node, max(self.depth - 1, 0))[0],
                )
                if needed > months:
                    if needed < INF:
                        heapq.heappush(heap, (needed, tie, r, None))
                    continue
            times[r] = months
            for kind in ix.role_accrues[r]:
                first.setdefault(kind, months)
            for s, edge in ix.moves_out[r].items():
                if s in times or s not in self.rel_roles:
                    continue
                later = months
                if recommended:
                    later += max(0, edge.typical - node.ten) if r == role else edge.typical
                pending = edge.requires if edge.requires.compiled else None
                if pending is not None:
                    later = max(later, self.quick(pending, node))
                heapq.heappush(heap, (later, (r + 1) * len(ix.roles) + s + 1, s, pending))
            if r in roles:
                return months
        return INF

    def guessed(self, roles: frozenset[int], node: Node, found: tuple) -> tuple[int, bool]:
        """(months, unsure): guess_entry's least over `roles`. Few roles asked: their ways
        in two moves back; many (the roles building a kind): only whether one is hired
        into by the least months queued."""
        times, heap, _ = found
        depth, most = (2, INF) if len(roles) < 3 else (-1, heap[0][0])
        key = ("guess", roles, heap[0][0], len(times))  # as long as the search stands
        guess = self._scratch.get(key)
        if guess is None:
            guess = self._scratch[key] = min(
                (months, not sure)
                for months, sure in (self.guess_entry(r, node, found, depth, most) for r in roles)
            )
        return guess

    def holds_now(self, req: Req, node: Node) -> bool:
        """Whether `req` holds in the state by a route not asking for the current role:
        then it holds later too, whatever role the state is in by then."""
        return gate(req.compiled, node.edu, node.progs, node.eff, self.lic, node.exp, 0) < 0

    def guess_entry(
        self, r: int, node: Node, found: tuple, depth: int, most: int = INF
    ) -> tuple[int, bool]:
        """(months, sure): a lower bound on entry_time's answer for role `r`, from its own
        ways in and those of the roles moving into it (`depth` moves back; -1: its hire
        alone), the roles not settled yet taken as entered at `now` (the least months
        queued, heap[0][0]) and no sooner; ways past `most` are not worked out (then
        most + 1, unsure). Sure when its least way goes back to roles settled or entered
        then: the bound is then what the search would answer from the same parts (or
        less, where the search would by then know a kind's first role later than now),
        so the search need not settle every role queued before it."""
        times, heap, first = found
        if r in times:
            return times[r], True
        if r == node.role:
            return 0, True
        if not self.reachable(r, node):
            return INF, True
        ix, now, quick = self.ix, heap[0][0], self.quick
        best, sure, capped = INF, False, False
        hire = ix.role_hire[r]
        if hire.compiled:
            if max(now, quick(hire, node)) <= most:
                best, sure = max(now, self.needs(hire, node, first, now)), True
            else:
                capped = True
        if depth < 0 and ix.moves_in[r] and best > now:
            best, sure = now, False  # the moves in, not looked at: no sooner than now
        for edge in ix.moves_in[r] if depth >= 0 else ():
            origin = edge.origin
            if depth > 0:
                before, known = self.guess_entry(origin, node, found, depth - 1, most)
            elif origin in times:
                before, known = times[origin], True
            else:
                before, known = (now, False) if self.reachable(origin, node) else (INF, True)
            if self.recommended:
                before += max(0, edge.typical - node.ten) if origin == node.role else edge.typical
            lower = max(now, before, quick(edge.requires, node) if edge.requires.compiled else 0)
            capped = capped or most < lower < INF
            if lower > min(best, most) or (lower == best and (sure or not known)):
                continue
            months = max(lower, self.needs(edge.requires, node, first, now))
            if months < best or (months == best and known):
                best, sure = months, known
        if best > most and capped:
            return most + 1, False
        return best, sure or best >= INF

    def needs(self, req: Req, node: Node, first: dict, now: int) -> int:
        """A lower bound on the months before `req` holds, as entry_time works it out."""
        if not req.compiled or self.holds_now(req, node):
            return 0
        after = self.after_first(req, node, first, now)
        return max(after, self.requirement(req, node, max(self.depth - 1, 0))[0])

    def after_first(self, req: Req, node: Node, first: dict[int, int], now: int) -> int:
        """A lower bound on the months before `req` holds from its experience alone: each
        kind's months still to build come after the first role that builds it, whose
        months are in `first` if that role is settled, else no fewer than `now`."""
        exp, best = node.exp, INF
        for route in req.compiled:
            if route[3] and not self.lic & route[3]:
                continue
            months = 0
            for kind, needed in route[4]:
                if needed > exp[kind]:
                    months = max(months, first.get(kind, now) + needed - exp[kind])
            if months < best:
                best = months
                if best <= now:
                    break
        return best
