"""`POST /api/v1/roadmap` and its OpenAPI schema."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from roles.models import Role

URL = "/api/v1/roadmap"


def post(client, body):
    return client.post(URL, json.dumps(body), content_type="application/json")


def test_the_api_and_the_command_return_the_same_document(client, shipped_catalog):
    body = {
        "education": "high-school",
        "credentials": ["cca@2026-06-01"],
        "experience": {"coding": 6},
        "role": "inpatient-coder",
        "start": "2027-01-01",
        "target": "lead-coder-auditor",
        "check": ["rhit"],
    }
    out = StringIO()
    call_command(
        "plan",
        "--education",
        "high-school",
        "--credential",
        "cca@2026-06-01",
        "--experience",
        "coding=6",
        "--role",
        "inpatient-coder",
        "--start",
        "2027-01-01",
        "--target",
        "lead-coder-auditor",
        "--check",
        "rhit",
        "--json",
        stdout=out,
    )
    response = post(client, body)
    assert response.status_code == 200
    assert response.json() == json.loads(out.getvalue())


def test_a_catalog_edit_reaches_the_next_roadmap(client, shipped_catalog):
    body = {"education": "high-school", "target": "inpatient-coder", "start": "2027-01-01"}
    before = post(client, body).json()
    Role.objects.filter(slug="inpatient-coder").update(salary_min=45000)
    Role.objects.get(slug="inpatient-coder").save()  # a real edit, through the ORM's save
    after = post(client, body).json()
    assert before["steps"][-1]["salary"]["min"] != 45000
    assert after["steps"][-1]["salary"]["min"] == 45000


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"target": "astronaut"}, "target"),
        ({"target": "inpatient-coder", "start": "2027-02-30"}, "start"),
        ({"target": "inpatient-coder", "experience": {"coding": -1}}, "experience"),
        ({"target": "inpatient-coder", "readiness": "whenever"}, "readiness"),
        ({"target": "inpatient-coder", "credentials": ["xyz"]}, "credentials"),
        ({}, "target"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client, shipped_catalog, body, field):
    response = post(client, body)
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]


def test_a_body_that_is_not_json_is_a_400_with_a_json_error(client, db):
    response = client.post(URL, "{bad", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()


def test_the_openapi_schema_describes_the_roadmap_request(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    request = schema["components"]["schemas"]["RoadmapRequest"]["properties"]
    assert {"education", "experience", "target", "target_credential", "via"} <= set(request)
    assert "/api/v1/roadmap" in schema["paths"]
