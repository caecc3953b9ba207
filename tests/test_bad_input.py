"""Bad input never makes a 500: every field of the API and the role filters fuzzed with
hypothesis (strings of every kind, huge numbers, extreme dates, missing and extra
fields), and bodies over the size limit refused before anything reads them."""

import json

import pytest
from django.conf import settings as django_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

URL = "/api/v1/roadmap"
FIELDS = [
    "education", "completed", "credentials", "licences", "experience", "role", "positions",
    "start", "readiness", "study_while_working", "avoid", "via", "target",
    "target_credential", "check",
]  # fmt: skip
# Each example reuses the one shipped catalog; nothing here writes to the database.
FUZZ = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

text = st.text(st.characters(codec="utf-8"), max_size=40)
numbers = st.integers(min_value=-(10**30), max_value=10**30) | st.floats(allow_nan=False)
dates = st.dates().map(str) | st.sampled_from(["0000-00-00", "9999-12-31", "2027-02-30", "27"])
slugs = st.sampled_from(["inpatient-coder", "ccs", "rhit", "coding", "cca@2026-06-01", ""])
scalars = st.none() | st.booleans() | numbers | text | dates | slugs
json_values = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(text, children, max_size=4),
    max_leaves=12,
)
# Bodies near the real shape: known fields with values of every kind, plus unknown fields.
bodies = st.dictionaries(st.sampled_from(FIELDS) | text, json_values, max_size=8)

# Bodies of the right types whose values are wild: they get past the schema to the planner.
some_slugs = st.lists(slugs | text, max_size=3)
well_typed = st.fixed_dictionaries(
    {},
    optional={
        "education": slugs | text | st.sampled_from(["none", "high-school", "bachelor"]),
        "completed": some_slugs,
        "credentials": some_slugs,
        "licences": some_slugs,
        "experience": st.dictionaries(slugs | text, st.integers(0, 10**18), max_size=3),
        "role": slugs | text,
        "positions": st.lists(
            st.fixed_dictionaries(
                {"role": slugs | text, "start": st.dates().map(str)},
                optional={"end": st.dates().map(str) | st.none(), "full_time": st.booleans()},
            ),
            max_size=3,
        ),
        "start": st.dates().map(str),
        "readiness": st.sampled_from(["required", "recommended"]),
        "study_while_working": st.booleans(),
        "avoid": some_slugs,
        "via": some_slugs,
        "target": slugs | text,
        "target_credential": slugs | text,
        "check": some_slugs,
    },
)


def post(client, body: bytes, content_type="application/json"):
    return client.post(URL, body, content_type=content_type)


def assert_clear_error(response) -> None:
    """A 4xx with a {"detail": [...]} body that says what was wrong, or a 400."""
    assert response.status_code < 500, response.content[:500]
    if response.status_code == 422:
        detail = response.json()["detail"]
        assert detail and all(item["msg"] and item["loc"] for item in detail)


@FUZZ
@given(body=bodies)
def test_the_api_answers_any_json_object_without_a_server_error(client, shipped_catalog, body):
    response = post(client, json.dumps(body).encode())
    assert_clear_error(response)


@FUZZ
@given(body=well_typed)
def test_the_api_answers_any_well_typed_body_without_a_server_error(client, shipped_catalog, body):
    assert_clear_error(post(client, json.dumps(body).encode()))


@FUZZ
@given(body=json_values)
def test_the_api_answers_any_json_document_without_a_server_error(client, shipped_catalog, body):
    assert_clear_error(post(client, json.dumps(body).encode()))


@FUZZ
@given(body=st.binary(max_size=200))
def test_the_api_answers_any_bytes_without_a_server_error(client, shipped_catalog, body):
    assert_clear_error(post(client, body))


@FUZZ
@given(
    level=text | st.sampled_from(["entry", "senior", ""]),
    track=text,
    setting=text,
    extra=st.dictionaries(text.filter(bool), text, max_size=3),
    htmx=st.booleans(),
)
def test_the_role_filters_answer_any_values_with_the_list(
    client, shipped_catalog, level, track, setting, extra, htmx
):
    params = {**extra, "level": level, "track": track, "setting": setting}
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get("/roles/", params, headers=headers)
    assert response.status_code == 200


@FUZZ
@given(title=text, slug=text, url=text, as_of=text | dates, note=text)
def test_the_admin_source_form_answers_any_values_with_a_page(
    admin_client, title, slug, url, as_of, note
):
    data = {"title": title, "slug": slug, "url": url, "as_of": as_of, "note": note}
    response = admin_client.post("/admin/roles/source/add/", data)
    assert response.status_code in (200, 302)  # the form again with its errors, or saved


# The size limit ---------------------------------------------------------------------------


def test_an_api_body_over_the_limit_is_refused_with_a_json_error(client, db):
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = json.dumps({"education": "high-school", "avoid": ["x" * limit]}).encode()

    response = post(client, body)

    assert response.status_code == 413
    assert response.json() == {
        "detail": [
            {"loc": ["body"], "msg": f"The request body is larger than the limit of {limit} bytes."}
        ]
    }


def test_a_form_body_over_the_limit_is_refused(admin_client):
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    response = admin_client.post(
        "/admin/roles/source/add/",
        f"note={'x' * limit}",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 413


def test_a_body_at_the_limit_is_read(client, shipped_catalog):
    limit = django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    body = {"education": "high-school", "target": "inpatient-coder", "start": "2027-01-01"}
    raw = json.dumps(body).encode()
    padded = raw[:-1] + b" " * (limit - len(raw)) + b"}"
    assert len(padded) == limit

    assert post(client, padded).status_code == 200


@pytest.mark.parametrize("size", ["", "-1", "lots"])
def test_a_missing_or_nonsense_content_length_is_not_a_server_error(client, db, size):
    response = client.generic(
        "POST", URL, b'{"target": "inpatient-coder"}', "application/json", CONTENT_LENGTH=size
    )
    assert response.status_code < 500
