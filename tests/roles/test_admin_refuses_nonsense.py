"""The admin refuses data that would make the public pages say nonsense (issue 11)."""

import copy
import json

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains

from roles.admin import RoleResource
from roles.models import Role, Route
from tests.factories import (
    ExperienceKindFactory,
    MoveFactory,
    RoleFactory,
    RouteFactory,
    RuleSetFactory,
    SourceFactory,
)
from tests.roles.test_admin import (
    add_route,
    admin_url,
    assert_form_error,
    form_data,
    post_change,
)

pytestmark = pytest.mark.django_db

EMPTY_ROUTE = "This route names no condition, so it would let anyone through."


def test_an_empty_required_route_on_a_rule_set_is_refused(admin_client):
    rule_set = RuleSetFactory()
    RouteFactory(rule_set=rule_set, strength=Route.Strength.REQUIRED, education="high-school")

    response = post_change(
        admin_client, rule_set, lambda data: add_route(data, "routes", strength="required")
    )

    assert_form_error(response, EMPTY_ROUTE)
    assert rule_set.routes.count() == 1


def test_emptying_a_move_route_and_setting_no_time_is_refused(admin_client):
    ExperienceKindFactory(slug="coding")
    move = MoveFactory()
    RouteFactory(move=move, experience={"coding": 12})

    def empty_it(data):
        data["typical_months"] = 0
        data["routes-0-experience"] = ""

    response = post_change(admin_client, move, empty_it)

    assert_form_error(response, EMPTY_ROUTE)
    assertContains(response, "A move takes some time in the first role")
    move.refresh_from_db()
    assert move.typical_months == 24
    assert move.routes.get().experience.count() == 1


def test_saving_a_role_unchanged_records_no_change(admin_client):
    role = RoleFactory(responsibilities="Code charts\nQuery physicians")
    url = admin_url(role)
    data = form_data(admin_client.get(url))
    data["responsibilities"] = data["responsibilities"].replace("\n", "\r\n")  # as browsers post

    response = admin_client.post(url, data)

    assert response.status_code == 302
    role.refresh_from_db()
    assert role.responsibilities == "Code charts\nQuery physicians"
    assert role.history.count() == 1  # only the creation


def test_route_changes_show_in_the_moves_history(admin_client):
    move = MoveFactory()
    RouteFactory(move=move, education="associate")

    post_change(admin_client, move, lambda data: data.update({"routes-0-education": "bachelor"}))

    latest = move.history.first()
    assert latest.history_change_reason == (
        "Routes: removed “associate degree”; added “bachelor's degree”."
    )
    history_page = admin_client.get(admin_url(move, "history"))
    assertContains(history_page, "added “bachelor&#x27;s degree”")


def test_re_importing_an_exported_csv_counts_every_row_as_unchanged():
    RoleFactory(responsibilities="Code charts\nQuery physicians", paid=True)
    exported = RoleResource().export().export("csv").replace("\n", "\r\n")
    dataset = RoleResource().export()
    dataset.load(exported, format="csv")

    result = RoleResource().import_data(dataset, dry_run=True)

    assert result.totals["skip"] == 1 and result.totals["update"] == 0


def test_import_errors_name_the_column_and_value_for_every_bad_row():
    SourceFactory(slug="bls")
    RoleFactory(slug="coder")
    RoleFactory(slug="auditor")
    dataset = RoleResource().export()
    rows = dataset.dict
    rows[0] |= {"salary_source": "bsl", "salary_min": "forty", "salary_max": 50000}
    rows[1] |= {"accrues": "coding,astrology"}
    dataset.dict = rows

    result = RoleResource().import_data(dataset, dry_run=True)

    assert not result.has_errors()
    errors = {row.number: row.error_dict for row in result.invalid_rows}
    assert set(errors) == {1, 2}
    assert errors[1]["salary_source"] == ["no source has the slug “bsl”"]
    assert errors[1]["salary_min"] == ["“forty” is not a whole number"]
    assert errors[2]["accrues"] == ["no experience kinds have the slugs “astrology”, “coding”"]
    assert not Role.objects.filter(salary_min__isnull=False).exists()


def test_the_role_slug_help_shows_the_page_address(admin_client):
    response = admin_client.get(admin_url(Role, "add"))

    assertContains(response, "as in /roles/inpatient-coder/")


# The whole catalog as one file


def upload(name: str, text: str):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="application/json")


def test_the_whole_catalog_downloads_as_the_document(admin_client, shipped_catalog):
    from roles.catalog_file import dump_document

    response = admin_client.get(reverse("admin:roles_catalog_file_download"))

    assert response["Content-Disposition"] == 'attachment; filename="catalog.json"'
    assert response.content.decode() == dump_document(shipped_catalog)


def test_every_table_links_to_the_whole_catalog_file(admin_client):
    response = admin_client.get(admin_url(Role, "changelist"))

    assertContains(response, reverse("admin:roles_catalog_file"))
    assertContains(response, admin_url(Role, "import"))  # beside the table's own import


def test_an_uploaded_catalog_with_problems_lists_them_all_and_changes_nothing(
    admin_client, shipped_catalog
):
    doc = copy.deepcopy(shipped_catalog)
    doc["credentials"]["ccs"]["rule_sets"][-1]["required"].append({})
    doc["roles"]["inpatient-coder"]["salary_source"] = "nowhere"
    doc["roles"]["inpatient-coder"]["title"] = "Changed"

    response = admin_client.post(
        reverse("admin:roles_catalog_file"), {"file": upload("mine.json", json.dumps(doc))}
    )

    assertContains(response, "The file was not loaded. 2 problems")
    assertContains(response, "mine.json: credentials.ccs.rule_sets[")
    assertContains(response, "mine.json: roles.inpatient-coder.salary_source: unknown source")
    assert Role.objects.get(slug="inpatient-coder").title != "Changed"


def test_an_uploaded_catalog_is_loaded(admin_client, shipped_catalog):
    doc = copy.deepcopy(shipped_catalog)
    doc["roles"]["inpatient-coder"]["title"] = "Inpatient Coder I"

    response = admin_client.post(
        reverse("admin:roles_catalog_file"),
        {"file": upload("catalog.json", json.dumps(doc))},
        follow=True,
    )

    assertContains(response, "Loaded catalog.json: 0 created, 1 updated, 0 deleted.")
    assert Role.objects.get(slug="inpatient-coder").title == "Inpatient Coder I"


def test_a_catalog_editor_without_delete_rights_cannot_upload(client, shipped_catalog):
    from django.contrib.auth.models import Permission

    from tests.factories import UserFactory

    user = UserFactory(is_staff=True)
    user.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(user)

    page = client.get(reverse("admin:roles_catalog_file"))
    refused = client.post(reverse("admin:roles_catalog_file"), {"file": upload("c.json", "{}")})

    assertContains(page, "Loading a whole file needs permission")
    assert refused.status_code == 403


def test_a_median_pay_without_year_or_source_is_a_form_error(admin_client):
    role = RoleFactory()

    response = post_change(admin_client, role, lambda data: data.update(median_pay=50250))

    assert_form_error(response, "A median pay needs its year and its source.")


def test_the_import_page_lists_every_bad_row_with_its_column_and_value(admin_client):
    from io import StringIO

    SourceFactory(slug="bls")
    RoleFactory(slug="coder")
    RoleFactory(slug="auditor")
    dataset = RoleResource().export()
    rows = dataset.dict
    rows[0] |= {"salary_source": "bsl"}
    rows[1] |= {"salary_min": "forty"}
    dataset.dict = rows
    upload = StringIO(dataset.export("csv"))
    upload.name = "roles.csv"

    response = admin_client.post(
        admin_url(Role, "import"), {"resource": 0, "format": 0, "import_file": upload}
    )

    assertContains(response, "no source has the slug “bsl”")
    assertContains(response, "“forty” is not a whole number")
    assert not Role.objects.filter(salary_min__isnull=False).exists()
