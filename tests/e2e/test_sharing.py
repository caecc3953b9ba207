"""A plan taken out of the site, in Chromium: the calendar download and subscription, the
share link opened signed out and revoked, and the printed roadmap and comparison.

Printing is checked on the PDF Chromium makes of the page under its print stylesheet
(`page.pdf()`): pypdf reads its text back, which holds the steps and their dates and none
of the site's navigation, forms or buttons.
"""

import io
import unicodedata
from datetime import date
from pathlib import Path

import icalendar
from playwright.sync_api import expect
from pypdf import PdfReader

from planner.models import Plan
from tests.pages import PUBLIC_PAGES, saved_plan

from .conftest import assert_accessible
from .test_csp import person, signed_in_page  # noqa: F401  (fixtures)
from .test_my_roadmap import long_date

# What only the screen has: the site's navigation, its footer, the plan page's controls.
SCREEN_ONLY = (
    "Skip to content",
    "Career map",
    "Where the data comes from",
    "What if",
    "Delete this plan",
    "Mark done",
    "Calendar and sharing",
    "Make an address",
)


def printed(page) -> str:
    """The text of the page as Chromium prints it, whitespace collapsed and ligatures
    ("ﬁ") undone."""
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = unicodedata.normalize("NFKC", " ".join(sheet.extract_text() for sheet in pdf.pages))
    return " ".join(text.split())


def assert_steps_printed(text: str, roadmap: dict) -> None:
    assert roadmap["steps"], "a roadmap with steps to look for"
    for step in roadmap["steps"]:
        assert step["title"] in text, step["title"]
        assert long_date(step["start"]) in text, step["start"]
    for word in SCREEN_ONLY:
        assert word not in text, word


def make_address(page, label: str) -> str:
    page.get_by_role("button", name=f"Make an address ({label})").click()
    expect(page.get_by_role("status")).to_contain_text(f"{label} made")
    field = page.get_by_label("The new address: copy it now, it is shown only once")
    return field.input_value()


def test_a_shared_plan_opens_signed_out_prints_and_is_gone_once_revoked(
    signed_in_page,  # noqa: F811
    person,  # noqa: F811
    shipped_catalog,
    browser,
    live_server,
):
    owner_page = signed_in_page
    owner_page.goto(saved_plan(person))
    plan = Plan.objects.get(profile__user=person)
    address = make_address(owner_page, "Read-only share link")
    assert_accessible(owner_page)

    stranger = browser.new_context(base_url=live_server.url).new_page()
    response = stranger.goto(address)
    assert response.status == 200
    assert response.headers["x-robots-tag"] == "noindex, nofollow"
    expect(stranger.get_by_role("heading", level=1)).to_have_text(
        f"A shared roadmap to {plan.roadmap['target']['title']}"
    )
    expect(stranger.get_by_role("heading", name="Eligibility")).to_be_visible()
    expect(stranger.get_by_text(person.email)).to_have_count(0)
    expect(stranger.locator("form, button")).to_have_count(0)
    assert_accessible(stranger)

    text = printed(stranger)
    assert_steps_printed(text, plan.roadmap)
    assert "Eligibility" in text and "Source:" in text
    assert "https://" in text, "a source's address is printed beside it"

    owner_page.get_by_role("button", name="Turn off the read-only share link").click()
    expect(owner_page.get_by_role("status")).to_contain_text("turned off")
    assert stranger.goto(address).status == 404
    stranger.context.close()


def test_the_calendar_downloads_and_subscribes(
    signed_in_page,  # noqa: F811
    person,  # noqa: F811
    shipped_catalog,
    browser,
    live_server,
):
    owner_page = signed_in_page
    owner_page.goto(saved_plan(person))
    plan = Plan.objects.get(profile__user=person)

    with owner_page.expect_download() as download:
        owner_page.get_by_role("link", name="Download the calendar (.ics)").click()
    downloaded = icalendar.Calendar.from_ical(Path(download.value.path()).read_bytes())
    moves = [step for step in plan.roadmap["steps"] if step["kind"] == "move"]
    summaries = {
        str(event["SUMMARY"]): event.decoded("DTSTART") for event in downloaded.walk("VEVENT")
    }
    for step in moves:
        assert summaries[step["title"]] == date.fromisoformat(step["start"])
    assert f"Ready: {plan.roadmap['target']['title']}" in summaries

    address = make_address(owner_page, "Calendar subscription")
    assert_accessible(owner_page)
    signed_out = browser.new_context(base_url=live_server.url)
    feed = signed_out.request.get(address)
    assert feed.status == 200 and feed.headers["content-type"].startswith("text/calendar")
    subscribed = icalendar.Calendar.from_ical(feed.body())
    assert [event["UID"] for event in subscribed.walk("VEVENT")] == [
        event["UID"] for event in downloaded.walk("VEVENT")
    ]
    assert signed_out.cookies() == []
    signed_out.close()


def test_the_printed_plan_page_is_the_roadmap_alone(signed_in_page, person, shipped_catalog):  # noqa: F811
    signed_in_page.goto(saved_plan(person))
    plan = Plan.objects.get(profile__user=person)

    text = printed(signed_in_page)

    assert plan.name in text
    assert_steps_printed(text, plan.roadmap)


def test_the_printed_answer_without_an_account_keeps_steps_and_dates(page, shipped_catalog):
    page.goto(PUBLIC_PAGES["plan without an account, answered"])
    titles = page.locator(".step__title").all_inner_texts()
    dates = page.locator(".step__dates").all_inner_texts()

    text = printed(page)

    assert titles and len(titles) == len(dates)
    for title, when in zip(titles, dates, strict=True):
        assert title in text and " ".join(when.split()) in text
    for word in (*SCREEN_ONLY, "Plan my path", "Your question"):
        assert word not in text, word


def test_the_printed_comparison_keeps_the_table_chart_and_every_roadmap(page, shipped_catalog):
    page.goto(PUBLIC_PAGES["compare paths, answered"])
    titles = page.locator(".path-roadmap .step__title").all_text_contents()
    last_row = page.locator(".chart-table tbody tr").last.locator("td").all_inner_texts()

    text = printed(page)

    assert len(titles) > 2, "both paths' roadmaps, folded on the screen"
    for title in titles:
        assert title in text, title
    assert "Earned in total after each year" in text  # the chart's table
    assert last_row and all(figure in text for figure in last_row), last_row
    for word in (*SCREEN_ONLY, "Save path 1 as a plan", "Show path 1 on the career map"):
        assert word not in text, word
    assert page.locator(".chart-figure svg").count() == 1


def test_links_are_made_and_turned_off_by_keyboard_without_javascript(
    person,  # noqa: F811
    shipped_catalog,
    browser,
    live_server,
):
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(person)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.goto(saved_plan(person))

    page.get_by_role("button", name="Make an address (Calendar subscription)").focus()
    page.keyboard.press("Enter")
    field = page.get_by_label("The new address: copy it now, it is shown only once")
    address = field.input_value()
    feed = context.request.get(address)
    assert feed.status == 200 and b"BEGIN:VCALENDAR" in feed.body()

    page.get_by_role("button", name="Turn off the calendar subscription").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Calendar subscription turned off")
    assert context.request.get(address).status == 404
    context.close()
