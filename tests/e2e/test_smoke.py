"""A first walk through the site: it loads, links up, and the browser reports no errors."""

from playwright.sync_api import expect

from .conftest import assert_accessible


def test_a_visitor_walks_from_the_home_page_to_a_credential(page, shipped_catalog):
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("console", lambda message: message.type == "error" and problems.append(message.text))

    page.goto("/")
    assert page.evaluate("typeof htmx") == "object", "htmx is served by {% htmx_script %}"
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Roles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Roles")
    page.get_by_role("link", name="Inpatient Coder", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inpatient Coder")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Credentials").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Credentials")
    page.get_by_role("link", name="RHIT", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("RHIT")

    assert problems == []


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page, shipped_catalog):
    page.goto("/credentials/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")

    expect(page.locator("main")).to_be_focused()
    assert_accessible(page)
