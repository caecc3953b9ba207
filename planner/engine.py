"""The roadmap engine: the earliest dated path from a person's situation to a role or a
credential, and a date-accurate credential eligibility report.

Pure Python on purpose, no Django import: `Catalog.from_document(doc)` builds an immutable
snapshot from the catalog document (docs/catalog-format.md) and `plan()` turns a `Person`, a
`Target` and `Options` into a `Roadmap`.

How the search works: a uniform-cost (Dijkstra) search over states (month, education,
programs done, credentials held, current role, months of experience by kind, months in the
current role, waypoints passed), ordered by (finish month, known cost, number of steps).
Actions are: study a program (its typical months), sit an exam or be granted a credential
(0 months), move into a role (0 months), and wait in the current role. A wait jumps straight
to the next month at which something can change: an experience or time-in-role threshold
that some route mentions is crossed, or a rule set takes effect. Only the programs,
credentials and roles that can matter for the goal are considered (found by walking the
requirements backwards from the goal), experience is capped at the largest threshold that
matters, and a state is dropped when another is at least as good in every respect.
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

    def describe(self, route: Route) -> str:
        """A route in plain words: 'high school diploma + CCA + 12 months of coding
        experience'."""
        parts = []
        if route.education and route.education is not Education.NONE:
            parts.append(route.education.words)
        if route.programs:
            parts.append(" or ".join(self.programs[slug].name for slug in route.programs))
        if route.credentials:
            parts.append(" or ".join(self.credentials[slug].acronym for slug in route.credentials))
        if route.licences:
            names = " or ".join(self.licences.get(slug, slug) for slug in route.licences)
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
    study_while_working: bool = True
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


@dataclass(frozen=True)
class _CRule:
    effective: date
    required: _Req
    recommended: _Req
    rule: RuleSet


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


# --- Search -------------------------------------------------------------------------------


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
        "dead",
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
        self.dead = False


def _dominates(a: _Node, b: _Node) -> bool:
    """a is at least as good as b (same role): no later, no dearer, at least as much of
    everything, and no more steps once a catches up with b in time."""
    if a.t > b.t or a.cost > b.cost or a.edu < b.edu or a.ten < b.ten:
        return False
    if a.progs | b.progs != a.progs or a.eff | b.eff != a.eff or a.vmask | b.vmask != a.vmask:
        return False
    for mine, theirs in zip(a.exp, b.exp, strict=True):
        if mine < theirs:
            return False
    extra = 0 if a.waiting or (a.t == b.t and not b.waiting) else 1
    return a.steps + extra <= b.steps


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
            todo.append(("credential", goal.index))
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
        )

    # The search ---------------------------------------------------------------------------

    def search(self, goal: _Goal, via: tuple[Ref, ...] = ()) -> _Node | None:
        """The goal node of an earliest (then cheapest, then shortest) plan, or None."""
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
        prog_bit = [1 << p for p in range(len(ix.progs))]
        rule_at = self.rule_at

        # Waypoints: one bit each; how each is passed.
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

        def any_holds(routes, node) -> bool:
            racc = accrues_mask[node.role] if node.role >= 0 else 0
            for route in routes:
                if _holds(route, node.edu, node.progs, node.eff, lic, node.exp, racc):
                    return True
            return False

        if goal.kind == "role":
            target_role = goal.index

            def reached(node: _Node) -> bool:
                return node.role == target_role and node.vmask == full

        elif goal.kind == "credential":
            target_bit = 1 << goal.index

            def reached(node: _Node) -> bool:
                return bool(node.eff & target_bit) and node.vmask == full

        else:
            cred, which = goal.index, goal.kind

            def reached(node: _Node) -> bool:
                rule = rule_at(cred, node.t)
                if rule is None:
                    return False
                routes = getattr(rule, which).compiled
                return not routes or any_holds(routes, node)

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
        labels: dict[int, list[_Node]] = {}
        heap: list[tuple[int, int, int, int, _Node]] = []
        counter = 0

        def push(node: _Node) -> None:
            nonlocal counter
            group = labels.get(node.role)
            if group is None:
                labels[node.role] = [node]
            else:
                for other in group:
                    if _dominates(other, node):
                        return
                kept = []
                for other in group:
                    if _dominates(node, other):
                        other.dead = True
                    else:
                        kept.append(other)
                kept.append(node)
                labels[node.role] = kept
            counter += 1
            heapq.heappush(heap, (node.t, node.cost, node.steps, counter, node))

        push(root)
        while heap:
            node = heapq.heappop(heap)[4]
            if node.dead:
                continue
            if reached(node):
                return node
            t, role = node.t, node.role
            edu, progs, eff, exp, ten, vmask = (
                node.edu,
                node.progs,
                node.eff,
                node.exp,
                node.ten,
                node.vmask,
            )
            steps = node.steps + 1

            # Sit an exam, or be granted a credential (0 months).
            for c in rel.creds:
                via_bit = via_cred.get(c, 0)
                if eff >> c & 1 and not (via_bit and not vmask & via_bit):
                    continue
                rule = rule_at(c, t)
                if rule is None:
                    continue
                if rule.required.compiled and not any_holds(rule.required.compiled, node):
                    continue
                exam = cred_exam[c]
                if (
                    exam
                    and recommended
                    and rule.recommended.compiled
                    and not any_holds(rule.recommended.compiled, node)
                ):
                    continue
                fee = (cred_fee[c] or 0) if exam else 0
                push(
                    _Node(
                        t,
                        node.cost + fee,
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

            # Move into a role (0 months): along an edge from the current role, or hired.
            edges = moves_out[role] if role >= 0 else {}
            for r in rel.roles:
                if r == role:
                    continue
                how = None
                edge = edges.get(r)
                if (
                    edge is not None
                    and (not recommended or ten >= edge.typical)
                    and (not edge.requires.compiled or any_holds(edge.requires.compiled, node))
                ):
                    how = edge
                elif hire[r].compiled and any_holds(hire[r].compiled, node):
                    how = "hire"
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

            # Study a program (its typical months).
            for p in rel.progs:
                bit = prog_bit[p]
                if progs & bit:
                    continue
                months = ix.prog_months[p]
                if t + months > horizon:
                    continue
                admission = ix.prog_admission[p].compiled
                if admission and not any_holds(admission, node):
                    continue
                working = role >= 0 and sww and ix.prog_wws[p]
                push(
                    _Node(
                        t + months,
                        node.cost + (ix.prog_cost[p] or 0),
                        steps,
                        max(edu, ix.prog_grants[p]),
                        progs | bit,
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
            if wait <= horizon:
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

    def replay(self, goal: _Node) -> list[_Segment]:
        """The plan's actions as segments with uncapped states; consecutive waits merged."""
        actions = []
        node = goal
        while node.parent is not None:
            actions.append((node.action, node.parent.t, node.t))
            node = node.parent
        actions.reverse()
        ix = self.ix
        segments: list[_Segment] = []
        state = self.initial()
        for action, t0, t1 in actions:
            kind = action[0]
            months = t1 - t0
            if kind is StepKind.WORK:
                after = self._worked(state, t1, months)
                if segments and segments[-1].kind is StepKind.WORK:
                    last = segments.pop()
                    segments.append(_Segment(StepKind.WORK, last.index, last.before, after))
                else:
                    segments.append(_Segment(StepKind.WORK, action[1], state, after))
            elif kind is StepKind.STUDY:
                p, working = action[1], action[2]
                worked = self._worked(state, t1, months) if working else state
                after = _State(
                    t1,
                    max(state.edu, ix.prog_grants[p]),
                    state.progs | 1 << p,
                    state.eff,
                    state.role,
                    worked.exp,
                    worked.ten,
                )
                segments.append(_Segment(kind, p, state, after, working=working))
            elif kind is StepKind.MOVE:
                r, how = action[1], action[2]
                after = _State(t1, state.edu, state.progs, state.eff, r, state.exp, 0)
                edge = how if isinstance(how, _CMove) else None
                segments.append(_Segment(kind, r, state, after, edge=edge))
            else:
                c = action[1]
                eff = state.eff | ix.closure[c]
                after = _State(t1, state.edu, state.progs, eff, state.role, state.exp, state.ten)
                segments.append(_Segment(kind, c, state, after))
            state = segments[-1].after
        return segments

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

    def gates(self, segment: _Segment) -> list[tuple[str, Route | None, _CRoute | None]]:
        """The requirements a 0-month step (or a study's admission) passed: (label, route,
        compiled route) for each, in plain words."""
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
            label = f"{edge.move.kind} from {origin} to {title}"
            gates = self._gate(label, edge.requires, before)
            return gates or [(label, None, None)]
        if segment.kind is StepKind.STUDY:
            name = catalog.programs[ix.progs[segment.index]].name
            return self._gate(f"admission to {name}", ix.prog_admission[segment.index], before)
        return []

    def _gate(self, label: str, req: _Req, state: _State):
        if not req.routes:
            return []
        route = self.first_route(req, state)
        compiled = req.compiled[req.routes.index(route)] if route is not None else None
        return [(label, route, compiled)]

    def gate_words(self, label: str, route: Route | None) -> str:
        if route is None:
            return label
        return f"{label}, route: {self.catalog.describe(route)}"

    # Reasons ------------------------------------------------------------------------------

    def own_reason(self, segment: _Segment) -> str:
        """Why a 0-month step may happen now: the route it satisfies."""
        catalog, ix = self.catalog, self.ix
        gates = self.gates(segment)
        if segment.kind is StepKind.MOVE and segment.edge is not None:
            edge = segment.edge
            words = self.gate_words(*gates[0][:2])
            if self.problem.recommended and edge.typical:
                words += f"; after {_months_words(edge.typical)} in role (typical pace)"
            return words
        if gates:
            return "; ".join(self.gate_words(label, route) for label, route, _ in gates)
        if segment.kind is StepKind.MOVE:
            title = catalog.roles[ix.roles[segment.index]].title
            return f"{title} hiring: no prerequisites"
        acronym = catalog.credentials[ix.creds[segment.index]].acronym
        return f"{acronym}: no requirement to sit"

    def provides(self, giver: _Segment, taker: _Segment, compiled: _CRoute | None) -> bool:
        """Whether a study or work segment helps a later step pass its gate route."""
        before, after = giver.before, giver.after
        if taker.kind in (StepKind.EXAM, StepKind.GRANT):
            offsets = [o for o, _ in self.problem.rules[taker.index]]
            if any(before.t < o <= after.t for o in offsets):
                return True  # waited for the rule set in force
        if (
            taker.kind is StepKind.MOVE
            and taker.edge is not None
            and giver.kind is StepKind.WORK
            and giver.index == taker.edge.origin
            and self.problem.recommended
            and before.ten < taker.edge.typical
        ):
            return True
        if compiled is None:
            return False
        r_edu, r_progs, _, _, r_exp, _ = compiled
        if giver.kind is StepKind.STUDY:
            if r_progs >> giver.index & 1:
                return True
            if before.edu < r_edu <= after.edu:
                return True
        return any(before.exp[k] < months and after.exp[k] > before.exp[k] for k, months in r_exp)

    def because(self, i: int, segments: list[_Segment], via_words: dict[tuple, str]) -> str:
        """Plain words for a step: a 0-month step names the route it satisfies; study and
        work name the first later requirement they help to meet."""
        segment = segments[i]
        via = via_words.get((segment.kind, segment.index))
        if segment.kind not in (StepKind.STUDY, StepKind.WORK):
            words = self.own_reason(segment)
            return f"{words}; {via}" if via else words
        for taker in segments[i + 1 :]:
            gates = self.gates(taker)
            for label, route, compiled in gates:
                if self.provides(segment, taker, compiled):
                    return self.gate_words(label, route)
            if not gates and self.provides(segment, taker, None):
                return self.own_reason(taker)
        return via or f"toward {self.catalog.title_of(self.target)}"

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
            return Check(Status.MET, problem.date(0), self._route_words(found))
        hit = self._along(c, which, segments)
        if hit is None:
            goal = problem.search(_Goal(which, c))
            if goal is not None:
                hit = (goal.t, self._goal_state(goal))
        if hit is not None:
            t, state = hit
            found = self.requirement_route(c, which, state, t)
            return Check(Status.LATER, problem.date(t), self._route_words(found))
        rules = [rule for _, rule in problem.rules[c]]
        missing = problem.req_missing(r for rule in rules for r in getattr(rule, which).routes)
        if not rules:
            missing = ["a rule set in force"]
        if not missing:
            missing = [f"nothing within {problem.request.horizon} months of the start date"]
        return Check(Status.BLOCKED, missing=tuple(missing))

    def _route_words(self, found: Route | bool | None) -> str | None:
        if isinstance(found, Route):
            return self.catalog.describe(found)
        return "no requirement" if found is True else None

    def _goal_state(self, goal: _Node) -> _State:
        return self.replay(goal)[-1].after if goal.parent is not None else self.initial()

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


# --- Public entry points ------------------------------------------------------------------


def _plan(problem: _Problem, target: Target) -> Roadmap:
    ix, catalog, request = problem.ix, problem.catalog, problem.request
    if target.kind is TargetKind.ROLE:
        goal = _Goal("role", ix.role_ix[target.slug])
    else:
        goal = _Goal("credential", ix.cred_ix[target.slug])
    node = problem.search(goal, request.via)
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
    segments = builder.replay(node)
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
