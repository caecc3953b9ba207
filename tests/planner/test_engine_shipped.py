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

import pytest

from planner.engine import Catalog, plan
from planner.requests import parse_request

SHIPPED = Path(__file__).resolve().parents[2] / "roles" / "data" / "catalog.json"
TODAY = date(2026, 11, 27)
HIGH_SCHOOL = {"education": "high-school", "start": "2027-01-01"}
NEW_RN = {"education": "bachelor", "licences": ["rn"], "start": "2027-01-01"}


@pytest.fixture(scope="module")
def shipped():
    return Catalog.from_document(json.loads(SHIPPED.read_text()))


def roadmap(catalog, request, *, time_cap=True):
    person, target, options = parse_request(request, today=TODAY, bounded=True)
    if not time_cap:
        options = replace(options, time_limit=None)
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
