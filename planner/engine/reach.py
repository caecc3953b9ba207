"""What can ever be reached, ignoring time: the programs, credentials, roles, education
and experience kinds that some sequence of actions can attain from the start. It says why
a goal is unreachable without a search, and spares the search when nothing can reach it.

A worklist: an item (program, credential, role) is looked at again only when something
its requirements mention is newly attained, so the work grows with the catalog's size,
not with its size times the length of its longest chain. Which items mention what is
worked out once per catalog (`Dependents`)."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .compiled import CRoute, Req, bits
from .inputs import StartState

if TYPE_CHECKING:
    from .compiled import Index
    from .problem import Problem

# An item: (0, program), (1, credential) or (2, role). An atom it can wait for: the same
# for a program, credential or role (a move out of it), (3, kind), (4, 0) for education,
# (5, licence index).
PROGRAM, CREDENTIAL, ROLE, KIND, EDUCATION, LICENCE = range(6)


class Dependents:
    """Per catalog: for each atom, the items whose requirements mention it."""

    def __init__(self, ix: Index) -> None:
        self.of: dict[tuple[int, int], list[tuple[int, int]]] = {}
        for p, req in enumerate(ix.prog_admission):
            self.note((PROGRAM, p), req)
        for c, rules in enumerate(ix.cred_rules):
            for rule in rules:
                self.note((CREDENTIAL, c), rule.required)
                self.note((CREDENTIAL, c), rule.recommended)
        for r, req in enumerate(ix.role_hire):
            self.note((ROLE, r), req)
            for edge in ix.moves_in[r]:
                self.add((ROLE, edge.origin), (ROLE, r))
                self.note((ROLE, r), edge.requires)

    def add(self, atom: tuple[int, int], item: tuple[int, int]) -> None:
        self.of.setdefault(atom, []).append(item)

    def note(self, item: tuple[int, int], req: Req) -> None:
        for r_edu, r_progs, r_creds, r_lic, r_exp, r_acc in req.compiled:
            if r_edu:
                self.add((EDUCATION, 0), item)
            for i in bits(r_lic):
                self.add((LICENCE, i), item)
            for p in bits(r_progs):
                self.add((PROGRAM, p), item)
            for c in bits(r_creds):
                self.add((CREDENTIAL, c), item)
            for k, _ in r_exp:
                self.add((KIND, k), item)
            if r_acc >= 0:
                self.add((KIND, r_acc), item)


class Reach:
    """The attainable closure for one problem, grown by a worklist.

    Everything is monotone (a requirement met stays met as more is attained), so what
    someone with nothing can attain is attainable by anyone: that closure is worked out
    once per catalog and readiness policy, and a person's closure grows from it, looking
    again only at what the person's own start mentions. With `avoid` the shortcut does
    not hold (the shared closure may pass through what is avoided) and all is looked at."""

    def __init__(self, problem: Problem, from_scratch: bool = False) -> None:
        self.problem, self.ix, self.start = problem, problem.ix, problem.start
        self.from_scratch = from_scratch

    @cached_property
    def closure(self) -> tuple[int, int, set[int], int, int]:
        problem, ix = self.problem, self.ix
        avoids = problem.avoid_progs or problem.avoid_creds or problem.avoid_roles
        if avoids or self.from_scratch:
            self.progs, self.eff, self.edu, self.roles, self.kinds = 0, 0, 0, set(), 0
            todo = [(PROGRAM, p) for p in range(len(ix.progs))]
            todo += [(CREDENTIAL, c) for c in range(len(ix.creds))]
            todo += [(ROLE, r) for r in range(len(ix.roles))]
        else:
            base = base_reach(ix, problem.recommended, problem.rules, problem.rule_sets)
            self.progs, self.eff, roles, self.edu, self.kinds = base
            self.roles = set(roles)
            todo = []
        dependents = ix.dependents.of
        for atom in self.seed():
            todo.extend(dependents.get(atom, ()))
        while todo:
            item = todo.pop()
            for atom in self.attain(item):
                todo.extend(dependents.get(atom, ()))
        return self.progs, self.eff, self.roles, self.edu, self.kinds

    def seed(self) -> list[tuple[int, int]]:
        """Add the person's start; the atoms it brings."""
        start, ix = self.start, self.ix
        atoms = [(PROGRAM, p) for p in bits(start.progs & ~self.progs)]
        atoms += [(CREDENTIAL, c) for c in bits(start.eff & ~self.eff)]
        atoms += [(LICENCE, i) for i in bits(start.lic)]
        atoms += [(KIND, k) for k, months in enumerate(start.exp) if months]
        self.progs |= start.progs
        self.eff |= start.eff
        if start.edu > self.edu:
            self.edu = start.edu
            atoms.append((EDUCATION, 0))
        if start.role >= 0 and start.role not in self.roles:
            self.roles.add(start.role)
            atoms.append((ROLE, start.role))
            new = ix.role_accrues_mask[start.role] & ~self.kinds
            self.kinds |= new
            atoms += [(KIND, k) for k in bits(new)]
        return atoms

    def attain(self, item: tuple[int, int]) -> list[tuple[int, int]]:
        """Attain the item if it is not yet and now can be; the atoms newly attained."""
        what, i = item
        ix, problem = self.ix, self.problem
        if what == PROGRAM:
            if self.progs >> i & 1 or i in problem.avoid_progs:
                return []
            if not self.req(ix.prog_admission[i]):
                return []
            self.progs |= 1 << i
            gained = [(PROGRAM, i)]
            if ix.prog_grants[i] > self.edu:
                self.edu = ix.prog_grants[i]
                gained.append((EDUCATION, 0))
            return gained
        if what == CREDENTIAL:
            if self.eff >> i & 1 or i in problem.avoid_creds:
                return []
            if not any(self.rule(i, rule) for _, rule in problem.rules[i]):
                return []
            new = ix.closure[i] & ~self.eff
            self.eff |= new
            return [(CREDENTIAL, c) for c in bits(new)]
        if i in self.roles or i in problem.avoid_roles:
            return []
        hired = ix.role_hire[i].compiled and self.req(ix.role_hire[i])
        moved = any(
            edge.origin in self.roles and self.req(edge.requires) for edge in ix.moves_in[i]
        )
        if not (hired or moved):
            return []
        self.roles.add(i)
        new = ix.role_accrues_mask[i] & ~self.kinds
        self.kinds |= new
        return [(ROLE, i)] + [(KIND, k) for k in bits(new)]

    def rule(self, c: int, rule) -> bool:
        if not self.req(rule.required):
            return False
        return not (self.ix.cred_exam[c] and self.problem.recommended) or self.req(rule.recommended)

    def req(self, req: Req) -> bool:
        """Whether some route of the requirement can ever hold (an empty one always does)."""
        return not req.compiled or any(self.route(route) for route in req.compiled)

    def route(self, route: CRoute) -> bool:
        r_edu, r_progs, r_creds, r_lic, r_exp, r_acc = route
        start, kinds = self.start, self.kinds
        if r_edu > self.edu or (r_progs and not self.progs & r_progs):
            return False
        if (r_creds and not self.eff & r_creds) or (r_lic and not start.lic & r_lic):
            return False
        if any(start.exp[k] < months and not kinds >> k & 1 for k, months in r_exp):
            return False
        return r_acc < 0 or bool(kinds >> r_acc & 1)


def base_reach(ix: Index, recommended: bool, rules: list, rule_sets: tuple) -> tuple:
    """What someone with nothing (no education, no role, nothing avoided) can attain under
    these rule sets: once per catalog, readiness policy and rule sets still to apply."""
    key = (recommended, rule_sets)
    found = ix.base_reaches.get(key)
    if found is None:
        nobody = StartState(0, 0, 0, 0, 0, -1, (0,) * len(ix.kinds), 0)
        reach = Reach(_Nobody(ix, nobody, recommended, rules), from_scratch=True)
        progs, eff, roles, edu, kinds = reach.closure
        found = ix.base_reaches[key] = (progs, eff, frozenset(roles), edu, kinds)
    return found


class _Nobody:
    """The parts of a Problem that Reach reads, for someone with nothing."""

    def __init__(self, ix: Index, start: StartState, recommended: bool, rules: list) -> None:
        self.ix, self.start, self.recommended, self.rules = ix, start, recommended, rules
        self.avoid_progs = self.avoid_creds = self.avoid_roles = frozenset()
