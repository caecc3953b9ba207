"""The public catalog pages: roles and credentials."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from roles.models import EducationLevel, Move, Role
from tests.factories import (
    CredentialFactory,
    MoveFactory,
    RoleFactory,
    RouteFactory,
    RuleSetFactory,
    SourceFactory,
    recommended_route,
    required_route,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def role_titles(response) -> list[str]:
    return [role.title for role in response.context["roles"]]


# The role list


def test_the_role_list_lists_every_role(client):
    RoleFactory(title="Inpatient Coder")
    RoleFactory(title="HIM Director", level=Role.Level.DIRECTOR)

    response = client.get("/roles/")

    assertContains(response, "<h1>Roles</h1>", html=True)
    assert role_titles(response) == ["Inpatient Coder", "HIM Director"]  # entry level first


def test_the_role_list_is_also_at_slash_roles(client):
    RoleFactory(title="Inpatient Coder")
    assertContains(client.get("/roles/"), "Inpatient Coder")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"level": "senior"}, ["Senior Coder"]),
        ({"track": "specialisation"}, ["Oncology Coder"]),
        ({"setting": "outpatient"}, ["Outpatient Coder"]),
        ({"level": "entry", "setting": "inpatient"}, ["Inpatient Coder"]),
        ({"level": "", "track": "", "setting": ""}, None),  # a blank filter matches all
    ],
)
def test_filters_narrow_the_role_list(client, query, expected):
    RoleFactory(title="Inpatient Coder")
    RoleFactory(title="Senior Coder", level=Role.Level.SENIOR)
    RoleFactory(title="Oncology Coder", level=Role.Level.MID, track=Role.Track.SPECIALISATION)
    RoleFactory(title="Outpatient Coder", setting=Role.Setting.OUTPATIENT)

    response = client.get(reverse("roles:role-list"), query)

    all_titles = ["Inpatient Coder", "Outpatient Coder", "Oncology Coder", "Senior Coder"]
    assert role_titles(response) == (expected or all_titles)


def test_an_unknown_filter_value_is_reported_and_ignored(client):
    RoleFactory(title="Inpatient Coder")

    response = client.get("/roles/", {"level": "astronaut"})

    assert response.status_code == 200
    assertContains(response, "Select a valid choice")
    assert role_titles(response) == ["Inpatient Coder"]


def test_the_filter_form_works_without_javascript_and_with_htmx(client):
    response = client.get("/roles/")

    form = response.content.decode()
    assert 'method="get" action="/roles/"' in form
    assert 'hx-get="/roles/"' in form and 'hx-target="#role-results"' in form
    assert 'hx-replace-url="true"' in form  # Back leaves the list, not each filter choice
    assert 'hx-history="false"' in form  # a page met again is rendered from its URL


def test_an_htmx_request_gets_only_the_results(client):
    RoleFactory(title="Inpatient Coder")
    RoleFactory(title="Senior Coder", level=Role.Level.SENIOR)

    response = client.get("/roles/", {"level": "senior"}, **HTMX)

    assertNotContains(response, "<html")
    assertNotContains(response, "Filter roles")
    assertContains(response, "1 role")
    assertContains(response, "Senior Coder")
    assertNotContains(response, "Inpatient Coder")
    assert "HX-Request" in response["Vary"]


def test_an_htmx_history_restore_gets_the_whole_page(client):
    response = client.get("/roles/", HTTP_HX_HISTORY_RESTORE_REQUEST="true", **HTMX)
    assertContains(response, "<html")


def test_a_role_list_that_matches_nothing_says_so(client):
    response = client.get("/roles/", {"level": "director"})
    assertContains(response, "No role matches these filters")


# The role page


def test_the_role_page_describes_the_job(client):
    role = RoleFactory(
        title="Senior Inpatient Coder",
        summary="Codes the complex inpatient cases.",
        responsibilities="Assign ICD-10-CM codes\nQuery physicians",
        environment="Coding department",
        schedule="Day shift",
        productivity="12-15 charts a day",
        accuracy="95% or higher",
        code_sets="ICD-10-CM, ICD-10-PCS, MS-DRG",
        remote=Role.Remote.HYBRID,
    )

    response = client.get(role.get_absolute_url())

    for text in (
        "<h1>Senior Inpatient Coder</h1>",
        "<li>Assign ICD-10-CM codes</li>",  # linked once, in the code sets above
        "<li>Query physicians</li>",
        '<li><a class="term" href="/glossary/#icd-10-pcs">ICD-10-PCS</a></li>',
    ):
        assertContains(response, text, html=True)
    for text in ("Codes the complex inpatient cases.", "Coding department", "Day shift"):
        assertContains(response, text)
    assertContains(response, "12-15 charts a day")
    assertContains(response, "95% or higher")
    assertContains(response, "Hybrid or remote often available")


def test_the_role_page_shows_the_salary_band_with_its_source_and_date(client):
    role = RoleFactory(
        salary_min=52000,
        salary_max=64000,
        salary_source=SourceFactory(title="BLS OOH", as_of=date(2025, 4, 18)),
        outlook="7% growth 2024-34",
        outlook_source=SourceFactory(title="Guide", verified=False),
    )

    response = client.get(role.get_absolute_url())

    assertContains(response, "$52,000 – $64,000")
    assertContains(response, "BLS OOH</a>, as of April 18, 2025")
    assertContains(response, "7% growth 2024-34")
    assertContains(response, '<span class="badge badge--unverified">Unverified</span>', count=3)
    # the outlook's unverified source, again in the sources list, and the footer's legend


def test_the_role_page_says_how_to_get_in_and_where_it_leads(client):
    coder = RoleFactory(title="Inpatient Coder")
    senior = RoleFactory(title="Senior Inpatient Coder", level=Role.Level.SENIOR)
    ccs = CredentialFactory(acronym="CCS", name="Certified Coding Specialist")
    RouteFactory(hire_role=coder, education=EducationLevel.HIGH_SCHOOL, credentials=[ccs])
    move = MoveFactory(from_role=coder, to_role=senior, typical_months=36, note="An estimate.")
    RouteFactory(move=move, experience={"coding": 36})

    coder_page = client.get(coder.get_absolute_url())
    senior_page = client.get(senior.get_absolute_url())

    assertContains(coder_page, "High school diploma + CCS")
    assertContains(coder_page, "Senior Inpatient Coder</a>")
    assertContains(coder_page, "Usually after about 3 years in this role")
    assertContains(coder_page, '(an <a href="/glossary/#estimate">estimate</a>)')
    assertContains(coder_page, "36 months of coding")
    assertContains(
        coder_page,
        '<details class="about-data"><summary>About this data</summary><p>An estimate.</p>'
        "</details>",
        html=True,
    )
    assertContains(senior_page, "Not usually a first job")
    assertContains(senior_page, "Inpatient Coder</a>")
    assertContains(senior_page, "Usually after about 3 years there")


def test_the_role_page_lists_the_credentials_named_in_its_routes(client):
    coder = RoleFactory()
    cca = CredentialFactory(acronym="CCA")
    ccs = CredentialFactory(acronym="CCS")
    CredentialFactory(acronym="CPC")  # named nowhere near this role
    RouteFactory(hire_role=coder, credentials=[cca])
    RouteFactory(move=MoveFactory(from_role=coder), credentials=[ccs])

    response = client.get(coder.get_absolute_url())

    assert [c.acronym for c in response.context["credentials"]] == ["CCA", "CCS"]
    assertContains(response, f'href="{ccs.get_absolute_url()}"')


def test_the_role_page_lists_its_sources(client):
    salary = SourceFactory(title="Salary survey")
    move_source = SourceFactory(title="Career guide")
    role = RoleFactory(salary_min=1, salary_max=2, salary_source=salary)
    MoveFactory(from_role=role, source=move_source)

    response = client.get(role.get_absolute_url())

    assert response.context["sources"] == [move_source, salary]


def test_an_unknown_role_is_404(client):
    assert client.get("/roles/no-such-role/").status_code == 404


# Credentials


def test_the_credential_list_groups_credentials_by_issuer(client):
    CredentialFactory(acronym="CCS", issuer="ahima", scope="inpatient facility coding")
    CredentialFactory(acronym="CPC", issuer="aapc")

    response = client.get(reverse("roles:credential-list"))

    html = response.content.decode()
    html = html[html.index('<nav class="jump"') :]  # after the CCA, CPC and CCS comparison
    assert html.index('<h2 id="issuer-aapc-heading">AAPC</h2>') < html.index(">CPC</a>")
    assert html.index(">CPC</a>") < html.index(">AHIMA</h2>") < html.index(">CCS</a>")
    assertContains(response, "<caption>Credentials issued by AHIMA</caption>", html=True)
    assertContains(response, "inpatient facility coding")


def test_the_credential_page_shows_issuer_exam_and_renewal(client):
    ccs = CredentialFactory(
        acronym="CCS",
        name="Certified Coding Specialist",
        with_exam=True,
        exam_fee_note="$299 for members",
        renewal_cycle_months=24,
        renewal_ceus=20,
        renewal_source=SourceFactory(),
    )

    response = client.get(ccs.get_absolute_url())

    assertContains(response, "Certified Coding Specialist")
    assertContains(response, "AHIMA")
    assertContains(response, "4 hours · 107 questions · $399")
    assertContains(response, "Fees: $299 for members")
    assertContains(response, 'Every 2 years, 20 <a class="term" href="/glossary/#ceu">CEUs</a>.')


def test_required_and_recommended_routes_are_told_apart(client):
    rules = RuleSetFactory(credential__acronym="CCS")
    required_route(rules, education=EducationLevel.HIGH_SCHOOL)
    recommended_route(rules, experience={"coding": 24})

    response = client.get(rules.credential.get_absolute_url())

    html = response.content.decode()
    required = html[html.index("requirement--required") : html.index("requirement--recommended")]
    recommended = html[html.index("requirement--recommended") :]
    assert "Must hold one of" in required and "High school diploma" in required
    assert "24 months" not in required
    assert "Advised: one of" in recommended and "24 months of coding" in recommended
    assert "High school" not in recommended


def test_rule_sets_with_published_dates_are_dated_and_past_ones_folded(client):
    ccs = CredentialFactory(acronym="CCS")
    for year in (2016, 2021, 2099):
        RuleSetFactory(credential=ccs, effective=date(year, 1, 1), effective_published=True)

    response = client.get(ccs.get_absolute_url())

    html = response.content.decode()
    headings = [
        "Rules from January 1, 2099</h3>",
        "Rules from January 1, 2021</h3>",
        "<summary>Earlier rules (1)</summary>",
        "Rules from January 1, 2016 until January 1, 2021</h3>",
    ]
    assert [html.index(heading) for heading in headings] == sorted(
        html.index(heading) for heading in headings
    )
    assertContains(response, "Upcoming")
    assertContains(response, "In force</span>", count=1)


def test_rules_without_a_published_date_say_when_they_were_checked(client):
    cpc = CredentialFactory(acronym="CPC", issuer="aapc")
    RuleSetFactory(credential=cpc, effective=date(2019, 9, 1), note="Quoted in 2019.")
    RuleSetFactory(
        credential=cpc,
        effective=date(2026, 11, 1),
        source=SourceFactory(as_of=date(2026, 11, 27)),
    )

    response = client.get(cpc.get_absolute_url())

    assertContains(response, "Current rules</h3>")
    assertContains(response, "Checked November 27, 2026; AAPC does not publish when these rules")
    assertNotContains(response, "Rules from")
    assertNotContains(response, "November 1, 2026</h3>")
    assertContains(response, "Earlier rules, as quoted in 2019</h3>")
    assertContains(
        response,
        '<details class="about-data"><summary>About this data</summary><p>Quoted in 2019.</p>'
        "</details>",
        html=True,
    )


def test_the_credential_page_marks_unverified_sources(client):
    rules = RuleSetFactory(source=SourceFactory(title="Exam FAQ", verified=False))

    response = client.get(rules.credential.get_absolute_url())

    assertContains(response, "Exam FAQ</a>, as of November 1, 2026 <span")
    assertContains(response, "Unverified</span>", count=3)  # the rule set, sources, footer


def test_an_unknown_credential_is_404(client):
    assert client.get("/credentials/no-such-thing/").status_code == 404


# Query counts: a page costs the same number of queries whatever the catalog's size


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def linked_role(n: int) -> Role:
    """A role with n direct-hire routes, n moves in and n moves out, each naming things."""
    role = RoleFactory(paid=True, outlook="Growing", outlook_source=SourceFactory())
    for _ in range(n):
        credential = CredentialFactory()
        RouteFactory(hire_role=role, credentials=[credential], experience={"coding": 12})
        for move in (MoveFactory(from_role=role), MoveFactory(to_role=role)):
            RouteFactory(move=move, credentials=[credential], experience={"cdi": 12})
    return role


def test_the_role_list_query_count_does_not_grow(client, django_assert_num_queries):
    RoleFactory.create_batch(2)
    small = count_queries(client, "/roles/")
    RoleFactory.create_batch(20, paid=True)
    with django_assert_num_queries(small):
        client.get("/roles/", {"level": "entry"})


def test_the_role_page_query_count_does_not_grow(client, django_assert_num_queries):
    small = count_queries(client, linked_role(1).get_absolute_url())
    big = linked_role(6)
    assert Move.objects.filter(from_role=big).count() == 6
    with django_assert_num_queries(small):
        client.get(big.get_absolute_url())


def test_the_credential_list_query_count_does_not_grow(client, django_assert_num_queries):
    CredentialFactory()
    small = count_queries(client, "/credentials/")
    CredentialFactory.create_batch(10, with_exam=True, issuer="aapc")
    with django_assert_num_queries(small):
        client.get("/credentials/")


def credential_with_rules(n: int):
    credential = CredentialFactory(with_exam=True)
    for year in range(2000, 2000 + n):
        rules = RuleSetFactory(credential=credential, effective=date(year, 1, 1))
        for _ in range(n):
            required_route(rules, credentials=[CredentialFactory()], experience={"coding": 12})
            recommended_route(rules, programs=[], experience={"cdi": 6})
    return credential


def test_the_credential_page_query_count_does_not_grow(client, django_assert_num_queries):
    small = count_queries(client, credential_with_rules(1).get_absolute_url())
    big = credential_with_rules(5)
    with django_assert_num_queries(small):
        client.get(big.get_absolute_url())


def test_a_source_without_a_web_address_is_named_not_linked(client):
    guide = SourceFactory(title="Career guide", url="urn:career-planner:guide")
    role = RoleFactory(salary_min=1, salary_max=2, salary_source=guide)

    response = client.get(role.get_absolute_url())

    assertContains(response, "<cite>Career guide</cite>, as of", count=2)
    assertNotContains(response, 'href="urn:')
