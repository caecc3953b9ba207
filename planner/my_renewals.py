"""A person's renewal report from their rows: the one place the ORM meets planner.renewals.

Reads what `Profile.objects.with_renewals()` prefetched (held credentials, CEU entries,
saved plans), so the renewals page and `send_reminders` ask the same fixed number of
queries whatever the number of entries.
"""

from __future__ import annotations

from datetime import date

from .models import Plan, Profile
from .renewals import Entry, Held, RenewalReport, RenewalRules, renewal_report


def held_of(profile: Profile) -> list[Held]:
    return [Held(row.credential, row.earned) for row in profile.credentials.all()]


def entries_of(profile: Profile) -> list[Entry]:
    return [
        Entry(
            key=row.pk,
            day=row.day,
            hours=row.hours,
            title=row.title,
            provider=row.provider,
            counts_toward=frozenset(row.counts_toward),
            from_issuer=row.from_issuer,
        )
        for row in profile.ceu_entries.all()
    ]


def planned_removals(plans: list[Plan], rules: RenewalRules) -> dict[str, date]:
    """Apprentice slug -> the earliest date a saved plan is granted a credential that
    removes it (the CPC for a CPC-A)."""
    removes = {
        remover: slug
        for slug, rule in rules.credentials.items()
        if rule.apprentice is not None
        for remover in rule.apprentice.removed_by
    }
    found: dict[str, date] = {}
    for plan in plans:
        for step in plan.roadmap.get("steps") or ():
            slug = removes.get(step.get("credential") or "")
            if slug and step.get("kind") in ("grant", "exam"):
                day = date.fromisoformat(step["start"])
                found[slug] = min(found.get(slug, day), day)
    return found


def report_for(profile: Profile, rules: RenewalRules, today: date) -> RenewalReport:
    return renewal_report(
        held_of(profile),
        entries_of(profile),
        rules,
        today,
        aapc_due=profile.aapc_ceus_due,
        planned_removals=planned_removals(list(profile.plans.all()), rules),
    )
