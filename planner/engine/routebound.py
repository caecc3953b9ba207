"""The route half of the month estimate (Bound, bound.py): lower bounds on the months
before a route, a requirement or a credential's rule set can hold.

A route is bounded as a short list of alternatives, one for each way of meeting it (which
credential meets it, and by which routes that credential's rule set is met, however
deep), each (months, months away from work, experience asked, months of work, and the
months and the shortest of the programs studied beside work one after another). The
experience is every (kind, months still to build, months until in a role building it) of
the alternative, its credentials' included: whatever the route is a means to (a
credential, a hire) is bounded with that experience and its own together, since
experience once built stays, and kinds no role builds together come one after another.
Study away from work comes on top of all of it. Each program studied beside work is
studied in one role (`stint`); a program's admission is studied before it. An alternative
no better in any part than another is dropped."""

from __future__ import annotations

from itertools import combinations, product
from time import perf_counter
from typing import TYPE_CHECKING

from .alternatives import NOTHING, merged, pruned, stint
from .states import TooComplex

if TYPE_CHECKING:
    from .compiled import CRoute, Req
    from .states import Node

INF = 1 << 30


class RouteBound:
    """Route, requirement and credential bounds, for Bound (which supplies the catalog
    index, the relevant parts, the depth, the role entry bounds and the per-state
    scratch)."""

    def programs(self, mask: int, node: Node, depth: int) -> tuple[int, int]:
        """Bound for 'completed any one of these programs' as (months, months away from
        work): its admission first, then its months, beside work or away from it."""
        key = ("programs", mask, depth)
        found = self._scratch.get(key)
        if found is None:
            options = self.program_choices(mask, node, depth)
            # (B, N) with max(w, B) + N <= max(w, b) + n for every option and any w.
            least_away = min(n for _, n, _, _ in options)
            least = min(b + n for b, n, _, _ in options) - least_away
            least = max(min(b for b, _, _, _ in options), least)
            found = self._scratch[key] = (least, least_away)
        return found

    def program_choices(self, mask: int, node: Node, depth: int) -> tuple:
        """For each way of completing one of these programs: (months beside work, months
        away from work, and the months and the shortest of the programs studied beside
        work on the way, the admission's included: 0 for none); its admission first, then
        its months. No better in any part than another: dropped."""
        if depth <= 0:  # admissions by their education alone: the same for every state
            key, store = (mask, node.edu), self._choices
        else:
            key, store = ("choices", mask, depth), self._scratch
        found = store.get(key)
        if found is not None:
            return found
        ix = self.ix
        options = []
        for p in self.rel_progs:
            if not mask >> p & 1:
                continue
            months, beside = ix.prog_months[p], self.beside_work[p]
            for total, away, study, shortest in self.admitted(p, node, depth):
                if total >= INF:
                    continue
                if beside:
                    shortest = min(shortest, months) if study else months
                    options.append((total - away + months, away, study + months, shortest))
                else:
                    options.append((total - away, away + months, study, shortest))
        options.sort()
        kept: list = []
        for option in options:
            for other in kept:
                if all(a <= b for a, b in zip(other, option, strict=True)):
                    break
            else:
                kept.append(option)
        found = store[key] = tuple(kept) or ((INF, INF, 0, 0),)
        return found

    def admitted(self, p: int, node: Node, depth: int) -> list:
        """The ways program `p` admits the state, as (months, months away from work, and
        the months and the shortest of the programs studied beside work on the way)."""
        admission = self.ix.prog_admission[p]
        if not admission.compiled:
            return [(0, 0, 0, 0)]
        if depth <= 0:  # deep enough: the admission's education alone (floors.py)
            return [self.admission_floor(p, node.edu) + (0, 0)]
        return [
            (alt[0], alt[1], alt[4], alt[5])
            for route in admission.compiled
            for alt in self.route_ways(route, node, depth - 1)
        ]

    def admission_floor(self, p: int, edu: int) -> tuple[int, int]:
        """(months, months away from work) before program `p` admits someone with
        education `edu`, counting only the education its admission routes ask for."""
        floor = self.floors.months[edu]
        pairs = [floor[route[0]] for route in self.ix.prog_admission[p].compiled]
        return (min(b + n for b, n in pairs), min(n for _, n in pairs))

    def providers(self, mask: int, earned: int = 0) -> tuple[int, ...]:
        """Relevant credentials whose holding satisfies 'holds any of mask', leaving out
        those in `earned` (being earned, further up the chain this is asked for: what a
        credential needs first cannot need it in turn) and, but for waypoints (sat even
        when held), whatever counts as them (a plan earns a credential only while holding
        nothing that counts as it)."""
        key = (mask, earned)
        found = self._providers.get(key)
        if found is None:
            closure, moot = self.ix.closure, earned & ~self.via_mask
            found = tuple(
                c
                for c in self.rel_creds
                if closure[c] & mask and not earned >> c & 1 and not closure[c] & moot
            )
            self._providers[key] = found
        return found

    def quick(self, req: Req, node: Node) -> int:
        """A lower bound on requirement(req, node, any depth)[0] from each route's own
        experience and programs alone (no recursion): cheap enough to order the ways into
        roles by before their requirements are worked out."""
        best = INF
        for route in req.compiled:
            months = self.route_quick(route, node)
            if months < best:
                best = months
                if not best:
                    break
        return best

    def route_quick(self, route: CRoute | None, node: Node) -> int:
        """quick for one route (None: one asking nothing)."""
        if route is None:
            return 0
        if route[3] and not self.lic & route[3]:
            return INF
        exp, months = node.exp, 0
        for k, needed in route[4]:
            months = max(months, needed - exp[k])
        if route[1] and not node.progs & route[1]:
            months = max(months, self.least(route[1])[0])
        return months

    def least(self, mask: int) -> tuple[int, int, int]:
        """(months, cost, months beside work) of the shortest, of the cheapest and of the
        shortest studied beside work (0 if one is studied away from it) relevant program
        in `mask` (INF when none is relevant)."""
        found = self._least.get(mask)
        if found is None:
            ix = self.ix
            chosen = [p for p in self.rel_progs if mask >> p & 1]
            found = self._least[mask] = (
                min((ix.prog_months[p] for p in chosen), default=INF),
                min(((ix.prog_cost[p] or 0) for p in chosen), default=INF),
                min((ix.prog_months[p] if self.beside_work[p] else 0 for p in chosen), default=0),
            )
        return found

    def requirement(self, req: Req, node: Node, depth: int, earned: int = 0) -> tuple[int, int]:
        if not req.compiled:
            return (0, 0)
        best, best_away = INF, INF
        for route in req.compiled:
            months, away = self.route(route, node, depth, earned)
            best, best_away = min(best, months), min(best_away, away)
        return best, best_away

    def rules(self, c: int, node: Node) -> tuple:
        """(months until in force, months until out of force, rule) for the rule set in
        force now and those to come: a credential is earned under the rules in force.
        With waypoints, a route's months count them too, though the credential may be
        earned before them: no rule set is out of force within any months then. The same
        for every state in the month."""
        key = (c, node.t)
        found = self._rules.get(key)
        if found is None:
            timed, t = self.problem.rules[c], node.t
            first = 0
            for i, (offset, _) in enumerate(timed):
                if offset <= t:
                    first = i
            ends = [INF if self.any_via else offset - t for offset, _ in timed[first + 1 :]]
            ends.append(INF)
            found = self._rules[key] = tuple(
                (max(0, offset - t), end, rule)
                for (offset, rule), end in zip(timed[first:], ends, strict=True)
            )
        return found

    def route(self, route: CRoute, node: Node, depth: int, earned: int = 0) -> tuple[int, int]:
        """(months, months away from work) before the route can hold: the least of each
        over its alternatives. For the goal's own routes (not at a glance), an
        alternative asking for experience of several kinds is no sooner than the months
        into the first role building each of them with the others (first_role_months):
        worked out for the nearest alternatives only, until the next is no nearer."""
        alternatives = self.route_ways(route, node, depth, earned)
        if not alternatives:
            return (INF, INF)
        away = min(alt[1] for alt in alternatives)
        if depth != self.top or self.glance:
            return alternatives[0][0], away
        racc = self.racc[node.role] if node.role >= 0 else 0
        best = INF
        for months, _, asked, *_ in alternatives:  # nearest first (pruned)
            if months >= best:
                break
            if len(asked) > 1:
                months = max(months, self.first_role_months(asked, racc, node))
            best = min(best, months)
        return best, away

    def within(self, route: CRoute, node: Node, earned: int, outer: tuple, months: int) -> bool:
        """Whether the route could hold within `months` with the experience in `outer`
        built as well (as asked, by whatever the route is a means to): by a cheap bound,
        at depth 0, then with each kind after the months until in a role building it
        (with_entries), and then, for experience of several kinds, by the months into the
        first role building each of them with the others (first_role_months: what the
        way into that role asks is built before any of its kind's months, and beside no
        kind that no role builds along with it). Those two read more of the state than
        the footprints the cost bound keeps a credential's price by: when they alone rule
        a route out, that price is the state's own (`state_reads`, CostBound.keep)."""
        racc = None  # the kinds the state's role builds, once needed
        for alternative in self.route_ways(route, node, 0, earned):
            if alternative[0] > months:
                continue
            if not outer:
                return True
            if racc is None:
                racc = self.racc[node.role] if node.role >= 0 else 0
            plain = merged(outer, alternative[2])
            joint = self.with_entries(plain, racc, node)
            if self.built_within(joint, alternative, months) and (
                len(joint) < 2 or self.first_role_months(joint, racc, node) <= months
            ):
                return True
            if self.built_within(plain, alternative, months):
                self.state_reads += 1  # ruled out by the state's roles alone
        return False

    def built_within(self, asked: tuple, alternative: tuple, months: int) -> bool:
        """Whether `alternative` of a route could hold within `months` with the experience
        `asked` built as well (worked, stint)."""
        bound, away, _, work, study, shortest = alternative
        accrual, total = self.worked(asked)
        study_months = self.stint(asked, study, shortest)
        return max(bound, total, max(accrual, work, study_months) + away) <= months

    @staticmethod
    def still_asked(route: CRoute, node: Node) -> tuple:
        """The experience `route` asks that the state has yet to build, as (kind, months
        still to build, 0), by kind."""
        exp = node.exp
        return tuple((k, months - exp[k], 0) for k, months in sorted(route[4]) if months > exp[k])

    def with_entries(self, asked: tuple, racc: int, node: Node) -> tuple:
        """The experience `asked`, each kind the state's role does not build no sooner
        than the months until in a role that does (kind_entry, its hires' requirements
        at depth 0)."""
        key = ("with entries", asked)
        found = self._scratch.get(key)
        if found is None:
            entered = []
            for kind, gap, entry in asked:
                if not racc >> kind & 1:
                    entry = max(entry, self.kind_entry(kind, node, 1, False))
                entered.append((kind, gap, entry))
            found = self._scratch[key] = tuple(entered)
        return found

    def both(self, ones: tuple, others: tuple, wait: int = 0) -> list:
        """Alternatives for meeting two things (and `wait` months passing): one of each,
        their experience built together and their study away from work on top."""
        found = []
        for months, away, asked, work, study, shortest in ones:
            for months_more, away_more, asked_more, work_more, studied, short in others:
                joint = merged(asked, asked_more)
                worked, total = self.worked(joint)
                work_both = max(work, work_more, worked)
                if studied < study or (studied == study and short < shortest):
                    studied, short = study, shortest  # both asked: the longer bounds
                apart = max(away, away_more)
                bound = max(wait, months, months_more, total, work_both + apart)
                if studied:
                    bound = max(bound, self.stint(joint, studied, short) + apart)
                found.append((bound, apart, joint, work_both, studied, short))
        return found

    def stint(self, asked: tuple, study: int, shortest: int) -> int:
        """Months before programs studied beside work one after another (`study` months,
        the shortest `shortest`) are done and the experience `asked` built: kind by kind
        (alternatives.stint), and for kinds no role builds together, whose months add up
        (one_at_a_time), by the role each program is studied in, which builds one of them
        at most. In a role building one, its stint there lasts the program's months at
        least, past that kind's own when they are longer; in a role building none, all
        the program's months come on top. The same for every state."""
        key = (asked, study, shortest)
        found = self._stints.get(key)
        if found is None:
            found = stint(asked, study, shortest)
            if shortest and len(asked) > 1:
                together = self.together
                for size in range(len(asked), 1, -1):
                    for chosen in combinations(asked, size):
                        pairs = combinations(chosen, 2)
                        if any(together[a] >> b & 1 for (a, _, _), (b, _, _) in pairs):
                            continue
                        months = sum(gap for _, gap, _ in chosen)
                        longest = max(gap for _, gap, _ in chosen)
                        first = min(entry for _, _, entry in chosen)
                        beside = first + months + max(0, shortest - longest)
                        found = max(found, min(beside, months + shortest))
            self._stints[key] = found
        return found

    def worked(self, asked: tuple) -> tuple[int, int]:
        """(months of work, months) to build the experience `asked`: a kind's months
        counted once, kinds no role builds together one after another (the months count
        the months before the first role building them too). The same for every state."""
        found = self._worked.get(asked)
        if found is None:
            accrual = max((gap for _, gap, _ in asked), default=0)
            total = max((gap + entry for _, gap, entry in asked), default=0)
            if len(asked) > 1:
                accrual, total = self.one_at_a_time(asked, accrual, total)
            found = self._worked[asked] = (accrual, max(accrual, total))
        return found

    def route_ways(self, route: CRoute, node: Node, depth: int, earned: int = 0) -> tuple:
        """The route's alternatives (_route_ways), kept for the state; at depth 0, for
        every state that looks the same to it (Footprints.route_seen_as)."""
        key = (route, depth, earned)
        found = self._scratch.get(key)
        if found is None:
            if depth:
                found = self._route_ways_by_deadline(route, node, depth, earned)
            else:
                seen_as = self.route_seen_as(route, earned, node)
                found = self._deep_routes.get(seen_as)
                if found is None:
                    found = self._deep_routes[seen_as] = self._route_ways_by_deadline(
                        route, node, 0, earned
                    )
            self._scratch[key] = found
        return found

    def _route_ways_by_deadline(self, route: CRoute, node: Node, depth: int, earned: int) -> tuple:
        """_route_ways, the search's deadline checked now and then."""
        self.routes_worked += 1
        if not self.routes_worked % 512 and self.deadline and perf_counter() > self.deadline:
            raise TooComplex  # one estimate on a large catalog can take a while
        return self._route_ways(route, node, depth, earned)

    def _route_ways(self, route: CRoute, node: Node, depth: int, earned: int) -> tuple:
        """The route's alternatives (module docstring). Each condition bounds the months on
        its own; experience still to build adds to study away from work (no experience
        builds then), never to another condition's months."""
        r_edu, r_progs, r_creds, r_lic, r_exp, r_acc = route
        if r_lic and not self.lic & r_lic:
            return ()
        exp = node.exp
        racc = self.racc[node.role] if node.role >= 0 else 0
        accrual = 0  # months of work still to do
        asked = []
        for kind, months in r_exp:
            gap = months - exp[kind]
            if gap > 0:
                entry = 0
                if not racc >> kind & 1 and depth > 0:
                    # ...once in a role that builds it, and after the work that getting
                    # into the first such role asks for.
                    entry = self.kind_entry(kind, node, max(depth - 1, 1), depth == self.top)
                    accrual = max(accrual, self.entry_work(kind, node) + gap)
                asked.append((kind, gap, entry))
        own = tuple(sorted(asked)) if asked else ()
        worked, total = self.worked(own)
        accrual = max(accrual, worked)
        total = max(total, accrual)
        if depth > 0 and len(own) > 1 and not self.glance:
            total = max(total, self.first_role_months(own, racc, node))
        if r_acc >= 0 and not racc >> r_acc & 1:
            total = max(total, self.kind_entry(r_acc, node, depth, depth == self.top))
            if depth > 0:  # the work before the first such role: no study away overlaps it
                accrual = max(accrual, self.entry_work(r_acc, node))
        if depth == self.top and total > self.limit:
            # Only asked whether within the limit (Bound.looked), and past it already: its
            # programs and credentials could only add, so one alternative asking for no
            # more than any of them stands for them all.
            return ((total, 0, own, accrual, 0, 0),) if total < INF else ()
        # Each program part is met by one of its programs (program_choices).
        choices = []
        if r_progs and not node.progs & r_progs:
            choices.append(self.program_choices(r_progs, node, depth))
        if r_edu > node.edu:
            choices.append(self.program_choices(self.edu_mask[r_edu], node, depth))
        extra: list = []  # the waypoints still to pass, for one of the goal's own routes
        if depth == self.top and self.any_via:
            total = max(total, self.waypoints(node, extra))
        found: list = []
        for chosen in product(*choices):
            parts = [(beside, apart) for beside, apart, _, _ in chosen] + extra if chosen else extra
            least, away, study, shortest = total, 0, 0, 0
            for beside, apart in parts:
                least = max(least, max(accrual, beside) + apart)
                away = max(away, apart)
            for _, _, studied, short in chosen:  # the most study, then the longer shortest
                if studied > study or studied == study and short > shortest:
                    study, shortest = studied, short
            if study:
                least = max(least, self.studied_by(route, node, depth, own, study, shortest) + away)
            alone = (least, away, own, accrual, study, shortest)
            if not r_creds or node.eff & r_creds:
                if least < INF:
                    found.append(alone)
                continue
            found += self.with_credentials(route, node, depth, earned, alone, parts)
        return pruned(found)

    def first_role_months(self, asked: tuple, racc: int, node: Node) -> int:
        """A lower bound on the months before the experience `asked` is built: for each
        kind the state's role does not build, the months into a first role building it
        with the other kinds asked that no role builds along with it, then its own months
        (FirstRole.first_months). The same for the state's every route asking it."""
        key = ("first role", asked)
        found = self._scratch.get(key)
        if found is not None:
            return found
        best = 0
        for kind, gap, entry in asked:
            if racc >> kind & 1:
                continue
            apart = self.together[kind] | 1 << kind
            along = tuple(other for other in asked if not apart >> other[0] & 1)
            if along:
                best = max(best, self.first_months(kind, gap, entry, node, along))
        self._scratch[key] = best
        return best

    def with_credentials(
        self, route: CRoute, node: Node, depth: int, earned: int, alone: tuple, parts: list
    ) -> list:
        """The route's alternatives from `alone` (the bound of its other conditions) and
        a credential it names. Whichever credential a plan holds for it, and whichever
        way it met that credential's rule set, those months are a part, with the
        experience that way asked for built as well as the route's own. Past the depth,
        credentials are still looked through, to the end of the chain being earned. Each
        alternative asks at least what `alone` does in every part (no_better) but the
        shortest program studied beside work, which may be shorter when it studies more:
        while `alone` studies none, one asking no more than it (a credential whose rule
        set holds now) makes the others redundant, so they are not looked at."""
        total, away, own, accrual, study, shortest = alone
        found = []
        for c in self.providers(route[2], earned):
            for months, apart, theirs, work, studied, short in self.credential_ways(
                c, node, max(depth - 1, 0), earned
            ):
                joint = merged(own, theirs)
                worked, least = self.worked(joint)
                worked = max(accrual, worked, work)
                if studied < study or (studied == study and short < shortest):
                    studied, short = study, shortest  # the longer bounds (either would)
                bound = max(total, least, months, worked + apart)
                if studied:
                    by = self.studied_by(route, node, depth, joint, studied, short)
                    bound = max(bound, by + max(away, apart))
                for beside, study_away in parts:
                    bound = max(bound, max(worked, beside) + study_away)
                if bound < INF:
                    way = (bound, max(away, apart), joint, worked, studied, short)
                    if way == alone and not shortest:
                        return [way]
                    found.append(way)
        return found

    def studied_by(
        self, route: CRoute, node: Node, depth: int, asked: tuple, study: int, shortest: int
    ) -> int:
        """Months before the programs studied beside work for `route` (`study` months one
        after another, the shortest `shortest`) are done along with the experience
        `asked` (stint) and, when the route asks for the current role to build a kind
        the state's does not, the state is in such a role (EntryTime.in_after_study; not
        at a glance)."""
        months = self.stint(asked, study, shortest)
        r_acc, role = route[5], node.role
        if r_acc < 0 or depth <= 0 or self.glance or role >= 0 and self.racc[role] >> r_acc & 1:
            return months
        gap = next((gap for kind, gap, _ in asked if kind == r_acc), 0)
        return max(months, self.in_after_study(r_acc, node, depth, study, shortest, gap))

    def credential_ways(self, c: int, node: Node, depth: int, earned: int) -> tuple:
        """The alternatives before holding credential `c`, one for each way of meeting a
        rule set in force now or to come: a route of its requirement and, for an exam
        under the recommended pace, one of its advice."""
        key = ("credential", c, depth, earned)
        found = self._scratch.get(key)
        if found is None:
            if depth:
                found = self._credential_ways(c, node, depth, earned)
            else:  # the same for every state that looks the same to it
                seen_as = self.seen_as(c, earned, node)
                found = self._deep.get(seen_as)
                if found is None:
                    found = self._deep[seen_as] = self._credential_ways(c, node, 0, earned)
            self._scratch[key] = found
        return found

    def _credential_ways(self, c: int, node: Node, depth: int, earned: int) -> tuple:
        found = []
        exam, earned = self.ix.cred_exam[c] and self.recommended, earned | 1 << c
        for wait, end, rule in self.rules(c, node):
            advice = rule.recommended.compiled if exam else ()
            for required in rule.required.compiled or (None,):
                ways = self.route_ways(required, node, depth, earned) if required else NOTHING
                for advised in advice or (None,):
                    more = self.route_ways(advised, node, depth, earned) if advised else NOTHING
                    joint = self.both(ways, more, wait)
                    if NOTHING[0] in joint:  # met now: no other way is sooner or asks less
                        return NOTHING
                    found += [way for way in joint if way[0] < end]
        return pruned(found)

    def one_at_a_time(
        self, needs: list | tuple, accrual: int, total: int, together: dict | None = None
    ) -> tuple[int, int]:
        """Kinds no role builds together are built one after another: for each set of
        them still needed, their months add up (work months, so `accrual` is at least
        the sum), after the months until the first role building any of them. `together`:
        the kinds built with each needed kind, when not every role counts (Bound.apart)."""
        together = together or self.together
        for size in range(len(needs), 1, -1):
            for chosen in combinations(needs, size):
                if any(together[a] >> b & 1 for (a, _, _), (b, _, _) in combinations(chosen, 2)):
                    continue
                months = sum(gap for _, gap, _ in chosen)
                accrual = max(accrual, months)
                total = max(total, months + min(entry for _, _, entry in chosen))
        return accrual, total
