"""What can matter for a goal: found by walking the requirements backwards from the goal
and the waypoints (a role needs its hiring routes and the roles that move into it, a
credential its rule sets, a route its programs, credentials and experience kinds, a kind
the roles that build it). The search considers nothing else, and only the experience
thresholds and time-in-role thresholds found here make a wait stop."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .compiled import CRoute
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
        walk.roles_todo.append(goal.index)
    elif goal.kind == "credential":
        walk.creds_todo.extend(ix.superseders[goal.index])
    else:
        walk.event_creds.add(goal.index)
        for _, rule in problem.rules[goal.index]:
            walk.routes_todo.extend(getattr(rule, goal.kind).ids)
    for ref in via:
        if ref.kind is RefKind.PROGRAM:
            walk.progs_todo.append(ix.prog_ix[ref.slug])
        elif ref.kind is RefKind.CREDENTIAL:
            walk.creds_todo.append(ix.cred_ix[ref.slug])
        else:
            walk.roles_todo.append(ix.role_ix[ref.slug])
    walk.run()
    return walk.result()


class _Walk:
    """The backward walk: a work list per kind of item (routes by their number in
    Index.route_list); visiting an item queues what it needs."""

    def __init__(self, problem: Problem) -> None:
        self.problem, self.ix, self.start = problem, problem.ix, problem.start
        self.progs: set[int] = set()
        self.creds: set[int] = set()
        self.roles: set[int] = set()
        self.kinds: set[int] = set()
        self.routes: set[int] = set()
        self.event_creds: set[int] = set()
        self.routes_todo: list[int] = []
        self.progs_todo: list[int] = []
        self.creds_todo: list[int] = []
        self.roles_todo: list[int] = []
        self.kinds_todo: list[int] = []

    def run(self) -> None:
        lists = (self.routes_todo, self.progs_todo, self.creds_todo)
        lists += (self.roles_todo, self.kinds_todo)
        while any(lists):
            self.visit_routes()
            self.visit_programs()
            self.visit_credentials()
            self.visit_roles()
            self.visit_kinds()

    def visit_routes(self) -> None:
        todo, seen, walk = self.routes_todo, self.routes, self.ix.route_walk
        edu, exp, granting = self.start.edu, self.start.exp, self.ix.progs_granting
        while todo:
            number = todo.pop()
            if number in seen:
                continue
            seen.add(number)
            r_edu, programs, credentials, r_exp, r_acc = walk[number]
            if r_edu > edu:
                self.progs_todo.extend(granting[r_edu])
            self.progs_todo.extend(programs)
            self.creds_todo.extend(credentials)
            self.kinds_todo.extend(k for k, months in r_exp if months > exp[k])
            if r_acc >= 0:
                self.kinds_todo.append(r_acc)

    def visit_programs(self) -> None:
        todo, seen, avoid = self.progs_todo, self.progs, self.problem.avoid_progs
        while todo:
            p = todo.pop()
            if p not in seen and p not in avoid:
                seen.add(p)
                self.routes_todo.extend(self.ix.prog_admission[p].ids)

    def visit_credentials(self) -> None:
        todo, seen, avoid = self.creds_todo, self.creds, self.problem.avoid_creds
        ix, problem = self.ix, self.problem
        while todo:
            c = todo.pop()
            if c in seen or c in avoid:
                continue
            seen.add(c)
            self.event_creds.add(c)
            exam = ix.cred_exam[c] and problem.recommended
            for _, rule in problem.rules[c]:
                self.routes_todo.extend(rule.required.ids)
                if exam:
                    self.routes_todo.extend(rule.recommended.ids)

    def visit_roles(self) -> None:
        todo, seen, avoid, ix = self.roles_todo, self.roles, self.problem.avoid_roles, self.ix
        while todo:
            r = todo.pop()
            if r in seen or r in avoid:
                continue
            seen.add(r)
            self.routes_todo.extend(ix.role_hire[r].ids)
            for edge in ix.moves_in[r]:
                todo.append(edge.origin)
                self.routes_todo.extend(edge.requires.ids)

    def visit_kinds(self) -> None:
        todo, seen = self.kinds_todo, self.kinds
        while todo:
            k = todo.pop()
            if k not in seen:
                seen.add(k)
                self.roles_todo.extend(self.ix.accruers[k])

    def result(self) -> Relevance:
        ix, start, problem = self.ix, self.start, self.problem
        routes = frozenset(ix.route_list[number] for number in self.routes)
        thresholds: list[set[int]] = [set() for _ in ix.kinds]
        for route in routes:
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
            routes=routes,
        )
