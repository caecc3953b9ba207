"""The public catalog pages in a real browser, on the shipped dataset."""

import pytest
from playwright.sync_api import expect

from roles.models import Credential, Role

from .conftest import assert_accessible


@pytest.mark.parametrize(
    "path",
    ["/roles/", "/roles/senior-inpatient-coder/", "/credentials/", "/credentials/ccs/"],
    ids=["role list", "role detail", "credential list", "credential detail"],
)
def test_each_kind_of_public_page_passes_axe(page, shipped_catalog, path):
    page.goto(path)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_every_role_and_credential_page_passes_axe(page, shipped_catalog):
    paths = [role.get_absolute_url() for role in Role.objects.all()]
    paths += [credential.get_absolute_url() for credential in Credential.objects.all()]
    assert len(paths) == len(shipped_catalog["roles"]) + len(shipped_catalog["credentials"])
    for path in paths:
        assert page.goto(path).ok, path
        assert_accessible(page)


def test_filtering_by_keyboard_updates_the_results_in_place_and_the_url(page, shipped_catalog):
    page.goto("/roles/")
    page.evaluate("window.notReloaded = true")
    seniors = Role.objects.filter(level=Role.Level.SENIOR).count()

    page.keyboard.press("Tab")  # the skip link first
    level = page.get_by_label("Career stage")
    while not level.evaluate("element => element === document.activeElement"):
        page.keyboard.press("Tab")
    page.keyboard.type("Senior")  # a closed select picks the option by typing its name
    page.keyboard.press("Tab")

    expect(page).to_have_url("/roles/?level=senior&track=&setting=")
    results = page.locator("#role-results")
    expect(page.get_by_role("status")).to_have_text(f"{seniors} roles")
    expect(results.locator(".card")).to_have_count(seniors)
    for tag in results.locator(".card .tag").all_inner_texts():
        assert tag == "Senior"
    assert page.evaluate("window.notReloaded"), "htmx swapped the results; no page load"
    assert_accessible(page)


def test_the_filter_works_without_javascript(browser, live_server, shipped_catalog):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/roles/")

    page.get_by_label("Kind of role").select_option(label="Specialization")
    page.get_by_role("button", name="Show roles").click()

    expect(page).to_have_url("/roles/?level=&track=specialisation&setting=")
    specialisations = Role.objects.filter(track=Role.Track.SPECIALISATION).count()
    expect(page.locator(".card")).to_have_count(specialisations)
    context.close()


def test_the_role_page_links_the_ways_in_and_out_and_the_credentials(page, shipped_catalog):
    page.goto("/roles/senior-inpatient-coder/")

    ways_in = page.get_by_role("region", name="How to get in")
    expect(ways_in.get_by_role("link", name="Inpatient Coder", exact=True)).to_be_visible()
    leads = page.get_by_role("region", name="Where it leads")
    expect(leads.get_by_role("link", name="Lead Coder / Coding Auditor")).to_be_visible()
    credentials = page.get_by_role("region", name="Credentials that matter")
    credentials.get_by_role("link", name="CCS", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("CCS")
    required = page.locator(".requirement--required").first
    expect(required).to_contain_text("Must hold one of")
    expect(page.locator(".requirement--recommended").first).to_contain_text("Advised: one of")
