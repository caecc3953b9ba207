"""The eligibility report: for each credential on the roadmap (and each the request asks
to `check`), whether its hard requirement and its readiness advice hold at the start,
later (the first month along the roadmap, else an earliest plan to just that
requirement), or never (what nothing in the catalog can satisfy)."""

from __future__ import annotations

from collections.abc import Iterable

from .catalog import Route
from .compiled import Req
from .kinds import Status, StepKind, TargetKind
from .replay import Replay, Segment, State
from .roadmap import Check, Eligibility
from .states import Goal, Node

ALREADY_HELD = "already held"


class EligibilityReport(Replay):
    """Eligibility for the credentials of one roadmap."""

    def eligibility(self, segments: list[Segment], extra: Iterable[str]) -> tuple[Eligibility, ...]:
        ix = self.ix
        slugs = [ix.creds[s.index] for s in segments if s.kind in (StepKind.EXAM, StepKind.GRANT)]
        if self.target.kind is TargetKind.CREDENTIAL:
            slugs.append(self.target.slug)
        slugs.extend(extra)
        report = []
        for slug in dict.fromkeys(slugs):
            c = ix.cred_ix[slug]
            earned = next(
                (
                    s.before.t
                    for s in segments
                    if s.kind in (StepKind.EXAM, StepKind.GRANT) and s.index == c
                ),
                0,
            )
            rules = self.problem.rules[c]
            rule = self.problem.rule_at(c, earned) or (rules[0][1] if rules else None)
            report.append(
                Eligibility(
                    credential=slug,
                    required=self.check(c, "required", segments),
                    recommended=self.check(c, "recommended", segments),
                    rule_effective=rule.effective if rule else None,
                    sources=tuple(s for s in (rule.rule.source,) if s) if rule else (),
                )
            )
        return tuple(report)

    def requirement_route(self, c: int, which: str, state: State, t: int) -> Route | None | bool:
        """The route by which requirement `which` of credential c holds at month t, True if
        the rule set in force has no such routes, None if it does not hold."""
        rule = self.problem.rule_at(c, t)
        if rule is None:
            return None
        req: Req = getattr(rule, which)
        if not req.routes:
            return True
        return self.first_route(req, state)

    def check(self, c: int, which: str, segments: list[Segment]) -> Check:
        """Whether the requirement holds at the start (met), from a later month (later) or
        never (blocked). A credential held at the start is met "already held", with no
        search for when its requirement would hold."""
        problem = self.problem
        start = self.initial()
        if start.eff >> c & 1:
            return Check(Status.MET, problem.date(0), ALREADY_HELD)
        found = self.requirement_route(c, which, start, 0)
        if found is not None:
            return Check(Status.MET, problem.date(0), self._route_words(found, start))
        hit = self._along(c, which, segments)
        if hit is None and problem.could_reach(Goal(which, c)):
            goal = problem.search(Goal(which, c))
            if goal is not None:
                hit = (goal.t, self._goal_state(goal))
        if hit is not None:
            t, state = hit
            found = self.requirement_route(c, which, state, t)
            return Check(Status.LATER, problem.date(t), self._route_words(found, state))
        rules = [rule for _, rule in problem.rules[c]]
        missing = problem.req_missing(r for rule in rules for r in getattr(rule, which).routes)
        if not rules:
            missing = ["a rule set in force"]
        if not missing:
            missing = [f"nothing within {problem.request.horizon} months of the start date"]
        return Check(Status.BLOCKED, missing=tuple(missing))

    def _route_words(self, found: Route | bool | None, state: State) -> str | None:
        if isinstance(found, Route):
            return self.route_words(found, state)
        return "no requirement" if found is True else None

    def _goal_state(self, goal: Node) -> State:
        segments = self.replay(self.actions(goal))
        return segments[-1].after if segments else self.initial()

    def _along(self, c: int, which: str, segments: list[Segment]) -> tuple[int, State] | None:
        """The first month along the roadmap at which the requirement holds: checked after
        each step, and inside a long step at the months a threshold is crossed or a rule
        set takes effect."""
        ix, rules = self.ix, self.problem.rules[c]
        for segment in segments:
            before, after = segment.before, segment.after
            if after.t > before.t:
                working = before.role >= 0 and (segment.kind is StepKind.WORK or segment.working)
                accrues = set(ix.role_accrues[before.role]) if working else set()
                times = {offset for offset, _ in rules}
                for _, rule in rules:
                    for route in getattr(rule, which).routes:
                        for need in route.experience:
                            k = ix.kind_ix[need.kind]
                            if k in accrues:
                                times.add(before.t + need.months - before.exp[k])
                for t in sorted(x for x in times if before.t < x < after.t):
                    gained = t - before.t
                    exp = tuple(e + gained if k in accrues else e for k, e in enumerate(before.exp))
                    state = State(
                        t, before.edu, before.progs, before.eff, before.role, exp, before.ten
                    )
                    if self.requirement_route(c, which, state, t) is not None:
                        return t, state
            if self.requirement_route(c, which, after, after.t) is not None:
                return after.t, after
        return None
