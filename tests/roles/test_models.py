"""The catalog models: validation, plain-words routes, and the QuerySet methods pages use."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from roles.models import EducationLevel, Move, Role, Route, RuleSet
from tests.factories import (
    CredentialFactory,
    ExperienceKindFactory,
    LicenceFactory,
    MoveFactory,
    ProgramFactory,
    RoleFactory,
    RouteFactory,
    RuleSetFactory,
    SourceFactory,
    recommended_route,
    required_route,
)

pytestmark = pytest.mark.django_db


# Validation


def test_a_salary_band_upside_down_is_invalid():
    role = RoleFactory.build(salary_min=60000, salary_max=50000, salary_source=SourceFactory())
    with pytest.raises(ValidationError, match="The lowest salary is higher than the highest."):
        role.full_clean()


def test_a_salary_band_needs_both_ends_and_a_source():
    with pytest.raises(ValidationError, match="Give both ends"):
        RoleFactory.build(salary_min=60000).full_clean()
    with pytest.raises(ValidationError, match="A salary band needs a source"):
        RoleFactory.build(salary_min=1, salary_max=2).full_clean()


def test_a_move_to_itself_is_invalid():
    role = RoleFactory()
    with pytest.raises(ValidationError, match="A role cannot lead to itself."):
        MoveFactory.build(from_role=role, to_role=role, source=SourceFactory()).full_clean()


def test_a_promotion_back_down_the_ladder_is_a_cycle():
    coder, senior = RoleFactory(), RoleFactory()
    MoveFactory(from_role=coder, to_role=senior)
    back = MoveFactory.build(from_role=senior, to_role=coder, source=SourceFactory())
    with pytest.raises(ValidationError, match="would make a cycle"):
        back.full_clean()


def test_a_lateral_move_back_is_not_a_cycle():
    coder, cdi = RoleFactory(), RoleFactory()
    MoveFactory(from_role=coder, to_role=cdi, kind=Move.Kind.LATERAL)
    MoveFactory.build(
        from_role=cdi, to_role=coder, kind=Move.Kind.LATERAL, source=SourceFactory()
    ).full_clean()


# Routes in plain words


def test_a_route_describes_itself_in_plain_words():
    route = RouteFactory(
        hire_role=RoleFactory(),
        education=EducationLevel.HIGH_SCHOOL,
        programs=[ProgramFactory(name="Coding certificate")],
        credentials=[CredentialFactory(acronym="CCA"), CredentialFactory(acronym="CPC")],
        licences=[LicenceFactory(slug="rn", name="Registered Nurse")],
        experience={"coding": 12},
        current_role_accrues=ExperienceKindFactory(slug="cdi", name="Inpatient CDI"),
    )

    assert route.describe() == (
        "high school diploma + Coding certificate + CCA or CPC + Registered Nurse licence + "
        "12 months of coding experience + currently working in a role that builds "
        "inpatient CDI experience"
    )


def test_an_empty_route_says_it_has_no_prerequisites():
    assert RouteFactory(hire_role=RoleFactory()).describe() == "no prerequisites"


def test_required_routes_come_before_recommended_ones():
    rules = RuleSetFactory()
    advised = recommended_route(rules, position=0)
    must = required_route(rules, position=1)

    assert list(rules.routes.required_first()) == [must, advised]


# QuerySet methods


def test_matching_filters_by_each_given_value_and_ignores_blanks():
    senior = RoleFactory(level=Role.Level.SENIOR)
    RoleFactory(level=Role.Level.SENIOR, setting=Role.Setting.OUTPATIENT)
    RoleFactory(level=Role.Level.ENTRY)

    matched = Role.objects.matching(level="senior", track="", setting="inpatient")

    assert list(matched) == [senior]


def test_by_level_puts_entry_roles_first_and_directors_last():
    director = RoleFactory(title="A director", level=Role.Level.DIRECTOR)
    lead = RoleFactory(title="A lead", level=Role.Level.LEAD)
    coder = RoleFactory(title="Z coder", level=Role.Level.ENTRY)

    assert list(Role.objects.by_level()) == [coder, lead, director]


def test_a_rule_set_knows_when_the_next_one_replaced_it():
    ccs = CredentialFactory()
    RuleSetFactory(credential=ccs, effective=date(2016, 1, 1))
    RuleSetFactory(credential=ccs, effective=date(2021, 1, 1))
    RuleSetFactory(effective=date(2024, 1, 1))  # another credential's rules do not count

    rule_sets = RuleSet.objects.with_replaced_on().filter(credential=ccs)

    assert [(r.effective.year, r.replaced_on) for r in rule_sets] == [
        (2021, None),
        (2016, date(2021, 1, 1)),
    ]


def test_the_rule_set_in_force_on_a_day_is_the_latest_before_it():
    ccs = CredentialFactory()
    old = RuleSetFactory(credential=ccs, effective=date(2016, 1, 1))
    new = RuleSetFactory(credential=ccs, effective=date(2021, 1, 1))

    assert ccs.rule_set_on(date(2020, 12, 31)) == old
    assert ccs.rule_set_on(date(2021, 1, 1)) == new
    assert ccs.rule_set_on(date(2015, 6, 1)) is None


def test_for_display_describes_routes_without_further_queries(django_assert_num_queries):
    for _ in range(3):
        RouteFactory(
            hire_role=RoleFactory(),
            credentials=[CredentialFactory()],
            experience={"coding": 12},
            current_role_accrues=ExperienceKindFactory(slug="cdi"),
        )

    with django_assert_num_queries(5):  # routes, programs, credentials, licences, experience
        assert all(route.describe() for route in Route.objects.for_display())
