"""factory-boy factories for the catalog. Each builds the least a valid row needs;
ask for more by keyword (`RoleFactory(level="senior")`) or trait (`RoleFactory(paid=True)`).
"""

from datetime import date

import factory
from django.contrib.auth import get_user_model

from roles.models import (
    Credential,
    ExperienceKind,
    Licence,
    Move,
    Program,
    RenewalPolicy,
    Role,
    Route,
    RouteExperience,
    RuleSet,
    Source,
)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Source {n}")
    url = factory.LazyAttribute(lambda source: f"https://example.org/{source.slug}")
    as_of = date(2026, 11, 1)
    verified = True


class ExperienceKindFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExperienceKind
        django_get_or_create = ("slug",)

    slug = "coding"
    name = factory.LazyAttribute(lambda kind: kind.slug.replace("-", " ").capitalize())


class LicenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Licence
        django_get_or_create = ("slug",)

    slug = "rn"
    name = "Registered Nurse"


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    slug = factory.Sequence(lambda n: f"program-{n}")
    name = factory.Sequence(lambda n: f"Coding certificate {n}")
    kind = Program.Kind.CERTIFICATE
    months_min = 6
    months_typical = 9
    months_max = 12
    duration_source = factory.SubFactory(SourceFactory)


class CredentialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Credential
        django_get_or_create = ("slug",)

    acronym = factory.Sequence(lambda n: f"CRED{n}")
    slug = factory.LazyAttribute(lambda credential: credential.acronym.lower())
    name = factory.LazyAttribute(lambda credential: f"Certified {credential.acronym}")
    issuer = Credential.Issuer.AHIMA

    class Params:
        with_exam = factory.Trait(
            exam_minutes=240,
            exam_items=107,
            exam_fee_usd=399,
            exam_source=factory.SubFactory(SourceFactory),
        )


class RenewalPolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenewalPolicy
        django_get_or_create = ("issuer",)

    issuer = Credential.Issuer.AHIMA
    cycle_months = 24
    source = factory.SubFactory(SourceFactory)


class RuleSetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RuleSet

    credential = factory.SubFactory(CredentialFactory)
    effective = date(2021, 1, 1)
    source = factory.SubFactory(SourceFactory)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    title = factory.Sequence(lambda n: f"Coder {n}")
    slug = factory.LazyAttribute(lambda role: role.title.lower().replace(" ", "-"))
    summary = "Codes hospital records."
    track = Role.Track.LADDER
    level = Role.Level.ENTRY
    setting = Role.Setting.INPATIENT

    class Params:
        paid = factory.Trait(
            salary_min=42000, salary_max=52000, salary_source=factory.SubFactory(SourceFactory)
        )


class MoveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Move

    from_role = factory.SubFactory(RoleFactory)
    to_role = factory.SubFactory(RoleFactory)
    kind = Move.Kind.PROMOTION
    typical_months = 24
    source = factory.SubFactory(SourceFactory)


class RouteFactory(factory.django.DjangoModelFactory):
    """A route; give exactly one owner: rule_set (with strength), move, hire_role or
    admission_program. `experience={"coding": 24}` adds months of each kind (by slug)."""

    class Meta:
        model = Route
        skip_postgeneration_save = True

    @factory.post_generation
    def programs(route, create, programs, **kwargs):
        if programs:
            route.programs.set(programs)

    @factory.post_generation
    def credentials(route, create, credentials, **kwargs):
        if credentials:
            route.credentials.set(credentials)

    @factory.post_generation
    def licences(route, create, licences, **kwargs):
        if licences:
            route.licences.set(licences)

    @factory.post_generation
    def experience(route, create, months_by_kind, **kwargs):
        for slug, months in (months_by_kind or {}).items():
            RouteExperience.objects.create(
                route=route, kind=ExperienceKindFactory(slug=slug), months=months
            )


def required_route(rule_set: RuleSet, **kwargs) -> Route:
    return RouteFactory(rule_set=rule_set, strength=Route.Strength.REQUIRED, **kwargs)


def recommended_route(rule_set: RuleSet, **kwargs) -> Route:
    return RouteFactory(rule_set=rule_set, strength=Route.Strength.RECOMMENDED, **kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.django.Password("correct horse battery staple")
