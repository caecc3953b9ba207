"""Saved plans: create, list, the roadmap page, what-if, progress, catalog-change notice.

Expected roadmaps are worked out through the engine, never typed in: the shipped catalog
changes as the dataset grows.
"""

import html
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from planner.models import Plan, Position, StepProgress
from planner.planning import compare, compute
from planner.requests import roadmap_document
from planner.snapshot import current_catalog
from roles.models import Program, Role

from .roadmap_helpers import CODER, fresh_snapshot, make_plan, person, situation  # noqa: F401


def options_data(plan, **changes):
    data = {
        "start": plan.start.isoformat(),
        "readiness": plan.readiness,
        "check_credentials": plan.check_credentials,
    }
    if plan.study_while_working:
        data["study_while_working"] = "on"
    return data | changes


def first_step(plan, kind):
    return next(step for step in plan.roadmap["steps"] if step["kind"] == kind)


# Creating and listing


def test_a_new_plan_saves_the_roadmap_the_engine_works_out(client, shipped_catalog):
    user = person(client)
    profile = situation(user, **CODER)
    today = timezone.localdate()
    response = client.post(
        "/plans/new/",
        {
            "target": "role:coding-supervisor",
            "start": today.isoformat(),
            "readiness": "recommended",
            "check_credentials": ["ccs"],
        },
    )

    plan = Plan.objects.get(profile=profile)
    assert response.status_code == 302 and response["Location"] == f"/plans/{plan.pk}/"
    expected = roadmap_document(
        current_catalog(),
        {
            "education": "high-school",
            "credentials": ["cca@2025-03-01"],
            "positions": [{"role": "inpatient-coder", "start": "2024-06-01"}],
            "target": "coding-supervisor",
            "start": today,
            "check": ["ccs"],
        },
        today=today,
    )
    assert plan.roadmap == expected
    assert plan.name == "Coding Supervisor"


def test_the_create_form_lists_roles_and_credentials_as_targets(client, shipped_catalog):
    person(client)
    page = client.get("/plans/new/").content.decode()
    assert '<optgroup label="Roles">' in page and 'value="credential:ccs"' in page
    assert 'for="id_target"' in page


def test_a_plan_the_engine_refuses_is_a_clear_message_not_an_error_page(client, shipped_catalog):
    user = person(client)
    situation(user, credentials=[("no-such-credential", date(2024, 1, 1))])
    response = client.post(
        "/plans/new/",
        {"target": "role:inpatient-coder", "start": "2027-01-01", "readiness": "recommended"},
    )
    assert response.status_code == 422
    assert "This plan cannot be worked out: a credential you hold" in response.content.decode()
    assert not Plan.objects.exists()


def test_the_list_shows_each_plans_target_finish_next_step_and_save_time(client, shipped_catalog):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user, name="Supervisor")
    page = client.get("/plans/").content.decode()
    assert "Supervisor" in page and plan.roadmap["target"]["title"] in page
    assert plan.roadmap["finish"] in page
    assert plan.roadmap["steps"][0]["title"] in page


def test_the_list_takes_the_same_queries_for_one_plan_or_five(client, shipped_catalog):
    user = person(client)
    situation(user, **CODER)
    make_plan(user)
    with CaptureQueriesContext(connection) as one:
        client.get("/plans/")
    for target in (
        "senior-inpatient-coder",
        "lead-coder-auditor",
        "inpatient-coder",
        "cdi-specialist",
    ):
        make_plan(user, target=target)
    with CaptureQueriesContext(connection) as five:
        page = client.get("/plans/").content.decode()
    assert page.count("<tr>") == 6  # the head and five plans
    assert len(five) == len(one) <= 4


# The roadmap page


def test_the_roadmap_page_shows_steps_next_step_timeline_and_eligibility(client, shipped_catalog):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user, check_credentials=["ccs"])
    response = client.get(plan.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert "<svg" in page and 'class="tl-step tl-step--work' in page
    for step in plan.roadmap["steps"]:
        assert step["title"] in page
    assert f"Next step: {plan.roadmap['steps'][0]['title']}" in page
    assert "Required to sit" in page and "Recommended readiness" in page
    assert "Certified Coding Specialist" in page and "Rules in force from" in page
    assert "as of" in page  # the sources, with the date they were read
    assert "catalog has changed" not in page


def test_the_roadmap_page_takes_the_same_queries_for_more_positions_steps_and_progress(
    client, shipped_catalog
):
    user = person(client)
    situation(user, **CODER)
    small = make_plan(user, target="senior-inpatient-coder")
    client.get(small.get_absolute_url())  # the snapshot is built once per process
    with CaptureQueriesContext(connection) as before:
        client.get(small.get_absolute_url())
    situation(
        user, positions=[("medical-coder", date(2020, m, 1), date(2021, m, 1)) for m in range(1, 5)]
    )
    big = make_plan(user, target="him-director", check_credentials=["ccs", "rhia", "rhit"])
    assert len(big.roadmap["steps"]) > len(small.roadmap["steps"])
    for step in big.roadmap["steps"][:2]:
        StepProgress.objects.create(
            plan=big, key=step["key"], status="skipped", on=date(2026, 1, 1), step=step
        )
    with CaptureQueriesContext(connection) as after:
        client.get(big.get_absolute_url())
    assert len(after) == len(before) <= 12, [q["sql"] for q in after]


def test_an_unreachable_target_is_explained_in_plain_words(client, shipped_catalog):
    user = person(client)
    situation(user, education="none")
    catalog = current_catalog()
    everything = [f"program:{slug}" for slug in catalog.programs]
    everything += [f"credential:{slug}" for slug in catalog.credentials]
    plan = make_plan(user, target="inpatient-coder", avoid=everything)
    assert not plan.roadmap["reachable"]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "cannot be reached from this situation" in page
    assert escape(plan.roadmap["reason"][1:]) in page
    assert "Nothing in the catalog provides what is missing" in page


# What-if


def test_an_htmx_preview_returns_the_panel_with_the_change_and_saves_nothing(
    client, shipped_catalog
):
    user = person(client)
    situation(user)  # a high-school graduate, for whom the typical pace adds months
    plan = make_plan(user, target="senior-inpatient-coder")
    changed = compute(plan.request_data(plan.profile, plan.options() | {"readiness": "required"}))
    assert changed.roadmap["finish"] < plan.roadmap["finish"]
    response = client.post(
        f"/plans/{plan.pk}/preview/",
        options_data(plan, readiness="required"),
        HTTP_HX_REQUEST="true",
    )

    page = response.content.decode()
    assert response.status_code == 200 and "<html" not in page
    assert 'id="roadmap-panel"' in page and "Preview, not saved" in page
    assert changed.roadmap["finish"] in page
    assert "earlier" in page  # without the typical pace the finish comes sooner
    plan.refresh_from_db()
    assert plan.readiness == "recommended"


def test_the_preview_without_javascript_is_the_whole_page_with_save_and_discard(
    client, shipped_catalog
):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user)
    response = client.post(f"/plans/{plan.pk}/preview/", options_data(plan, readiness="required"))
    page = response.content.decode()
    assert "<html" in page and "Preview, not saved" in page
    assert "Save these options" in page and f'href="/plans/{plan.pk}/">Discard' in page
    assert 'value="required" required id="id_readiness_1" checked' in page


def test_save_keeps_the_new_options_and_their_roadmap(client, shipped_catalog):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user)
    response = client.post(
        f"/plans/{plan.pk}/save/",
        options_data(plan, readiness="required", suppose=["ccs"], study_while_working="on"),
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert (plan.readiness, plan.suppose, plan.study_while_working) == ("required", ["ccs"], True)
    assert plan.roadmap == compute(plan.request_data(plan.profile)).roadmap


def test_study_while_working_moves_the_finish_where_the_program_allows_it(client, shipped_catalog):
    user = person(client)
    situation(user, positions=[("medical-biller", date(2023, 1, 1))])
    plan = make_plan(user, target="inpatient-coder")
    working = compute(
        plan.request_data(plan.profile, plan.options() | {"study_while_working": True})
    )
    response = client.post(
        f"/plans/{plan.pk}/preview/",
        options_data(plan, study_while_working="on"),
        HTTP_HX_REQUEST="true",
    )
    assert working.roadmap["finish"] in response.content.decode()


# Progress


def test_a_done_study_step_records_the_program_and_replans_from_today(client, shipped_catalog):
    user = person(client)
    profile = situation(user)
    plan = make_plan(user, target="inpatient-coder", start=date(2026, 1, 1))
    step = first_step(plan, "study")
    on = timezone.localdate()
    response = client.post(f"/plans/{plan.pk}/steps/{step['key']}/", {"status": "done", "on": on})

    assert response.status_code == 302
    assert profile.programs.get().program == step["program"]
    plan.refresh_from_db()
    assert plan.start == timezone.localdate()
    assert step["key"] not in {s["key"] for s in plan.roadmap["steps"]}
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Done so far" in page and step["title"] in page


def test_a_done_move_ends_the_current_job_and_starts_a_position(client, shipped_catalog):
    user = person(client)
    profile = situation(user, **CODER)
    plan = make_plan(user, target="senior-inpatient-coder", readiness="required")
    step = first_step(plan, "move")
    on = timezone.localdate()
    client.post(f"/plans/{plan.pk}/steps/{step['key']}/", {"status": "done", "on": on})
    assert [(p.role, p.end) for p in profile.positions.all()] == [
        ("inpatient-coder", on),
        (step["role"], None),
    ]


def test_a_skipped_step_is_marked_and_the_plan_is_unchanged(client, shipped_catalog):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user)
    step = plan.roadmap["steps"][0]
    client.post(f"/plans/{plan.pk}/steps/{step['key']}/", {"status": "skipped"})
    mark = StepProgress.objects.get(plan=plan)
    assert (mark.key, mark.status) == (step["key"], "skipped")
    assert "Skipped" in client.get(plan.get_absolute_url()).content.decode()


def test_a_date_in_the_future_is_refused_for_a_done_step(client, shipped_catalog):
    user = person(client)
    situation(user)
    plan = make_plan(user, target="inpatient-coder")
    step = first_step(plan, "study")
    response = client.post(
        f"/plans/{plan.pk}/steps/{step['key']}/",
        {"status": "done", "on": "2999-01-01"},
        follow=True,
    )
    assert "The date is in the future" in response.content.decode()
    assert not StepProgress.objects.exists()


# When the catalog changes


def test_a_catalog_edit_is_reported_with_both_finish_dates_and_can_be_accepted(
    client, shipped_catalog
):
    user = person(client)
    situation(user)  # a high-school graduate: the plan starts with a program
    plan = make_plan(user, target="senior-inpatient-coder")
    saved = plan.roadmap
    study = next(step for step in saved["steps"] if step["kind"] == "study")
    program = Program.objects.get(slug=study["program"])
    program.months_typical += 3  # an admin edit, through the ORM's save
    program.months_max = max(program.months_max, program.months_typical)
    program.save()
    now = compute(plan.request_data(plan.profile)).roadmap
    change = compare(saved, now)
    assert change.any

    page = client.get(plan.get_absolute_url()).content.decode()
    assert "The catalog has changed since you saved this plan" in page
    assert f"the same plan {change.months_words}" in page
    assert saved["finish"] in page and now["finish"] in page

    client.post(f"/plans/{plan.pk}/accept/")
    plan.refresh_from_db()
    assert plan.roadmap == now
    assert "catalog has changed" not in client.get(plan.get_absolute_url()).content.decode()


def test_a_plan_can_be_deleted(client, shipped_catalog):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user)
    client.post(f"/plans/{plan.pk}/delete/")
    assert not Plan.objects.exists()


def test_a_situation_change_is_reported_as_such(client, shipped_catalog):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user, target="senior-inpatient-coder", readiness="required")
    situation(user, positions=[("inpatient-coder", date(2018, 1, 1), date(2024, 5, 1))])
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Your situation has changed since you saved this plan" in page


def test_an_engine_refusal_is_a_message_on_the_page_not_a_server_error(
    client, shipped_catalog, monkeypatch
):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user)

    class TooComplex(Exception):
        pass

    TooComplex.__module__ = "planner.engine.limits"  # as the engine's own errors are

    def refuse(*args, **kwargs):
        raise TooComplex("too complex to plan: more than 100 waypoints")

    monkeypatch.setattr("planner.page_cache.roadmap_document", refuse)
    whatif = options_data(plan, readiness="required")  # a question not yet answered
    response = client.post(f"/plans/{plan.pk}/preview/", whatif, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "too complex to plan" in response.content.decode()


def test_a_role_deleted_from_the_catalog_is_explained_on_the_plan_page(client, shipped_catalog):
    user = person(client)
    situation(user, **CODER)  # a job as an Inpatient Coder
    plan = make_plan(user, target="senior-inpatient-coder")
    Role.objects.get(slug="inpatient-coder").delete()  # an admin removes the role

    response = client.get(plan.get_absolute_url())

    page = html.unescape(response.content.decode())
    assert response.status_code == 200
    assert "your positions: unknown role 'inpatient-coder'" in page
    assert plan.roadmap["steps"][0]["title"] in page  # the roadmap as saved is still shown
    assert Position.objects.filter(profile__user=user, role="inpatient-coder").exists()
