"""What a student reads: the exam behind the CPC, who asks for a credential, programs,
the glossary, routes as lists, filters that offer only what exists (issue 11)."""

from datetime import date

import pytest
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from roles.models import Credential, EducationLevel, Role
from tests.factories import (
    CredentialFactory,
    ExperienceKindFactory,
    MoveFactory,
    ProgramFactory,
    RoleFactory,
    RouteFactory,
    RuleSetFactory,
    required_route,
)
from tests.roles.test_views import HTMX, count_queries

pytestmark = pytest.mark.django_db


def cpc_with_apprentice_stage():
    cpc_a = CredentialFactory(acronym="CPC-A", issuer="aapc", with_exam=True, exam_minutes=240)
    cpc = CredentialFactory(acronym="CPC", issuer="aapc", earned_by=Credential.EarnedBy.GRANT)
    rules = RuleSetFactory(credential=cpc, effective=date(2019, 9, 1))
    required_route(rules, credentials=[cpc_a], experience={"coding": 24})
    required_route(
        rules, credentials=[cpc_a], experience={"coding": 12}, programs=[ProgramFactory()]
    )
    return cpc, cpc_a


def test_the_cpc_page_shows_its_exam_with_the_apprentice_stage(client):
    cpc, cpc_a = cpc_with_apprentice_stage()

    response = client.get(cpc.get_absolute_url())

    assertContains(response, "<dt>The CPC exam</dt>", html=True)
    assertContains(response, "4 hours · 107 questions · $399")
    assertContains(response, f'you are a <a href="{cpc_a.get_absolute_url()}">CPC-A</a>')
    assertNotContains(response, "Granted when the conditions below hold; there is no exam.")


def test_the_apprentice_page_says_it_is_the_first_stage(client):
    cpc, cpc_a = cpc_with_apprentice_stage()

    response = client.get(cpc_a.get_absolute_url())

    assertContains(response, f'first stage of the <a href="{cpc.get_absolute_url()}">CPC</a>')


def test_the_credential_list_shows_the_cpc_exam(client):
    cpc_with_apprentice_stage()

    response = client.get(reverse("roles:credential-list"))

    assertContains(response, "The CPC exam, passed as a CPC-A: 4 hours · 107 questions · $399")
    assertNotContains(response, "Granted, no exam")


def test_a_credential_page_lists_the_roles_that_ask_for_it(client):
    ccs = CredentialFactory(acronym="CCS")
    coder = RoleFactory(title="Inpatient Coder")
    senior = RoleFactory(title="Senior Coder")
    RoleFactory(title="Unrelated")
    RouteFactory(hire_role=coder, credentials=[ccs])
    RouteFactory(move=MoveFactory(from_role=coder, to_role=senior), credentials=[ccs])

    response = client.get(ccs.get_absolute_url())

    assertContains(response, "Inpatient Coder</a>: to be hired")
    assertContains(response, "Senior Coder</a>: to move up from Inpatient Coder")
    assertNotContains(response, "Unrelated")


def test_a_route_is_a_sentence_then_a_list_of_all_it_needs(client):
    ExperienceKindFactory(slug="coding", name="Coding")
    cca, ccs = CredentialFactory(acronym="CCA"), CredentialFactory(acronym="CCS")
    role = RoleFactory()
    RouteFactory(
        hire_role=role,
        education=EducationLevel.HIGH_SCHOOL,
        credentials=[cca, ccs],
        experience={"coding": 24},
    )
    RouteFactory(hire_role=role, education=EducationLevel.ASSOCIATE)

    response = client.get(role.get_absolute_url())

    assertContains(response, "Employers hire into this role with one of these 2 routes:")
    assertContains(response, '<span class="route__number">Or, route 2:</span>', html=True)
    assertContains(
        response,
        '<li><span class="route__label">Credential held, one of:</span> '
        f'<a href="{cca.get_absolute_url()}">CCA</a> or <a href="{ccs.get_absolute_url()}">CCS</a>'
        "</li>",
        html=True,
    )
    assertContains(response, "2 years of coding experience")


def test_the_programs_page_gives_length_cost_and_directories(client, django_assert_num_queries):
    program = ProgramFactory(name="Coding certificate", months_min=6, months_max=24)
    RouteFactory(admission_program=program, education=EducationLevel.HIGH_SCHOOL)

    response = client.get(reverse("roles:program-list"))

    assertContains(response, f'id="program-{program.slug}"')
    assertContains(response, "6 months to 2 years")
    assertContains(response, "Not given: costs vary too widely")
    assertContains(response, "CAHIIM")
    assertContains(response, "PCAP")
    small = count_queries(client, reverse("roles:program-list"))
    for _ in range(5):
        RouteFactory(admission_program=ProgramFactory(), education=EducationLevel.ASSOCIATE)
    with django_assert_num_queries(small):
        client.get(reverse("roles:program-list"))


def test_the_glossary_explains_the_jargon(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("roles:glossary"))

    for term in ("MS-DRG", "CDI", "PCAP", "CAHIIM", "CEU", "Lateral move", "Specialization"):
        assertContains(response, term)


def test_a_term_is_linked_where_it_first_appears(client):
    role = RoleFactory(summary="Assigns the MS-DRG. The MS-DRG decides pay.")

    response = client.get(role.get_absolute_url())

    assertContains(response, 'href="/glossary/#ms-drg"', count=1)


def test_filters_offer_only_values_some_role_has(client):
    RoleFactory(level=Role.Level.ENTRY, setting=Role.Setting.INPATIENT)

    response = client.get(reverse("roles:role-list"))

    assertContains(response, '<option value="entry">Entry</option>', html=True)
    assertNotContains(response, '<option value="director">')
    assertNotContains(response, '<option value="outpatient">')


def test_an_htmx_filter_response_updates_the_announced_count(client):
    RoleFactory(level=Role.Level.SENIOR)
    RoleFactory(level=Role.Level.ENTRY)

    full = client.get("/roles/", {"level": "senior"})
    partial = client.get("/roles/", {"level": "senior"}, **HTMX)

    assertContains(full, '<span id="role-count" role="status">1 role</span>', html=True)
    assertContains(
        partial, '<span id="role-count" hx-swap-oob="innerHTML">1 role</span>', html=True
    )


def test_the_404_page_has_the_sites_navigation(client):
    response = client.get("/roles/no-such-role/")

    assert response.status_code == 404
    assertContains(response, "We cannot find that page", status_code=404)
    assertContains(response, '<nav class="site-nav" aria-label="Main">', status_code=404)
    assertNotContains(response, "/admin/", status_code=404)


def test_the_500_page_renders_with_the_sites_navigation(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/roles/"))  # renders 500.html with no context

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()
    assert 'aria-label="Main"' in response.content.decode()


def test_the_bls_median_is_shown_beside_the_band_with_its_source_and_year(client):
    from tests.factories import SourceFactory

    bls = SourceFactory(title="BLS OOH: Medical Records Specialists")
    role = RoleFactory(paid=True, median_pay=50250, median_pay_year=2024, median_pay_source=bls)
    unpaid = RoleFactory()

    response = client.get(role.get_absolute_url())

    assertContains(response, "$50,250</span> a year (2024 wages)")
    assertContains(response, "BLS OOH: Medical Records Specialists</a>", count=2)  # + sources
    assertContains(
        client.get(unpaid.get_absolute_url()),
        "<dt>BLS median pay</dt><dd>Not given for this role.</dd>",
        html=True,
    )


def test_the_credential_list_query_count_does_not_grow_with_exam_stages(
    client, django_assert_num_queries
):
    cpc_with_apprentice_stage()
    small = count_queries(client, reverse("roles:credential-list"))
    for n in range(4):
        stage = CredentialFactory(acronym=f"X{n}-A", with_exam=True)
        granted = CredentialFactory(acronym=f"X{n}", earned_by=Credential.EarnedBy.GRANT)
        required_route(RuleSetFactory(credential=granted), credentials=[stage])
    with django_assert_num_queries(small):
        client.get(reverse("roles:credential-list"))


def test_the_credential_page_query_count_does_not_grow_with_the_roles_asking(
    client, django_assert_num_queries
):
    cpc, _ = cpc_with_apprentice_stage()
    RouteFactory(hire_role=RoleFactory(), credentials=[cpc])
    small = count_queries(client, cpc.get_absolute_url())
    for _ in range(5):
        RouteFactory(hire_role=RoleFactory(), credentials=[cpc])
        RouteFactory(move=MoveFactory(), credentials=[cpc])
    with django_assert_num_queries(small):
        client.get(cpc.get_absolute_url())
