import copy
from datetime import date

import pytest

from roles.catalog_file import validate
from roles.integrity import problems

TODAY = date(2026, 11, 27)


def move(kind="promotion", **keys):
    return {
        "kind": kind,
        "typical_months": 24,
        "requires": [],
        "source": "guide",
        "note": "",
    } | keys


def role(**keys):
    return {
        "title": "A role",
        "summary": "Does the work.",
        "responsibilities": [],
        "track": "ladder",
        "level": "entry",
        "setting": "inpatient",
        "code_sets": [],
        "salary_min": 42000,
        "salary_max": 52000,
        "salary_source": "guide",
        "remote": "onsite",
        "outlook": "7% growth 2024-34",
        "outlook_source": "bls",
        "environment": "",
        "schedule": "",
        "productivity": "",
        "accuracy": "",
        "accrues": ["coding"],
        "hire": [],
        "hire_source": None,
        "moves": {},
    } | keys


def sound_document():
    """A valid document with no integrity problems: an entry role promoted to a senior one."""
    return {
        "format": 1,
        "sources": {
            slug: {
                "url": f"urn:test:{slug}",
                "title": slug,
                "as_of": "2026-11-01",
                "verified": True,
                "note": "",
            }
            for slug in ("guide", "bls", "ahima")
        },
        "experience_kinds": {"coding": {"name": "Medical coding", "description": ""}},
        "licences": {},
        "programs": {
            "coding-certificate": {
                "name": "Coding certificate",
                "kind": "certificate",
                "description": "",
                "months_min": 6,
                "months_max": 12,
                "months_typical": 9,
                "duration_source": "guide",
                "cost_min": None,
                "cost_max": None,
                "cost_source": None,
                "grants_level": None,
                "work_while_studying": True,
                "admission": [],
            },
        },
        "credentials": {
            "ccs": {
                "acronym": "CCS",
                "name": "Certified Coding Specialist",
                "issuer": "ahima",
                "description": "",
                "scope": "",
                "earned_by": "exam",
                "supersedes": [],
                "exam": {
                    "minutes": 240,
                    "items": 107,
                    "fee_usd": None,
                    "fee_note": "",
                    "source": "ahima",
                },
                "renewal": {"cycle_months": 24, "ceus": 20, "note": "", "source": "ahima"},
                "rule_sets": [
                    {
                        "effective": "2021-01-01",
                        "source": "ahima",
                        "note": "",
                        "required": [{"education": "high-school"}],
                        "recommended": [],
                    },
                ],
            },
        },
        "roles": {
            "inpatient-coder": role(
                hire=[{"education": "high-school", "programs": ["coding-certificate"]}],
                hire_source="guide",
                moves={"senior-inpatient-coder": move()},
            ),
            "senior-inpatient-coder": role(level="senior"),
        },
    }


def problems_after(change, today=TODAY):
    doc = copy.deepcopy(sound_document())
    change(doc)
    return problems(doc, today=today)


def test_a_sound_document_validates_and_has_no_problems():
    validate(sound_document())

    assert problems_after(lambda doc: None) == []


def test_a_role_that_no_move_reaches_is_reported():
    def change(doc):
        doc["roles"]["him-director"] = role(level="director")

    assert problems_after(change) == [
        "role 'him-director' cannot be reached: it has no hire routes and no chain of moves "
        "leads to it from a role that has"
    ]


def test_a_role_reached_through_a_chain_of_moves_is_reachable():
    def change(doc):
        doc["roles"]["lead-coder-auditor"] = role(level="lead")
        doc["roles"]["senior-inpatient-coder"]["moves"] = {"lead-coder-auditor": move()}

    assert problems_after(change) == []


def test_a_catalog_with_no_hire_routes_at_all_is_reported():
    def change(doc):
        doc["roles"]["inpatient-coder"]["hire"] = []

    assert problems_after(change) == [
        "no role can be hired into directly: give at least one role hire routes"
    ]


def test_a_promotion_cycle_is_reported_once_with_its_roles():
    def change(doc):
        doc["roles"]["lead-coder-auditor"] = role(level="lead", moves={"inpatient-coder": move()})
        doc["roles"]["senior-inpatient-coder"]["moves"] = {"lead-coder-auditor": move()}

    assert problems_after(change) == [
        "promotion moves form a cycle: 'inpatient-coder' -> 'senior-inpatient-coder' -> "
        "'lead-coder-auditor' -> 'inpatient-coder'"
    ]


def test_lateral_moves_back_and_forth_are_not_a_promotion_cycle():
    def change(doc):
        doc["roles"]["senior-inpatient-coder"]["moves"] = {"inpatient-coder": move("lateral")}

    assert problems_after(change) == []


def test_a_credential_with_no_rule_set_in_force_today_is_reported():
    def change(doc):
        doc["credentials"]["ccs"]["rule_sets"][0]["effective"] = "2027-01-01"

    assert problems_after(change) == [
        "credential 'ccs' has no rule set in force on 2026-11-27 (the earliest takes effect on "
        "2027-01-01)"
    ]


def test_a_rule_set_that_has_taken_effect_by_today_is_in_force():
    def change(doc):
        doc["credentials"]["ccs"]["rule_sets"][0]["effective"] = "2027-01-01"

    assert problems_after(change, today=date(2027, 1, 1)) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["credentials"]["ccs"]["rule_sets"][0].update(source=None),
            "credential 'ccs': the rule set effective 2021-01-01 has no source",
        ),
        (
            lambda d: d["credentials"]["ccs"]["exam"].update(source=None),
            "credential 'ccs': the exam details have no source",
        ),
        (
            lambda d: d["credentials"]["ccs"]["renewal"].update(source=None),
            "credential 'ccs': the renewal rule has no source",
        ),
        (
            lambda d: d["programs"]["coding-certificate"].update(duration_source=None),
            "program 'coding-certificate': the duration has no source (duration_source)",
        ),
        (
            lambda d: d["programs"]["coding-certificate"].update(cost_min=3000, cost_max=4000),
            "program 'coding-certificate': the cost has no source (cost_source)",
        ),
        (
            lambda d: d["roles"]["senior-inpatient-coder"].update(salary_source=None),
            "role 'senior-inpatient-coder': the salary band has no source (salary_source)",
        ),
        (
            lambda d: d["roles"]["senior-inpatient-coder"].update(outlook_source=None),
            "role 'senior-inpatient-coder': the outlook has no source (outlook_source)",
        ),
        (
            lambda d: d["roles"]["inpatient-coder"].update(hire_source=None),
            "role 'inpatient-coder': the hire routes have no source (hire_source)",
        ),
        (
            lambda d: d["roles"]["inpatient-coder"]["moves"]["senior-inpatient-coder"].update(
                source=None
            ),
            "role 'inpatient-coder': the move to 'senior-inpatient-coder' has no source",
        ),
    ],
)
def test_a_rule_or_figure_without_a_source_is_reported(change, expected):
    assert problems_after(change) == [expected]


def test_an_empty_salary_band_or_outlook_needs_no_source():
    def change(doc):
        doc["roles"]["senior-inpatient-coder"].update(
            salary_min=None, salary_max=None, salary_source=None, outlook="", outlook_source=None
        )

    assert problems_after(change) == []


def test_a_salary_band_whose_minimum_is_above_its_maximum_is_reported():
    def change(doc):
        doc["roles"]["senior-inpatient-coder"].update(salary_min=78000, salary_max=65000)

    assert problems_after(change) == [
        "role 'senior-inpatient-coder': salary_min 78000 is more than salary_max 65000"
    ]


def test_a_program_without_a_typical_duration_is_reported():
    def change(doc):
        doc["programs"]["coding-certificate"].update(
            months_min=None, months_max=None, months_typical=None, duration_source=None
        )

    assert problems_after(change) == [
        "program 'coding-certificate' has no typical duration (months_typical), so it cannot be "
        "planned"
    ]


def test_a_route_that_names_no_condition_is_reported():
    def change(doc):
        doc["credentials"]["ccs"]["rule_sets"][0]["required"].append({"note": ""})

    [problem] = problems_after(change)

    assert problem.startswith(
        "credential 'ccs': the rule set effective 2021-01-01, required route 2: "
        "the route names no condition"
    )


def test_an_emptied_move_route_with_no_time_is_reported_twice():
    def change(doc):
        doc["roles"]["inpatient-coder"]["moves"]["senior-inpatient-coder"] = move(
            typical_months=0, requires=[{}]
        )

    found = problems_after(change)

    assert len(found) == 2
    assert found[0].startswith(
        "role 'inpatient-coder': the move to 'senior-inpatient-coder' route 1"
    )
    assert "has typical_months 0; it must be at least 1" in found[1]
