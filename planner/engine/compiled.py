"""The catalog compiled for the search, once per Catalog: slugs to indexes, sets of
programs / credentials / licences to bitmasks, routes to tuples, and which credentials
count as which (a credential counts as every credential it supersedes, transitively)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from .kinds import EDUCATION_BY_RANK, EarnedBy

if TYPE_CHECKING:
    from collections.abc import Callable

    from .catalog import Catalog, Move, Route, RuleSet
    from .reach import Dependents
    from .relevance import Pulls

SHARED_MOST = 64  # set-ups kept for the catalog's next searches (Index.shared)

# A compiled route is a tuple (education rank, programs mask, credentials mask, licences
# mask, ((kind index, months), ...), kind index the current role must accrue or -1).
CRoute = tuple[int, int, int, int, tuple[tuple[int, int], ...], int]


@dataclass(frozen=True)
class Req:
    """A requirement: the routes and their compiled forms, in catalog order."""

    routes: tuple[Route, ...]
    compiled: tuple[CRoute, ...]
    ids: tuple[int, ...] = ()  # each compiled route's number in Index.route_list

    @cached_property
    def programs(self) -> int:
        """Every program any route names (a mask)."""
        mask = 0
        for route in self.compiled:
            mask |= route[1]
        return mask

    @cached_property
    def conditions(self) -> frozenset[tuple[str, int]]:
        """The 'holds any of' and 'completed any of' conditions its routes name, as
        ("cred", mask) and ("prog", mask) (states.Signatures)."""
        return frozenset(
            [("cred", route[2]) for route in self.compiled if route[2]]
            + [("prog", route[1]) for route in self.compiled if route[1]]
        )

    @cached_property
    def levels(self) -> int:
        """Every education level any route asks for (a mask of ranks)."""
        mask = 0
        for route in self.compiled:
            mask |= 1 << route[0]
        return mask


@dataclass(frozen=True)
class CRule:
    effective: date
    required: Req
    recommended: Req
    rule: RuleSet

    @cached_property
    def role_dependent(self) -> bool:
        """Whether a route depends on the current role (so eligibility can be lost)."""
        routes = self.required.compiled + self.recommended.compiled
        return any(route[5] >= 0 for route in routes)


@dataclass(frozen=True)
class CMove:
    origin: int
    target: int
    typical: int
    requires: Req
    move: Move


class Index:
    """Slug <-> index maps, bitmasks and compiled routes, built once per Catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.chains: dict[tuple, tuple] = {}  # Bound.chain's, shared by the searches
        self._shared: dict[tuple, object] = {}
        self._into_role: dict[int, frozenset] = {}
        self.route_numbers: dict[CRoute, int] = {}
        self.route_list: list[CRoute] = []
        self.kinds = tuple(catalog.experience_kinds)
        for role in catalog.roles.values():
            for kind in role.accrues:
                if kind not in catalog.experience_kinds:
                    self.kinds += (kind,)
        self.kind_ix = {slug: i for i, slug in enumerate(self.kinds)}
        self.lic_bit = {slug: 1 << i for i, slug in enumerate(catalog.licences)}

        self.progs = tuple(catalog.programs)
        self.prog_ix = {slug: i for i, slug in enumerate(self.progs)}
        self.prog_bit = {slug: 1 << i for i, slug in enumerate(self.progs)}
        self.creds = tuple(catalog.credentials)
        self.cred_ix = {slug: i for i, slug in enumerate(self.creds)}
        self.cred_bit = {slug: 1 << i for i, slug in enumerate(self.creds)}
        self.roles = tuple(catalog.roles)
        self.role_ix = {slug: i for i, slug in enumerate(self.roles)}

        self.closure, self.superseders = self._supersession(catalog)
        self.cred_exam = tuple(
            catalog.credentials[slug].earned_by is EarnedBy.EXAM for slug in self.creds
        )
        self.cred_fee = tuple(catalog.credentials[slug].fee for slug in self.creds)
        self.cred_rules = tuple(
            tuple(
                CRule(rule.effective, self.req(rule.required), self.req(rule.recommended), rule)
                for rule in catalog.credentials[slug].rule_sets
            )
            for slug in self.creds
        )

        programs = [catalog.programs[slug] for slug in self.progs]
        self.prog_months = tuple(p.months for p in programs)
        self.prog_cost = tuple(p.cost for p in programs)
        self.prog_grants = tuple(p.grants_level.rank if p.grants_level else 0 for p in programs)
        self.prog_wws = tuple(p.work_while_studying for p in programs)
        self.prog_admission = tuple(self.req(p.admission) for p in programs)
        # progs_granting[level]: the programs that grant that education level or more.
        self.progs_granting = tuple(
            tuple(p for p, grants in enumerate(self.prog_grants) if grants >= level)
            for level in range(len(EDUCATION_BY_RANK))
        )

        roles = [catalog.roles[slug] for slug in self.roles]
        self.role_accrues = tuple(
            tuple(self.kind_ix[kind] for kind in role.accrues) for role in roles
        )
        self.role_accrues_mask = tuple(
            sum(1 << k for k in set(kinds)) for kinds in self.role_accrues
        )
        self.role_hire = tuple(self.req(role.hire) for role in roles)
        self.moves_out: list[dict[int, CMove]] = [{} for _ in roles]
        self.moves_in: list[list[CMove]] = [[] for _ in roles]
        for origin, role in enumerate(roles):
            for slug, move in role.moves.items():
                target = self._ref(self.role_ix, slug, "role")
                edge = CMove(origin, target, move.typical_months, self.req(move.requires), move)
                self.moves_out[origin][target] = edge
                self.moves_in[target].append(edge)
        self._builders()

    def _builders(self) -> None:
        """Which roles build each kind of experience, and what that says of the kinds."""
        self.accruers = tuple(
            tuple(r for r, kinds in enumerate(self.role_accrues) if k in kinds)
            for k in range(len(self.kinds))
        )
        # together[k]: the kinds some role builds along with k (k's own bit included).
        together = [0] * len(self.kinds)
        for kinds, mask in zip(self.role_accrues, self.role_accrues_mask, strict=True):
            for k in kinds:
                together[k] |= mask
        self.together = tuple(together)
        # built_with[k]: the kinds only roles building k build (k's own bit included):
        # none of their months come before the first role building k.
        builders = [frozenset(roles) for roles in self.accruers]
        self.built_with = tuple(
            sum(1 << j for j, theirs in enumerate(builders) if theirs <= mine) for mine in builders
        )

    def _supersession(self, catalog: Catalog) -> tuple[list[int], tuple[tuple[int, ...], ...]]:
        """What holding each credential counts as (itself and all it supersedes, as a
        mask), and for each credential those whose holding counts as holding it."""
        closure = []
        for slug in self.creds:
            mask, todo = 0, [slug]
            while todo:
                current = todo.pop()
                bit = self._ref(self.cred_bit, current, "credential")
                if not mask & bit:
                    mask |= bit
                    todo.extend(catalog.credentials[current].supersedes)
            closure.append(mask)
        superseders: list[list[int]] = [[] for _ in self.creds]
        for j, mask in enumerate(closure):
            for i in bits(mask):
                superseders[i].append(j)
        return closure, tuple(tuple(found) for found in superseders)

    @staticmethod
    def _ref(table: Mapping[str, int], slug: str, what: str) -> int:
        try:
            return table[slug]
        except KeyError:
            raise ValueError(f"catalog refers to unknown {what} {slug!r}") from None

    @cached_property
    def route_walk(self) -> tuple[tuple, ...]:
        """Per route number, what the relevance walk visits from it: (education rank,
        programs named, credentials counting as those named, experience needs, kind the
        current role must accrue or -1)."""
        return tuple(
            (
                r_edu,
                tuple(bits(r_progs)),
                tuple(dict.fromkeys(s for c in bits(r_creds) for s in self.superseders[c])),
                r_exp,
                r_acc,
            )
            for r_edu, r_progs, r_creds, _, r_exp, r_acc in self.route_list
        )

    @cached_property
    def base_reaches(self) -> dict[tuple, tuple]:
        """What someone with nothing can attain, by readiness and rule sets (reach.py)."""
        return {}

    @cached_property
    def dependents(self) -> Dependents:
        """Which programs, credentials and roles mention what (reach.py)."""
        from .reach import Dependents  # reach.py builds on this module

        return Dependents(self)

    @cached_property
    def pulls(self) -> Pulls:
        """What the relevance walk visits from each role, program and requirement."""
        from .relevance import Pulls  # relevance.py builds on this module

        return Pulls(self)

    def shared(self, key: tuple, make: Callable[[], object]):
        """What `make` sets up for a search from what `key` names, kept for the catalog's
        next searches (the latest SHARED_MOST): a search sets up the same from the same
        relevant roles, programs and credentials whatever the person or the goal."""
        found = self._shared.get(key)
        if found is None:
            found = make()
            if len(self._shared) >= SHARED_MOST:
                self._shared.pop(next(iter(self._shared)), None)  # the oldest
            self._shared[key] = found
        return found

    def into_role(self, role: int) -> frozenset[tuple[str, int]]:
        """The conditions named by the hire of `role` and the moves into it (Req.conditions)."""
        found = self._into_role.get(role)
        if found is None:
            found = self.role_hire[role].conditions.union(
                *(edge.requires.conditions for edge in self.moves_in[role])
            )
            self._into_role[role] = found
        return found

    def compile(self, route: Route) -> CRoute:
        return (
            route.education.rank if route.education else 0,
            sum(self._ref(self.prog_bit, slug, "program") for slug in set(route.programs)),
            sum(self._ref(self.cred_bit, slug, "credential") for slug in set(route.credentials)),
            sum(self._ref(self.lic_bit, slug, "licence") for slug in set(route.licences)),
            tuple(
                (self._ref(self.kind_ix, need.kind, "experience kind"), need.months)
                for need in route.experience
            ),
            self._ref(self.kind_ix, route.current_role_accrues, "experience kind")
            if route.current_role_accrues
            else -1,
        )

    def req(self, routes: tuple[Route, ...]) -> Req:
        compiled = tuple(self.compile(route) for route in routes)
        return Req(routes, compiled, tuple(self.route_id(route) for route in compiled))

    def route_id(self, route: CRoute) -> int:
        """A number for each distinct compiled route (equal routes share one)."""
        found = self.route_numbers.get(route)
        if found is None:
            found = self.route_numbers[route] = len(self.route_list)
            self.route_list.append(route)
        return found


def holds(route: CRoute, edu: int, progs: int, eff: int, lic: int, exp, racc: int) -> bool:
    r_edu, r_progs, r_creds, r_lic, r_exp, r_acc = route
    if edu < r_edu:
        return False
    if r_progs and not progs & r_progs:
        return False
    if r_creds and not eff & r_creds:
        return False
    if r_lic and not lic & r_lic:
        return False
    for kind, months in r_exp:
        if exp[kind] < months:
            return False
    return r_acc < 0 or bool(racc >> r_acc & 1)


def gate(routes, edu: int, progs: int, eff: int, lic: int, exp, racc: int) -> int:
    """-1 if a route holds; otherwise the credentials that would make a route hold whose
    other conditions all hold now (0: none, it is blocked by something else)."""
    wanted = 0
    for r_edu, r_progs, r_creds, r_lic, r_exp, r_acc in routes:
        if edu < r_edu or (r_progs and not progs & r_progs) or (r_lic and not lic & r_lic):
            continue
        if r_acc >= 0 and not racc >> r_acc & 1:
            continue
        for kind, months in r_exp:
            if exp[kind] < months:
                break
        else:
            if not r_creds or eff & r_creds:
                return -1
            wanted |= r_creds
    return wanted


def bits(mask: int):
    """The indexes of the set bits of `mask`, ascending."""
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low
