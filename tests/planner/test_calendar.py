"""A plan's calendar: the milestones worked out from the roadmap document, the .ics file
(a download for the owner, a subscription address behind a token), and stable UIDs.

Every file is parsed back with icalendar and checked against the plan's roadmap, which the
engine works out: nothing here types a date in.
"""

from datetime import date, timedelta

import icalendar
import pytest
from django.contrib.sessions.models import Session
from django.db import reset_queries
from django.test import Client
from django.utils import timezone

from planner.calendar import Event, plan_events, to_ics
from planner.models import CeuEntry, Plan, PlanLink, Profile
from planner.my_renewals import report_for
from planner.renewals import renewal_events
from planner.snapshot import current_renewal_rules

from .roadmap_helpers import CODER, fresh_snapshot, make_plan, person, situation  # noqa: F401

MILESTONE_KINDS = {"study", "exam", "grant", "move"}


def milestones(roadmap: dict) -> dict[str, date]:
    """What the calendar must hold, by event key, read straight off the document."""
    expected = {}
    for step in roadmap["steps"]:
        if step["kind"] in MILESTONE_KINDS:
            on = step["end"] if step["kind"] == "study" else step["start"]
            expected[step["key"]] = date.fromisoformat(on)
    for item in roadmap["eligibility"]:
        for side in ("required", "recommended"):
            if item[side]["status"] == "later":
                expected[f"eligibility:{item['credential']}:{side}"] = date.fromisoformat(
                    item[side]["date"]
                )
    if roadmap["reachable"]:
        expected["target"] = date.fromisoformat(roadmap["finish"])
    return expected


def renewal_deadlines(plan: Plan) -> dict[str, date]:
    """The owner's renewal deadlines, which every one of their calendars carries
    (planner.renewals; its arithmetic is checked against the bodies' rules in
    test_renewals.py)."""
    profile = Profile.objects.with_renewals().get(pk=plan.profile_id)
    report = report_for(profile, current_renewal_rules(), timezone.localdate())
    return {event.key: event.day for event in renewal_events(report)}


def expected_events(plan: Plan) -> dict[str, date]:
    return milestones(plan.roadmap) | renewal_deadlines(plan)


def events_of(body: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    events = calendar.walk("VEVENT")
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids)), "every UID once"
    return dict(zip(uids, events, strict=True))


def uid(plan: Plan, key: str) -> str:
    return f"plan-{plan.pk}-{key}@careerplanner"


def planned(client, *, start=None, **options):
    """A signed-in coder with the CCA and a plan to Senior Inpatient Coder, checking the CCS
    and the CPC so the roadmap has eligibility dates as well as steps."""
    owner = person(client)
    situation(owner, **CODER)
    start = start or timezone.localdate()
    plan = make_plan(
        owner, target="coding-supervisor", start=start, check_credentials=["ccs", "cpc"], **options
    )
    return owner, plan


# The events, from the document alone


def test_each_kind_of_step_gives_its_milestone_and_work_steps_give_none():
    roadmap = {
        "reachable": True,
        "finish": "2029-01-01",
        "target": {"title": "Senior Coder"},
        "steps": [
            step("study:cert:1", "study", "Study: Cert", "2027-01-01", "2027-10-01"),
            step("move:coder:1", "move", "Get hired as Coder", "2027-10-01", "2027-10-01"),
            step("work:coder:1", "work", "Work as Coder", "2027-10-01", "2028-10-01"),
            step("exam:ccs:1", "exam", "Sit the CCS exam (CCS)", "2028-10-01", "2028-10-01"),
            step("grant:x:1", "grant", "Granted X (X)", "2028-11-01", "2028-11-01"),
        ],
        "eligibility": [],
    }

    events = plan_events(roadmap)

    assert [(event.key, event.day, event.summary) for event in events] == [
        ("study:cert:1", date(2027, 10, 1), "Program ends: Cert"),
        ("move:coder:1", date(2027, 10, 1), "Get hired as Coder"),
        ("exam:ccs:1", date(2028, 10, 1), "Sit the CCS exam (CCS)"),
        ("grant:x:1", date(2028, 11, 1), "Granted X (X)"),
        ("target", date(2029, 1, 1), "Ready: Senior Coder"),
    ]
    assert events[0].description == "because of study:cert:1"


def step(key, kind, title, start, end):
    return {
        "key": key,
        "kind": kind,
        "title": title,
        "start": start,
        "end": end,
        "because": f"because of {key}",
    }


def test_an_eligibility_date_is_an_event_only_when_it_comes_later():
    check = {"status": "met", "date": "2027-01-01", "route": "already held", "missing": []}
    later = {"status": "later", "date": "2029-10-01", "route": "24 months of coding"}
    blocked = {"status": "blocked", "date": None, "route": None, "missing": ["x"]}
    roadmap = {
        "reachable": False,
        "steps": [],
        "eligibility": [
            {"credential": "ccs", "required": check, "recommended": later, "sources": ["ahima"]},
            {"credential": "cpc", "required": blocked, "recommended": check, "sources": []},
        ],
    }

    events = plan_events(roadmap, {"ccs": "CCS®"}, {"ahima": "AHIMA: CCS (https://x.test/ccs)"})

    assert events == [
        Event(
            "eligibility:ccs:recommended",
            date(2029, 10, 1),
            "Recommended readiness for the CCS® exam",
            "The issuing body's recommended readiness holds, by 24 months of coding."
            " Sources: AHIMA: CCS (https://x.test/ccs).",
        )
    ]


def test_the_file_has_all_day_free_events_with_a_link_back():
    saved = timezone.now()
    events = [Event("exam:ccs:1", date(2028, 3, 1), "Sit the CCS exam", "Because.")]

    body = to_ics(
        events, name="Mine", uid_prefix="plan-7", link="https://x.test/p/", saved=saved, sequence=3
    )

    (event,) = events_of(body).values()
    assert event["SEQUENCE"] == 3
    assert event["UID"] == "plan-7-exam:ccs:1@careerplanner"
    assert event.decoded("DTSTART") == date(2028, 3, 1)
    assert event.decoded("DTEND") == date(2028, 3, 2)
    assert str(event["TRANSP"]) == "TRANSPARENT"
    assert str(event["URL"]) == "https://x.test/p/"
    assert str(event["DESCRIPTION"]) == "Because.\n\nThe plan: https://x.test/p/"


# The download


def test_the_download_holds_every_milestone_of_the_saved_roadmap(client, shipped_catalog):
    _, plan = planned(client)

    response = client.get(f"/plans/{plan.pk}/calendar.ics")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{plan.name}.ics"'
    events = events_of(response.content)
    expected = expected_events(plan)
    assert len(expected) >= 4 and any(key.startswith("eligibility:") for key in expected)
    assert {uid: event.decoded("DTSTART") for uid, event in events.items()} == {
        uid(plan, key): on for key, on in expected.items()
    }
    steps = {step["key"]: step for step in plan.roadmap["steps"]}
    for key, event in events.items():
        step_key = key.removeprefix(f"plan-{plan.pk}-").removesuffix("@careerplanner")
        description = str(event["DESCRIPTION"])
        assert description.endswith(f"The plan: http://testserver/plans/{plan.pk}/")
        if step_key in steps:
            assert description.startswith(steps[step_key]["because"])  # the route
        elif step_key.startswith("renewal-"):
            assert "CEUs needed" in description
        elif step_key.startswith("eligibility:"):
            assert "holds, by " in description and "Sources: " in description
            assert "(https://" in description  # the source's address, not its slug


def test_a_replanned_roadmap_moves_its_events_under_the_same_uids(client, shipped_catalog):
    _, plan = planned(client)
    before = events_of(client.get(f"/plans/{plan.pk}/calendar.ics").content)
    later = plan.start + timedelta(days=400)

    client.post(
        f"/plans/{plan.pk}/save/",
        {
            "start": later.isoformat(),
            "readiness": "recommended",
            "check_credentials": ["ccs", "cpc"],
        },
    )
    plan.refresh_from_db()
    after = events_of(client.get(f"/plans/{plan.pk}/calendar.ics").content)

    assert plan.start == later
    assert set(after) == {uid(plan, key) for key in expected_events(plan)}
    kept = set(before) & set(after)
    assert uid(plan, "target") in kept
    moved = [key for key in kept if after[key].decoded("DTSTART") != before[key].decoded("DTSTART")]
    assert moved, "the later start moves the events, under their old UIDs"
    for key in kept:
        assert after[key]["SEQUENCE"] > before[key]["SEQUENCE"]
        assert after[key].decoded("DTSTAMP") >= before[key].decoded("DTSTAMP")


def test_an_unchanged_plan_gives_the_same_file_every_time(client, shipped_catalog):
    _, plan = planned(client)

    first = client.get(f"/plans/{plan.pk}/calendar.ics").content

    assert client.get(f"/plans/{plan.pk}/calendar.ics").content == first


def test_the_download_is_for_the_owner_only(client, shipped_catalog):
    _, plan = planned(Client())
    person(client)

    assert client.get(f"/plans/{plan.pk}/calendar.ics").status_code == 404
    assert Client().get(f"/plans/{plan.pk}/calendar.ics").status_code == 404


# The subscription address


def make_link(client, plan, kind) -> str:
    """Make a link on the plan page as its owner would, and read its address off the page."""
    response = client.post(f"/plans/{plan.pk}/links/{kind}/", follow=True)
    assert response.redirect_chain[0] == (f"/plans/{plan.pk}/#links-heading", 302)
    (row,) = [row for row in response.context["link_rows"] if row["kind"] == kind]
    assert row["new_url"] and row["new_url"] in response.content.decode()
    return row["new_url"].removeprefix("http://testserver")


def test_the_subscription_address_is_shown_once(client, shipped_catalog):
    _, plan = planned(client)

    address = make_link(client, plan, "calendar")
    again = client.get(f"/plans/{plan.pk}/").content.decode()

    assert address not in again
    assert "On since" in again


def test_a_calendar_app_signed_out_gets_the_feed_and_no_cookie(client, shipped_catalog):
    _, plan = planned(client)
    address = make_link(client, plan, "calendar")
    sessions = Session.objects.count()

    response = Client().get(address)

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "Content-Disposition" not in response
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies
    assert Session.objects.count() == sessions
    events = events_of(response.content)
    assert set(events) == {uid(plan, key) for key in expected_events(plan)}
    assert Client().head(address).status_code == 200


def test_a_new_address_replaces_the_old_and_a_revoked_one_finds_nothing(client, shipped_catalog):
    _, plan = planned(client)
    first = make_link(client, plan, "calendar")
    second = make_link(client, plan, "calendar")

    assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200

    response = client.post(f"/plans/{plan.pk}/links/calendar/revoke/")

    assert response.status_code == 302
    assert Client().get(second).status_code == 404
    assert not PlanLink.objects.exists()


def test_an_unknown_token_or_a_share_token_opens_no_calendar(client, shipped_catalog):
    _, plan = planned(client)
    share = make_link(client, plan, "share")
    token = share.removeprefix("/shared/").removesuffix("/")

    assert Client().get(f"/calendar/{token}.ics").status_code == 404
    assert Client().get("/calendar/not-a-token.ics").status_code == 404


def test_a_token_opens_its_own_plan_only(client, shipped_catalog):
    _, mine = planned(client)
    other_client = Client()
    _, theirs = planned(other_client)
    address = make_link(client, mine, "calendar")
    make_link(other_client, theirs, "calendar")

    events = events_of(Client().get(address).content)

    assert all(key.startswith(f"plan-{mine.pk}-") for key in events)


def test_the_feed_query_count_does_not_grow_with_the_plan_the_ceu_log_or_other_links(
    client, shipped_catalog, django_assert_max_num_queries
):
    _, few = planned(client)
    address = make_link(client, few, "calendar")
    current_renewal_rules()  # built once per catalog version, like the engine's snapshot
    reset_queries()  # the catalog load filled the query log (9,000 at most): count from empty
    with django_assert_max_num_queries(7) as small:  # the link, its plan, the owner's renewals
        Client().get(address)
    most = len(small.captured_queries)  # now: every request empties the query log
    assert most

    starter_client = Client()
    starter = person(starter_client)
    profile = situation(starter)  # high school, no job: study, a hire, work, a promotion
    for day in range(5):
        CeuEntry.objects.create(profile=profile, day=date(2026, 1, 1 + day), hours=1, title="C")
    many = make_plan(starter, target="senior-inpatient-coder", check_credentials=["ccs", "cpc"])
    other = make_link(starter_client, many, "calendar")
    assert len(milestones(many.roadmap)) > len(milestones(few.roadmap))
    with django_assert_max_num_queries(most):
        Client().get(other)


@pytest.mark.parametrize("kind", ["calendar", "share"])
def test_only_the_owner_makes_or_revokes_a_link(client, shipped_catalog, kind):
    _, plan = planned(Client())
    PlanLink.renew(plan, kind)
    person(client)

    assert client.post(f"/plans/{plan.pk}/links/{kind}/").status_code == 404
    assert client.post(f"/plans/{plan.pk}/links/{kind}/revoke/").status_code == 404
    assert PlanLink.objects.filter(plan=plan, kind=kind).count() == 1


def test_an_unknown_kind_of_link_is_a_404(client, shipped_catalog):
    _, plan = planned(client)

    assert client.post(f"/plans/{plan.pk}/links/photos/").status_code == 404


def test_the_calendar_carries_the_owners_renewal_deadline_with_the_ceus_left(
    client, shipped_catalog
):
    """AHIMA: a 2-year cycle from the pass date, 20 CEUs for the CCS (ahima.org,
    Recertification). The deadline is the owner's, so every plan's calendar carries it."""
    owner = person(client)
    today = timezone.localdate()
    passed = today - timedelta(days=2 * 365 - 45)
    profile = situation(owner, credentials=[("ccs", passed)])
    CeuEntry.objects.create(
        profile=profile, day=today, hours=12, title="Coding clinic", counts_toward=["ccs"]
    )
    plan = make_plan(owner, target="senior-inpatient-coder")

    events = events_of(client.get(f"/plans/{plan.pk}/calendar.ics").content)

    renewals = {key: event for key, event in events.items() if "-renewal-ahima-" in key}
    assert len(renewals) == 1
    (event,) = renewals.values()
    due = event.decoded("DTSTART")
    assert 0 < (due - today).days <= 60  # two years from the pass date, 45 days or so away
    assert "CEUs due" in str(event["SUMMARY"]) and "CCS" in str(event["SUMMARY"])
    assert "20 CEUs needed, 12 logged, 8 left" in str(event["DESCRIPTION"])
