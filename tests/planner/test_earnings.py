"""The earnings model: plain functions over roadmap documents, no database."""

from datetime import date

from planner.earnings import (
    HORIZON_MONTHS,
    RISE_MONTHS,
    Band,
    all_break_evens,
    bands_from,
    break_even,
    earnings,
)
from planner.engine import Catalog, Options, Person, Target, add_months, plan

START = date(2027, 1, 1)


def step(kind, start_month, months=0, *, role=None, cost=None, salary=None, title=None, **keys):
    begin = add_months(START, start_month)
    return {
        "key": f"{kind}:{role or keys.get('program') or keys.get('credential')}:1",
        "kind": kind,
        "title": title or f"{kind} {role or ''}".strip(),
        "start": begin.isoformat(),
        "end": add_months(begin, months).isoformat(),
        "months": months,
        "cost": cost,
        "salary": salary,
        "program": keys.get("program"),
        "role": role,
        "credential": keys.get("credential"),
        "because": "",
    }


def roadmap(*steps):
    return {"start": START.isoformat(), "reachable": True, "steps": list(steps)}


def test_pay_starts_at_the_band_low_end_and_rises_to_the_high_end():
    band = Band(36_000, 48_000)
    doc = roadmap(step("move", 0, role="coder"), step("work", 0, 24, role="coder"))

    earned = earnings(doc, {"coder": band})

    rise_a_month = (48_000 - 36_000) / RISE_MONTHS
    assert earned.months[0].pay * 12 == 36_000
    assert earned.salary_in_year(1).yearly == round(36_000 + 11 * rise_a_month)
    assert earned.salary_in_year(10).yearly == 48_000  # risen, then stays at the top
    assert earned.cumulative_at_year(1) == round(
        sum(36_000 + m * rise_a_month for m in range(12)) / 12
    )


def test_the_person_stays_in_the_role_reached_after_the_last_step():
    doc = roadmap(step("move", 0, role="coder"), step("work", 0, 12, role="coder"))

    earned = earnings(doc, {"coder": Band(40_000, 40_000)})

    assert len(earned.months) == HORIZON_MONTHS
    assert {month.role for month in earned.months} == {"coder"}
    assert earned.cumulative_at_year(10) == 400_000


def test_full_time_study_pays_nothing_and_its_known_cost_is_paid_when_it_starts():
    doc = roadmap(
        step("study", 0, 12, cost=5_000, program="certificate", title="Study: certificate"),
        step("move", 12, role="coder"),
    )

    earned = earnings(doc, {"coder": Band(24_000, 24_000)})

    assert earned.cumulative[1] == -5_000
    assert earned.cumulative_at_year(1) == -5_000
    assert earned.salary_in_year(1).studying and earned.salary_in_year(1).role is None
    assert earned.cumulative_at_year(3) == -5_000 + 24 * 2_000


def test_study_while_working_keeps_the_pay_of_the_job_held():
    band = {"coder": Band(36_000, 36_000)}
    working = roadmap(
        step("study", 0, 12, program="degree", salary={"min": 36_000, "max": 36_000}),
    )
    full_time = roadmap(step("study", 0, 12, program="degree"))

    while_working = earnings(working, band, role="coder")
    studying_only = earnings(full_time, band, role="coder")

    assert while_working.cumulative_at_year(1) == 36_000
    assert studying_only.cumulative_at_year(1) == 0
    assert while_working.salary_in_year(1).studying


def test_a_role_without_a_band_makes_pay_unknown_never_zero():
    doc = roadmap(
        step("move", 0, role="coder"),
        step("work", 0, 12, role="coder"),
        step("move", 12, role="biller"),
    )

    earned = earnings(doc, {"coder": Band(36_000, 36_000), "biller": None})

    assert earned.cumulative_at_year(1) == 36_000
    assert earned.cumulative[13] is None
    assert earned.cumulative_at_year(10) is None
    assert earned.salary_in_year(3).yearly is None and not earned.salary_in_year(3).known
    assert earned.unknown_from == 13
    assert earned.unbanded_roles == ("biller",)


def test_unknown_costs_are_named_and_left_out_of_the_total():
    doc = roadmap(
        step("study", 0, 6, program="course", title="Study: course"),
        step("exam", 6, cost=399, credential="cca", title="Sit the CCA exam"),
        step("move", 6, role="coder"),
    )

    earned = earnings(doc, {"coder": Band(12_000, 12_000)})

    assert [cost.title for cost in earned.unknown_costs] == ["Study: course"]
    assert earned.costs_known == 399
    assert earned.cumulative[7] == -399 + 1_000


def test_the_later_starter_overtakes_at_the_month_its_total_passes():
    # A studies a year, then earns 2,000 a month; B earns 1,000 a month from the start.
    # A's total 2,000 (x - 12) passes B's 1,000 x when x > 24.
    a = earnings(
        roadmap(step("study", 0, 12, program="degree"), step("move", 12, role="analyst")),
        {"analyst": Band(24_000, 24_000)},
    )
    b = earnings(roadmap(step("move", 0, role="clerk")), {"clerk": Band(12_000, 12_000)})

    result = break_even(a, b)

    assert [(c.month, c.ahead, c.behind) for c in result.crossings] == [(25, 0, 1)]
    assert result.crossings[0].date == add_months(START, 25)
    assert result.leader_at_end == 0
    assert result.known_until == HORIZON_MONTHS


def test_break_even_stops_where_a_total_becomes_unknown():
    a = earnings(roadmap(step("move", 0, role="clerk")), {"clerk": Band(12_000, 12_000)})
    b = earnings(
        roadmap(step("move", 0, role="clerk"), step("move", 30, role="biller")),
        {"clerk": Band(6_000, 6_000), "biller": None},
    )

    result = break_even(a, b)

    assert result.crossings == ()
    assert result.known_until == 30
    assert result.leader_at_end is None


def test_every_pair_of_planned_paths_gets_a_break_even():
    one = earnings(roadmap(step("move", 0, role="clerk")), {"clerk": Band(1, 1)})

    pairs = all_break_evens([one, None, one, one])

    assert [(pair.first, pair.second) for pair in pairs] == [(0, 2), (0, 3), (2, 3)]


def test_earnings_follow_an_engine_roadmap():
    document = {
        "programs": {
            "certificate": {
                "name": "Certificate",
                "kind": "certificate",
                "months_min": 6,
                "months_max": 6,
                "months_typical": 6,
                "cost_min": 3_000,
                "cost_max": 5_000,
                "admission": [],
            }
        },
        "roles": {
            "coder": {
                "title": "Coder",
                "level": "entry",
                "salary_min": 36_000,
                "salary_max": 48_000,
                "accrues": [],
                "hire": [{"programs": ["certificate"]}],
                "moves": {},
            }
        },
    }
    catalog = Catalog.from_document(document)
    doc = plan(catalog, Person(), Target.role("coder"), Options(start=START)).to_dict()

    earned = earnings(doc, bands_from(catalog.roles))

    months_studying = doc["steps"][0]["months"]
    assert earned.cumulative[1] == -4_000  # the program's midpoint cost, paid up front
    assert earned.months[months_studying].pay * 12 == 36_000
    assert all(month.pay == 0 for month in earned.months[:months_studying])
