"""What the bench's database holds: the catalog (shipped, or shipped plus generated roles
to ten times its size) and people with saved plans and marked steps. Needs Django set up."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from planner.bench import generated_document
from planner.models import HeldCredential, Plan, Position, Profile, StepProgress
from planner.planning import compute
from roles.catalog_file import load_document, validate
from roles.catalog_io import load_document as load_into_database
from roles.models import CatalogVersion

SHIPPED = settings.BASE_DIR / "roles" / "data" / "catalog.json"
SOURCE = "bench-generated"


@dataclass(frozen=True)
class Scale:
    """How much data a pass of the bench runs on."""

    name: str
    factor: int  # 1: the shipped catalog; 10: ten times its roles, credentials, programs
    people: int  # people besides the bench's own, five saved plans each
    plans: int  # the bench person's saved plans
    marks: int  # marked steps on each plan


SCALES = {
    1: Scale("shipped", 1, people=100, plans=5, marks=3),
    10: Scale("10x", 10, people=1000, plans=50, marks=30),
}


def catalog_document(factor: int) -> dict:
    """The shipped catalog, with generated roles (planner.bench's generator, completed to
    the file format) added until it has `factor` times the roles."""
    doc = load_document(SHIPPED)
    if factor > 1:
        extra = file_format(generated_document(len(doc["roles"]) * (factor - 1)))
        for section in ("sources", "experience_kinds", "programs", "credentials", "roles"):
            doc[section] = {**doc[section], **extra[section]}
    validate(doc, path=f"{factor}x catalog")
    return doc


def file_format(doc: dict) -> dict:
    """planner.bench's engine document with what the file format asks besides (sources,
    settings, summaries): generated prose, numbers left as the generator chose them."""
    generated = doc["sources"].pop("s")
    doc["sources"][SOURCE] = {**generated, "as_of": "2026-11-27", "verified": True}

    def routes(items: list[dict]) -> list[dict]:
        return [route for route in items if any(route.values())]  # a route names something

    for program in doc["programs"].values():
        months = program["months_typical"]
        program.update(months_min=months, months_max=months, duration_source=SOURCE)
    for credential in doc["credentials"].values():
        credential["issuer"] = "ahima"
        credential["exam"]["source"] = SOURCE
        for rule_set in credential["rule_sets"]:
            rule_set["source"] = SOURCE
            rule_set["required"] = routes(rule_set["required"])
            rule_set["recommended"] = routes(rule_set["recommended"])
    for role in doc["roles"].values():
        role.update(summary=f"{role['title']}, generated for the bench.", setting="mixed")
        role.update(remote="onsite", hire=routes(role["hire"]))
        for move in role["moves"].values():
            move.update(source=SOURCE, typical_months=max(1, move["typical_months"]))
            move["requires"] = routes(move["requires"])
    return doc


def load_catalog(factor: int) -> None:
    load_into_database(catalog_document(factor))


# People --------------------------------------------------------------------------------------

BENCH_EMAIL = "bench@example.org"
PLAN_TARGET = "senior-inpatient-coder"
OTHER_TARGETS = ("medical-auditor", "outpatient-coder", "cdi-specialist", "coding-supervisor")


def people(scale: Scale) -> Plan:
    """Everyone the pass needs, made afresh: the bench person (an inpatient coder since
    June 2024 with the CCA) with `scale.plans` saved plans and `scale.marks` steps marked
    on each, and `scale.people` others like them. Returns the plan the bench opens."""
    User = get_user_model()
    User.objects.all().delete()
    bench = User.objects.create_user(BENCH_EMAIL, BENCH_EMAIL, "an unused bench password")
    profile = coder(bench)
    plan = Plan(profile=profile, name="Senior inpatient coder", target_kind="role")
    plan.target = PLAN_TARGET
    options = {
        "start": timezone.localdate(),
        "readiness": "recommended",
        "study_while_working": False,
        "avoid": [],
        "via": [],
        "check_credentials": ["ccs"],
        "suppose": [],
    }
    outcome = compute(plan.request_data(profile, options))
    assert outcome.roadmap is not None, outcome.error
    for name, value in options.items():
        setattr(plan, name, value)
    plan.roadmap = outcome.roadmap
    plan.catalog_version = CatalogVersion.current()
    plan.saved = timezone.now()
    plan.save()
    marks(plan, scale.marks)
    copies(plan, [profile], scale.plans - 1, scale.marks)

    others = User.objects.bulk_create(
        User(username=f"person-{n}", email=f"person-{n}@example.org", password="!")
        for n in range(scale.people)
    )
    profiles = Profile.objects.bulk_create(
        Profile(user=user, education="high-school") for user in others
    )
    Position.objects.bulk_create(
        Position(profile=p, role="inpatient-coder", start=date(2024, 6, 1)) for p in profiles
    )
    HeldCredential.objects.bulk_create(
        HeldCredential(profile=p, credential="cca", earned=date(2025, 3, 1)) for p in profiles
    )
    copies(plan, profiles, 5, scale.marks)
    return plan


def coder(user) -> Profile:
    profile = Profile.objects.create(user=user, education="high-school")
    Position.objects.create(profile=profile, role="inpatient-coder", start=date(2024, 6, 1))
    HeldCredential.objects.create(profile=profile, credential="cca", earned=date(2025, 3, 1))
    return profile


def marks(plan: Plan, count: int) -> None:
    """`count` steps marked done: the roadmap's own steps, then earlier ones (a long
    history), each with the step as it was."""
    steps = plan.roadmap["steps"]
    StepProgress.objects.bulk_create(
        StepProgress(
            plan=plan,
            key=steps[n]["key"] if n < len(steps) else f"earlier-{n}",
            status=StepProgress.Status.DONE,
            on=date(2025, 1, 1),
            step=steps[n % len(steps)],
        )
        for n in range(count)
    )


def copies(plan: Plan, profiles: list[Profile], each: int, marked: int) -> None:
    """`each` more saved plans for every profile, the same roadmap under other targets'
    names, with `marked` steps marked on each."""
    made = Plan.objects.bulk_create(
        Plan(
            profile=profile,
            name=f"Plan {n + 1}",
            target_kind="role",
            target=OTHER_TARGETS[n % len(OTHER_TARGETS)],
            start=plan.start,
            check_credentials=plan.check_credentials,
            roadmap=plan.roadmap,
            catalog_version=plan.catalog_version,
            saved=plan.saved,
        )
        for profile in profiles
        for n in range(each)
    )
    steps = plan.roadmap["steps"]
    StepProgress.objects.bulk_create(
        (
            StepProgress(
                plan=made_plan,
                key=f"step-{n}",
                status=StepProgress.Status.DONE,
                on=date(2025, 1, 1),
                step=steps[n % len(steps)],
            )
            for made_plan in made
            for n in range(marked)
        ),
        batch_size=2000,
    )
