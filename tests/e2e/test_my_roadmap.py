"""The signed-in journey in Chromium, as a new user goes, with JavaScript on and off.

sign up -> my situation (one dated coding job and the CCA) -> a plan to Coding Supervisor
-> the dated steps and the CCS eligibility panel -> a what-if that moves the finish, seen
before saving -> save -> mark the first step done -> the catalog changes and the plan says
so -> download my data -> delete the account. axe runs on every page on the way.
"""

import json
import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import expect

from planner import snapshot
from planner.models import Plan
from planner.planning import compare, compute
from roles.models import RouteExperience

from .conftest import assert_accessible

PASSWORD = "a long pass phrase 42"


@pytest.fixture(autouse=True)
def fresh_snapshot():
    snapshot._snapshot = None
    yield
    snapshot._snapshot = None


def long_date(iso: str) -> str:
    """'2033-06-27' as the pages write it: 'June 27, 2033'."""
    day = timezone.datetime.fromisoformat(iso).date()
    return f"{day:%B} {day.day}, {day.year}"


def no_audit(page):
    """axe runs in the page's JavaScript: with JavaScript off there is none to run it.
    The pages are the same templates; the run with JavaScript on audits every one."""


def nav(page, name):
    return page.get_by_role("navigation", name="Main").get_by_role("link", name=name)


def sign_up(page, email, audit=assert_accessible):
    page.goto("/")
    nav(page, "Sign in").click()
    audit(page)
    page.get_by_role("link", name="sign up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign Up")
    audit(page)
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^Password:?$")).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My plans")
    audit(page)


def enter_situation(page, audit=assert_accessible):
    nav(page, "My situation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My situation")
    audit(page)
    page.get_by_label("Highest education").select_option(label="High school diploma or equivalent")
    job = page.get_by_role("group", name="Position 1")
    job.get_by_label("Role", exact=True).select_option(label="Inpatient Coder")
    job.get_by_label("Started").fill("2024-06-01")
    credential = page.get_by_role("group", name="Credential 1")
    credential.get_by_label("Credential", exact=True).select_option(value="cca")
    credential.get_by_label("Earned on").fill("2025-03-01")
    page.get_by_role("button", name="Save my situation", exact=True).last.click()
    expect(page.get_by_role("status")).to_contain_text("Your situation is saved.")
    expect(page.get_by_text("The planner uses your positions below")).to_be_visible()
    audit(page)


def create_plan(page, audit=assert_accessible):
    nav(page, "My plans").click()
    page.get_by_role("link", name="New plan").click()
    audit(page)
    page.get_by_label("Where do you want to get to?").select_option(label="Coding Supervisor")
    page.get_by_text("More options").click()
    page.get_by_label("Also check eligibility for").select_option(value="ccs")
    page.get_by_role("button", name="Make the plan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coding Supervisor")
    return Plan.objects.get()


def see_the_roadmap(page, plan, audit=assert_accessible):
    roadmap = page.get_by_role("region", name=re.compile("^Roadmap to Coding Supervisor"))
    first = plan.roadmap["steps"][0]
    expect(page.get_by_role("heading", name=f"Next step: {first['title']}")).to_be_visible()
    steps = page.get_by_role("list", name="The steps").get_by_role("listitem")
    expect(steps).to_have_count(len(plan.roadmap["steps"]))
    expect(roadmap.locator(".roadmap__finish")).to_have_text(long_date(plan.roadmap["finish"]))
    expect(page.get_by_role("img", name="Timeline of the roadmap")).to_be_visible()
    ccs = (
        page.get_by_role("region", name="Eligibility")
        .get_by_role("listitem")
        .filter(has_text="Certified Coding Specialist")
    )
    expect(ccs).to_contain_text("Required to sit")
    expect(ccs).to_contain_text("Recommended readiness")
    expect(ccs).to_contain_text("Rules in force from")
    audit(page)


def what_if(page, plan, *, javascript, audit=assert_accessible):
    """Suppose I had the RHIA: an RHIA with three years of inpatient coding is hired as a
    supervisor, so the finish moves before anything is saved."""
    options = plan.options() | {"suppose": ["rhia"]}
    expected = compute(plan.request_data(plan.profile, options))
    assert expected.roadmap["finish"] != plan.roadmap["finish"], "the option must move the finish"
    page.locator("#whatif").get_by_text("More options").click()
    page.get_by_label("Suppose I had").select_option(value="rhia")
    if not javascript:
        page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview, not saved")
    expect(preview).to_contain_text(expected.roadmap["finish"])
    expect(preview).to_contain_text(compare(plan.roadmap, expected.roadmap).months_words)
    plan.refresh_from_db()
    assert plan.suppose == [], "a preview saves nothing"
    audit(page)
    preview.get_by_role("button", name="Save these options").click()
    expect(page.get_by_role("status")).to_contain_text("Plan saved with the new options.")
    plan.refresh_from_db()
    assert plan.suppose == ["rhia"] and plan.roadmap == expected.roadmap
    expect(page.locator(".roadmap__finish")).to_have_text(long_date(plan.roadmap["finish"]))


def mark_first_step_done(page, plan, audit=assert_accessible):
    first = plan.roadmap["steps"][0]
    name = re.compile(rf"^Mark done\W+{re.escape(first['title'])}$")
    page.get_by_role("button", name=name).click()
    expect(page.get_by_role("status")).to_contain_text(f"“{first['title']}” marked done.")
    history = page.get_by_role("region", name="Done so far")
    expect(history).to_contain_text(first["title"])
    plan.refresh_from_db()
    assert plan.start == timezone.localdate(), "re-planned from today"
    assert plan.progress.get().key == first["key"]
    audit(page)


def the_catalog_changes(page, plan, audit=assert_accessible):
    """An admin raises the inpatient years an RHIA needs to be hired as a supervisor."""
    for term in RouteExperience.objects.filter(
        route__hire_role__slug="coding-supervisor", route__credentials__slug="rhia"
    ):
        term.months += 12
        term.save()
    now = compute(plan.request_data(plan.profile)).roadmap
    assert compare(plan.roadmap, now).any
    page.reload()
    notice = page.get_by_role("region", name="The catalog has changed since you saved this plan")
    expect(notice).to_contain_text(plan.roadmap["finish"])
    expect(notice).to_contain_text(now["finish"])
    audit(page)
    notice.get_by_role("button", name="Accept the new roadmap").click()
    expect(page.get_by_role("status")).to_contain_text("The plan now follows the new roadmap.")
    plan.refresh_from_db()
    assert plan.roadmap == now


def download_and_delete(page, email, audit=assert_accessible):
    nav(page, "Account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My account")
    audit(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download my data").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["account"]["email"] == email
    assert data["situation"]["credentials"][0]["credential"] == "cca"
    assert data["plans"][0]["progress"]
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Your account and everything in it are deleted."
    )
    assert not get_user_model().objects.filter(email=email).exists()
    assert not Plan.objects.exists()
    audit(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no javascript"])
def test_the_whole_journey(browser, live_server, shipped_catalog, javascript):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(15_000)
    page = context.new_page()
    email = "coder@example.org"

    audit = assert_accessible if javascript else no_audit
    sign_up(page, email, audit)
    enter_situation(page, audit)
    plan = create_plan(page, audit)
    see_the_roadmap(page, plan, audit)
    what_if(page, plan, javascript=javascript, audit=audit)
    mark_first_step_done(page, plan, audit)
    the_catalog_changes(page, plan, audit)
    download_and_delete(page, email, audit)
    context.close()


def test_the_live_preview_replaces_only_the_roadmap_panel(browser, live_server, shipped_catalog):
    context = browser.new_context(base_url=live_server.url)
    page = context.new_page()
    sign_up(page, "quick@example.org")
    enter_situation(page)
    plan = create_plan(page)
    page.evaluate("window.sameDocument = true")
    page.get_by_label("As soon as the hard requirements allow").check()
    expect(page.get_by_role("region", name="Preview, not saved")).to_be_visible()
    assert page.evaluate("window.sameDocument"), "htmx swapped the panel; no page load"
    page.get_by_role("link", name="Discard").click()
    expect(page.get_by_role("region", name="Preview, not saved")).to_have_count(0)
    plan.refresh_from_db()
    assert plan.readiness == "recommended"
    context.close()


@pytest.mark.parametrize(
    "path", ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]
)
def test_the_account_pages_use_the_site_layout_and_pass_axe(page, db, path):
    page.goto(path)
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    assert_accessible(page)


def test_situation_errors_are_summarised_linked_and_pass_axe(page, shipped_catalog):
    sign_up(page, "errors@example.org")
    nav(page, "My situation").click()
    job = page.get_by_role("group", name="Position 1")
    job.get_by_label("Role", exact=True).select_option(label="Inpatient Coder")
    job.get_by_label("Started").fill("2024-06-01")
    job.get_by_label("Ended").fill("2023-01-01")
    page.get_by_role("button", name="Save my situation", exact=True).last.click()

    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Position 1, Ended: The end is before the start.")
    expect(page.get_by_role("group", name="Position 1").get_by_label("Started")).to_have_value(
        "2024-06-01"
    )
    assert_accessible(page)
    summary.get_by_role("link").first.click()
    expect(page.get_by_role("group", name="Position 1").get_by_label("Ended")).to_be_focused()


def test_adding_a_row_without_javascript_keeps_what_was_typed(
    browser, live_server, shipped_catalog
):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_up(page, "rows@example.org", no_audit)
    nav(page, "My situation").click()
    first = page.get_by_role("group", name="Position 1")
    first.get_by_label("Role", exact=True).select_option(label="Medical Coder")
    first.get_by_label("Started").fill("2021-02-01")
    first.get_by_label("Ended").fill("2023-03-01")
    page.get_by_role("button", name="Add a position").click()

    second = page.get_by_role("group", name="Position 2")
    expect(second.get_by_label("Role", exact=True)).to_have_value("")
    expect(first.get_by_label("Started")).to_have_value("2021-02-01")
    second.get_by_label("Role", exact=True).select_option(label="Inpatient Coder")
    second.get_by_label("Started").fill("2023-03-01")
    page.get_by_role("button", name="Save my situation", exact=True).last.click()
    expect(page.get_by_role("status")).to_contain_text("Your situation is saved.")
    user = get_user_model().objects.get(email="rows@example.org")
    assert [p.role for p in user.profile.positions.all()] == ["medical-coder", "inpatient-coder"]
    context.close()
