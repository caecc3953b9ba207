"""Ordinary plans on the shipped catalog answer with a roadmap within the page's caps.

Each of these answered "too complex to plan" before the estimate counted the requirements
on the way into a role and the queue ordered ties by a bound on the cost still to pay.
The effort cap (states taken from the queue) is deterministic; the 1 s time cap is not, so
the cases kept under the page's full caps finish in a small fraction of that second even on
a quiet machine, and the slower ones are held to the effort cap alone.
"""

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from unittest import mock

import pytest

from planner.engine import Catalog, plan
from planner.engine.bound import Bound
from planner.engine.search import Search
from planner.requests import parse_request

SHIPPED = Path(__file__).resolve().parents[2] / "roles" / "data" / "catalog.json"
TODAY = date(2026, 11, 27)
HIGH_SCHOOL = {"education": "high-school", "start": "2027-01-01"}
NEW_RN = {"education": "bachelor", "licences": ["rn"], "start": "2027-01-01"}


@pytest.fixture(scope="module")
def shipped():
    return Catalog.from_document(json.loads(SHIPPED.read_text()))


def roadmap(catalog, request, *, time_cap=True, effort=None):
    person, target, options = parse_request(request, today=TODAY, bounded=True)
    if not time_cap:
        options = replace(options, time_limit=None)
    if effort is not None:
        options = replace(options, effort=effort)
    return plan(catalog, person, target, options)


@pytest.mark.parametrize(
    ("who", "goal", "readiness", "finish"),
    [
        (NEW_RN, {"target": "cdi-specialist"}, "required", "2030-01-01"),
        (NEW_RN, {"target": "him-manager"}, "required", "2031-07-01"),
        (NEW_RN, {"target": "him-manager"}, "recommended", "2031-07-01"),
        (NEW_RN, {"target_credential": "cdip"}, "recommended", "2032-01-01"),
        (HIGH_SCHOOL, {"target_credential": "cdip"}, "required", "2032-01-01"),
    ],
)
def test_ordinary_plans_on_the_shipped_catalog_finish_within_the_page_caps(
    shipped, who, goal, readiness, finish
):
    found = roadmap(shipped, {**who, **goal, "readiness": readiness})
    assert not found.too_complex
    assert found.reachable
    assert found.to_dict()["finish"] == finish


@pytest.mark.parametrize(
    ("goal", "readiness", "finish"),
    [
        ({"target": "him-manager"}, "recommended", "2034-01-01"),
        ({"target": "privacy-officer"}, "recommended", "2031-10-01"),
        ({"target_credential": "cdip"}, "recommended", "2032-05-01"),
    ],
)
def test_slower_plans_from_high_school_finish_within_the_effort_cap(
    shipped, goal, readiness, finish
):
    found = roadmap(shipped, {**HIGH_SCHOOL, **goal, "readiness": readiness}, time_cap=False)
    assert not found.too_complex
    assert found.to_dict()["finish"] == finish


# A coder of two and a half years (inpatient since June 2024, CCA since March 2025).
WORKING_CODER = {
    "education": "high-school",
    "start": "2027-01-01",
    "positions": [{"role": "inpatient-coder", "start": "2024-06-01"}],
    "credentials": ["cca@2025-03-01"],
}


@pytest.mark.parametrize(
    ("who", "goal", "readiness", "finish"),
    [
        # Three years of RN work, then two of outpatient CDI: ACDIS's CCDS-O for an RN.
        (NEW_RN, {"target_credential": "ccds-o"}, "required", "2032-01-01"),
        # CCS, three years of inpatient coding, two of outpatient CDI.
        (HIGH_SCHOOL, {"target_credential": "ccds-o"}, "required", "2032-01-01"),
        # Four years of release of information, the CCA, then the CHPS (a credential and
        # four years of privacy work), then the promotion.
        (HIGH_SCHOOL, {"target": "privacy-officer"}, "required", "2031-01-01"),
    ],
)
def test_plans_that_took_seconds_now_take_a_few_hundred_states(
    shipped, who, goal, readiness, finish
):
    """Each took 10,000-50,000 states (several seconds) before the estimate counted
    credential alternatives whole and kinds no role builds together one after another."""
    request = {**who, **goal, "readiness": readiness}
    found = roadmap(shipped, request, time_cap=False, effort=2_000)
    assert not found.too_complex
    assert found.to_dict()["finish"] == finish


@pytest.mark.parametrize("via", ["credential:rhit", "program:cahiim-associate-hit"])
def test_a_working_coder_plans_coding_supervisor_through_the_him_degrees(shipped, via):
    """Past the 50,000-state cap before (74,000 states); about 600 now. Six years of
    inpatient coding are out of reach before mid-2030 and the associate takes two years
    away from work, so the quickest way is the RHIA's route (three years of inpatient
    coding): the HIT associate, the degree completion, the RHIA (sat as soon as the
    degree is done, not when the hire first asks for it)."""
    request = {**WORKING_CODER, "target": "coding-supervisor", "via": [via]}
    found = roadmap(shipped, {**request, "readiness": "recommended"}, time_cap=False)
    assert not found.too_complex
    assert found.to_dict()["finish"] == "2031-06-01"
    done = {step.key.rsplit(":", 1)[0]: step for step in found.steps}
    associate = done["study:cahiim-associate-hit"]
    assert associate.end <= done["study:him-degree-completion"].start
    assert done["exam:rhia"].start == done["study:him-degree-completion"].end
    assert done["move:coding-supervisor"].start == found.finish
    if via == "credential:rhit":
        assert done["exam:rhit"].start >= associate.end


def test_high_school_to_him_manager_with_the_rhia_as_required_is_answered(shipped):
    """The allied health associate and the HIM degree completion (full time, no work
    beside them), the RHIA at once, then three years as a health data analyst and the
    promotion to HIM manager, which asks for the RHIA. 61,670 states before issue 7's
    last changes, past the 50,000-state cap."""
    request = {**HIGH_SCHOOL, "target": "him-manager", "readiness": "required"}
    found = roadmap(shipped, request, time_cap=False)
    assert not found.too_complex
    assert found.to_dict()["finish"] == "2034-01-01"
    assert found.cost == 70919
    keys = [step.key.rsplit(":", 1)[0] for step in found.steps]
    assert keys[keys.index("study:him-degree-completion") + 1] == "exam:rhia"
    assert keys[-1] == "move:him-manager"


@pytest.mark.parametrize(
    ("who", "goal", "readiness", "finish"),
    [
        # The RHIA (four years of HIM degrees), three years as a health data analyst, five
        # as HIM manager: 51,000-81,000 states before, past the cap.
        (HIGH_SCHOOL, {"target": "him-director"}, "recommended", "2039-01-01"),
        (HIGH_SCHOOL, {"target": "him-director"}, "required", "2039-01-01"),
        (NEW_RN, {"target": "him-director"}, "required", "2036-07-01"),
        # The CCS, three years of inpatient coding, CDI with the RHIT's two-year route:
        # 8,800-15,000 states before.
        (HIGH_SCHOOL, {"target_credential": "ccds"}, "required", "2033-01-01"),
        (HIGH_SCHOOL, {"target_credential": "ccds"}, "recommended", "2033-10-01"),
        # People from the bench's slowest list (4,000-166,000 states before).
        (
            {
                "education": "associate",
                "start": "2026-09-01",
                "experience": {"privacy-security": 18, "cdi": 3, "coding-inpatient": 3},
                "credentials": ["cpco", "cdeo"],
                "positions": [{"role": "medical-coder", "start": "2021-08-01"}],
                "study_while_working": True,
            },
            {"target": "revenue-cycle-manager"},
            "required",
            "2030-09-01",
        ),
        (
            {
                "education": "high-school",
                "start": "2027-08-01",
                "experience": {"billing": 12, "coding-inpatient": 30, "coding-outpatient": 12},
                "credentials": ["ccds-o", "chda"],
                "role": "coding-supervisor",
                "study_while_working": True,
            },
            {"target": "medical-auditor"},
            "recommended",
            "2031-08-01",
        ),
        (
            {
                "education": "high-school",
                "start": "2027-10-15",
                "experience": {"clinical": 6, "cdi": 48},
                "positions": [{"role": "medical-coder", "start": "2018-12-01"}],
                "study_while_working": True,
            },
            {"target": "privacy-officer"},
            "required",
            "2030-10-15",
        ),
    ],
)
def test_plans_past_the_cap_before_the_third_pass_take_under_1500_states(
    shipped, who, goal, readiness, finish
):
    """The third pass on the estimate (the work before the first role of a kind, each of
    the goal's ways whole, credentials looked through to the end of their chain) and the
    CPC-A/COC-A symmetry: each of these now takes 20-1,200 states."""
    request = {**who, **goal, "readiness": readiness}
    found = roadmap(shipped, request, time_cap=False, effort=1_500)
    assert not found.too_complex
    assert found.to_dict()["finish"] == finish


@pytest.mark.parametrize(
    ("who", "goal", "readiness", "finish"),
    [
        # The example: six years of privacy work, or four with the CCA (whose advice
        # asks a coding certificate); 1,800 states before.
        (
            {"education": "high-school", "experience": {"management": 1}, "start": "2026-02-24"},
            {"target_credential": "chps"},
            "recommended",
            "2030-11-24",
        ),
        # High school to HIM manager with the RHIA as required: 900 states before.
        (HIGH_SCHOOL, {"target": "him-manager"}, "required", "2034-01-01"),
        # People from the bench's slowest list (1,600-14,400 states before): an HIM
        # director to privacy officer (CHPS by the CCA), coders to CCDS (the RHIT's degree
        # studied in the CDI role), a release-of-information specialist and an inpatient
        # coder to revenue cycle manager (by HIM manager, whose RHIA asks a degree).
        (
            {
                "education": "high-school",
                "start": "2026-06-01",
                "experience": {
                    "privacy-security": 3,
                    "coding-outpatient": 48,
                    "cdi-outpatient": 3,
                    "billing": 30,
                },
                "positions": [{"role": "him-director", "start": "2025-11-01"}],
                "study_while_working": True,
            },
            {"target": "privacy-officer"},
            "recommended",
            "2029-08-01",
        ),
        (
            {
                "education": "associate",
                "start": "2026-09-01",
                "experience": {
                    "privacy-security": 18,
                    "cdi": 3,
                    "cdi-outpatient": 6,
                    "coding-inpatient": 3,
                },
                "credentials": ["cpco", "cdeo"],
                "positions": [{"role": "medical-coder", "start": "2021-08-01"}],
                "study_while_working": True,
            },
            {"target_credential": "ccds"},
            "required",
            "2029-03-01",
        ),
        (
            {
                "education": "high-school",
                "start": "2026-02-28",
                "experience": {"cdi": 3, "privacy-security": 3, "management": 18, "billing": 48},
                "positions": [
                    {"role": "coding-supervisor", "start": "2023-08-01", "full_time": False}
                ],
                "study_while_working": True,
            },
            {"target_credential": "ccds"},
            "required",
            "2029-11-28",
        ),
        (
            {
                "education": "bachelor",
                "start": "2026-09-01",
                "experience": {"health-data": 6, "coding-outpatient": 12},
                "credentials": ["ccs"],
                "positions": [{"role": "release-of-information-specialist", "start": "2024-10-01"}],
            },
            {"target": "revenue-cycle-manager"},
            "required",
            "2031-04-01",
        ),
        (
            {
                "education": "bachelor",
                "start": "2027-07-01",
                "experience": {"clinical": 3, "management": 6},
                "role": "inpatient-coder",
            },
            {"target": "revenue-cycle-manager"},
            "required",
            "2032-07-01",
        ),
        # The typical months in the role a move leaves are worked there: a coding
        # supervisor studying for the RHIT away from work, an inpatient coder building
        # CDI months elsewhere before senior inpatient coder (1,700-7,400 states before).
        (
            {"education": "high-school", "start": "2027-07-01", "role": "coding-supervisor"},
            {"target": "him-manager"},
            "recommended",
            "2032-07-01",
        ),
        (
            {
                "education": "none",
                "start": "2027-07-01",
                "experience": {"cdi": 18, "coding-inpatient": 18},
                "positions": [{"role": "inpatient-coder", "start": "2024-07-01"}],
                "study_while_working": True,
            },
            {"target": "quality-auditor"},
            "recommended",
            "2029-07-01",
        ),
    ],
)
def test_plans_past_the_cap_before_the_fourth_pass_take_under_300_states(
    shipped, who, goal, readiness, finish
):
    """The fourth pass on the estimate: experience asked by a credential's credentials
    (however deep), what getting into the role a move leaves asked, a program studied
    beside work in one role, the months in the role a move leaves worked there. Each now
    takes 10-200 states."""
    request = {**who, **goal, "readiness": readiness}
    found = roadmap(shipped, request, time_cap=False, effort=300)
    assert not found.too_complex
    assert found.to_dict()["finish"] == finish


RECOMMENDED_WHILE_WORKING = {"readiness": "recommended", "study_while_working": True}
REQUIRED_WHILE_WORKING = {"readiness": "required", "study_while_working": True}
# A coder with CPCO and years of outpatient CDI and privacy, to CCDS.
CPCO_TO_CCDS = {
    "education": "high-school",
    "start": "2026-12-01",
    "experience": {
        "cdi-outpatient": 48,
        "coding": 18,
        "coding-physician": 12,
        "privacy-security": 48,
    },
    "credentials": ["cpco"],
    "target_credential": "ccds",
    **RECOMMENDED_WHILE_WORKING,
}


@pytest.mark.parametrize(
    ("request_body", "finish"),
    [
        # Revenue cycle manager by billing specialist, whose promotion asks five years of
        # billing: hired in by a move from inpatient coder, the year there builds none of
        # it (8,300-56,500 states before).
        (
            {
                "education": "high-school",
                "start": "2027-04-28",
                "experience": {"clinical": 30, "coding-inpatient": 6, "coding": 18},
                "role": "senior-inpatient-coder",
                "target": "revenue-cycle-manager",
                **RECOMMENDED_WHILE_WORKING,
            },
            "2033-04-28",
        ),
        (
            {
                "education": "high-school",
                "start": "2027-10-15",
                "experience": {"clinical": 6, "cdi": 48},
                "positions": [{"role": "medical-coder", "start": "2018-12-01"}],
                "target": "revenue-cycle-manager",
                **RECOMMENDED_WHILE_WORKING,
            },
            "2033-10-15",
        ),
        (
            {
                "education": "high-school",
                "start": "2026-07-28",
                "experience": {
                    "cdi-outpatient": 48,
                    "coding-physician": 12,
                    "coding-inpatient": 30,
                },
                "credentials": ["cpc", "ccds-o"],
                "positions": [{"role": "compliance-auditor", "start": "2023-02-01"}],
                "target": "revenue-cycle-manager",
                **RECOMMENDED_WHILE_WORKING,
            },
            "2032-01-28",
        ),
        # CCDS by the RHIT: the associate degree away from work, then three years of
        # inpatient coding before the first CDI role; outpatient CDI leads there only
        # from inpatient CDI or nursing (5,700 states before).
        (
            {
                "education": "associate",
                "start": "2026-02-01",
                "experience": {"coding-physician": 6, "cdi": 18, "health-data": 18},
                "credentials": ["chps"],
                "target_credential": "ccds",
                "readiness": "recommended",
            },
            "2031-05-01",
        ),
        # A senior inpatient coder to quality auditor by CDI: hired into outpatient CDI
        # sooner, the year of outpatient CDI a move from it asks comes after (2,200 and
        # 3,100 states before).
        (
            {
                "education": "high-school",
                "start": "2026-07-15",
                "experience": {"management": 6, "billing": 18, "coding": 6, "clinical": 48},
                "role": "senior-inpatient-coder",
                "target": "quality-auditor",
                "readiness": "required",
                "study_while_working": True,
            },
            "2031-07-15",
        ),
        (
            {
                "education": "high-school",
                "start": "2026-07-15",
                "experience": {"management": 6, "billing": 18, "coding": 6, "clinical": 48},
                "role": "senior-inpatient-coder",
                "target_credential": "ccds",
                "readiness": "required",
                "study_while_working": True,
            },
            "2031-07-15",
        ),
        # Paying for two exams, a program and its admission, each once; and months no
        # way of the goal can be paid for within (sixth pass): high school to HIM director
        # (the RHIT first for privacy officer, 600 states before), a bachelor's holder to
        # quality auditor (the CCA and the RHIA, 625), revenue cycle managers by billing
        # from HIM director and privacy officer (2,900 and 11,300).
        (
            {
                "education": "high-school",
                "start": "2026-02-28",
                "target": "him-director",
                "readiness": "required",
                "study_while_working": True,
            },
            "2034-02-28",
        ),
        (
            {
                "education": "bachelor",
                "start": "2026-08-01",
                "credentials": ["cdeo", "coc-a"],
                "target": "quality-auditor",
                **RECOMMENDED_WHILE_WORKING,
            },
            "2032-02-01",
        ),
        (
            {
                "education": "high-school",
                "start": "2026-06-01",
                "experience": {
                    "privacy-security": 3,
                    "coding-outpatient": 48,
                    "cdi-outpatient": 3,
                    "billing": 30,
                },
                "positions": [{"role": "him-director", "start": "2025-11-01"}],
                "target": "revenue-cycle-manager",
                **RECOMMENDED_WHILE_WORKING,
            },
            "2032-06-01",
        ),
        (
            {
                "education": "high-school",
                "start": "2027-12-15",
                "experience": {"coding-physician": 48, "health-data": 12, "management": 18},
                "role": "privacy-officer",
                "target": "revenue-cycle-manager",
                **RECOMMENDED_WHILE_WORKING,
            },
            "2033-12-15",
        ),
        # A biller with inpatient coding years to HIM manager: the RHIA's two degrees
        # away from work, then two years of management; coding supervisor, the one role
        # building inpatient coding and management together, is entered only after the
        # inpatient coding its hire asks (3,900 states before).
        (
            {
                "education": "high-school",
                "start": "2027-04-01",
                "experience": {"health-data": 3, "coding-inpatient": 30},
                "positions": [{"role": "medical-biller", "start": "2019-08-01"}],
                "target": "him-manager",
                "readiness": "required",
            },
            "2033-04-01",
        ),
        # A coder with outpatient CDI and privacy years to CCDS: the CCS for the outpatient
        # CDI hire is paid with the CCA and the RHIT (7,200 states before).
        (
            CPCO_TO_CCDS,
            "2031-06-01",
        ),
        # CCDS while working in CDI: the months of work before the first CDI role are no
        # study time (the RHIT's degree away from work comes on top), and a way into
        # outpatient CDI from nursing does not count without a nursing licence (1,200 and
        # 3,100 states before).
        (
            {
                "education": "high-school",
                "start": "2026-11-01",
                "experience": {"cdi": 30},
                "credentials": ["cpc-a"],
                "role": "outpatient-coder",
                "target_credential": "ccds",
                "readiness": "recommended",
            },
            "2030-11-01",
        ),
        (
            {
                "education": "high-school",
                "start": "2026-09-01",
                "experience": {"cdi": 6, "clinical": 48},
                "credentials": ["cpc", "cpco"],
                "role": "him-manager",
                "target_credential": "ccds",
                "readiness": "recommended",
            },
            "2032-09-01",
        ),
    ],
)
def test_plans_past_the_cap_before_the_fifth_pass_take_under_300_states(
    shipped, request_body, finish
):
    """The fifth and sixth passes: the months in the role a move into a move's origin
    leaves build only that role's kinds; the first role building a kind is not entered
    from another that builds it; experience is built after the first role building it;
    the cost bound pays each exam and program once and finds months in which no way can
    be paid for. Each of these now takes 15-230 states."""
    found = roadmap(shipped, request_body, time_cap=False, effort=300)
    assert not found.too_complex
    assert found.to_dict()["finish"] == finish


def test_a_move_out_of_a_role_waits_for_the_way_into_it(shipped):
    """A senior inpatient coder with RHIT and CCDS aiming at revenue cycle manager: HIM
    manager by a move from coding supervisor looked 51 months away, as if the state were
    in coding supervisor already (54 months away, and the management asked built there
    by 72). The plan is 60 months of billing; it took 3,060 states before, 25 now."""
    request_body = {
        "education": "bachelor",
        "start": "2026-06-01",
        "experience": {
            "coding-outpatient": 30,
            "cdi-outpatient": 30,
            "privacy-security": 3,
            "management": 6,
        },
        "credentials": ["rhit", "ccds"],
        "role": "senior-inpatient-coder",
        "target": "revenue-cycle-manager",
        "readiness": "required",
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=100)

    assert not found.too_complex
    assert found.to_dict()["finish"] == "2031-06-01"


@pytest.mark.parametrize(
    ("request_body", "finish"),
    [
        # A trauma coder with four years of management to HIM director: the RHIA's degree
        # completion after an associate, 48 months of study beside work, and a year of
        # management as coding supervisor after it (3,772 states before, 75 now).
        (
            {
                "education": "high-school",
                "start": "2026-08-01",
                "experience": {"clinical": 18, "coding-inpatient": 30, "management": 48},
                "credentials": ["ccds-o", "cpco"],
                "role": "trauma-coder",
                "target": "him-director",
                **RECOMMENDED_WHILE_WORKING,
            },
            "2031-08-01",
        ),
        # An outpatient coder with CCS-P and CHPS to revenue cycle manager: the same two
        # degrees, then the months of management left (1,224 states before, 35 now).
        (
            {
                "education": "high-school",
                "start": "2027-11-01",
                "experience": {
                    "management": 18,
                    "coding-outpatient": 48,
                    "cdi": 18,
                    "coding": 3,
                },
                "credentials": ["ccs-p", "chps"],
                "target": "revenue-cycle-manager",
                "readiness": "required",
                "study_while_working": True,
            },
            "2032-05-01",
        ),
    ],
)
def test_programs_studied_one_after_another_beside_work_are_not_one_program(
    shipped, request_body, finish
):
    """Each program studied beside work is studied in one role; a degree after the one
    that admits to it is two such stints, so experience built only in a role entered
    later waits for both or for one of them studied there."""
    found = roadmap(shipped, request_body, time_cap=False, effort=150)
    assert not found.too_complex
    assert found.to_dict()["finish"] == finish


def test_a_degree_for_a_route_asking_to_be_in_cdi_is_not_studied_on_the_way_in(shipped):
    """A part-time medical coder with 30 months of CDI to CCDS: the RHIT route (its
    associate degree, 24 months beside work, and being in CDI) looked 24 months away,
    as if the degree could be studied before entering CDI at no cost in months; it is
    31 (studied as an outpatient CDI specialist). The plan is 25 months by the CCS; it
    took 538 states, 49 now."""
    request_body = {
        "education": "associate",
        "start": "2027-04-01",
        "experience": {"coding": 3, "management": 12, "coding-outpatient": 12, "cdi": 30},
        "positions": [{"role": "medical-coder", "start": "2022-12-01", "full_time": False}],
        "target_credential": "ccds",
        **RECOMMENDED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=100)

    assert not found.too_complex
    assert found.to_dict()["finish"] == "2029-05-01"


def test_the_cost_bound_counts_the_clinical_years_a_way_into_cdi_asks(shipped):
    """Someone in a nurse's role without the licence, with four years of outpatient
    coding (none of it coding in any setting), to CDIP: the plan is three years as a
    nurse, CDI, and the RHIT's associate degree beside it (60 months, $16,358). The cost
    bound took the CCS's way for $798 as possible in 60 months (its year of coding and
    the two years of CDI, one after the other), missing the clinical years the move into
    CDI asks before either: 669 states, "too complex" at the page's 1 s cap. 26 now."""
    request_body = {
        "education": "high-school",
        "start": "2026-11-01",
        "experience": {"coding-outpatient": 48},
        "role": "registered-nurse",
        "target_credential": "cdip",
        **RECOMMENDED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=60)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2031-11-01", 16_358)


def test_an_exam_no_way_of_the_cost_bound_pays_for_is_queued_behind_cheaper_states(shipped):
    """A part-time inpatient coder with CHPS and years of billing and outpatient CDI, to
    HIM manager: the CCS, coding supervisor, and the RHIT's associate degree beside it
    (46 months, $16,358). After each step the search tried the exams open then (CCA,
    CPC, CDIP, CHDA...) and estimated each such state in full, only to find it dearer
    than its key: 501 of 1,162 states, "too complex" at the page's 1 s cap. An exam fee
    that no alternative of the parent's cost bound pays comes on top of the key now, so
    those states wait behind the plan: 370 states. Those were states under a bound $399
    short of the plan's: the cost bound let the RHIT pay for the hire into coding
    supervisor and the move out of it alike, but the first time there is by month 22
    (two years of management follow, and the only other first role for them, revenue
    cycle manager, comes after a year of billing that no coding role builds), too soon
    for the RHIT's degree; the CCS's fee is counted now (CostBound.first_by): 15
    states."""
    request_body = {
        "education": "high-school",
        "start": "2026-09-01",
        "experience": {"cdi-outpatient": 30, "billing": 48, "coding": 12, "privacy-security": 3},
        "credentials": ["chps"],
        "positions": [{"role": "inpatient-coder", "start": "2018-05-01", "full_time": False}],
        "target": "him-manager",
        **REQUIRED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=40)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2030-07-01", 16_358)
    assert [step.key for step in found.steps][:3] == [
        "exam:ccs:1",
        "work:inpatient-coder:1",
        "move:coding-supervisor:1",
    ]


@pytest.mark.parametrize(
    ("request_body", "effort", "finish", "cost", "first_steps"),
    [
        # A medical biller of eight years with 30 months of inpatient coding, to CHPS:
        # the coding certificate, CCA, a move to release-of-information specialist,
        # years there, CHPS (the certificate after the years there is as soon and as
        # cheap). Each move queued again every program the state before it had queued:
        # 157 states; 89 after; 14 since the months into a first coding role count the
        # course studied away from work (FirstRole.away_before).
        pytest.param(
            {
                "education": "high-school",
                "start": "2027-04-01",
                "experience": {"health-data": 3, "coding-inpatient": 30},
                "positions": [{"role": "medical-biller", "start": "2019-08-01", "full_time": True}],
                "target_credential": "chps",
            },
            120,
            "2032-01-01",
            3_735,
            ["study:coding-certificate:1", "exam:cca:1"],
            id="after-a-move",
        ),
        # An HIM manager of twelve years with 18 months of coding, to CCDS-O: CCA and
        # CCS at once, inpatient coder, outpatient CDI, CCDS-O. After each exam (no rule
        # set of either credential changes later) the same: 49 states; 34 now.
        pytest.param(
            {
                "education": "high-school",
                "start": "2027-12-28",
                "experience": {"coding": 18},
                "positions": [{"role": "him-manager", "start": "2015-04-01", "full_time": True}],
                "target_credential": "ccds-o",
            },
            40,
            "2031-06-28",
            698,
            ["exam:cca:1", "exam:ccs:1"],
            id="after-an-exam",
        ),
    ],
)
def test_a_program_away_from_work_is_studied_before_a_step_at_one_month_not_again_after_it(
    shipped, request_body, effort, finish, cost, first_steps
):
    """Without study beside work, studying a program and then moving or sitting an exam
    reaches the same state as the other way round (the step holds after the study too),
    and the search estimated both."""
    away_from_work = {**request_body, "readiness": "recommended", "study_while_working": False}

    found = roadmap(shipped, away_from_work, time_cap=False, effort=effort)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == (finish, cost)
    assert [step.key for step in found.steps][: len(first_steps)] == first_steps


def test_a_program_beside_work_is_studied_before_an_exam_not_again_after_it(shipped):
    """A privacy officer of four years with CPCO, outpatient CDI and coding, to CCDS
    (study beside work): CCA and CCS at once, then inpatient coding, CDI and the HIT
    degree beside work. Sitting an exam leaves the role as it was, so a program studied
    beside work after the exam reaches the state studying it before the exam reaches,
    and the search estimated both: 100 states; 72 now."""
    found = roadmap(shipped, CPCO_TO_CCDS, time_cap=False, effort=85)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2031-06-01", 16_657)
    assert [step.key for step in found.steps][:2] == ["exam:cca:1", "exam:ccs:1"]


@pytest.mark.parametrize("readiness", ["required", "recommended"])
def test_an_exam_asking_for_experience_not_built_where_one_is_counts_the_move_into_it(
    shipped, readiness
):
    """A lead coder-auditor with the CPC and RHIA to CCDS-O: a move into outpatient CDI,
    two years there, then the exam. The count of steps still to go, which orders states
    alike in finish and cost, took the outpatient CDI the exam asks for as a wait alone,
    as if the lead coder-auditor role built it, so every exam and move at month 0
    looked as near as the move into CDI: 55-59 states. Now 10."""
    request_body = {
        "education": "high-school",
        "start": "2027-09-01",
        "credentials": ["cpc", "rhia"],
        "positions": [{"role": "lead-coder-auditor", "start": "2023-09-01", "full_time": True}],
        "target_credential": "ccds-o",
        "readiness": readiness,
        "study_while_working": True,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=20)

    assert not found.too_complex
    assert found.to_dict()["finish"] == "2029-09-01"
    assert [step.key for step in found.steps] == [
        "move:outpatient-cdi-specialist:1",
        "work:outpatient-cdi-specialist:1",
        "exam:ccds-o:1",
    ]


def test_states_after_study_that_brings_the_goal_no_nearer_are_turned_away_at_a_glance(
    shipped,
):
    """A graduate with CDEO and COC-A to obstetric coder: after each step the search
    tried the programs a requirement not yet met could use (the HIM master's, the
    post-baccalaureate certificate, the AAPC courses), and estimated each such state in
    full only to find it months further than its key: 43 of the 63 full estimates. A
    glance (the bound at depth 0, a quarter of the work) turns them away; 14 now."""
    request_body = {
        "education": "bachelor",
        "start": "2026-08-01",
        "credentials": ["cdeo", "coc-a"],
        "target": "obstetric-coder",
        **RECOMMENDED_WHILE_WORKING,
    }
    estimated, settle = [], Bound.settle

    def counted(bound, node, most):
        estimated.append(node)
        return settle(bound, node, most)

    with mock.patch.object(Bound, "settle", counted):
        found = roadmap(shipped, request_body, time_cap=False)

    assert found.to_dict()["finish"] == "2030-02-01"
    assert len(estimated) <= 20


def test_a_glance_past_the_key_leaves_the_credentials_of_the_goals_routes_alone(shipped):
    """A release-of-information specialist with an associate degree to CCDS: most states
    after a program are turned away at a glance, the months its experience asks (in
    CDI, after the years of coding a CDI hire asks) already past the key. The glance
    still worked out the credentials each route of the CCDS names (CCS, RHIA, RHIT...)
    for every one of them: 267 times in the search; now only for routes within the key."""
    request_body = {
        "education": "associate",
        "start": "2026-05-15",
        "experience": {"health-data": 6, "coding": 3, "privacy-security": 18},
        "role": "release-of-information-specialist",
        "target_credential": "ccds",
        **RECOMMENDED_WHILE_WORKING,
    }
    at_a_glance, with_credentials = [], Bound.with_credentials

    def counted(bound, route, node, depth, *rest):
        if bound.glance and depth == bound.top:  # the goal's own routes
            at_a_glance.append(node)
        return with_credentials(bound, route, node, depth, *rest)

    with mock.patch.object(Bound, "with_credentials", counted):
        found = roadmap(shipped, request_body, time_cap=False)

    assert found.to_dict()["finish"] == "2031-12-15"
    assert len(at_a_glance) <= 60


def test_the_months_before_a_first_role_stop_at_what_the_kinds_along_ask(shipped):
    """An HIM manager with CHPS and physician coding to CCDS-O: the months before the
    first role building a kind are the least over every way into such a role, each
    worked out with the other kinds built along (FirstRole.first_months). No way does
    better than those kinds alone, so the ways stop there: 1,574 ways worked out in the
    search before, 952 now."""
    request_body = {
        "education": "bachelor",
        "start": "2026-09-15",
        "experience": {"coding-inpatient": 3, "coding-physician": 18},
        "credentials": ["chps"],
        "positions": [{"role": "him-manager", "start": "2025-12-01", "full_time": True}],
        "target_credential": "ccds-o",
        **RECOMMENDED_WHILE_WORKING,
    }
    worked_out, timed_work = [], Bound.timed_work

    def counted(bound, *args):
        worked_out.append(args)
        return timed_work(bound, *args)

    with mock.patch.object(Bound, "timed_work", counted):
        found = roadmap(shipped, request_body, time_cap=False)

    assert (found.to_dict()["finish"], found.cost) == ("2032-01-15", 499)
    assert len(worked_out) <= 1_100


def test_a_credential_route_and_its_credentials_experience_wait_for_the_first_roles(shipped):
    """A bachelor with four years of inpatient coding and 18 months of outpatient CDI,
    to CDIP under the recommended pace: the coding certificate and CIC, into CDI at
    month 9, the HIM master's beside it, RHIA and CDIP at month 33. One route reads as
    6 more months of outpatient CDI with the CCS, whose advice asks for a year of
    coding: counted one after the other (18 months), though the way into outpatient CDI
    is a year of inpatient CDI first, in neither role. The goal's route now waits for
    the first role building each kind with the others (RouteBound.route): 1,274 states
    before, 123 after. The goal's ways whose floor is past the least found are left to
    their floors (Bound.standing), and the states after a state inherit those: lower
    than the bounds worked out, fewer were turned away at a glance (152 states). Such a
    way is bounded by its routes' own parts as well (RouteBound.route_quick): 123."""
    request_body = {
        "education": "bachelor",
        "start": "2026-08-01",
        "experience": {"cdi-outpatient": 18, "coding-inpatient": 48},
        "target_credential": "cdip",
        **RECOMMENDED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=150)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2029-05-01", 4_234)
    assert [step.key for step in found.steps] == [
        "study:coding-certificate:1",
        "exam:cic:1",
        "move:cdi-specialist:1",
        "study:him-master:1",
        "exam:rhia:1",
        "exam:cdip:1",
    ]


def test_a_move_out_of_the_current_role_too_late_for_the_finish_is_no_way_to_pay_for(shipped):
    """A release-of-information specialist to HIM director under the recommended pace:
    the HIT associate degree, CHPS and a hire into privacy officer at month 42, the
    degree completion and RHIA, five years of management there. The cost bound took the
    move out of release of information (with the RHIT, 100 dollars cheaper than the
    CHPS) as a way into privacy officer in time, though it waits four years there and
    the management months leave 42: every state cheaper than the plan was a way to it,
    207 states. A move out of the state's own role is now held to the months too: 23."""
    request_body = {
        "education": "high-school",
        "start": "2026-10-01",
        "experience": {"clinical": 3, "privacy-security": 6, "cdi": 3, "billing": 6},
        "role": "release-of-information-specialist",
        "target": "him-director",
        **RECOMMENDED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=30)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2035-04-01", 71_318)
    assert [step.key for step in found.steps][2:4] == ["exam:chps:1", "move:privacy-officer:1"]


def test_kinds_no_role_builds_together_are_begun_in_time_for_all_of_them(shipped):
    """A high-school graduate with the COC, the CRC and a year of inpatient coding to
    CCDS-O under the recommended pace: into inpatient coding at month 6 by the CCA,
    the CCS and inpatient CDI at month 30, outpatient CDI a year later. The goal's
    route asks a year of inpatient CDI and a year of outpatient CDI, which no role
    builds together; the cost bound held the way into inpatient CDI only to the month
    its own year allows (42), when the coding years it asks need no CCA. Both years
    begin by month 30, and so does the first of their roles (CostBound.apart_paid): the
    CCA's fee is counted, and the states cheaper than the plan are not taken first: 160
    states before, 66 now."""
    request_body = {
        "education": "high-school",
        "start": "2026-06-01",
        "experience": {"coding-inpatient": 12, "clinical": 6},
        "credentials": ["coc", "crc"],
        "target_credential": "ccds-o",
        **RECOMMENDED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=80)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2030-12-01", 698)
    assert [step.key for step in found.steps][2:4] == ["exam:cca:1", "move:inpatient-coder:1"]


def test_a_credential_in_time_for_the_goals_experience_waits_for_its_first_roles(shipped):
    """A high-school graduate with 30 months of inpatient coding, no coding credential, to
    CCDS-O under the recommended pace: a coding credential, a year of CDI and a year of
    outpatient CDI by month 39, with the CRC ($499, no requirement). The cost bound took
    the CCS ($399) as in time: its advice asks for a year of coding, which no CDI role
    builds, so the three years come one after another, but only after the months until
    in a coding role (a course first) that it counted as none. With them counted
    (RouteBound.with_entries) the CCS is too late: 81 states under a bound $100 short of
    the plan's, 45 now, every one at the plan's cost."""
    request_body = {
        "education": "high-school",
        "start": "2027-01-01",
        "experience": {
            "coding-inpatient": 30,
            "coding-outpatient": 12,
            "billing": 6,
            "privacy-security": 18,
        },
        "target_credential": "ccds-o",
        **RECOMMENDED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=60)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2030-04-01", 4035)
    assert "exam:crc:1" in [step.key for step in found.steps]


def test_study_away_from_work_before_a_first_role_comes_on_top_of_the_work(shipped):
    """A part-time HIM manager with no coding, to CHPS under the recommended pace without
    study beside work: four years of privacy work and the CCA, whose advice asks for
    six months of coding or a coding certificate. Every way into a first coding role
    asks for a course or a credential whose advice asks for one (or for coding, which
    only coding roles build), studied away from work, when no experience is built. The
    estimate let those months overlap the privacy years (50 months against 53), and the
    CCA by six months of coding looked cheaper than by the certificate: 419 states. The
    months away come on top of the work (FirstRole.away_before): 13 states."""
    request_body = {
        "education": "high-school",
        "start": "2026-08-01",
        "experience": {"billing": 18, "health-data": 3},
        "positions": [{"role": "him-manager", "start": "2025-12-01", "full_time": False}],
        "target_credential": "chps",
        "readiness": "recommended",
        "study_while_working": False,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=40)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2031-01-01", 3735)
    assert [step.key for step in found.steps][:2] == ["study:coding-certificate:1", "exam:cca:1"]


def test_a_degree_beside_work_fits_in_one_role_before_the_hire_into_cdi(shipped):
    """A graduate with an associate degree, 18 months of inpatient coding and 18 of CDI,
    to CCDS under the recommended pace (study beside work): the RHIT and six more months
    of CDI, whose hire asks for 18 more months of inpatient coding and the RHIT. The
    RHIT's two-year degree is studied in one role before that hire: in inpatient coding
    (after a coding certificate), whose stint then lasts the degree's two years. The
    estimate let the degree run through the months before the coding role (30 months
    against 39): 233 states. The programs studied before a hire are done with the
    experience it asks, each kind after the months into its first role, kinds built in
    different roles one after another (RouteBound.stint, EntryTime.studied_before): 61."""
    request_body = {
        "education": "associate",
        "start": "2027-10-01",
        "experience": {"cdi": 18, "coding-inpatient": 18},
        "target_credential": "ccds",
        **RECOMMENDED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=100)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2031-01-01", 18996)
    assert [step.key for step in found.steps][:3] == [
        "study:coding-certificate:1",
        "move:inpatient-coder:1",
        "study:cahiim-associate-hit:1",
    ]


def test_the_months_in_the_role_a_move_into_a_first_role_leaves_build_only_its_kinds(shipped):
    """A graduate with 30 months of inpatient coding and six of CDI, to CCDS-O under the
    recommended pace: outpatient CDI is entered only by a move from CDI after its
    typical year there, so a coding credential asking for more coding (the CCS: a year,
    six months held at month 15) needs those months besides the year in CDI and the
    year in outpatient CDI, past month 39. The months before the first outpatient CDI
    role counted the year in CDI and the coding months as overlapping; in CDI no coding
    is built (FirstRole.first_way_months), so the CCS is too late and the CRC is paid
    for: 287 states under a bound $100 short of the plan's, 100 now."""
    request_body = {
        "education": "bachelor",
        "start": "2027-03-01",
        "experience": {"management": 12, "coding-inpatient": 30, "cdi": 6},
        "target_credential": "ccds-o",
        **RECOMMENDED_WHILE_WORKING,
    }

    found = roadmap(shipped, request_body, time_cap=False, effort=150)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.cost) == ("2030-06-01", 4035)
    assert "exam:crc:1" in [step.key for step in found.steps]


def test_the_goals_ways_past_the_least_found_are_left_to_their_floors(shipped):
    """A high-school graduate with 18 months of coding to quality auditor (recommended
    pace): 24 ways into the role, all moves, each worked out whole (the months into the
    role it leaves) for every state, though most could not lower its estimate: raised to
    the floor the state before gave each, they were past the least found. Worked out
    the lowest floor first, a way whose floor is past the least so far stands for itself
    by its floor (Bound.standing): 778 moves worked out, 68 now."""
    request_body = {
        "education": "high-school",
        "start": "2026-04-01",
        "experience": {"coding": 18, "cdi": 3, "privacy-security": 6, "coding-inpatient": 3},
        "target": "quality-auditor",
        **RECOMMENDED_WHILE_WORKING,
    }
    worked_out, move_bound = [], Bound.move_bound

    def counted(bound, *args):
        if not bound.glance:
            worked_out.append(args)
        return move_bound(bound, *args)

    with mock.patch.object(Bound, "move_bound", counted):
        found = roadmap(shipped, request_body, time_cap=False)

    assert (found.to_dict()["finish"], found.cost) == ("2031-02-01", 499)
    assert len(worked_out) <= 100


def test_the_cost_still_to_pay_is_bounded_only_for_states_that_come_first_in_time(shipped):
    """A part-time oncology coder with four years of privacy work to HIM manager: most
    states taken from the queue are found months further than their key and queued
    again; most never come first again. The cost bound of each was worked out all the
    same (826 bounds for 308 states expanded); it is now worked out when a state comes
    first with its months estimated."""
    request_body = {
        "education": "high-school",
        "start": "2026-10-01",
        "experience": {
            "privacy-security": 48,
            "coding-outpatient": 30,
            "coding-inpatient": 12,
            "health-data": 30,
        },
        "positions": [{"role": "oncology-coder", "start": "2022-07-01", "full_time": False}],
        "target": "him-manager",
        "readiness": "required",
        "study_while_working": True,
    }
    bounded, expanded, cost, expand = [], [], Bound.goal_paid, Search.expand

    def counted_cost(bound, node, ways, slack):
        bounded.append(node)
        return cost(bound, node, ways, slack)

    def counted_expand(search, node, wanted):
        expanded.append(node)
        return expand(search, node, wanted)

    with (
        mock.patch.object(Bound, "goal_paid", counted_cost),
        mock.patch.object(Search, "expand", counted_expand),
    ):
        found = roadmap(shipped, request_body, time_cap=False)

    assert found.to_dict()["finish"] == "2030-10-01"
    assert len(bounded) <= 1.2 * len(expanded)


@pytest.mark.parametrize(
    ("request_body", "effort", "finish"),
    [
        # A coder with an associate degree to CCDS-O: a year of outpatient CDI and a year
        # of CDI (six months held), in two roles one after the other. Whichever comes
        # first, the hire into it asks for three years of coding, which neither CDI role
        # builds: the estimate let the CDI months overlap those years (54 months against
        # 58; 2,095 states to the 1 s cap). FirstRole.first_months: 58 at once, 68 states.
        pytest.param(
            {
                "education": "associate",
                "start": "2027-01-15",
                "experience": {
                    "privacy-security": 3,
                    "coding-inpatient": 6,
                    "cdi": 6,
                    "billing": 6,
                },
                "target_credential": "ccds-o",
            },
            150,
            "2031-11-15",
            id="ccds-o-cdi-kinds-after-the-coding-years",
        ),
        # A high-school graduate with 18 months of coding to CCDS: the RHIT route asks for
        # being in CDI, 21 more months of CDI and (through the RHIT) the HIT associate, 24
        # months beside work. Studied in a CDI role, the degree runs beside the CDI months;
        # studied before it, the CDI months come after. The estimate took the months into
        # CDI after the degree without them (55 against 58; 4,615 states past the 1 s
        # cap). EntryTime.in_after_study: 57, 221 states.
        pytest.param(
            {
                "education": "high-school",
                "start": "2026-04-01",
                "experience": {
                    "coding": 18,
                    "cdi": 3,
                    "privacy-security": 6,
                    "coding-inpatient": 3,
                },
                "target_credential": "ccds",
            },
            400,
            "2031-02-01",
            id="ccds-cdi-months-after-the-degree",
        ),
    ],
)
def test_plans_past_the_cap_before_the_eighth_pass_are_answered(
    shipped, request_body, effort, finish
):
    """Under the recommended pace with study beside work, each answered within a few
    hundred states (it went past the 1 s cap before), at the same finish."""
    found = roadmap(
        shipped, {**request_body, **RECOMMENDED_WHILE_WORKING}, time_cap=False, effort=effort
    )

    assert not found.too_complex
    assert found.to_dict()["finish"] == finish


@pytest.mark.parametrize(
    ("request_body", "effort", "finish", "cost"),
    [
        # A compliance auditor with four months of coding and a year of CDI to quality
        # auditor: 72 months of coding, or 24 of CDI, which an auditor does not build.
        # The estimate had the auditor leave for a year of CDI and count its year in the
        # role after it (56 months), as if coming back were free; it asks for 60 months of
        # coding and a credential. With the way back counted (Bound.through), the first
        # estimate is the finish: 68 months of auditing, then CCS. 20,329 states (14 s).
        pytest.param(
            {
                "education": "associate",
                "start": "2026-02-15",
                "experience": {
                    "cdi": 12,
                    "billing": 18,
                    "coding-physician": 30,
                    "privacy-security": 3,
                },
                "credentials": ["cdeo"],
                "positions": [
                    {"role": "compliance-auditor", "start": "2025-10-01", "full_time": True}
                ],
                "target": "quality-auditor",
                **RECOMMENDED_WHILE_WORKING,
            },
            100,
            "2031-10-15",
            399,
            id="quality-auditor-coming-back-to-the-origin",
        ),
        # An outpatient coder with a year of outpatient CDI to quality auditor: two years
        # of CDI, whose role is entered by a hire asking for a credential or by a move
        # from outpatient CDI, entered by a hire or by a move from CDI. Past the cost
        # bound's depth the way into CDI from outpatient CDI from CDI cost nothing, so the
        # search went through 476 states at the finish looking for a plan without a fee.
        # The first time in a role never follows a move from one entered after it
        # (CostBound.entry_paid). 748 states.
        pytest.param(
            {
                "education": "associate",
                "start": "2026-12-15",
                "experience": {"cdi-outpatient": 12, "health-data": 48},
                "role": "outpatient-coder",
                "target": "quality-auditor",
                **REQUIRED_WHILE_WORKING,
            },
            100,
            "2031-12-15",
            399,
            id="quality-auditor-a-cycle-of-moves-is-not-free",
        ),
        # HIM manager: hired with the RHIA, or by a move from coding supervisor with the
        # RHIT and two years of management. Into coding supervisor with the RHIT asks for
        # 72 months of inpatient coding (37 held), built before the first time there, and
        # the management cannot be built beside them: 59 months against a finish at 48.
        # Priced apart (CostBound.way_in_paid), the RHIT way cost the associate degree
        # and the RHIT alone: 2,154 states at that finish looking for a plan that cheap.
        pytest.param(
            {
                "education": "high-school",
                "start": "2026-10-01",
                "experience": {
                    "privacy-security": 48,
                    "coding-outpatient": 30,
                    "coding-inpatient": 12,
                    "health-data": 30,
                },
                "positions": [
                    {"role": "oncology-coder", "start": "2022-07-01", "full_time": False}
                ],
                "target": "him-manager",
                **REQUIRED_WHILE_WORKING,
            },
            50,
            "2030-10-01",
            70919,
            id="him-manager-coding-supervisor-with-rhit-too-late",
        ),
        # The same without study beside work, for a cardiac coder: 42 more months of
        # inpatient coding, and the RHIT's associate degree is 24 months away from work,
        # which builds neither that nor the two years of management (90 months against a
        # finish at 78): 911 states.
        pytest.param(
            {
                "education": "high-school",
                "start": "2026-12-01",
                "experience": {"coding-physician": 18, "coding-inpatient": 30, "billing": 48},
                "role": "cardiac-coder",
                "target": "him-manager",
                "readiness": "required",
                "study_while_working": False,
            },
            100,
            "2033-06-01",
            70919,
            id="him-manager-rhit-degree-away-from-work",
        ),
        # Revenue cycle manager, from HIM manager or coding supervisor after two years of
        # management: the same, one move further back (into HIM manager from coding
        # supervisor, itself entered with the RHIT and 42 more months of inpatient
        # coding): 1,310 states.
        pytest.param(
            {
                "education": "high-school",
                "start": "2027-08-01",
                "experience": {
                    "privacy-security": 6,
                    "coding-inpatient": 30,
                    "cdi": 6,
                    "cdi-outpatient": 12,
                },
                "target": "revenue-cycle-manager",
                **REQUIRED_WHILE_WORKING,
            },
            200,
            "2032-02-01",
            71218,
            id="revenue-cycle-manager-one-move-further-back",
        ),
        # A new high-school graduate to coding supervisor: the RHIA (the HIT associate,
        # then the degree completion: 48 months beside work) and 36 months of inpatient
        # coding, whose first role is entered with a 9-month coding certificate. The
        # estimate said 48, as if the certificate's months and the degrees' could overlap
        # (alternatives.stint); the plan is 57: 717 states.
        pytest.param(
            {
                "education": "high-school",
                "start": "2026-02-28",
                "target": "coding-supervisor",
                **RECOMMENDED_WHILE_WORKING,
            },
            150,
            "2030-11-28",
            73956,
            id="coding-supervisor-a-certificate-before-the-degrees",
        ),
    ],
)
def test_plans_past_the_cap_before_the_tenth_pass_are_answered(
    shipped, request_body, effort, finish, cost
):
    """Each answered within a few hundred states (each took from 700 to 20,000 before,
    most past the 1 s cap), at the same finish and cost: a lower bound, on months or on
    cost, missed a rule the plan could not get round."""
    found = roadmap(shipped, request_body, time_cap=False, effort=effort)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.to_dict()["cost"]) == (finish, cost)


@pytest.mark.parametrize(
    ("request_body", "finish", "cost"),
    [
        # A high-school graduate with 18 months of coding, to CCDS (readiness required,
        # study beside work): the RHIT's two-year degree is studied in one role, and the
        # quickest way into CDI (medical coder, then outpatient CDI: 18 and 12 months)
        # has no stint that long, so that way finishes past 54 months; the inpatient
        # coder's way is 54. The estimate said 51, as if the degree fitted before the
        # move into CDI (EntryTime.in_after_study): 5,685 states, 2 s, past the cap.
        pytest.param(
            {
                "education": "high-school",
                "start": "2026-04-01",
                "experience": {
                    "coding": 18,
                    "cdi": 3,
                    "privacy-security": 6,
                    "coding-inpatient": 3,
                },
                "target_credential": "ccds",
                **REQUIRED_WHILE_WORKING,
            },
            "2030-10-01",
            16358,
            id="ccds-a-degree-that-fits-no-stint-on-the-quickest-way-in",
        ),
        # A high-school graduate with four years of billing and the COC-A, to coding
        # supervisor (recommended pace, study beside work): the RHIA (two two-year
        # degrees) and 36 months of inpatient coding by month 54, so inpatient coding
        # must start by month 6, with the CCA ($299). The cost bound let it start at
        # month 12 by a free move from medical coder, as if a degree could be studied
        # across the move (CostBound.entered_by): 197 states under a bound $299 short of
        # the plan's, 260 in all.
        pytest.param(
            {
                "education": "high-school",
                "start": "2026-12-01",
                "experience": {"billing": 48},
                "credentials": ["coc-a", "chps"],
                "target": "coding-supervisor",
                **RECOMMENDED_WHILE_WORKING,
            },
            "2031-06-01",
            71218,
            id="coding-supervisor-degrees-studied-in-one-role",
        ),
    ],
)
def test_programs_studied_in_one_role_are_counted(shipped, request_body, finish, cost):
    """Each answered within 100 states, at the same finish and cost: a bound let a
    program be studied across a move."""
    found = roadmap(shipped, request_body, time_cap=False, effort=100)

    assert not found.too_complex
    assert (found.to_dict()["finish"], found.to_dict()["cost"]) == (finish, cost)


def test_a_price_kept_across_states_is_never_dearer_than_the_states_own(shipped):
    """A bachelor with 30 months of inpatient coding, a year of management and six months
    of CDI, to CCDS-O. The price of a credential (what its rule set asks, by a route
    that can hold in time) is kept for every state that looks the same to it, by its
    footprint; but whether a route can hold in time also counts the months until the
    state is in a role building each kind (RouteBound.within), which the footprint does
    not name. A price worked out where the state's roles ruled a route out was used
    where that route could hold: "impossible" for a state whose own price is the CCA's
    $299, 47 times in this plan, so the cost bound was no lower bound there. Such a
    price is now the state's own (CostBound.keep)."""
    request_body = {
        "education": "bachelor",
        "start": "2027-03-01",
        "experience": {"management": 12, "coding-inpatient": 30, "cdi": 6},
        "target_credential": "ccds-o",
        **RECOMMENDED_WHILE_WORKING,
    }
    priced, dearer, busy, cred_paid = [], [], [], Bound.cred_paid

    def checked(bound, c, node, depth, *rest):
        found = cred_paid(bound, c, node, depth, *rest)
        if not busy and not node.eff >> c & 1:  # not while working out the state's own
            busy.append(c)
            try:
                own = bound._cred_paid(c, node, depth, *rest)
            finally:
                busy.pop()
            priced.append(c)
            if bound.cheapest(found) > bound.cheapest(own):
                dearer.append((c, bound.cheapest(found), bound.cheapest(own)))
        return found

    with mock.patch.object(Bound, "cred_paid", checked):
        found = roadmap(shipped, request_body, time_cap=False)

    assert found.to_dict()["finish"] == "2030-06-01"
    assert len(priced) > 1000
    assert dearer == []
