"""Replaying a plan: the search's goal node back to a list of actions, the actions to
segments with uncapped states (the search caps experience at the largest threshold that
matters; the roadmap reports true months), and simplification.

Ties on the finish go to the lower known cost, then to fewer steps: the search prefers
plans that get further sooner, and `simplify` then drops steps that nothing needs (an exam,
a program whose months could be plain work), re-checking every step, so no step of a
roadmap can be removed; it is not a global minimum of steps. Last, `sooner` takes each
exam or grant as soon as its rules allow (not when something first needs it), where that
adds no step.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .compiled import CMove, Req, holds
from .kinds import RefKind, StepKind, TargetKind

if TYPE_CHECKING:
    from .catalog import Route
    from .inputs import Target
    from .problem import Problem
    from .states import Node


@dataclass(frozen=True)
class State:
    """An uncapped state, replayed from the plan's actions (for wording and eligibility)."""

    t: int
    edu: int
    progs: int
    eff: int
    role: int
    exp: tuple[int, ...]
    ten: int


@dataclass(frozen=True)
class Segment:
    kind: StepKind
    index: int  # program, credential or role index (-1: no role)
    before: State
    after: State
    working: bool = False  # study: the current role is worked meanwhile
    edge: CMove | None = None  # move along an edge (None: hired)


class Replay:
    """A plan for one target as segments: replayed, simplified, checked."""

    def __init__(self, problem: Problem, target: Target) -> None:
        self.problem = problem
        self.catalog = problem.catalog
        self.ix = problem.ix
        self.target = target

    def initial(self) -> State:
        s = self.problem.start
        return State(0, s.edu, s.progs, s.eff, s.role, s.exp, s.ten)

    @staticmethod
    def actions(goal: Node) -> list[tuple[StepKind, int, int]]:
        """The plan as (kind, index, months), consecutive waits merged."""
        actions: list[tuple[StepKind, int, int]] = []
        node = goal
        while node.parent is not None:
            actions.append((node.action[0], node.action[1], node.t - node.parent.t))
            node = node.parent
        actions.reverse()
        return merge_work(actions)

    def replay(self, actions: list[tuple[StepKind, int, int]], check: bool = False):
        """The actions as segments with uncapped states. With `check`, None unless every
        step's requirements hold when it starts (used to test simplifications)."""
        ix, problem = self.ix, self.problem
        recommended = problem.recommended
        sww = problem.request.study_while_working
        segments: list[Segment] = []
        state = self.initial()
        for kind, index, months in actions:
            t1 = state.t + months
            if kind is StepKind.WORK:
                if check and index != state.role:
                    return None
                segments.append(Segment(kind, index, state, self._worked(state, t1, months)))
            elif kind is StepKind.STUDY:
                if check and (
                    state.progs >> index & 1
                    or index in problem.avoid_progs
                    or (
                        ix.prog_admission[index].routes
                        and not self.first_route(ix.prog_admission[index], state)
                    )
                ):
                    return None
                working = state.role >= 0 and sww and ix.prog_wws[index]
                worked = self._worked(state, t1, months) if working else state
                after = State(
                    t1,
                    max(state.edu, ix.prog_grants[index]),
                    state.progs | 1 << index,
                    state.eff,
                    state.role,
                    worked.exp,
                    worked.ten,
                )
                segments.append(Segment(kind, index, state, after, working=working))
            elif kind is StepKind.MOVE:
                edge = ix.moves_out[state.role].get(index) if state.role >= 0 else None
                if edge is not None and (
                    (recommended and state.ten < edge.typical)
                    or (edge.requires.routes and not self.first_route(edge.requires, state))
                ):
                    edge = None
                if check and edge is None:
                    hire = ix.role_hire[index]
                    if not hire.routes or not self.first_route(hire, state):
                        return None
                after = State(t1, state.edu, state.progs, state.eff, index, state.exp, 0)
                segments.append(Segment(kind, index, state, after, edge=edge))
            else:
                if check and not self.may_earn(index, state):
                    return None
                eff = state.eff | ix.closure[index]
                after = State(t1, state.edu, state.progs, eff, state.role, state.exp, state.ten)
                segments.append(Segment(kind, index, state, after))
            state = segments[-1].after
        return segments

    def may_earn(self, c: int, state: State) -> bool:
        rule = self.problem.rule_at(c, state.t)
        if rule is None:
            return False
        if rule.required.routes and not self.first_route(rule.required, state):
            return False
        if self.ix.cred_exam[c] and self.problem.recommended and rule.recommended.routes:
            return self.first_route(rule.recommended, state) is not None
        return True

    def simplify(self, actions: list[tuple[StepKind, int, int]]) -> list[Segment]:
        """Drop what the plan does not need: an exam or grant that nothing after it uses,
        a program whose months can be plain work (or waiting) instead. Ties on time and
        cost are broken toward fewer steps this way; every step is re-checked."""
        ix, request = self.ix, self.problem.request
        via_programs = {ref.slug for ref in request.via if ref.kind is RefKind.PROGRAM}
        via_credentials = {ref.slug for ref in request.via if ref.kind is RefKind.CREDENTIAL}
        finish = sum(months for _, _, months in actions)
        i = len(actions) - 2  # the last step reaches the goal
        while i >= 0:
            kind, index, months = actions[i]
            if kind is StepKind.STUDY:
                removable = ix.progs[index] not in via_programs
            elif kind in (StepKind.EXAM, StepKind.GRANT):
                removable = ix.creds[index] not in via_credentials
            else:
                removable = False
            if removable:
                before = self.replay(actions[:i])
                role = before[-1].after.role if before else self.problem.start.role
                replacement = [(StepKind.WORK, role, months)] if months else []
                trial = merge_work(actions[:i] + replacement + actions[i + 1 :])
                if self.valid(trial, finish):
                    actions = trial
                    i = min(i, len(actions) - 1)
            i -= 1
        return self.replay(self.sooner(actions, finish))

    def sooner(self, actions: list[tuple[StepKind, int, int]], finish: int) -> list:
        """Each exam or grant but the last step taken as soon as its rules allow rather
        than when something first needs it: moved before the spans of work and study and
        the moves ahead of it while it may be earned there, but not into a span (that
        would add a step) nor past another credential (so none is earned while holding
        one that counts as it), and only to an earlier month (within one, a credential
        stays by what needs it). A new graduate sits the exam the degree allows at once."""
        for i in range(1, len(actions) - 1):
            if actions[i][0] not in (StepKind.EXAM, StepKind.GRANT):
                continue
            j = i
            while j > 0 and actions[j - 1][0] not in (StepKind.EXAM, StepKind.GRANT):
                j -= 1
            month = sum(months for _, _, months in actions[:i])
            for k in range(j, i):  # the earliest place it may go
                if sum(months for _, _, months in actions[:k]) == month:
                    break
                trial = actions[:k] + [actions[i]] + actions[k:i] + actions[i + 1 :]
                if self.valid(trial, finish):
                    actions = trial
                    break
        return actions

    def valid(self, actions: list, finish: int) -> bool:
        """Whether every step's requirements hold when it starts and the actions reach
        the target by `finish`."""
        segments = self.replay(actions, check=True)
        return segments is not None and self.reaches(segments, finish)

    def reaches(self, segments: list[Segment], finish: int) -> bool:
        final = segments[-1].after if segments else self.initial()
        if final.t != finish:
            return False
        if self.target.kind is TargetKind.ROLE:
            return final.role == self.ix.role_ix[self.target.slug]
        return bool(final.eff >> self.ix.cred_ix[self.target.slug] & 1)

    def _worked(self, state: State, t1: int, months: int) -> State:
        if state.role < 0:
            return State(t1, state.edu, state.progs, state.eff, -1, state.exp, state.ten)
        exp = list(state.exp)
        for k in set(self.ix.role_accrues[state.role]):
            exp[k] += months
        return State(
            t1, state.edu, state.progs, state.eff, state.role, tuple(exp), state.ten + months
        )

    # Route checks on uncapped states ------------------------------------------------------

    def first_route(self, req: Req, state: State) -> Route | None:
        racc = self.ix.role_accrues_mask[state.role] if state.role >= 0 else 0
        lic = self.problem.start.lic
        for compiled, route in zip(req.compiled, req.routes, strict=True):
            if holds(compiled, state.edu, state.progs, state.eff, lic, state.exp, racc):
                return route
        return None

    def route_words(self, route: Route, state: State | None) -> str:
        """A route in plain words, naming what the state actually has where the route
        accepts any one of several."""
        if state is None:
            return self.catalog.describe(route)
        ix = self.ix
        return self.catalog.describe(
            route,
            programs=(slug for p, slug in enumerate(ix.progs) if state.progs >> p & 1),
            credentials=(slug for c, slug in enumerate(ix.creds) if state.eff >> c & 1),
            licences=(slug for slug, bit in ix.lic_bit.items() if self.problem.start.lic & bit),
        )


def merge_work(actions: list[tuple[StepKind, int, int]]) -> list[tuple[StepKind, int, int]]:
    merged: list[tuple[StepKind, int, int]] = []
    for kind, index, months in actions:
        if kind is StepKind.WORK and merged and merged[-1][:2] == (kind, index):
            merged[-1] = (kind, index, merged[-1][2] + months)
        else:
            merged.append((kind, index, months))
    return merged
