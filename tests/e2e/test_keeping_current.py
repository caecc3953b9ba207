"""Issue 12 end to end, as one person lives it in Chromium: a coder holding the CCS and
the CPC, both earned two years ago minus 45 days, logs 12 CEUs that count for both, sees
each cycle due in 45 days, gets one reminder email however often cron runs, takes the
renewal deadline into a calendar, shares the roadmap with an adviser (without the CEU log)
and turns the link off, and prints the roadmap.
"""

from datetime import timedelta
from io import StringIO
from pathlib import Path

import icalendar
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from planner.models import Plan

from ..planner.roadmap_helpers import make_plan
from .conftest import assert_accessible
from .test_renewals import holder, row, signed_in  # noqa: F401  (fixture)
from .test_sharing import assert_steps_printed, make_address, printed

TITLE = "Coding Clinic Q3 webinar"


def test_a_coder_keeps_ccs_and_cpc_current_and_takes_the_plan_out(
    browser,
    live_server,
    shipped_catalog,
    holder,  # noqa: F811
):
    plan: Plan = make_plan(holder, target="senior-inpatient-coder", check_credentials=["cic"])
    context, page = signed_in(browser, live_server, holder, javascript=True)

    page.goto("/renewals/")
    form = page.get_by_role("form", name="Log CEUs")
    form.get_by_label("Date").fill((timezone.localdate() - timedelta(days=10)).isoformat())
    form.get_by_label("CEUs").fill("12")
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("CCS").check()
    form.get_by_label("CPC").check()
    form.get_by_role("button", name="Log CEUs").click()
    ahima, aapc = row(page, "AHIMA: CCS"), row(page, "AAPC: CPC")
    expect(ahima.get_by_role("cell")).to_contain_text(["20", "12", "8"])
    expect(aapc.get_by_role("cell")).to_contain_text(["36", "12", "24"])
    expect(ahima).to_contain_text("due in 45 days")
    expect(aapc).to_contain_text("due in 45 days")
    assert_accessible(page)

    for _ in range(2):  # cron runs it daily, and sometimes twice
        call_command("send_reminders", stdout=StringIO())
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [holder.email]

    page.goto(plan.get_absolute_url())
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the calendar (.ics)").click()
    calendar = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    due = timezone.localdate() + timedelta(days=45)
    deadlines = {
        str(event["SUMMARY"]): event.decoded("DTSTART")
        for event in calendar.walk("VEVENT")
        if "CEUs due" in str(event["SUMMARY"])
    }
    assert deadlines == {"AHIMA CEUs due (CCS)": due, "AAPC CEUs due (CPC)": due}

    address = make_address(page, "Read-only share link")
    adviser = browser.new_context(base_url=live_server.url).new_page()
    assert adviser.goto(address).status == 200
    expect(adviser.get_by_role("heading", name="Eligibility")).to_be_visible()
    expect(adviser.locator(".step__title")).to_have_text(
        [step["title"] for step in plan.roadmap["steps"]]
    )
    expect(adviser.get_by_text(TITLE)).to_have_count(0)
    expect(adviser.get_by_text(holder.email)).to_have_count(0)
    assert_accessible(adviser)

    page.get_by_role("button", name="Turn off the read-only share link").click()
    expect(page.get_by_role("status")).to_contain_text("turned off")
    assert adviser.goto(address).status == 404

    text = printed(page)
    assert_steps_printed(text, plan.roadmap)
    adviser.context.close()
    context.close()
