"""The roadmap document: steps with dates, costs and reasons, the eligibility report, and
`diff` between two roadmaps by step key. `Roadmap.to_dict()` is the JSON shape the API and
the command print (README, "The roadmap document")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from .catalog import Salary
from .inputs import Target
from .kinds import Status, StepKind
from .months import months_between
from .words import months_words


@dataclass(frozen=True)
class Step:
    key: str
    kind: StepKind
    title: str
    start: date
    end: date
    months: int
    cost: int | None
    salary: Salary | None
    because: str
    program: str | None = None
    role: str | None = None
    credential: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": str(self.kind),
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "months": self.months,
            "cost": self.cost,
            "salary": self.salary.to_dict() if self.salary else None,
            "program": self.program,
            "role": self.role,
            "credential": self.credential,
            "because": self.because,
        }


@dataclass(frozen=True)
class Check:
    """One requirement's status for the eligibility report."""

    status: Status
    date: date | None = None
    route: str | None = None
    missing: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": str(self.status),
            "date": self.date.isoformat() if self.date else None,
            "route": self.route,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Eligibility:
    credential: str
    required: Check
    recommended: Check
    rule_effective: date | None
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "credential": self.credential,
            "required": self.required.to_dict(),
            "recommended": self.recommended.to_dict(),
            "rule_effective": self.rule_effective.isoformat() if self.rule_effective else None,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Roadmap:
    target: Target
    title: str
    reachable: bool
    reason: str | None
    start: date
    finish: date | None
    months: int | None
    cost: int | None  # total of the known step costs
    steps: tuple[Step, ...]
    eligibility: tuple[Eligibility, ...]
    # The searches gave up at the effort limit (Options.effort): not reachable as far as
    # is known, with `reason` TOO_COMPLEX, and no eligibility report.
    too_complex: bool = False

    def step(self, key: str) -> Step | None:
        return next((step for step in self.steps if step.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": {
                "kind": str(self.target.kind),
                "slug": self.target.slug,
                "title": self.title,
            },
            "reachable": self.reachable,
            "too_complex": self.too_complex,
            "reason": self.reason,
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat() if self.finish else None,
            "months": self.months,
            "cost": self.cost,
            "steps": [step.to_dict() for step in self.steps],
            "eligibility": [item.to_dict() for item in self.eligibility],
        }


TOO_COMPLEX = "too complex to plan: narrow the target or the waypoints"


@dataclass(frozen=True)
class RoadmapDiff:
    """How roadmap `b` differs from `a`: finish change in months (negative: earlier) and
    steps added, removed or rescheduled, by key."""

    months: int | None  # None when either roadmap is unreachable
    added: tuple[str, ...]
    removed: tuple[str, ...]
    rescheduled: tuple[str, ...]

    @property
    def finish(self) -> str | None:
        if self.months is None:
            return None
        return "earlier" if self.months < 0 else "later" if self.months > 0 else "same"

    def summary(self) -> str:
        parts = []
        if self.months is None:
            parts.append("finish not comparable")
        elif self.months:
            parts.append(f"finishes {months_words(abs(self.months))} {self.finish}")
        else:
            parts.append("finishes at the same time")
        if self.added:
            parts.append("adds " + ", ".join(self.added))
        if self.removed:
            parts.append("removes " + ", ".join(self.removed))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "finish": self.finish,
            "months": abs(self.months) if self.months is not None else None,
            "added": list(self.added),
            "removed": list(self.removed),
            "rescheduled": list(self.rescheduled),
        }


def diff(a: Roadmap, b: Roadmap) -> RoadmapDiff:
    """What changed from roadmap a to roadmap b."""
    if a.finish is None or b.finish is None:
        months = None
    elif b.finish >= a.finish:
        months = months_between(a.finish, b.finish)
    else:
        months = -months_between(b.finish, a.finish)
    old = {step.key: step for step in a.steps}
    new = {step.key: step for step in b.steps}
    return RoadmapDiff(
        months=months,
        added=tuple(key for key in new if key not in old),
        removed=tuple(key for key in old if key not in new),
        rescheduled=tuple(
            key
            for key in new
            if key in old and (old[key].start, old[key].end) != (new[key].start, new[key].end)
        ),
    )
