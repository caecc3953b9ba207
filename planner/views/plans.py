"""Saved plans: the list, the one-form create, the roadmap page with what-if and progress.

Every view that takes an id fetches the plan through `owned_plan`, which answers 404 for
anyone else's plan, signed in or not (staff included).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from roles.models import CatalogVersion

from .. import page_cache
from ..forms import OptionsForm, PlanForm, StepMarkForm
from ..models import CompletedProgram, HeldCredential, Plan, Position, StepProgress, next_step
from ..planning import compare, compute
from ..snapshot import current_catalog, digest_of, version_of
from .situation import own_profile


def owned_plan(request: HttpRequest, pk: int) -> Plan:
    """The signed-in person's plan `pk` with its profile's rows, or 404."""
    plan = get_object_or_404(Plan.objects.owned_by(request.user).select_related("profile"), pk=pk)
    prefetch_related_objects([plan.profile], "positions", "programs", "credentials")
    return plan


def _store(plan: Plan, options: dict, roadmap: dict) -> None:
    for name, value in options.items():
        setattr(plan, name, value)
    plan.roadmap = roadmap
    plan.catalog_version = CatalogVersion.current()
    plan.saved = timezone.now()
    plan.revision += 1


# The list and a new plan


@login_required
@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = list(Plan.objects.owned_by(request.user))
    today = timezone.localdate()
    rows = [{"plan": plan, "next": next_step(plan.roadmap, today)} for plan in plans]
    return render(request, "planner/plan_list.html", {"rows": rows, "section": "plans"})


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    catalog = current_catalog()
    profile = own_profile(request)
    error = None
    if request.method == "POST":
        form = PlanForm(request.POST, catalog=catalog)
        if form.is_valid():
            kind, slug = form.target_parts()
            plan = Plan(profile=profile, name=form.plan_name(), target_kind=kind, target=slug)
            options = form.options()
            outcome = compute(plan.request_data(profile, options), catalog)
            if outcome.roadmap is not None:
                _store(plan, options, outcome.roadmap)
                plan.save()
                messages.success(request, f"Plan “{plan.name}” saved.")
                return redirect(plan)
            error = outcome.error
    else:
        initial = {"start": timezone.localdate(), "readiness": "recommended"}
        if target := request.GET.get("target"):
            initial["target"] = target
        form = PlanForm(initial=initial, catalog=catalog)
    context = {"form": form, "error": error, "profile": profile, "section": "plans"}
    return render(request, "planner/plan_form.html", context, status=422 if error else 200)


# The roadmap page


def _saved_roadmap(request: HttpRequest, plan: Plan, catalog, progress: list, today) -> str:
    """The saved roadmap with the person's marks and a Done / Skip form per step, drawn
    once per plan revision, marks, catalog and day. The step forms' CSRF token is put in
    for each request, so the kept HTML holds no one's token."""

    def draw() -> str:
        context = {
            "roadmap": plan.roadmap,
            "progress": {mark.key: mark for mark in progress},
            "today": today,
            "step_actions": plan.get_absolute_url() + "steps/",
            "catalog": catalog,
            "csrf_token": page_cache.CSRF_PLACEHOLDER,
        }
        return render_to_string("planner/includes/roadmap.html", context)

    digest = digest_of(catalog)
    if digest is None:  # not the current snapshot: nothing to key it by
        return page_cache.with_csrf_token(request, draw())
    marks = [(mark.key, mark.status, mark.on) for mark in progress]
    parts = [plan.pk, plan.revision, plan.saved, digest, today, marks]
    return page_cache.with_csrf_token(request, page_cache.fragment("plan-roadmap", parts, draw))


def _preview_panel(plan: Plan, whatif: OptionsForm, today) -> HttpResponse:
    """The what-if answer htmx asks for on every change: the panel with the roadmap the
    posted options give, against the saved one. It depends on the plan as saved (its
    revision), the request the options make with the person's situation, the catalog and
    the day, and holds no token: kept under those."""
    catalog = whatif.catalog
    data = plan.request_data(plan.profile, whatif.options())

    def draw() -> str:
        preview = compute(data, catalog)
        change = compare(plan.roadmap, preview.roadmap) if preview.roadmap is not None else None
        context = {
            "plan": plan,
            "catalog": catalog,
            "preview": preview,
            "preview_change": change,
            "today": today,
        }
        return render_to_string("planner/plan_detail.html#roadmap-panel", context)

    digest = digest_of(catalog)
    if digest is None:
        return HttpResponse(draw())
    parts = [plan.pk, plan.revision, plan.saved, digest, today, data]
    return HttpResponse(page_cache.fragment("plan-preview", parts, draw))


def _plan_page(request: HttpRequest, plan: Plan, whatif: OptionsForm | None = None):
    from .sharing import link_rows  # here: sharing imports owned_plan from this module

    catalog = whatif.catalog if whatif is not None else current_catalog()
    profile = plan.profile
    today = timezone.localdate()
    if request.htmx and whatif is not None and whatif.is_valid():
        return _preview_panel(plan, whatif, today)
    progress = list(plan.progress.all())
    now = compute(plan.request_data(profile), catalog)
    change = None
    if now.roadmap is not None:
        change = compare(plan.roadmap, now.roadmap)
        change = change if change.any else None
    preview = preview_change = None
    if whatif is not None and whatif.is_valid():
        preview = compute(plan.request_data(profile, whatif.options()), catalog)
        if preview.roadmap is not None:
            preview_change = compare(plan.roadmap, preview.roadmap)
    digest = digest_of(catalog)
    version = version_of(catalog)  # the snapshot's, so the version is read once a request
    if version is None:
        version = CatalogVersion.current()
    options_key = None
    if whatif is None and digest is not None:
        # The what-if fields as saved: drawn once per catalog and set of options.
        options_key = page_cache.key("options-fields", digest, plan.options())
    context = {
        "plan": plan,
        "profile": profile,
        "catalog": catalog,
        "preview": preview,
        "preview_change": preview_change,
        "change": change,
        "now_error": now.error,
        "catalog_changed": plan.catalog_version != version,
        # Built only when drawn: the fields as saved mostly come from the cache.
        "form": whatif
        or SimpleLazyObject(lambda: OptionsForm(initial=plan.options(), catalog=catalog)),
        "options_key": options_key,
        "history": progress,
        # The marks as the "Done so far" list shows them: drawn once per set of marks.
        "history_key": page_cache.key(
            "plan-history", [(m.key, m.status, m.on, m.step.get("title")) for m in progress]
        ),
        "today": today,
        "section": "plans",
    }
    if preview is None:
        context["saved_roadmap"] = _saved_roadmap(request, plan, catalog, progress, today)
    template = "planner/plan_detail.html"
    if request.htmx and whatif is not None:
        template += "#roadmap-panel"
    else:  # the whole page: the calendar and sharing controls too (a new address shows once)
        context["link_rows"] = link_rows(request, plan)
    return render(request, template, context)


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_page(request, owned_plan(request, pk))


@require_POST
def plan_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """What-if: the roadmap with the posted options, against the saved one; nothing saved.
    htmx posts on every change and gets the panel; without JavaScript the Preview button
    posts here and gets the whole page."""
    plan = owned_plan(request, pk)
    return _plan_page(request, plan, OptionsForm(request.POST, catalog=current_catalog()))


@require_POST
def plan_save(request: HttpRequest, pk: int) -> HttpResponse:
    plan = owned_plan(request, pk)
    catalog = current_catalog()
    form = OptionsForm(request.POST, catalog=catalog)
    if not form.is_valid():
        return _plan_page(request, plan, form)
    outcome = compute(plan.request_data(plan.profile, form.options()), catalog)
    if outcome.roadmap is None:
        return _plan_page(request, plan, form)
    _store(plan, form.options(), outcome.roadmap)
    plan.save()
    messages.success(request, "Plan saved with the new options.")
    return redirect(plan)


@require_POST
def plan_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the roadmap as the plan computes now (after a catalog or situation change)."""
    plan = owned_plan(request, pk)
    outcome = compute(plan.request_data(plan.profile), current_catalog())
    if outcome.roadmap is not None:
        _store(plan, {}, outcome.roadmap)
        plan.save()
        messages.success(request, "The plan now follows the new roadmap.")
    else:
        messages.error(request, outcome.error)
    return redirect(plan)


@require_POST
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    plan = owned_plan(request, pk)
    plan.delete()
    messages.success(request, f"Plan “{plan.name}” deleted.")
    return redirect("planner:plan-list")


# Progress


def _record(plan: Plan, step: dict, on) -> None:
    """What a done step means for the situation: a program completed, a credential
    earned, a new position (the ongoing ones end that day)."""
    profile = plan.profile
    if step["kind"] == "study" and step.get("program"):
        CompletedProgram.objects.update_or_create(
            profile=profile, program=step["program"], defaults={"completed": on}
        )
    elif step["kind"] in ("exam", "grant") and step.get("credential"):
        HeldCredential.objects.update_or_create(
            profile=profile, credential=step["credential"], defaults={"earned": on}
        )
    elif step["kind"] == "move" and step.get("role"):
        if profile.uses_positions:
            profile.positions.filter(end__isnull=True, start__lte=on).update(end=on)
            Position.objects.create(profile=profile, role=step["role"], start=on)
        else:
            profile.role = step["role"]
            profile.save(update_fields=["role", "updated"])


@require_POST
def step_mark(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Mark a step done (on a date) or skipped; a done step is recorded in the situation
    and the plan re-plans from today with the marked steps kept as history."""
    plan = owned_plan(request, pk)
    step = next((step for step in plan.roadmap.get("steps") or () if step["key"] == key), None)
    if step is None:
        raise Http404("No such step in this plan")
    form = StepMarkForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(plan)
    status, on = form.cleaned_data["status"], form.cleaned_data["on"]
    with transaction.atomic():
        StepProgress.objects.update_or_create(
            plan=plan, key=key, defaults={"status": status, "on": on, "step": step}
        )
        if status == StepProgress.Status.DONE:
            _record(plan, step, on)
            plan.profile._prefetched_objects_cache = {}  # the rows just changed
            prefetch_related_objects([plan.profile], "positions", "programs", "credentials")
            options = plan.options() | {"start": timezone.localdate()}
            outcome = compute(plan.request_data(plan.profile, options))
            if outcome.roadmap is not None:
                _store(plan, options, outcome.roadmap)
                plan.save()
    word = "done" if status == StepProgress.Status.DONE else "skipped"
    messages.success(request, f"“{step['title']}” marked {word}.")
    return redirect(plan)
