"""`{% roadmap_view roadmap progress=... today=... as view %}`: what the shared roadmap
partial shows, worked out from the roadmap document alone (plus optional extras).

Names the document gives only by slug (credentials, sources) are looked up in the current
catalog snapshot, so the partial needs nothing from the view but the document.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils import timezone

from ..snapshot import current_catalog

register = template.Library()

KIND_WORDS = {
    "study": "Study",
    "work": "Work",
    "exam": "Exam",
    "grant": "Credential",
    "move": "Move",
}
# Timeline lanes, top to bottom; exams and grants share one.
LANES = {"study": 0, "work": 1, "exam": 2, "grant": 2, "move": 3}
LANE_NAMES = ("Study", "Work", "Exams", "Moves")
WIDTH, LEFT, RIGHT, TOP, LANE = 720, 70, 20, 28, 30


def _day(iso: str | None) -> date | None:
    return date.fromisoformat(iso) if iso else None


def _month(day: date) -> int:
    return day.year * 12 + day.month - 1


def _todo(step: dict, catalog) -> str:
    kind = step["kind"]
    if kind == "study":
        return "Apply to the program and plan the months of study."
    if kind == "exam":
        credential = catalog.credentials.get(step.get("credential") or "")
        name = credential.acronym if credential else "the"
        return f"Book the {name} exam and start preparing."
    if kind == "grant":
        return "Apply for the credential."
    if kind == "move":
        return "Apply for the role or ask your manager about the move."
    return "Keep working: the months count towards what comes next."


def _check(check: dict, catalog) -> dict:
    status = check.get("status")
    missing = list(check.get("missing") or ())
    return {
        "status": status,
        "date": _day(check.get("date")),
        "route": check.get("route"),
        "missing": missing,
    }


def _timeline(steps: list[dict], start: date, finish: date, today: date) -> dict:
    first, last = _month(start), max(_month(finish), _month(start) + 1)
    span = last - first
    scale = (WIDTH - LEFT - RIGHT) / span

    def x(day: date) -> float:
        return round(LEFT + (_month(day) - first) * scale, 1)

    shapes = []
    for number, step in enumerate(steps, start=1):
        lane = LANES.get(step["kind"], 1)
        y = TOP + lane * LANE
        x1, x2 = x(step["start_date"]), x(step["end_date"])
        cy = y + 12
        diamond = ((x1, cy - 9), (x1 + 9, cy), (x1, cy + 9), (x1 - 9, cy))
        shapes.append(
            {
                "kind": step["kind"],
                "number": number,
                "x": x1,
                "y": y + 4,
                "width": max(x2 - x1, 2),
                "cx": x1,
                "cy": cy,
                "points": " ".join(f"{px:g},{py:g}" for px, py in diamond),
                "bar": step["months"] > 0,
                "next": step["is_next"],
                "title": step["title"],
            }
        )
    years = []
    for year in range(start.year + 1, finish.year + 1):
        day = date(year, 1, 1)
        if start < day <= finish:
            years.append({"x": x(day), "label": year})
    if len(years) > 12:  # keep the axis readable on long roadmaps
        years = years[:: (len(years) + 11) // 12]
    height = TOP + len(LANE_NAMES) * LANE + 8
    lanes = [{"y": TOP + i * LANE + 16, "name": name} for i, name in enumerate(LANE_NAMES)]
    today_x = x(today) if start <= today <= finish else None
    return {
        "width": WIDTH,
        "height": height,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "shapes": shapes,
        "years": years,
        "lanes": lanes,
        "today_x": today_x,
        "axis_y": height - 6,
    }


@register.simple_tag(takes_context=True)
def roadmap_view(context, roadmap: dict, progress: dict | None = None, today: date | None = None):
    """Everything the roadmap partial shows, from the document. A page that shows several
    roadmaps passes its `catalog` in the context, so the snapshot is looked up once."""
    catalog = context.get("catalog") or current_catalog()
    today = today or timezone.localdate()
    progress = progress or {}
    steps: list[dict[str, Any]] = []
    next_found = False
    for step in roadmap.get("steps") or ():
        view = dict(step)
        view["start_date"], view["end_date"] = _day(step["start"]), _day(step["end"])
        view["kind_words"] = KIND_WORDS.get(step["kind"], step["kind"].capitalize())
        mark = progress.get(step["key"])
        view["mark"] = mark
        view["is_next"] = False
        if not next_found and mark is None and view["end_date"] >= today:
            view["is_next"] = next_found = True
            view["todo"] = _todo(step, catalog)
        steps.append(view)
    eligibility = []
    for item in roadmap.get("eligibility") or ():
        credential = catalog.credentials.get(item["credential"])
        sources = [
            catalog.sources[slug] for slug in item.get("sources") or () if slug in catalog.sources
        ]
        eligibility.append(
            {
                "slug": item["credential"],
                "acronym": credential.acronym if credential else item["credential"].upper(),
                "name": credential.name if credential else "",
                "required": _check(item["required"], catalog),
                "recommended": _check(item["recommended"], catalog),
                "rule_effective": _day(item.get("rule_effective")),
                "sources": sources,
            }
        )
    start, finish = _day(roadmap.get("start")), _day(roadmap.get("finish"))
    timeline = None
    if roadmap.get("reachable") and steps and start and finish:
        timeline = _timeline(steps, start, finish, today)
    return {
        "target": roadmap.get("target") or {},
        "reachable": roadmap.get("reachable"),
        "reason": roadmap.get("reason"),
        "too_complex": roadmap.get("too_complex", False),
        "start": start,
        "finish": finish,
        "months": roadmap.get("months"),
        "cost": roadmap.get("cost"),
        "steps": steps,
        "next": next((step for step in steps if step["is_next"]), None),
        "eligibility": eligibility,
        "timeline": timeline,
        "today": today,
    }


@register.filter
def usd(value: int | None) -> str:
    if value is None:
        return "not known"
    return f"${value:,}"
