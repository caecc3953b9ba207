"""The dataset we ship (roles/data/catalog.json) is valid, sound and says what the issuers say."""

from datetime import date
from pathlib import Path

import pytest

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
        "registered-nurse",
        "outpatient-cdi-specialist",
        "release-of-information-specialist",
        "privacy-officer",
        "health-data-analyst",
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


def apprentice_options(rule_set):
    return {
        (
            tuple(route["credentials"]),
            tuple((term["kind"], term["months"]) for term in route["experience"]),
            frozenset(route["programs"]),
        )
        for route in rule_set["required"]
    }


@pytest.mark.parametrize(("credential", "apprentice"), [("cpc", "cpc-a"), ("coc", "coc-a")])
def test_the_apprentice_a_comes_off_by_every_option_aapc_lists(credential, apprentice):
    granted = shipped()["credentials"][credential]

    current = rule_set_in_force(granted, date.today())

    assert granted["earned_by"] == "grant"
    assert apprentice in granted["supersedes"]
    assert current["source"] == "aapc-cpc-apprenticeship"
    assert apprentice_options(current) == {
        ((apprentice,), (("coding", 24),), frozenset()),  # employment
        (
            (apprentice,),
            (("coding", 12),),
            frozenset({"aapc-80-hour-course", "aapc-practicode", "aapc-course-and-practicode"}),
        ),  # employment + education
        ((apprentice,), (), frozenset({"aapc-course-and-practicode"})),  # education
    }


@pytest.mark.parametrize("credential", ["cpc", "coc"])
def test_the_earlier_apprentice_rule_is_kept_as_an_earlier_rule_set(credential):
    granted = shipped()["credentials"][credential]

    older = rule_set_in_force(granted, date(2020, 6, 1))

    assert older["effective"] == "2019-09-01"
    assert older["source"] == "aapc-apprentice-status-archived"
    assert older["recommended"] == []


@pytest.mark.parametrize("credential", ["cdip", "chda", "cpco", "cdeo"])
def test_the_credentials_users_expect_beside_the_core_ones_are_shipped_with_renewal(credential):
    doc = shipped()
    shipped_credential = doc["credentials"][credential]

    assert shipped_credential["renewal"]["ceus"] and shipped_credential["rule_sets"]
    assert shipped_credential["exam"]["fee_usd"]
    issuer_pages = {rule_set["source"] for rule_set in shipped_credential["rule_sets"]}
    if shipped_credential["issuer"] == "ahima":  # AHIMA's pages could not be read: say so
        assert all(doc["sources"][slug]["verified"] is False for slug in issuer_pages)


def test_every_experience_term_names_a_kind_some_role_builds():
    doc = shipped()
    built = {kind for role in doc["roles"].values() for kind in role["accrues"]}

    def terms(routes):
        for route in routes:
            yield from (term["kind"] for term in route["experience"])
            if route["current_role_accrues"]:
                yield route["current_role_accrues"]

    named = set()
    for credential in doc["credentials"].values():
        for rule_set in credential["rule_sets"]:
            named |= set(terms(rule_set["required"])) | set(terms(rule_set["recommended"]))
    for role in doc["roles"].values():
        named |= set(terms(role["hire"]))
        for move in role["moves"].values():
            named |= set(terms(move["requires"]))
    assert named <= built


def test_the_ccs_ps_advice_counts_physician_based_coding_only():
    ccs_p = rule_set_in_force(shipped()["credentials"]["ccs-p"], date.today())

    kinds = {term["kind"] for route in ccs_p["recommended"] for term in route["experience"]}

    assert kinds == {"coding-physician"}


def test_unknown_costs_stay_unknown_never_zero():
    doc = shipped()

    for slug, program in doc["programs"].items():
        assert program["cost_min"] != 0 and program["cost_max"] != 0, slug
    for slug, credential in doc["credentials"].items():
        assert not credential["exam"] or credential["exam"]["fee_usd"] != 0, slug


def test_unconfirmed_fees_carry_an_unverified_source():
    doc = shipped()

    for slug, credential in doc["credentials"].items():
        exam = credential["exam"]
        if exam and exam["fee_usd"] is not None:
            assert doc["sources"][exam["source"]]["verified"] is False, slug


def test_the_ccds_o_renews_like_the_ccds():
    credentials = shipped()["credentials"]

    assert credentials["ccds-o"]["renewal"]["ceus"] == credentials["ccds"]["renewal"]["ceus"] == 30
    assert credentials["ccds-o"]["renewal"]["cycle_months"] == 24
