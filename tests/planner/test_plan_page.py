"""Plan my path without an account, and the situation the session keeps."""

from datetime import date
from urllib.parse import urlencode

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from planner.requests import roadmap_document
from planner.situation import SESSION_KEY, session_situation
from planner.snapshot import current_catalog
from tests.factories import LicenceFactory, RoleFactory, RouteFactory

pytestmark = pytest.mark.django_db
QUESTION = {
    "education": "high-school",
    "credentials": "cca",
    "months_coding": "6",
    "role": "",
    "target": "role:senior-inpatient-coder",
    "start": "2027-01-01",
}


def test_the_address_holds_the_question_and_the_page_shows_its_roadmap(shipped_catalog):
    expected = roadmap_document(
        current_catalog(),
        {
            "education": "high-school",
            "credentials": ["cca"],
            "experience": {"coding": 6},
            "target": "senior-inpatient-coder",
            "start": "2027-01-01",
        },
        today=date(2027, 1, 1),
    )

    response = Client().get("/plan/?" + urlencode(QUESTION))

    assert response.context["roadmap"] == expected
    assertContains(response, "<h1>Your way to Senior Inpatient Coder</h1>", html=True)
    finish = date.fromisoformat(expected["finish"])
    assertContains(
        response,
        f'<time datetime="{expected["finish"]}">{finish:%B} {finish.day}, {finish.year}</time>',
    )
    for step in expected["steps"]:
        assertContains(response, step["title"])


def test_the_situation_is_kept_in_the_session_as_an_engine_request(client, shipped_catalog):
    client.get("/plan/?" + urlencode(QUESTION))

    situation = session_situation(client.session)

    assert situation == {
        "education": "high-school",
        "credentials": ["cca"],
        "experience": {"coding": 6},
        "role": None,
    }
    assert client.session[SESSION_KEY] == situation
    doc = roadmap_document(
        current_catalog(), {**situation, "target": "inpatient-coder"}, today=date(2027, 1, 1)
    )
    assert doc["reachable"]


def test_the_situation_is_asked_once(client, shipped_catalog):
    client.get("/plan/?" + urlencode(QUESTION))

    for url in ("/plan/", "/"):
        form = client.get(url).context["form"]
        assert form["education"].value() == "high-school", url
        assert form["credentials"].value() == ["cca"], url
        assert form["months_coding"].value() == 6, url


def test_a_situation_without_one_is_empty(client):
    assert session_situation(client.session) == {}


def test_an_unknown_target_is_a_form_error_not_a_server_error(client, shipped_catalog):
    response = client.get("/plan/?" + urlencode({**QUESTION, "target": "role:astronaut"}))

    assert response.status_code == 200
    assert response.context["roadmap"] is None
    assertContains(response, "Select a valid choice")
    assert SESSION_KEY not in client.session


def test_an_unreachable_target_is_explained(client):
    nurse_only = RoleFactory(title="CDI Nurse")
    RouteFactory(hire_role=nurse_only, licences=[LicenceFactory(slug="rn")])

    response = client.get("/plan/?" + urlencode({"education": "none", "target": "role:cdi-nurse"}))

    roadmap = response.context["roadmap"]
    assert not roadmap["reachable"]
    assertContains(response, "CDI Nurse cannot be reached from this situation")
    assertContains(response, roadmap["reason"])


def test_the_result_links_to_a_comparison_and_the_map_of_the_same_question(client, shipped_catalog):
    response = client.get("/plan/?" + urlencode(QUESTION))

    links = response.context["links"]
    assert links["compare"].startswith("/compare/?education=high-school&credentials=cca")
    assert "p1-target=role%3Asenior-inpatient-coder" in links["compare"]
    assert "start=2027-01-01" in links["compare"]
    assert links["map"] == "/map/?" + urlencode(QUESTION)


def test_the_plan_page_query_count_does_not_grow_with_the_catalog(
    django_assert_max_num_queries,
):
    coder = RoleFactory(title="Coder", paid=True)
    RouteFactory(hire_role=coder)
    url = "/plan/?" + urlencode({"education": "none", "target": "role:coder"})
    current_catalog()
    with django_assert_max_num_queries(10) as small:
        Client().get(url)

    for _ in range(40):
        RouteFactory(hire_role=RoleFactory(paid=True))
    current_catalog()
    with django_assert_max_num_queries(len(small.captured_queries)):
        Client().get(url)


def test_the_home_page_offers_every_way_in_with_figures_from_the_catalog(client):
    RoleFactory(title="Coder", paid=True, salary_min=41_000, salary_max=50_000)
    RoleFactory(title="Director", paid=True, salary_min=90_000, salary_max=150_000)
    RoleFactory(title="Biller")  # no band: not counted in the range

    response = client.get("/")

    assertContains(response, 'action="/plan/"')
    assertContains(response, 'href="/compare/"')
    assertContains(response, 'href="/map/"')
    assertContains(response, "The catalog holds 3 roles")
    assertContains(response, "Salary bands run from $41,000 a year")
    assertContains(response, "to $150,000 (Director)")


def test_the_home_page_query_count_does_not_grow_with_the_catalog(
    django_assert_max_num_queries,
):
    RoleFactory(paid=True)
    current_catalog()
    with django_assert_max_num_queries(10) as small:
        Client().get("/")

    RoleFactory.create_batch(40, paid=True)
    current_catalog()
    with django_assert_max_num_queries(len(small.captured_queries)):
        Client().get("/")
