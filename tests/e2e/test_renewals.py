"""The renewals page in Chromium, with JavaScript on (htmx) and off (plain posts).

A person holding the CCS and the CPC, both earned two years ago minus 45 days, logs 12
CEUs that count for both: each cycle shows its totals and "due in 45 days"; send_reminders
sends one email and a second run none; the entry is edited and deleted again. axe runs on
the page and on the edit page.
"""

from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from planner.models import CeuEntry, HeldCredential, Profile
from planner.renewals import add_months
from tests.factories import UserFactory

from .conftest import assert_accessible


@pytest.fixture
def holder(db):
    user = UserFactory()
    profile = Profile.objects.create(user=user, education="high-school")
    earned = add_months(timezone.localdate(), -24) + timedelta(days=45)
    for slug in ("ccs", "cpc"):
        HeldCredential.objects.create(profile=profile, credential=slug, earned=earned)
    return user


def signed_in(browser, live_server, user, *, javascript: bool):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    context.set_default_timeout(10_000)
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    return context, context.new_page()


def row(page, heading):
    return page.get_by_role("row", name=heading)


@pytest.mark.parametrize("javascript", [True, False], ids=["with JavaScript", "without"])
def test_log_edit_and_delete_ceus_and_see_each_cycle(
    browser, live_server, shipped_catalog, holder, javascript
):
    audit = assert_accessible if javascript else (lambda page: None)
    context, page = signed_in(browser, live_server, holder, javascript=javascript)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Renewals").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Renewals and CEUs")
    audit(page)

    form = page.get_by_role("form", name="Log CEUs")
    form.get_by_label("CEUs").fill("0")
    form.get_by_role("button", name="Log CEUs").click()
    expect(page.get_by_text("Give the CEUs as a number above 0").first).to_be_visible()
    assert not CeuEntry.objects.exists()

    form = page.get_by_role("form", name="Log CEUs")
    form.get_by_label("Date").fill((timezone.localdate() - timedelta(days=20)).isoformat())
    form.get_by_label("CEUs").fill("12")
    form.get_by_label("Title").fill("Coding Clinic Q3 webinar")
    form.get_by_label("CCS").check()
    form.get_by_label("CPC").check()
    form.get_by_label("Title").press("Enter")  # by keyboard

    expect(page.get_by_text("Logged 12 CEUs: Coding Clinic Q3 webinar.")).to_be_visible()
    ahima, aapc = row(page, "AHIMA: CCS"), row(page, "AAPC: CPC")
    expect(ahima.get_by_role("cell")).to_contain_text(["20", "12", "8", "0 of 8"])
    expect(aapc.get_by_role("cell")).to_contain_text(["36", "12", "24"])
    for cycle in (ahima, aapc):
        expect(cycle).to_contain_text("due in 45 days")
    audit(page)

    call_command("send_reminders", stdout=StringIO())
    call_command("send_reminders", stdout=StringIO())
    [email] = mail.outbox  # one email for both cycles; the second run sends none
    assert "due in 45 days" in email.body and "24 of 36 CEUs still missing" in email.body

    page.get_by_role("link", name="Edit Coding Clinic Q3 webinar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Edit a CEU entry")
    audit(page)
    page.get_by_label("CEUs").fill("1.1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("quarter hours").first).to_be_visible()
    page.get_by_label("CEUs").fill("20")
    page.get_by_label("given by the issuing body").check()
    page.get_by_role("button", name="Save").click()
    expect(row(page, "AHIMA: CCS")).to_contain_text("CEUs complete")
    expect(row(page, "AAPC: CPC")).to_contain_text("due in 45 days")

    page.get_by_role("button", name="Delete Coding Clinic Q3 webinar").click()
    expect(page.get_by_text("No CEUs logged yet.")).to_be_visible()
    assert not CeuEntry.objects.exists()
    context.close()
