"""The entry points: `plan` (one roadmap) and `plan_many` (several for one person)."""

from __future__ import annotations

from collections.abc import Iterable
from time import perf_counter

from .catalog import Catalog
from .eligibility import EligibilityReport
from .explain import Explainer
from .inputs import CheckedRequest, Options, Person, Target
from .kinds import TargetKind
from .problem import Problem
from .reasons import Unreachable
from .roadmap import TOO_COMPLEX, Roadmap
from .states import Goal, TooComplex


def plan(catalog: Catalog, person: Person, target: Target, options: Options) -> Roadmap:
    """The earliest roadmap from `person` to `target` (ties: cheaper, then fewer steps).
    Raises InputError for a request the catalog cannot plan."""
    request = CheckedRequest.build(catalog, person, target, options)
    return _plan(Problem(catalog, request), target)


def plan_many(
    catalog: Catalog, person: Person, requests: Iterable[tuple[Target, Options]]
) -> list[Roadmap]:
    """Several roadmaps for one person; requests sharing Options share their setup."""
    problems: dict[Options, Problem] = {}
    roadmaps = []
    for target, options in requests:
        request = CheckedRequest.build(catalog, person, target, options)
        problem = problems.get(options)
        if problem is None:
            problem = problems[options] = Problem(catalog, request)
        roadmaps.append(_plan(problem, target))
    return roadmaps


def _plan(problem: Problem, target: Target) -> Roadmap:
    request = problem.request
    problem.effort_left = request.effort
    problem.deadline = None if request.time_limit is None else perf_counter() + request.time_limit
    try:
        return _search_and_explain(problem, target)
    except TooComplex:
        return Roadmap(
            target=target,
            title=problem.catalog.title_of(target),
            reachable=False,
            reason=TOO_COMPLEX,
            start=request.start_day,
            finish=None,
            months=None,
            cost=None,
            steps=(),
            eligibility=(),
            too_complex=True,
        )


def _search_and_explain(problem: Problem, target: Target) -> Roadmap:
    ix, catalog, request = problem.ix, problem.catalog, problem.request
    if target.kind is TargetKind.ROLE:
        goal = Goal("role", ix.role_ix[target.slug])
    else:
        goal = Goal("credential", ix.cred_ix[target.slug])
    node = problem.search(goal, request.via) if problem.could_reach(goal, request.via) else None
    report = EligibilityReport(problem, target)
    title = catalog.title_of(target)
    if node is None:
        return Roadmap(
            target=target,
            title=title,
            reachable=False,
            reason=Unreachable(problem, target).reason(request.via),
            start=request.start_day,
            finish=None,
            months=None,
            cost=None,
            steps=(),
            eligibility=report.eligibility([], request.check),
        )
    explainer = Explainer(problem, target)
    segments = explainer.simplify(explainer.actions(node))
    steps = explainer.steps(segments)
    return Roadmap(
        target=target,
        title=title,
        reachable=True,
        reason=None,
        start=request.start_day,
        finish=problem.date(node.t),
        months=node.t,
        cost=sum(step.cost for step in steps if step.cost is not None),
        steps=steps,
        eligibility=report.eligibility(segments, request.check),
    )
