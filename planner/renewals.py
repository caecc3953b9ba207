"""Renewal arithmetic: which CEU cycles a person is in, what each needs, what counts.

Pure Python, no Django import: the rules come from the catalog document
(`RenewalRules.from_document`, the shape docs/catalog-format.md describes), the person's
credentials and CEU log come in as plain dataclasses, and `renewal_report()` answers for
one day. The bodies' rules, as the shipped dataset records them:

- AHIMA: one cycle for all of a person's AHIMA credentials, 2 years from the (earliest)
  pass date; one shared total: the highest credential figure (20 or 30), +10 for each
  extra credential, 50 at most; the RHIA replaces the RHIT; since 2025-01-01, 40% of the
  CEUs must come from AHIMA or its component associations.
- AAPC: one 2-year requirement for all AAPC credentials, 36/40/44/48/52 for 1/2/3/4/5+,
  due on the membership renewal date, the first period pro-rated, CEUs earned before
  certification not counted.
- ACDIS: each credential on its own, 30 CEUs / 2 years from its pass date, 45 days' grace.

Decisions where the sources are silent are in the policies' notes and in `assumptions`.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum
from typing import Any

PASS_DATE, MEMBERSHIP_DATE = "pass-date", "membership-date"
DUE_SOON_DAYS = 90  # "due in N days" from this many days before the due date
MAX_CYCLES = 200  # a guard: cycles are walked from the pass date to today


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months; the 31st becomes the month's last day (29 Feb -> 28 Feb)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def long_date(day: date) -> str:
    """As the pages write a date: "January 11, 2027"."""
    return f"{day:%B} {day.day}, {day.year}"


# -- the rules -----------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceRef:
    slug: str
    title: str
    url: str
    as_of: date | None
    verified: bool


@dataclass(frozen=True)
class Policy:
    issuer: str
    cycle_months: int
    anchor: str = PASS_DATE
    shared: bool = False
    extra_ceus: int | None = None
    max_ceus: int | None = None
    prorate_first_period: bool = False
    issuer_share_percent: int | None = None
    issuer_share_from: date | None = None
    grace_days: int | None = None
    source: SourceRef | None = None
    note: str = ""


@dataclass(frozen=True)
class Apprentice:
    deadline_months: int | None
    note: str
    source: SourceRef | None
    removed_by: tuple[str, ...]  # slugs of the credentials that supersede it


@dataclass(frozen=True)
class CredentialRule:
    slug: str
    acronym: str
    issuer: str
    cycle_months: int | None = None
    ceus: int | None = None
    note: str = ""
    source: SourceRef | None = None
    subject_ceus: int | None = None
    subject: str = ""
    supersedes: tuple[str, ...] = ()
    apprentice: Apprentice | None = None


ISSUER_NAMES = {"ahima": "AHIMA", "aapc": "AAPC", "acdis": "ACDIS"}


@dataclass(frozen=True)
class RenewalRules:
    policies: Mapping[str, Policy]
    credentials: Mapping[str, CredentialRule]

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> RenewalRules:
        """The rules from a (validated) catalog document."""
        sources = {
            slug: SourceRef(
                slug=slug,
                title=entry.get("title") or slug,
                url=entry.get("url") or "",
                as_of=_day(entry.get("as_of")),
                verified=bool(entry.get("verified", True)),
            )
            for slug, entry in (doc.get("sources") or {}).items()
        }
        credentials_doc = doc.get("credentials") or {}
        removed_by: dict[str, list[str]] = {}
        for slug, entry in credentials_doc.items():
            for superseded in entry.get("supersedes") or ():
                removed_by.setdefault(superseded, []).append(slug)
        credentials = {}
        for slug, entry in credentials_doc.items():
            renewal = entry.get("renewal") or {}
            apprentice = entry.get("apprentice")
            credentials[slug] = CredentialRule(
                slug=slug,
                acronym=entry.get("acronym") or slug.upper(),
                issuer=entry.get("issuer") or "",
                cycle_months=renewal.get("cycle_months"),
                ceus=renewal.get("ceus"),
                note=renewal.get("note") or "",
                source=sources.get(renewal.get("source") or ""),
                subject_ceus=renewal.get("subject_ceus"),
                subject=renewal.get("subject") or "",
                supersedes=tuple(entry.get("supersedes") or ()),
                apprentice=Apprentice(
                    deadline_months=apprentice.get("deadline_months"),
                    note=apprentice.get("note") or "",
                    source=sources.get(apprentice.get("source") or ""),
                    removed_by=tuple(sorted(removed_by.get(slug, ()))),
                )
                if apprentice
                else None,
            )
        policies = {
            issuer: Policy(
                issuer=issuer,
                cycle_months=entry["cycle_months"],
                anchor=entry.get("anchor") or PASS_DATE,
                shared=bool(entry.get("shared")),
                extra_ceus=entry.get("extra_ceus"),
                max_ceus=entry.get("max_ceus"),
                prorate_first_period=bool(entry.get("prorate_first_period")),
                issuer_share_percent=entry.get("issuer_share_percent"),
                issuer_share_from=_day(entry.get("issuer_share_from")),
                grace_days=entry.get("grace_days"),
                source=sources.get(entry.get("source") or ""),
                note=entry.get("note") or "",
            )
            for issuer, entry in (doc.get("renewal_policies") or {}).items()
        }
        return cls(policies=policies, credentials=credentials)


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


# -- the person's side ---------------------------------------------------------------------


@dataclass(frozen=True)
class Held:
    slug: str
    earned: date


@dataclass(frozen=True)
class Entry:
    """One CEU log entry: `counts_toward` names held credentials by slug."""

    key: Any
    day: date
    hours: Decimal
    title: str
    counts_toward: frozenset[str]
    from_issuer: bool = False
    provider: str = ""


# -- the answer ----------------------------------------------------------------------------


class Status(StrEnum):
    COMPLETE = "complete"
    ON_TRACK = "on-track"
    DUE = "due"
    IN_GRACE = "in-grace"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Excluded:
    entry: Entry
    reason: str


@dataclass
class Cycle:
    key: str  # stable: issuer (or credential) and the cycle's start
    issuer: str
    credentials: tuple[str, ...]  # acronyms of the credentials covered, in pass order
    credential_slugs: tuple[str, ...]
    start: date
    end: date  # the due date
    grace_end: date | None
    needed: Decimal
    counted: Decimal
    share_percent: int | None  # the issuer-sourced share rule, if it applies
    share_needed: Decimal
    share_logged: Decimal
    status: Status
    days_left: int  # to the due date (negative once past)
    grace_days_left: int | None
    prorated: bool
    subject_rules: tuple[str, ...]  # "16 of the CEUs in auditing (CPMA)"
    sources: tuple[SourceRef, ...]
    notes: tuple[str, ...]
    counted_entries: list[Entry] = field(default_factory=list)
    excluded: list[Excluded] = field(default_factory=list)

    @property
    def left(self) -> Decimal:
        return max(Decimal(0), self.needed - self.counted)

    @property
    def share_left(self) -> Decimal:
        return max(Decimal(0), self.share_needed - self.share_logged)

    @property
    def missing(self) -> bool:
        return self.left > 0 or self.share_left > 0

    @property
    def issuer_name(self) -> str:
        return ISSUER_NAMES.get(self.issuer, self.issuer.upper())

    @property
    def status_words(self) -> str:
        if self.status == Status.COMPLETE:
            return "CEUs complete"
        if self.status == Status.ON_TRACK:
            return f"on track: due in {_days(self.days_left)}"
        if self.status == Status.DUE:
            return f"due in {_days(self.days_left)}" if self.days_left else "due today"
        if self.status == Status.IN_GRACE:
            return f"in the grace period: {_days(self.grace_days_left or 0)} left"
        return f"overdue by {_days(-self.days_left)}"


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


@dataclass(frozen=True)
class ApprenticeCountdown:
    key: str
    slug: str
    acronym: str
    earned: date
    removed_by: tuple[str, ...]  # acronyms
    note: str
    source: SourceRef | None
    deadline: date | None  # None: no deadline in our sources
    days_left: int | None
    planned_removal: date | None  # when the person's saved plan removes it

    @property
    def status_words(self) -> str:
        if self.deadline is None:
            return "no deadline in our sources"
        if self.days_left is not None and self.days_left < 0:
            return f"deadline passed {_days(-self.days_left)} ago"
        return f"{_days(self.days_left or 0)} left"


@dataclass
class RenewalReport:
    today: date
    cycles: list[Cycle]
    apprentices: list[ApprenticeCountdown]
    assumptions: list[str]
    without_rules: list[str]  # acronyms of held credentials the catalog has no renewal rule for


def renewal_report(
    held: Iterable[Held],
    entries: Iterable[Entry],
    rules: RenewalRules,
    today: date,
    *,
    aapc_due: date | None = None,
    planned_removals: Mapping[str, date] | None = None,
) -> RenewalReport:
    """Every current renewal cycle of the credentials held on `today`, and each apprentice
    designation's countdown.

    `aapc_due`: a date the person's AAPC CEUs fall due (a membership renewal date); the
    due dates run every cycle from it. Without it, the first AAPC pass date + one cycle is
    assumed, and `assumptions` says so. `planned_removals`: apprentice slug -> the date a
    saved plan removes the designation.
    """
    held = sorted(
        (h for h in held if h.earned <= today and h.slug in rules.credentials),
        key=lambda h: (h.earned, h.slug),
    )
    entries = sorted(entries, key=lambda entry: (entry.day, str(entry.key)))
    report = RenewalReport(today=today, cycles=[], apprentices=[], assumptions=[], without_rules=[])
    held_slugs = {h.slug for h in held}
    superseded = {
        other for h in held for other in rules.credentials[h.slug].supersedes if other in held_slugs
    }
    by_issuer: dict[str, list[Held]] = {}
    for h in held:
        rule = rules.credentials[h.slug]
        if rule.ceus is None and h.slug not in superseded:
            report.without_rules.append(rule.acronym)
            continue
        by_issuer.setdefault(rule.issuer, []).append(h)
    for issuer, issuer_held in by_issuer.items():
        policy = rules.policies.get(issuer)
        if policy is not None and policy.shared:
            report.cycles.append(
                _shared_cycle(issuer_held, entries, rules, policy, today, aapc_due, report)
            )
        else:
            for h in issuer_held:
                if h.slug in superseded:
                    continue
                report.cycles.append(_own_cycle(h, entries, rules, policy, today))
    report.cycles.sort(key=lambda cycle: (cycle.end, cycle.key))
    report.apprentices = _apprentices(held, held_slugs, rules, today, planned_removals or {})
    return report


def _counting_credentials(held: list[Held], rules: RenewalRules, until: date) -> list[Held]:
    """The credentials a cycle ending `until` counts: earned by then and not replaced by
    another earned by then (RHIT under RHIA, CPC-A under CPC)."""
    earned = [h for h in held if h.earned <= until]
    replaced = {other for h in earned for other in rules.credentials[h.slug].supersedes}
    return [h for h in earned if h.slug not in replaced]


def _shared_total(policy: Policy, rules: RenewalRules, counting: list[Held]) -> int:
    base = max(rules.credentials[h.slug].ceus or 0 for h in counting)
    total = base + (policy.extra_ceus or 0) * (len(counting) - 1)
    return min(total, policy.max_ceus) if policy.max_ceus is not None else total


def _shared_cycle(
    held: list[Held],
    entries: list[Entry],
    rules: RenewalRules,
    policy: Policy,
    today: date,
    aapc_due: date | None,
    report: RenewalReport,
) -> Cycle:
    first = min(h.earned for h in held)
    months = policy.cycle_months
    prorate = False
    if policy.anchor == MEMBERSHIP_DATE:
        name = ISSUER_NAMES.get(policy.issuer, policy.issuer)
        if aapc_due is None:
            due = add_months(first, months)
            report.assumptions.append(
                f"You have not given the date your {name} CEUs fall due (your membership "
                f"renewal date), so we assume {long_date(due)}, {months // 12} years after you "
                "first passed, and no pro-rated first period. Give the date to see your own."
            )
        else:
            # The due date series through `aapc_due`; the first period ends at the first
            # due date after the pass date and is pro-rated.
            due = aapc_due
            while due > first:
                due = add_months(due, -months)
            due = add_months(due, months)
            prorate = policy.prorate_first_period and add_months(due, -months) < first
    else:
        due = add_months(first, months)
    start, k = first, 0
    while True:
        counting = _counting_credentials(held, rules, due)
        needed = Decimal(_shared_total(policy, rules, counting))
        if k == 0 and prorate:
            full = (due - add_months(due, -months)).days
            needed = Decimal(math.ceil(needed * (due - start).days / full))
        cycle = _cycle(
            key=f"renewal-{policy.issuer}-{start.isoformat()}",
            issuer=policy.issuer,
            held=[h for h in held if h.earned <= due],
            counting=counting,
            start=start,
            first=k == 0,
            end=due,
            needed=needed,
            policy=policy,
            entries=entries,
            rules=rules,
            today=today,
            prorated=k == 0 and prorate,
        )
        if not _over(cycle, today) or k >= MAX_CYCLES:
            return cycle
        start, due, k = due, add_months(due, months), k + 1


def _over(cycle: Cycle, today: date) -> bool:
    """A past cycle whose CEUs were completed: the next one is the current one. A past
    cycle still missing CEUs stays current (in grace, or overdue)."""
    return cycle.status == Status.COMPLETE and cycle.end < today


def _own_cycle(
    h: Held, entries: list[Entry], rules: RenewalRules, policy: Policy | None, today: date
) -> Cycle:
    rule = rules.credentials[h.slug]
    months = policy.cycle_months if policy is not None else (rule.cycle_months or 24)
    start, k = h.earned, 0
    while True:
        end = add_months(start, months)
        cycle = _cycle(
            key=f"renewal-{h.slug}-{start.isoformat()}",
            issuer=rule.issuer,
            held=[h],
            counting=[h],
            start=start,
            first=k == 0,
            end=end,
            needed=Decimal(rule.ceus or 0),
            policy=policy,
            entries=entries,
            rules=rules,
            today=today,
            prorated=False,
        )
        if not _over(cycle, today) or k >= MAX_CYCLES:
            return cycle
        start, k = end, k + 1


def _cycle(
    *,
    key: str,
    issuer: str,
    held: list[Held],
    counting: list[Held],
    start: date,
    first: bool,
    end: date,
    needed: Decimal,
    policy: Policy | None,
    entries: list[Entry],
    rules: RenewalRules,
    today: date,
    prorated: bool,
) -> Cycle:
    """One cycle's figures and status. An entry counts when it names a credential the
    cycle covers and is dated in the cycle: after its start (on it, for the first cycle,
    which starts on the pass date) and on or before its due date."""
    slugs = {h.slug for h in held}
    earned = {h.slug: h.earned for h in held}
    acronyms = {slug: rules.credentials[slug].acronym for slug in slugs}
    counted: list[Entry] = []
    excluded: list[Excluded] = []
    for entry in entries:
        toward = entry.counts_toward & slugs
        if not toward:
            continue
        in_cycle = (entry.day > start or (first and entry.day == start)) and entry.day <= end
        before_certification = all(entry.day < earned[slug] for slug in toward)
        if in_cycle and not before_certification:
            counted.append(entry)
        elif before_certification:
            names = " and ".join(sorted(acronyms[slug] for slug in toward))
            first_earned = min(earned[slug] for slug in toward)
            excluded.append(
                Excluded(
                    entry,
                    f"earned before you held the {names} (passed {long_date(first_earned)}): "
                    "CEUs from before certification do not count",
                )
            )
        elif entry.day <= start:
            excluded.append(Excluded(entry, f"dated before this cycle began on {long_date(start)}"))
        else:
            excluded.append(Excluded(entry, f"dated after this cycle's due date, {long_date(end)}"))
    total = sum((entry.hours for entry in counted), Decimal(0))
    share_percent = None
    share_needed = share_logged = Decimal(0)
    if (
        policy is not None
        and policy.issuer_share_percent
        and policy.issuer_share_from is not None
        and end >= policy.issuer_share_from
    ):
        share_percent = policy.issuer_share_percent
        share_needed = (needed * share_percent / 100).quantize(Decimal("0.25"))
        share_logged = sum((e.hours for e in counted if e.from_issuer), Decimal(0))
    grace = policy.grace_days if policy is not None else None
    grace_end = end + timedelta(days=grace) if grace else None
    missing = total < needed or share_logged < share_needed
    days_left = (end - today).days
    if not missing:
        status = Status.COMPLETE
    elif today <= end:
        status = Status.DUE if days_left <= DUE_SOON_DAYS else Status.ON_TRACK
    elif grace_end is not None and today <= grace_end:
        status = Status.IN_GRACE
    else:
        status = Status.OVERDUE
    ordered = sorted(held, key=lambda h: (h.earned, h.slug))
    counting_slugs = {h.slug for h in counting}
    subject_rules = tuple(
        f"{rule.subject_ceus} of the CEUs in {rule.subject} ({rule.acronym})"
        for rule in (rules.credentials[h.slug] for h in ordered if h.slug in counting_slugs)
        if rule.subject_ceus
    )
    sources: list[SourceRef] = []
    for source in [policy.source if policy else None] + [
        rules.credentials[h.slug].source for h in ordered
    ]:
        if source is not None and source not in sources:
            sources.append(source)
    notes = [policy.note] if policy is not None and policy.note else []
    if policy is None:
        notes += [rules.credentials[h.slug].note for h in ordered if rules.credentials[h.slug].note]
    return Cycle(
        key=key,
        issuer=issuer,
        credentials=tuple(acronyms[h.slug] for h in ordered),
        credential_slugs=tuple(h.slug for h in ordered),
        start=start,
        end=end,
        grace_end=grace_end,
        needed=needed,
        counted=total,
        share_percent=share_percent,
        share_needed=share_needed,
        share_logged=share_logged,
        status=status,
        days_left=days_left,
        grace_days_left=(grace_end - today).days if grace_end and today > end else None,
        prorated=prorated,
        subject_rules=subject_rules,
        sources=tuple(sources),
        notes=tuple(notes),
        counted_entries=counted,
        excluded=excluded,
    )


def _apprentices(
    held: list[Held],
    held_slugs: set[str],
    rules: RenewalRules,
    today: date,
    planned: Mapping[str, date],
) -> list[ApprenticeCountdown]:
    countdowns = []
    for h in held:
        apprentice = rules.credentials[h.slug].apprentice
        if apprentice is None or held_slugs & set(apprentice.removed_by):
            continue  # not an apprentice designation, or already removed
        deadline = (
            add_months(h.earned, apprentice.deadline_months)
            if apprentice.deadline_months is not None
            else None
        )
        countdowns.append(
            ApprenticeCountdown(
                key=f"apprentice-{h.slug}",
                slug=h.slug,
                acronym=rules.credentials[h.slug].acronym,
                earned=h.earned,
                removed_by=tuple(
                    rules.credentials[slug].acronym
                    for slug in apprentice.removed_by
                    if slug in rules.credentials
                ),
                note=apprentice.note,
                source=apprentice.source,
                deadline=deadline,
                days_left=(deadline - today).days if deadline else None,
                planned_removal=planned.get(h.slug),
            )
        )
    return countdowns


# -- for the calendar ----------------------------------------------------------------------


@dataclass(frozen=True)
class RenewalEvent:
    """A dated deadline for a calendar: `key` stays the same while the cycle does."""

    key: str
    day: date
    title: str
    description: str


def renewal_events(report: RenewalReport) -> list[RenewalEvent]:
    """The report's deadlines: each cycle's due date (and grace end), each apprentice
    designation's removal deadline where one is known, and its planned removal."""
    events = []
    for cycle in report.cycles:
        names = ", ".join(cycle.credentials)
        events.append(
            RenewalEvent(
                key=cycle.key,
                day=cycle.end,
                title=f"{cycle.issuer_name} CEUs due ({names})",
                description=f"{format_ceus(cycle.needed)} CEUs needed, "
                f"{format_ceus(cycle.counted)} logged, {format_ceus(cycle.left)} left"
                + (
                    f"; {cycle.share_percent}% ({format_ceus(cycle.share_needed)}) from "
                    f"{cycle.issuer_name} or its component associations"
                    if cycle.share_percent
                    else ""
                )
                + ".",
            )
        )
        if cycle.grace_end is not None:
            events.append(
                RenewalEvent(
                    key=f"{cycle.key}-grace",
                    day=cycle.grace_end,
                    title=f"{cycle.issuer_name} grace period ends ({names})",
                    description="The last day to complete the CEUs after the due date.",
                )
            )
    for item in report.apprentices:
        if item.deadline is not None:
            events.append(
                RenewalEvent(
                    key=item.key,
                    day=item.deadline,
                    title=f"Remove the apprentice designation ({item.acronym})",
                    description=item.note,
                )
            )
        if item.planned_removal is not None:
            events.append(
                RenewalEvent(
                    key=f"{item.key}-planned",
                    day=item.planned_removal,
                    title=f"{item.acronym}: the '-A' comes off (as planned)",
                    description=item.note,
                )
            )
    return sorted(events, key=lambda event: (event.day, event.key))


def format_ceus(value: Decimal) -> str:
    """12, 12.5, 12.25: a CEU figure without trailing zeros."""
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
