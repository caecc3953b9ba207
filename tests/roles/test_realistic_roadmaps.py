"""Roadmaps planned from the shipped catalog that someone in an HIM department would call
realistic: experienced people and clinicians are hired on what they already have, not sent
back to school (issue 8). Pure engine, no database."""

from datetime import date

import pytest

from planner.engine import Catalog, Options, Person, Position, Status, Target, plan

START = date(2027, 1, 1)


@pytest.fixture(scope="module")
def catalog(shipped_document):
    return Catalog.from_document(shipped_document)


def roadmap(catalog, person, target, **options):
    return plan(catalog, person, target, Options(start=START, **options))


def kinds(result):
    return [str(step.kind) for step in result.steps]


def roles_held(result):
    return [step.role for step in result.steps if str(step.kind) == "move"]


def eligibility(result, credential):
    return next(item for item in result.eligibility if item.credential == credential)


RHIT_CCS_SIX_YEARS = Person(
    education="associate",
    credentials={"rhit": None, "ccs": None},
    experience={"coding": 72, "coding-inpatient": 72},  # six years as a hospital inpatient coder
)
WORKING_NURSE = Person(
    education="bachelor",
    licences={"rn"},
    positions=(Position("registered-nurse", date(2020, 1, 1)),),
)
NEW_RHIA_GRADUATE = Person(
    completed={"cahiim-bachelor-him": date(2026, 12, 1)}, credentials={"rhia": date(2026, 12, 1)}
)
HIGH_SCHOOL = Person(education="high-school")


def test_an_rhit_with_the_ccs_and_six_years_of_coding_is_hired_as_a_senior_coder_at_once(
    catalog,
):
    result = roadmap(catalog, RHIT_CCS_SIX_YEARS, Target.role("senior-inpatient-coder"))

    assert result.reachable and result.finish == START
    assert kinds(result) == ["move"], "no certificate, no years as an entry-level coder"
    assert "study" not in kinds(result)
    assert "5+ years" in result.steps[0].because or "60 months" in result.steps[0].because


def test_a_cpc_with_three_years_of_coding_is_hired_as_an_outpatient_coder_without_a_certificate(
    catalog,
):
    cpc = Person(education="high-school", credentials={"cpc": None}, experience={"coding": 36})

    result = roadmap(catalog, cpc, Target.role("outpatient-coder"))

    assert result.finish == START
    assert kinds(result) == ["move"]
    assert "CPC" in result.steps[0].because


def test_a_nurse_with_years_on_the_ward_moves_into_cdi_without_coding_school(catalog):
    result = roadmap(catalog, WORKING_NURSE, Target.role("cdi-specialist"))

    assert result.finish == START
    assert roles_held(result) == ["cdi-specialist"]
    assert not any(step.program for step in result.steps), "no coding certificate"


def test_a_newly_licensed_nurse_works_three_years_in_patient_care_before_cdi(catalog):
    new_nurse = Person(education="bachelor", licences={"rn"})

    result = roadmap(catalog, new_nurse, Target.role("cdi-specialist"))

    assert roles_held(result) == ["registered-nurse", "cdi-specialist"]
    assert result.months == 36
    assert not any(step.program for step in result.steps)


def test_a_working_nurse_earns_the_ccds_after_two_years_of_cdi_work(catalog):
    result = roadmap(catalog, WORKING_NURSE, Target.credential("ccds"))

    assert result.months == 24
    assert roles_held(result) == ["cdi-specialist"]
    assert "RN" in eligibility(result, "ccds").required.route


def test_the_ccds_o_is_reachable_through_outpatient_cdi_work(catalog):
    result = roadmap(catalog, WORKING_NURSE, Target.credential("ccds-o"))

    assert result.reachable
    assert "outpatient-cdi-specialist" in roles_held(result)
    assert result.months == 24


def test_a_new_rhia_graduate_reaches_him_manager_in_under_five_years_off_the_coding_ladder(
    catalog,
):
    result = roadmap(catalog, NEW_RHIA_GRADUATE, Target.role("him-manager"))

    assert result.reachable and result.months < 60, "BLS: a bachelor's and under 5 years"
    assert not {"inpatient-coder", "senior-inpatient-coder", "lead-coder-auditor"} & set(
        roles_held(result)
    )
    assert "study" not in kinds(result)


def test_chps_from_high_school_builds_privacy_years_in_release_of_information(catalog):
    result = roadmap(catalog, HIGH_SCHOOL, Target.credential("chps"))

    assert roles_held(result)[0] == "release-of-information-specialist"
    assert result.months <= 72, "AHIMA's longest CHPS route is a diploma plus 6 years"


@pytest.mark.parametrize("target", ["lead-coder-auditor", "coding-supervisor"])
def test_from_high_school_audit_and_supervisory_roles_come_in_the_guides_five_to_eight_years(
    catalog, target
):
    result = roadmap(catalog, HIGH_SCHOOL, Target.role(target))

    assert 60 <= result.months <= 96
    assert roles_held(result)[-1] == target


def test_a_cpc_a_with_the_80_hour_course_and_a_year_of_coding_is_a_cpc_now(catalog):
    person = Person(
        education="high-school",
        credentials={"cpc-a": None},
        completed={"aapc-80-hour-course": None},
        experience={"coding": 12},
    )

    result = roadmap(catalog, person, Target.credential("cpc"))

    assert result.finish == START
    assert eligibility(result, "cpc").required.status is Status.MET


def test_the_course_with_practicode_removes_the_apprentice_a_without_a_coding_job(catalog):
    person = Person(
        education="high-school",
        credentials={"coc-a": None},
        completed={"aapc-course-and-practicode": None},
    )

    result = roadmap(catalog, person, Target.credential("coc"))

    assert result.finish == START
    assert "work" not in kinds(result)


def test_a_cpc_a_with_only_a_year_of_coding_and_no_course_waits_for_the_second_year(catalog):
    person = Person(
        education="high-school",
        credentials={"cpc-a": None},
        experience={"coding": 12},
        role="medical-coder",
    )

    result = roadmap(catalog, person, Target.credential("cpc"), avoid=("aapc-80-hour-course",))

    assert result.finish > START


def test_inpatient_years_do_not_meet_the_ccs_ps_physician_based_advice(catalog):
    def ccs_p_advice(role):
        person = Person(education="high-school", positions=(Position(role, date(2023, 1, 1)),))
        result = roadmap(catalog, person, Target.credential("ccs-p"))
        return eligibility(result, "ccs-p").recommended

    assert ccs_p_advice("medical-coder").status is Status.MET  # physician-based coding
    assert ccs_p_advice("inpatient-coder").status is not Status.MET


# --- Every role and credential can be reached from some ordinary situation --------------

SITUATIONS = {
    "a new RHIA graduate": NEW_RHIA_GRADUATE,
    "an RHIT with the CCS and 6 years of coding": RHIT_CCS_SIX_YEARS,
    "a working nurse": WORKING_NURSE,
    "a high school graduate": HIGH_SCHOOL,
}


def targets(shipped_document):
    return [Target.role(slug) for slug in shipped_document["roles"]] + [
        Target.credential(slug) for slug in shipped_document["credentials"]
    ]


def test_every_role_and_credential_is_reachable_from_an_ordinary_situation(
    catalog, shipped_document
):
    unreachable = {}
    for target in targets(shipped_document):
        reasons = []
        for person in SITUATIONS.values():
            result = roadmap(catalog, person, target)
            if result.reachable:
                break
            reasons.append(result.reason)
        else:
            unreachable[target.slug] = reasons
    assert unreachable == {}


def test_a_roadmap_counts_tuition_and_the_exam_fee_so_routes_can_be_compared(
    catalog, shipped_document
):
    associate = shipped_document["programs"]["cahiim-associate-hit"]
    rhit_exam = shipped_document["credentials"]["rhit"]["exam"]

    result = roadmap(catalog, HIGH_SCHOOL, Target.credential("rhit"))

    tuition = (associate["cost_min"] + associate["cost_max"]) // 2
    assert result.cost == tuition + rhit_exam["fee_usd"]
