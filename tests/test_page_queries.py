"""Every page in the register (tests/pages.py) runs at most ten SQL queries, worked out
afresh (nothing in the cache), and the catalog pages stay within ten on a catalog ten
times the shipped one. Pages with their own growth tests (role list, credential pages,
plan, compare, map, a saved plan) also check that the count does not grow at all."""

import pytest
from django.test import override_settings

from planner.httpbench.data import catalog_document
from planner.snapshot import current_catalog, current_renewal_rules
from roles.catalog_io import load_document
from tests.pages import PUBLIC_PAGES, SIGNED_IN_PAGES, STAFF_PAGES, resolve

MAX_QUERIES = 10
# The admin is Django's own, used by a few catalog editors: a change form draws a select
# per inline row. Held to a looser bound, outside the pages' budget of ten.
MAX_ADMIN_QUERIES = 40


@pytest.fixture(autouse=True)
def sessions_as_production_keeps_them(settings):
    """cached_db, as production has it with Redis: a session is read from the cache, so
    the counts below are the ones a production request runs."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_public_page_runs_at_most_ten_queries(
    client, shipped_catalog, django_assert_max_num_queries, name
):
    path = resolve(PUBLIC_PAGES[name])
    current_catalog()  # the snapshot is built once per catalog version, not per request

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(path)

    assert response.status_code < 500


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_a_signed_in_page_runs_at_most_ten_queries(
    client, shipped_catalog, django_user_model, django_assert_max_num_queries, name
):
    user = django_user_model.objects.create_user("someone", "someone@example.org", "pw")
    path = resolve(SIGNED_IN_PAGES[name], user)
    client.force_login(user)
    current_catalog()
    current_renewal_rules()  # like the catalog: built once per catalog version

    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(path)

    assert response.status_code == 200


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_staff_page_runs_a_bounded_number_of_queries(
    admin_client, shipped_catalog, django_assert_max_num_queries, name
):
    path = resolve(STAFF_PAGES[name])

    with django_assert_max_num_queries(MAX_ADMIN_QUERIES):
        response = admin_client.get(path)

    assert response.status_code == 200


CATALOG_PAGES = [
    "home",
    "plan without an account, answered",
    "compare paths, answered",
    "career map",
    "career map, a path highlighted",
    "program list",
    "role list",
    "role detail",
    "credential list",
    "credential detail",
]


@pytest.mark.django_db
def test_the_catalog_pages_stay_within_ten_queries_on_ten_times_the_catalog(
    client, django_assert_max_num_queries
):
    with override_settings(SIMPLE_HISTORY_ENABLED=False):
        load_document(catalog_document(10))  # 250 roles: the shipped ones and generated
    current_catalog()

    for name in CATALOG_PAGES:
        with django_assert_max_num_queries(MAX_QUERIES):
            response = client.get(resolve(PUBLIC_PAGES[name]))
        assert response.status_code == 200, name
