"""Why a target is unreachable: the first requirement nothing in the catalog can satisfy
(ignoring time), for the target and then each waypoint; else the horizon."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .kinds import EarnedBy, RefKind, TargetKind

if TYPE_CHECKING:
    from .inputs import Ref, Target
    from .problem import Problem


class Unreachable:
    """The reason a target (and its waypoints) cannot be reached."""

    def __init__(self, problem: Problem, target: Target) -> None:
        self.problem, self.catalog, self.ix = problem, problem.catalog, problem.ix
        self.target = target

    def reason(self, via: tuple[Ref, ...]) -> str:
        """Which requirement nothing in the catalog satisfies (or the horizon)."""
        problem, catalog, ix = self.problem, self.catalog, self.ix
        progs, eff, roles, _, _ = problem.attainable
        if self.target.kind is TargetKind.ROLE:
            r = ix.role_ix[self.target.slug]
            if r not in roles:
                return self._role_reason(r)
        else:
            c = ix.cred_ix[self.target.slug]
            if not eff >> c & 1:
                return self._credential_reason(c)
        for ref in via:
            if ref.kind is RefKind.ROLE and ix.role_ix[ref.slug] not in roles:
                return "via: " + self._role_reason(ix.role_ix[ref.slug])
            if ref.kind is RefKind.CREDENTIAL and not eff >> ix.cred_ix[ref.slug] & 1:
                return "via: " + self._credential_reason(ix.cred_ix[ref.slug])
            if ref.kind is RefKind.PROGRAM and not progs & ix.prog_bit[ref.slug]:
                program = catalog.programs[ref.slug]
                missing = problem.req_missing(program.admission)
                return (
                    f"via: nothing in the catalog satisfies admission to {program.name}; "
                    f"missing: {', '.join(missing)}"
                )
        title = catalog.title_of(self.target)
        return (
            f"no plan reaches {title} within {problem.request.horizon} months of "
            f"{problem.request.start_day.isoformat()}"
        )

    def _role_reason(self, r: int) -> str:
        problem, catalog, ix = self.problem, self.catalog, self.ix
        roles = problem.attainable[2]
        title = catalog.roles[ix.roles[r]].title
        if r in problem.avoid_roles:
            return f"{title} is in avoid"
        missing = problem.req_missing(ix.role_hire[r].routes)
        for edge in ix.moves_in[r]:
            if edge.origin not in roles:
                missing.append(f"{catalog.roles[ix.roles[edge.origin]].title} (role)")
            missing.extend(problem.req_missing(edge.requires.routes))
        missing = list(dict.fromkeys(missing))
        if not missing:
            return f"nothing in the catalog leads to {title}: no hiring route and no move into it"
        return (
            f"nothing in the catalog satisfies the entry requirement of {title}; "
            f"missing: {', '.join(missing)}"
        )

    def _credential_reason(self, c: int) -> str:
        problem, catalog, ix = self.problem, self.catalog, self.ix
        credential = catalog.credentials[ix.creds[c]]
        if c in problem.avoid_creds:
            return f"{credential.acronym} is in avoid"
        rules = [rule for _, rule in problem.rules[c]]
        if not rules:
            return f"{credential.acronym} has no rule set in force on or after the start date"
        required = problem.req_missing(r for rule in rules for r in rule.required.routes)
        label = "requirement to sit" if credential.earned_by is EarnedBy.EXAM else "requirement"
        if required:
            return (
                f"nothing in the catalog satisfies the {credential.acronym} {label}; "
                f"missing: {', '.join(required)}"
            )
        recommended = problem.req_missing(r for rule in rules for r in rule.recommended.routes)
        return (
            f"nothing in the catalog satisfies the {credential.acronym} recommended readiness; "
            f"missing: {', '.join(recommended)}"
        )
