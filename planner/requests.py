"""One roadmap request, whether it comes from `manage.py plan` or `POST /api/v1/roadmap`.

Both interfaces turn their input into the same plain mapping (the API's JSON body; the
command's options under the same names) and call `roadmap_document`, so the same input
gives the same document. Problems are raised as `engine.InputError(field, message)`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from .engine import TIME_LIMIT as ENGINE_TIME_LIMIT
from .engine import (
    Catalog,
    InputError,
    Options,
    Person,
    Position,
    Readiness,
    Target,
    plan,
)


def _time_limit() -> float:
    """Seconds a bounded plan may search (DJANGO_PLAN_TIME_LIMIT, default 3). The effort
    cap (states searched) is the same on every machine; this clock is the backstop for a
    slow state. Three times the engine's own second: on the shipped catalog some ordinary
    plans (a degree as a waypoint) need 1-2 s until the engine is faster (issue 7), and a
    late answer serves a person better than "too complex"."""
    value = os.environ.get("DJANGO_PLAN_TIME_LIMIT") or str(3 * ENGINE_TIME_LIMIT)
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"DJANGO_PLAN_TIME_LIMIT must be seconds, not {value!r}") from None
    if seconds <= 0:
        raise ValueError("DJANGO_PLAN_TIME_LIMIT must be positive")
    return seconds


TIME_LIMIT = _time_limit()


def parse_date(field: str, value: Any) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise InputError(field, f"{value!r} is not a real date (YYYY-MM-DD)") from None


def parse_dated_slugs(field: str, values: list[str]) -> dict[str, date | None]:
    """['cca@2024-05-01', 'rhit'] -> {'cca': date(2024, 5, 1), 'rhit': None}."""
    dated: dict[str, date | None] = {}
    for value in values:
        slug, _, when = str(value).partition("@")
        dated[slug] = parse_date(field, when) if when else None
    return dated


def parse_experience(values: Mapping[str, Any] | list[str]) -> dict[str, int]:
    """{'coding': 12} or ['coding=12'] -> {'coding': 12}; months are whole and not negative.
    In a mapping the months must be numbers (not "12", not true); in KIND=MONTHS text they
    are digits."""
    experience = {}
    if isinstance(values, Mapping):
        pairs = values.items()
    else:
        pairs = []
        for value in values:
            kind, sep, months = str(value).partition("=")
            if not sep or not months.strip().isdigit():
                raise InputError("experience", f"{value!r} is not KIND=MONTHS")
            pairs.append((kind, int(months)))
    for kind, number in pairs:
        if isinstance(number, bool) or not isinstance(number, int):
            raise InputError("experience", f"{kind}: {number!r} is not a number of months")
        if number < 0:
            raise InputError("experience", f"{kind}: months cannot be negative ({number})")
        experience[kind] = number
    return experience


def parse_flag(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise InputError(field, f"{value!r} is not true or false")
    return value


def parse_position(position: Any) -> Position:
    if not isinstance(position, Mapping) or not position.get("role") or not position.get("start"):
        raise InputError("positions", f"{position!r} needs at least a role and a start date")
    return Position(
        role=str(position["role"]),
        start=parse_date("positions", position["start"]),
        end=parse_date("positions", position["end"]) if position.get("end") else None,
        full_time=parse_flag("positions", position.get("full_time", True)),
    )


def parse_request(
    data: Mapping[str, Any], *, today: date, bounded: bool = True
) -> tuple[Person, Target, Options]:
    """The engine's inputs for one request mapping (field names as in engine.REQUEST_FIELDS).
    `bounded` keeps the engine's caps on search effort and time (Options.effort and
    Options.time_limit); the command line may lift them."""
    target_role, target_credential = data.get("target"), data.get("target_credential")
    if bool(target_role) == bool(target_credential):
        raise InputError("target", "give exactly one of target (a role) or target_credential")
    target = Target.role(target_role) if target_role else Target.credential(target_credential)
    try:
        readiness = Readiness(data.get("readiness") or Readiness.RECOMMENDED)
    except ValueError:
        raise InputError("readiness", "must be 'required' or 'recommended'") from None
    positions = tuple(parse_position(position) for position in data.get("positions") or ())
    person = Person(
        education=data.get("education") or "none",
        completed=parse_dated_slugs("completed", data.get("completed") or []),
        credentials=parse_dated_slugs("credentials", data.get("credentials") or []),
        licences=frozenset(data.get("licences") or ()),
        experience=parse_experience(data.get("experience") or {}),
        role=data.get("role") or None,
        positions=positions,
    )
    start = data.get("start")  # absent or null: today; anything else must be a date
    options = Options(
        start=today if start is None else parse_date("start", start),
        readiness=readiness,
        study_while_working=parse_flag(
            "study_while_working", data.get("study_while_working", False)
        ),
        avoid=tuple(data.get("avoid") or ()),
        via=tuple(data.get("via") or ()),
        check=tuple(data.get("check") or ()),
        time_limit=TIME_LIMIT,
    )
    if not bounded:
        options = replace(options, effort=None, time_limit=None)
    return person, target, options


def roadmap_document(
    catalog: Catalog, data: Mapping[str, Any], *, today: date, bounded: bool = True
) -> dict:
    """The roadmap document for one request; raises InputError naming the field. Past the
    effort cap the document says `"too_complex": true` (see the README)."""
    person, target, options = parse_request(data, today=today, bounded=bounded)
    return plan(catalog, person, target, options).to_dict()
