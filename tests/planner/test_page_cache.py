"""The shared cache of roadmaps and public answers (planner/page_cache.py): a question
asked again is not worked out again, a catalog edit is, and nobody sees another
person's page."""

import html
from datetime import date
from urllib.parse import urlencode

import pytest
from django.test import Client

from planner import page_cache
from planner.models import Profile
from planner.requests import roadmap_document
from planner.snapshot import current_catalog
from roles.models import Role

from .roadmap_helpers import CODER, fresh_snapshot, make_plan, person, situation  # noqa: F401

SITUATION = {"education": "high-school", "credentials": "cca", "start": "2027-01-01"}
QUESTION = "/plan/?" + urlencode({**SITUATION, "target": "role:senior-inpatient-coder"})
COMPARISON = "/compare/?" + urlencode(
    {
        **SITUATION,
        "p1-target": "role:senior-inpatient-coder",
        "p1-readiness": "recommended",
        "p2-target": "role:medical-auditor",
        "p2-readiness": "recommended",
        "compare": "1",
    }
)


@pytest.fixture
def engine_runs(monkeypatch) -> list[dict]:
    """The requests the engine was asked to plan."""
    runs = []

    def counted(catalog, data, **kwargs):
        runs.append(dict(data))
        return roadmap_document(catalog, data, **kwargs)

    monkeypatch.setattr("planner.page_cache.roadmap_document", counted)
    return runs


def text(response) -> str:
    return html.unescape(response.content.decode())


def test_a_question_asked_again_by_anyone_does_not_run_the_engine(shipped_catalog, engine_runs):
    first = Client().get(QUESTION)
    again = Client().get(QUESTION)

    assert len(engine_runs) == 1
    finish = date.fromisoformat(first.context["roadmap"]["finish"])
    assert f"{finish:%B} {finish.day}, {finish.year}" in text(again)


def test_a_what_if_asked_again_does_not_run_the_engine(client, shipped_catalog, engine_runs):
    user = person(client)
    situation(user, **CODER)
    plan = make_plan(user, target="senior-inpatient-coder")
    engine_runs.clear()  # the plan as saved is in the cache from here on
    whatif = {"start": plan.start.isoformat(), "readiness": "required"}

    for _ in range(2):
        response = client.post(f"/plans/{plan.pk}/preview/", whatif, HTTP_HX_REQUEST="true")
        assert "Preview, not saved" in text(response)

    assert [run["readiness"] for run in engine_runs] == ["required"]


def test_a_roadmap_asked_on_another_day_is_worked_out_again(shipped_catalog, engine_runs):
    request = {**SITUATION, "credentials": ["cca"], "target": "senior-inpatient-coder"}
    catalog = current_catalog()

    page_cache.roadmap(catalog, request, today=date(2027, 1, 1))
    page_cache.roadmap(catalog, request, today=date(2027, 1, 2))
    page_cache.roadmap(catalog, request, today=date(2027, 1, 2))

    assert len(engine_runs) == 2


def test_a_catalog_edit_gives_the_new_roadmap(client, shipped_catalog, engine_runs):
    client.get(QUESTION)
    role = Role.objects.get(slug="senior-inpatient-coder")
    role.title = "Senior Inpatient Coder II"
    role.save()  # as the admin saves it: the catalog version moves

    response = client.get(QUESTION)

    assert len(engine_runs) == 2
    assert "Your way to Senior Inpatient Coder II" in text(response)
    assert response.context["roadmap"]["target"]["title"] == "Senior Inpatient Coder II"


def test_a_plan_the_engine_gave_up_on_is_kept_a_minute_not_a_day(shipped_catalog, monkeypatch):
    kept = []
    monkeypatch.setattr(
        "planner.page_cache._set", lambda name, value, timeout: kept.append(timeout)
    )
    monkeypatch.setattr(
        "planner.page_cache.roadmap_document", lambda *args, **kwargs: {"too_complex": True}
    )
    request = {"education": "high-school", "target": "senior-inpatient-coder"}

    page_cache.roadmap(current_catalog(), request, today=date(2027, 1, 1))

    assert kept == [page_cache.GAVE_UP_TIMEOUT]


def test_two_people_with_the_same_plan_each_see_their_own_roadmap(shipped_catalog):
    coder_client, newcomer_client = Client(), Client()
    coder = person(coder_client)
    situation(coder, **CODER)
    newcomer = person(newcomer_client)
    Profile.objects.filter(user=newcomer).update(education="high-school")
    coders_plan = make_plan(coder, target="senior-inpatient-coder", name="Coder's plan")
    newcomers_plan = make_plan(newcomer, target="senior-inpatient-coder", name="Newcomer's plan")
    assert coders_plan.roadmap["finish"] != newcomers_plan.roadmap["finish"]

    for client, own, other in (
        (coder_client, coders_plan, newcomers_plan),
        (newcomer_client, newcomers_plan, coders_plan),
    ):
        page = client.get(own.get_absolute_url())
        assert own.name in text(page) and other.name not in text(page)
        assert page.context["change"] is None  # the roadmap worked out now is their own
        assert client.get(other.get_absolute_url()).status_code == 404


def test_an_answer_kept_for_visitors_is_not_shown_to_a_signed_in_person(shipped_catalog):
    visitor = Client()
    assert "Save path 1 as a plan" not in text(visitor.get(COMPARISON))
    signed_in = Client()
    person(signed_in)

    assert "Save path 1 as a plan" in text(signed_in.get(COMPARISON))
    assert "Save path 1 as a plan" not in text(Client().get(COMPARISON))


def test_an_answer_from_the_cache_still_remembers_the_situation(shipped_catalog, engine_runs):
    first, second = Client(), Client()
    first.get(QUESTION)

    second.get(QUESTION)

    assert len(engine_runs) == 1
    remembered = second.session["planner_situation"]
    assert remembered == first.session["planner_situation"]
    assert remembered["education"] == "high-school" and remembered["credentials"] == ["cca"]
