"""The public catalog pages: roles and credentials, read-only, a fixed number of queries each."""

from __future__ import annotations

from collections.abc import Iterable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .forms import RoleFilterForm
from .models import Credential, Role, Route, Source


def _credentials_named(routes: Iterable[Route]) -> list[Credential]:
    named = {
        credential.pk: credential for route in routes for credential in route.credentials.all()
    }
    return sorted(named.values(), key=lambda credential: credential.acronym)


def _distinct_sources(*sources: Source | None) -> list[Source]:
    found = {source.pk: source for source in sources if source is not None}
    return sorted(found.values(), key=lambda source: source.title)


# Roles


@require_GET
@vary_on_headers("HX-Request")
def role_list(request: HttpRequest) -> HttpResponse:
    form = RoleFilterForm(request.GET)
    form.is_valid()  # an unknown value is reported on the form and that filter left out
    roles = Role.objects.matching(**form.cleaned_data).by_level()
    context = {"form": form, "roles": roles, "section": "roles"}
    template = "roles/role_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#role-results"
    return render(request, template, context)


@require_GET
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    role = get_object_or_404(Role.objects.with_detail(), slug=slug)
    moves = [*role.moves_in.all(), *role.moves_out.all()]
    routes = [*role.hire_routes.all(), *(route for move in moves for route in move.routes.all())]
    context = {
        "role": role,
        "credentials": _credentials_named(routes),
        "sources": _distinct_sources(
            role.salary_source,
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
    context = {"credentials": Credential.objects.by_issuer(), "section": "credentials"}
    return render(request, "roles/credential_list.html", context)


@require_GET
def credential_detail(request: HttpRequest, slug: str) -> HttpResponse:
    credential = get_object_or_404(Credential.objects.with_detail(), slug=slug)
    rule_sets = [
        {
            "rule_set": rule_set,
            "required": rule_set.routes_of(Route.Strength.REQUIRED),
            "recommended": rule_set.routes_of(Route.Strength.RECOMMENDED),
        }
        for rule_set in credential.rule_sets.all()
    ]
    context = {
        "credential": credential,
        "rule_sets": rule_sets,
        "today": timezone.localdate(),
        "sources": _distinct_sources(
            credential.exam_source,
            credential.renewal_source,
            *(rule_set.source for rule_set in credential.rule_sets.all()),
        ),
        "section": "credentials",
    }
    return render(request, "roles/credential_detail.html", context)
