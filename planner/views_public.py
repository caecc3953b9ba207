"""Pages for people without an account: the home page, plan my path, compare paths, and
the career map. Every question is a GET address, so results can be bookmarked and shared;
the situation given is remembered in the session (planner.situation) so it is asked once.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from roles.career_map import MapMove, MapRole, layout
from roles.models import Move, Program, Role

from . import page_cache
from .compare import Column, PathSpec, compare, plan_document
from .earnings import HORIZON_MONTHS, MODEL_SENTENCE, YEARS, bands_from, earnings
from .earnings_chart import cumulative_chart, money
from .engine import Catalog
from .public_forms import (
    PATH_PREFIXES,
    PathForm,
    PlanForm,
    SituationForm,
    StartField,
    path_forms,
    path_query,
    situation_query,
)
from .situation import remember_situation, session_situation
from .snapshot import current_catalog


def _url_or_none(name: str) -> str | None:
    """The address of a page another part of the site may provide (sign-in), if it does."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def _unverified(catalog: Catalog) -> dict[str, set[str]]:
    """Which figures rest on a source the issuing body has not confirmed: role salary bands,
    program costs (two queries), and exam fees (from the snapshot)."""
    exams = {
        slug
        for slug, credential in catalog.credentials.items()
        if credential.exam
        and credential.exam.source in catalog.sources
        and not catalog.sources[credential.exam.source].verified
    }
    return {
        "roles": set(
            Role.objects.filter(salary_source__verified=False).values_list("slug", flat=True)
        ),
        "programs": set(
            Program.objects.filter(cost_source__verified=False).values_list("slug", flat=True)
        ),
        "exams": exams,
    }


def _start(form) -> date:
    return form.cleaned_data.get("start") or timezone.localdate()


# Home


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    catalog = current_catalog()
    situation = session_situation(request.session)
    form = PlanForm(catalog=catalog, initial=SituationForm.initial_from(situation))
    banded = [role for role in catalog.roles.values() if role.salary_min is not None]
    lowest = min(banded, key=lambda role: role.salary_min, default=None)
    highest = max(banded, key=lambda role: role.salary_max or role.salary_min, default=None)
    context = {
        "form": form,
        "counts": {
            "roles": len(catalog.roles),
            "credentials": len(catalog.credentials),
            "programs": len(catalog.programs),
        },
        "lowest": lowest,
        "highest": highest,
        "unverified": _unverified(catalog)["roles"],
        "sign_in_url": _url_or_none("account_login"),
        "section": "home",
    }
    return render(request, "planner/public/home.html", context)


# Plan my path


@require_GET
def plan(request: HttpRequest) -> HttpResponse:
    catalog = current_catalog()
    today = timezone.localdate()
    if "target" not in request.GET:
        initial = SituationForm.initial_from(session_situation(request.session))
        form = PlanForm(catalog=catalog, initial={**initial, "start": today})
        context = {"form": form, "title": "Plan my path", "section": "plan"}
        return render(request, "planner/public/plan.html", context)
    found = page_cache.answer(
        request, "plan", catalog, today, lambda: _plan_answer(request, catalog, today)
    )
    if found["situation"] is not None:
        remember_situation(request.session, found["situation"])
    context = {"answer_html": mark_safe(found["html"]), "title": found["title"], "section": "plan"}
    return render(request, "planner/public/plan.html", context)


def _plan_answer(request: HttpRequest, catalog: Catalog, today: date) -> dict:
    """The answer to the question in the address: its HTML, the page title and the
    situation to remember (None when the question could not be read)."""
    form = PlanForm(request.GET, catalog=catalog)
    roadmap = problem = earned = situation = None
    links = {}
    if form.is_valid():
        situation = form.situation()
        roadmap, problem = plan_document(catalog, form.request(today), today=today)
        spec = PathSpec(form.cleaned_data["target"])
        start = _start(form)
        links = {
            "compare": reverse("public:compare")
            + "?"
            + urlencode(situation_query(situation, start) + path_query(spec, "p1")),
            "map": reverse("public:career-map") + "?" + request.GET.urlencode(),
        }
        if roadmap and roadmap["reachable"]:
            earned = earnings(roadmap, bands_from(catalog.roles), role=situation["role"])
    context = {
        "form": form,
        "roadmap": roadmap,
        "problem": problem,
        "earned": earned,
        "years": [_year(catalog, earned.salary_in_year(year)) for year in YEARS] if earned else [],
        "links": links,
        "unverified": _unverified(catalog) if roadmap else {},
    }
    return {
        "html": render_to_string("planner/public/plan.html#answer", context, request),
        "title": f"Your way to {roadmap['target']['title']}" if roadmap else "Plan my path",
        "situation": situation,
    }


def _year(catalog: Catalog, salary) -> dict:
    title = catalog.roles[salary.role].title if salary.role in catalog.roles else None
    return {"salary": salary, "title": title}


# Compare paths


class CompareSituationForm(SituationForm):
    start = StartField()


@require_GET
def compare_paths(request: HttpRequest) -> HttpResponse:
    catalog = current_catalog()
    today = timezone.localdate()
    prefixes = tuple(f"{prefix}-" for prefix in PATH_PREFIXES)
    asked = any(key.startswith(prefixes) or key == "education" for key in request.GET)
    if not asked:
        initial = SituationForm.initial_from(session_situation(request.session))
        situation_form = CompareSituationForm(catalog=catalog, initial={**initial, "start": today})
        context = _compare_context(situation_form, path_forms(None, catalog), catalog)
        return render(request, "planner/public/compare.html", context)
    found = page_cache.answer(
        request, "compare", catalog, today, lambda: _compare_answer(request, catalog, today)
    )
    if found["situation"] is not None:
        remember_situation(request.session, found["situation"])
    context = {"answer_html": mark_safe(found["html"]), "section": "compare"}
    return render(request, "planner/public/compare.html", context)


def _compare_answer(request: HttpRequest, catalog: Catalog, today: date) -> dict:
    """The comparison the address asks for, as HTML, and the situation to remember (None
    when the address could not be read or names fewer than two paths)."""
    situation_form = CompareSituationForm(request.GET, catalog=catalog)
    forms = path_forms(request.GET, catalog)
    comparison = situation = None
    errors = []
    if situation_form.is_valid() and all(form.is_valid() for form in forms):
        specs = [spec for form in forms if (spec := form.spec())]
        if len(specs) >= 2:
            situation = situation_form.situation()
            start = _start(situation_form)
            comparison = compare(
                catalog, {**situation, "start": start.isoformat()}, specs, today=today
            )
            for column in comparison.columns:
                column.prefix = f"path-{column.number}"  # ids unique across the roadmaps
                column.save_fields = _save_fields(column, start)
                column.map_url = (
                    reverse("public:career-map")
                    + "?"
                    + urlencode(situation_query(situation, start) + path_query(column.spec))
                )
        elif "compare" in request.GET:
            errors.append("Choose a target for at least two paths to compare them.")
    context = _compare_context(situation_form, forms, catalog, comparison, errors)
    context["share_url"] = request.build_absolute_uri() if comparison else None
    html = render_to_string("planner/public/compare.html#answer", context, request)
    return {"html": html, "situation": situation}


def _compare_context(situation_form, forms, catalog, comparison=None, errors=()) -> dict:
    chart = None
    if comparison:
        chart = cumulative_chart(
            [(c.number, c.label, c.earnings) for c in comparison.columns],
            comparison.break_evens,
        )
    return {
        "situation_form": situation_form,
        "forms": forms,
        "errors": list(errors),
        "comparison": comparison,
        "catalog": catalog,
        "chart": chart,
        "rows": _rows(comparison, _unverified(catalog)) if comparison else [],
        "break_even_sentences": _break_even_sentences(comparison) if comparison else [],
        "year_rows": _year_rows(comparison) if comparison else [],
        "model_sentence": MODEL_SENTENCE,
        "share_url": None,
        "section": "compare",
    }


def _save_fields(column: Column, start: date) -> list[tuple[str, str]]:
    """The fields of planner:plan-create that save this path as a signed-in person's plan."""
    spec = column.spec
    fields = [("target", spec.target), ("name", column.label), ("start", start.isoformat())]
    fields.append(("readiness", spec.readiness))
    if spec.study_while_working:
        fields.append(("study_while_working", "on"))
    fields += [("via", ref) for ref in spec.via]
    fields += [("avoid", f"program:{slug}") for slug in spec.avoid]
    return fields


def _rows(comparison, unverified: dict[str, set[str]]) -> list[dict]:
    """The side-by-side table: one row a measure, one cell a path. A cell is
    {"text", "unverified"}: unverified when a figure in it rests on an unconfirmed source."""
    columns = comparison.columns

    def row(label: str, cells) -> dict:
        return {
            "label": label,
            "cells": [cell if isinstance(cell, dict) else _cell(cell) for cell in cells],
        }

    rows = [
        row("Target", [_target_cell(c) for c in columns]),
        row("Finish", [_finish_cell(c) for c in columns]),
        row("Steps", [str(len(c.roadmap["steps"])) if c.reachable else "—" for c in columns]),
        row(
            "Credentials earned",
            [(", ".join(c.credentials) or "none") if c.reachable else "—" for c in columns],
        ),
        row("Total known cost", [_cost_cell(c, unverified) for c in columns]),
    ]
    for year in YEARS:
        row_cells = [_salary_cell(c, year, unverified["roles"]) for c in columns]
        rows.append(row(f"Salary in year {year}", row_cells))
    rows.append(
        row(
            "Earned over 10 years, net of known costs",
            [_cumulative_cell(c, 10, unverified["roles"]) for c in columns],
        )
    )
    return rows


def _cell(text: str, unverified: bool = False) -> dict:
    return {"text": text, "unverified": unverified}


def _target_cell(column: Column) -> str:
    if column.problem:
        return column.problem
    return column.roadmap["target"]["title"]


def _finish_cell(column: Column) -> str:
    if not column.roadmap:
        return "—"
    if not column.reachable:
        return "Not reachable: " + (column.roadmap["reason"] or "no route in the catalog")
    finish = date.fromisoformat(column.roadmap["finish"])
    return f"{finish:%B %Y} ({column.roadmap['months']} months)"


def _cost_cell(column: Column, unverified: dict[str, set[str]]) -> dict | str:
    if not column.reachable:
        return "—"
    unknown = column.unknown_costs
    doubtful = any(
        step["cost"] is not None
        and (step["program"] in unverified["programs"] or step["credential"] in unverified["exams"])
        for step in column.roadmap["steps"]
    )
    if column.known_cost == 0 and unknown:
        return _cell("Unknown (" + "; ".join(unknown) + ")")
    text = money(column.known_cost)
    if unknown:
        text += " plus unknown costs (" + "; ".join(unknown) + ")"
    return _cell(text, doubtful)


def _salary_cell(column: Column, year: int, unverified_roles: set[str]) -> dict | str:
    if not column.earnings:
        return "—"
    salary = column.earnings.salary_in_year(year)
    if salary.studying and salary.role is None:
        return "Studying: no pay"
    if salary.role is None:
        return "No job: no pay"
    if salary.yearly is None:
        return "Unknown (no salary band for this role)"
    return _cell(f"{money(salary.yearly)} a year", salary.role in unverified_roles)


def _cumulative_cell(column: Column, year: int, unverified_roles: set[str] = frozenset()) -> dict:
    if not column.earnings:
        return _cell("—")
    value = column.earnings.cumulative_at_year(year)
    if value is None:
        return _cell("Unknown")
    roles = {month.role for month in column.earnings.months[: year * 12]}
    return _cell(money(value), bool(roles & unverified_roles))


def _break_even_sentences(comparison) -> list[str]:
    sentences = []
    for pair in comparison.break_evens:
        a, b = pair.first + 1, pair.second + 1
        for crossing in pair.crossings:
            sentences.append(
                f"Path {crossing.ahead + 1} overtakes path {crossing.behind + 1} in total "
                f"earnings after {crossing.month} months ({crossing.date:%B %Y})."
            )
        if pair.known_until < HORIZON_MONTHS:
            sentences.append(
                f"Paths {a} and {b} can be compared for the first {pair.known_until} months "
                "only: after that a role on the way has no salary band."
            )
        elif not pair.crossings and pair.leader_at_end is not None:
            behind = b if pair.leader_at_end == pair.first else a
            sentences.append(
                f"Path {pair.leader_at_end + 1} earns more than path {behind} "
                "throughout the ten years."
            )
    return sentences


def _year_rows(comparison) -> list[dict]:
    """The chart's numbers: cumulative earnings at each whole year, a cell a path."""
    return [
        {
            "year": year,
            "cells": [_cumulative_cell(c, year)["text"] for c in comparison.columns],
        }
        for year in range(0, 11)
    ]


# The career map


@require_GET
def career_map(request: HttpRequest) -> HttpResponse:
    """The map is the same for everyone who asks the same address: kept in the cache."""
    found = page_cache.answer(
        request,
        "map",
        current_catalog(),
        timezone.localdate(),
        lambda: _career_map_answer(request),
    )
    context = {"answer_html": mark_safe(found["html"]), "section": "map"}
    return render(request, "roles/career_map.html", context)


def _career_map_answer(request: HttpRequest) -> dict:
    roles = [MapRole(**row) for row in Role.objects.values("slug", "title", "level", "track")]
    moves = [
        MapMove(source=a, target=b, kind=kind)
        for a, b, kind in Move.objects.values_list("from_role__slug", "to_role__slug", "kind")
    ]
    graph = layout(roles, moves)
    roadmap = problem = None
    path_roles: list[str] = []
    if "target" in request.GET:
        catalog = current_catalog()
        form = PlanForm(request.GET, catalog=catalog)
        options = PathForm(request.GET, catalog=catalog)  # a compared path's route, if any
        if form.is_valid() and options.is_valid():
            today = timezone.localdate()
            situation = form.situation()
            question = options.spec().request(situation)
            question["start"] = _start(form).isoformat()
            roadmap, problem = plan_document(catalog, question, today=today)
            if roadmap:
                path_roles = _roles_on(roadmap, situation["role"])
                graph.highlight(path_roles)
        else:
            problem = "The path in this address could not be read; the map is shown without it."
    titles = {role.slug: role.title for role in roles}
    outgoing: dict[str, list] = {}
    for move in moves:
        outgoing.setdefault(move.source, []).append(move)
    levels: dict[str, list] = {}
    for node in graph.nodes:
        levels.setdefault(node.level, []).append(
            {
                "node": node,
                "moves": [
                    {"title": titles[m.target], "slug": m.target, "kind": m.kind}
                    for m in sorted(outgoing.get(node.slug, []), key=lambda m: titles[m.target])
                ],
            }
        )
    level_names = dict(Role.Level.choices)
    columns = [
        {"level": level_names.get(level, level), "roles": items} for level, items in levels.items()
    ]
    context = {
        "map": graph,
        "columns": columns,
        "roadmap": roadmap,
        "problem": problem,
        "path_titles": [titles[slug] for slug in path_roles if slug in titles],
        "section": "map",
    }
    return {"html": render_to_string("roles/career_map.html#answer", context, request)}


def _roles_on(roadmap: dict, start_role: str | None) -> list[str]:
    """The roles a roadmap passes through, in order, starting with the one held now."""
    path = [start_role] if start_role else []
    for step in roadmap["steps"]:
        if step["role"] and step["kind"] == "move" and (not path or path[-1] != step["role"]):
            path.append(step["role"])
    return path
