"""The situation as the engine's request, and a plan's options on top of it."""

from datetime import date

from planner.models import Plan, next_step

from .roadmap_helpers import CODER, person, situation


def test_positions_are_used_when_listed_and_the_months_per_kind_otherwise(db):
    user = person()
    profile = situation(user)
    profile.experience = {"coding": 18}
    profile.role = "inpatient-coder"
    profile.save()
    data = profile.request_data()
    assert data["experience"] == {"coding": 18} and data["role"] == "inpatient-coder"
    assert "positions" not in data

    situation(user, **CODER)
    data = type(profile).objects.full().get(pk=profile.pk).request_data()
    assert data["positions"] == [
        {"role": "inpatient-coder", "start": date(2024, 6, 1), "end": None, "full_time": True}
    ]
    assert "experience" not in data
    assert data["credentials"] == ["cca@2025-03-01"]


def test_a_supposed_credential_is_added_to_those_held_once(db):
    user = person()
    profile = situation(user, **CODER)
    plan = Plan(profile=profile, target_kind="credential", target="ccs", start=date(2027, 1, 1))
    options = plan.options() | {"suppose": ["cca", "rhit"], "avoid": [], "via": []}
    options |= {"check_credentials": [], "readiness": "recommended", "study_while_working": False}
    data = plan.request_data(profile, options)
    assert data["credentials"] == ["cca@2025-03-01", "rhit"]
    assert data["target_credential"] == "ccs" and "target" not in data


def test_the_next_step_is_the_first_not_over(db):
    roadmap = {
        "steps": [
            {"key": "a", "start": "2026-01-01", "end": "2026-06-01"},
            {"key": "b", "start": "2026-06-01", "end": "2026-06-01"},
            {"key": "c", "start": "2026-06-01", "end": "2027-01-01"},
        ]
    }
    assert next_step(roadmap, date(2026, 3, 1))["key"] == "a"
    assert next_step(roadmap, date(2026, 6, 1))["key"] == "b"
    assert next_step(roadmap, date(2027, 2, 1)) is None
