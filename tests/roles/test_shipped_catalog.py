"""The dataset we ship (roles/data/catalog.json) is valid, sound and says what the issuers say."""

from datetime import date
from pathlib import Path

from roles import integrity
from roles.catalog_file import dump_document, load_document, normalise, validate

CATALOG = Path(__file__).resolve().parents[2] / "roles" / "data" / "catalog.json"


def shipped():
    return load_document(CATALOG)


def rule_set_in_force(credential, on):
    in_force = [rs for rs in credential["rule_sets"] if date.fromisoformat(rs["effective"]) <= on]
    return max(in_force, key=lambda rs: rs["effective"])


def test_the_shipped_catalog_validates():
    validate(shipped(), path=str(CATALOG))


def test_the_shipped_catalog_has_no_integrity_problems():
    assert integrity.problems(shipped(), today=date.today()) == []


def test_the_shipped_file_is_in_canonical_form():
    assert dump_document(shipped()) == CATALOG.read_text(encoding="utf-8")


def test_the_shipped_file_writes_every_optional_key_so_export_leaves_it_unchanged():
    doc = shipped()

    assert normalise(doc) == doc


def test_the_shipped_catalog_has_exactly_the_planned_roles():
    assert set(shipped()["roles"]) == {
        "inpatient-coder",
        "senior-inpatient-coder",
        "lead-coder-auditor",
        "coding-supervisor",
        "him-manager",
        "him-director",
        "oncology-coder",
        "cardiac-coder",
        "trauma-coder",
        "obstetric-coder",
        "compliance-auditor",
        "cdi-specialist",
        "medical-billing-specialist",
        "revenue-cycle-manager",
        "quality-auditor",
        "education-coordinator",
        "medical-coder",
        "outpatient-coder",
        "medical-biller",
        "medical-auditor",
    }


def test_the_ladder_runs_from_inpatient_coder_to_him_director_by_promotion():
    roles = shipped()["roles"]
    ladder = [
        "inpatient-coder",
        "senior-inpatient-coder",
        "lead-coder-auditor",
        "coding-supervisor",
        "him-manager",
        "him-director",
    ]

    for here, there in zip(ladder, ladder[1:], strict=False):
        assert roles[here]["moves"][there]["kind"] == "promotion"
    assert [roles[slug]["track"] for slug in ladder] == ["ladder"] * len(ladder)


def test_inpatient_roles_name_icd_10_pcs_not_cpt():
    roles = shipped()["roles"]

    for slug in ("inpatient-coder", "senior-inpatient-coder", "oncology-coder", "cdi-specialist"):
        assert roles[slug]["code_sets"] == ["ICD-10-CM", "ICD-10-PCS", "MS-DRG"]


def test_ccs_now_requires_only_a_high_school_diploma():
    ccs = shipped()["credentials"]["ccs"]

    current = rule_set_in_force(ccs, date.today())

    assert ccs["issuer"] == "ahima"
    assert [{k: v for k, v in route.items() if v} for route in current["required"]] == [
        {"education": "high-school"}
    ]


def test_ccs_recommends_ahimas_readiness_routes():
    current = rule_set_in_force(shipped()["credentials"]["ccs"], date.today())

    routes = {
        (
            frozenset(route["credentials"]),
            tuple((term["kind"], term["months"]) for term in route["experience"]),
        )
        for route in current["recommended"]
    }

    assert routes >= {
        (frozenset(), (("coding", 24),)),
        (frozenset({"cca"}), (("coding", 12),)),
        (frozenset({"cpc", "coc", "cic", "crc"}), (("coding", 12),)),
        (frozenset({"ccs-p", "rhit", "rhia"}), ()),
    }
    coursework = [route for route in current["recommended"] if route["programs"]]
    assert [route["experience"] for route in coursework] == [[{"kind": "coding", "months": 12}]]


def test_ccs_keeps_the_older_rule_set_where_the_routes_were_required():
    ccs = shipped()["credentials"]["ccs"]

    older = rule_set_in_force(ccs, date(2018, 6, 1))

    assert older["effective"] == "2016-01-01"
    assert older["recommended"] == []
    assert {"rhia", "rhit", "ccs-p"} <= {
        c for route in older["required"] for c in route["credentials"]
    }
    assert any(
        route["experience"] == [{"kind": "coding", "months": 24}] for route in older["required"]
    )


def test_rhit_has_no_experience_only_route():
    rhit = shipped()["credentials"]["rhit"]

    for rule_set in rhit["rule_sets"]:
        for route in rule_set["required"]:
            assert route["programs"], route


def test_every_ccds_route_requires_working_in_cdi_now():
    ccds = shipped()["credentials"]["ccds"]

    for rule_set in ccds["rule_sets"]:
        assert rule_set["required"]
        for route in rule_set["required"]:
            assert route["current_role_accrues"] == "cdi"


def test_cpc_is_granted_to_a_cpc_a_with_two_years_of_coding():
    cpc = shipped()["credentials"]["cpc"]

    current = rule_set_in_force(cpc, date.today())

    assert cpc["earned_by"] == "grant"
    assert "cpc-a" in cpc["supersedes"]
    assert [(route["credentials"], route["experience"]) for route in current["required"]] == [
        (["cpc-a"], [{"kind": "coding", "months": 24}])
    ]


def test_unconfirmed_fees_carry_an_unverified_source():
    doc = shipped()

    for slug, credential in doc["credentials"].items():
        exam = credential["exam"]
        if exam and exam["fee_usd"] is not None:
            assert doc["sources"][exam["source"]]["verified"] is False, slug
