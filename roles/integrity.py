"""Integrity checks over a catalog document that has passed `catalog_file.validate()`.

Validation answers "is this a well-formed catalog?"; these checks answer "can the planner
use it?": every role can be reached, promotions go one way, every credential has a rule
in force, and every rule and figure says where it came from. Pure Python, no Django.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from datetime import date

from .catalog_file import EMPTY_ROUTE, MOVE_WITHOUT_TIME, ROUTE_CONDITIONS


def problems(doc: dict, *, today: date) -> list[str]:
    """Every integrity problem in a validated document, in plain words; [] if none."""
    found: list[str] = []
    roles = doc.get("roles", {})
    found += _unreachable_roles(roles)
    found += _promotion_cycles(roles)
    found += _credentials_without_rules_in_force(doc.get("credentials", {}), today)
    found += _programs_without_duration(doc.get("programs", {}))
    found += _missing_sources(doc)
    found += _salary_bands_upside_down(roles)
    found += _routes_without_conditions(doc)
    found += _moves_without_time(roles)
    return found


def _unreachable_roles(roles: dict) -> list[str]:
    entry_points = [slug for slug, role in roles.items() if role.get("hire")]
    if roles and not entry_points:
        return ["no role can be hired into directly: give at least one role hire routes"]
    reached = set(entry_points)
    queue = deque(entry_points)
    while queue:
        for target in roles[queue.popleft()].get("moves") or {}:
            if target in roles and target not in reached:
                reached.add(target)
                queue.append(target)
    return [
        f"role '{slug}' cannot be reached: it has no hire routes and no chain of moves "
        "leads to it from a role that has"
        for slug in roles
        if slug not in reached
    ]


def _promotion_cycles(roles: dict) -> list[str]:
    promotions = {
        slug: [
            target
            for target, move in (role.get("moves") or {}).items()
            if move.get("kind") == "promotion" and target in roles
        ]
        for slug, role in roles.items()
    }
    cycles: list[tuple[str, ...]] = []
    done: set[str] = set()

    def visit(slug: str, path: list[str]) -> None:
        path.append(slug)
        for target in promotions[slug]:
            if target in path:
                cycle = path[path.index(target) :]
                start = cycle.index(min(cycle))
                canonical = tuple(cycle[start:] + cycle[:start])
                if canonical not in cycles:
                    cycles.append(canonical)
            elif target not in done:
                visit(target, path)
        path.pop()
        done.add(slug)

    for slug in promotions:
        if slug not in done:
            visit(slug, [])
    return [
        "promotion moves form a cycle: " + " -> ".join(f"'{slug}'" for slug in (*cycle, cycle[0]))
        for cycle in cycles
    ]


def _credentials_without_rules_in_force(credentials: dict, today: date) -> list[str]:
    found = []
    for slug, credential in credentials.items():
        dates = sorted(
            date.fromisoformat(rule_set["effective"]) for rule_set in credential["rule_sets"]
        )
        if not dates or dates[0] > today:
            earliest = f" (the earliest takes effect on {dates[0].isoformat()})" if dates else ""
            found.append(
                f"credential '{slug}' has no rule set in force on {today.isoformat()}{earliest}"
            )
    return found


def _programs_without_duration(programs: dict) -> list[str]:
    return [
        f"program '{slug}' has no typical duration (months_typical), so it cannot be planned"
        for slug, program in programs.items()
        if program.get("months_typical") is None
    ]


def _missing_sources(doc: dict) -> list[str]:
    found = []
    for slug, credential in doc.get("credentials", {}).items():
        for rule_set in credential["rule_sets"]:
            if not rule_set.get("source"):
                found.append(
                    f"credential '{slug}': the rule set effective {rule_set['effective']} "
                    "has no source"
                )
        if credential.get("exam") and not credential["exam"].get("source"):
            found.append(f"credential '{slug}': the exam details have no source")
        if credential.get("renewal") and not credential["renewal"].get("source"):
            found.append(f"credential '{slug}': the renewal rule has no source")
    for slug, program in doc.get("programs", {}).items():
        has_duration = any(
            program.get(key) is not None for key in ("months_min", "months_max", "months_typical")
        )
        if has_duration and not program.get("duration_source"):
            found.append(f"program '{slug}': the duration has no source (duration_source)")
        has_cost = program.get("cost_min") is not None or program.get("cost_max") is not None
        if has_cost and not program.get("cost_source"):
            found.append(f"program '{slug}': the cost has no source (cost_source)")
    for slug, role in doc.get("roles", {}).items():
        has_salary = role.get("salary_min") is not None or role.get("salary_max") is not None
        if has_salary and not role.get("salary_source"):
            found.append(f"role '{slug}': the salary band has no source (salary_source)")
        if role.get("median_pay") is not None and not role.get("median_pay_source"):
            found.append(f"role '{slug}': the median pay has no source (median_pay_source)")
        if role.get("outlook") and not role.get("outlook_source"):
            found.append(f"role '{slug}': the outlook has no source (outlook_source)")
        if role.get("hire") and not role.get("hire_source"):
            found.append(f"role '{slug}': the hire routes have no source (hire_source)")
        for target, move in (role.get("moves") or {}).items():
            if not move.get("source"):
                found.append(f"role '{slug}': the move to '{target}' has no source")
    return found


def _salary_bands_upside_down(roles: dict) -> list[str]:
    found = []
    for slug, role in roles.items():
        low, high = role.get("salary_min"), role.get("salary_max")
        if low is not None and high is not None and low > high:
            found.append(f"role '{slug}': salary_min {low} is more than salary_max {high}")
    return found


def _routes(doc: dict) -> Iterator[tuple[str, list]]:
    """Every requirement's routes, each with where it is in the document."""
    for slug, program in doc.get("programs", {}).items():
        yield f"program '{slug}': admission", program.get("admission") or []
    for slug, credential in doc.get("credentials", {}).items():
        for rule_set in credential.get("rule_sets") or []:
            for strength in ("required", "recommended"):
                where = f"credential '{slug}': the rule set effective {rule_set['effective']}"
                yield f"{where}, {strength}", rule_set.get(strength) or []
    for slug, role in doc.get("roles", {}).items():
        yield f"role '{slug}': hire", role.get("hire") or []
        for target, move in (role.get("moves") or {}).items():
            yield f"role '{slug}': the move to '{target}'", move.get("requires") or []


def _routes_without_conditions(doc: dict) -> list[str]:
    return [
        f"{where} route {index + 1}: {EMPTY_ROUTE}"
        for where, routes in _routes(doc)
        for index, route in enumerate(routes)
        if not any(route.get(key) for key in ROUTE_CONDITIONS)
    ]


def _moves_without_time(roles: dict) -> list[str]:
    return [
        f"role '{slug}': the move to '{target}' has typical_months 0; it {MOVE_WITHOUT_TIME}"
        for slug, role in roles.items()
        for target, move in (role.get("moves") or {}).items()
        if move.get("typical_months") == 0
    ]
