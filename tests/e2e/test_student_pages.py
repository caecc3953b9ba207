"""Issue 11 in a real browser, on the shipped dataset: what a student sees and does."""

import pytest
from playwright.sync_api import expect

from roles.models import Role

from .conftest import assert_accessible

PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}


def page_overflow(page) -> int:
    """How many pixels the page is wider than the window (0 when nothing sticks out)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280px", "390px"])
@pytest.mark.parametrize(
    "path",
    [
        "/roles/",
        "/roles/him-manager/",
        "/credentials/",
        "/credentials/cpc/",
        "/credentials/ccs/",
        "/programs/",
        "/glossary/",
        "/no-such-page/",
    ],
)
def test_the_pages_pass_axe_and_fit_the_screen(page, shipped_catalog, path, size):
    page.set_viewport_size(size)
    page.goto(path)

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert page_overflow(page) <= 0
    assert_accessible(page)


def test_the_cpc_page_shows_its_exam_with_the_apprentice_stage(page, shipped_catalog):
    page.goto("/credentials/cpc/")

    facts = page.get_by_role("complementary", name="At a glance")
    expect(facts.get_by_text("The CPC exam", exact=True)).to_be_visible()
    expect(facts).to_contain_text("4 hours · 100 questions")
    facts.get_by_role("link", name="CPC-A").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CPC-A")
    expect(page.get_by_text("Passing it is the first stage of the CPC")).to_be_visible()


def test_past_rules_and_editor_notes_are_folded_away(page, shipped_catalog):
    page.goto("/credentials/cpc/")

    expect(page.get_by_role("heading", name="Current rules")).to_be_visible()
    earlier = page.get_by_text("Earlier rules (1)")
    expect(page.get_by_role("heading", name="Earlier rules, as quoted in 2019")).to_be_hidden()
    earlier.click()
    expect(page.get_by_role("heading", name="Earlier rules, as quoted in 2019")).to_be_visible()
    note = page.locator(".rule-set").first.locator(".about-data p")
    expect(note).to_be_hidden()
    page.locator(".rule-set").first.get_by_text("About this data").click()
    expect(note).to_be_visible()


def test_back_keeps_the_filters_and_the_results_in_step(page, shipped_catalog):
    entry = Role.objects.filter(level=Role.Level.ENTRY).count()
    page.goto("/credentials/")
    page.goto("/roles/")
    page.get_by_label("Career stage").select_option(label="Entry")
    expect(page).to_have_url("/roles/?level=entry&track=&setting=")
    expect(page.get_by_role("status")).to_have_text(f"{entry} roles")

    page.locator("#role-results .card a").first.click()
    expect(page.get_by_role("heading", level=1)).not_to_have_text("Roles")
    page.go_back()

    expect(page).to_have_url("/roles/?level=entry&track=&setting=")
    expect(page.get_by_label("Career stage")).to_have_value("entry")
    expect(page.get_by_role("status")).to_have_text(f"{entry} roles")
    page.go_back()  # the filter choice replaced the URL: Back leaves the list
    expect(page).to_have_url("/credentials/")


def test_arrow_keys_in_a_filter_send_one_request_not_one_per_key(page, shipped_catalog):
    page.goto("/roles/")
    requests = []
    page.on(
        "request", lambda request: requests.append(request.url) if "level=" in request.url else None
    )

    page.get_by_label("Career stage").focus()
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    expected = page.get_by_label("Career stage").input_value()
    with page.expect_response(lambda response: f"level={expected}" in response.url):
        pass

    expect(page.get_by_role("status")).to_have_text(
        f"{Role.objects.filter(level=expected).count()} roles"
    )
    assert len(requests) == 1, requests


def test_the_credentials_tables_stack_as_cards_on_a_phone(page, shipped_catalog):
    page.set_viewport_size(PHONE)
    page.goto("/credentials/")

    first = page.locator(".credentials-table tbody tr").first
    exam, renewal = (
        first.locator('td[data-label="Exam"]'),
        first.locator('td[data-label="Renewal"]'),
    )
    for cell in (exam, renewal):
        expect(cell).to_be_visible()
        box = cell.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page_overflow(page) <= 0


def test_role_cards_fit_a_320px_screen(page, shipped_catalog):
    page.set_viewport_size(SMALL_PHONE)
    page.goto("/roles/")

    card = page.locator(".card").first
    box = card.bounding_box()
    assert box["x"] + box["width"] <= SMALL_PHONE["width"]
    assert page_overflow(page) <= 0


def test_at_a_glance_is_first_in_focus_order_and_drawn_first(page, shipped_catalog):
    page.set_viewport_size(DESKTOP)
    page.goto("/roles/inpatient-coder/")

    facts = page.get_by_role("complementary", name="At a glance").bounding_box()
    main = page.locator(".main-col").bounding_box()
    assert facts["x"] < main["x"], "drawn on the left, as it comes first in the source"


def test_the_404_page_offers_the_sites_navigation(page, shipped_catalog):
    response = page.goto("/roles/no-such-role/")

    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("We cannot find that page")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Admin")).to_have_count(0)
    nav.get_by_role("link", name="Credentials").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Credentials")


def test_a_glossary_term_is_linked_from_a_role_page(page, shipped_catalog):
    page.goto("/roles/inpatient-coder/")

    page.get_by_role("link", name="MS-DRG").first.click()

    expect(page).to_have_url("/glossary/#ms-drg")
    expect(page.locator("#ms-drg")).to_contain_text("Medicare Severity Diagnosis Related Group")


def test_a_role_route_reads_as_a_sentence_then_a_list(page, shipped_catalog):
    page.goto("/roles/inpatient-coder/")

    routes = page.get_by_role("region", name="How to get in").locator(".route")
    expect(routes.first.locator(".route__sentence")).to_be_visible()
    expect(routes.first.get_by_role("list", name="All of these")).to_be_visible()


def test_a_role_shows_the_bls_median_beside_its_band(page, shipped_catalog):
    page.goto("/roles/inpatient-coder/")

    facts = page.get_by_role("complementary", name="At a glance")
    expect(facts.locator(".salary")).to_be_visible()
    expect(facts.locator(".median-pay")).to_have_text("$50,250")
    expect(facts).to_contain_text("(2024 wages)")
