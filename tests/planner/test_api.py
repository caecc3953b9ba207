"""`POST /api/v1/roadmap` and its OpenAPI schema."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
        ({"target": "inpatient-coder", "experience": {"coding": "12"}}, "experience"),
        ({"target": "inpatient-coder", "experience": {"coding": True}}, "experience"),
        ({"target": "inpatient-coder", "study_while_working": "yes"}, "study_while_working"),
        ({"target": "inpatient-coder", "start": "1899-12-31"}, "start"),
        ({"target": "inpatient-coder", "start": "9999-01-01"}, "start"),
        ({"target": "him-director", "via": [f"role:{r}-coder" for r in "abcdef"]}, "via"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client, shipped_catalog, body, field):
    response = post(client, body)
    assert response.status_code == 422
    assert field in response.json()["detail"][0]["loc"]


def test_a_body_that_is_not_json_is_a_400_with_a_json_error(client, db):
    response = client.post(URL, "{bad", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["detail"][0]["loc"] == ["body"]


def test_a_body_over_the_size_limit_is_a_413_with_a_json_error(client, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = {"target": "inpatient-coder", "avoid": ["x" * 100] * 20}
    response = post(client, body)
    assert response.status_code == 413
    assert response["Content-Type"].startswith("application/json")
    assert "larger than the limit of 1000 bytes" in response.json()["detail"][0]["msg"]


def test_other_methods_are_a_405_with_a_json_error(client, db):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert response.json()["detail"][0]["msg"] == "use POST"


def test_identical_positions_count_once(client, shipped_catalog):
    job = {"role": "inpatient-coder", "start": "2020-01-01", "end": "2022-01-01"}
    body = {"target": "senior-inpatient-coder", "start": "2027-01-01"}
    once = post(client, {**body, "positions": [job]}).json()
    many = post(client, {**body, "positions": [job] * 2000})  # 150 KB, under the body limit
    assert many.status_code == 200
    assert many.json() == once


def test_too_many_different_positions_are_a_422(client, shipped_catalog):
    jobs = [
        {"role": "inpatient-coder", "start": f"{2000 + n // 12}-{n % 12 + 1:02}-01"}
        for n in range(61)
    ]
    response = post(client, {"target": "inpatient-coder", "positions": jobs})
    assert response.status_code == 422
    assert response.json()["detail"][0] == {
        "loc": ["body", "positions"],
        "msg": "at most 60 different positions can be given (got 61)",
    }


def test_the_openapi_schema_describes_the_roadmap_request(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    request = schema["components"]["schemas"]["RoadmapRequest"]["properties"]
    assert {"education", "experience", "target", "target_credential", "via"} <= set(request)
    assert "/api/v1/roadmap" in schema["paths"]
    responses = schema["paths"]["/api/v1/roadmap"]["post"]["responses"]
    assert {"200", "400", "413", "422"} <= set(responses)
    assert request["experience"]["additionalProperties"]["type"] == "integer"


# Fuzzed bodies: whatever arrives, the answer is a document or a JSON error, never a 500.

FIELD_VALUES = {
    "education": st.sampled_from(["none", "high-school", "phd", "", None, 3, True]),
    "completed": st.lists(
        st.sampled_from(["coding-certificate", "x", "coding-certificate@1800-01-01", "a@b"])
    ),
    "credentials": st.lists(st.sampled_from(["cca", "cca@2026-01-01", "cca@9999-12-31", "@", 5])),
    "licences": st.lists(st.sampled_from(["rn", "zz", ""])),
    "experience": st.dictionaries(
        st.sampled_from(["coding", "nope", ""]),
        st.one_of(st.integers(-5, 10**12), st.sampled_from(["12", True, None, 1.5])),
    ),
    "role": st.sampled_from([None, "inpatient-coder", "astronaut", 7]),
    "positions": st.lists(
        st.fixed_dictionaries(
            {"role": st.sampled_from(["inpatient-coder", "medical-coder", "x"])},
            optional={
                "start": st.sampled_from(["2020-01-01", "0001-01-01", "2030-01-01", "junk"]),
                "end": st.sampled_from([None, "2019-01-01", "2026-06-30"]),
                "full_time": st.sampled_from([True, False, "yes"]),
            },
        ),
        max_size=4,
    ),
    "start": st.sampled_from(
        [None, "", "2027-01-01", "9999-12-31", "0001-01-01", "2027-02-30", 20270101]
    ),
    "readiness": st.sampled_from(["required", "recommended", "whenever", None]),
    "study_while_working": st.sampled_from([True, False, "yes", 1, None]),
    "avoid": st.lists(
        st.sampled_from(["coding-certificate", "role:medical-coder", "bogus:x", "x"])
    ),
    "via": st.lists(st.sampled_from(["credential:cca", "role:inpatient-coder", "program:x", ":"])),
    "target": st.sampled_from([None, "", "inpatient-coder", "medical-coder", "astronaut"]),
    "target_credential": st.sampled_from([None, "cca", "cpc", "zzz"]),
    "check": st.lists(st.sampled_from(["cca", "rhit", "nope"]), max_size=3),
}


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=st.fixed_dictionaries({}, optional=FIELD_VALUES))
def test_any_body_gets_a_document_or_a_json_error(client, shipped_catalog, body):
    response = post(client, body)
    assert response.status_code in (200, 400, 422), response.content
    document = response.json()
    if response.status_code == 200:
        assert {"reachable", "too_complex", "steps", "eligibility"} <= set(document)
    else:
        assert document["detail"] and all("msg" in item for item in document["detail"])
