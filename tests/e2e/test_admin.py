"""An HIM educator edits the catalog in the admin and sees the change on the public site."""

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible

PASSWORD = "a long educator passphrase"


@pytest.fixture
def signed_in(page, django_user_model):
    """A superuser, signed in through the admin's own login form."""
    django_user_model.objects.create_superuser("educator", "educator@example.org", PASSWORD)
    page.goto("/admin/")
    page.get_by_label("Username").fill("educator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Edit the career catalog")).to_be_visible()
    return page


def open_role_in_admin(page, title: str) -> None:
    page.get_by_role("main").get_by_role("link", name="Roles", exact=True).click()
    page.get_by_role("link", name=title, exact=True).click()
    expect(page.get_by_role("heading", name="Change role")).to_be_visible()


def test_a_new_salary_band_shows_on_the_public_role_page(signed_in, shipped_catalog):
    page = signed_in
    open_role_in_admin(page, "Senior Inpatient Coder")

    page.get_by_label("Salary from (USD a year)").fill("70000")
    page.get_by_label("Salary to (USD a year)").fill("84000")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.goto("/roles/senior-inpatient-coder/")
    expect(page.locator(".salary")).to_have_text("$70,000 – $84,000")
    assert_accessible(page)


def test_a_band_with_the_lowest_above_the_highest_is_refused_with_a_form_error(
    signed_in, shipped_catalog
):
    page = signed_in
    open_role_in_admin(page, "Senior Inpatient Coder")
    before = page.get_by_label("Salary to (USD a year)").input_value()

    page.get_by_label("Salary from (USD a year)").fill("90000")
    page.get_by_label("Salary to (USD a year)").fill("50000")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".errornote")).to_contain_text("Please correct the error")
    expect(page.locator(".errorlist")).to_contain_text(
        "The lowest salary is higher than the highest."
    )
    page.goto("/roles/senior-inpatient-coder/")
    expect(page.locator(".salary")).to_contain_text(f"${int(before):,}")
