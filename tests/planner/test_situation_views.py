"""My situation: one form with three formsets, clear errors, a fixed number of queries."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from planner.models import Profile, ProfileQuerySet

from .roadmap_helpers import fresh_snapshot, person, situation  # noqa: F401

URL = "/situation/"


def form_data(positions=(), credentials=(), programs=(), **fields):
    """The posted form: rows as dicts; existing rows need their "id"."""
    data = {"education": "high-school", "role": ""} | fields
    for prefix, rows in (
        ("positions", positions),
        ("credentials", credentials),
        ("programs", programs),
    ):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = str(sum(1 for row in rows if "id" in row))
        for number, row in enumerate(rows):
            for name, value in row.items():
                data[f"{prefix}-{number}-{name}"] = value
    return data


def test_it_requires_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("url", [URL, "/plans/new/", "/renewals/"])
def test_a_profile_made_by_another_first_request_meanwhile_is_used_not_a_500(
    client, shipped_catalog, url
):
    """Two first requests at once (two tabs): both find no profile and both create one;
    the second must take the first's, not fail on the one-profile-a-person rule. Here the
    'other request' made it between this request's look and its create."""
    user = person(client)  # the profile exists, as the other request left it
    first = ProfileQuerySet.first
    looked = []

    def none_the_first_time(queryset):
        if not looked:
            looked.append(True)
            return None
        return first(queryset)

    with mock.patch.object(ProfileQuerySet, "first", none_the_first_time):
        response = client.get(url)

    assert response.status_code == 200
    assert Profile.objects.filter(user=user).count() == 1


def test_a_dated_job_and_a_credential_are_saved_and_the_page_says_positions_are_used(
    client, shipped_catalog
):
    user = person(client)
    data = form_data(
        positions=[{"role": "inpatient-coder", "start": "2024-06-01", "end": ""}],
        credentials=[{"credential": "cca", "earned": "2025-03-01"}],
        experience_coding="30",
    )
    response = client.post(URL, data, follow=True)

    assert response.status_code == 200
    profile = Profile.objects.get(user=user)
    position = profile.positions.get()
    assert (position.role, position.start, position.end, position.full_time) == (
        "inpatient-coder",
        date(2024, 6, 1),
        None,
        True,
    )
    assert profile.credentials.get().credential == "cca"
    assert profile.experience == {"coding": 30}
    assert "The planner uses your positions below" in response.content.decode()
    assert "Your situation is saved." in response.content.decode()


def test_without_positions_the_page_says_the_months_per_kind_are_used(client, shipped_catalog):
    person(client)
    client.post(URL, form_data(experience_coding="18", role="inpatient-coder"))
    response = client.get(URL)
    assert "The planner uses the months per kind" in response.content.decode()


def test_each_rule_has_its_message_next_to_the_field_and_in_the_summary(client, shipped_catalog):
    user = person(client)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    data = form_data(
        positions=[
            {"role": "inpatient-coder", "start": "2024-06-01", "end": "2023-01-01"},
            {"role": "", "start": "", "end": "", "part_time": "on"},
        ],
        credentials=[
            {"credential": "cca", "earned": tomorrow},
            {"credential": "cca", "earned": "1949-12-31"},
        ],
        programs=[{"program": "coding-certificate", "completed": "2020-01-01"}],
    )
    response = client.post(URL, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "The end is before the start." in page
    assert "The date earned is in the future" in page
    assert "The date earned is before 1950" in page
    assert "This credential is listed twice." in page
    assert "Position 2, Part time: Part time is ticked on a row with no job" in page
    assert 'class="error-summary"' in page
    assert "Nothing you typed is lost" in page
    assert 'value="2024-06-01"' in page and 'value="coding-certificate" selected' in page
    assert not user.profile.positions.exists() and not user.profile.programs.exists()


def test_add_a_position_adds_a_blank_row_and_saves_nothing(client, shipped_catalog):
    user = person(client)
    data = form_data(positions=[{"role": "medical-coder", "start": "2022-01-01", "end": ""}])
    data["add"] = "positions"
    response = client.post(URL, data)

    page = response.content.decode()
    assert 'name="positions-TOTAL_FORMS" value="2"' in page
    assert 'id="id_positions-1-role"' in page
    assert 'value="2022-01-01"' in page
    assert not user.profile.positions.exists()


def test_a_row_can_be_removed(client, shipped_catalog):
    user = person(client)
    profile = situation(user, positions=[("medical-coder", date(2022, 1, 1))])
    row = profile.positions.get()
    data = form_data(
        positions=[{"id": row.pk, "role": "medical-coder", "start": "2022-01-01", "DELETE": "on"}]
    )
    client.post(URL, data)
    assert not profile.positions.exists()


def test_the_page_and_its_partial_free_rows_take_the_same_queries_for_1_or_6_rows(
    client, shipped_catalog
):
    user = person(client)
    profile = situation(
        user,
        positions=[("medical-coder", date(2022, 1, 1))],
        credentials=[("cca", date(2023, 1, 1))],
    )
    client.get(URL)  # the catalog snapshot is built once per process
    with CaptureQueriesContext(connection) as one:
        assert client.get(URL).status_code == 200
    situation(
        user,
        positions=[("inpatient-coder", date(2023, m, 1), date(2023, m, 20)) for m in range(1, 6)],
        programs=[("coding-certificate", date(2021, 1, 1))],
    )
    with CaptureQueriesContext(connection) as six:
        response = client.get(URL)
    assert response.content.decode().count('name="positions-') > profile.positions.count()
    assert len(six) == len(one), [q["sql"] for q in six]
    assert len(one) <= 12


def test_two_ongoing_jobs_in_different_roles_are_refused(client, shipped_catalog):
    person(client)
    data = form_data(
        positions=[
            {"role": "inpatient-coder", "start": "2024-06-01", "end": ""},
            {"role": "medical-biller", "start": "2023-01-01", "end": ""},
        ]
    )
    page = client.post(URL, data).content.decode()
    assert "Only one role can be ongoing" in page


@pytest.mark.parametrize("education", ["associate", "bachelor"])
def test_education_is_saved(client, shipped_catalog, education):
    user = person(client)
    client.post(URL, form_data(education=education))
    assert Profile.objects.get(user=user).education == education
