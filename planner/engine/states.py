"""Search states and how they compare: a Node is one state of the search (month, what is
held, the current role, experience by kind, time in role, waypoints passed) with the
action that led to it; one state dominates another when it is at least as good in every
respect, so the other need not be expanded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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


class Signatures:
    """Which 'holds any of' conditions on credentials and 'completed any of' conditions on
    programs a state's credentials and programs meet, one bit each: the masks of the
    relevant hires, moves, rule sets and admissions and of the goal's own requirement,
    with one mask for a credential goal and for each credential or program waypoint.
    Credentials and programs matter to the search only through these, so a state whose
    credentials and programs meet every condition another's meet can do all the other can
    (`dominates`); and the signature of a union is the union of the signatures."""

    def __init__(
        self, problem: Problem, rel: Relevance, goal: Goal, via_cred: dict, via_prog: dict
    ) -> None:
        ix = problem.ix
        reqs = [ix.role_hire[r] for r in rel.roles]
        reqs += [edge.requires for r in rel.roles for edge in ix.moves_in[r]]
        reqs += [ix.prog_admission[p] for p in rel.progs]
        creds = set(rel.creds)
        if goal.kind in ("required", "recommended"):
            creds.add(goal.index)
        for c in creds:
            for _, rule in problem.rules[c]:
                reqs += (rule.required, rule.recommended)
        routes = [route for req in reqs for route in req.compiled]
        cred_masks = {route[2] for route in routes if route[2]}
        if goal.kind == "credential":
            cred_masks.add(1 << goal.index)
        cred_masks.update(1 << c for c in via_cred)
        prog_masks = {route[1] for route in routes if route[1]}
        prog_masks.update(1 << p for p in via_prog)
        self.cred_masks, self.prog_masks = tuple(sorted(cred_masks)), tuple(sorted(prog_masks))
        self.known: dict[tuple[int, int], int] = {}

    def __call__(self, eff: int, progs: int) -> int:
        key = (eff, progs)
        found = self.known.get(key)
        if found is None:
            found = 0
            for i, mask in enumerate(self.cred_masks):
                if eff & mask:
                    found |= 1 << i
            for i, mask in enumerate(self.prog_masks, len(self.cred_masks)):
                if progs & mask:
                    found |= 1 << i
            self.known[key] = found
        return found


class TooComplex(Exception):
    """The searches of one plan took more states from their queues than Options.effort
    allows."""


@dataclass(frozen=True)
class Goal:
    kind: str  # "role" | "credential" | "required" | "recommended"
    index: int
