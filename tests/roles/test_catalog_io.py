"""Loading the dataset into the database and writing it back."""

import copy
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from roles.catalog_file import dump_document
from roles.catalog_io import export_document, load_document
from roles.checks import catalog_integrity
from roles.management.commands.load_catalog import SHIPPED
from roles.models import CatalogVersion, Credential, Move, Role, Route


def test_load_then_export_gives_the_shipped_file_back(shipped_catalog):
    assert dump_document(export_document()) == SHIPPED.read_text(encoding="utf-8")


def test_load_export_load_changes_nothing(shipped_catalog):
    version = CatalogVersion.current()
    report = load_document(export_document())
    assert (report.created, report.updated, report.deleted) == (0, 0, 0)
    assert CatalogVersion.current() == version + 1  # a load is still one bump, never more


def test_loading_bumps_the_catalog_version_once(db):
    before = CatalogVersion.current()
    call_command("load_catalog", stdout=StringIO())
    assert CatalogVersion.current() == before + 1


def test_an_edit_bumps_the_catalog_version(shipped_catalog):
    before = CatalogVersion.current()
    role = Role.objects.get(slug="senior-inpatient-coder")
    role.salary_max += 1000
    role.save()
    assert CatalogVersion.current() == before + 1


def test_load_reverts_an_edit_and_reports_it(shipped_catalog):
    Role.objects.filter(slug="inpatient-coder").update(title="Hospital coder")
    report = load_document(shipped_catalog)
    assert report.updated == 1
    assert (
        Role.objects.get(slug="inpatient-coder").title
        == shipped_catalog["roles"]["inpatient-coder"]["title"]
    )


def test_load_removes_what_the_file_no_longer_has(shipped_catalog):
    doc = json.loads(json.dumps(shipped_catalog))
    del doc["roles"]["education-coordinator"]
    for role in doc["roles"].values():
        role["moves"].pop("education-coordinator", None)
    load_document(doc)
    assert not Role.objects.filter(slug="education-coordinator").exists()
    assert dump_document(export_document()) == dump_document(doc)


def test_if_empty_keeps_an_admins_edits(shipped_catalog):
    Role.objects.filter(slug="inpatient-coder").update(title="Hospital coder")
    out = StringIO()
    call_command("load_catalog", "--if-empty", stdout=out)
    assert "left as it is" in out.getvalue()
    assert Role.objects.get(slug="inpatient-coder").title == "Hospital coder"


def test_a_corrupted_file_is_rejected_naming_entry_and_field_and_changes_nothing(
    shipped_catalog, tmp_path
):
    before = dump_document(export_document())
    doc = json.loads(json.dumps(shipped_catalog))
    doc["roles"]["inpatient-coder"]["title"] = "Changed title"  # a valid change...
    doc["credentials"]["ccs"]["rule_sets"][0]["required"][0]["education"] = "kindergarten"
    corrupted = tmp_path / "broken.json"
    corrupted.write_text(json.dumps(doc), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("load_catalog", str(corrupted), stdout=StringIO())

    message = str(error.value)
    assert "broken.json" in message
    assert "credentials.ccs.rule_sets[0].required[0].education" in message
    assert dump_document(export_document()) == before  # ...which was not applied either


def test_a_file_that_is_not_json_is_rejected_with_its_line(db, tmp_path):
    broken = tmp_path / "catalog.json"
    broken.write_text('{\n  "format": 1,\n  "roles": {,\n}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"catalog\.json.*line 3"):
        call_command("load_catalog", str(broken), stdout=StringIO())
    assert not Role.objects.exists()


def test_export_command_writes_the_file(shipped_catalog, tmp_path):
    target = tmp_path / "out.json"
    call_command("export_catalog", str(target), stderr=StringIO())
    assert target.read_text(encoding="utf-8") == SHIPPED.read_text(encoding="utf-8")


def test_export_query_count_does_not_grow_with_the_catalog(
    shipped_catalog, django_assert_max_num_queries
):
    with django_assert_max_num_queries(20):
        export_document()


def test_the_shipped_catalog_passes_the_system_check(shipped_catalog):
    assert catalog_integrity(databases=["default"]) == []


def test_the_system_check_reports_a_credential_without_rules(shipped_catalog):
    Credential.objects.get(slug="cca").rule_sets.all().delete()
    problems = catalog_integrity(databases=["default"])
    assert any("cca" in problem.msg.lower() for problem in problems)


def test_routes_keep_their_order_through_a_round_trip(shipped_catalog):
    ccs = Credential.objects.get(slug="ccs")
    current = max(ccs.rule_sets.all(), key=lambda rule_set: rule_set.effective)
    described = [route.describe() for route in Route.objects.filter(rule_set=current)]
    load_document(export_document())
    again = [route.describe() for route in Route.objects.filter(rule_set=current)]
    assert described == again


def test_a_first_load_reports_only_creations(db):
    out = StringIO()
    call_command("load_catalog", stdout=out)
    assert ", 0 updated, 0 deleted" in out.getvalue()


def test_loading_a_file_with_an_empty_route_changes_nothing(db, tmp_path, shipped_document):
    doc = copy.deepcopy(shipped_document)
    doc["credentials"]["ccs"]["rule_sets"][-1]["required"].append({})
    broken = tmp_path / "catalog.json"
    broken.write_text(json.dumps(doc))

    with pytest.raises(CommandError, match="the route names no condition"):
        call_command("load_catalog", str(broken), stdout=StringIO())

    assert not Credential.objects.exists()


def test_the_system_check_reports_an_empty_route_and_a_move_with_no_time(shipped_catalog):
    move = Move.objects.filter(routes__isnull=False).first()
    move.routes.all().delete()
    Route.objects.create(move=move)
    Move.objects.filter(pk=move.pk).update(typical_months=0)

    problems = [problem.msg for problem in catalog_integrity(databases=["default"])]

    assert any("route 1: the route names no condition" in problem for problem in problems)
    assert any("has typical_months 0" in problem for problem in problems)


def test_renewal_policies_and_apprentice_rules_survive_a_round_trip(shipped_catalog):
    exported = export_document()

    ahima, aapc, acdis = (exported["renewal_policies"][issuer] for issuer in AHIMA_AAPC_ACDIS)
    assert (ahima["shared"], ahima["extra_ceus"], ahima["max_ceus"]) == (True, 10, 50)
    assert (ahima["issuer_share_percent"], ahima["issuer_share_from"]) == (40, "2025-01-01")
    assert (aapc["anchor"], aapc["prorate_first_period"], aapc["max_ceus"]) == (
        "membership-date",
        True,
        52,
    )
    assert (acdis["shared"], acdis["grace_days"]) == (False, 45)
    assert exported["credentials"]["cpma"]["renewal"]["subject_ceus"] == 16
    assert exported["credentials"]["cpc-a"]["apprentice"]["source"] == "aapc-cpc-apprenticeship"
    assert exported["credentials"]["cpc"]["apprentice"] is None


AHIMA_AAPC_ACDIS = ("ahima", "aapc", "acdis")


def test_a_bad_renewal_policy_is_rejected_naming_it_and_changes_nothing(shipped_catalog, tmp_path):
    before = dump_document(export_document())
    doc = json.loads(json.dumps(shipped_catalog))
    doc["renewal_policies"]["aapc"]["max_ceus"] = 60  # a valid change...
    doc["renewal_policies"]["ahima"]["issuer_share_percent"] = "forty"
    corrupted = tmp_path / "broken.json"
    corrupted.write_text(json.dumps(doc), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        call_command("load_catalog", str(corrupted), stdout=StringIO())

    assert "broken.json: renewal_policies.ahima.issuer_share_percent" in str(error.value)
    assert dump_document(export_document()) == before  # ...which was not applied either
