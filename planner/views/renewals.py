"""Renewals and CEUs: every cycle the person is in, the CEU log, the apprentice countdown.

Every view that takes an entry id fetches it through `owned_entry`, which answers 404 for
anyone else's entry, signed in or not (as the plan views do). A form post redirects back to
the page (post/redirect/get); an htmx post gets the panel it changed, with the form's
errors in it when it has any.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..models import CeuEntry, Profile
from ..my_renewals import report_for
from ..renewal_forms import AapcDueForm, CeuEntryForm
from ..snapshot import current_renewal_rules
from .situation import error_summary, new_profile

PAGE = "planner/renewals.html"


def own_renewals_profile(request: HttpRequest) -> Profile:
    """The signed-in person's profile with what the report reads (created empty if new;
    two first requests at once share one: new_profile)."""
    profile = Profile.objects.with_renewals().filter(user=request.user).first()
    if profile is None:
        new_profile(request.user)
        profile = Profile.objects.with_renewals().get(user=request.user)
    return profile


def owned_entry(request: HttpRequest, pk: int) -> CeuEntry:
    return get_object_or_404(CeuEntry.objects.owned_by(request.user), pk=pk)


def _credential_choices(profile: Profile, rules) -> list[tuple[str, str]]:
    return [
        (row.credential, rules.credentials[row.credential].acronym)
        for row in profile.credentials.all()
        if row.credential in rules.credentials
    ]


def _page(
    request: HttpRequest,
    *,
    entry_form: CeuEntryForm | None = None,
    due_form: AapcDueForm | None = None,
    notice: str = "",
    status: int = 200,
) -> HttpResponse:
    profile = own_renewals_profile(request)
    rules = current_renewal_rules()
    today = timezone.localdate()
    report = report_for(profile, rules, today)
    choices = _credential_choices(profile, rules)
    acronyms = dict(choices)
    entries = [
        (entry, [acronyms.get(slug, slug.upper()) for slug in entry.counts_toward])
        for entry in profile.ceu_entries.all()
    ]
    holds_aapc = any(
        rules.credentials[row.credential].issuer == "aapc"
        for row in profile.credentials.all()
        if row.credential in rules.credentials
    )
    context = {
        "section": "renewals",
        "report": report,
        "entries": entries,
        "has_credentials": bool(choices),
        "entry_form": entry_form or CeuEntryForm(credentials=choices, initial={"day": today}),
        "entry_errors": error_summary(entry_form) if entry_form is not None else [],
        "due_form": due_form or AapcDueForm(instance=profile),
        "holds_aapc": holds_aapc,
        "policies": rules.policies,
        "notice": notice,
    }
    if request.htmx:
        # htmx swaps only 2xx answers: the panel with the form's errors comes back as 200.
        return render(request, f"{PAGE}#renewals-panel", context)
    return render(request, PAGE, context, status=status)


@login_required
@require_GET
def renewals(request: HttpRequest) -> HttpResponse:
    return _page(request)


@login_required
@require_POST
def ceu_create(request: HttpRequest) -> HttpResponse:
    profile = own_renewals_profile(request)
    form = CeuEntryForm(
        request.POST, credentials=_credential_choices(profile, current_renewal_rules())
    )
    if not form.is_valid():
        return _page(request, entry_form=form, status=422)
    entry = form.save(commit=False)
    entry.profile = profile
    entry.save()
    return _done(request, f"Logged {entry.hours.normalize():f} CEUs: {entry.title}.")


def _done(request: HttpRequest, notice: str) -> HttpResponse:
    """After a change: the panel for htmx (saying what changed), else back to the page."""
    if request.htmx:
        return _page(request, notice=notice)
    messages.success(request, notice)
    return redirect("planner:renewals")


@require_http_methods(["GET", "POST"])
def ceu_edit(request: HttpRequest, pk: int) -> HttpResponse:
    entry = owned_entry(request, pk)
    profile = own_renewals_profile(request)
    choices = _credential_choices(profile, current_renewal_rules())
    form = CeuEntryForm(request.POST or None, instance=entry, credentials=choices)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"Saved “{entry.title}”.")
        return redirect("planner:renewals")
    status = 422 if request.method == "POST" else 200
    errors = error_summary(form) if request.method == "POST" else []
    context = {"form": form, "entry": entry, "errors": errors, "section": "renewals"}
    return render(request, "planner/ceu_form.html", context, status=status)


@require_POST
def ceu_delete(request: HttpRequest, pk: int) -> HttpResponse:
    entry = owned_entry(request, pk)
    entry.delete()
    return _done(request, f"Deleted “{entry.title}”.")


@login_required
@require_POST
def aapc_due(request: HttpRequest) -> HttpResponse:
    profile = own_renewals_profile(request)
    form = AapcDueForm(request.POST, instance=profile)
    if not form.is_valid():
        return _page(request, due_form=form, status=422)
    form.save()
    return _done(request, "Saved your AAPC due date.")
