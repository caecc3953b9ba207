"""What can matter for a goal: found by walking the requirements backwards from the goal
and the waypoints (a role needs its hiring routes and the roles that move into it, a
credential its rule sets, a route its programs, credentials and experience kinds, a kind
the roles that build it). The search considers nothing else, and only the experience
thresholds and time-in-role thresholds found here make a wait stop.

The walk goes item by item (role, program, credential, kind) with sets as bitmasks: what
each item's routes lead to is summed up once per catalog (`Pull`), so the walk does not
look at routes one by one. The time-in-role thresholds, which only depend on the roles
found, are kept for the catalog's next searches (`Index.shared`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .compiled import bits
from .kinds import EDUCATION_BY_RANK, RefKind

if TYPE_CHECKING:
    from .compiled import Index, Req
    from .inputs import Ref
    from .problem import Problem
    from .states import Goal


@dataclass
class Relevance:
    progs: tuple[int, ...]
    creds: tuple[int, ...]
    roles: tuple[int, ...]
    caps: tuple[int, ...]  # per kind index: the largest threshold that matters
    thresholds: tuple[tuple[int, ...], ...]  # per kind index, ascending
    tenure: dict[int, tuple[int, ...]]  # role -> ascending typical months of relevant moves
    events: tuple[int, ...]  # month offsets at which a relevant rule set takes effect
    built_in_role: int  # kinds some relevant route asks the current role to build (a mask)
    # (roles, programs, credentials) as masks: what the search sets up from them alone is
    # shared by the catalog's searches that find the same (Index.shared).
    key: tuple[int, int, int]


class Pull:
    """What the walk visits from a set of routes, as masks: the programs and credentials
    they name (with the credentials counting as those), the kinds they ask the current
    role to build; the kinds they ask months of (`kinds`, and the most months asked of
    each, `most`), visited unless the person has that much already; and by the person's
    education rank, the programs granting a level some route asks above it. And the
    months of each kind they ask for (`asked`: the thresholds a wait stops at)."""

    __slots__ = ("progs", "creds", "built", "kinds", "most", "by_education", "asked")

    def __init__(self, ix: Index, numbers, granting: tuple[int, ...]) -> None:
        self.progs = self.creds = self.built = self.kinds = 0
        most: dict[int, int] = {}
        levels: list[int] = []
        asked = set()
        for number in numbers:
            r_edu, programs, credentials, r_exp, r_acc = ix.route_walk[number]
            asked.update(r_exp)
            for p in programs:
                self.progs |= 1 << p
            for c in credentials:
                self.creds |= 1 << c
            for k, months in r_exp:
                if months > most.get(k, 0):
                    most[k] = months
                    self.kinds |= 1 << k
            if r_acc >= 0:
                self.built |= 1 << r_acc
            if r_edu and r_edu not in levels:
                levels.append(r_edu)
        self.most = tuple(most.items())
        self.asked = frozenset(asked)
        self.by_education = tuple(
            _union(granting[level] for level in levels if level > rank)
            for rank in range(len(EDUCATION_BY_RANK))
        )


class Pulls:
    """Per catalog: the Pull of each requirement (by its routes), of each role (its hire
    and the moves into it, with the roles those moves leave), and the roles building
    each kind, as masks."""

    def __init__(self, ix: Index) -> None:
        self.ix = ix
        # By education rank: the programs granting it or more.
        self.granting = tuple(_union(1 << p for p in progs) for progs in ix.progs_granting)
        self.of_req: dict[tuple[int, ...], Pull] = {}
        self.roles = tuple(
            self.req_pull(
                (ix.role_hire[r], *(edge.requires for edge in ix.moves_in[r])),
            )
            for r in range(len(ix.roles))
        )
        self.origins = tuple(sum(1 << edge.origin for edge in edges) for edges in ix.moves_in)
        self.progs = tuple(self.req_pull((req,)) for req in ix.prog_admission)
        self.builders = tuple(sum(1 << r for r in roles) for roles in ix.accruers)

    def req_pull(self, reqs: tuple[Req, ...]) -> Pull:
        numbers = tuple(dict.fromkeys(n for req in reqs for n in req.ids))
        found = self.of_req.get(numbers)
        if found is None:
            found = self.of_req[numbers] = Pull(self.ix, numbers, self.granting)
        return found


def relevance(problem: Problem, goal: Goal, via: tuple[Ref, ...]) -> Relevance:
    """Everything that can help reach the goal and the waypoints."""
    walk = _Walk(problem)
    ix = problem.ix
    if goal.kind == "role":
        walk.new_roles |= 1 << goal.index
    elif goal.kind == "credential":
        walk.new_creds |= sum(1 << c for c in ix.superseders[goal.index])
    else:
        walk.events |= 1 << goal.index
        for _, rule in problem.rules[goal.index]:
            walk.take(walk.pulls.req_pull((getattr(rule, goal.kind),)))
    for ref in via:
        if ref.kind is RefKind.PROGRAM:
            walk.new_progs |= 1 << ix.prog_ix[ref.slug]
        elif ref.kind is RefKind.CREDENTIAL:
            walk.new_creds |= 1 << ix.cred_ix[ref.slug]
        else:
            walk.new_roles |= 1 << ix.role_ix[ref.slug]
    walk.run()
    return walk.result()


class _Walk:
    """The backward walk: what is found and what is still to visit, by kind of item, as
    masks; visiting an item takes its Pull."""

    def __init__(self, problem: Problem) -> None:
        self.problem, self.ix, self.start = problem, problem.ix, problem.start
        self.pulls: Pulls = self.ix.pulls
        self.progs = self.creds = self.roles = self.kinds = self.built = 0
        self.asked: set[tuple[int, int]] = set()  # (kind, months) the relevant routes ask
        self.new_progs = self.new_creds = self.new_roles = self.new_kinds = 0
        self.events = 0  # the credentials whose rule sets can change what holds
        exp = self.start.exp
        self.has = sum(1 << k for k, months in enumerate(exp) if months)
        self.edu = self.start.edu

    def take(self, pull: Pull) -> None:
        self.asked |= pull.asked
        self.built |= pull.built
        self.new_progs |= pull.progs | pull.by_education[self.edu]
        self.new_creds |= pull.creds
        kinds = pull.built | (pull.kinds & ~self.has)
        if pull.kinds & self.has:
            exp = self.start.exp
            for k, months in pull.most:
                if months > exp[k]:
                    kinds |= 1 << k
        self.new_kinds |= kinds

    def run(self) -> None:
        problem, pulls = self.problem, self.pulls
        avoid_progs = sum(1 << p for p in problem.avoid_progs)
        avoid_creds = sum(1 << c for c in problem.avoid_creds)
        avoid_roles = sum(1 << r for r in problem.avoid_roles)
        exam = self.ix.cred_exam
        while self.new_progs or self.new_creds or self.new_roles or self.new_kinds:
            fresh = self.new_progs & ~self.progs & ~avoid_progs
            self.progs |= fresh
            self.new_progs = 0
            for p in bits(fresh):
                self.take(pulls.progs[p])
            fresh = self.new_creds & ~self.creds & ~avoid_creds
            self.creds |= fresh
            self.new_creds = 0
            for c in bits(fresh):
                advice = exam[c] and problem.recommended
                for _, rule in problem.rules[c]:
                    self.take(pulls.req_pull((rule.required,)))
                    if advice:
                        self.take(pulls.req_pull((rule.recommended,)))
            fresh = self.new_roles & ~self.roles & ~avoid_roles
            self.roles |= fresh
            self.new_roles = 0
            for r in bits(fresh):
                self.take(pulls.roles[r])
                self.new_roles |= pulls.origins[r]
            fresh = self.new_kinds & ~self.kinds
            self.kinds |= fresh
            self.new_kinds = 0
            for k in bits(fresh):
                self.new_roles |= pulls.builders[k]

    def result(self) -> Relevance:
        ix, start, problem = self.ix, self.start, self.problem
        months: list[list[int]] = [[] for _ in ix.kinds]
        for k, needed in sorted(self.asked):
            months[k].append(needed)
        tenure = {}
        if problem.recommended:
            tenure = ix.shared(("tenure", self.roles), self.tenure)
            if start.role >= 0 and not self.roles >> start.role & 1:
                typical = self.typical(start.role)
                if typical:
                    tenure = {**tenure, start.role: typical}
        rules, changing = problem.rules, set_bits(self.creds | self.events)
        events = {offset for c in changing for offset, _ in rules[c] if offset > 0}
        return Relevance(
            progs=set_bits(self.progs),
            creds=set_bits(self.creds),
            roles=set_bits(self.roles),
            caps=tuple(found[-1] if found else 0 for found in months),
            thresholds=tuple(map(tuple, months)),
            tenure=tenure,
            events=tuple(sorted(events)),
            built_in_role=self.built,
            key=(self.roles, self.progs, self.creds),
        )

    def tenure(self) -> dict[int, tuple[int, ...]]:
        """The typical months of the moves between relevant roles, by the role left."""
        found = {}
        for r in set_bits(self.roles):
            typical = self.typical(r)
            if typical:
                found[r] = typical
        return found

    def typical(self, r: int) -> tuple[int, ...]:
        roles = self.roles
        return tuple(
            sorted(
                {
                    edge.typical
                    for target, edge in self.ix.moves_out[r].items()
                    if roles >> target & 1 and edge.typical > 0
                }
            )
        )


def _union(masks) -> int:
    found = 0
    for mask in masks:
        found |= mask
    return found


def set_bits(mask: int) -> tuple[int, ...]:
    """The indexes of the set bits of `mask`, ascending (compiled.bits, for large masks)."""
    return tuple(i for i, bit in enumerate(reversed(bin(mask))) if bit == "1")
