"""A plan's read-only share link: what it shows signed out, what it keeps back, and that
its owner alone makes and revokes it."""

import re

from django.db import reset_queries
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from planner.models import PlanLink, StepProgress

from .roadmap_helpers import CODER, fresh_snapshot, make_plan, person, situation  # noqa: F401


def shared(client, **user):
    """A signed-in owner with a plan and its share link, made on the plan page."""
    owner = person(client, **user)
    situation(owner, **CODER)
    plan = make_plan(owner, target="coding-supervisor", check_credentials=["ccs", "cpc"])
    response = client.post(f"/plans/{plan.pk}/links/share/", follow=True)
    (row,) = [row for row in response.context["link_rows"] if row["kind"] == "share"]
    return owner, plan, row["new_url"].removeprefix("http://testserver")


def test_a_share_link_shows_the_roadmap_and_eligibility_signed_out(client, shipped_catalog):
    _, plan, address = shared(client)

    response = Client().get(address)

    assert response.status_code == 200
    for step in plan.roadmap["steps"]:
        assertContains(response, step["title"])
    assertContains(response, "Eligibility")
    assertContains(response, '<abbr title="Certified Coding Specialist">CCS</abbr>', html=True)
    assertContains(response, plan.roadmap["target"]["title"])


def test_a_share_link_keeps_back_who_it_is_and_every_control(client, shipped_catalog):
    owner, plan, address = shared(
        client, email="jo.doe@example.org", first_name="Josephine", last_name="Doe"
    )
    step = plan.roadmap["steps"][0]
    StepProgress.objects.create(plan=plan, key=step["key"], status="done", on=plan.start, step=step)

    page = Client().get(address).content.decode()

    for private in (owner.email, owner.username, "Josephine", "Doe", plan.name, "CEU"):
        assert private not in page, private
    assert "<form" not in page and "<button" not in page and "csrfmiddlewaretoken" not in page
    assert "Done so far" in page  # progress is part of the roadmap, not of the person


def test_a_share_link_is_not_indexed_and_sends_no_referrer(client, shipped_catalog):
    _, _, address = shared(client)

    response = Client().get(address)

    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "no-referrer"
    assert "no-store" in response["Cache-Control"]
    assertContains(response, '<meta name="robots" content="noindex, nofollow">', html=True)
    assertContains(response, '<meta name="referrer" content="no-referrer">', html=True)


def test_other_pages_keep_the_site_referrer_policy(client, shipped_catalog):
    _, plan, _ = shared(client)

    response = client.get(plan.get_absolute_url())

    assert response["Referrer-Policy"] == "same-origin"
    assertNotContains(response, 'name="robots"')


def test_a_revoked_or_unknown_share_link_is_a_404(client, shipped_catalog):
    _, plan, address = shared(client)

    response = client.post(f"/plans/{plan.pk}/links/share/revoke/", follow=True)

    assertContains(response, "Read-only share link turned off")
    assert Client().get(address).status_code == 404
    assert Client().get("/shared/no-such-token/").status_code == 404


def test_a_calendar_token_opens_no_share_page(client, shipped_catalog):
    _, plan, _ = shared(client)
    token = PlanLink.renew(plan, PlanLink.Kind.CALENDAR)

    assert Client().get(f"/shared/{token}/").status_code == 404


def test_the_plan_page_offers_to_make_turn_off_and_remake_each_address(client, shipped_catalog):
    owner = person(client)
    situation(owner, **CODER)
    plan = make_plan(owner)

    page = client.get(plan.get_absolute_url()).content.decode()
    assert f'href="/plans/{plan.pk}/calendar.ics"' in page
    for kind in ("calendar", "share"):
        assert f'action="/plans/{plan.pk}/links/{kind}/"' in page
        assert f'action="/plans/{plan.pk}/links/{kind}/revoke/"' not in page

    client.post(f"/plans/{plan.pk}/links/share/")
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f'action="/plans/{plan.pk}/links/share/revoke/"' in page
    assert f'action="/plans/{plan.pk}/links/calendar/revoke/"' not in page
    assert "Make a new address" in page and "copy it now" in page
    assert "On since" in client.get(plan.get_absolute_url()).content.decode()


def test_the_new_address_is_shown_once_in_a_labelled_field(client, shipped_catalog):
    _, plan, address = shared(client)
    assert re.fullmatch(r"/shared/[A-Za-z0-9_-]{43}/", address)

    page = client.get(plan.get_absolute_url()).content.decode()

    assert address not in page
    assert not PlanLink.objects.filter(token_hash__contains=address.split("/")[2]).exists()


def test_the_share_page_query_count_does_not_grow_with_progress(
    client, shipped_catalog, django_assert_max_num_queries
):
    _, plan, address = shared(client)
    steps = plan.roadmap["steps"]
    StepProgress.objects.create(
        plan=plan, key=steps[0]["key"], status="done", on=timezone.localdate(), step=steps[0]
    )
    reset_queries()  # the catalog load filled the query log (9,000 at most): count from empty
    with django_assert_max_num_queries(4) as small:
        Client().get(address)
    most = len(small.captured_queries)  # now: every request empties the query log
    assert most

    for step in steps[1:]:
        StepProgress.objects.create(
            plan=plan, key=step["key"], status="skipped", on=timezone.localdate(), step=step
        )
    assert len(steps) > 2
    with django_assert_max_num_queries(most):
        Client().get(address)
