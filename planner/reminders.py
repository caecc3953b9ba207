"""Reminder emails: renewal deadlines 60, 30 and 7 days ahead while CEUs are missing, and
the day a saved plan's exam opens to the person.

`due_reminders()` is pure: what a person should be told on a day. `send_reminders()`
sends what has not been sent yet: each (person, kind, subject, threshold) once, recorded
in SentReminder before the email goes (in one transaction per person, so a failed send
records nothing). A run missed on the exact day sends the most recent threshold passed,
once: a cycle 45 days from its due date gets the 60-day reminder, never the 60 and the 30.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.urls import reverse

from .models import Profile, SentReminder
from .my_renewals import report_for
from .renewals import RenewalReport, RenewalRules, Status, format_ceus, long_date

THRESHOLDS = (60, 30, 7)  # days before a renewal deadline
ELIGIBLE_WINDOW_DAYS = 30  # an exam date passed longer ago than this is old news
OFF_SALT = "planner.reminders-off"


@dataclass(frozen=True)
class Reminder:
    kind: str  # SentReminder.Kind
    subject: str
    threshold: int
    line: str

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.kind, self.subject, self.threshold)


def threshold_for(days_left: int) -> int | None:
    """The most recent threshold passed: 45 days left -> 60; 29 -> 30; 0 -> 7; 61 -> None."""
    if days_left < 0:
        return None
    passed = [threshold for threshold in THRESHOLDS if days_left <= threshold]
    return min(passed) if passed else None


def due_reminders(
    report: RenewalReport,
    plans: Iterable[tuple[str, dict]],
    held: set[str],
    rules: RenewalRules,
    today: date,
) -> list[Reminder]:
    """What to tell a person on `today`: `plans` are (name, roadmap document) pairs."""
    reminders = []
    for cycle in report.cycles:
        if cycle.status not in (Status.DUE, Status.ON_TRACK):
            continue
        threshold = threshold_for(cycle.days_left)
        if threshold is None:
            continue
        missing = f"{format_ceus(cycle.left)} of {format_ceus(cycle.needed)} CEUs still missing"
        if cycle.share_left:
            missing += (
                f", and {format_ceus(cycle.share_left)} more from {cycle.issuer_name} or its "
                "component associations"
            )
        when = "today" if cycle.days_left == 0 else f"in {cycle.days_left} days"
        reminders.append(
            Reminder(
                kind=SentReminder.Kind.RENEWAL,
                subject=cycle.key,
                threshold=threshold,
                line=f"{cycle.issuer_name} CEUs for the {', '.join(cycle.credentials)} are due "
                f"{when}, on {long_date(cycle.end)}: {missing}.",
            )
        )
    exams: dict[str, tuple[date, str]] = {}
    for name, roadmap in plans:
        for step in roadmap.get("steps") or ():
            slug = step.get("credential")
            if step.get("kind") != "exam" or not slug or slug in held:
                continue
            day = date.fromisoformat(step["start"])
            opened = day <= today and (today - day).days <= ELIGIBLE_WINDOW_DAYS
            if opened and (slug not in exams or day < exams[slug][0]):
                exams[slug] = (day, name)
    for slug, (day, name) in sorted(exams.items()):
        acronym = rules.credentials[slug].acronym if slug in rules.credentials else slug.upper()
        since = "today" if day == today else f"{long_date(day)}"
        reminders.append(
            Reminder(
                kind=SentReminder.Kind.ELIGIBLE,
                subject=f"exam-{slug}",
                threshold=0,
                line=f"You can sit the {acronym} from {since} (your plan “{name}”).",
            )
        )
    return reminders


def off_token(user_id: int) -> str:
    """The signed, unguessable part of a one-click "turn reminders off" link."""
    return signing.dumps(user_id, salt=OFF_SALT)


def user_for_off_token(token: str) -> int | None:
    try:
        return signing.loads(token, salt=OFF_SALT)
    except signing.BadSignature:
        return None


def site_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def reminder_email(profile: Profile, reminders: list[Reminder]) -> EmailMessage:
    off = site_url(reverse("planner:reminders-off", args=[off_token(profile.user_id)]))
    if len(reminders) == 1:
        subject = reminders[0].line.split(":")[0].rstrip(".")
    else:
        subject = f"{len(reminders)} reminders about your credentials"
    lines = "\n".join(f"- {reminder.line}" for reminder in reminders)
    body = (
        f"Hello,\n\n{lines}\n\n"
        f"Your renewals and CEU log: {site_url(reverse('planner:renewals'))}\n"
        f"Your plans: {site_url(reverse('planner:plan-list'))}\n\n"
        f"You get these emails because reminders are on in your {settings.SITE_NAME} "
        f"account. To turn them off, open: {off}\n"
    )
    return EmailMessage(
        subject=f"{settings.SITE_NAME}: {subject}",
        body=body,
        to=[profile.user.email],
        headers={"List-Unsubscribe": f"<{off}>"},
    )


@dataclass
class Summary:
    people: int = 0
    emails: int = 0
    reminders: int = 0
    lines: list[str] = field(default_factory=list)


def send_reminders(rules: RenewalRules, today: date, *, dry_run: bool = False) -> Summary:
    """Email everyone with reminders on what is due and not yet sent."""
    summary = Summary()
    profiles = (
        Profile.objects.with_renewals()
        .prefetch_related("sent_reminders")
        .select_related("user")
        .filter(reminders=True, user__is_active=True)
        .exclude(user__email="")
        .order_by("pk")
    )
    for profile in profiles.iterator(chunk_size=200):
        summary.people += 1
        report = report_for(profile, rules, today)
        plans = [(plan.name, plan.roadmap) for plan in profile.plans.all()]
        held = {row.credential for row in profile.credentials.all()}
        sent = {(row.kind, row.subject, row.threshold) for row in profile.sent_reminders.all()}
        new = [r for r in due_reminders(report, plans, held, rules, today) if r.key not in sent]
        if not new:
            continue
        summary.lines += [f"{profile.user.email}: {reminder.line}" for reminder in new]
        if dry_run:
            continue
        try:
            with transaction.atomic():
                SentReminder.objects.bulk_create(
                    SentReminder(
                        profile=profile, kind=r.kind, subject=r.subject, threshold=r.threshold
                    )
                    for r in new
                )
                reminder_email(profile, new).send()
        except IntegrityError:
            continue  # another run sent these a moment ago
        summary.emails += 1
        summary.reminders += len(new)
    return summary
