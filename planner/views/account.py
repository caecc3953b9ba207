"""My account: reminders on or off, download my data, delete my account (allauth does the
rest); and the one-click "turn reminders off" link every reminder email carries."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..forms import DeleteAccountForm
from ..models import Plan, Profile
from ..reminders import user_for_off_token
from ..renewal_forms import RemindersForm


def _reminders_form(user) -> RemindersForm:
    profile = Profile.objects.filter(user=user).first() or Profile(user=user)
    return RemindersForm(instance=profile)


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    context = {
        "form": DeleteAccountForm(user=request.user),
        "reminders_form": _reminders_form(request.user),
        "section": "account",
    }
    return render(request, "planner/account.html", context)


@login_required
@require_POST
def account_reminders(request: HttpRequest) -> HttpResponse:
    profile, _ = Profile.objects.get_or_create(user=request.user)
    form = RemindersForm(request.POST, instance=profile)
    form.save()  # a checkbox: always valid
    messages.success(
        request, "Reminders are on." if profile.reminders else "Reminders are off: no more emails."
    )
    return redirect("planner:account")


@require_http_methods(["GET", "POST"])
def reminders_off(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every reminder email: GET asks, POST turns reminders off. No sign-in:
    the signed token says whose reminders."""
    user_id = user_for_off_token(token)
    profile = Profile.objects.filter(user_id=user_id).first() if user_id is not None else None
    if profile is None:
        raise Http404("This link is not valid.")
    if request.method == "POST":
        if profile.reminders:
            profile.reminders = False
            profile.save(update_fields=["reminders", "updated"])
        return render(request, "planner/reminders_off.html", {"done": True})
    return render(request, "planner/reminders_off.html", {"done": False, "token": token})


def account_data(user) -> dict:
    """Everything the person owns, as one JSON-ready mapping."""
    profile = Profile.objects.full().filter(user=user).first()
    plans = Plan.objects.owned_by(user).prefetch_related("progress")
    data = {
        "exported": timezone.now(),
        "account": {"email": user.email, "joined": user.date_joined},
        "situation": None,
        "plans": [],
    }
    if profile is not None:
        data["situation"] = {
            "education": profile.education,
            "licences": profile.licences,
            "experience": profile.experience,
            "role": profile.role or None,
            "positions": [
                {"role": p.role, "start": p.start, "end": p.end, "full_time": p.full_time}
                for p in profile.positions.all()
            ],
            "programs": [
                {"program": p.program, "completed": p.completed} for p in profile.programs.all()
            ],
            "credentials": [
                {"credential": c.credential, "earned": c.earned} for c in profile.credentials.all()
            ],
            "aapc_ceus_due": profile.aapc_ceus_due,
            "reminders": profile.reminders,
            "ceu_log": [
                {
                    "date": entry.day,
                    "ceus": entry.hours,
                    "title": entry.title,
                    "provider": entry.provider,
                    "from_issuer": entry.from_issuer,
                    "counts_toward": entry.counts_toward,
                }
                for entry in profile.ceu_entries.all()
            ],
        }
    for plan in plans:
        data["plans"].append(
            {
                "name": plan.name,
                "target": {"kind": plan.target_kind, "slug": plan.target},
                "options": plan.options(),
                "saved": plan.saved,
                "roadmap": plan.roadmap,
                "progress": [
                    {"key": mark.key, "status": mark.status, "on": mark.on, "step": mark.step}
                    for mark in plan.progress.all()
                ],
            }
        )
    return data


@login_required
@require_GET
def download_data(request: HttpRequest) -> HttpResponse:
    body = json.dumps(account_data(request.user), cls=DjangoJSONEncoder, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = 'attachment; filename="career-planner-my-data.json"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Asks for the password, then removes the account and everything it owns."""
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        user.delete()  # the profile, its rows, plans and progress go with it (CASCADE)
        messages.success(request, "Your account and everything in it are deleted.")
        return redirect("public:home")
    context = {
        "form": form,
        "reminders_form": _reminders_form(request.user),
        "section": "account",
    }
    return render(request, "planner/account.html", context, status=200)
