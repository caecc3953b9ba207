"""What can matter for a goal: found by walking the requirements backwards from the goal
and the waypoints (a role needs its hiring routes and the roles that move into it, a
credential its rule sets, a route its programs, credentials and experience kinds, a kind
the roles that build it). The search considers nothing else, and only the experience
thresholds and time-in-role thresholds found here make a wait stop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .compiled import CRoute, Req, bits
from .kinds import RefKind

if TYPE_CHECKING:
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
    routes: frozenset[CRoute]  # every route that matters


def relevance(problem: Problem, goal: Goal, via: tuple[Ref, ...]) -> Relevance:
    """Everything that can help reach the goal and the waypoints."""
    walk = _Walk(problem)
    ix = problem.ix
    if goal.kind == "role":
        walk.role(goal.index)
    elif goal.kind == "credential":
        for c in ix.superseders[goal.index]:
            walk.credential(c)
    else:
        walk.event_creds.add(goal.index)
        for _, rule in problem.rules[goal.index]:
            walk.requirement(getattr(rule, goal.kind))
    tables = {RefKind.PROGRAM: ix.prog_ix, RefKind.CREDENTIAL: ix.cred_ix, RefKind.ROLE: ix.role_ix}
    for ref in via:  # RefKind values name the visits: program, credential, role
        getattr(walk, str(ref.kind))(tables[ref.kind][ref.slug])
    walk.run()
    return walk.result()


class _Walk:
    """The backward walk: each visit queues what the item needs; `run` drains the queue."""

    def __init__(self, problem: Problem) -> None:
        self.problem, self.ix, self.start = problem, problem.ix, problem.start
        self.progs: set[int] = set()
        self.creds: set[int] = set()
        self.roles: set[int] = set()
        self.kinds: set[int] = set()
        self.routes: set[CRoute] = set()
        self.event_creds: set[int] = set()
        self.todo: list = []

    def run(self) -> None:
        while self.todo:
            visit, item = self.todo.pop()
            visit(item)

    def requirement(self, req: Req) -> None:
        self.todo.extend((self.route, route) for route in req.compiled)

    def route(self, route: CRoute) -> None:
        if route in self.routes:
            return
        self.routes.add(route)
        ix, todo = self.ix, self.todo
        r_edu, r_progs, r_creds, _, r_exp, r_acc = route
        if r_edu > self.start.edu:
            todo.extend((self.program, p) for p in ix.progs_granting[r_edu])
        todo.extend((self.program, p) for p in bits(r_progs))
        for c in bits(r_creds):
            todo.extend((self.credential, s) for s in ix.superseders[c])
        todo.extend((self.kind, k) for k, months in r_exp if months > self.start.exp[k])
        if r_acc >= 0:
            todo.append((self.kind, r_acc))

    def program(self, p: int) -> None:
        if p in self.progs or p in self.problem.avoid_progs:
            return
        self.progs.add(p)
        self.requirement(self.ix.prog_admission[p])

    def credential(self, c: int) -> None:
        if c in self.creds or c in self.problem.avoid_creds:
            return
        self.creds.add(c)
        self.event_creds.add(c)
        exam = self.ix.cred_exam[c] and self.problem.recommended
        for _, rule in self.problem.rules[c]:
            self.requirement(rule.required)
            if exam:
                self.requirement(rule.recommended)

    def role(self, r: int) -> None:
        if r in self.roles or r in self.problem.avoid_roles:
            return
        self.roles.add(r)
        self.requirement(self.ix.role_hire[r])
        for edge in self.ix.moves_in[r]:
            self.todo.append((self.role, edge.origin))
            self.requirement(edge.requires)

    def kind(self, k: int) -> None:
        if k in self.kinds:
            return
        self.kinds.add(k)
        self.todo.extend((self.role, r) for r in self.ix.accruers[k])

    def result(self) -> Relevance:
        ix, start, problem = self.ix, self.start, self.problem
        thresholds: list[set[int]] = [set() for _ in ix.kinds]
        for route in self.routes:
            for k, months in route[4]:
                thresholds[k].add(months)
        tenure: dict[int, tuple[int, ...]] = {}
        if problem.recommended:
            for r in self.roles | ({start.role} if start.role >= 0 else set()):
                typical = {
                    edge.typical
                    for target, edge in ix.moves_out[r].items()
                    if target in self.roles and edge.typical > 0
                }
                if typical:
                    tenure[r] = tuple(sorted(typical))
        events = {offset for c in self.event_creds for offset, _ in problem.rules[c] if offset > 0}
        return Relevance(
            progs=tuple(sorted(self.progs)),
            creds=tuple(sorted(self.creds)),
            roles=tuple(sorted(self.roles)),
            caps=tuple(max(values, default=0) for values in thresholds),
            thresholds=tuple(tuple(sorted(values)) for values in thresholds),
            tenure=tenure,
            events=tuple(sorted(events)),
            routes=frozenset(self.routes),
        )
