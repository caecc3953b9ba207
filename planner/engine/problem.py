"""One person with one set of options, shared by the roadmap search and the eligibility
searches: the rule sets as month offsets from the start, dates of months, and what can be
reached at all ignoring time (to say why a goal is unreachable without searching)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from .compiled import CRule
from .kinds import Readiness, RefKind
from .months import add_months, month_offset
from .reach import Reach
from .search import Search
from .words import months_words

if TYPE_CHECKING:
    from .catalog import Catalog, Route
    from .inputs import CheckedRequest, Ref
    from .states import Goal, Node


class Problem:
    """One person with one set of options: shared by the roadmap search and the extra
    eligibility searches."""

    def __init__(self, catalog: Catalog, request: CheckedRequest) -> None:
        self.catalog = catalog
        self.ix = catalog._index
        self.request = request
        self.start = request.state
        self.recommended = request.readiness is Readiness.RECOMMENDED
        ix = self.ix
        self.avoid_progs = {ix.prog_ix[r.slug] for r in request.avoid if r.kind is RefKind.PROGRAM}
        self.avoid_creds = {
            ix.cred_ix[r.slug] for r in request.avoid if r.kind is RefKind.CREDENTIAL
        }
        self.avoid_roles = {ix.role_ix[r.slug] for r in request.avoid if r.kind is RefKind.ROLE}
        self._dates: dict[int, date] = {}
        self.effort_left = request.effort  # states the searches may still take
        self.deadline: float | None = None  # time.perf_counter() value to stop at
        # Per credential: the rule sets that can be in force from the start, as
        # (month offset from which it is in force, compiled rule), ascending.
        self.rules: list[tuple[tuple[int, CRule], ...]] = []
        for rules in ix.cred_rules:
            timed: list[tuple[int, CRule]] = []
            for rule in rules:
                offset = month_offset(request.start_day, rule.effective)
                if timed and timed[-1][0] == offset:
                    timed.pop()  # superseded before it ever applies
                timed.append((offset, rule))
            self.rules.append(tuple(timed))

    @cached_property
    def rule_sets(self) -> tuple:
        """Which rule sets can be in force (by when each takes effect), for keys of what
        searches share (reach.base_reach, Index.shared)."""
        return tuple(tuple(rule.effective for _, rule in timed) for timed in self.rules)

    @cached_property
    def rule_times(self) -> tuple:
        """The month offsets at which they take effect."""
        return tuple(tuple(offset for offset, _ in timed) for timed in self.rules)

    def date(self, t: int) -> date:
        day = self._dates.get(t)
        if day is None:
            day = self._dates[t] = add_months(self.request.start_day, t)
        return day

    def rule_at(self, cred: int, t: int) -> CRule | None:
        in_force = None
        for offset, rule in self.rules[cred]:
            if offset > t:
                break
            in_force = rule
        return in_force

    def search(self, goal: Goal, via: tuple[Ref, ...] = ()) -> Node | None:
        """The goal node of an earliest (then cheapest, then shortest) plan, or None.
        Raises TooComplex when the effort left runs out first."""
        search = Search(self, goal, via, budget=self.effort_left, deadline=self.deadline)
        try:
            return search.run()
        finally:
            if self.effort_left is not None:
                self.effort_left -= search.popped

    # Static reachability (for reasons) ----------------------------------------------------

    @cached_property
    def reach(self) -> Reach:
        return Reach(self)

    @property
    def attainable(self) -> tuple[int, int, set[int], int, int]:
        """Ignoring time: (programs, credentials, roles, education rank, kinds mask) that
        some sequence of actions can ever reach (reach.py)."""
        return self.reach.closure

    def could_reach(self, goal: Goal, via: tuple[Ref, ...] = ()) -> bool:
        """False when, ignoring time altogether, nothing can ever reach the goal (and the
        waypoints): then no search is needed to say so."""
        progs, eff, roles, _, _ = self.attainable
        ix = self.ix
        if goal.kind == "role":
            found = goal.index in roles
        elif goal.kind == "credential":
            found = bool(eff >> goal.index & 1)
        else:
            found = any(
                self.reach.req(getattr(rule, goal.kind)) for _, rule in self.rules[goal.index]
            )
        for ref in via:
            if ref.kind is RefKind.PROGRAM:
                found = found and bool(progs & ix.prog_bit[ref.slug])
            elif ref.kind is RefKind.CREDENTIAL:
                found = found and bool(eff & ix.cred_bit[ref.slug])
            else:
                found = found and ix.role_ix[ref.slug] in roles
        return found

    def missing_atoms(self, route: Route, state=None) -> list[str]:
        """What in this route nothing can ever satisfy, in plain words."""
        catalog, ix, start = self.catalog, self.ix, self.start
        progs, eff, roles, edu, kinds = state if state is not None else self.attainable
        missing = []
        if route.education and route.education.rank > edu:
            missing.append(route.education.words)
        if route.programs and not any(progs & ix.prog_bit[slug] for slug in route.programs):
            missing.append(
                " or ".join(
                    catalog.programs[slug].name
                    + (" (avoided)" if ix.prog_ix[slug] in self.avoid_progs else "")
                    for slug in route.programs
                )
            )
        if route.credentials and not any(eff & ix.cred_bit[slug] for slug in route.credentials):
            missing.append(
                " or ".join(
                    catalog.credentials[slug].acronym
                    + (" (avoided)" if ix.cred_ix[slug] in self.avoid_creds else "")
                    for slug in route.credentials
                )
            )
        if route.licences and not any(start.lic & ix.lic_bit[s] for s in route.licences):
            names = " or ".join(catalog.licences.get(s, s) for s in route.licences)
            missing.append(f"{names} licence")
        for need in route.experience:
            k = ix.kind_ix[need.kind]
            if start.exp[k] < need.months and not kinds >> k & 1:
                words = catalog.kind_words(need.kind)
                missing.append(f"{months_words(need.months)} of {words} experience")
        if route.current_role_accrues:
            k = ix.kind_ix[route.current_role_accrues]
            if not kinds >> k & 1:
                words = catalog.kind_words(route.current_role_accrues)
                missing.append(f"a role that builds {words} experience")
        return missing

    def req_missing(self, routes: Iterable[Route]) -> list[str]:
        return list(dict.fromkeys(atom for route in routes for atom in self.missing_atoms(route)))
