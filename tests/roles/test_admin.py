"""The catalog admin: every page loads, bad edits are form errors, editors edit only the catalog."""

from datetime import date
from io import StringIO

import pytest
import tablib
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from roles.admin import RoleResource, SourceResource
from roles.groups import CATALOG_EDITOR, ensure_catalog_editor_group
from roles.models import (
    CatalogVersion,
    Credential,
    EducationLevel,
    ExperienceKind,
    Licence,
    Move,
    Program,
    RenewalPolicy,
    Role,
    Route,
    RouteExperience,
    RuleSet,
    Source,
)
from tests.factories import (
    CredentialFactory,
    ExperienceKindFactory,
    LicenceFactory,
    MoveFactory,
    ProgramFactory,
    RenewalPolicyFactory,
    RoleFactory,
    RouteFactory,
    RuleSetFactory,
    SourceFactory,
    UserFactory,
    required_route,
)

pytestmark = pytest.mark.django_db


def form_data(response) -> dict:
    """What a browser posts back from an admin add or change page when nothing is edited."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = [getattr(item, "pk", item) for item in value]
            data[field.html_name] = value
    return data


def add_row(data: dict, prefix: str, **values) -> None:
    """Fill in one more row of an inline formset, as "Add another" does."""
    n = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = n + 1
    data.update({f"{prefix}-{n}-{name}": value for name, value in values.items()})


def add_route(data: dict, prefix: str, **values) -> None:
    """A new route row, with the order (0) a browser's blank row carries."""
    add_row(data, prefix, position=0, **values)


def admin_url(obj_or_model, view: str = "change") -> str:
    opts = obj_or_model._meta
    args = [obj_or_model.pk] if view in ("change", "history", "delete") else []
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)


def post_change(client, obj, edit) -> object:
    """Open obj's change page, let edit() change the posted data, and post it."""
    url = admin_url(obj)
    data = form_data(client.get(url))
    edit(data)
    return client.post(url, data)


def assert_form_error(response, message: str) -> None:
    assert response.status_code == 200, "expected the form again, with an error"
    assertContains(response, "Please correct the error")
    assertContains(response, message)


# Every page loads


def one_of(model):
    """One saved row of each catalog model, with some related rows to show."""
    rule_set = RuleSetFactory()
    route = required_route(rule_set, credentials=[CredentialFactory()], experience={"coding": 24})
    CatalogVersion.bump()
    return {
        Source: SourceFactory,
        ExperienceKind: ExperienceKindFactory,
        Licence: LicenceFactory,
        Program: lambda: RouteFactory(admission_program=ProgramFactory()).admission_program,
        Credential: lambda: rule_set.credential,
        RenewalPolicy: RenewalPolicyFactory,
        RuleSet: lambda: rule_set,
        Role: lambda: RouteFactory(hire_role=MoveFactory().from_role).hire_role,
        Move: lambda: RouteFactory(move=MoveFactory()).move,
        Route: lambda: route,
        RouteExperience: lambda: route.experience.get(),
        CatalogVersion: lambda: CatalogVersion.objects.get(),
    }[model]()


CATALOG_MODELS = [
    model
    for model in apps.get_app_config("roles").get_models()
    if not model.__name__.startswith("Historical")
]


def test_every_catalog_model_has_an_admin():
    assert all(admin.site.is_registered(model) for model in CATALOG_MODELS)


@pytest.mark.parametrize("model", CATALOG_MODELS, ids=lambda model: model.__name__)
def test_admin_pages_load_for_a_superuser(admin_client, model):
    obj = one_of(model)

    assert admin_client.get(admin_url(model, "changelist")).status_code == 200
    assert admin_client.get(admin_url(model, "changelist"), {"q": "a"}).status_code == 200
    assert admin_client.get(admin_url(obj)).status_code == 200
    add = admin_client.get(admin_url(model, "add")).status_code
    assert add == (403 if model is CatalogVersion else 200)  # the counter is read-only
    if hasattr(model, "history"):
        assert admin_client.get(admin_url(obj, "history")).status_code == 200


@pytest.mark.parametrize("model", [Role, Credential, Program, Source], ids=str)
def test_import_and_export_pages_load(admin_client, model):
    assert admin_client.get(admin_url(model, "import")).status_code == 200
    assert admin_client.get(admin_url(model, "export")).status_code == 200


def test_an_edit_is_kept_in_the_history_with_who_made_it(admin_client, admin_user):
    role = RoleFactory(title="Inpatient Coder")

    post_change(admin_client, role, lambda data: data.update(title="Hospital Inpatient Coder"))

    latest = role.history.latest()
    assert (latest.title, latest.history_user) == ("Hospital Inpatient Coder", admin_user)
    assertContains(admin_client.get(admin_url(role, "history")), "Hospital Inpatient Coder")


# Import and export


def test_roles_export_with_sources_by_slug():
    RoleFactory(slug="inpatient-coder", paid=True, salary_source__slug="bls")

    exported = RoleResource().export()

    assert exported.dict[0]["slug"] == "inpatient-coder"
    assert exported.dict[0]["salary_source"] == "bls"


def test_an_imported_row_updates_the_role_with_the_same_slug():
    SourceFactory(slug="bls")
    role = RoleFactory(slug="inpatient-coder", title="Coder")
    dataset = RoleResource().export()
    dataset.dict = [
        {**dataset.dict[0], "title": "Inpatient Coder", "salary_min": 40000, "salary_max": 50000}
        | {"salary_source": "bls"}
    ]

    result = RoleResource().import_data(dataset, dry_run=False)

    assert not result.has_errors() and not result.has_validation_errors()
    role.refresh_from_db()
    assert (role.title, role.salary_min, role.salary_source.slug) == (
        "Inpatient Coder",
        40000,
        "bls",
    )


def test_an_invalid_imported_row_is_reported_and_not_saved():
    SourceFactory(slug="bls")
    RoleFactory(slug="inpatient-coder")
    dataset = RoleResource().export()
    dataset.dict = [
        dataset.dict[0] | {"salary_min": 60000, "salary_max": 50000, "salary_source": "bls"}
    ]

    result = RoleResource().import_data(dataset, dry_run=False)

    assert result.has_validation_errors()
    assert "The lowest salary is higher than the highest." in str(result.invalid_rows[0].error)
    assert Role.objects.get().salary_min is None


def test_an_admin_imports_sources_from_a_csv_file(admin_client):
    csv = tablib.Dataset(headers=["slug", "title", "url", "as_of", "verified", "note"])
    csv.append(["ahima-ccs", "AHIMA — CCS", "https://www.ahima.org/", "2026-11-01", "1", ""])
    upload = StringIO(csv.export("csv"))
    upload.name = "sources.csv"

    confirm = admin_client.post(
        admin_url(Source, "import"),
        {"resource": 0, "format": 0, "import_file": upload},
    )
    assertContains(confirm, "ahima-ccs")
    form = confirm.context["confirm_form"]
    done = admin_client.post(admin_url(Source, "process_import"), {**form.initial, "resource": 0})

    assert done.status_code == 302
    assert Source.objects.get().title == "AHIMA — CCS"
    assert len(SourceResource().export()) == 1


# Bad edits are form errors, never server errors


def test_a_role_with_min_salary_over_max_is_a_form_error(admin_client):
    role = RoleFactory(paid=True)

    response = post_change(
        admin_client, role, lambda data: data.update(salary_min=90000, salary_max=50000)
    )

    assert_form_error(response, "The lowest salary is higher than the highest.")
    role.refresh_from_db()
    assert role.salary_min == 42000


def test_a_program_longer_at_least_than_at_most_is_a_form_error(admin_client):
    program = ProgramFactory()

    response = post_change(admin_client, program, lambda data: data.update(months_min=24))

    assert_form_error(response, "The shortest duration is longer than the longest.")


def test_a_move_from_a_role_to_itself_is_a_form_error(admin_client):
    role = RoleFactory()
    data = form_data(admin_client.get(admin_url(Move, "add")))
    data |= {"from_role": role.pk, "to_role": role.pk, "kind": "lateral", "typical_months": 12}
    data["source"] = SourceFactory().pk

    response = admin_client.post(admin_url(Move, "add"), data)

    assert_form_error(response, "A role cannot lead to itself.")
    assert not Move.objects.exists()


def test_a_move_to_itself_added_on_the_roles_page_is_a_form_error(admin_client):
    role = RoleFactory()
    source = SourceFactory()

    response = post_change(
        admin_client,
        role,
        lambda data: add_row(
            data, "moves_out", to_role=role.pk, kind="lateral", typical_months=12, source=source.pk
        ),
    )

    assert_form_error(response, "A role cannot lead to itself.")
    assert not Move.objects.exists()


def test_a_second_move_between_the_same_roles_is_a_form_error(admin_client):
    move = MoveFactory()
    data = form_data(admin_client.get(admin_url(Move, "add")))
    data |= {"from_role": move.from_role.pk, "to_role": move.to_role.pk, "kind": "lateral"}
    data |= {"typical_months": 12, "source": move.source.pk}

    response = admin_client.post(admin_url(Move, "add"), data)

    assert_form_error(response, "There is already a move between these two roles.")


def test_a_duplicate_move_on_the_roles_page_is_a_form_error(admin_client):
    move = MoveFactory()

    response = post_change(
        admin_client,
        move.from_role,
        lambda data: add_row(
            data,
            "moves_out",
            to_role=move.to_role.pk,
            kind="lateral",
            typical_months=12,
            source=move.source.pk,
        ),
    )

    assert_form_error(response, "There is already a move between these two roles.")
    assert Move.objects.count() == 1


def test_a_promotion_that_closes_a_cycle_is_a_form_error(admin_client):
    coder, senior, lead = RoleFactory(), RoleFactory(), RoleFactory()
    MoveFactory(from_role=coder, to_role=senior)
    MoveFactory(from_role=senior, to_role=lead)
    data = form_data(admin_client.get(admin_url(Move, "add")))
    data |= {"from_role": lead.pk, "to_role": coder.pk, "kind": "promotion"}
    data |= {"typical_months": 12, "source": SourceFactory().pk}

    response = admin_client.post(admin_url(Move, "add"), data)

    assert_form_error(response, "This promotion would make a cycle")
    assert Move.objects.count() == 2


def test_a_promotion_cycle_added_on_the_roles_page_is_a_form_error(admin_client):
    coder, senior = RoleFactory(), RoleFactory()
    MoveFactory(from_role=coder, to_role=senior)

    response = post_change(
        admin_client,
        senior,
        lambda data: add_row(
            data,
            "moves_out",
            to_role=coder.pk,
            kind="promotion",
            typical_months=12,
            source=SourceFactory().pk,
        ),
    )

    assert_form_error(response, "This promotion would make a cycle")


def test_two_rule_sets_from_the_same_day_are_a_form_error(admin_client):
    rule_set = RuleSetFactory(effective=date(2021, 1, 1))

    response = post_change(
        admin_client,
        rule_set.credential,
        lambda data: add_row(data, "rule_sets", effective="2021-01-01", source=rule_set.source.pk),
    )

    assert_form_error(response, "Please correct the duplicate data")


def test_a_rule_set_route_must_say_required_or_recommended(admin_client):
    rule_set = RuleSetFactory()

    response = post_change(
        admin_client, rule_set, lambda data: add_route(data, "routes", education="bachelor")
    )

    assert_form_error(response, "This field is required.")
    assert not Route.objects.exists()


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("two years coding", "is not understood"),
        ("24 months astrology", "“astrology” is not a kind of experience. Use one of: coding."),
        ("12 months coding; 1 year coding", "Coding is given twice"),
        ("0 months coding", "between 1 and"),
    ],
)
def test_experience_that_cannot_be_read_is_a_field_error(admin_client, typed, error):
    ExperienceKindFactory(slug="coding")
    move = MoveFactory()

    response = post_change(
        admin_client, move, lambda data: add_route(data, "routes", experience=typed)
    )

    assert_form_error(response, error)
    assert not Route.objects.exists()


def test_experience_is_typed_as_text_and_saved_as_terms(admin_client):
    ExperienceKindFactory(slug="cdi", name="Inpatient CDI")
    route = RouteFactory(move=MoveFactory(), experience={"coding": 24})

    response = post_change(
        admin_client,
        route.move,
        lambda data: data.update({"routes-0-experience": "2 years CDI; 12 months coding"}),
    )

    assert response.status_code == 302
    terms = route.experience.order_by("kind__slug").values_list("kind__slug", "months")
    assert list(terms) == [("cdi", 24), ("coding", 12)]
    assert route.experience.get(kind__slug="coding").history.count() == 2  # changed, not replaced


# Who may edit


def editor():
    user = UserFactory(is_staff=True)
    user.groups.add(ensure_catalog_editor_group())
    return user


def test_migrate_creates_the_catalog_editor_group():
    group = Group.objects.get(name=CATALOG_EDITOR)
    codenames = set(group.permissions.values_list("codename", flat=True))
    for model in ("role", "credential", "ruleset", "route", "move", "program", "source"):
        assert {f"add_{model}", f"change_{model}", f"delete_{model}", f"view_{model}"} <= codenames
    assert not group.permissions.exclude(content_type__app_label="roles").exists()


def test_the_catalog_editor_can_edit_a_role(client):
    role = RoleFactory(title="Coder")
    client.force_login(editor())

    response = post_change(client, role, lambda data: data.update(title="Inpatient Coder"))

    assert response.status_code == 302
    role.refresh_from_db()
    assert role.title == "Inpatient Coder"


def test_the_catalog_editor_cannot_see_users_or_groups(client):
    client.force_login(editor())

    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403
    index = client.get(reverse("admin:index"))
    assertContains(index, "Roles")
    assertNotContains(index, "Users")


# The design card: the career guide's CCS rule, built by an admin through the admin


def test_an_admin_builds_the_guides_ccs_rule_as_a_required_rule(admin_client, client):
    ExperienceKindFactory(slug="coding", name="Medical coding")
    ccs = CredentialFactory(acronym="CCS", name="Certified Coding Specialist")
    rule_set = RuleSetFactory(
        credential=ccs,
        effective=date(2026, 1, 1),
        source=SourceFactory(title="Inpatient coder career guide", verified=False),
    )

    def two_routes(data):
        data["note"] = "The career guide's rule: 2 years, or 1 year with a bachelor's."
        add_route(data, "routes", strength="required", experience="24 months coding")
        add_route(
            data,
            "routes",
            strength="required",
            education=EducationLevel.BACHELOR,
            experience="12 months coding",
        )

    response = post_change(admin_client, rule_set, two_routes)

    assert response.status_code == 302, response.context["errors"]
    required = rule_set.routes_of(Route.Strength.REQUIRED)
    assert [route.describe() for route in required] == [
        "24 months of medical coding experience",
        "bachelor's degree + 12 months of medical coding experience",
    ]
    assert rule_set.routes_of(Route.Strength.RECOMMENDED) == []

    page = client.get(ccs.get_absolute_url()).content.decode()
    box = page[page.index("requirement--required") :]
    box = box[: box.index("</div>")]
    assert "Must hold one of" in box
    assert "24 months of medical coding experience" in box
    assert "Bachelor&#x27;s degree + 12 months of medical coding experience" in box
    assert "requirement--recommended" not in page


def test_the_catalog_editor_group_can_be_brought_up_to_date_again():
    group = ensure_catalog_editor_group()
    group.permissions.clear()

    assert ensure_catalog_editor_group() == group
    assert group.permissions.filter(codename="change_role").exists()
