"""The roadmap engine: the earliest dated path from a person's situation to a role or a
credential, and a date-accurate credential eligibility report.

Pure Python on purpose, no Django import: `Catalog.from_document(doc)` builds an immutable
snapshot from the catalog document (docs/catalog-format.md) and `plan()` turns a `Person`, a
`Target` and `Options` into a `Roadmap`; `plan_many()` plans several targets for one person,
`diff()` compares two roadmaps by step key.

Semantics (where the issue left room, the choice made here):
- Time moves in whole months from the start date (add_months keeps the day, clamped).
- Experience accrues only in a role that accrues that kind, one month a month; studying
  pauses work unless the person studies while working (`study_while_working`, default off)
  and the program allows it; then the role's experience and time in role still build. Work
  meanwhile is full time. Dated positions count whole months up to the start date (part
  time at half rate, a month counted once per kind); an ongoing position sets the current
  role and the months already spent in it.
- A move is hired (the role's `hire` routes) or along an edge from the current role; under
  the recommended pace it also waits the edge's `typical_months` in the current role.
- Ties on the finish go to the lower known cost (unknown costs count as 0), then to fewer
  steps: the search prefers plans that get further sooner, and steps that nothing needs
  (an exam, a program whose months could be plain work) are then dropped, so no step of a
  roadmap can be removed; it is not a global minimum of steps.
- A waypoint (`via`) is passed literally: that program completed, that credential earned
  (or held at the start), that role held. `avoid` takes programs, credentials or roles.
- A rule set is in force from the first month whose date is on or after its `effective`.

How the search works: A* over states (month, education, programs done, credentials held,
current role, months of experience by kind, months in the current role, waypoints passed),
ordered by (estimated finish, known cost, later month first, steps). Actions: study a
program (its typical months), sit an exam or be granted a credential, move into a role
(both 0 months), and wait in the current role. A wait jumps straight to the next month at
which something can change: an experience or time-in-role threshold that some route
mentions is crossed, or a rule set takes effect. The estimate (`_Bound`) never overstates
the months left. Only what can matter for the goal is considered (found by walking the
requirements backwards); an exam is only taken when it unblocks something at once (or its
eligibility could be lost), a program only when an unmet requirement could use it; and a
state is dropped when an expanded one is at least as good in every respect.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from types import MappingProxyType
from typing import Any

__all__ = [
    "HORIZON_MONTHS",
    "REQUEST_FIELDS",
    "Catalog",
    "Check",
    "Credential",
    "EarnedBy",
    "Education",
    "Eligibility",
    "Exam",
    "ExperienceNeed",
    "InputError",
    "Move",
    "MoveKind",
    "Options",
    "Person",
    "Position",
    "Program",
    "Readiness",
    "Ref",
    "RefKind",
    "Role",
    "Roadmap",
    "RoadmapDiff",
    "Route",
    "RuleSet",
    "Salary",
    "Source",
    "Status",
    "Step",
    "StepKind",
    "Target",
    "TargetKind",
    "add_months",
    "diff",
    "months_between",
    "plan",
    "plan_many",
]

HORIZON_MONTHS = 480  # 40 years: a plan that needs longer is reported unreachable


# --- Kinds and statuses -------------------------------------------------------------------


class Education(StrEnum):
    """Education levels, in order (not in the catalog file)."""

    NONE = "none"
    HIGH_SCHOOL = "high-school"
    ASSOCIATE = "associate"
    BACHELOR = "bachelor"
    MASTER = "master"
    DOCTORATE = "doctorate"

    @property
    def rank(self) -> int:
        return _EDUCATION_RANK[self]

    @property
    def words(self) -> str:
        return _EDUCATION_WORDS[self]


_EDUCATION_RANK = {level: rank for rank, level in enumerate(Education)}
_EDUCATION_BY_RANK = tuple(Education)
_EDUCATION_WORDS = {
    Education.NONE: "no formal education",
    Education.HIGH_SCHOOL: "high school diploma",
    Education.ASSOCIATE: "associate degree",
    Education.BACHELOR: "bachelor's degree",
    Education.MASTER: "master's degree",
    Education.DOCTORATE: "doctorate",
}


class Readiness(StrEnum):
    """When to sit an exam: once the hard requirement holds, or once a recommended route
    holds too (the default)."""

    REQUIRED = "required"
    RECOMMENDED = "recommended"


class EarnedBy(StrEnum):
    EXAM = "exam"
    GRANT = "grant"


class MoveKind(StrEnum):
    PROMOTION = "promotion"
    SPECIALISATION = "specialisation"
    LATERAL = "lateral"


class StepKind(StrEnum):
    STUDY = "study"
    WORK = "work"
    EXAM = "exam"
    GRANT = "grant"
    MOVE = "move"


class Status(StrEnum):
    MET = "met"
    LATER = "later"
    BLOCKED = "blocked"


class TargetKind(StrEnum):
    ROLE = "role"
    CREDENTIAL = "credential"


class RefKind(StrEnum):
    """What a waypoint (`via`) or an `avoid` entry names."""

    PROGRAM = "program"
    CREDENTIAL = "credential"
    ROLE = "role"


class InputError(ValueError):
    """A request the catalog cannot plan: unknown slug, negative months, impossible
    combination. `field` is the request field to blame (the command maps this to exit 2,
    the API to HTTP 422)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# --- Month arithmetic ---------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, keeping the day of month, clamped to the month's end."""
    year, month0 = divmod(day.month - 1 + months, 12)
    year += day.year
    return date(year, month0 + 1, min(day.day, monthrange(year, month0 + 1)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months from `start` to `end`: the largest n with add_months(start, n) <= end."""
    if end <= start:
        return 0
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if add_months(start, months) > end else months


def _month_offset(start: date, day: date) -> int:
    """The first month offset t with add_months(start, t) >= day (0 if day <= start)."""
    if day <= start:
        return 0
    months = months_between(start, day)
    return months if add_months(start, months) >= day else months + 1


def _months_words(months: int) -> str:
    return f"{months} month" if months == 1 else f"{months} months"


def _lower_first(name: str) -> str:
    """'Medical coding' -> 'medical coding'; 'CDI (inpatient)' stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


# --- The catalog snapshot -----------------------------------------------------------------


def _frozen_map(items: Iterable[tuple[str, Any]]) -> Mapping[str, Any]:
    return MappingProxyType(dict(items))


def _date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


@dataclass(frozen=True)
class ExperienceNeed:
    kind: str
    months: int


@dataclass(frozen=True)
class Route:
    """A conjunction: every condition given must hold. An empty route always holds."""

    education: Education | None = None
    programs: tuple[str, ...] = ()  # completed any one
    credentials: tuple[str, ...] = ()  # holds any one
    licences: tuple[str, ...] = ()  # holds any one
    experience: tuple[ExperienceNeed, ...] = ()  # all of these
    current_role_accrues: str | None = None
    note: str = ""

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> Route:
        return cls(
            education=Education(doc["education"]) if doc.get("education") else None,
            programs=tuple(doc.get("programs") or ()),
            credentials=tuple(doc.get("credentials") or ()),
            licences=tuple(doc.get("licences") or ()),
            experience=tuple(
                ExperienceNeed(need["kind"], int(need["months"]))
                for need in doc.get("experience") or ()
            ),
            current_role_accrues=doc.get("current_role_accrues") or None,
            note=doc.get("note") or "",
        )


def _routes(docs: Iterable[Mapping[str, Any]] | None) -> tuple[Route, ...]:
    return tuple(Route.from_document(doc) for doc in docs or ())


@dataclass(frozen=True)
class Source:
    slug: str
    title: str
    url: str
    as_of: date | None
    verified: bool


@dataclass(frozen=True)
class Program:
    slug: str
    name: str
    kind: str
    months: int  # the planning duration: months_typical, else the min/max midpoint
    cost: int | None  # typical cost: the cost_min/cost_max midpoint, else the one known
    grants_level: Education | None
    work_while_studying: bool
    admission: tuple[Route, ...]  # () = open to anyone
    months_min: int | None = None
    months_max: int | None = None
    cost_min: int | None = None
    cost_max: int | None = None

    @classmethod
    def from_document(cls, slug: str, doc: Mapping[str, Any]) -> Program:
        low, high, typical = doc.get("months_min"), doc.get("months_max"), doc.get("months_typical")
        if typical is None:
            typical = (low + high) // 2 if low is not None and high is not None else low or high
        cost_min, cost_max = doc.get("cost_min"), doc.get("cost_max")
        if cost_min is not None and cost_max is not None:
            cost = (cost_min + cost_max) // 2
        else:
            cost = cost_min if cost_min is not None else cost_max
        return cls(
            slug=slug,
            name=doc.get("name") or slug,
            kind=doc.get("kind") or "",
            months=int(typical or 0),
            cost=cost,
            grants_level=Education(doc["grants_level"]) if doc.get("grants_level") else None,
            work_while_studying=bool(doc.get("work_while_studying")),
            admission=_routes(doc.get("admission")),
            months_min=low,
            months_max=high,
            cost_min=cost_min,
            cost_max=cost_max,
        )


@dataclass(frozen=True)
class Exam:
    fee_usd: int | None
    minutes: int | None = None
    items: int | None = None
    source: str | None = None


@dataclass(frozen=True)
class RuleSet:
    effective: date
    source: str | None
    note: str
    required: tuple[Route, ...]  # hard gate; () = none
    recommended: tuple[Route, ...]  # advisory readiness; () = none


@dataclass(frozen=True)
class Credential:
    slug: str
    acronym: str
    name: str
    issuer: str
    earned_by: EarnedBy
    supersedes: tuple[str, ...]
    exam: Exam | None
    rule_sets: tuple[RuleSet, ...]  # sorted by effective date

    @classmethod
    def from_document(cls, slug: str, doc: Mapping[str, Any]) -> Credential:
        exam = doc.get("exam")
        rule_sets = sorted(
            (
                RuleSet(
                    effective=_date(rule["effective"]),
                    source=rule.get("source"),
                    note=rule.get("note") or "",
                    required=_routes(rule.get("required")),
                    recommended=_routes(rule.get("recommended")),
                )
                for rule in doc.get("rule_sets") or ()
            ),
            key=lambda rule: rule.effective,
        )
        return cls(
            slug=slug,
            acronym=doc.get("acronym") or slug.upper(),
            name=doc.get("name") or slug,
            issuer=doc.get("issuer") or "",
            earned_by=EarnedBy(doc.get("earned_by") or EarnedBy.EXAM),
            supersedes=tuple(doc.get("supersedes") or ()),
            exam=(
                Exam(
                    fee_usd=exam.get("fee_usd"),
                    minutes=exam.get("minutes"),
                    items=exam.get("items"),
                    source=exam.get("source"),
                )
                if exam
                else None
            ),
            rule_sets=tuple(rule_sets),
        )

    def rule_set_on(self, day: date) -> RuleSet | None:
        """The rule set in force on `day`: the latest effective on or before it."""
        in_force = None
        for rule in self.rule_sets:
            if rule.effective <= day:
                in_force = rule
        return in_force

    @property
    def fee(self) -> int | None:
        return self.exam.fee_usd if self.exam else None


@dataclass(frozen=True)
class Move:
    target: str
    kind: MoveKind
    typical_months: int
    requires: tuple[Route, ...]  # () = none
    source: str | None = None
    note: str = ""


@dataclass(frozen=True)
class Role:
    slug: str
    title: str
    level: str
    track: str
    salary_min: int | None
    salary_max: int | None
    accrues: tuple[str, ...]
    hire: tuple[Route, ...]  # () = reached only by a move
    moves: Mapping[str, Move]

    @classmethod
    def from_document(cls, slug: str, doc: Mapping[str, Any]) -> Role:
        return cls(
            slug=slug,
            title=doc.get("title") or slug,
            level=doc.get("level") or "",
            track=doc.get("track") or "",
            salary_min=doc.get("salary_min"),
            salary_max=doc.get("salary_max"),
            accrues=tuple(doc.get("accrues") or ()),
            hire=_routes(doc.get("hire")),
            moves=_frozen_map(
                (
                    target,
                    Move(
                        target=target,
                        kind=MoveKind(move.get("kind") or MoveKind.PROMOTION),
                        typical_months=int(move.get("typical_months") or 0),
                        requires=_routes(move.get("requires")),
                        source=move.get("source"),
                        note=move.get("note") or "",
                    ),
                )
                for target, move in (doc.get("moves") or {}).items()
            ),
        )

    @property
    def salary(self) -> Salary | None:
        if self.salary_min is None and self.salary_max is None:
            return None
        return Salary(self.salary_min, self.salary_max)


@dataclass(frozen=True)
class Salary:
    min: int | None
    max: int | None

    def to_dict(self) -> dict[str, int | None]:
        return {"min": self.min, "max": self.max}


@dataclass(frozen=True, eq=False)
class Catalog:
    """Immutable snapshot of the catalog document. Indexes for the search are built once
    per catalog (`_index`), so plan many roadmaps against one Catalog."""

    programs: Mapping[str, Program]
    credentials: Mapping[str, Credential]
    roles: Mapping[str, Role]
    experience_kinds: Mapping[str, str]  # slug -> name
    licences: Mapping[str, str]  # slug -> name
    sources: Mapping[str, Source]

    @classmethod
    def from_document(cls, doc: Mapping[str, Any]) -> Catalog:
        """Build the snapshot from a catalog document (assumed validated)."""
        catalog = cls(
            programs=_frozen_map(
                (slug, Program.from_document(slug, item))
                for slug, item in (doc.get("programs") or {}).items()
            ),
            credentials=_frozen_map(
                (slug, Credential.from_document(slug, item))
                for slug, item in (doc.get("credentials") or {}).items()
            ),
            roles=_frozen_map(
                (slug, Role.from_document(slug, item))
                for slug, item in (doc.get("roles") or {}).items()
            ),
            experience_kinds=_frozen_map(
                (slug, (item or {}).get("name") or slug)
                for slug, item in (doc.get("experience_kinds") or {}).items()
            ),
            licences=_frozen_map(
                (slug, (item or {}).get("name") or slug)
                for slug, item in (doc.get("licences") or {}).items()
            ),
            sources=_frozen_map(
                (
                    slug,
                    Source(
                        slug=slug,
                        title=item.get("title") or slug,
                        url=item.get("url") or "",
                        as_of=_date(item.get("as_of")),
                        verified=bool(item.get("verified", True)),
                    ),
                )
                for slug, item in (doc.get("sources") or {}).items()
            ),
        )
        catalog._index  # noqa: B018 - build the indexes now; a bad reference fails here
        return catalog

    @cached_property
    def _index(self) -> _Index:
        return _Index(self)

    # Plain words ------------------------------------------------------------------------

    def kind_words(self, kind: str) -> str:
        return _lower_first(self.experience_kinds.get(kind, kind))

    def describe(
        self,
        route: Route,
        programs: Iterable[str] = (),
        credentials: Iterable[str] = (),
        licences: Iterable[str] = (),
    ) -> str:
        """A route in plain words: 'high school diploma + CCA + 12 months of coding
        experience'. Where a route accepts any one of several programs, credentials or
        licences and some are given (done, held), only those are named."""

        def one_of(slugs: tuple[str, ...], have: Iterable[str]) -> tuple[str, ...]:
            have = set(have)
            return tuple(slug for slug in slugs if slug in have) or slugs

        parts = []
        if route.education and route.education is not Education.NONE:
            parts.append(route.education.words)
        if route.programs:
            slugs = one_of(route.programs, programs)
            parts.append(" or ".join(self.programs[slug].name for slug in slugs))
        if route.credentials:
            slugs = one_of(route.credentials, credentials)
            parts.append(" or ".join(self.credentials[slug].acronym for slug in slugs))
        if route.licences:
            slugs = one_of(route.licences, licences)
            names = " or ".join(self.licences.get(slug, slug) for slug in slugs)
            parts.append(f"{names} licence")
        parts.extend(
            f"{_months_words(need.months)} of {self.kind_words(need.kind)} experience"
            for need in route.experience
        )
        if route.current_role_accrues:
            kind = self.kind_words(route.current_role_accrues)
            parts.append(f"currently working in a role that builds {kind} experience")
        return " + ".join(parts) if parts else "no prerequisites"

    def title_of(self, target: Target) -> str:
        if target.kind is TargetKind.ROLE:
            return self.roles[target.slug].title
        credential = self.credentials[target.slug]
        return f"{credential.name} ({credential.acronym})"

    # Requests ---------------------------------------------------------------------------

    def resolve(self, field_name: str, text: str | Ref) -> Ref:
        """Resolve a waypoint or avoid entry: 'credential:ccs', or a bare slug that names
        exactly one program, credential or role."""
        if isinstance(text, Ref):
            kind, slug = text.kind, text.slug
        elif ":" in text:
            kind_text, slug = text.split(":", 1)
            try:
                kind = RefKind(kind_text)
            except ValueError:
                raise InputError(field_name, f"unknown kind {kind_text!r} in {text!r}") from None
        else:
            kinds = [
                kind
                for kind, table in (
                    (RefKind.PROGRAM, self.programs),
                    (RefKind.CREDENTIAL, self.credentials),
                    (RefKind.ROLE, self.roles),
                )
                if text in table
            ]
            if not kinds:
                raise InputError(field_name, f"unknown program, credential or role {text!r}")
            if len(kinds) > 1:
                raise InputError(
                    field_name, f"{text!r} is ambiguous: write e.g. '{kinds[0]}:{text}'"
                )
            kind, slug = kinds[0], text
        table = {
            RefKind.PROGRAM: self.programs,
            RefKind.CREDENTIAL: self.credentials,
            RefKind.ROLE: self.roles,
        }[kind]
        if slug not in table:
            raise InputError(field_name, f"unknown {kind} {slug!r}")
        return Ref(kind, slug)

    def check_request(self, person: Person, target: Target, options: Options) -> None:
        """Raise InputError(field, message) if the request cannot be planned."""
        _Request.build(self, person, target, options)


# --- The request --------------------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    kind: RefKind
    slug: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.slug}"


@dataclass(frozen=True)
class Target:
    kind: TargetKind
    slug: str

    @classmethod
    def role(cls, slug: str) -> Target:
        return cls(TargetKind.ROLE, slug)

    @classmethod
    def credential(cls, slug: str) -> Target:
        return cls(TargetKind.CREDENTIAL, slug)

    @property
    def field(self) -> str:
        """The request field that names this target."""
        return "target" if self.kind is TargetKind.ROLE else "target_credential"


@dataclass(frozen=True)
class Position:
    """A dated job. Part-time accrues experience at half rate, in whole months."""

    role: str
    start: date
    end: date | None = None  # None = ongoing
    full_time: bool = True


@dataclass(frozen=True)
class Person:
    """A person's state at the start date. Experience given here is added to the months
    worked out from `positions`."""

    education: str = Education.NONE
    completed: Mapping[str, date | None] = field(default_factory=dict)  # program -> date
    credentials: Mapping[str, date | None] = field(default_factory=dict)  # credential -> date
    licences: frozenset[str] = frozenset()
    experience: Mapping[str, int] = field(default_factory=dict)  # kind -> months
    role: str | None = None
    positions: tuple[Position, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "completed", MappingProxyType(dict(self.completed)))
        object.__setattr__(self, "credentials", MappingProxyType(dict(self.credentials)))
        object.__setattr__(self, "experience", MappingProxyType(dict(self.experience)))
        object.__setattr__(self, "licences", frozenset(self.licences))
        object.__setattr__(self, "positions", tuple(self.positions))


@dataclass(frozen=True)
class Options:
    start: date
    readiness: str = Readiness.RECOMMENDED
    study_while_working: bool = False
    avoid: tuple[str | Ref, ...] = ()  # programs, credentials or roles never to use
    via: tuple[str | Ref, ...] = ()  # waypoints the roadmap must pass through, any order
    check: tuple[str, ...] = ()  # extra credentials for the eligibility report
    horizon_months: int = HORIZON_MONTHS

    def __post_init__(self) -> None:
        for name in ("avoid", "via", "check"):
            value = getattr(self, name)
            if isinstance(value, str | Ref):
                value = (value,)
            object.__setattr__(self, name, tuple(value))


# The request fields InputError.field can name (the command and the API use these names).
REQUEST_FIELDS = (
    "education",
    "completed",
    "credentials",
    "licences",
    "experience",
    "role",
    "positions",
    "start",
    "readiness",
    "study_while_working",
    "avoid",
    "via",
    "target",
    "target_credential",
    "check",
)


@dataclass(frozen=True)
class _Start:
    """The person's state at month 0, as indexes and bitmasks."""

    edu: int
    progs: int
    held: int  # literally held credentials
    eff: int  # held, counting what they supersede
    lic: int
    role: int  # -1 = none
    exp: tuple[int, ...]  # by kind index, uncapped
    ten: int  # months in the current role


@dataclass(frozen=True)
class _Request:
    """A checked request: everything the search needs, as indexes."""

    start_day: date
    state: _Start
    readiness: Readiness
    study_while_working: bool
    avoid: frozenset[Ref]
    via: tuple[Ref, ...]
    check: tuple[str, ...]
    horizon: int

    @classmethod
    def build(cls, catalog: Catalog, person: Person, target: Target, options: Options):
        ix = catalog._index
        start = options.start
        if not isinstance(start, date):
            raise InputError("start", f"not a date: {start!r}")
        try:
            education = Education(person.education)
        except ValueError:
            levels = ", ".join(Education)
            raise InputError(
                "education", f"unknown education level {person.education!r} (one of {levels})"
            ) from None
        try:
            readiness = Readiness(options.readiness)
        except ValueError:
            raise InputError(
                "readiness", f"unknown readiness {options.readiness!r} (required or recommended)"
            ) from None
        if not isinstance(options.study_while_working, bool):
            raise InputError("study_while_working", "must be true or false")
        if options.horizon_months <= 0:
            raise InputError("start", "the planning horizon must be positive")

        edu = education.rank
        progs = 0
        for slug, done in person.completed.items():
            program = catalog.programs.get(slug)
            if program is None:
                raise InputError("completed", f"unknown program {slug!r}")
            if done is not None and done > start:
                raise InputError("completed", f"{slug!r} is completed after the start date")
            progs |= ix.prog_bit[slug]
            if program.grants_level:
                edu = max(edu, program.grants_level.rank)
        held = eff = 0
        for slug, earned in person.credentials.items():
            if slug not in catalog.credentials:
                raise InputError("credentials", f"unknown credential {slug!r}")
            if earned is not None and earned > start:
                raise InputError("credentials", f"{slug!r} is earned after the start date")
            held |= ix.cred_bit[slug]
            eff |= ix.closure[ix.cred_ix[slug]]
        lic = 0
        for slug in person.licences:
            if slug not in catalog.licences:
                raise InputError("licences", f"unknown licence {slug!r}")
            lic |= ix.lic_bit[slug]
        exp = [0] * len(ix.kinds)
        for kind, months in person.experience.items():
            if kind not in ix.kind_ix:
                raise InputError("experience", f"unknown experience kind {kind!r}")
            if not isinstance(months, int) or months < 0:
                raise InputError("experience", f"{kind!r} months must be a whole number >= 0")
            exp[ix.kind_ix[kind]] += months
        role = person.role
        if role is not None and role not in catalog.roles:
            raise InputError("role", f"unknown role {role!r}")

        ongoing_role, tenure, from_positions = cls._positions(catalog, person, start)
        if ongoing_role is not None:
            if role is not None and role != ongoing_role:
                raise InputError(
                    "positions",
                    f"the ongoing position is {ongoing_role!r} but the current role is {role!r}",
                )
            role = ongoing_role
        for kind_index, months in from_positions.items():
            exp[kind_index] += months

        avoid = frozenset(catalog.resolve("avoid", item) for item in options.avoid)
        via = tuple(dict.fromkeys(catalog.resolve("via", item) for item in options.via))
        for ref in via:
            if ref in avoid:
                raise InputError("via", f"{ref} is also in avoid")
        table = catalog.roles if target.kind is TargetKind.ROLE else catalog.credentials
        if target.slug not in table:
            raise InputError(target.field, f"unknown {target.kind} {target.slug!r}")
        if Ref(RefKind(target.kind.value), target.slug) in avoid:
            raise InputError(target.field, f"{target.slug!r} is also in avoid")
        for slug in options.check:
            if slug not in catalog.credentials:
                raise InputError("check", f"unknown credential {slug!r}")

        return cls(
            start_day=start,
            state=_Start(
                edu=edu,
                progs=progs,
                held=held,
                eff=eff,
                lic=lic,
                role=ix.role_ix[role] if role is not None else -1,
                exp=tuple(exp),
                ten=tenure,
            ),
            readiness=readiness,
            study_while_working=options.study_while_working,
            avoid=avoid,
            via=via,
            check=tuple(dict.fromkeys(options.check)),
            horizon=options.horizon_months,
        )

    @staticmethod
    def _positions(
        catalog: Catalog, person: Person, start: date
    ) -> tuple[str | None, int, dict[int, int]]:
        """(role of the ongoing position, months in it, experience months by kind index).

        Each position covers whole months from its start; a month counts once per kind,
        fully if a full-time position accruing that kind covers it, else half."""
        ix = catalog._index
        ongoing: str | None = None
        tenure = 0
        halves: dict[int, dict[int, int]] = {}  # kind -> month number -> half-months
        for position in person.positions:
            if position.role not in catalog.roles:
                raise InputError("positions", f"unknown role {position.role!r}")
            if position.start > start:
                raise InputError("positions", f"{position.role!r} starts after the start date")
            if position.end is not None and position.end < position.start:
                raise InputError("positions", f"{position.role!r} ends before it starts")
            if position.end is None or position.end > start:
                if ongoing is not None and ongoing != position.role:
                    raise InputError("positions", "two different ongoing positions")
                ongoing = position.role
                tenure = max(tenure, months_between(position.start, start))
            end = start if position.end is None else min(position.end, start)
            months = months_between(position.start, end)
            first = position.start.year * 12 + position.start.month
            rate = 2 if position.full_time else 1
            for kind in catalog.roles[position.role].accrues:
                cover = halves.setdefault(ix.kind_ix[kind], {})
                for month in range(first, first + months):
                    if cover.get(month, 0) < rate:
                        cover[month] = rate
        return ongoing, tenure, {kind: sum(c.values()) // 2 for kind, c in halves.items()}


# --- Compiled indexes (per catalog) -------------------------------------------------------

# A compiled route is a tuple (education rank, programs mask, credentials mask, licences
# mask, ((kind index, months), ...), kind index the current role must accrue or -1).
_CRoute = tuple[int, int, int, int, tuple[tuple[int, int], ...], int]


@dataclass(frozen=True)
class _Req:
    """A requirement: the routes and their compiled forms, in catalog order."""

    routes: tuple[Route, ...]
    compiled: tuple[_CRoute, ...]

    @cached_property
    def programs(self) -> int:
        """Every program any route names (a mask)."""
        mask = 0
        for route in self.compiled:
            mask |= route[1]
        return mask

    @cached_property
    def levels(self) -> int:
        """Every education level any route asks for (a mask of ranks)."""
        mask = 0
        for route in self.compiled:
            mask |= 1 << route[0]
        return mask


@dataclass(frozen=True)
class _CRule:
    effective: date
    required: _Req
    recommended: _Req
    rule: RuleSet

    @cached_property
    def role_dependent(self) -> bool:
        """Whether a route depends on the current role (so eligibility can be lost)."""
        routes = self.required.compiled + self.recommended.compiled
        return any(route[5] >= 0 for route in routes)


@dataclass(frozen=True)
class _CMove:
    origin: int
    target: int
    typical: int
    requires: _Req
    move: Move


class _Index:
    """Slug <-> index maps, bitmasks and compiled routes, built once per Catalog."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.kinds = tuple(catalog.experience_kinds)
        for role in catalog.roles.values():
            for kind in role.accrues:
                if kind not in catalog.experience_kinds:
                    self.kinds += (kind,)
        self.kind_ix = {slug: i for i, slug in enumerate(self.kinds)}
        self.lic_bit = {slug: 1 << i for i, slug in enumerate(catalog.licences)}

        self.progs = tuple(catalog.programs)
        self.prog_ix = {slug: i for i, slug in enumerate(self.progs)}
        self.prog_bit = {slug: 1 << i for i, slug in enumerate(self.progs)}
        self.creds = tuple(catalog.credentials)
        self.cred_ix = {slug: i for i, slug in enumerate(self.creds)}
        self.cred_bit = {slug: 1 << i for i, slug in enumerate(self.creds)}
        self.roles = tuple(catalog.roles)
        self.role_ix = {slug: i for i, slug in enumerate(self.roles)}

        # Credentials: what holding each one counts as (itself and all it supersedes).
        self.closure = []
        for slug in self.creds:
            mask, todo = 0, [slug]
            while todo:
                current = todo.pop()
                bit = self._ref(self.cred_bit, current, "credential")
                if not mask & bit:
                    mask |= bit
                    todo.extend(catalog.credentials[current].supersedes)
            self.closure.append(mask)
        # superseders[i]: credentials whose holding counts as holding credential i.
        self.superseders = tuple(
            tuple(j for j in range(len(self.creds)) if self.closure[j] >> i & 1)
            for i in range(len(self.creds))
        )
        self.cred_exam = tuple(
            catalog.credentials[slug].earned_by is EarnedBy.EXAM for slug in self.creds
        )
        self.cred_fee = tuple(catalog.credentials[slug].fee for slug in self.creds)
        self.cred_rules = tuple(
            tuple(
                _CRule(rule.effective, self.req(rule.required), self.req(rule.recommended), rule)
                for rule in catalog.credentials[slug].rule_sets
            )
            for slug in self.creds
        )

        programs = [catalog.programs[slug] for slug in self.progs]
        self.prog_months = tuple(p.months for p in programs)
        self.prog_cost = tuple(p.cost for p in programs)
        self.prog_grants = tuple(p.grants_level.rank if p.grants_level else 0 for p in programs)
        self.prog_wws = tuple(p.work_while_studying for p in programs)
        self.prog_admission = tuple(self.req(p.admission) for p in programs)

        roles = [catalog.roles[slug] for slug in self.roles]
        self.role_accrues = tuple(
            tuple(self.kind_ix[kind] for kind in role.accrues) for role in roles
        )
        self.role_accrues_mask = tuple(
            sum(1 << k for k in set(kinds)) for kinds in self.role_accrues
        )
        self.role_hire = tuple(self.req(role.hire) for role in roles)
        self.moves_out: list[dict[int, _CMove]] = [{} for _ in roles]
        self.moves_in: list[list[_CMove]] = [[] for _ in roles]
        for origin, role in enumerate(roles):
            for slug, move in role.moves.items():
                target = self._ref(self.role_ix, slug, "role")
                edge = _CMove(origin, target, move.typical_months, self.req(move.requires), move)
                self.moves_out[origin][target] = edge
                self.moves_in[target].append(edge)
        self.accruers = tuple(
            tuple(r for r, kinds in enumerate(self.role_accrues) if k in kinds)
            for k in range(len(self.kinds))
        )

    @staticmethod
    def _ref(table: Mapping[str, int], slug: str, what: str) -> int:
        try:
            return table[slug]
        except KeyError:
            raise ValueError(f"catalog refers to unknown {what} {slug!r}") from None

    def compile(self, route: Route) -> _CRoute:
        return (
            route.education.rank if route.education else 0,
            sum(self._ref(self.prog_bit, slug, "program") for slug in set(route.programs)),
            sum(self._ref(self.cred_bit, slug, "credential") for slug in set(route.credentials)),
            sum(self._ref(self.lic_bit, slug, "licence") for slug in set(route.licences)),
            tuple(
                (self._ref(self.kind_ix, need.kind, "experience kind"), need.months)
                for need in route.experience
            ),
            self._ref(self.kind_ix, route.current_role_accrues, "experience kind")
            if route.current_role_accrues
            else -1,
        )

    def req(self, routes: tuple[Route, ...]) -> _Req:
        return _Req(routes, tuple(self.compile(route) for route in routes))


def _holds(route: _CRoute, edu: int, progs: int, eff: int, lic: int, exp, racc: int) -> bool:
    r_edu, r_progs, r_creds, r_lic, r_exp, r_acc = route
    if edu < r_edu:
        return False
    if r_progs and not progs & r_progs:
        return False
    if r_creds and not eff & r_creds:
        return False
    if r_lic and not lic & r_lic:
        return False
    for kind, months in r_exp:
        if exp[kind] < months:
            return False
    return r_acc < 0 or bool(racc >> r_acc & 1)


def _gate(routes, edu: int, progs: int, eff: int, lic: int, exp, racc: int) -> int:
    """-1 if a route holds; otherwise the credentials that would make a route hold whose
    other conditions all hold now (0: none, it is blocked by something else)."""
    wanted = 0
    for r_edu, r_progs, r_creds, r_lic, r_exp, r_acc in routes:
        if edu < r_edu or (r_progs and not progs & r_progs) or (r_lic and not lic & r_lic):
            continue
        if r_acc >= 0 and not racc >> r_acc & 1:
            continue
        for kind, months in r_exp:
            if exp[kind] < months:
                break
        else:
            if not r_creds or eff & r_creds:
                return -1
            wanted |= r_creds
    return wanted


# --- Search -------------------------------------------------------------------------------

_INF = 1 << 30


class _Bound:
    """An admissible and consistent lower bound on the months from a state to the goal, for
    A*. Each route is relaxed to its slowest conditions: months of experience still to
    build, the quickest program or degree it needs, a credential one level down, the
    typical months along the shortest chain of moves into a role, a rule set still to take
    effect. Study that cannot overlap work adds to the experience months instead of running
    beside them, so a bound is a pair (months, months of such study among them)."""

    def __init__(self, problem: _Problem, rel: _Relevance, goal: _Goal) -> None:
        ix = problem.ix
        self.problem, self.ix, self.goal = problem, ix, goal
        self.lic = problem.start.lic
        self.recommended = problem.recommended
        self.rel_roles = frozenset(rel.roles)
        self.rel_creds = rel.creds
        sww = problem.request.study_while_working
        self.rel_progs = rel.progs
        self.beside_work = {p: sww and ix.prog_wws[p] for p in rel.progs}
        self.edu_mask = [
            sum(1 << p for p in rel.progs if ix.prog_grants[p] >= level)
            for level in range(len(_EDUCATION_BY_RANK))
        ]
        self._providers: dict[int, tuple[int, ...]] = {}
        self._chains: dict[frozenset[int], tuple[dict[int, int], tuple]] = {}
        self._memo: dict[tuple, int] = {}
        self._scratch: dict[tuple, Any] = {}  # part bounds for the state being estimated
        self.timed = bool(rel.events)
        self.racc = ix.role_accrues_mask
        self.kind_roles = [frozenset(roles) for roles in ix.accruers]
        if goal.kind == "role":
            self.goal_roles = frozenset({goal.index})
            target = goal.index
            self.entries = [ix.role_hire[target]] if ix.role_hire[target].compiled else []
            self.entries += [
                edge.requires
                for edge in ix.moves_in[target]
                if edge.origin in self.rel_roles or edge.origin == problem.start.role
            ]

    def programs(self, mask: int, node: _Node, depth: int) -> tuple[int, int]:
        """Bound for 'completed any one of these programs' as (months, months away from
        work): its admission first, then its months, beside work or away from it."""
        key = ("programs", mask, depth)
        found = self._scratch.get(key)
        if found is not None:
            return found
        ix = self.ix
        options = []
        for p in self.rel_progs:
            if not mask >> p & 1:
                continue
            total, away = (0, 0)
            if depth > 0 and ix.prog_admission[p].compiled:
                total, away = self.requirement(ix.prog_admission[p], node, depth - 1)
                if total >= _INF:
                    continue
            months = ix.prog_months[p]
            if self.beside_work[p]:
                options.append((total - away + months, away))
            else:
                options.append((total - away, away + months))
        if not options:
            found = (_INF, _INF)
        else:
            # (B, N) with max(w, B) + N <= max(w, b) + n for every option and any w.
            least_away = min(n for _, n in options)
            least = max(min(b for b, _ in options), min(b + n for b, n in options) - least_away)
            found = (least, least_away)
        self._scratch[key] = found
        return found

    def providers(self, mask: int) -> tuple[int, ...]:
        """Relevant credentials whose holding satisfies 'holds any of mask'."""
        found = self._providers.get(mask)
        if found is None:
            closure = self.ix.closure
            found = tuple(c for c in self.rel_creds if closure[c] & mask)
            self._providers[mask] = found
        return found

    def chain(self, targets: frozenset[int]) -> tuple[dict[int, int], tuple[tuple[int, int], ...]]:
        """Months from starting fresh in each role to being in one of `targets` by moves
        (typical months under the recommended policy, else 0), and (role, months) for the
        roles on such a chain that anyone can be hired into."""
        cached = self._chains.get(targets)
        if cached is not None:
            return cached
        ix, recommended = self.ix, self.recommended
        dist = dict.fromkeys(targets, 0)
        heap = [(0, r) for r in targets]
        while heap:
            d, r = heapq.heappop(heap)
            if d > dist.get(r, _INF):
                continue
            for edge in ix.moves_in[r]:
                q = edge.origin
                nd = d + (edge.typical if recommended else 0)
                if nd < dist.get(q, _INF):
                    dist[q] = nd
                    if q in self.rel_roles:
                        heapq.heappush(heap, (nd, q))
        hires = tuple(
            (r, d) for r, d in dist.items() if r in self.rel_roles and ix.role_hire[r].compiled
        )
        self._chains[targets] = (dist, hires)
        return dist, hires

    def chain_bound(self, targets: frozenset[int], node: _Node, depth: int) -> int:
        """Months until the state is in one of `targets`: along moves from the current
        role, or hired (once the hiring requirement holds) into a role on a chain."""
        role = node.role
        if role in targets:
            return 0
        key = (targets, depth)
        best = self._scratch.get(key)
        if best is not None:
            return best
        dist, hires = self.chain(targets)
        best = _INF
        for r, d in hires:
            if d < best:
                hiring = self.requirement(self.ix.role_hire[r], node, depth - 1)[0] if depth else 0
                best = min(best, d + hiring)
        if role >= 0:
            recommended, ten = self.recommended, node.ten
            for s, edge in self.ix.moves_out[role].items():
                if s in self.rel_roles and s in dist:
                    wait = max(0, edge.typical - ten) if recommended else 0
                    if wait + dist[s] < best:
                        best = wait + dist[s]
        self._scratch[key] = best
        return best

    def route(self, route: _CRoute, node: _Node, depth: int) -> tuple[int, int]:
        key = (route, depth)
        found = self._scratch.get(key)
        if found is None:
            found = self._scratch[key] = self._route(route, node, depth)
        return found

    def _route(self, route: _CRoute, node: _Node, depth: int) -> tuple[int, int]:
        """(months, months away from work among them) before the route can hold. Each
        condition bounds the months on its own; experience still to build adds to study
        away from work (no experience builds then), never to another condition's months."""
        r_edu, r_progs, r_creds, r_lic, r_exp, r_acc = route
        if r_lic and not self.lic & r_lic:
            return (_INF, _INF)
        exp = node.exp
        racc = self.racc[node.role] if node.role >= 0 else 0
        accrual = 0  # months of experience still to build
        total = 0
        for kind, months in r_exp:
            gap = months - exp[kind]
            if gap > 0:
                accrual = max(accrual, gap)
                if not racc >> kind & 1 and depth > 0:
                    # ...once in a role that builds it.
                    gap += self.chain_bound(self.kind_roles[kind], node, depth - 1)
                total = max(total, gap)
        if r_acc >= 0 and not racc >> r_acc & 1:
            total = max(total, self.chain_bound(self.kind_roles[r_acc], node, depth))
        away = 0
        parts = []
        if r_progs and not node.progs & r_progs:
            parts.append(self.programs(r_progs, node, depth))
        if r_edu > node.edu:
            parts.append(self.programs(self.edu_mask[r_edu], node, depth))
        if r_creds and not node.eff & r_creds and depth > 0:
            months, months_away = _INF, _INF
            for c in self.providers(r_creds):
                a, n = self.credential(c, node, depth - 1)
                months, months_away = min(months, a), min(months_away, n)
            parts.append((max(0, months - months_away), months_away))
        for beside, apart in parts:
            total = max(total, max(accrual, beside) + apart)
            away = max(away, apart)
        return (min(total, _INF), min(away, _INF))

    def requirement(self, req: _Req, node: _Node, depth: int) -> tuple[int, int]:
        if not req.compiled:
            return (0, 0)
        best, best_away = _INF, _INF
        for route in req.compiled:
            months, away = self.route(route, node, depth)
            best, best_away = min(best, months), min(best_away, away)
        return best, best_away

    def rules(self, c: int, node: _Node):
        """(months until in force, rule) for the rule set in force now and those to come."""
        timed = self.problem.rules[c]
        first = 0
        for i, (offset, _) in enumerate(timed):
            if offset <= node.t:
                first = i
        return ((max(0, offset - node.t), rule) for offset, rule in timed[first:])

    def credential(self, c: int, node: _Node, depth: int) -> tuple[int, int]:
        if node.eff >> c & 1:
            return (0, 0)
        key = (c, depth)
        found = self._scratch.get(key)
        if found is None:
            found = self._scratch[key] = self._credential(c, node, depth)
        return found

    def _credential(self, c: int, node: _Node, depth: int) -> tuple[int, int]:
        exam = self.ix.cred_exam[c] and self.recommended
        best, best_away = _INF, _INF
        for wait, rule in self.rules(c, node):
            months, away = self.requirement(rule.required, node, depth)
            if exam and rule.recommended.compiled:
                more, more_away = self.requirement(rule.recommended, node, depth)
                months, away = max(months, more), max(away, more_away)
            best, best_away = min(best, max(wait, months)), min(best_away, away)
        return best, best_away

    def __call__(self, node: _Node) -> int:
        key = (node.role, node.ten, node.edu, node.progs, node.eff, node.exp)
        if self.timed:
            key += (node.t,)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = self._estimate(node)
        return found

    def _estimate(self, node: _Node) -> int:
        self._scratch = {}
        goal = self.goal
        if goal.kind == "role":
            if node.role == goal.index:
                return 0
            chain = self.chain_bound(self.goal_roles, node, 2)
            if chain >= _INF or not self.entries:
                return _INF
            # Months in roles along the chain alone (no hiring requirements): those are
            # worked, so study away from work comes on top of them.
            in_roles = self.chain_bound(self.goal_roles, node, 0)
            best = _INF
            for req in self.entries:
                months, away = self.requirement(req, node, 2)
                best = min(best, max(months, in_roles + away))
            return max(chain, best)
        if goal.kind == "credential":
            if node.eff >> goal.index & 1:
                return 0
            return min(
                (self.credential(c, node, 2)[0] for c in self.providers(1 << goal.index)),
                default=_INF,
            )
        return min(
            (
                max(wait, self.requirement(getattr(rule, goal.kind), node, 2)[0])
                for wait, rule in self.rules(goal.index, node)
            ),
            default=_INF,
        )


class _Node:
    """A search state. `waiting` is true when the last action was a wait (a further wait in
    the same role extends that step instead of adding one)."""

    __slots__ = (
        "t",
        "cost",
        "steps",
        "edu",
        "progs",
        "eff",
        "role",
        "exp",
        "ten",
        "vmask",
        "waiting",
        "parent",
        "action",
        "epoch",
        "estimate",
        "packed",
    )

    def __init__(
        self, t, cost, steps, edu, progs, eff, role, exp, ten, vmask, waiting, parent, action
    ):
        self.t = t
        self.cost = cost
        self.steps = steps
        self.edu = edu
        self.progs = progs
        self.eff = eff
        self.role = role
        self.exp = exp
        self.ten = ten
        self.vmask = vmask
        self.waiting = waiting
        self.parent = parent
        self.action = action
        self.epoch = 0  # how many rule set changes lie at or before t
        self.estimate = -1  # t + the bound on months still to go, once worked out


# Dominance compares many small numbers at once: (months left, cost left, education, time
# in role, experience by kind) packed into one integer, a field each with a guard bit above
# it; (A | guards) - B keeps a field's guard bit exactly when A's field >= B's.
_FIELD = 21  # bits per field, guard included
_LIMIT = (1 << (_FIELD - 1)) - 1


def _pack(node: _Node) -> int:
    packed = (_LIMIT - node.t) << _FIELD | (_LIMIT - min(node.cost, _LIMIT))
    packed = (packed << _FIELD | node.edu) << _FIELD | node.ten
    for months in node.exp:
        packed = packed << _FIELD | months
    return packed


def _guards(kinds: int) -> int:
    guards = 0
    for _ in range(4 + kinds):
        guards = guards << _FIELD | 1 << (_FIELD - 1)
    return guards


def _dominates(a: _Node, b: _Node, guards: int) -> bool:
    """a is at least as good as b (same role): no later (and under the same rule sets, since
    a rule set taking effect can make the later state the better one), no dearer, at least
    as much of everything, and no more steps once a catches up with b in time."""
    if a.epoch != b.epoch or ((a.packed | guards) - b.packed) & guards != guards:
        return False
    return not (
        a.progs | b.progs != a.progs or a.eff | b.eff != a.eff or a.vmask | b.vmask != a.vmask
    )


@dataclass(frozen=True)
class _Goal:
    kind: str  # "role" | "credential" | "required" | "recommended"
    index: int


@dataclass
class _Relevance:
    progs: tuple[int, ...]
    creds: tuple[int, ...]
    roles: tuple[int, ...]
    caps: tuple[int, ...]  # per kind index: the largest threshold that matters
    thresholds: tuple[tuple[int, ...], ...]  # per kind index, ascending
    tenure: dict[int, tuple[int, ...]]  # role -> ascending typical months of relevant moves
    events: tuple[int, ...]  # month offsets at which a relevant rule set takes effect
    routes: frozenset[_CRoute]  # every route that matters


class _Problem:
    """One person with one set of options: shared by the roadmap search and the extra
    eligibility searches."""

    def __init__(self, catalog: Catalog, request: _Request) -> None:
        self.catalog = catalog
        self.ix = catalog._index
        self.request = request
        self.start = request.state
        self.recommended = request.readiness is Readiness.RECOMMENDED
        ix = self.ix
        self.avoid_progs = {ix.prog_ix[r.slug] for r in request.avoid if r.kind is RefKind.PROGRAM}
        self.avoid_creds = {
            ix.cred_ix[r.slug] for r in request.avoid if r.kind is RefKind.CREDENTIAL
        }
        self.avoid_roles = {ix.role_ix[r.slug] for r in request.avoid if r.kind is RefKind.ROLE}
        self._dates: dict[int, date] = {}
        # Per credential: the rule sets that can be in force from the start, as
        # (month offset from which it is in force, compiled rule), ascending.
        self.rules: list[tuple[tuple[int, _CRule], ...]] = []
        for rules in ix.cred_rules:
            timed: list[tuple[int, _CRule]] = []
            for rule in rules:
                offset = _month_offset(request.start_day, rule.effective)
                if timed and timed[-1][0] == offset:
                    timed.pop()  # superseded before it ever applies
                timed.append((offset, rule))
            self.rules.append(tuple(timed))

    def date(self, t: int) -> date:
        day = self._dates.get(t)
        if day is None:
            day = self._dates[t] = add_months(self.request.start_day, t)
        return day

    def rule_at(self, cred: int, t: int) -> _CRule | None:
        in_force = None
        for offset, rule in self.rules[cred]:
            if offset > t:
                break
            in_force = rule
        return in_force

    # Relevance ----------------------------------------------------------------------------

    def relevance(self, goal: _Goal, via: tuple[Ref, ...]) -> _Relevance:
        """Everything that can help reach the goal and the waypoints, found by walking the
        requirements backwards."""
        ix, start = self.ix, self.start
        progs: set[int] = set()
        creds: set[int] = set()
        roles: set[int] = set()
        kinds: set[int] = set()
        routes: set[_CRoute] = set()
        event_creds: set[int] = set()
        todo: list[tuple[str, Any]] = []

        def need_req(req: _Req) -> None:
            todo.extend(("route", route) for route in req.compiled)

        if goal.kind == "role":
            todo.append(("role", goal.index))
        elif goal.kind == "credential":
            todo.extend(("credential", c) for c in ix.superseders[goal.index])
        else:
            event_creds.add(goal.index)
            for _, rule in self.rules[goal.index]:
                need_req(getattr(rule, goal.kind))
        for ref in via:
            table = {
                RefKind.PROGRAM: ix.prog_ix,
                RefKind.CREDENTIAL: ix.cred_ix,
                RefKind.ROLE: ix.role_ix,
            }[ref.kind]
            todo.append((str(ref.kind), table[ref.slug]))

        while todo:
            kind, item = todo.pop()
            if kind == "route":
                if item in routes:
                    continue
                routes.add(item)
                r_edu, r_progs, r_creds, _, r_exp, r_acc = item
                if r_edu > start.edu:
                    todo.extend(
                        ("program", p) for p, level in enumerate(ix.prog_grants) if level >= r_edu
                    )
                todo.extend(("program", p) for p in range(len(ix.progs)) if r_progs >> p & 1)
                for c in range(len(ix.creds)):
                    if r_creds >> c & 1:
                        todo.extend(("credential", s) for s in ix.superseders[c])
                todo.extend(("kind", k) for k, months in r_exp if months > start.exp[k])
                if r_acc >= 0:
                    todo.append(("kind", r_acc))
            elif kind == "program":
                if item in progs or item in self.avoid_progs:
                    continue
                progs.add(item)
                need_req(ix.prog_admission[item])
            elif kind == "credential":
                if item in creds or item in self.avoid_creds:
                    continue
                creds.add(item)
                event_creds.add(item)
                for _, rule in self.rules[item]:
                    need_req(rule.required)
                    if ix.cred_exam[item] and self.recommended:
                        need_req(rule.recommended)
            elif kind == "role":
                if item in roles or item in self.avoid_roles:
                    continue
                roles.add(item)
                need_req(ix.role_hire[item])
                for edge in ix.moves_in[item]:
                    todo.append(("role", edge.origin))
                    need_req(edge.requires)
            elif kind == "kind":
                if item in kinds:
                    continue
                kinds.add(item)
                todo.extend(("role", r) for r in ix.accruers[item])

        n_kinds = len(ix.kinds)
        thresholds: list[set[int]] = [set() for _ in range(n_kinds)]
        for route in routes:
            for k, months in route[4]:
                thresholds[k].add(months)
        tenure: dict[int, tuple[int, ...]] = {}
        if self.recommended:
            for r in roles | ({start.role} if start.role >= 0 else set()):
                typical = {
                    edge.typical
                    for target, edge in ix.moves_out[r].items()
                    if target in roles and edge.typical > 0
                }
                if typical:
                    tenure[r] = tuple(sorted(typical))
        events = sorted({offset for c in event_creds for offset, _ in self.rules[c] if offset > 0})
        return _Relevance(
            progs=tuple(sorted(progs)),
            creds=tuple(sorted(creds)),
            roles=tuple(sorted(roles)),
            caps=tuple(max(values, default=0) for values in thresholds),
            thresholds=tuple(tuple(sorted(values)) for values in thresholds),
            tenure=tenure,
            events=tuple(events),
            routes=frozenset(routes),
        )

    # The search ---------------------------------------------------------------------------

    def search(self, goal: _Goal, via: tuple[Ref, ...] = ()) -> _Node | None:
        """The goal node of an earliest (then cheapest, then shortest) plan, or None.

        Credentials are taken lazily: an exam or grant is only tried when it unblocks
        something at once (an action whose other conditions hold, or the goal), or when its
        eligibility could be lost later (a rule set change ahead, or a route that depends on
        the current role). Any plan can be reordered that way without changing its finish,
        cost or number of steps, and it keeps subsets of credentials from multiplying."""
        ix, start, rel = self.ix, self.start, self.relevance(goal, via)
        lic = start.lic
        recommended = self.recommended
        sww = self.request.study_while_working
        horizon = self.request.horizon
        caps, thresholds, tenure_thr, events = rel.caps, rel.thresholds, rel.tenure, rel.events
        closure, cred_exam, cred_fee = ix.closure, ix.cred_exam, ix.cred_fee
        accrues_mask = ix.role_accrues_mask
        accruing = [tuple(k for k in kinds if caps[k]) for kinds in ix.role_accrues]
        hire, moves_out = ix.role_hire, ix.moves_out
        admission = ix.prog_admission
        prog_months, prog_cost, prog_grants, prog_wws = (
            ix.prog_months,
            ix.prog_cost,
            ix.prog_grants,
            ix.prog_wws,
        )
        rules = self.rules
        last_change = {c: rules[c][-1][0] if rules[c] else 0 for c in rel.creds}
        rule_at = self.rule_at
        gate = _gate

        # Waypoints: one bit each.
        via_prog: dict[int, int] = {}
        via_cred: dict[int, int] = {}
        via_role: dict[int, int] = {}
        vmask0 = 0
        for i, ref in enumerate(via):
            bit = 1 << i
            if ref.kind is RefKind.PROGRAM:
                via_prog[ix.prog_ix[ref.slug]] = bit
                if start.progs & ix.prog_bit[ref.slug]:
                    vmask0 |= bit
            elif ref.kind is RefKind.CREDENTIAL:
                via_cred[ix.cred_ix[ref.slug]] = bit
                if start.held & ix.cred_bit[ref.slug]:
                    vmask0 |= bit
            else:
                via_role[ix.role_ix[ref.slug]] = bit
                if start.role == ix.role_ix[ref.slug]:
                    vmask0 |= bit
        full = (1 << len(via)) - 1

        goal_kind, goal_index = goal.kind, goal.index
        goal_bit = 1 << goal_index

        # Roles that build no experience of use and have no time-in-role threshold.
        useful_kinds = {k for k, cap in enumerate(caps) if cap}
        useful_kinds.update(route[5] for route in rel.routes if route[5] >= 0)
        passing_roles = {
            r
            for r in rel.roles
            if not useful_kinds.intersection(ix.role_accrues[r])
            and r not in tenure_thr
            and r not in via_role
            and not (goal_kind == "role" and r == goal_index)
        }

        # Wanted whatever the state: what moves between roles and the goal's own
        # requirement (for an eligibility goal) could use.
        static_progs = static_levels = 0
        statics = [
            edge.requires for r in rel.roles for edge in ix.moves_in[r] if edge.requires.compiled
        ]
        if goal_kind in ("required", "recommended"):
            statics.extend(getattr(rule, goal_kind) for _, rule in rules[goal_index])
        for req in statics:
            static_progs |= req.programs
            static_levels |= req.levels

        def accrue(exp: tuple[int, ...], role: int, months: int) -> tuple[int, ...]:
            kinds = accruing[role] if role >= 0 else ()
            if not kinds:
                return exp
            grown = list(exp)
            for k in kinds:
                grown[k] = min(caps[k], grown[k] + months)
            return tuple(grown)

        def tenure_cap(role: int) -> int:
            values = tenure_thr.get(role)
            return values[-1] if values else 0

        root = _Node(
            0,
            0,
            0,
            start.edu,
            start.progs,
            start.eff,
            start.role,
            tuple(min(c, e) for c, e in zip(caps, start.exp, strict=True)),
            min(start.ten, tenure_cap(start.role)),
            vmask0,
            False,
            None,
            None,
        )
        expanded: dict[int, list[_Node]] = {}  # by role: states expanded so far
        heap: list[tuple[int, int, int, int, _Node]] = []
        counter = 0
        bound = _Bound(self, rel, goal)
        dominates, guards = _dominates, _guards(len(ix.kinds))

        def known_better(node: _Node) -> bool:
            return any(dominates(other, node, guards) for other in expanded.get(node.role, ()))

        def push(node: _Node) -> None:
            """Queue a state unless one at least as good has been expanded. Its key starts
            as its parent's estimate (a lower bound, the bound being consistent); its own
            estimate is only worked out when it comes first (lazy A*)."""
            nonlocal counter
            node.epoch = bisect_right(events, node.t)
            node.packed = _pack(node)
            if known_better(node):
                return
            counter += 1
            key = max(node.t, node.parent.estimate) if node.parent else node.t
            heapq.heappush(heap, (key, node.cost, -node.t, node.steps, counter, node))

        push(root)
        while heap:
            key, _, _, _, _, node = heapq.heappop(heap)
            if known_better(node):
                continue
            if node.estimate < 0:
                node.estimate = node.t + bound(node)
                if node.estimate > horizon:
                    continue
                if node.estimate > key:
                    counter += 1
                    heapq.heappush(
                        heap, (node.estimate, node.cost, -node.t, node.steps, counter, node)
                    )
                    continue
            group = expanded.setdefault(node.role, [])
            group[:] = [other for other in group if not dominates(node, other, guards)]
            group.append(node)
            t, role = node.t, node.role
            edu, progs, eff, exp, ten, vmask = (
                node.edu,
                node.progs,
                node.eff,
                node.exp,
                node.ten,
                node.vmask,
            )
            racc = accrues_mask[role] if role >= 0 else 0
            # Credentials whose absence alone blocks something now.
            wanted = 0
            if goal_kind == "role":
                if role == goal_index and vmask == full:
                    self.expanded = counter
                    return node
            elif goal_kind == "credential":
                if eff & goal_bit:
                    if vmask == full:
                        self.expanded = counter
                        return node
                else:
                    wanted = goal_bit
            else:
                rule = rule_at(goal_index, t)
                if rule is not None:
                    routes = getattr(rule, goal_kind).compiled
                    status = gate(routes, edu, progs, eff, lic, exp, racc) if routes else -1
                    if status < 0 and vmask == full:
                        self.expanded = counter
                        return node
                    wanted = max(status, 0)
            steps = node.steps + 1

            # Programs and education levels that a requirement not yet met could use: only
            # those are worth studying for (a met requirement stays met).
            want_progs, want_levels = static_progs, static_levels

            # Just moved into a role that builds nothing of use and whose time does not
            # count: it is only a way through (moving into it later loses nothing), so only
            # moves out of it along its edges are tried, and exams they need.
            passing = (
                role in passing_roles
                and node.action is not None
                and node.action[0] is StepKind.MOVE
            )

            # Move into a role (0 months): along an edge from the current role, or hired.
            edges = moves_out[role] if role >= 0 else {}
            for r in rel.roles:
                if r == role:
                    continue
                how = None
                edge = edges.get(r)
                if edge is None and passing:
                    continue
                if edge is not None and (not recommended or ten >= edge.typical):
                    req = edge.requires
                    status = (
                        gate(req.compiled, edu, progs, eff, lic, exp, racc) if req.compiled else -1
                    )
                    if status < 0:
                        how = edge
                    else:
                        wanted |= status
                if how is None and hire[r].compiled:
                    req = hire[r]
                    status = gate(req.compiled, edu, progs, eff, lic, exp, racc)
                    if status < 0:
                        how = "hire"
                    else:
                        wanted |= status
                        want_progs |= req.programs
                        want_levels |= req.levels
                if how is None:
                    continue
                push(
                    _Node(
                        t,
                        node.cost,
                        steps,
                        edu,
                        progs,
                        eff,
                        r,
                        exp,
                        0,
                        vmask | via_role.get(r, 0),
                        False,
                        node,
                        (StepKind.MOVE, r, how),
                    )
                )

            # Exams and grants open now (pushed below, once we know which are of use).
            eligible = []
            blocked = []  # (what holding it counts as, credentials it waits for)
            for c in rel.creds:
                via_bit = via_cred.get(c, 0)
                if via_bit and vmask & via_bit:
                    via_bit = 0
                if eff >> c & 1 and not via_bit:
                    continue
                if last_change[c] > t:
                    for _, rule in rules[c]:
                        want_progs |= rule.required.programs | rule.recommended.programs
                        want_levels |= rule.required.levels | rule.recommended.levels
                rule = rule_at(c, t)
                if rule is None:
                    continue
                req = rule.required
                required = (
                    gate(req.compiled, edu, progs, eff, lic, exp, racc) if req.compiled else -1
                )
                if required >= 0:
                    want_progs |= req.programs
                    want_levels |= req.levels
                exam = cred_exam[c]
                ready = -1
                if exam and recommended and rule.recommended.compiled:
                    req = rule.recommended
                    ready = gate(req.compiled, edu, progs, eff, lic, exp, racc)
                    if ready >= 0:
                        want_progs |= req.programs
                        want_levels |= req.levels
                if required == 0 or ready == 0:
                    continue
                if required > 0 or ready > 0:
                    blocked.append((closure[c], max(required, 0) | max(ready, 0)))
                    continue
                eligible.append((c, exam, rule, via_bit))

            # Study a program (its typical months), if a requirement not met could use it,
            # or a program it needs for admission could.
            if passing:
                candidates = []
            else:
                candidates = [
                    p
                    for p in rel.progs
                    if not progs >> p & 1
                    and (
                        p in via_prog
                        or want_progs >> p & 1
                        or (want_levels >> (edu + 1)) & ((1 << max(0, prog_grants[p] - edu)) - 1)
                    )
                ]
            seen = set(candidates)
            for p in candidates:  # grows while admissions ask for more
                req = admission[p]
                if req.compiled:
                    status = gate(req.compiled, edu, progs, eff, lic, exp, racc)
                    if status >= 0:
                        wanted |= status
                        want_progs |= req.programs
                        want_levels |= req.levels
                        for q in rel.progs:
                            if (
                                q not in seen
                                and not progs >> q & 1
                                and (
                                    want_progs >> q & 1
                                    or (want_levels >> (edu + 1))
                                    & ((1 << max(0, prog_grants[q] - edu)) - 1)
                                )
                            ):
                                seen.add(q)
                                candidates.append(q)
                        continue
                months = prog_months[p]
                if t + months > horizon:
                    continue
                working = role >= 0 and sww and prog_wws[p]
                push(
                    _Node(
                        t + months,
                        node.cost + (prog_cost[p] or 0),
                        steps,
                        max(edu, prog_grants[p]),
                        progs | 1 << p,
                        eff,
                        role,
                        accrue(exp, role, months) if working else exp,
                        min(tenure_cap(role), ten + months) if working else ten,
                        vmask | via_prog.get(p, 0),
                        False,
                        node,
                        (StepKind.STUDY, p, working),
                    )
                )

            # Sit an exam or be granted a credential (0 months), when it is of use now:
            # it unblocks an action open now, or an exam that (in turn) does.
            grew = bool(wanted and blocked)
            while grew:
                grew = False
                for counts, waits_for in blocked:
                    if counts & wanted and waits_for & ~wanted:
                        wanted |= waits_for
                        grew = True
            for c, exam, rule, via_bit in eligible:
                if not (
                    via_bit or closure[c] & wanted or last_change[c] > t or rule.role_dependent
                ):
                    continue
                push(
                    _Node(
                        t,
                        node.cost + ((cred_fee[c] or 0) if exam else 0),
                        steps,
                        edu,
                        progs,
                        eff | closure[c],
                        role,
                        exp,
                        ten,
                        vmask | via_bit,
                        False,
                        node,
                        (StepKind.EXAM if exam else StepKind.GRANT, c),
                    )
                )

            # Wait: jump to the next month at which a threshold is crossed or a rule set
            # takes effect.
            wait = horizon + 1
            if role >= 0:
                for k in accruing[role]:
                    value = exp[k]
                    if value < caps[k]:
                        values = thresholds[k]
                        wait = min(wait, t + values[bisect_right(values, value)] - value)
                values = tenure_thr.get(role)
                if values and ten < values[-1]:
                    wait = min(wait, t + values[bisect_right(values, ten)] - ten)
            i = bisect_right(events, t)
            if i < len(events):
                wait = min(wait, events[i])
            if wait <= horizon and not passing:
                months = wait - t
                push(
                    _Node(
                        wait,
                        node.cost,
                        node.steps if node.waiting else steps,
                        edu,
                        progs,
                        eff,
                        role,
                        accrue(exp, role, months),
                        min(tenure_cap(role), ten + months) if role >= 0 else ten,
                        vmask,
                        True,
                        node,
                        (StepKind.WORK, role),
                    )
                )
        self.expanded = counter
        return None

    # Static reachability (for reasons) ----------------------------------------------------

    @cached_property
    def attainable(self) -> tuple[int, int, set[int], int, int]:
        """Ignoring time: (programs, credentials, roles, education rank, kinds mask) that
        some sequence of actions can ever reach. Used to name what nothing can satisfy."""
        ix, start = self.ix, self.start
        progs, eff, edu = start.progs, start.eff, start.edu
        roles = {start.role} if start.role >= 0 else set()
        kinds = ix.role_accrues_mask[start.role] if start.role >= 0 else 0
        changed = True
        while changed:
            changed = False
            state = (progs, eff, roles, edu, kinds)
            for p in range(len(ix.progs)):
                if progs >> p & 1 or p in self.avoid_progs:
                    continue
                if self.req_attainable(ix.prog_admission[p], state):
                    progs |= 1 << p
                    edu = max(edu, ix.prog_grants[p])
                    changed = True
            for c in range(len(ix.creds)):
                if eff >> c & 1 or c in self.avoid_creds:
                    continue
                if any(self.rule_attainable(c, rule, state) for _, rule in self.rules[c]):
                    eff |= ix.closure[c]
                    changed = True
            for r in range(len(ix.roles)):
                if r in roles or r in self.avoid_roles:
                    continue
                hired = ix.role_hire[r].compiled and self.req_attainable(ix.role_hire[r], state)
                moved = any(
                    edge.origin in roles and self.req_attainable(edge.requires, state, empty=True)
                    for edge in ix.moves_in[r]
                )
                if hired or moved:
                    roles.add(r)
                    kinds |= ix.role_accrues_mask[r]
                    changed = True
        return progs, eff, roles, edu, kinds

    def could_reach(self, goal: _Goal, via: tuple[Ref, ...] = ()) -> bool:
        """False when, ignoring time altogether, nothing can ever reach the goal (and the
        waypoints): then no search is needed to say so."""
        progs, eff, roles, _, _ = state = self.attainable
        ix = self.ix
        if goal.kind == "role":
            found = goal.index in roles
        elif goal.kind == "credential":
            found = bool(eff >> goal.index & 1)
        else:
            found = any(
                self.req_attainable(getattr(rule, goal.kind), state)
                for _, rule in self.rules[goal.index]
            )
        for ref in via:
            if ref.kind is RefKind.PROGRAM:
                found = found and bool(progs & ix.prog_bit[ref.slug])
            elif ref.kind is RefKind.CREDENTIAL:
                found = found and bool(eff & ix.cred_bit[ref.slug])
            else:
                found = found and ix.role_ix[ref.slug] in roles
        return found

    def rule_attainable(self, c: int, rule: _CRule, state) -> bool:
        if not self.req_attainable(rule.required, state, empty=True):
            return False
        if self.ix.cred_exam[c] and self.recommended:
            return self.req_attainable(rule.recommended, state, empty=True)
        return True

    def req_attainable(self, req: _Req, state, empty: bool = True) -> bool:
        if not req.compiled:
            return empty
        return any(not self.missing_atoms(route, state) for route in req.routes)

    def missing_atoms(self, route: Route, state=None) -> list[str]:
        """What in this route nothing can ever satisfy, in plain words."""
        catalog, ix, start = self.catalog, self.ix, self.start
        progs, eff, roles, edu, kinds = state if state is not None else self.attainable
        missing = []
        if route.education and route.education.rank > edu:
            missing.append(route.education.words)
        if route.programs and not any(progs & ix.prog_bit[slug] for slug in route.programs):
            missing.append(
                " or ".join(
                    catalog.programs[slug].name
                    + (" (avoided)" if ix.prog_ix[slug] in self.avoid_progs else "")
                    for slug in route.programs
                )
            )
        if route.credentials and not any(eff & ix.cred_bit[slug] for slug in route.credentials):
            missing.append(
                " or ".join(
                    catalog.credentials[slug].acronym
                    + (" (avoided)" if ix.cred_ix[slug] in self.avoid_creds else "")
                    for slug in route.credentials
                )
            )
        if route.licences and not any(start.lic & ix.lic_bit[s] for s in route.licences):
            names = " or ".join(catalog.licences.get(s, s) for s in route.licences)
            missing.append(f"{names} licence")
        for need in route.experience:
            k = ix.kind_ix[need.kind]
            if start.exp[k] < need.months and not kinds >> k & 1:
                words = catalog.kind_words(need.kind)
                missing.append(f"{_months_words(need.months)} of {words} experience")
        if route.current_role_accrues:
            k = ix.kind_ix[route.current_role_accrues]
            if not kinds >> k & 1:
                words = catalog.kind_words(route.current_role_accrues)
                missing.append(f"a role that builds {words} experience")
        return missing

    def req_missing(self, routes: Iterable[Route]) -> list[str]:
        return list(dict.fromkeys(atom for route in routes for atom in self.missing_atoms(route)))


# --- Roadmap building ---------------------------------------------------------------------


@dataclass(frozen=True)
class _State:
    """An uncapped state, replayed from the plan's actions (for wording and eligibility)."""

    t: int
    edu: int
    progs: int
    eff: int
    role: int
    exp: tuple[int, ...]
    ten: int


@dataclass(frozen=True)
class _Segment:
    kind: StepKind
    index: int  # program, credential or role index (-1: no role)
    before: _State
    after: _State
    working: bool = False  # study: the current role is worked meanwhile
    edge: _CMove | None = None  # move along an edge (None: hired)


@dataclass(frozen=True)
class Step:
    key: str
    kind: StepKind
    title: str
    start: date
    end: date
    months: int
    cost: int | None
    salary: Salary | None
    because: str
    program: str | None = None
    role: str | None = None
    credential: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "kind": str(self.kind),
            "title": self.title,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "months": self.months,
            "cost": self.cost,
            "salary": self.salary.to_dict() if self.salary else None,
            "program": self.program,
            "role": self.role,
            "credential": self.credential,
            "because": self.because,
        }


@dataclass(frozen=True)
class Check:
    """One requirement's status for the eligibility report."""

    status: Status
    date: date | None = None
    route: str | None = None
    missing: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": str(self.status),
            "date": self.date.isoformat() if self.date else None,
            "route": self.route,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Eligibility:
    credential: str
    required: Check
    recommended: Check
    rule_effective: date | None
    sources: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "credential": self.credential,
            "required": self.required.to_dict(),
            "recommended": self.recommended.to_dict(),
            "rule_effective": self.rule_effective.isoformat() if self.rule_effective else None,
            "sources": list(self.sources),
        }


@dataclass(frozen=True)
class Roadmap:
    target: Target
    title: str
    reachable: bool
    reason: str | None
    start: date
    finish: date | None
    months: int | None
    cost: int | None  # total of the known step costs
    steps: tuple[Step, ...]
    eligibility: tuple[Eligibility, ...]

    def step(self, key: str) -> Step | None:
        return next((step for step in self.steps if step.key == key), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "target": {
                "kind": str(self.target.kind),
                "slug": self.target.slug,
                "title": self.title,
            },
            "reachable": self.reachable,
            "reason": self.reason,
            "start": self.start.isoformat(),
            "finish": self.finish.isoformat() if self.finish else None,
            "months": self.months,
            "cost": self.cost,
            "steps": [step.to_dict() for step in self.steps],
            "eligibility": [item.to_dict() for item in self.eligibility],
        }


class _Builder:
    """Turns a goal node into a Roadmap: steps with keys and reasons, eligibility."""

    def __init__(self, problem: _Problem, target: Target) -> None:
        self.problem = problem
        self.catalog = problem.catalog
        self.ix = problem.ix
        self.target = target

    # Replaying ----------------------------------------------------------------------------

    def initial(self) -> _State:
        s = self.problem.start
        return _State(0, s.edu, s.progs, s.eff, s.role, s.exp, s.ten)

    @staticmethod
    def actions(goal: _Node) -> list[tuple[StepKind, int, int]]:
        """The plan as (kind, index, months), consecutive waits merged."""
        actions: list[tuple[StepKind, int, int]] = []
        node = goal
        while node.parent is not None:
            actions.append((node.action[0], node.action[1], node.t - node.parent.t))
            node = node.parent
        actions.reverse()
        return _merge_work(actions)

    def replay(self, actions: list[tuple[StepKind, int, int]], check: bool = False):
        """The actions as segments with uncapped states. With `check`, None unless every
        step's requirements hold when it starts (used to test simplifications)."""
        ix, problem = self.ix, self.problem
        recommended = problem.recommended
        sww = problem.request.study_while_working
        segments: list[_Segment] = []
        state = self.initial()
        for kind, index, months in actions:
            t1 = state.t + months
            if kind is StepKind.WORK:
                if check and index != state.role:
                    return None
                segments.append(_Segment(kind, index, state, self._worked(state, t1, months)))
            elif kind is StepKind.STUDY:
                if check and (
                    state.progs >> index & 1
                    or index in problem.avoid_progs
                    or (
                        ix.prog_admission[index].routes
                        and not self.first_route(ix.prog_admission[index], state)
                    )
                ):
                    return None
                working = state.role >= 0 and sww and ix.prog_wws[index]
                worked = self._worked(state, t1, months) if working else state
                after = _State(
                    t1,
                    max(state.edu, ix.prog_grants[index]),
                    state.progs | 1 << index,
                    state.eff,
                    state.role,
                    worked.exp,
                    worked.ten,
                )
                segments.append(_Segment(kind, index, state, after, working=working))
            elif kind is StepKind.MOVE:
                edge = ix.moves_out[state.role].get(index) if state.role >= 0 else None
                if edge is not None and (
                    (recommended and state.ten < edge.typical)
                    or (edge.requires.routes and not self.first_route(edge.requires, state))
                ):
                    edge = None
                if check and edge is None:
                    hire = ix.role_hire[index]
                    if not hire.routes or not self.first_route(hire, state):
                        return None
                after = _State(t1, state.edu, state.progs, state.eff, index, state.exp, 0)
                segments.append(_Segment(kind, index, state, after, edge=edge))
            else:
                if check and not self.may_earn(index, state):
                    return None
                eff = state.eff | ix.closure[index]
                after = _State(t1, state.edu, state.progs, eff, state.role, state.exp, state.ten)
                segments.append(_Segment(kind, index, state, after))
            state = segments[-1].after
        return segments

    def may_earn(self, c: int, state: _State) -> bool:
        rule = self.problem.rule_at(c, state.t)
        if rule is None:
            return False
        if rule.required.routes and not self.first_route(rule.required, state):
            return False
        if self.ix.cred_exam[c] and self.problem.recommended and rule.recommended.routes:
            return self.first_route(rule.recommended, state) is not None
        return True

    def simplify(self, actions: list[tuple[StepKind, int, int]]) -> list[_Segment]:
        """Drop what the plan does not need: an exam or grant that nothing after it uses,
        a program whose months can be plain work (or waiting) instead. Ties on time and
        cost are broken toward fewer steps this way; every step is re-checked."""
        ix, request = self.ix, self.problem.request
        via_programs = {ref.slug for ref in request.via if ref.kind is RefKind.PROGRAM}
        via_credentials = {ref.slug for ref in request.via if ref.kind is RefKind.CREDENTIAL}
        finish = sum(months for _, _, months in actions)
        i = len(actions) - 2  # the last step reaches the goal
        while i >= 0:
            kind, index, months = actions[i]
            if kind is StepKind.STUDY:
                removable = ix.progs[index] not in via_programs
            elif kind in (StepKind.EXAM, StepKind.GRANT):
                removable = ix.creds[index] not in via_credentials
            else:
                removable = False
            if removable:
                before = self.replay(actions[:i])
                role = before[-1].after.role if before else self.problem.start.role
                replacement = [(StepKind.WORK, role, months)] if months else []
                trial = _merge_work(actions[:i] + replacement + actions[i + 1 :])
                segments = self.replay(trial, check=True)
                if segments is not None and self.reaches(segments, finish):
                    actions = trial
                    i = min(i, len(actions) - 1)
            i -= 1
        return self.replay(actions)

    def reaches(self, segments: list[_Segment], finish: int) -> bool:
        final = segments[-1].after if segments else self.initial()
        if final.t != finish:
            return False
        if self.target.kind is TargetKind.ROLE:
            return final.role == self.ix.role_ix[self.target.slug]
        return bool(final.eff >> self.ix.cred_ix[self.target.slug] & 1)

    def _worked(self, state: _State, t1: int, months: int) -> _State:
        if state.role < 0:
            return _State(t1, state.edu, state.progs, state.eff, -1, state.exp, state.ten)
        exp = list(state.exp)
        for k in set(self.ix.role_accrues[state.role]):
            exp[k] += months
        return _State(
            t1, state.edu, state.progs, state.eff, state.role, tuple(exp), state.ten + months
        )

    # Route checks on uncapped states ------------------------------------------------------

    def first_route(self, req: _Req, state: _State) -> Route | None:
        racc = self.ix.role_accrues_mask[state.role] if state.role >= 0 else 0
        lic = self.problem.start.lic
        for compiled, route in zip(req.compiled, req.routes, strict=True):
            if _holds(compiled, state.edu, state.progs, state.eff, lic, state.exp, racc):
                return route
        return None

    def gates(self, segment: _Segment) -> list[tuple]:
        """The requirements a 0-month step (or a study's admission) passed: (label, route,
        compiled route, state then) for each."""
        catalog, ix, problem = self.catalog, self.ix, self.problem
        before = segment.before
        if segment.kind in (StepKind.EXAM, StepKind.GRANT):
            c = segment.index
            acronym = catalog.credentials[ix.creds[c]].acronym
            rule = problem.rule_at(c, before.t)
            gates = []
            if segment.kind is StepKind.EXAM and problem.recommended:
                gates.extend(
                    self._gate(f"{acronym} recommended readiness", rule.recommended, before)
                )
            label = "requirement to sit" if segment.kind is StepKind.EXAM else "requirement"
            gates.extend(self._gate(f"{acronym} {label}", rule.required, before))
            return gates
        if segment.kind is StepKind.MOVE:
            title = catalog.roles[ix.roles[segment.index]].title
            edge = segment.edge
            if edge is None:
                return self._gate(f"{title} hiring", ix.role_hire[segment.index], before)
            origin = catalog.roles[ix.roles[edge.origin]].title
            kind = "lateral move" if edge.move.kind is MoveKind.LATERAL else edge.move.kind
            label = f"{kind} from {origin} to {title}"
            gates = self._gate(label, edge.requires, before)
            return gates or [(label, None, None, before)]
        if segment.kind is StepKind.STUDY:
            name = catalog.programs[ix.progs[segment.index]].name
            return self._gate(f"admission to {name}", ix.prog_admission[segment.index], before)
        return []

    def _gate(self, label: str, req: _Req, state: _State):
        if not req.routes:
            return []
        route = self.first_route(req, state)
        compiled = req.compiled[req.routes.index(route)] if route is not None else None
        return [(label, route, compiled, state)]

    def gate_words(self, label: str, route: Route | None, state: _State | None = None) -> str:
        if route is None:
            return label
        return f"{label}, route: {self.route_words(route, state)}"

    def route_words(self, route: Route, state: _State | None) -> str:
        """A route in plain words, naming what the state actually has where the route
        accepts any one of several."""
        if state is None:
            return self.catalog.describe(route)
        ix = self.ix
        return self.catalog.describe(
            route,
            programs=(slug for p, slug in enumerate(ix.progs) if state.progs >> p & 1),
            credentials=(slug for c, slug in enumerate(ix.creds) if state.eff >> c & 1),
            licences=(slug for slug, bit in ix.lic_bit.items() if self.problem.start.lic & bit),
        )

    # Reasons ------------------------------------------------------------------------------

    def own_reason(self, segment: _Segment) -> str:
        """Why a 0-month step may happen now: the route it satisfies."""
        catalog, ix = self.catalog, self.ix
        gates = self.gates(segment)
        if segment.kind is StepKind.MOVE and segment.edge is not None:
            edge = segment.edge
            label, route, _, state = gates[0]
            words = self.gate_words(label, route, state)
            if self.problem.recommended and edge.typical:
                words += f"; after {_months_words(edge.typical)} in role (typical pace)"
            return words
        if gates:
            return "; ".join(
                self.gate_words(label, route, state) for label, route, _, state in gates
            )
        if segment.kind is StepKind.MOVE:
            title = catalog.roles[ix.roles[segment.index]].title
            return f"{title} hiring: no prerequisites"
        acronym = catalog.credentials[ix.creds[segment.index]].acronym
        return f"{acronym}: no requirement to sit"

    def provides(self, giver: _Segment, taker: _Segment, compiled: _CRoute | None) -> str | None:
        """How an earlier step helps a later one pass its gate: "rule" (it waited for the
        rule set in force), "tenure" (time in role before a move), "route" (something the
        route asks for), or None."""
        before, after = giver.before, giver.after
        if giver.kind in (StepKind.STUDY, StepKind.WORK) and taker.kind in (
            StepKind.EXAM,
            StepKind.GRANT,
        ):
            offsets = [o for o, _ in self.problem.rules[taker.index]]
            if any(before.t < o <= after.t for o in offsets):
                return "rule"
        if (
            taker.kind is StepKind.MOVE
            and taker.edge is not None
            and giver.kind is StepKind.WORK
            and giver.index == taker.edge.origin
            and self.problem.recommended
            and before.ten < taker.edge.typical
        ):
            return "tenure"
        if compiled is None:
            return None
        r_edu, r_progs, r_creds, _, r_exp, _ = compiled
        if giver.kind in (StepKind.EXAM, StepKind.GRANT):
            gained = after.eff & ~before.eff
            return "route" if r_creds & gained and not before.eff & r_creds else None
        if giver.kind is StepKind.STUDY and (
            r_progs >> giver.index & 1 or before.edu < r_edu <= after.edu
        ):
            return "route"
        if any(before.exp[k] < months and after.exp[k] > before.exp[k] for k, months in r_exp):
            return "route"
        return None

    def because(self, i: int, segments: list[_Segment], via_words: dict[tuple, str]) -> str:
        """Plain words for a step: a 0-month step names the route it satisfies (and, for a
        credential on the way, what needs it); study and work name the first later
        requirement they help to meet."""
        segment = segments[i]
        via = via_words.get((segment.kind, segment.index))
        own = None
        if segment.kind not in (StepKind.STUDY, StepKind.WORK):
            own = self.own_reason(segment)
            if segment.kind is StepKind.MOVE or i == len(segments) - 1:
                return f"{own}; {via}" if via else own
        words = None
        for taker in segments[i + 1 :]:
            gates = self.gates(taker)
            for label, route, compiled, state in gates:
                how = self.provides(segment, taker, compiled)
                if how == "tenure":
                    months = _months_words(taker.edge.typical)
                    words = f"{months} in role (typical pace) before {label}"
                elif how:
                    words = self.gate_words(label, route, state)
                if words:
                    break
            else:
                if not gates and self.provides(segment, taker, None):
                    words = self.own_reason(taker)
            if words:
                break
        if own:
            words = f"{own}; needed for {words}" if words else own
        if words and via:
            return f"{words}; {via}"
        return words or via or f"toward {self.catalog.title_of(self.target)}"

    # Steps --------------------------------------------------------------------------------

    def steps(self, segments: list[_Segment]) -> tuple[Step, ...]:
        catalog, ix, problem = self.catalog, self.ix, self.problem
        via_words = {}
        for ref in problem.request.via:
            kind = {
                RefKind.PROGRAM: (StepKind.STUDY, ix.prog_ix),
                RefKind.CREDENTIAL: None,
                RefKind.ROLE: (StepKind.MOVE, ix.role_ix),
            }[ref.kind]
            if kind is None:
                for step_kind in (StepKind.EXAM, StepKind.GRANT):
                    via_words[(step_kind, ix.cred_ix[ref.slug])] = f"via {ref.slug} (requested)"
            else:
                via_words[(kind[0], kind[1][ref.slug])] = f"via {ref.slug} (requested)"
        counts: dict[tuple[StepKind, str], int] = {}
        steps = []
        for i, segment in enumerate(segments):
            kind, before, after = segment.kind, segment.before, segment.after
            program = role = credential = None
            cost = None
            held = before.role
            if kind is StepKind.STUDY:
                item = catalog.programs[ix.progs[segment.index]]
                program, slug, cost = item.slug, item.slug, item.cost
                title = f"Study: {item.name}"
                if not segment.working:
                    held = -1
            elif kind is StepKind.WORK:
                if segment.index >= 0:
                    item = catalog.roles[ix.roles[segment.index]]
                    role = slug = item.slug
                    title = f"Work as {item.title}"
                else:
                    slug = "none"
                    title = "Wait (no role held)"
            elif kind is StepKind.MOVE:
                item = catalog.roles[ix.roles[segment.index]]
                role = slug = item.slug
                held = segment.index
                if segment.edge is None:
                    title = f"Get hired as {item.title}"
                else:
                    verb = {
                        MoveKind.PROMOTION: "Promotion to",
                        MoveKind.SPECIALISATION: "Specialise as",
                        MoveKind.LATERAL: "Move to",
                    }[segment.edge.move.kind]
                    title = f"{verb} {item.title}"
            else:
                item = catalog.credentials[ix.creds[segment.index]]
                credential = slug = item.slug
                if kind is StepKind.EXAM:
                    cost = item.fee
                    title = f"Sit the {item.acronym} exam ({item.name})"
                else:
                    title = f"Granted {item.acronym} ({item.name})"
            counts[(kind, slug)] = counts.get((kind, slug), 0) + 1
            steps.append(
                Step(
                    key=f"{kind}:{slug}:{counts[(kind, slug)]}",
                    kind=kind,
                    title=title,
                    start=problem.date(before.t),
                    end=problem.date(after.t),
                    months=after.t - before.t,
                    cost=cost,
                    salary=catalog.roles[ix.roles[held]].salary if held >= 0 else None,
                    because=self.because(i, segments, via_words),
                    program=program,
                    role=role,
                    credential=credential,
                )
            )
        return tuple(steps)

    # Eligibility --------------------------------------------------------------------------

    def eligibility(
        self, segments: list[_Segment], extra: Iterable[str]
    ) -> tuple[Eligibility, ...]:
        ix = self.ix
        slugs = [ix.creds[s.index] for s in segments if s.kind in (StepKind.EXAM, StepKind.GRANT)]
        if self.target.kind is TargetKind.CREDENTIAL:
            slugs.append(self.target.slug)
        slugs.extend(extra)
        report = []
        for slug in dict.fromkeys(slugs):
            c = ix.cred_ix[slug]
            earned = next(
                (
                    s.before.t
                    for s in segments
                    if s.kind in (StepKind.EXAM, StepKind.GRANT) and s.index == c
                ),
                0,
            )
            rules = self.problem.rules[c]
            rule = self.problem.rule_at(c, earned) or (rules[0][1] if rules else None)
            report.append(
                Eligibility(
                    credential=slug,
                    required=self.check(c, "required", segments),
                    recommended=self.check(c, "recommended", segments),
                    rule_effective=rule.effective if rule else None,
                    sources=tuple(s for s in (rule.rule.source,) if s) if rule else (),
                )
            )
        return tuple(report)

    def requirement_route(self, c: int, which: str, state: _State, t: int) -> Route | None | bool:
        """The route by which requirement `which` of credential c holds at month t, True if
        the rule set in force has no such routes, None if it does not hold."""
        rule = self.problem.rule_at(c, t)
        if rule is None:
            return None
        req: _Req = getattr(rule, which)
        if not req.routes:
            return True
        return self.first_route(req, state)

    def check(self, c: int, which: str, segments: list[_Segment]) -> Check:
        problem = self.problem
        start = self.initial()
        found = self.requirement_route(c, which, start, 0)
        if found is not None:
            return Check(Status.MET, problem.date(0), self._route_words(found, start))
        hit = self._along(c, which, segments)
        if hit is None and problem.could_reach(_Goal(which, c)):
            goal = problem.search(_Goal(which, c))
            if goal is not None:
                hit = (goal.t, self._goal_state(goal))
        if hit is not None:
            t, state = hit
            found = self.requirement_route(c, which, state, t)
            return Check(Status.LATER, problem.date(t), self._route_words(found, state))
        rules = [rule for _, rule in problem.rules[c]]
        missing = problem.req_missing(r for rule in rules for r in getattr(rule, which).routes)
        if not rules:
            missing = ["a rule set in force"]
        if not missing:
            missing = [f"nothing within {problem.request.horizon} months of the start date"]
        return Check(Status.BLOCKED, missing=tuple(missing))

    def _route_words(self, found: Route | bool | None, state: _State) -> str | None:
        if isinstance(found, Route):
            return self.route_words(found, state)
        return "no requirement" if found is True else None

    def _goal_state(self, goal: _Node) -> _State:
        segments = self.replay(self.actions(goal))
        return segments[-1].after if segments else self.initial()

    def _along(self, c: int, which: str, segments: list[_Segment]) -> tuple[int, _State] | None:
        """The first month along the roadmap at which the requirement holds: checked after
        each step, and inside a long step at the months a threshold is crossed or a rule
        set takes effect."""
        ix, rules = self.ix, self.problem.rules[c]
        for segment in segments:
            before, after = segment.before, segment.after
            if after.t > before.t:
                working = before.role >= 0 and (segment.kind is StepKind.WORK or segment.working)
                accrues = set(ix.role_accrues[before.role]) if working else set()
                times = {offset for offset, _ in rules}
                for _, rule in rules:
                    for route in getattr(rule, which).routes:
                        for need in route.experience:
                            k = ix.kind_ix[need.kind]
                            if k in accrues:
                                times.add(before.t + need.months - before.exp[k])
                for t in sorted(x for x in times if before.t < x < after.t):
                    gained = t - before.t
                    exp = tuple(e + gained if k in accrues else e for k, e in enumerate(before.exp))
                    state = _State(
                        t, before.edu, before.progs, before.eff, before.role, exp, before.ten
                    )
                    if self.requirement_route(c, which, state, t) is not None:
                        return t, state
            if self.requirement_route(c, which, after, after.t) is not None:
                return after.t, after
        return None

    # Unreachable --------------------------------------------------------------------------

    def reason(self, via: tuple[Ref, ...]) -> str:
        """Which requirement nothing in the catalog satisfies (or the horizon)."""
        problem, catalog, ix = self.problem, self.catalog, self.ix
        progs, eff, roles, _, _ = problem.attainable
        if self.target.kind is TargetKind.ROLE:
            r = ix.role_ix[self.target.slug]
            if r not in roles:
                return self._role_reason(r)
        else:
            c = ix.cred_ix[self.target.slug]
            if not eff >> c & 1:
                return self._credential_reason(c)
        for ref in via:
            if ref.kind is RefKind.ROLE and ix.role_ix[ref.slug] not in roles:
                return "via: " + self._role_reason(ix.role_ix[ref.slug])
            if ref.kind is RefKind.CREDENTIAL and not eff >> ix.cred_ix[ref.slug] & 1:
                return "via: " + self._credential_reason(ix.cred_ix[ref.slug])
            if ref.kind is RefKind.PROGRAM and not progs & ix.prog_bit[ref.slug]:
                program = catalog.programs[ref.slug]
                missing = problem.req_missing(program.admission)
                return (
                    f"via: nothing in the catalog satisfies admission to {program.name}; "
                    f"missing: {', '.join(missing)}"
                )
        title = catalog.title_of(self.target)
        return (
            f"no plan reaches {title} within {problem.request.horizon} months of "
            f"{problem.request.start_day.isoformat()}"
        )

    def _role_reason(self, r: int) -> str:
        problem, catalog, ix = self.problem, self.catalog, self.ix
        roles = problem.attainable[2]
        title = catalog.roles[ix.roles[r]].title
        if r in problem.avoid_roles:
            return f"{title} is in avoid"
        missing = problem.req_missing(ix.role_hire[r].routes)
        for edge in ix.moves_in[r]:
            if edge.origin not in roles:
                missing.append(f"{catalog.roles[ix.roles[edge.origin]].title} (role)")
            missing.extend(problem.req_missing(edge.requires.routes))
        missing = list(dict.fromkeys(missing))
        if not missing:
            return f"nothing in the catalog leads to {title}: no hiring route and no move into it"
        return (
            f"nothing in the catalog satisfies the entry requirement of {title}; "
            f"missing: {', '.join(missing)}"
        )

    def _credential_reason(self, c: int) -> str:
        problem, catalog, ix = self.problem, self.catalog, self.ix
        credential = catalog.credentials[ix.creds[c]]
        if c in problem.avoid_creds:
            return f"{credential.acronym} is in avoid"
        rules = [rule for _, rule in problem.rules[c]]
        if not rules:
            return f"{credential.acronym} has no rule set in force on or after the start date"
        required = problem.req_missing(r for rule in rules for r in rule.required.routes)
        label = "requirement to sit" if credential.earned_by is EarnedBy.EXAM else "requirement"
        if required:
            return (
                f"nothing in the catalog satisfies the {credential.acronym} {label}; "
                f"missing: {', '.join(required)}"
            )
        recommended = problem.req_missing(r for rule in rules for r in rule.recommended.routes)
        return (
            f"nothing in the catalog satisfies the {credential.acronym} recommended readiness; "
            f"missing: {', '.join(recommended)}"
        )


def _merge_work(actions: list[tuple[StepKind, int, int]]) -> list[tuple[StepKind, int, int]]:
    merged: list[tuple[StepKind, int, int]] = []
    for kind, index, months in actions:
        if kind is StepKind.WORK and merged and merged[-1][:2] == (kind, index):
            merged[-1] = (kind, index, merged[-1][2] + months)
        else:
            merged.append((kind, index, months))
    return merged


# --- Public entry points ------------------------------------------------------------------


def _plan(problem: _Problem, target: Target) -> Roadmap:
    ix, catalog, request = problem.ix, problem.catalog, problem.request
    if target.kind is TargetKind.ROLE:
        goal = _Goal("role", ix.role_ix[target.slug])
    else:
        goal = _Goal("credential", ix.cred_ix[target.slug])
    node = problem.search(goal, request.via) if problem.could_reach(goal, request.via) else None
    builder = _Builder(problem, target)
    title = catalog.title_of(target)
    if node is None:
        return Roadmap(
            target=target,
            title=title,
            reachable=False,
            reason=builder.reason(request.via),
            start=request.start_day,
            finish=None,
            months=None,
            cost=None,
            steps=(),
            eligibility=builder.eligibility([], request.check),
        )
    segments = builder.simplify(builder.actions(node))
    steps = builder.steps(segments)
    return Roadmap(
        target=target,
        title=title,
        reachable=True,
        reason=None,
        start=request.start_day,
        finish=problem.date(node.t),
        months=node.t,
        cost=sum(step.cost for step in steps if step.cost is not None),
        steps=steps,
        eligibility=builder.eligibility(segments, request.check),
    )


def plan(catalog: Catalog, person: Person, target: Target, options: Options) -> Roadmap:
    """The earliest roadmap from `person` to `target` (ties: cheaper, then fewer steps).
    Raises InputError for a request the catalog cannot plan."""
    request = _Request.build(catalog, person, target, options)
    return _plan(_Problem(catalog, request), target)


def plan_many(
    catalog: Catalog, person: Person, requests: Iterable[tuple[Target, Options]]
) -> list[Roadmap]:
    """Several roadmaps for one person; requests sharing Options share their setup."""
    problems: dict[Options, _Problem] = {}
    roadmaps = []
    for target, options in requests:
        request = _Request.build(catalog, person, target, options)
        problem = problems.get(options)
        if problem is None:
            problem = problems[options] = _Problem(catalog, request)
        roadmaps.append(_plan(problem, target))
    return roadmaps


@dataclass(frozen=True)
class RoadmapDiff:
    """How roadmap `b` differs from `a`: finish change in months (negative: earlier) and
    steps added, removed or rescheduled, by key."""

    months: int | None  # None when either roadmap is unreachable
    added: tuple[str, ...]
    removed: tuple[str, ...]
    rescheduled: tuple[str, ...]

    @property
    def finish(self) -> str | None:
        if self.months is None:
            return None
        return "earlier" if self.months < 0 else "later" if self.months > 0 else "same"

    def summary(self) -> str:
        parts = []
        if self.months is None:
            parts.append("finish not comparable")
        elif self.months:
            parts.append(f"finishes {_months_words(abs(self.months))} {self.finish}")
        else:
            parts.append("finishes at the same time")
        if self.added:
            parts.append("adds " + ", ".join(self.added))
        if self.removed:
            parts.append("removes " + ", ".join(self.removed))
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "finish": self.finish,
            "months": abs(self.months) if self.months is not None else None,
            "added": list(self.added),
            "removed": list(self.removed),
            "rescheduled": list(self.rescheduled),
        }


def diff(a: Roadmap, b: Roadmap) -> RoadmapDiff:
    """What changed from roadmap a to roadmap b."""
    if a.finish is None or b.finish is None:
        months = None
    elif b.finish >= a.finish:
        months = months_between(a.finish, b.finish)
    else:
        months = -months_between(b.finish, a.finish)
    old = {step.key: step for step in a.steps}
    new = {step.key: step for step in b.steps}
    return RoadmapDiff(
        months=months,
        added=tuple(key for key in new if key not in old),
        removed=tuple(key for key in old if key not in new),
        rescheduled=tuple(
            key
            for key in new
            if key in old and (old[key].start, old[key].end) != (new[key].start, new[key].end)
        ),
    )
