"""The comparison page: a column a path, a chart with its table, a shareable address."""

import re
from datetime import date
from urllib.parse import urlencode

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from planner.compare import PathSpec
from planner.models import Plan, Profile
from planner.public_forms import path_query, situation_query
from planner.requests import roadmap_document
from planner.snapshot import current_catalog
from tests.factories import MoveFactory, RoleFactory, RouteFactory, SourceFactory, UserFactory

pytestmark = pytest.mark.django_db
START = date(2027, 1, 1)
SITUATION = {"education": "high-school", "credentials": [], "experience": {}, "role": None}


def compare_url(*specs: PathSpec, situation=SITUATION) -> str:
    pairs = situation_query(situation, START)
    for number, spec in enumerate(specs, start=1):
        pairs += path_query(spec, f"p{number}")
    return "/compare/?" + urlencode(pairs + [("compare", "1")])


def side_by_side(html: str) -> str:
    return html[html.index('<section aria-labelledby="side-heading">') : html.index("</table>")]


def expected_finish(spec: PathSpec) -> str:
    doc = roadmap_document(
        current_catalog(), spec.request({**SITUATION, "start": START.isoformat()}), today=START
    )
    return f"{date.fromisoformat(doc['finish']):%B %Y} ({doc['months']} months)"


def test_each_path_is_a_column_with_the_engines_finish(client, shipped_catalog):
    manager, revenue = PathSpec("role:him-manager"), PathSpec("role:revenue-cycle-manager")

    response = client.get(compare_url(manager, revenue))

    table = side_by_side(response.content.decode())
    assert "Path 1" in table and "Path 2" in table
    assert "HIM Manager" in table and "Revenue Cycle Manager" in table
    assert expected_finish(manager) in table
    assert expected_finish(revenue) in table
    assertContains(response, "Pay in a role starts at the low end of the role")


def test_the_chart_plots_the_numbers_of_its_table(client, shipped_catalog):
    response = client.get(
        compare_url(PathSpec("role:senior-inpatient-coder"), PathSpec("role:medical-auditor"))
    )

    html = response.content.decode()
    comparison = response.context["comparison"]
    table = html[html.index('<table class="chart-table">') :]
    rows = re.findall(r'<th scope="row">(\d+)</th>((?:<td>[^<]*</td>)+)', table)
    cells = {int(year): re.findall(r"<td>([^<]*)</td>", row) for year, row in rows}
    plotted = re.findall(
        r'data-path="(\d)"|data-year="(\d+)" data-value="(-?\d+)"', html[: html.index(table)]
    )
    points, path = [], None
    for number, year, value in plotted:
        if number:
            path = int(number)
        else:
            points.append((path, int(year), int(value)))
    assert len(points) >= 10  # at least one whole line
    for path, year, value in points:
        assert cells[year][path - 1] == f"${value:,}"
        assert comparison.columns[path - 1].earnings.cumulative_at_year(year) == value


def test_the_address_alone_gives_the_same_comparison(shipped_catalog):
    url = compare_url(PathSpec("role:him-manager"), PathSpec("role:coding-supervisor"))
    first, fresh = Client(), Client()
    first.get("/plan/?education=master&target=role:him-director")  # a different situation

    mine = first.get(url).content.decode()
    theirs = fresh.get(url).content.decode()

    assert side_by_side(mine) == side_by_side(theirs)
    assertContains(fresh.get(url), f'href="http://testserver{url.replace("&", "&amp;")}"')


def test_a_path_the_engine_refuses_is_a_message_not_an_error(client, shipped_catalog):
    refused = PathSpec(
        "role:inpatient-coder", via=("program:coding-certificate",), avoid=("coding-certificate",)
    )

    response = client.get(compare_url(PathSpec("role:inpatient-coder"), refused))

    assert response.status_code == 200
    assertContains(response, "This path cannot be planned:")


def test_one_path_is_not_a_comparison(client, shipped_catalog):
    response = client.get(compare_url(PathSpec("role:him-manager")))

    assert response.context["comparison"] is None
    assertContains(response, "Choose a target for at least two paths")


def test_the_form_starts_from_the_situation_given_before(client, shipped_catalog):
    client.get("/plan/?education=associate&credentials=rhit&target=role:him-manager")

    response = client.get("/compare/")

    form = response.context["situation_form"]
    assert form["education"].value() == "associate"
    assert form["credentials"].value() == ["rhit"]


def paid_role(title: str, **kwargs):
    role = RoleFactory(title=title, paid=True, **kwargs)
    RouteFactory(hire_role=role)  # anyone can be hired
    return role


def test_unverified_and_unknown_figures_are_marked(client):
    paid_role("Clerk", salary_source=SourceFactory(verified=False))
    no_band = RoleFactory(title="Biller")
    RouteFactory(hire_role=no_band)

    response = client.get(compare_url(PathSpec("role:clerk"), PathSpec("role:biller")))

    html = side_by_side(response.content.decode())
    assert "a year" in html and "badge--unverified" in html
    rows = {row["label"]: row["cells"] for row in response.context["rows"]}
    clerk, biller = rows["Salary in year 1"]
    assert clerk["unverified"] and clerk["text"].endswith("a year")
    assert biller == {"text": "Unknown (no salary band for this role)", "unverified": False}
    assert rows["Earned over 10 years, net of known costs"][1]["text"] == "Unknown"


def test_a_four_path_comparison_stays_within_ten_queries_whatever_the_catalog_size(
    django_assert_max_num_queries,
):
    def four_paths() -> str:
        return compare_url(*(PathSpec(f"role:{role.slug}") for role in tops))

    entry = paid_role("Coder")
    tops = [paid_role(f"Lead {n}", level="lead") for n in range(4)]
    for top in tops:
        MoveFactory(from_role=entry, to_role=top)
    current_catalog()  # the snapshot is built once per catalog version, not per request
    with django_assert_max_num_queries(10) as small:
        assert Client().get(four_paths()).status_code == 200

    for n in range(60):
        MoveFactory(from_role=entry, to_role=paid_role(f"Other {n}", level="mid"))
    current_catalog()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert Client().get(four_paths()).status_code == 200


def test_each_column_links_to_the_map_of_the_same_path(client, shipped_catalog):
    required_only = PathSpec("role:senior-inpatient-coder", readiness="required")
    via_cca = PathSpec("role:senior-inpatient-coder", via=("credential:cca",))

    response = client.get(compare_url(required_only, via_cca))

    for column in response.context["comparison"].columns:
        assert client.get(column.map_url).context["roadmap"] == column.roadmap


def test_a_signed_in_person_saves_a_column_as_a_plan_of_their_own(client, shipped_catalog):
    user = UserFactory()
    Profile.objects.create(user=user, education="high-school")
    client.force_login(user)
    via_cca = PathSpec("role:senior-inpatient-coder", via=("credential:cca",), readiness="required")
    page = client.get(compare_url(PathSpec("role:medical-auditor"), via_cca))
    column = page.context["comparison"].columns[1]
    assertContains(page, "Save path 2 as a plan")

    response = client.post("/plans/new/", dict_of_lists(column.save_fields))

    plan = Plan.objects.get(profile__user=user)
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    assert (plan.target_kind, plan.target) == ("role", "senior-inpatient-coder")
    assert plan.via == ["credential:cca"] and plan.readiness == "required"
    assert plan.start == START


def test_signed_out_people_are_not_offered_to_save_a_column(client, shipped_catalog):
    page = client.get(
        compare_url(PathSpec("role:medical-auditor"), PathSpec("role:senior-inpatient-coder"))
    )
    assert "as a plan" not in page.content.decode()


def dict_of_lists(pairs):
    data = {}
    for name, value in pairs:
        data.setdefault(name, []).append(value)
    return data
