"""send_reminders: renewal deadlines at 60, 30 and 7 days while CEUs are missing, the day a
planned exam opens, each once; the account setting and the one-click link turn them off.
Emails go to Django's locmem backend (pytest-django's `mailoutbox`)."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from planner.models import CeuEntry, Profile, SentReminder
from planner.reminders import off_token, threshold_for
from planner.renewals import add_months

from .roadmap_helpers import CODER, make_plan, person, situation


def run(today=None, *args) -> str:
    out = StringIO()
    options = ["--today", today.isoformat()] if today else []
    call_command("send_reminders", *options, *args, stdout=out)
    return out.getvalue()


def holder(days_to_due=45, **kwargs):
    """The issue's person: the CCS and the CPC due in `days_to_due` days, 12 CEUs logged
    that count for both."""
    user = person(**kwargs)
    earned = add_months(timezone.localdate(), -24) + timedelta(days=days_to_due)
    profile = situation(user, credentials=[("ccs", earned), ("cpc", earned)])
    CeuEntry.objects.create(
        profile=profile,
        day=timezone.localdate() - timedelta(days=10),
        hours=Decimal(12),
        title="Webinar",
        counts_toward=["ccs", "cpc"],
    )
    return user


@pytest.mark.parametrize(
    ("days_left", "threshold"),
    [(61, None), (60, 60), (45, 60), (30, 30), (29, 30), (8, 30), (7, 7), (0, 7), (-1, None)],
)
def test_the_most_recent_threshold_passed_is_the_one_sent(days_left, threshold):
    assert threshold_for(days_left) == threshold


def test_one_email_for_both_cycles_and_a_second_run_sends_nothing(shipped_catalog, mailoutbox):
    user = holder()

    first = run()
    second = run()

    [email] = mailoutbox
    assert email.to == [user.email]
    assert "AHIMA CEUs for the CCS are due in 45 days" in email.body
    assert "8 of 20 CEUs still missing" in email.body
    assert "AAPC CEUs for the CPC are due in 45 days" in email.body
    assert "24 of 36 CEUs still missing" in email.body
    assert "1 emails sent (2 reminders)" in first and "0 emails sent" in second
    assert SentReminder.objects.filter(threshold=60).count() == 2


def test_a_missed_day_sends_the_latest_threshold_once_then_the_next_one(
    shipped_catalog, mailoutbox
):
    holder(days_to_due=29)
    today = timezone.localdate()

    run(today)
    run(today + timedelta(days=5))  # 24 days left: still the 30-day reminder, already sent
    run(today + timedelta(days=22))  # 7 days left

    assert [email.body.count("due in") for email in mailoutbox] == [2, 2]
    assert "due in 29 days" in mailoutbox[0].body and "due in 7 days" in mailoutbox[1].body
    assert sorted(SentReminder.objects.values_list("threshold", flat=True)) == [7, 7, 30, 30]


def test_no_reminder_once_the_ceus_are_complete_or_before_60_days(shipped_catalog, mailoutbox):
    done = holder(days_to_due=20)
    CeuEntry.objects.create(
        profile=done.profile,
        day=timezone.localdate(),
        hours=Decimal(30),
        title="Conference",
        counts_toward=["ccs", "cpc"],
        from_issuer=True,
    )
    holder(days_to_due=90)

    run()

    assert mailoutbox == []


def test_the_ahima_share_still_missing_is_a_reason_to_remind(shipped_catalog, mailoutbox):
    user = holder(days_to_due=20)
    CeuEntry.objects.create(
        profile=user.profile,
        day=timezone.localdate(),
        hours=Decimal(10),
        title="Vendor course",
        counts_toward=["ccs"],
    )

    run()

    assert "0 of 20 CEUs still missing, and 8 more from AHIMA" in mailoutbox[0].body


def test_a_planned_exam_opening_today_is_announced_once(shipped_catalog, mailoutbox):
    user = person()
    situation(user, **CODER)
    plan = make_plan(user, target="ccs", kind="credential", name="CCS next")
    exam = next(step for step in plan.roadmap["steps"] if step["kind"] == "exam")
    opens = timezone.datetime.fromisoformat(exam["start"]).date()

    run(opens - timedelta(days=1))
    run(opens)
    run(opens + timedelta(days=1))

    [email] = mailoutbox
    assert "You can sit the CCS from today (your plan “CCS next”)." in email.body


def test_reminders_off_on_the_account_page_stops_the_emails(client, shipped_catalog, mailoutbox):
    user = holder()
    client.force_login(user)
    assert "Reminders by email" in client.get("/account/").content.decode()

    response = client.post("/account/reminders/", {})  # the box unticked

    assert response.status_code == 302
    assert not Profile.objects.get(user=user).reminders
    run()
    assert mailoutbox == []


def test_the_link_in_the_email_turns_reminders_off_signed_out(client, shipped_catalog, mailoutbox):
    user = holder()
    run()
    [link] = [
        line.split("open: ")[1] for line in mailoutbox[0].body.splitlines() if "open: " in line
    ]
    path = link.removeprefix("http://localhost:8000")
    assert mailoutbox[0].extra_headers["List-Unsubscribe"] == f"<{link}>"

    page = client.get(path)  # signed out: shows the button, changes nothing yet
    assert page.status_code == 200 and "Turn reminders off" in page.content.decode()
    assert Profile.objects.get(user=user).reminders

    done = client.post(path)
    assert "Reminders are off" in done.content.decode()
    assert not Profile.objects.get(user=user).reminders


def test_a_tampered_link_is_a_404_and_changes_nothing(client, shipped_catalog):
    user = holder()
    token = off_token(user.pk)
    assert client.post(f"/reminders/off/{token[:-2]}xx/").status_code == 404
    assert client.get("/reminders/off/123/").status_code == 404
    assert Profile.objects.get(user=user).reminders


def test_a_dry_run_lists_and_sends_nothing(shipped_catalog, mailoutbox):
    user = holder()

    out = run(None, "--dry-run")

    assert f"{user.email}: AHIMA CEUs" in out and "2 reminders would be sent" in out
    assert mailoutbox == [] and not SentReminder.objects.exists()


def test_a_bad_today_is_a_clear_error(db):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", "tomorrow")


def test_the_command_query_count_does_not_grow_with_people(
    shipped_catalog, django_assert_max_num_queries
):
    for _ in range(3):
        holder(days_to_due=200)
    run()  # the rules are built once per catalog version
    with django_assert_max_num_queries(20) as few:
        run()
    for _ in range(6):
        holder(days_to_due=200)
    with django_assert_max_num_queries(len(few.captured_queries)):
        run()
