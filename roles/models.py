"""The career catalog: roles, the moves between them, credentials and their rules, programs.

Every rule and figure names a Source. A Route is one conjunction of conditions; a
requirement is the set of routes that belong to one owner (a credential's rule set, a
move between roles, a role's direct hire, a program's admission) and holds when any one
route does. The shipped dataset (roles/data/catalog.json) maps one-to-one onto these rows.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator, URLValidator
from django.db import models
from django.db.models import Case, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import Lead
from django.urls import reverse
from simple_history.models import HistoricalRecords

from planner import engine


def validate_source_address(value: str) -> None:
    """A web page, or a `urn:` for a source with no public address (the career guide)."""
    if not value.startswith("urn:"):
        URLValidator(schemes=["http", "https"])(value)


# Routes are edited inline on their owner's page: the owner's history entry says how they
# changed, in words that can be longer than django-simple-history's default 100 characters.
def route_changes_field() -> models.TextField:
    return models.TextField(null=True)


slug_validator = RegexValidator(
    r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "Use lower-case letters, digits and single hyphens."
)


def one_line_ending(text: str) -> str:
    r"""Text whose lines end in \n only: a browser posts \r\n, and the dataset file has \n."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def SlugField(**kwargs):  # noqa: N802 - reads like the field it builds
    return models.CharField(max_length=60, unique=True, validators=[slug_validator], **kwargs)


class EducationLevel(models.TextChoices):
    """Ordered: each level includes the ones before it."""

    NONE = "none", "No diploma"
    HIGH_SCHOOL = "high-school", "High school diploma or equivalent"
    ASSOCIATE = "associate", "Associate degree"
    BACHELOR = "bachelor", "Bachelor's degree"
    MASTER = "master", "Master's degree"
    DOCTORATE = "doctorate", "Doctorate"

    @classmethod
    def rank(cls, value: str) -> int:
        return cls.values.index(value)


class Source(models.Model):
    slug = SlugField()
    url = models.CharField(
        "address",
        max_length=500,
        validators=[validate_source_address],
        help_text="Where the fact can be checked: a web address, or urn:… for a document.",
    )
    title = models.CharField(max_length=200)
    as_of = models.DateField("as of", help_text="The date the page was read or states.")
    verified = models.BooleanField(
        default=True, help_text="Untick for facts the issuing body has not confirmed."
    )
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ExperienceKind(models.Model):
    """Experience is typed: CDI years count toward CCDS, privacy years toward CHPS."""

    slug = SlugField()
    name = models.CharField(max_length=100)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Licence(models.Model):
    slug = SlugField()
    name = models.CharField(max_length=100)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Program(models.Model):
    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", "Certificate"
        COURSE = "course", "Course"
        ASSOCIATE = "associate", "Associate degree"
        BACHELOR = "bachelor", "Bachelor's degree"
        POST_BACC = "post-bacc", "Post-baccalaureate certificate"
        MASTER = "master", "Master's degree"

    slug = SlugField()
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    description = models.TextField(blank=True)
    months_min = models.PositiveSmallIntegerField("shortest (months)")
    months_max = models.PositiveSmallIntegerField("longest (months)")
    months_typical = models.PositiveSmallIntegerField("typical (months)")
    duration_source = models.ForeignKey(Source, models.PROTECT, related_name="+")
    cost_min = models.PositiveIntegerField("lowest cost (USD)", null=True, blank=True)
    cost_max = models.PositiveIntegerField("highest cost (USD)", null=True, blank=True)
    cost_source = models.ForeignKey(Source, models.PROTECT, null=True, blank=True, related_name="+")
    grants_level = models.CharField(
        max_length=20, choices=EducationLevel.choices, blank=True, help_text="Blank if none."
    )
    work_while_studying = models.BooleanField(
        default=True, help_text="Can be studied part-time beside a job."
    )

    history = HistoricalRecords(history_change_reason_field=route_changes_field())

    class Meta:
        ordering = ["months_typical", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(months_min__lte=models.F("months_max")),
                name="program_months_min_lte_max",
                violation_error_message="The shortest duration is longer than the longest.",
            ),
            models.CheckConstraint(
                condition=Q(months_typical__gte=models.F("months_min"))
                & Q(months_typical__lte=models.F("months_max")),
                name="program_months_typical_in_range",
                violation_error_message="The typical duration must lie within the range.",
            ),
            models.CheckConstraint(
                condition=Q(cost_min__isnull=True)
                | Q(cost_max__isnull=True)
                | Q(cost_min__lte=models.F("cost_max")),
                name="program_cost_min_lte_max",
                violation_error_message="The lowest cost is higher than the highest.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if (self.cost_min is not None or self.cost_max is not None) and not self.cost_source_id:
            raise ValidationError({"cost_source": "A cost needs a source."})


class CredentialQuerySet(models.QuerySet):
    def by_issuer(self):
        return self.order_by("issuer", "acronym")

    def with_detail(self):
        """Everything the credential page shows, in a fixed number of queries."""
        rule_sets = (
            RuleSet.objects.with_replaced_on()
            .select_related("source")
            .prefetch_related(Prefetch("routes", queryset=Route.objects.for_display()))
        )
        return self.select_related("exam_source", "renewal_source").prefetch_related(
            "supersedes", Prefetch("rule_sets", queryset=rule_sets)
        )


class Credential(models.Model):
    class Issuer(models.TextChoices):
        AHIMA = "ahima", "AHIMA"
        AAPC = "aapc", "AAPC"
        ACDIS = "acdis", "ACDIS"

    class EarnedBy(models.TextChoices):
        EXAM = "exam", "Passing an exam"
        GRANT = "grant", "Granted when the conditions hold"

    slug = SlugField(help_text="The lower-case acronym, e.g. ccs-p.")
    acronym = models.CharField(max_length=20)
    name = models.CharField(max_length=200)
    issuer = models.CharField(max_length=10, choices=Issuer.choices)
    description = models.TextField(blank=True)
    scope = models.CharField(max_length=300, blank=True)
    earned_by = models.CharField(max_length=10, choices=EarnedBy.choices, default=EarnedBy.EXAM)
    supersedes = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="superseded_by",
        help_text="Holding this credential also counts as holding these (RHIA replaces RHIT).",
    )
    exam_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    exam_items = models.PositiveSmallIntegerField(null=True, blank=True)
    exam_fee_usd = models.PositiveIntegerField("exam fee (USD)", null=True, blank=True)
    exam_fee_note = models.CharField(max_length=300, blank=True)
    exam_source = models.ForeignKey(Source, models.PROTECT, null=True, blank=True, related_name="+")
    renewal_cycle_months = models.PositiveSmallIntegerField(null=True, blank=True)
    renewal_ceus = models.PositiveSmallIntegerField("CEUs per cycle", null=True, blank=True)
    renewal_note = models.CharField(max_length=300, blank=True)
    renewal_source = models.ForeignKey(
        Source, models.PROTECT, null=True, blank=True, related_name="+"
    )
    renewal_subject_ceus = models.PositiveSmallIntegerField(
        "CEUs in one subject",
        null=True,
        blank=True,
        help_text="How many of the cycle's CEUs must be in one subject (CPMA: 16 in auditing).",
    )
    renewal_subject = models.CharField(
        "subject", max_length=60, blank=True, help_text="That subject, e.g. auditing."
    )
    apprentice_deadline_months = models.PositiveSmallIntegerField(
        "months to remove the apprentice designation",
        null=True,
        blank=True,
        help_text="For an apprentice designation (CPC-A): months from the pass date by which "
        "it must be removed. Blank where the issuer's rule is not in our sources.",
    )
    apprentice_note = models.TextField("what removes the apprentice designation", blank=True)
    apprentice_source = models.ForeignKey(
        Source,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Set for an apprentice designation only: where its removal rule comes from.",
    )

    objects = CredentialQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["acronym"]

    def __str__(self) -> str:
        return f"{self.acronym} — {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("roles:credential-detail", args=[self.slug])

    def clean(self):
        exam = (self.exam_minutes, self.exam_items, self.exam_fee_usd)
        if any(value is not None for value in exam) and not self.exam_source_id:
            raise ValidationError({"exam_source": "Exam figures need a source."})
        renewal = (self.renewal_cycle_months, self.renewal_ceus)
        if any(value is not None for value in renewal) and not self.renewal_source_id:
            raise ValidationError({"renewal_source": "Renewal figures need a source."})
        if self.renewal_subject_ceus is not None and not self.renewal_subject.strip():
            raise ValidationError({"renewal_subject": "Name the subject those CEUs must be in."})
        apprentice = (self.apprentice_deadline_months, self.apprentice_note.strip() or None)
        if any(value is not None for value in apprentice) and not self.apprentice_source_id:
            raise ValidationError(
                {"apprentice_source": "An apprentice designation's removal rule needs a source."}
            )

    @property
    def is_apprentice(self) -> bool:
        return self.apprentice_source_id is not None

    def rule_set_on(self, day: date) -> RuleSet | None:
        """The rule set in force on a day: the latest one effective on or before it."""
        in_force = [rule_set for rule_set in self.rule_sets.all() if rule_set.effective <= day]
        return max(in_force, key=lambda rule_set: rule_set.effective, default=None)


class RenewalPolicy(models.Model):
    """How one issuing body keeps its credentials current: the cycle, the date it runs to,
    how the CEU total grows with the number of its credentials a person holds.

    The per-credential figure (Credential.renewal_ceus) is the base; the policy says how
    several of one body's credentials combine: AHIMA starts from the highest base and adds
    `extra_ceus` per extra credential up to `max_ceus`; AAPC's 36/40/44/48/52 is a base of
    36 plus 4 per extra, 52 at most. A body whose credentials each renew on their own
    (ACDIS) is not `shared`.
    """

    class Anchor(models.TextChoices):
        PASS_DATE = "pass-date", "The date the exam was passed"
        MEMBERSHIP_DATE = "membership-date", "The membership renewal date"

    issuer = models.CharField(max_length=10, choices=Credential.Issuer.choices, unique=True)
    cycle_months = models.PositiveSmallIntegerField("cycle (months)")
    anchor = models.CharField(
        "cycle runs to", max_length=20, choices=Anchor.choices, default=Anchor.PASS_DATE
    )
    shared = models.BooleanField(
        "one shared cycle",
        default=False,
        help_text="One cycle and one CEU total for all of the body's credentials a person "
        "holds; untick when each credential renews on its own.",
    )
    extra_ceus = models.PositiveSmallIntegerField(
        "CEUs per extra credential",
        null=True,
        blank=True,
        help_text="What each credential beyond the first adds to the shared total.",
    )
    max_ceus = models.PositiveSmallIntegerField(
        "most CEUs", null=True, blank=True, help_text="The shared total's cap."
    )
    prorate_first_period = models.BooleanField(
        "first period pro-rated",
        default=False,
        help_text="The first period, from the pass date to the first due date, needs "
        "proportionally fewer CEUs.",
    )
    issuer_share_percent = models.PositiveSmallIntegerField(
        "share from the body (%)",
        null=True,
        blank=True,
        help_text="The share of the CEUs that must come from the body or its component "
        "associations (AHIMA: 40).",
    )
    issuer_share_from = models.DateField(
        "share rule applies from",
        null=True,
        blank=True,
        help_text="Cycles ending on or after this date must meet the share.",
    )
    grace_days = models.PositiveSmallIntegerField(
        "grace period (days)", null=True, blank=True, help_text="Days allowed after the due date."
    )
    source = models.ForeignKey(Source, models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["issuer"]
        verbose_name_plural = "renewal policies"
        constraints = [
            models.CheckConstraint(
                condition=Q(issuer_share_percent__isnull=True) | Q(issuer_share_percent__lte=100),
                name="renewal_share_at_most_100",
                violation_error_message="A share is at most 100%.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_issuer_display()} renewal policy"

    def clean(self):
        if self.cycle_months == 0:
            raise ValidationError({"cycle_months": "A cycle lasts at least 1 month."})
        if (self.issuer_share_percent is None) != (self.issuer_share_from is None):
            raise ValidationError(
                {"issuer_share_from": "Give the share and the date it applies from together."}
            )


class RuleSetQuerySet(models.QuerySet):
    def with_replaced_on(self):
        """Annotate `replaced_on`: the date the credential's next rule set takes over."""
        return self.annotate(
            replaced_on=Window(
                Lead("effective"), partition_by=F("credential_id"), order_by="effective"
            )
        )


class RuleSet(models.Model):
    """A credential's rules from one date until the next rule set takes over."""

    credential = models.ForeignKey(Credential, models.CASCADE, related_name="rule_sets")
    effective = models.DateField(help_text="In force from this date until the next rule set's.")
    effective_published = models.BooleanField(
        "the issuer published this date",
        default=False,
        help_text="Tick only when the issuer states the date these rules took effect. "
        "Otherwise the date only orders the rule sets, and the site says "
        "“current rules, checked <date the source was read>” instead.",
    )
    source = models.ForeignKey(Source, models.PROTECT, related_name="+")
    note = models.TextField(
        blank=True, help_text="What changed, or where the career guide disagrees."
    )

    objects = RuleSetQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=route_changes_field())

    class Meta:
        ordering = ["credential", "-effective"]
        constraints = [
            models.UniqueConstraint(
                fields=["credential", "effective"],
                name="one_rule_set_per_credential_and_date",
                violation_error_message="This credential already has a rule set from that date.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.credential.acronym} rules from {self.effective:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return self.credential.get_absolute_url()

    def routes_of(self, strength: str) -> list[Route]:
        return [route for route in self.routes.all() if route.strength == strength]


class RoleQuerySet(models.QuerySet):
    def entry_points(self):
        return self.filter(hire_routes__isnull=False).distinct()

    def matching(self, level: str = "", track: str = "", setting: str = ""):
        """Roles with the given level, track and setting; a blank value matches any."""
        wanted = {"level": level, "track": track, "setting": setting}
        return self.filter(**{name: value for name, value in wanted.items() if value})

    def by_level(self):
        """Entry roles first, directors last; by title within a level."""
        rank = Case(
            *(When(level=value, then=Value(i)) for i, value in enumerate(Role.Level.values)),
            default=Value(len(Role.Level.values)),
        )
        return self.order_by(rank, "title")

    def with_detail(self):
        """The role and the rows it names directly (the role page fetches its moves and
        all their routes and its own in two more goes: roles.views.role_detail)."""
        return self.select_related(
            "salary_source", "median_pay_source", "outlook_source", "hire_source"
        ).prefetch_related("accrues")


class Role(models.Model):
    class Track(models.TextChoices):
        LADDER = "ladder", "Inpatient coding ladder"
        SPECIALISATION = "specialisation", "Specialization"
        LATERAL = "lateral", "Lateral move"
        RELATED = "related", "Related career"

    class Level(models.TextChoices):
        ENTRY = "entry", "Entry"
        MID = "mid", "Mid"
        SENIOR = "senior", "Senior"
        LEAD = "lead", "Lead"
        MANAGER = "manager", "Manager"
        DIRECTOR = "director", "Director"

    class Setting(models.TextChoices):
        INPATIENT = "inpatient", "Hospital inpatient"
        OUTPATIENT = "outpatient", "Hospital outpatient"
        PROFESSIONAL = "professional", "Physician practice"
        MIXED = "mixed", "Inpatient and outpatient"
        REVENUE_CYCLE = "revenue-cycle", "Revenue cycle"
        ADMINISTRATION = "administration", "HIM administration"

    class Remote(models.TextChoices):
        ONSITE = "onsite", "On site"
        HYBRID = "hybrid", "Hybrid or remote often available"
        REMOTE = "remote", "Mostly remote"

    slug = SlugField()
    title = models.CharField(max_length=120)
    summary = models.TextField()
    responsibilities = models.TextField(blank=True, help_text="One per line.")
    track = models.CharField(max_length=20, choices=Track.choices)
    level = models.CharField(max_length=20, choices=Level.choices)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    code_sets = models.CharField(
        max_length=200, blank=True, help_text="Comma-separated, e.g. ICD-10-CM, ICD-10-PCS."
    )
    salary_min = models.PositiveIntegerField("salary from (USD a year)", null=True, blank=True)
    salary_max = models.PositiveIntegerField("salary to (USD a year)", null=True, blank=True)
    salary_source = models.ForeignKey(
        Source, models.PROTECT, null=True, blank=True, related_name="+"
    )
    median_pay = models.PositiveIntegerField(
        "BLS median pay (USD a year)",
        null=True,
        blank=True,
        help_text="The Bureau of Labor Statistics' median yearly pay for the occupation the "
        "role belongs to, shown beside the salary band.",
    )
    median_pay_year = models.PositiveSmallIntegerField(
        "year of the median", null=True, blank=True, help_text="The year the wages were paid."
    )
    median_pay_source = models.ForeignKey(
        Source, models.PROTECT, null=True, blank=True, related_name="+"
    )
    remote = models.CharField(max_length=10, choices=Remote.choices, default=Remote.ONSITE)
    outlook = models.CharField("job outlook", max_length=300, blank=True)
    outlook_source = models.ForeignKey(
        Source, models.PROTECT, null=True, blank=True, related_name="+"
    )
    environment = models.TextField(blank=True)
    schedule = models.TextField(blank=True)
    productivity = models.TextField(blank=True)
    accuracy = models.TextField(blank=True)
    accrues = models.ManyToManyField(
        ExperienceKind,
        blank=True,
        related_name="roles",
        help_text="Kinds of experience a person earns while holding this role.",
    )
    hire_source = models.ForeignKey(
        Source,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Where the direct-hire routes come from.",
    )

    objects = RoleQuerySet.as_manager()
    history = HistoricalRecords(history_change_reason_field=route_changes_field())

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="role_salary_min_lte_max",
                violation_error_message="The lowest salary is higher than the highest.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("roles:role-detail", args=[self.slug])

    def clean(self):
        if (self.salary_min is None) != (self.salary_max is None):
            raise ValidationError("Give both ends of the salary band, or neither.")
        if self.salary_min is not None and not self.salary_source_id:
            raise ValidationError({"salary_source": "A salary band needs a source."})
        if self.median_pay is not None and not (self.median_pay_year and self.median_pay_source_id):
            raise ValidationError(
                {"median_pay_source": "A median pay needs its year and its source."}
            )
        if self.outlook and not self.outlook_source_id:
            raise ValidationError({"outlook_source": "A job outlook needs a source."})

    @property
    def code_set_list(self) -> list[str]:
        return [code.strip() for code in self.code_sets.split(",") if code.strip()]

    @property
    def responsibility_list(self) -> list[str]:
        return [line.strip() for line in self.responsibilities.splitlines() if line.strip()]


class Move(models.Model):
    """An advancement edge: from one role to another, and what it takes."""

    class Kind(models.TextChoices):
        PROMOTION = "promotion", "Promotion"
        SPECIALISATION = "specialisation", "Specialization"
        LATERAL = "lateral", "Lateral move"

    from_role = models.ForeignKey(Role, models.CASCADE, related_name="moves_out")
    to_role = models.ForeignKey(Role, models.CASCADE, related_name="moves_in")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    typical_months = models.PositiveSmallIntegerField(
        help_text="Typical time in the first role before the move."
    )
    source = models.ForeignKey(Source, models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    history = HistoricalRecords(history_change_reason_field=route_changes_field())

    class Meta:
        ordering = ["from_role__title", "to_role__title"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_role", "to_role"],
                name="one_move_per_pair",
                violation_error_message="There is already a move between these two roles.",
            ),
            models.CheckConstraint(
                condition=~Q(from_role=models.F("to_role")),
                name="move_not_to_itself",
                violation_error_message="A role cannot lead to itself.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.from_role} → {self.to_role}"

    def get_absolute_url(self) -> str:
        return self.from_role.get_absolute_url()

    def clean(self):
        if self.typical_months == 0:
            raise ValidationError(
                {
                    "typical_months": "A move takes some time in the first role: give at least "
                    "1 month (how long people typically stay before the move)."
                }
            )
        if self.kind == self.Kind.PROMOTION and self.from_role_id and self.to_role_id:
            if self.to_role_id == self.from_role_id:
                return  # the check constraint reports it
            if self._promotion_path_exists(self.to_role_id, self.from_role_id):
                raise ValidationError(
                    {"to_role": "This promotion would make a cycle: that role already leads back."}
                )

    def _promotion_path_exists(self, start: int, goal: int) -> bool:
        promotions = Move.objects.filter(kind=self.Kind.PROMOTION).exclude(pk=self.pk)
        edges: dict[int, list[int]] = {}
        for from_id, to_id in promotions.values_list("from_role_id", "to_role_id"):
            edges.setdefault(from_id, []).append(to_id)
        seen, frontier = {start}, [start]
        while frontier:
            node = frontier.pop()
            if node == goal:
                return True
            for nxt in edges.get(node, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append(nxt)
        return False


class RouteQuerySet(models.QuerySet):
    def required_first(self):
        """A rule set's required routes, then its recommended ones, each in their order."""
        advised_last = Case(When(strength=Route.Strength.RECOMMENDED, then=Value(1)), default=0)
        return self.order_by(advised_last, "position", "pk")

    def for_display(self):
        """What Route.describe() reads, fetched up front."""
        return self.select_related("current_role_accrues").prefetch_related(
            "programs",
            "credentials",
            "licences",
            Prefetch("experience", queryset=RouteExperience.objects.select_related("kind")),
        )


class Route(models.Model):
    """One way to meet a requirement: every condition set here must hold together.

    A route belongs to exactly one owner. Lists (programs, credentials, licences) are
    "any of"; experience terms are "all of".
    """

    class Strength(models.TextChoices):
        REQUIRED = "required", "Required (hard gate)"
        RECOMMENDED = "recommended", "Recommended (advised readiness)"

    rule_set = models.ForeignKey(
        RuleSet, models.CASCADE, null=True, blank=True, related_name="routes"
    )
    strength = models.CharField(
        max_length=12,
        choices=Strength.choices,
        blank=True,
        help_text="For a credential's rule set: must hold, or advised.",
    )
    move = models.ForeignKey(Move, models.CASCADE, null=True, blank=True, related_name="routes")
    hire_role = models.ForeignKey(
        Role, models.CASCADE, null=True, blank=True, related_name="hire_routes"
    )
    admission_program = models.ForeignKey(
        Program, models.CASCADE, null=True, blank=True, related_name="admission_routes"
    )
    position = models.PositiveSmallIntegerField(default=0)
    education = models.CharField(
        "education at least",
        max_length=20,
        choices=EducationLevel.choices,
        blank=True,
    )
    programs = models.ManyToManyField(
        Program, blank=True, related_name="+", help_text="Completed any one of these."
    )
    credentials = models.ManyToManyField(
        Credential, blank=True, related_name="+", help_text="Holds any one of these."
    )
    licences = models.ManyToManyField(
        Licence, blank=True, related_name="+", help_text="Holds any one of these."
    )
    current_role_accrues = models.ForeignKey(
        ExperienceKind,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Currently holds a role that earns this kind of experience.",
    )
    note = models.CharField(max_length=300, blank=True)

    objects = RouteQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[programs, credentials, licences])

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(rule_set__isnull=False, move=None, hire_role=None, admission_program=None)
                    & ~Q(strength="")
                )
                | Q(rule_set=None, move__isnull=False, hire_role=None, admission_program=None)
                | Q(rule_set=None, move=None, hire_role__isnull=False, admission_program=None)
                | Q(rule_set=None, move=None, hire_role=None, admission_program__isnull=False),
                name="route_has_one_owner",
                violation_error_message="A route belongs to exactly one rule set, move, "
                "role or program.",
            )
        ]

    def __str__(self) -> str:
        return self.describe()

    def get_absolute_url(self) -> str:
        owner = self.rule_set or self.move or self.hire_role or self.admission_program
        return owner.get_absolute_url() if hasattr(owner, "get_absolute_url") else "/"

    def describe(self) -> str:
        """The route in plain words, by the engine's one describer, so the catalog pages
        and the roadmap's reasons word a route alike: "high school diploma + CCA + 12
        months of coding experience". Reads what `Route.objects.for_display()` fetches."""
        programs, credentials = self.programs.all(), self.credentials.all()
        licences, terms = self.licences.all(), self.experience.all()
        kinds = {term.kind.slug: term.kind.name for term in terms}
        if self.current_role_accrues_id:
            kinds[self.current_role_accrues.slug] = self.current_role_accrues.name
        route = engine.Route(
            education=engine.Education(self.education) if self.education else None,
            programs=tuple(program.slug for program in programs),
            credentials=tuple(credential.slug for credential in credentials),
            licences=tuple(licence.slug for licence in licences),
            experience=tuple(engine.ExperienceNeed(term.kind.slug, term.months) for term in terms),
            current_role_accrues=(
                self.current_role_accrues.slug if self.current_role_accrues_id else None
            ),
        )
        names = engine.RouteNames(
            programs={program.slug: program.name for program in programs},
            credentials={credential.slug: credential.acronym for credential in credentials},
            licences={licence.slug: licence.name for licence in licences},
            kinds=kinds,
        )
        return engine.describe_route(route, names)


class RouteExperience(models.Model):
    """Months of one kind of experience a route needs."""

    route = models.ForeignKey(Route, models.CASCADE, related_name="experience")
    kind = models.ForeignKey(ExperienceKind, models.PROTECT, related_name="+")
    months = models.PositiveSmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["route", "kind"],
                name="one_experience_term_per_kind",
                violation_error_message="This route already counts that kind of experience.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.months} months of {self.kind}"


class CatalogVersion(models.Model):
    """A counter bumped on every catalog change, so every process can drop its snapshot."""

    number = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Catalog version {self.number}"

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("number", flat=True).first() or 0

    @classmethod
    def bump(cls) -> None:
        updated = cls.objects.filter(pk=1).update(number=models.F("number") + 1)
        if not updated:
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
