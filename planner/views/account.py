"""My account: download my data, delete my account (allauth does the rest)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ..forms import DeleteAccountForm
from ..models import Plan, Profile


@login_required
@require_GET
def account(request: HttpRequest) -> HttpResponse:
    context = {"form": DeleteAccountForm(user=request.user), "section": "account"}
    return render(request, "planner/account.html", context)


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
    return render(request, "planner/account.html", {"form": form, "section": "account"}, status=200)
