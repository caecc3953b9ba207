"""My situation: the profile and its dated rows, on one page, in one form."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..forms import (
    CredentialFormSet,
    PositionFormSet,
    ProgramFormSet,
    SituationForm,
    credential_choices,
    program_choices,
    role_choices,
)
from ..models import Profile
from ..snapshot import current_catalog

ADD_BUTTONS = ("positions", "programs", "credentials")


def own_profile(request: HttpRequest) -> Profile:
    """The signed-in person's profile with its rows (created empty on first use: two first
    requests at once, two tabs opened together, share the one the first creates)."""
    profile = Profile.objects.full().filter(user=request.user).first()
    if profile is None:
        profile = new_profile(request.user) or Profile.objects.full().get(user=request.user)
    return profile


def new_profile(user) -> Profile | None:
    """An empty profile for `user`, or None when another first request made it meanwhile
    (the one-profile-a-person rule refuses a second)."""
    try:
        with transaction.atomic():
            return Profile.objects.create(user=user)
    except IntegrityError:
        return None


def _add_row(data, prefix: str):
    """A copy of the posted data with one more (blank) row in the formset `prefix`."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    data[key] = str(int(data.get(key) or 0) + 1)
    return data


@login_required
@require_http_methods(["GET", "POST"])
def situation(request: HttpRequest) -> HttpResponse:
    catalog = current_catalog()
    profile = own_profile(request)
    data = request.POST if request.method == "POST" else None
    adding = request.POST.get("add") if data is not None else None
    if adding in ADD_BUTTONS:
        data = _add_row(data, adding)

    form = SituationForm(data, instance=profile, catalog=catalog)
    formsets = {
        "positions": PositionFormSet(
            data,
            instance=profile,
            prefix="positions",
            queryset=profile.positions.all(),
            form_kwargs={"choices": role_choices(catalog)},
        ),
        "programs": ProgramFormSet(
            data,
            instance=profile,
            prefix="programs",
            queryset=profile.programs.all(),
            form_kwargs={"choices": program_choices(catalog)},
        ),
        "credentials": CredentialFormSet(
            data,
            instance=profile,
            prefix="credentials",
            queryset=profile.credentials.all(),
            form_kwargs={"choices": credential_choices(catalog)},
        ),
    }
    if data is not None and not adding:
        # Validate everything (no short cut), so every error shows at once.
        results = [form.is_valid()] + [formset.is_valid() for formset in formsets.values()]
        if all(results):
            form.save()
            for formset in formsets.values():
                formset.save()
            messages.success(request, "Your situation is saved.")
            return redirect("planner:situation")
    context = {
        "form": form,
        "formsets": formsets,
        "profile": profile,
        "error_summary": error_summary(form, *formsets.values())
        if data is not None and not adding
        else [],
        "section": "situation",
    }
    return render(request, "planner/situation.html", context)


def error_summary(form, *formsets) -> list[tuple[str, str]]:
    """(field id, "Label: message") for every error, to list at the top of the page."""
    summary = []

    def add(one_form, prefix: str = ""):
        for name, errors in one_form.errors.items():
            if name == "__all__":
                summary.extend(("", prefix + error) for error in errors)
                continue
            bound = one_form[name]
            summary.extend((bound.auto_id, f"{prefix}{bound.label}: {error}") for error in errors)

    add(form)
    for formset in formsets:
        noun = formset.prefix.rstrip("s")
        for number, row in enumerate(formset.forms, start=1):
            add(row, f"{noun.capitalize()} {number}, ")
        summary.extend(("", error) for error in formset.non_form_errors())
    return summary
