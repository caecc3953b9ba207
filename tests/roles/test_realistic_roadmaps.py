"""Roadmaps planned from the shipped catalog that someone in an HIM department would call
realistic: experienced people and clinicians are hired on what they already have, not sent
back to school (issue 8). Pure engine, no database."""

from datetime import date

import pytest

from planner.engine import Catalog, Options, Person, Position, Status, Target, plan
from planner.requests import roadmap_document

START = date(2027, 1, 1)


@pytest.fixture(scope="module")
def catalog(shipped_document):
    return Catalog.from_document(shipped_document)


def roadmap(catalog, person, target, **options):
    """The engine's effort cap (the same on every machine) stays; its clock does not, so a
    loaded test machine cannot turn a plan into "too complex"."""
    return plan(catalog, person, target, Options(start=START, time_limit=None, **options))


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


def test_a_new_him_graduate_sits_the_rhia_at_once_not_when_the_promotion_asks(catalog):
    """A department head tells a new graduate to sit the RHIA while the degree is fresh,
    not three years on when the promotion to HIM manager first asks for it."""
    graduate = Person(education="bachelor", completed={"cahiim-bachelor-him": START})

    result = roadmap(catalog, graduate, Target.role("him-manager"))

    (exam,) = [step for step in result.steps if step.credential == "rhia"]
    assert exam.start == START
    assert result.finish > START


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


# --- Promotions take time under either policy (the review of issue 8) -------------------

NEW_RHIT_GRADUATE = Person(
    completed={"cahiim-associate-hit": date(2026, 12, 1)}, credentials={"rhit": date(2026, 12, 1)}
)
POLICIES = ("recommended", "required")


def test_under_the_hard_gates_only_policy_a_high_school_graduate_still_needs_years_of_coding_before_coding_supervisor(  # noqa: E501
    catalog,
):
    result = roadmap(catalog, HIGH_SCHOOL, Target.role("coding-supervisor"), readiness="required")

    assert result.months >= 60, "the guide: supervisory roles after 5-8 years in all"
    assert "inpatient-coder" in roles_held(result)
    assert "work" in kinds(result)


def test_under_the_hard_gates_only_policy_an_rhia_with_two_years_of_management_waits_three_more_for_him_director(  # noqa: E501
    catalog,
):
    manager = Person(
        education="bachelor",
        credentials={"rhia": None},
        experience={"management": 24},
        role="him-manager",
    )

    result = roadmap(catalog, manager, Target.role("him-director"), readiness="required")

    assert result.months == 36, "HIM director postings: the RHIA and 5 years of management"
    assert kinds(result) == ["work", "move"]


def credentials_had_without_work(document, on):
    """Credentials whose hard requirement in force on `on` has a route with no experience."""
    had = set()
    for slug, credential in document["credentials"].items():
        in_force = max(
            (rs for rs in credential["rule_sets"] if date.fromisoformat(rs["effective"]) <= on),
            key=lambda rs: rs["effective"],
        )
        routes = in_force["required"] or [{}]
        if any(
            not route.get("experience") and not route.get("current_role_accrues")
            for route in routes
        ):
            had.add(slug)
    return had


@pytest.mark.parametrize("readiness", POLICIES)
def test_no_degree_or_credential_had_without_work_puts_anyone_above_entry_level_on_day_one(
    catalog, shipped_document, readiness
):
    """Every program done and every credential that can be had without work experience, but no
    experience and no licence: each role above entry level is still some months away."""
    person = Person(
        education="doctorate",
        completed=dict.fromkeys(shipped_document["programs"]),
        credentials=dict.fromkeys(credentials_had_without_work(shipped_document, START)),
    )
    above_entry = [
        slug for slug, role in shipped_document["roles"].items() if role["level"] != "entry"
    ]

    reached_at_once = [
        slug
        for slug in above_entry
        if roadmap(catalog, person, Target.role(slug), readiness=readiness).months == 0
    ]

    assert reached_at_once == []


@pytest.mark.parametrize("readiness", POLICIES)
@pytest.mark.parametrize(
    ("person", "target"),
    [
        pytest.param(HIGH_SCHOOL, "senior-inpatient-coder", id="high-school-senior"),
        pytest.param(HIGH_SCHOOL, "coding-supervisor", id="high-school-supervisor"),
        pytest.param(HIGH_SCHOOL, "lead-coder-auditor", id="high-school-lead"),
        pytest.param(HIGH_SCHOOL, "medical-auditor", id="high-school-auditor"),
        pytest.param(NEW_RHIT_GRADUATE, "coding-supervisor", id="new-rhit-supervisor"),
        pytest.param(NEW_RHIA_GRADUATE, "him-manager", id="new-rhia-him-manager"),
        pytest.param(NEW_RHIA_GRADUATE, "coding-supervisor", id="new-rhia-supervisor"),
    ],
)
def test_someone_without_experience_reaches_no_role_above_entry_level_in_month_0(
    catalog, person, target, readiness
):
    result = roadmap(catalog, person, Target.role(target), readiness=readiness)

    assert result.reachable and result.months >= 12
    first_job = next(step for step in result.steps if str(step.kind) == "move")
    assert first_job.role != target, "hired at entry level first, then promoted"


def test_a_high_school_graduate_becomes_a_senior_inpatient_coder_through_inpatient_coding(catalog):
    result = roadmap(catalog, HIGH_SCHOOL, Target.role("senior-inpatient-coder"))

    assert "inpatient-coder" in roles_held(result)
    assert not {"medical-coder", "outpatient-coder"} & set(roles_held(result))
    assert result.months >= 60, "the guide: 5+ years of experience"


def test_five_years_of_physician_based_coding_and_the_ccs_do_not_make_a_senior_inpatient_coder(
    catalog,
):
    person = Person(
        education="high-school",
        credentials={"ccs": None},
        experience={"coding": 60, "coding-physician": 60},
    )

    result = roadmap(catalog, person, Target.role("senior-inpatient-coder"), readiness="required")

    assert result.months >= 60, "the guide's 5+ years are inpatient years"
    assert roles_held(result) == ["inpatient-coder", "senior-inpatient-coder"]


def test_every_move_in_the_catalog_asks_for_work_or_study_so_no_promotion_is_instant(
    shipped_document,
):
    free_moves = [
        f"{origin} -> {target}"
        for origin, role in shipped_document["roles"].items()
        for target, move in role["moves"].items()
        if not move["requires"]
        or any(not route["experience"] and not route["programs"] for route in move["requires"])
    ]

    assert free_moves == []


# --- Experienced hires into management on the RHIA or the CHPS (planned as the API does) --


def hired_at_once(catalog, target, readiness, **situation):
    request = {"target": target, "start": START, "readiness": readiness, **situation}
    document = roadmap_document(catalog, request, today=START)
    assert document["reachable"]
    return document["months"] == 0 and [step["kind"] for step in document["steps"]] == ["move"]


RHIA_HOLDER = {"education": "bachelor", "credentials": ["rhia"]}


@pytest.mark.parametrize("readiness", POLICIES)
@pytest.mark.parametrize(
    ("target", "situation"),
    [
        ("him-manager", {**RHIA_HOLDER, "experience": {"coding": 36}}),
        ("him-manager", {**RHIA_HOLDER, "experience": {"privacy-security": 36}}),
        ("him-manager", {**RHIA_HOLDER, "experience": {"health-data": 36}}),
        ("him-manager", {**RHIA_HOLDER, "experience": {"management": 24}}),
        ("him-director", {**RHIA_HOLDER, "experience": {"management": 60}}),
        (
            "coding-supervisor",
            {**RHIA_HOLDER, "experience": {"coding": 36, "coding-inpatient": 36}},
        ),
        (
            "privacy-officer",
            {
                "education": "associate",
                "credentials": ["chps"],
                "experience": {"privacy-security": 48},
            },
        ),
    ],
    ids=[
        "rhia-coding",
        "rhia-privacy",
        "rhia-data",
        "rhia-management",
        "director",
        "supervisor",
        "chps",
    ],
)
def test_an_rhia_or_chps_holder_with_the_experience_postings_ask_is_hired_into_management_at_once(
    catalog, target, situation, readiness
):
    assert hired_at_once(catalog, target, readiness, **situation)


@pytest.mark.parametrize(
    ("target", "situation"),
    [
        ("him-manager", {**RHIA_HOLDER, "experience": {"management": 12}}),
        ("him-director", {**RHIA_HOLDER, "experience": {"management": 48}}),
        (
            "coding-supervisor",
            {**RHIA_HOLDER, "experience": {"coding": 36, "coding-physician": 36}},
        ),
    ],
    ids=[
        "manager-after-one-year",
        "director-after-four-years",
        "supervisor-without-inpatient-years",
    ],
)
def test_the_rhia_does_not_replace_the_years_management_postings_ask(catalog, target, situation):
    assert not hired_at_once(catalog, target, "required", **situation)
