"""Helpers for the signed-in planner tests: a person, their situation, a plan."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import timezone

from planner import snapshot
from planner.models import CompletedProgram, HeldCredential, Plan, Position, Profile
from planner.planning import compute
from roles.models import CatalogVersion
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def fresh_snapshot():
    """Each test's catalog is its own: never reuse a snapshot a previous test built."""
    snapshot._snapshot = None
    yield
    snapshot._snapshot = None


def person(client=None, **kwargs):
    """A user with an empty situation; signed in on `client` when given."""
    user = UserFactory(**kwargs)
    Profile.objects.create(user=user)
    if client is not None:
        client.force_login(user)
    return user


def situation(user, *, education="high-school", positions=(), credentials=(), programs=()):
    """positions: (role, start[, end]); credentials / programs: (slug, date)."""
    profile = user.profile
    profile.education = education
    profile.save()
    for role, start, *end in positions:
        Position.objects.create(
            profile=profile, role=role, start=start, end=end[0] if end else None
        )
    for slug, on in credentials:
        HeldCredential.objects.create(profile=profile, credential=slug, earned=on)
    for slug, on in programs:
        CompletedProgram.objects.create(profile=profile, program=slug, completed=on)
    return profile


def make_plan(user, target="coding-supervisor", kind="role", **options) -> Plan:
    """A saved plan worked out by the engine, as the create view would save it."""
    profile = Profile.objects.full().get(user=user)
    plan = Plan(profile=profile, name=options.pop("name", target), target_kind=kind, target=target)
    values = {
        "start": timezone.localdate(),
        "readiness": "recommended",
        "study_while_working": False,
        "avoid": [],
        "via": [],
        "check_credentials": [],
        "suppose": [],
    } | options
    outcome = compute(plan.request_data(profile, values))
    assert outcome.roadmap is not None, outcome.error
    for name, value in values.items():
        setattr(plan, name, value)
    plan.roadmap = outcome.roadmap
    plan.catalog_version = CatalogVersion.current()
    plan.saved = timezone.now()
    plan.save()
    return plan


CODER = {
    "positions": [("inpatient-coder", date(2024, 6, 1))],
    "credentials": [("cca", date(2025, 3, 1))],
}
