"""Comparing paths for one situation: planned like any request, side by side. No database."""

from datetime import date

from planner.compare import Column, PathSpec, compare, eligibility_differences
from planner.earnings import bands_from, earnings
from planner.engine import Catalog
from planner.requests import roadmap_document

TODAY = date(2027, 1, 1)


def catalog_document() -> dict:
    """Two ways up from a coder: a promotion, or a degree then a move into management."""
    return {
        "programs": {
            "degree": {
                "name": "Bachelor's degree in HIM",
                "kind": "bachelor",
                "months_min": 36,
                "months_max": 48,
                "months_typical": 48,
                "cost_min": None,
                "cost_max": None,
                "grants_level": "bachelor",
                "work_while_studying": True,
                "admission": [],
            },
            "certificate": {
                "name": "Coding certificate",
                "kind": "certificate",
                "months_min": 9,
                "months_max": 9,
                "months_typical": 9,
                "cost_min": 2_000,
                "cost_max": 4_000,
                "admission": [],
            },
        },
        "credentials": {
            "cca": {
                "acronym": "CCA",
                "name": "Certified Coding Associate",
                "earned_by": "exam",
                "exam": {"fee_usd": 299},
                "rule_sets": [{"effective": "2020-01-01", "required": [], "recommended": []}],
            }
        },
        "roles": {
            "coder": {
                "title": "Coder",
                "level": "entry",
                "salary_min": 40_000,
                "salary_max": 50_000,
                "accrues": ["coding"],
                "hire": [{"programs": ["certificate"]}, {"credentials": ["cca"]}],
                "moves": {
                    "senior": {"kind": "promotion", "typical_months": 24, "requires": []},
                    "manager": {
                        "kind": "promotion",
                        "typical_months": 12,
                        "requires": [{"education": "bachelor"}],
                    },
                },
            },
            "senior": {
                "title": "Senior Coder",
                "level": "senior",
                "salary_min": 60_000,
                "salary_max": 70_000,
                "accrues": ["coding"],
                "hire": [],
                "moves": {},
            },
            "manager": {
                "title": "Coding Manager",
                "level": "manager",
                "salary_min": None,
                "salary_max": None,
                "accrues": [],
                "hire": [],
                "moves": {},
            },
        },
        "experience_kinds": {"coding": {"name": "Coding"}},
    }


SITUATION = {"education": "high-school", "start": TODAY.isoformat()}


def test_each_column_is_the_roadmap_the_api_would_give():
    catalog = Catalog.from_document(catalog_document())
    specs = [
        PathSpec("role:senior"),
        PathSpec("role:manager", study_while_working=True),
        PathSpec("role:senior", via=("credential:cca",), avoid=("certificate",)),
    ]

    comparison = compare(catalog, SITUATION, specs, today=TODAY)

    for column, spec in zip(comparison.columns, specs, strict=True):
        expected = roadmap_document(catalog, spec.request(SITUATION), today=TODAY)
        assert column.roadmap == expected
        assert column.earnings == earnings(expected, bands_from(catalog.roles))
    assert comparison.columns[2].credentials == ["CCA"]
    assert comparison.start == TODAY


def test_a_path_is_labelled_by_its_target_and_route():
    catalog = Catalog.from_document(catalog_document())

    spec = PathSpec("role:senior", via=("credential:cca", "program:degree"), avoid=("certificate",))

    assert spec.label(catalog) == (
        "Senior Coder via CCA and Bachelor's degree in HIM avoiding Coding certificate"
    )
    assert spec.option_words == "recommended pace, full-time study"


def test_a_path_the_engine_refuses_is_a_message_in_its_column():
    catalog = Catalog.from_document(catalog_document())
    specs = [
        PathSpec("role:senior"),
        PathSpec("role:senior", via=("program:certificate",), avoid=("certificate",)),
    ]

    comparison = compare(catalog, SITUATION, specs, today=TODAY)

    refused = comparison.columns[1]
    assert refused.roadmap is None and refused.earnings is None
    assert refused.problem.startswith("This path cannot be planned:")
    assert "also in avoid" in refused.problem
    assert comparison.break_evens == []  # nothing to compare against


def test_unknown_pay_and_costs_stay_unknown_in_a_column():
    catalog = Catalog.from_document(catalog_document())
    specs = [PathSpec("role:senior"), PathSpec("role:manager", study_while_working=True)]

    senior, manager = compare(catalog, SITUATION, specs, today=TODAY).columns

    assert senior.known_cost == senior.roadmap["cost"]
    assert manager.earnings.unbanded_roles == ("manager",)
    assert manager.earnings.cumulative_at_year(10) is None
    assert "Study: Bachelor's degree in HIM" in manager.unknown_costs


def test_an_unreachable_path_is_said_in_a_sentence():
    catalog = Catalog.from_document(catalog_document())
    specs = [PathSpec("role:senior"), PathSpec("role:manager", avoid=("degree",))]

    comparison = compare(catalog, SITUATION, specs, today=TODAY)

    assert not comparison.columns[1].reachable
    assert any(
        sentence.startswith("Path 2 (Coding Manager avoiding Bachelor's degree in HIM) cannot")
        for sentence in comparison.differences
    )


def _column(number: int, *eligibility) -> Column:
    doc = {"reachable": True, "reason": None, "eligibility": list(eligibility), "steps": []}
    return Column(number, PathSpec("role:senior"), f"Path {number}", doc, None)


def _check(status: str, when: str | None = None, route: str | None = None, missing=()):
    return {"status": status, "date": when, "route": route, "missing": list(missing)}


def test_a_recommended_route_one_path_waits_for_is_said():
    catalog = Catalog.from_document(catalog_document())
    waits = _column(
        1,
        {
            "credential": "cca",
            "required": _check("met", "2027-01-01", "no prerequisites"),
            "recommended": _check("later", "2029-10-01", "24 months of coding experience"),
        },
    )
    ready = _column(
        2,
        {
            "credential": "cca",
            "required": _check("met", "2027-01-01", "no prerequisites"),
            "recommended": _check("met", "2027-01-01", "a coding certificate"),
        },
    )

    sentences = eligibility_differences(catalog, [waits, ready])

    assert sentences == [
        "For the CCA, path 1 waits until October 2029 for the advised route "
        "(24 months of coding experience); path 2 does not wait for it."
    ]


def test_a_credential_blocked_on_one_path_only_is_said():
    catalog = Catalog.from_document(catalog_document())
    blocked = _column(
        1,
        {
            "credential": "cca",
            "required": _check("blocked", missing=["Registered Nurse licence"]),
            "recommended": _check("met", "2027-01-01"),
        },
    )
    open_ = _column(
        2,
        {
            "credential": "cca",
            "required": _check("met", "2027-01-01"),
            "recommended": _check("met", "2027-01-01"),
        },
    )

    sentences = eligibility_differences(catalog, [blocked, open_])

    assert sentences == [
        "The CCA is blocked on path 1 (missing Registered Nurse licence) but not on path 2."
    ]


def test_paths_that_agree_give_no_sentence():
    catalog = Catalog.from_document(catalog_document())
    same = {
        "credential": "cca",
        "required": _check("met", "2027-01-01"),
        "recommended": _check("later", "2028-01-01", "12 months"),
    }

    assert eligibility_differences(catalog, [_column(1, same), _column(2, same)]) == []
