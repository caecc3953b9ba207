"""The goal's ways: the separate ways a plan can end, each bounded on its own in months
(bound.py) and in cost (costbound.py).

A plan finishing at the estimated month ends by a way whose own month bound is within
it, so the cost still to pay is at least the least cost over those ways; bounding one way
whole also keeps its months and its cost together (a cheap route that cannot be done in
time no longer lends its price to a quick dear one).

- A role: each route of its hire, and each route of each move into it from a role that
  can be held (as (route, role moved from or -1, typical months there first)).
- A credential: for it and each credential that counts as it (but those avoided), each
  rule set, each route of its requirement and, for an exam under the recommended pace,
  each route of its advice (as (credential, rule set index, route, advice route)).
- Eligibility: each rule set of the credential and each route of the requirement asked
  about (as (credential, rule set index, route, None)).
A missing route (None) is a requirement with no routes: nothing asked. A route naming
several credentials ("the CHPS, RHIA or RHIT and three years") is one way per credential,
as a plan meets it by holding what counts as one of them: the CHPS's price does not go
with the RHIT's months.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .problem import Problem
    from .states import Goal


def one_credential_each(routes: tuple) -> tuple:
    """The routes, each naming several credentials split into one route per credential."""
    split = []
    for route in routes or (None,):
        if route is None or not route[2]:
            split.append(route)
            continue
        named, c = route[2], 0
        while named >> c:
            if named >> c & 1:
                split.append(route[:2] + (1 << c,) + route[3:])
            c += 1
    return tuple(split)


def goal_ways(problem: Problem, goal: Goal, roles: frozenset[int]) -> tuple[tuple, ...]:
    ix = problem.ix
    if goal.kind == "role":
        typical_pace = problem.recommended
        entries = [(ix.role_hire[goal.index], -1, 0)] if ix.role_hire[goal.index].compiled else []
        entries += [
            (edge.requires, edge.origin, edge.typical if typical_pace else 0)
            for edge in ix.moves_in[goal.index]
            if edge.origin in roles or edge.origin == problem.start.role
        ]
        return tuple(
            (route, origin, typical)
            for req, origin, typical in entries
            for route in one_credential_each(req.compiled)
        )
    if goal.kind == "credential":
        ways = []
        for c in ix.superseders[goal.index]:
            if c != goal.index and c in problem.avoid_creds:
                continue  # never earned: no way to the goal
            advice = ix.cred_exam[c] and problem.recommended
            for i, (_, rule) in enumerate(problem.rules[c]):
                for required in one_credential_each(rule.required.compiled):
                    advised = one_credential_each(rule.recommended.compiled) if advice else ()
                    ways += [(c, i, required, route) for route in advised or (None,)]
        return tuple(ways)
    c = goal.index
    return tuple(
        (c, i, route, None)
        for i, (_, rule) in enumerate(problem.rules[c])
        for route in one_credential_each(getattr(rule, goal.kind).compiled)
    )
