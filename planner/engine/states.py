"""Search states and how they compare: a Node is one state of the search (month, what is
held, the current role, experience by kind, time in role, waypoints passed) with the
action that led to it; one state dominates another when it is at least as good in every
respect, so the other need not be expanded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .compiled import bits

if TYPE_CHECKING:
    from .problem import Problem
    from .relevance import Relevance


class Node:
    """A search state. `waiting` is true when the last action was a wait (a further wait in
    the same role extends that step instead of adding one)."""

    __slots__ = (
        "t",
        "cost",
        "steps",
        "edu",
        "progs",
        "eff",
        "role",
        "exp",
        "ten",
        "vmask",
        "waiting",
        "parent",
        "action",
        "epoch",
        "estimate",
        "cost_estimate",
        "packed",
        "order",
        "checked",
        "sig",
        "ways",
        "paid",
        "studied",
    )

    def __init__(
        self, t, cost, steps, edu, progs, eff, role, exp, ten, vmask, waiting, parent, action
    ):
        self.t = t
        self.cost = cost
        self.steps = steps
        self.edu = edu
        self.progs = progs
        self.eff = eff
        self.role = role
        self.exp = exp
        self.ten = ten
        self.vmask = vmask
        self.waiting = waiting
        self.parent = parent
        self.action = action
        self.epoch = 0  # how many rule set changes lie at or before t
        self.estimate = -1  # t + the bound on months still to go, once worked out
        self.cost_estimate = 0  # cost + the bound on the cost still to pay, likewise
        self.order = -1  # once expanded: how many states were expanded before it
        self.checked = 0  # states expanded before its last dominance check
        self.sig = 0  # which conditions `eff` and `progs` meet (Signatures)
        self.ways = 0  # once estimated: which of the goal's ways could be done in time
        self.paid = ()  # once estimated: the alternatives its cost bound is the least of
        self.studied = 0  # once expanded: programs studied from it or from before its step


# Dominance compares many small numbers at once: (months left, cost left, education, time
# in role, experience by kind) packed into one integer, a field each with a guard bit above
# it; (A | guards) - B keeps a field's guard bit exactly when A's field >= B's.
_FIELD = 21  # bits per field, guard included
_LIMIT = (1 << (_FIELD - 1)) - 1


def pack(node: Node) -> int:
    packed = (_LIMIT - node.t) << _FIELD | (_LIMIT - min(node.cost, _LIMIT))
    packed = (packed << _FIELD | node.edu) << _FIELD | node.ten
    for months in node.exp:
        packed = packed << _FIELD | months
    return packed


def guards_for(kinds: int) -> int:
    guards = 0
    for _ in range(4 + kinds):
        guards = guards << _FIELD | 1 << (_FIELD - 1)
    return guards


def dominates(a: Node, b: Node, guards: int) -> bool:
    """a is at least as good as b (same role): no later (and under the same rule sets, since
    a rule set taking effect can make the later state the better one), no dearer, at least
    as much of everything (of credentials and programs: every condition b's meet, a's meet
    too), and no more steps once a catches up with b in time."""
    return (
        a.epoch == b.epoch
        and a.sig | b.sig == a.sig
        and a.vmask | b.vmask == a.vmask
        and ((a.packed | guards) - b.packed) & guards == guards
    )


KNOWN_MOST = 1 << 12  # signatures kept at most (Signatures.known; 64 set-ups kept)


class Signatures:
    """Which 'holds any of' conditions on credentials and 'completed any of' conditions on
    programs a state's credentials and programs meet, one bit each: the masks of the
    relevant hires, moves, rule sets and admissions and of the goal's own requirement,
    with one mask for a credential goal and for each credential or program waypoint.
    Credentials and programs matter to the search only through these, so a state whose
    credentials and programs meet every condition another's meet can do all the other can
    (`dominates`); and the signature of a union is the union of the signatures.

    Two refinements keep the signature to what can still matter. Readiness advice is
    only a condition under the recommended pace (and for an exam); and a condition that
    appears only in the rule sets of credentials a state already holds is one it never
    needs again (it will not sit them), so it counts as met: a state holding the CCS meets
    every condition the CCS's own rules ask, as far as the rest of the plan goes. The
    goal's own rules and credential waypoints (sat even when held) are kept as asked."""

    def __init__(
        self, problem: Problem, rel: Relevance, goal: Goal, via_cred: dict, via_prog: dict
    ) -> None:
        ix = problem.ix
        # Conditions named by a hire, a move or an admission.
        plain = frozenset().union(
            *(ix.into_role(r) for r in rel.roles),
            *(ix.prog_admission[p].conditions for p in rel.progs),
        )
        # (requirement, the credential whose rule set it belongs to, or -1: anything else)
        reqs = []
        for c in rel.creds:
            owner = -1 if c in via_cred else c
            advice = problem.recommended and ix.cred_exam[c]
            for _, rule in problem.rules[c]:
                reqs.append((rule.required, owner))
                if advice:
                    reqs.append((rule.recommended, owner))
        if goal.kind in ("required", "recommended"):
            reqs += [(getattr(rule, goal.kind), -1) for _, rule in problem.rules[goal.index]]
        # condition -> the credentials whose rule sets alone name it (0: something else does)
        owners: dict[tuple[str, int], int] = dict.fromkeys(plain, 0)

        def note(key: tuple[str, int], owner: int) -> None:
            if owner < 0 or owners.get(key, 1) == 0:
                owners[key] = 0
            else:
                owners[key] = owners.get(key, 0) | 1 << owner

        for req, owner in reqs:
            for route in req.compiled:
                if route[2]:
                    note(("cred", route[2]), owner)
                if route[1]:
                    note(("prog", route[1]), owner)
        if goal.kind == "credential":
            note(("cred", 1 << goal.index), -1)
        for c in via_cred:
            note(("cred", 1 << c), -1)
        for p in via_prog:
            note(("prog", 1 << p), -1)
        keys = sorted(owners, key=lambda key: (key[0] != "cred", key[1]))
        self.cred_masks = tuple(mask for kind, mask in keys if kind == "cred")
        self.prog_masks = tuple(mask for kind, mask in keys if kind == "prog")
        # (bit, credentials that make it moot once all are held), for conditions that only
        # credentials' own rule sets name.
        self.moot = tuple((1 << i, owners[key]) for i, key in enumerate(keys) if owners[key])
        # The same, by credential and by program: the conditions each meets, and the moot
        # conditions each is among the owners of (a state holds few of them).
        self.by_cred: dict[int, int] = {}
        for i, mask in enumerate(self.cred_masks):
            for c in bits(mask):
                self.by_cred[c] = self.by_cred.get(c, 0) | 1 << i
        self.by_prog: dict[int, int] = {}
        for i, mask in enumerate(self.prog_masks, len(self.cred_masks)):
            for p in bits(mask):
                self.by_prog[p] = self.by_prog.get(p, 0) | 1 << i
        self.moot_by: dict[int, list[tuple[int, int]]] = {}
        for bit, held in self.moot:
            for c in bits(held):
                self.moot_by.setdefault(c, []).append((bit, held))
        # Signatures worked out, kept across the searches sharing this (Index.shared).
        self.known: dict[tuple[int, int], int] = {}

    def __call__(self, eff: int, progs: int) -> int:
        key = (eff, progs)
        found = self.known.get(key)
        if found is None:
            found = 0
            for c in bits(eff):
                found |= self.by_cred.get(c, 0)
                for bit, held in self.moot_by.get(c, ()):
                    if eff & held == held:
                        found |= bit
            for p in bits(progs):
                found |= self.by_prog.get(p, 0)
            if len(self.known) >= KNOWN_MOST:
                self.known.clear()
            self.known[key] = found
        return found


class TooComplex(Exception):
    """The searches of one plan took more states from their queues than Options.effort
    allows, or longer than Options.time_limit."""


@dataclass(frozen=True)
class Goal:
    kind: str  # "role" | "credential" | "required" | "recommended"
    index: int


class Expansion:
    """What expanding one state (Search.expand) has learnt so far: which credentials would unblock
    something now (`wanted`), and which programs and education levels a requirement not
    yet met could use."""

    __slots__ = ("node", "racc", "steps", "passing", "wanted", "want_progs", "want_levels")

    def __init__(self, node: Node, racc: int, passing: bool, wanted: int, statics: tuple) -> None:
        self.node = node
        self.racc = racc
        self.steps = node.steps + 1
        self.passing = passing
        self.wanted = wanted
        self.want_progs, self.want_levels = statics

    def wants(self, req) -> None:
        self.want_progs |= req.programs
        self.want_levels |= req.levels

    def wants_program(self, p: int, grants: int) -> bool:
        edu = self.node.edu
        return bool(
            self.want_progs >> p & 1
            or (self.want_levels >> (edu + 1)) & ((1 << max(0, grants - edu)) - 1)
        )
