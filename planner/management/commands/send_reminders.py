"""Email renewal-deadline and exam-eligibility reminders; meant for cron, once a day.

    python manage.py send_reminders [--today YYYY-MM-DD] [--dry-run]

Running it twice on a day sends nothing twice (planner/reminders.py).
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from planner.reminders import send_reminders
from planner.snapshot import current_renewal_rules


class Command(BaseCommand):
    help = "Email renewal deadlines (60, 30, 7 days ahead) and exams that open today."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="The day to remind for (YYYY-MM-DD); default today.")
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today: expected a date as YYYY-MM-DD, got {today!r}") from None
        summary = send_reminders(current_renewal_rules(), day, dry_run=dry_run)
        for line in summary.lines:
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(f"Dry run: {len(summary.lines)} reminders would be sent.")
        else:
            self.stdout.write(
                f"{summary.emails} emails sent ({summary.reminders} reminders) "
                f"to {summary.people} people with reminders on."
            )
