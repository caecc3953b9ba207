"""What about a state a bound at depth 0 depends on (its footprint), so that it is worked
out once for every state that looks the same to it: a credential's alternatives
(RouteBound.credential_ways, and its cost, CostBound.cred_paid) and a route's
(RouteBound.route_ways). At depth 0 no way into a role is looked at, so such a bound reads
only the experience of the kinds its routes ask for, however deep, which of their
programs and credentials are held, the education, the month while a rule set is still to
take effect, and the role and the months in it when a route asks for the current role to
build a kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .alternatives import of_kinds
from .compiled import bits

if TYPE_CHECKING:
    from collections.abc import Callable

    from .compiled import CRoute
    from .states import Node

FOOTPRINT_MOST = 64  # credentials and programs a footprint follows (past that: all the state)


class Footprints:
    """Keys for the part bounds kept across states (Bound supplies the catalog index, the
    relevant parts, the rule sets and the caches)."""

    def seen_as(self, c: int, earned: int, node: Node) -> tuple:
        """What about a state credential_ways(c, depth 0) depends on: the experience of
        the kinds its routes ask for (theirs, however deep), which of their credentials
        and programs are held, the education, the month (while a rule set is still to take
        effect), and the role and months in it when a route asks for the current role to
        build a kind."""
        experience, progs, creds, by_role, _ = self.footprint(c)
        return (
            c,
            earned,
            experience(node.exp),
            node.edu,
            node.progs & progs,
            node.eff & creds,
            min(node.t, self.last_event),
            (node.role, node.ten) if by_role else None,
        )

    def route_seen_as(self, route: CRoute, earned: int, node: Node) -> tuple:
        """What about a state route_ways(route, depth 0) depends on (as seen_as for a
        credential's): its own experience, programs and credentials, and the footprints of
        the credentials it names."""
        experience, progs, creds, by_role, timed = self.route_print(route, earned)
        return (
            route,
            earned,
            experience(node.exp),
            node.edu,
            node.progs & progs,
            node.eff & creds,
            min(node.t, self.last_event) if timed else None,
            (node.role, node.ten) if by_role else None,
        )

    def footprint(self, c: int) -> tuple[Callable, int, int, bool, int]:
        """(the experience of the kinds, as a function of a state's, the programs, the
        credentials, whether the current role matters, the kinds as a mask) named by the
        routes of `c`'s rule sets, of the credentials they name and of the admissions of
        the programs they name, however deep (on a large catalog where that is most of
        it, the whole state)."""
        found = self._footprints.get(c)
        if found is not None:
            return found
        ix, kinds = self.ix, set()
        progs = creds = 0
        by_role = False
        routes = self.rule_routes(c)
        seen_creds, seen_progs = {c}, 0
        while routes:
            r_edu, r_progs, r_creds, _, r_exp, r_acc = routes.pop()
            kinds.update(k for k, _ in r_exp)
            progs, creds = progs | r_progs, creds | r_creds
            by_role = by_role or r_acc >= 0
            for d in self.providers(r_creds):
                creds |= 1 << d
                if d not in seen_creds:
                    seen_creds.add(d)
                    routes += self.rule_routes(d)
            fresh = (r_progs | self.edu_mask[r_edu]) & self.prog_mask & ~seen_progs
            seen_progs |= fresh
            for p in bits(fresh):
                routes += ix.prog_admission[p].compiled
            if len(seen_creds) + seen_progs.bit_count() > FOOTPRINT_MOST:
                break
        else:
            mask = sum(1 << k for k in kinds)
            found = self._footprints[c] = (of_kinds(sorted(kinds)), progs, creds, by_role, mask)
            return found
        # Most of a large catalog: all of the state, then.
        found = self._footprints[c] = (tuple, -1, -1, True, -1)
        return found

    def route_print(self, route: CRoute, earned: int) -> tuple:
        """The footprint (as footprint's, and whether the month matters) of a route at
        depth 0: its own parts and its credentials' footprints."""
        key = (route, earned)
        found = self._route_prints.get(key)
        if found is None:
            _, progs, creds, _, r_exp, r_acc = route
            kinds = 0
            for k, _ in r_exp:
                kinds |= 1 << k
            by_role, providers = r_acc >= 0, self.providers(creds, earned)
            for c in providers:
                _, c_progs, c_creds, c_role, c_kinds = self.footprint(c)
                kinds, progs, creds = kinds | c_kinds, progs | c_progs, creds | c_creds
                by_role = by_role or c_role
            experience = tuple if kinds < 0 else of_kinds(list(bits(kinds)))
            found = (experience, progs, creds, by_role, bool(providers))
            self._route_prints[key] = found
        return found

    def rule_routes(self, c: int) -> list:
        """The routes of `c`'s rule sets, required and advised."""
        return [
            route
            for _, rule in self.problem.rules[c]
            for route in rule.required.compiled + rule.recommended.compiled
        ]
