"""Compare 2–4 paths for one situation: a column a path, earnings, break-even, eligibility.

A path is a target plus options (waypoints, programs avoided, readiness, study while
working). Each is planned through planner.requests like any other request, so a column
shows exactly the roadmap document the API would give for the same question.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from . import page_cache
from .earnings import BreakEven, Earnings, all_break_evens, bands_from, earnings
from .engine import Catalog, InputError

# What planning can answer instead of a roadmap: shown to the person as a message on the
# page, never a server error. A plan past the engine's effort cap is not an error: it comes
# back as a document with "too_complex": true, which the roadmap partial explains.
PLAN_PROBLEMS: tuple[type[Exception], ...] = (InputError,)


def plan_document(
    catalog: Catalog, request: Mapping[str, Any], *, today: date
) -> tuple[dict | None, str | None]:
    """(roadmap document, None), or (None, a message for the person). A question asked
    before of the same catalog today is answered from the shared cache."""
    try:
        return page_cache.roadmap(catalog, request, today=today), None
    except PLAN_PROBLEMS as error:
        message = getattr(error, "message", None) or str(error)
        return None, f"This path cannot be planned: {message}."


@dataclass(frozen=True)
class PathSpec:
    target: str  # "role:<slug>" or "credential:<slug>"
    via: tuple[str, ...] = ()  # "program:<slug>", "credential:<slug>", "role:<slug>"
    avoid: tuple[str, ...] = ()  # program slugs
    readiness: str = "recommended"
    study_while_working: bool = False

    @property
    def target_kind(self) -> str:
        return self.target.partition(":")[0]

    @property
    def target_slug(self) -> str:
        return self.target.partition(":")[2]

    def request(self, situation: Mapping[str, Any]) -> dict[str, Any]:
        """The engine request mapping for this path from `situation`."""
        data = dict(situation)
        data["target" if self.target_kind == "role" else "target_credential"] = self.target_slug
        data.update(
            via=list(self.via),
            avoid=list(self.avoid),
            readiness=self.readiness,
            study_while_working=self.study_while_working,
        )
        return data

    def label(self, catalog: Catalog) -> str:
        """'HIM Manager via Bachelor's in HIM and RHIA': the path in a few words."""
        words = [_name(catalog, self.target)]
        if self.via:
            words.append("via " + _and(_name(catalog, ref) for ref in self.via))
        if self.avoid:
            words.append("avoiding " + _and(_name(catalog, f"program:{s}") for s in self.avoid))
        return " ".join(words)

    @property
    def option_words(self) -> str:
        pace = "required gates only" if self.readiness == "required" else "recommended pace"
        study = "study while working" if self.study_while_working else "full-time study"
        return f"{pace}, {study}"


def _name(catalog: Catalog, ref: str) -> str:
    kind, _, slug = ref.partition(":")
    if kind == "program" and slug in catalog.programs:
        return catalog.programs[slug].name
    if kind == "credential" and slug in catalog.credentials:
        return catalog.credentials[slug].acronym
    if kind == "role" and slug in catalog.roles:
        return catalog.roles[slug].title
    return slug


def _and(names) -> str:
    names = list(names)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@dataclass
class Column:
    number: int
    spec: PathSpec
    label: str
    roadmap: dict | None
    problem: str | None
    earnings: Earnings | None = None
    credentials: list[str] = field(default_factory=list)  # acronyms earned on the way
    map_url: str = ""  # the career map with this path highlighted (set by the page)

    @property
    def reachable(self) -> bool:
        return bool(self.roadmap and self.roadmap["reachable"])

    @property
    def known_cost(self) -> int:
        return sum(step["cost"] or 0 for step in self.roadmap["steps"]) if self.roadmap else 0

    @property
    def unknown_costs(self) -> list[str]:
        return [cost.title for cost in self.earnings.unknown_costs] if self.earnings else []


@dataclass
class Comparison:
    start: date
    columns: list[Column]
    break_evens: list[BreakEven]
    differences: list[str]


def compare(
    catalog: Catalog,
    situation: Mapping[str, Any],
    specs: Sequence[PathSpec],
    *,
    today: date,
) -> Comparison:
    """Plan every path for one situation and set them side by side."""
    bands = bands_from(catalog.roles)
    columns = []
    for number, spec in enumerate(specs, start=1):
        doc, problem = plan_document(catalog, spec.request(situation), today=today)
        column = Column(number, spec, spec.label(catalog), doc, problem)
        if column.reachable:
            column.earnings = earnings(doc, bands, role=situation.get("role") or None)
            column.credentials = [
                catalog.credentials[step["credential"]].acronym
                for step in doc["steps"]
                if step["credential"] and step["kind"] in ("exam", "grant")
            ]
        columns.append(column)
    start = situation.get("start")
    return Comparison(
        start=date.fromisoformat(str(start)) if start else today,
        columns=columns,
        break_evens=all_break_evens([column.earnings for column in columns]),
        differences=eligibility_differences(catalog, columns),
    )


def eligibility_differences(catalog: Catalog, columns: Sequence[Column]) -> list[str]:
    """Sentences naming where the paths differ in eligibility: a path that cannot reach its
    target, a credential blocked on one path only, or an advised (recommended) route one
    path waits for and another does not."""
    sentences = []
    for column in columns:
        if column.roadmap and not column.roadmap["reachable"]:
            sentences.append(
                f"Path {column.number} ({column.label}) cannot reach its target: "
                f"{column.roadmap['reason']}."
            )
    planned = [column for column in columns if column.roadmap]
    by_credential: dict[str, dict[int, dict]] = {}
    for column in planned:
        for item in column.roadmap["eligibility"]:
            by_credential.setdefault(item["credential"], {})[column.number] = item
    for slug, items in by_credential.items():
        acronym = catalog.credentials[slug].acronym if slug in catalog.credentials else slug
        blocked = [n for n, item in items.items() if item["required"]["status"] == "blocked"]
        if blocked and len(blocked) < len(planned):
            open_paths = [c.number for c in planned if c.number not in blocked]
            sentences.append(
                f"The {acronym} is blocked on {_paths(blocked)} "
                f"(missing {', '.join(items[blocked[0]]['required']['missing']) or 'a route'}) "
                f"but not on {_paths(open_paths)}."
            )
        waits = {
            n: item["recommended"]
            for n, item in items.items()
            if item["recommended"]["status"] == "later"
        }
        if waits and len(waits) < len(planned):
            others = [c.number for c in planned if c.number not in waits]
            parts = [
                f"path {n} waits until {_month(check['date'])} for the advised route "
                f"({check['route']})"
                for n, check in waits.items()
            ]
            sentences.append(
                f"For the {acronym}, {'; '.join(parts)}; {_paths(others)} "
                f"{'does' if len(others) == 1 else 'do'} not wait for it."
            )
    return sentences


def _paths(numbers: Sequence[int]) -> str:
    numbers = list(numbers)
    if len(numbers) == 1:
        return f"path {numbers[0]}"
    return "paths " + _and(str(n) for n in numbers)


def _month(iso: str | None) -> str:
    return date.fromisoformat(iso).strftime("%B %Y") if iso else "an unknown date"
