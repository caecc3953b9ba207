"""Wide catalogs: many hires that take no months and cost nothing make wide plateaus of
states alike in finish and cost. A plan that is there in a few steps is found in about as
many states, not after every sibling has been estimated (steps.py); a program studied
beside work is studied in the role that builds the experience asked with it. Effort caps
count states, so these cannot fail on a slow machine."""

import functools
from dataclasses import replace
from datetime import date

import pytest

from planner import bench
from planner.engine import Catalog, Person, Readiness, Target, plan
from planner.requests import parse_request

from .test_engine import catalog, credential, options, program, role, route, rules

WIDE = 300  # roles anyone can be hired into, none of them of use


def wide_catalog():
    """The goal is entered by a move from `gate`, which asks for the AUD exam (no
    requirement), and `gate` only by a move from `door`, hired with the ENT exam; or hired
    after five years of coding, which any of the fillers builds."""
    roles = {f"filler-{i}": role(f"Filler {i}", accrues=["coding"]) for i in range(WIDE)}
    roles["door"] = role(
        "Door",
        hire=[route(credentials=["ent"])],
        moves={"gate": ("lateral", 0, [])},
    )
    roles["gate"] = role(
        "Gate", hire=[], moves={"goal": ("promotion", 0, [route(credentials=["aud"])])}
    )
    roles["goal"] = role("Goal", hire=[route(experience={"coding": 60})])
    return catalog(
        credentials={"ent": credential("ENT"), "aud": credential("AUD")},
        roles=roles,
    )


def test_a_plan_in_month_0_is_not_held_up_by_hundreds_of_open_hires():
    wide = wide_catalog()

    roadmap = plan(wide, Person(), Target.role("goal"), options(effort=40))

    assert not roadmap.too_complex
    assert roadmap.months == 0
    assert [(step.kind.value, step.credential or step.role) for step in roadmap.steps] == [
        ("exam", "ent"),
        ("move", "door"),
        ("move", "gate"),
        ("exam", "aud"),
        ("move", "goal"),
    ]


def cdi_degree_catalog():
    """The CDX exam asks for the HIT degree (24 months, studied beside work) and 24
    months of CDI; CDI is built only in the CDI role, entered by a move after 6 months of
    coding."""
    return catalog(
        programs={"hit": program("HIT associate", 24, work_while_studying=True)},
        credentials={
            "cdx": credential(
                "CDX", rules(required=[route(programs=["hit"], experience={"cdi": 24})])
            )
        },
        roles={
            "coder": role(
                "Coder",
                accrues=["coding"],
                moves={"cdi": ("lateral", 0, [route(experience={"coding": 6})])},
            ),
            "cdi": role("CDI Specialist", accrues=["cdi"], hire=[]),
        },
    )


def test_a_degree_studied_beside_work_is_studied_in_the_role_that_builds_the_experience():
    """In the CDI role after 6 months, the degree and the CDI months side by side: 30
    months (studied first, as a coder, it would be 24 + 24)."""
    small = cdi_degree_catalog()
    person = Person(education="high-school")
    choices = options(
        start=date(2027, 1, 1),
        readiness=Readiness.REQUIRED,
        study_while_working=True,
        effort=60,
    )

    roadmap = plan(small, person, Target.credential("cdx"), choices)

    assert roadmap.months == 30
    kinds = [
        (step.kind.value, step.program or step.role or step.credential) for step in roadmap.steps
    ]
    assert kinds.index(("move", "cdi")) < kinds.index(("study", "hit"))


@functools.cache
def generated_2000() -> Catalog:
    """The bench's generated catalog of 2,000 roles."""
    return Catalog.from_document(bench.generated_document(2000))


@pytest.mark.parametrize(
    ("request_body", "effort", "months", "steps"),
    [
        # Someone in role-157 to role-1735 under the recommended pace: a grant and five
        # moves, all at month 0. The count of steps still to go took a move that asks for
        # typical months in the role it leaves as one step, so routes through such moves
        # looked shorter than the chain, and 189 states of hires and credentials alike in
        # finish and cost came first ("too complex" at the 1 s cap). The typical months
        # count as a wait now: 7 states.
        pytest.param(
            {
                "education": "associate",
                "start": "2027-09-01",
                "experience": {"kind-14": 3, "kind-7": 18, "kind-15": 18, "kind-46": 6},
                "role": "role-157",
                "target": "role-1735",
                "readiness": "recommended",
                "study_while_working": True,
            },
            20,
            0,
            [
                "grant:cred-1:1",
                "move:role-831:1",
                "move:role-1028:1",
                "move:role-1501:1",
                "move:role-1685:1",
                "move:role-1735:1",
            ],
            id="a-wait-before-a-move-after-typical-months",
        ),
        # Someone in role-190 with six months of kind-4, to role-1915 under the required
        # pace: four moves at month 0. Hires into the roles on the way ask for years of
        # experience; counted as a wait each, however long, they made every way look two
        # steps from the goal, and 383 states of hires alike in finish and cost came
        # first. A plan done at month 0 has no months for a wait: 5 states.
        pytest.param(
            {
                "education": "high-school",
                "start": "2027-12-15",
                "experience": {"kind-4": 6},
                "role": "role-190",
                "target": "role-1915",
                "readiness": "required",
                "study_while_working": True,
            },
            20,
            0,
            ["move:role-827:1", "move:role-1250:1", "move:role-1473:1", "move:role-1915:1"],
            id="no-wait-longer-than-the-months-left",
        ),
        # Someone in role-512 to role-1574 under the recommended pace: a move into role-8,
        # a program studied there beside work for a year, and two moves. The hire into
        # role-1432, the role before the goal, asks for a program and a year of kind-46,
        # which role-512 does not build: a step into a role that builds it comes before
        # the wait. Counted without it, that way looked a step nearer than it is, and
        # 1,755 states came first. Now 80.
        pytest.param(
            {
                "education": "bachelor",
                "start": "2026-03-28",
                "experience": {"kind-4": 3, "kind-17": 30, "kind-5": 3, "kind-2": 48},
                "role": "role-512",
                "target": "role-1574",
                "readiness": "recommended",
                "study_while_working": True,
            },
            200,
            12,
            ["move:role-8:1", "study:prog-17:1", "move:role-1432:1", "move:role-1574:1"],
            id="a-step-into-a-role-building-the-experience-a-hire-asks",
        ),
    ],
)
def test_the_count_of_steps_to_go_follows_a_plan_on_a_catalog_of_2000_roles(
    request_body, effort, months, steps
):
    """The bench's generated catalog: wide plateaus of states alike in finish and cost,
    which the count of steps still to go orders (steps.py). Where the count is right
    along the plan, the plan is found in about as many states as it has steps."""
    person, target, choices = parse_request(request_body, today=date(2026, 11, 27), bounded=True)
    choices = replace(choices, time_limit=None, effort=effort)

    roadmap = plan(generated_2000(), person, target, choices)

    assert not roadmap.too_complex
    assert roadmap.months == months
    assert [step.key for step in roadmap.steps] == steps


def test_a_rule_set_that_ends_before_its_route_could_hold_bounds_nothing():
    """The CDX asks for 18 months of coding until its rules change four months after the
    start, and for 24 months after that. Someone with no role hires into one of 300 roles
    that build coding and sits the exam after 24 months. The estimate took the old rules'
    18 months as possible, and every hire was expanded at that bound, each to be found
    six months later; the old rules are out of force long before 18 months of coding."""
    roles = {f"coder-{i}": role(f"Coder {i}", accrues=["coding"]) for i in range(WIDE)}
    changing = catalog(
        credentials={
            "cdx": credential(
                "CDX",
                rules(required=[route(experience={"coding": 18})]),
                rules(required=[route(experience={"coding": 24})], effective="2027-05-01"),
            )
        },
        roles=roles,
    )
    choices = options(start=date(2027, 1, 1), readiness=Readiness.REQUIRED, effort=40)

    roadmap = plan(changing, Person(), Target.credential("cdx"), choices)

    assert not roadmap.too_complex
    assert roadmap.months == 24
    assert [step.kind.value for step in roadmap.steps] == ["move", "work", "exam"]
