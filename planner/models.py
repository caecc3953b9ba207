"""A person's situation, their saved plans and their progress.

Catalog things (roles, programs, credentials, licences, experience kinds) are named by
slug, as the roadmap document and the API name them: a catalog reload or an admin edit
never deletes what a person wrote down, and a slug the catalog no longer lists is reported
when planning (engine.InputError), not lost.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from roles.models import EducationLevel


class ProfileQuerySet(models.QuerySet):
    def full(self):
        """With every row the engine needs, in three more queries whatever their number."""
        return self.prefetch_related("positions", "programs", "credentials")

    def with_renewals(self):
        """With what planner.my_renewals reads: credentials, CEU entries, saved plans."""
        return self.prefetch_related("credentials", "ceu_entries", "plans")


class Profile(models.Model):
    """What the engine needs to know about a person, entered once and edited any time."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.CASCADE, related_name="profile")
    education = models.CharField(
        "highest education", max_length=20, choices=EducationLevel.choices, default="none"
    )
    licences = models.JSONField(default=list, blank=True, help_text="Licence slugs.")
    experience = models.JSONField(
        default=dict, blank=True, help_text="Months by experience kind, used without positions."
    )
    role = models.CharField(
        "role held now", max_length=100, blank=True, help_text="Used without positions."
    )
    aapc_ceus_due = models.DateField(
        "AAPC CEUs next due",
        null=True,
        blank=True,
        help_text="The AAPC membership renewal date on which your CEUs are next due.",
    )
    reminders = models.BooleanField(
        "email me reminders",
        default=True,
        help_text="Renewal deadlines 60, 30 and 7 days ahead while CEUs are missing, and "
        "the day a planned exam opens to you.",
    )
    updated = models.DateTimeField(auto_now=True)

    objects = ProfileQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Situation of {self.user}"

    @property
    def uses_positions(self) -> bool:
        """The planner counts experience from dated positions when any are listed, and
        from the months per kind otherwise (the page says which)."""
        return bool(self.positions.all())

    @classmethod
    def from_situation(cls, user, situation: dict[str, Any], *, today: date) -> Profile:
        """A new account's profile from a signed-out situation (planner.situation): the
        education, credentials, months by kind and role given before signing up. The
        signed-out form asks for no dates, so credentials count as earned `today` until the
        person corrects them on My situation."""
        profile = cls.objects.create(
            user=user,
            education=situation.get("education") or "none",
            experience=dict(situation.get("experience") or {}),
            role=situation.get("role") or "",
        )
        HeldCredential.objects.bulk_create(
            HeldCredential(profile=profile, credential=slug, earned=today)
            for slug in dict.fromkeys(situation.get("credentials") or ())
        )
        return profile

    def request_data(self) -> dict[str, Any]:
        """The situation as planner.requests fields (education, completed, credentials...).

        Uses the prefetched rows: callers fetch the profile with `Profile.objects.full()`.
        """
        data: dict[str, Any] = {
            "education": self.education,
            "completed": [
                f"{row.program}@{row.completed.isoformat()}" for row in self.programs.all()
            ],
            "credentials": [
                f"{row.credential}@{row.earned.isoformat()}" for row in self.credentials.all()
            ],
            "licences": list(self.licences),
        }
        if self.uses_positions:
            data["positions"] = [
                {
                    "role": position.role,
                    "start": position.start,
                    "end": position.end,
                    "full_time": position.full_time,
                }
                for position in self.positions.all()
            ]
        else:
            data["experience"] = {
                kind: months for kind, months in self.experience.items() if months
            }
            data["role"] = self.role or None
        return data


class Position(models.Model):
    """A dated job in a catalog role; overlapping positions count once a month per kind."""

    profile = models.ForeignKey(Profile, models.CASCADE, related_name="positions")
    role = models.CharField(max_length=100)
    start = models.DateField()
    end = models.DateField(null=True, blank=True, help_text="Blank while the job goes on.")
    full_time = models.BooleanField(default=True)

    class Meta:
        ordering = ["start", "pk"]

    def __str__(self) -> str:
        return f"{self.role} from {self.start}"


class CompletedProgram(models.Model):
    profile = models.ForeignKey(Profile, models.CASCADE, related_name="programs")
    program = models.CharField(max_length=100)
    completed = models.DateField()

    class Meta:
        ordering = ["completed", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "program"], name="one_completion_each")
        ]

    def __str__(self) -> str:
        return f"{self.program} on {self.completed}"


class HeldCredential(models.Model):
    profile = models.ForeignKey(Profile, models.CASCADE, related_name="credentials")
    credential = models.CharField(max_length=100)
    earned = models.DateField()

    class Meta:
        ordering = ["earned", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "credential"], name="one_credential_each")
        ]

    def __str__(self) -> str:
        return f"{self.credential} since {self.earned}"


class Readiness(models.TextChoices):
    RECOMMENDED = "recommended", "When the issuing body's advice is met (typical pace)"
    REQUIRED = "required", "As soon as the hard requirements allow"


class PlanQuerySet(models.QuerySet):
    def owned_by(self, user) -> PlanQuerySet:
        """Every plan lookup goes through here: a person sees only their own plans."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__user=user)


class Plan(models.Model):
    """A named target with its options, and the roadmap as it was last saved."""

    class TargetKind(models.TextChoices):
        ROLE = "role", "Role"
        CREDENTIAL = "credential", "Credential"

    profile = models.ForeignKey(Profile, models.CASCADE, related_name="plans")
    name = models.CharField(max_length=120)
    target_kind = models.CharField(max_length=20, choices=TargetKind.choices)
    target = models.CharField(max_length=100)
    start = models.DateField()
    readiness = models.CharField(
        max_length=20, choices=Readiness.choices, default=Readiness.RECOMMENDED
    )
    study_while_working = models.BooleanField(default=False)
    avoid = models.JSONField(default=list, blank=True)  # "program:slug", "credential:slug"...
    via = models.JSONField(default=list, blank=True)
    check_credentials = models.JSONField(default=list, blank=True)  # credential slugs
    suppose = models.JSONField(
        default=list, blank=True, help_text="Credentials assumed held at the start (what-if)."
    )
    roadmap = models.JSONField(help_text="The roadmap document as saved.")
    catalog_version = models.PositiveIntegerField(default=0)
    saved = models.DateTimeField()
    revision = models.PositiveIntegerField(
        default=0, help_text="Raised each time the roadmap is saved (the calendar's SEQUENCE)."
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-saved", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("planner:plan-detail", args=[self.pk])

    OPTION_FIELDS = (
        "start",
        "readiness",
        "study_while_working",
        "avoid",
        "via",
        "check_credentials",
        "suppose",
    )

    def options(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.OPTION_FIELDS}

    def request_data(self, profile: Profile, options: dict[str, Any] | None = None) -> dict:
        """The planner.requests mapping for this plan with `options` (default: as saved)."""
        options = self.options() if options is None else options
        data = profile.request_data()
        held = {entry.partition("@")[0] for entry in data["credentials"]}
        data["credentials"] += [slug for slug in options["suppose"] if slug not in held]
        data.update(
            {
                "target" if self.target_kind == self.TargetKind.ROLE else "target_credential": (
                    self.target
                ),
                "start": options["start"],
                "readiness": options["readiness"],
                "study_while_working": options["study_while_working"],
                "avoid": list(options["avoid"]),
                "via": list(options["via"]),
                "check": list(options["check_credentials"]),
            }
        )
        return data

    @property
    def next_step(self) -> dict | None:
        return next_step(self.roadmap, self.start)


def next_step(roadmap: dict, today: date | str) -> dict | None:
    """The first step not yet over on `today`."""
    today = today if isinstance(today, str) else today.isoformat()
    for step in roadmap.get("steps") or ():
        if step["end"] > today or step["start"] >= today:
            return step
    return None


class StepProgress(models.Model):
    """A step marked done (on a date) or skipped, keyed by the step's stable key so it
    survives re-planning. The step as it was is kept for the history."""

    class Status(models.TextChoices):
        DONE = "done", "Done"
        SKIPPED = "skipped", "Skipped"

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="progress")
    key = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices)
    on = models.DateField()
    step = models.JSONField(help_text="The step from the roadmap document when it was marked.")

    class Meta:
        ordering = ["on", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "key"], name="one_mark_per_step")]

    def __str__(self) -> str:
        return f"{self.key}: {self.status}"


CEU_STEP = Decimal("0.25")
CEU_MAX = Decimal("100")  # one activity: more than 100 CEUs is a typing mistake


def validate_ceu_hours(value: Decimal) -> None:
    if value is None:
        return
    if value <= 0:
        raise ValidationError("Give the CEUs as a number above 0, e.g. 1.5.")
    if value > CEU_MAX:
        raise ValidationError(f"One entry can hold at most {CEU_MAX:.0f} CEUs.")
    if value % CEU_STEP:
        raise ValidationError("CEUs count in quarter hours: e.g. 1, 1.25, 1.5 or 1.75.")


class CeuEntryQuerySet(models.QuerySet):
    def owned_by(self, user) -> CeuEntryQuerySet:
        """Every CEU entry lookup goes through here: a person sees only their own."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(profile__user=user)


class CeuEntry(models.Model):
    """One continuing-education activity, counted toward one or more held credentials."""

    profile = models.ForeignKey(Profile, models.CASCADE, related_name="ceu_entries")
    day = models.DateField("date")
    hours = models.DecimalField(
        "CEUs", max_digits=5, decimal_places=2, validators=[validate_ceu_hours]
    )
    title = models.CharField(max_length=200)
    provider = models.CharField(max_length=200, blank=True)
    from_issuer = models.BooleanField(
        "given by the issuing body or its component association",
        default=False,
        help_text="AHIMA or a state HIM association: AHIMA wants 40% of your CEUs from them.",
    )
    counts_toward = models.JSONField(
        default=list, help_text="Slugs of the held credentials this entry counts toward."
    )
    created = models.DateTimeField(auto_now_add=True)

    objects = CeuEntryQuerySet.as_manager()

    class Meta:
        ordering = ["-day", "-pk"]
        verbose_name = "CEU entry"
        verbose_name_plural = "CEU entries"

    def __str__(self) -> str:
        return f"{self.title} ({self.hours} CEUs on {self.day})"

    def get_absolute_url(self) -> str:
        return reverse("planner:ceu-edit", args=[self.pk])


class SentReminder(models.Model):
    """One reminder sent: `send_reminders` sends each (person, kind, subject, threshold) once."""

    class Kind(models.TextChoices):
        RENEWAL = "renewal", "Renewal deadline"
        ELIGIBLE = "eligible", "Eligible for a planned exam"

    profile = models.ForeignKey(Profile, models.CASCADE, related_name="sent_reminders")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    subject = models.CharField(
        max_length=200, help_text="The cycle's key, or the plan and credential."
    )
    threshold = models.PositiveSmallIntegerField(
        default=0, help_text="Days before the deadline (60, 30, 7); 0 for an eligibility date."
    )
    sent = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "kind", "subject", "threshold"], name="one_reminder_each"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.subject} ({self.threshold})"


class PlanLinkQuerySet(models.QuerySet):
    def by_token(self, token: str) -> PlanLinkQuerySet:
        """The link for `token`, looked up by its hash: the token itself is never stored."""
        return self.filter(token_hash=PlanLink.hash(token))


class PlanLink(models.Model):
    """A private address for one plan, opened without signing in: the token is the
    credential. A calendar link serves the plan's milestones as an ICS feed; a share link
    shows the roadmap read-only. One of each kind a plan at most; revoking deletes the row,
    so a revoked token answers 404 like one never made. Only a SHA-256 of the token is
    kept, so a database copy opens no plan: the owner sees the address once, on making it."""

    class Kind(models.TextChoices):
        CALENDAR = "calendar", "Calendar subscription"
        SHARE = "share", "Read-only share link"

    plan = models.ForeignKey(Plan, models.CASCADE, related_name="links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    token_hash = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    objects = PlanLinkQuerySet.as_manager()

    class Meta:
        ordering = ["kind"]
        constraints = [models.UniqueConstraint(fields=["plan", "kind"], name="one_link_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for plan {self.plan_id}"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def renew(cls, plan: Plan, kind: str) -> str:
        """A new token of `kind` for `plan`; the previous one, if any, stops working."""
        token = secrets.token_urlsafe(32)
        cls.objects.update_or_create(plan=plan, kind=kind, defaults={"token_hash": cls.hash(token)})
        return token
