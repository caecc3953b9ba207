"""Planning for the signed-in pages: a plan's roadmap document, and what changed between two.

The engine is reached only through planner.requests (the same parser as the command and
the API) and the current catalog snapshot. A request the engine refuses (an unknown slug,
a plan too complex to plan) comes back as a plain-words message, never an exception.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from . import page_cache
from .engine import Catalog, InputError
from .snapshot import current_catalog

logger = logging.getLogger(__name__)

FIELD_WORDS = {
    "education": "your education",
    "completed": "a program you completed",
    "credentials": "a credential you hold",
    "licences": "a licence",
    "experience": "your months of experience",
    "role": "the role you hold now",
    "positions": "your positions",
    "start": "the start date",
    "readiness": "the readiness",
    "avoid": "what to avoid",
    "via": "the waypoints",
    "target": "the target",
    "target_credential": "the target",
    "check": "the credentials to check",
}


@dataclass
class Outcome:
    """A roadmap document, or the reason there is none."""

    roadmap: dict | None = None
    error: str | None = None


def compute(data: dict[str, Any], catalog: Catalog | None = None) -> Outcome:
    catalog = catalog if catalog is not None else current_catalog()
    try:
        return Outcome(page_cache.roadmap(catalog, data, today=timezone.localdate()))
    except InputError as error:
        about = FIELD_WORDS.get(error.field, error.field)
        return Outcome(error=f"This plan cannot be worked out: {about}: {error.message}.")
    except Exception as error:
        # The engine's own refusals (a request over its limits: "too complex to plan")
        # are a message for the person; anything else is a bug and propagates.
        if not type(error).__module__.startswith("planner.engine"):
            raise
        logger.warning("engine refused a plan: %s", error)
        return Outcome(error=f"This plan cannot be worked out: {error}")


@dataclass
class Change:
    """How roadmap `after` differs from `before`, by step key (as engine.diff compares)."""

    before: dict
    after: dict
    months: int | None = None  # + later, - earlier, None: not comparable
    added: list[dict] = field(default_factory=list)
    removed: list[dict] = field(default_factory=list)
    rescheduled: list[dict] = field(default_factory=list)
    cost: int | None = None  # after minus before

    @property
    def any(self) -> bool:
        return bool(self.months or self.added or self.removed or self.rescheduled or self.cost) or (
            self.before.get("reachable") != self.after.get("reachable")
        )

    @property
    def months_words(self) -> str:
        if self.months is None:
            return "the finish cannot be compared (one of the two does not reach the target)"
        if self.months == 0:
            return "finishes at the same time"
        n = abs(self.months)
        unit = "month" if n == 1 else "months"
        return f"finishes {n} {unit} {'later' if self.months > 0 else 'earlier'}"

    @property
    def cost_abs(self) -> int | None:
        return abs(self.cost) if self.cost is not None else None


def _month_index(iso: str) -> int:
    year, month, _ = (int(part) for part in iso.split("-"))
    return year * 12 + month


def compare(before: dict, after: dict) -> Change:
    change = Change(before=before, after=after)
    if before.get("finish") and after.get("finish"):
        change.months = _month_index(after["finish"]) - _month_index(before["finish"])
    old = {step["key"]: step for step in before.get("steps") or ()}
    new = {step["key"]: step for step in after.get("steps") or ()}
    change.added = [step for key, step in new.items() if key not in old]
    change.removed = [step for key, step in old.items() if key not in new]
    change.rescheduled = [
        step
        for key, step in new.items()
        if key in old and (old[key]["start"], old[key]["end"]) != (step["start"], step["end"])
    ]
    if before.get("cost") is not None and after.get("cost") is not None:
        change.cost = after["cost"] - before["cost"]
    return change
