"""The saved plan's roadmap panel and the what-if answer kept in the cache
(planner/views/plans.py `_saved_roadmap`, `_preview_panel`): asked again they are not
drawn again, nobody's token or marks reach another page, and every change a person makes
(a step marked, the plan saved again, the situation, the catalog) gives the new page."""

import html
import re
from datetime import date

import pytest
from django.test import Client

from planner import page_cache
from planner.models import HeldCredential, Plan, StepProgress
from roles.models import Credential

from .roadmap_helpers import CODER, fresh_snapshot, make_plan, person, situation  # noqa: F401


@pytest.fixture
def draws(monkeypatch) -> list[str]:
    """The kinds of fragment drawn (not taken from the cache)."""
    drawn = []
    fragment = page_cache.fragment

    def counted(kind, parts, draw):
        def counted_draw():
            drawn.append(kind)
            return draw()

        return fragment(kind, parts, counted_draw)

    monkeypatch.setattr("planner.page_cache.fragment", counted)
    return drawn


def text(response) -> str:
    return html.unescape(response.content.decode())


def step_tokens(response) -> set[str]:
    """The CSRF tokens of the page's forms."""
    return set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.content.decode()))


def without_tokens(page: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def coder_with_plan(client) -> Plan:
    user = person(client)
    situation(user, **CODER)
    return make_plan(user, target="senior-inpatient-coder", check_credentials=["ccs"])


def test_the_saved_roadmap_asked_again_is_not_drawn_again(client, shipped_catalog, draws):
    plan = coder_with_plan(client)

    first = client.get(plan.get_absolute_url())
    again = client.get(plan.get_absolute_url())

    assert draws == ["plan-roadmap"]
    assert "Mark done" in text(again)
    assert without_tokens(first.context["saved_roadmap"]) == without_tokens(
        again.context["saved_roadmap"]
    )


def test_a_kept_panel_carries_each_session_its_own_working_token(shipped_catalog, draws):
    """The same person in two browsers (two CSRF secrets): the panel drawn for the first
    holds no token the second could not use, and a step form posts from either."""
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    plan = coder_with_plan(first)
    second.force_login(plan.profile.user)

    for browser in (first, second):
        page = browser.get(plan.get_absolute_url())
        tokens = step_tokens(page)
        assert page_cache.CSRF_PLACEHOLDER not in page.content.decode()
        assert tokens and all(len(token) == 64 for token in tokens)
    assert draws == ["plan-roadmap"]

    step = plan.roadmap["steps"][0]
    form = {"csrfmiddlewaretoken": tokens.pop(), "status": "skipped", "on": date.today()}
    response = second.post(f"{plan.get_absolute_url()}steps/{step['key']}/", form)
    assert response.status_code == 302
    assert StepProgress.objects.filter(plan=plan, key=step["key"], status="skipped").exists()


def test_marking_a_step_gives_the_page_with_the_mark(client, shipped_catalog):
    plan = coder_with_plan(client)
    step = plan.roadmap["steps"][0]
    assert "Skipped" not in text(client.get(plan.get_absolute_url()))

    client.post(
        f"{plan.get_absolute_url()}steps/{step['key']}/", {"status": "skipped", "on": date.today()}
    )

    page = text(client.get(plan.get_absolute_url()))
    assert re.search(r"Skipped</span>\s*</p>", page)  # the step's badge, not only the history
    second = plan.roadmap["steps"][1]
    client.post(
        f"{plan.get_absolute_url()}steps/{second['key']}/",
        {"status": "skipped", "on": date.today()},
    )
    history = text(client.get(plan.get_absolute_url())).split("Done so far")[1].split("</ol>")[0]
    assert step["title"] in history and second["title"] in history


def test_two_people_see_only_their_own_marks(shipped_catalog):
    """Two plans alike in everything but their owner and marks: each page shows its own."""
    marker, other = Client(), Client()
    marked, unmarked = coder_with_plan(marker), coder_with_plan(other)
    assert marked.roadmap == unmarked.roadmap
    step = marked.roadmap["steps"][0]
    other.get(unmarked.get_absolute_url())  # the unmarked panel is in the cache first

    marker.post(
        f"{marked.get_absolute_url()}steps/{step['key']}/",
        {"status": "skipped", "on": date.today()},
    )

    assert re.search(r"Skipped</span>\s*</p>", text(marker.get(marked.get_absolute_url())))
    page = other.get(unmarked.get_absolute_url())
    assert "Skipped" not in text(page)
    assert marked.get_absolute_url() not in text(page)
    assert other.get(marked.get_absolute_url()).status_code == 404


def test_saving_the_plan_again_gives_the_new_roadmap(client, shipped_catalog):
    plan = coder_with_plan(client)
    client.get(plan.get_absolute_url())

    client.post(
        f"{plan.get_absolute_url()}save/",
        {"start": "2028-03-01", "readiness": "recommended", "check_credentials": "ccs"},
    )

    page = client.get(plan.get_absolute_url())
    plan.refresh_from_db()
    assert plan.start == date(2028, 3, 1)
    assert "from March 1, 2028" in text(page)


def test_a_catalog_edit_gives_the_new_panel(client, shipped_catalog):
    plan = coder_with_plan(client)
    assert "Certified Coding Specialist" in text(client.get(plan.get_absolute_url()))
    credential = Credential.objects.get(slug="ccs")
    credential.name = "Certified Coding Specialist (renamed)"
    credential.save()  # as the admin saves it: the catalog version moves

    page = text(client.get(plan.get_absolute_url()))

    assert "Certified Coding Specialist (renamed)" in page


def test_a_what_if_answer_follows_the_situation(client, shipped_catalog, draws):
    plan = coder_with_plan(client)
    whatif = {
        "start": plan.start.isoformat(),
        "readiness": "recommended",
        "check_credentials": "ccs",
    }
    url = f"{plan.get_absolute_url()}preview/"
    first = text(client.post(url, whatif, HTTP_HX_REQUEST="true"))
    assert text(client.post(url, whatif, HTTP_HX_REQUEST="true")) == first
    assert draws == ["plan-preview"]

    # The person gains the CCS: the same options now plan from a different situation.
    HeldCredential.objects.create(profile=plan.profile, credential="ccs", earned=date(2025, 9, 1))
    again = text(client.post(url, whatif, HTTP_HX_REQUEST="true"))

    assert draws == ["plan-preview", "plan-preview"]
    assert again != first


def test_the_what_if_partial_and_the_whole_page_both_answer(client, shipped_catalog):
    plan = coder_with_plan(client)
    whatif = {"start": "2028-03-01", "readiness": "recommended", "check_credentials": "ccs"}
    url = f"{plan.get_absolute_url()}preview/"

    partial = text(client.post(url, whatif, HTTP_HX_REQUEST="true"))
    page = text(client.post(url, whatif))

    for answer in (partial, page):
        assert "Preview, not saved" in answer and "from March 1, 2028" in answer
    assert partial.lstrip().startswith('<div id="roadmap-panel"')
    assert "<html" not in partial and "<html" in page
    assert "Done so far" not in partial
