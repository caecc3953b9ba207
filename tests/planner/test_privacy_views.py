"""A person sees and changes only their own situation, plans and progress.

Walks every planner URL that takes an id, with every method it accepts, as a second
account, as a staff account and signed out: each answers 404 and changes nothing.
"""

import pytest
from django.urls import URLPattern, reverse

from planner import urls
from planner.models import CeuEntry, Plan, PlanLink, StepProgress
from tests.pages import ceu_entry

from .roadmap_helpers import CODER, fresh_snapshot, make_plan, person, situation  # noqa: F401

ID_PATTERNS = [
    p for p in urls.urlpatterns if isinstance(p, URLPattern) and "<int:pk>" in str(p.pattern)
]
CEU_PATTERNS = [p for p in ID_PATTERNS if p.name.startswith("ceu-")]
PLAN_PATTERNS = [p for p in ID_PATTERNS if p not in CEU_PATTERNS]


READ_ONLY = {"plan-detail", "plan-calendar"}  # answer GET; every other id URL answers POST only


def id_urls(plan):
    """(method, url) for every id URL, with the method it accepts."""
    key = plan.roadmap["steps"][0]["key"]
    for pattern in sorted(PLAN_PATTERNS, key=lambda pattern: pattern.name == "plan-delete"):
        kwargs = {"pk": plan.pk}
        if "<str:key>" in str(pattern.pattern):
            kwargs["key"] = key
        if "<slug:kind>" in str(pattern.pattern):
            kwargs["kind"] = "share"
        method = "get" if pattern.name in READ_ONLY else "post"
        yield method, reverse(f"planner:{pattern.name}", kwargs=kwargs)


def test_the_walk_covers_every_id_url(db):
    names = {pattern.name for pattern in ID_PATTERNS}
    assert names == {
        "plan-detail",
        "plan-preview",
        "plan-save",
        "plan-accept",
        "plan-delete",
        "step-mark",
        "ceu-edit",
        "ceu-delete",
        "plan-calendar",
        "plan-link-renew",
        "plan-link-revoke",
    }


def ceu_urls(entry):
    """(method, url) for every CEU entry URL, the delete last."""
    for pattern in sorted(CEU_PATTERNS, key=lambda pattern: pattern.name == "ceu-delete"):
        yield "post", reverse(f"planner:{pattern.name}", kwargs={"pk": entry.pk})
    yield "get", reverse("planner:ceu-edit", kwargs={"pk": entry.pk})


@pytest.mark.parametrize("who", ["another account", "a staff account", "signed out"])
def test_every_ceu_entry_url_answers_404_to_anyone_but_the_owner(client, shipped_catalog, who):
    owner = person()
    ceu_entry(owner)
    entry = CeuEntry.objects.get()
    saved = CeuEntry.objects.values().get()
    if who == "another account":
        person(client)
    elif who == "a staff account":
        person(client, is_staff=True, is_superuser=True)

    data = {"day": "2025-01-01", "hours": "40", "title": "Changed", "counts_toward": ["ccs"]}
    for method, url in ceu_urls(entry):
        assert getattr(client, method)(url, data).status_code == 404, (method, url)

    assert CeuEntry.objects.values().get() == saved


def test_the_owner_reaches_each_ceu_entry_url(client, shipped_catalog):
    owner = person(client)
    ceu_entry(owner)
    entry = CeuEntry.objects.get()
    data = {"day": "2025-01-01", "hours": "4", "title": "Changed", "counts_toward": ["ccs"]}
    get, *posts = reversed(list(ceu_urls(entry)))  # the delete comes last
    for method, url in [get, *reversed(posts)]:
        assert getattr(client, method)(url, data).status_code in (200, 302), (method, url)
    assert not CeuEntry.objects.exists()


@pytest.mark.parametrize("who", ["another account", "a staff account", "signed out"])
def test_every_id_url_answers_404_to_anyone_but_the_owner(client, shipped_catalog, who):
    owner = person()
    situation(owner, **CODER)
    plan = make_plan(owner)
    PlanLink.renew(plan, PlanLink.Kind.SHARE)
    saved = Plan.objects.values().get(pk=plan.pk)
    links = list(PlanLink.objects.values())
    if who == "another account":
        person(client)
    elif who == "a staff account":
        person(client, is_staff=True, is_superuser=True)

    data = {"status": "done", "readiness": "required", "start": "2027-01-01", "password": "x"}
    for method, url in id_urls(plan):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)

    assert Plan.objects.values().get(pk=plan.pk) == saved
    assert list(PlanLink.objects.values()) == links
    assert not StepProgress.objects.exists()
    assert not owner.profile.credentials.exclude(credential="cca").exists()


def test_the_owner_reaches_each_id_url(client, shipped_catalog):
    owner = person(client)
    situation(owner, **CODER)
    plan = make_plan(owner)
    data = {"status": "skipped", "readiness": "recommended", "start": "2027-01-01"}
    for method, url in id_urls(plan):
        response = getattr(client, method)(url, data)
        assert response.status_code in (200, 302), (method, url)


def test_the_plan_list_and_the_situation_show_only_ones_own(client, shipped_catalog):
    other = person()
    situation(other, positions=[("medical-biller", "2020-01-01")])
    make_plan(other, name="Someone else's plan")
    person(client)

    assert "Someone else" not in client.get("/plans/").content.decode()
    assert 'medical-biller" selected' not in client.get("/situation/").content.decode()
