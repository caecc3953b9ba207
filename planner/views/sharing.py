"""A plan taken out of the site: its calendar (a download, or a private subscription
address) and a read-only share link.

The owner's views fetch the plan through `owned_plan` (404 for anyone else). The two
views behind a token work signed out, because the token is the credential: they look the
link up by the token's hash and kind, touch no session and set no cookie of their own,
and tell search engines to keep out (X-Robots-Tag) and browsers to send no Referer.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.text import slugify
from django.views.decorators.http import require_GET, require_POST, require_safe

from ..calendar import Event, plan_events, to_ics
from ..models import Plan, PlanLink, Profile
from ..my_renewals import report_for
from ..renewals import renewal_events
from ..snapshot import current_catalog, current_renewal_rules
from .plans import owned_plan

LINK_URL_NAMES = {
    PlanLink.Kind.CALENDAR: "planner:calendar-feed",
    PlanLink.Kind.SHARE: "planner:shared-plan",
}
# Where the address of a link just made waits (in the owner's session) to be shown once.
NEW_LINK_SESSION_KEY = "new-plan-link:{plan}:{kind}"


def calendar_events(plan: Plan) -> list[Event]:
    """Every event in a plan's calendar, in date order: the roadmap's milestones, then the
    owner's renewal deadlines and apprentice countdowns (planner.renewals), whatever the
    plan's target, since they fall due either way. Another source of events is one more
    term in the sum: any list of Events whose keys are stable and unique in the calendar
    (the key makes the UID)."""
    catalog = current_catalog()
    names = {slug: credential.acronym for slug, credential in catalog.credentials.items()}
    sources = {slug: f"{source.title} ({source.url})" for slug, source in catalog.sources.items()}
    events = plan_events(plan.roadmap, names, sources) + _renewal_events(plan)
    return sorted(events, key=lambda event: event.day)  # stable: each source's order on a tie


def _renewal_events(plan: Plan) -> list[Event]:
    profile = Profile.objects.with_renewals().get(pk=plan.profile_id)
    report = report_for(profile, current_renewal_rules(), timezone.localdate())
    return [
        Event(event.key, event.day, event.title, event.description)
        for event in renewal_events(report)
    ]


def _calendar(request: HttpRequest, plan: Plan) -> HttpResponse:
    body = to_ics(
        calendar_events(plan),
        name=f"{plan.name} (Career Planner)",
        uid_prefix=f"plan-{plan.pk}",
        link=request.build_absolute_uri(plan.get_absolute_url()),
        saved=plan.saved,
        sequence=plan.revision,
    )
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _private(response: HttpResponse) -> HttpResponse:
    """A page or file opened by a token: never indexed, cached or referred."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response


def _link(token: str, kind: PlanLink.Kind) -> PlanLink:
    return get_object_or_404(
        PlanLink.objects.by_token(token).filter(kind=kind).select_related("plan")
    )


def _kind(kind: str) -> PlanLink.Kind:
    if kind not in PlanLink.Kind.values:
        raise Http404("No such kind of link")
    return PlanLink.Kind(kind)


# The owner's side


@require_GET
def plan_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's milestones as an .ics file to import."""
    plan = owned_plan(request, pk)
    response = _calendar(request, plan)
    filename = slugify(plan.name) or "roadmap"
    response["Content-Disposition"] = f'attachment; filename="{filename}.ics"'
    return response


@require_POST
def link_renew(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Make the plan's address of `kind`, or a new one in place of the old (which stops
    working). The address is shown once, on the plan page this redirects to."""
    plan = owned_plan(request, pk)
    kind = _kind(kind)
    token = PlanLink.renew(plan, kind)
    url = request.build_absolute_uri(reverse(LINK_URL_NAMES[kind], args=[token]))
    request.session[NEW_LINK_SESSION_KEY.format(plan=plan.pk, kind=kind.value)] = url
    messages.success(request, f"{kind.label} made: copy its address now, it is shown only once.")
    return redirect(plan.get_absolute_url() + "#links-heading")


@require_POST
def link_revoke(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    plan = owned_plan(request, pk)
    kind = _kind(kind)
    plan.links.filter(kind=kind).delete()
    messages.success(request, f"{kind.label} turned off: its address now finds nothing.")
    return redirect(plan.get_absolute_url() + "#links-heading")


def link_rows(request: HttpRequest, plan: Plan) -> list[dict]:
    """The plan page's calendar and share rows: each link if on, and the address of one
    just made (taken from the session, so it shows once)."""
    links = {link.kind: link for link in plan.links.all()}
    return [
        {
            "kind": kind.value,
            "label": kind.label,
            "link": links.get(kind),
            "new_url": request.session.pop(
                NEW_LINK_SESSION_KEY.format(plan=plan.pk, kind=kind.value), None
            ),
        }
        for kind in PlanLink.Kind
    ]


# Behind a token (signed out is fine: the token is the credential)


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """The subscription address: a calendar app polls it and takes the changes."""
    return _private(_calendar(request, _link(token, PlanLink.Kind.CALENDAR).plan))


@require_GET
def shared_plan(request: HttpRequest, token: str) -> HttpResponse:
    """The read-only roadmap for an adviser, a manager, a parent: the roadmap and its
    eligibility through the shared partial, with no name, email, forms or edit controls."""
    plan = _link(token, PlanLink.Kind.SHARE).plan
    progress = list(plan.progress.all())
    context = {
        "plan": plan,
        "progress": {mark.key: mark for mark in progress},
        "history": progress,
        "today": timezone.localdate(),
    }
    return _private(render(request, "planner/plan_shared.html", context))
