"""Every page under the Content-Security-Policy: Chromium reports no violation.

The pages come from the register in tests/pages.py: add a page there and it is walked
here. A violation is what Chromium prints to the console when the policy blocks something
(an inline script or style, an on* handler, a style htmx injects, a resource elsewhere).
"""

import re

import pytest
from playwright.sync_api import expect

from tests.pages import PUBLIC_PAGES, SIGNED_IN_PAGES, STAFF_PAGES, resolve

PASSWORD = "a long staff passphrase"


def watch_for_violations(page) -> list[str]:
    """Console lines about the Content-Security-Policy, and uncaught script errors."""
    problems: list[str] = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and problems.append(message.text),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    return problems


def test_the_pages_are_served_with_a_policy_without_unsafe_inline(page, shipped_catalog):
    response = page.goto("/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_a_violation_is_caught_by_this_harness(page, shipped_catalog):
    """The console check can fail: an inline style added to a served page is reported."""
    problems = watch_for_violations(page)
    page.goto("/credentials/")
    page.evaluate("document.head.insertAdjacentHTML('beforeend', '<style>body{color:red}</style>')")
    expect(page.locator("body")).not_to_have_css("color", "rgb(255, 0, 0)")
    assert any("style-src" in problem for problem in problems)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_a_public_page_has_no_csp_violation(page, shipped_catalog, name):
    problems = watch_for_violations(page)

    page.goto(resolve(PUBLIC_PAGES[name]))
    page.wait_for_load_state("networkidle")

    assert problems == []


def test_the_role_filters_update_by_htmx_without_a_csp_violation(page, shipped_catalog):
    problems = watch_for_violations(page)
    page.goto("/roles/")
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False

    with page.expect_response(lambda response: response.request.headers.get("hx-request")):
        page.get_by_label("Career stage").select_option("senior")
    expect(page).to_have_url(re.compile(r"\?level=senior"))

    assert page.locator("style").count() == 0, "htmx injected no <style> element"
    assert problems == []


@pytest.fixture
def staff_page(page, django_user_model):
    django_user_model.objects.create_superuser("staff", "staff@example.org", PASSWORD)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("staff")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Edit the career catalog")).to_be_visible()
    return page


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_a_staff_page_has_no_csp_violation(staff_page, shipped_catalog, name):
    problems = watch_for_violations(staff_page)

    staff_page.goto(resolve(STAFF_PAGES[name]))
    staff_page.wait_for_load_state("networkidle")

    assert problems == []


@pytest.fixture
def person():
    from tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def signed_in_page(page, person, live_server):
    """A browser signed in as `person` (a session made by Django, its cookie handed over)."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(person)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page.goto("/admin/login/")  # the admin tells a signed-in non-staff person who they are
    expect(page.get_by_text(f"You are authenticated as {person.username}")).to_be_visible()
    return page


@pytest.mark.parametrize("name", SIGNED_IN_PAGES)
def test_a_signed_in_page_has_no_csp_violation(signed_in_page, person, shipped_catalog, name):
    problems = watch_for_violations(signed_in_page)

    response = signed_in_page.goto(resolve(SIGNED_IN_PAGES[name], person))
    signed_in_page.wait_for_load_state("networkidle")

    assert response.status == 200
    assert problems == []
