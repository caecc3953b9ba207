"""The public catalog pages: roles, credentials, programs and the glossary.

Read-only, and each page runs a fixed number of queries whatever the catalog's size.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .forms import RoleFilterForm
from .glossary import TERMS
from .models import Credential, Move, Program, Role, Route, RuleSet, Source


def _credentials_named(routes: Iterable[Route]) -> list[Credential]:
    named = {
        credential.pk: credential for route in routes for credential in route.credentials.all()
    }
    return sorted(named.values(), key=lambda credential: credential.acronym)


def _distinct_sources(*sources: Source | None) -> list[Source]:
    found = {source.pk: source for source in sources if source is not None}
    return sorted(found.values(), key=lambda source: source.title)


def _exam_stage(credential: Credential, today: date) -> Credential | None:
    """The exam behind a credential that is granted without one: for the CPC, the CPC-A.

    AAPC's CPC is granted once a CPC-A shows the experience; the exam people call "the
    CPC exam" makes them a CPC-A. That is the one exam-earned credential every required
    route of the rules in force names. Reads the prefetched rule sets and routes.
    """
    rule_set = credential.rule_set_on(today)
    if credential.earned_by != Credential.EarnedBy.GRANT or rule_set is None:
        return None
    named = [
        {c for c in route.credentials.all() if c.earned_by == Credential.EarnedBy.EXAM}
        for route in rule_set.routes_of(Route.Strength.REQUIRED)
    ]
    shared = set.intersection(*named) if named else set()
    return shared.pop() if len(shared) == 1 else None


# Roles


@require_GET
@vary_on_headers("HX-Request")
def role_list(request: HttpRequest) -> HttpResponse:
    form = RoleFilterForm(request.GET, roles=Role.objects.all())
    form.is_valid()  # an unknown value is reported on the form and that filter left out
    roles = Role.objects.matching(**form.cleaned_data).by_level()
    context = {"form": form, "roles": roles, "section": "roles"}
    template = "roles/role_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#role-results"
        context["update_count"] = True
    return render(request, template, context)


@require_GET
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """The role, its moves in and out, and every route into it, in a fixed number of
    queries: the moves in one, the hiring routes and the moves' routes in one set."""
    role = get_object_or_404(Role.objects.with_detail(), slug=slug)
    moves = list(
        Move.objects.filter(Q(from_role=role) | Q(to_role=role)).select_related(
            "from_role", "to_role", "source"
        )
    )
    routes = list(Route.objects.for_display().filter(Q(hire_role=role) | Q(move__in=moves)))
    for move in moves:
        move.route_list = [route for route in routes if route.move_id == move.pk]
    context = {
        "role": role,
        "hire_routes": [route for route in routes if route.hire_role_id == role.pk],
        "moves_in": [move for move in moves if move.to_role_id == role.pk],
        "moves_out": [move for move in moves if move.from_role_id == role.pk],
        "credentials": _credentials_named(routes),
        "sources": _distinct_sources(
            role.salary_source,
            role.median_pay_source,
            role.outlook_source,
            role.hire_source,
            *(move.source for move in moves),
        ),
        "section": "roles",
    }
    return render(request, "roles/role_detail.html", context)


# Credentials


@require_GET
def credential_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    routes = Route.objects.prefetch_related("credentials")
    rule_sets = RuleSet.objects.prefetch_related(Prefetch("routes", queryset=routes))
    credentials = Credential.objects.by_issuer().prefetch_related(
        Prefetch("rule_sets", queryset=rule_sets)
    )
    for credential in credentials:
        credential.exam_stage = _exam_stage(credential, today)
    context = {"credentials": credentials, "section": "credentials"}
    return render(request, "roles/credential_list.html", context)


@require_GET
def credential_detail(request: HttpRequest, slug: str) -> HttpResponse:
    credential = get_object_or_404(Credential.objects.with_detail(), slug=slug)
    today = timezone.localdate()
    current = credential.rule_set_on(today)
    rule_sets = [
        {
            "rule_set": rule_set,
            "required": rule_set.routes_of(Route.Strength.REQUIRED),
            "recommended": rule_set.routes_of(Route.Strength.RECOMMENDED),
            "when": "current"
            if rule_set == current
            else ("upcoming" if rule_set.effective > today else "past"),
        }
        for rule_set in credential.rule_sets.all()
    ]
    stage = _exam_stage(credential, today)
    if stage is not None:
        stage = Credential.objects.select_related("exam_source").get(pk=stage.pk)
    # Every route elsewhere that names the credential, in one query: the roles that ask
    # for it (to hire, to move up) and the credentials it leads to (granted on it).
    naming = Route.objects.filter(credentials=credential).select_related(
        "hire_role", "move__to_role", "move__from_role", "rule_set__credential"
    )
    roles = {}
    leads_to = {}
    for route in naming:
        if route.rule_set is not None:
            granted = route.rule_set.credential
            if granted.earned_by == Credential.EarnedBy.GRANT:
                leads_to[granted.pk] = granted
            continue
        if route.hire_role is None and route.move is None:
            continue  # a program's admission
        role = route.hire_role or route.move.to_role
        way = "to be hired" if route.hire_role else f"to move up from {route.move.from_role}"
        roles.setdefault(role.pk, {"role": role, "ways": set()})["ways"].add(way)
    context = {
        "credential": credential,
        "exam": stage or credential,
        "stage": stage,
        "leads_to": sorted(leads_to.values(), key=lambda granted: granted.acronym),
        "rule_sets": [item for item in rule_sets if item["when"] != "past"],
        "past_rule_sets": [item for item in rule_sets if item["when"] == "past"],
        "asked_by": sorted(roles.values(), key=lambda item: item["role"].title),
        "today": today,
        "sources": _distinct_sources(
            credential.exam_source,
            credential.renewal_source,
            stage.exam_source if stage else None,
            *(rule_set.source for rule_set in credential.rule_sets.all()),
        ),
        "section": "credentials",
    }
    return render(request, "roles/credential_detail.html", context)


# Programs and the glossary


@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    programs = Program.objects.select_related("duration_source", "cost_source").prefetch_related(
        Prefetch("admission_routes", queryset=Route.objects.for_display())
    )
    context = {
        "programs": programs,
        "sources": _distinct_sources(
            *(program.duration_source for program in programs),
            *(program.cost_source for program in programs),
        ),
        "section": "programs",
    }
    return render(request, "roles/program_list.html", context)


@require_GET
def glossary(request: HttpRequest) -> HttpResponse:
    return render(request, "roles/glossary.html", {"terms": TERMS, "section": "glossary"})
