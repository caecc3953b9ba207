"""What a request gives the engine: the person, the target, the options; and the checked
request (`CheckedRequest.build`), where every slug is resolved to an index and every
problem is an InputError naming the request field.

The person's state at the start: education, completed programs, held credentials (with
what they supersede), licences, months of experience by kind and the current role. Dated
positions count whole months up to the start date (part time at half rate, a month counted
once per kind); an ongoing position sets the current role and the months already spent in
it. Experience given directly is added to what the positions give.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING

from .kinds import Education, InputError, Readiness, RefKind, TargetKind
from .months import months_between

if TYPE_CHECKING:
    from .catalog import Catalog

HORIZON_MONTHS = 480  # 40 years: a plan that needs longer is reported unreachable

# Limits on one request, so that no request can occupy a worker for long. Past them the
# request is refused (InputError: the command exits 2, the API answers 422).
MAX_WAYPOINTS = 5  # `via`: each waypoint can double the states the search explores
MAX_POSITIONS = 60  # distinct dated positions (identical ones count once)
MAX_CHECKS = 20  # `check`: each may need a search of its own
MAX_AVOID = 200
FIRST_YEAR = 1900  # the earliest start (and position, completion, earning date) accepted
LAST_DAY = date(9999, 12, 31)  # the horizon must end by then (the calendar's last day)
# Search effort: states the searches of one plan may take from their queues, and seconds
# they may run, before the plan is reported as too complex (Roadmap.too_complex). The
# count makes the cap the same on every machine; the clock bounds what a state costs on a
# large catalog. Options(effort=None, time_limit=None) lifts both.
EFFORT_LIMIT = 50_000
TIME_LIMIT = 1.0


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
        # Identical positions are one job given twice: merged.
        object.__setattr__(self, "positions", tuple(dict.fromkeys(self.positions)))


@dataclass(frozen=True)
class Options:
    start: date
    readiness: str = Readiness.RECOMMENDED
    study_while_working: bool = False
    avoid: tuple[str | Ref, ...] = ()  # programs, credentials or roles never to use
    via: tuple[str | Ref, ...] = ()  # waypoints the roadmap must pass through, any order
    check: tuple[str, ...] = ()  # extra credentials for the eligibility report
    horizon_months: int = HORIZON_MONTHS
    effort: int | None = EFFORT_LIMIT  # queue pops at most; None: no cap
    time_limit: float | None = TIME_LIMIT  # seconds of search at most; None: no cap

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
class StartState:
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
class CheckedRequest:
    """A checked request: everything the search needs, as indexes."""

    start_day: date
    state: StartState
    readiness: Readiness
    study_while_working: bool
    avoid: frozenset[Ref]
    via: tuple[Ref, ...]
    check: tuple[str, ...]
    horizon: int
    effort: int | None
    time_limit: float | None

    @classmethod
    def build(cls, catalog: Catalog, person: Person, target: Target, options: Options):
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
        if options.effort is not None and options.effort <= 0:
            raise InputError("effort", "the effort limit must be positive")
        if options.time_limit is not None and options.time_limit <= 0:
            raise InputError("effort", "the time limit must be positive")
        _check_day("start", start)
        last_month = (LAST_DAY.year - start.year) * 12 + LAST_DAY.month - start.month
        if options.horizon_months > last_month:
            raise InputError(
                "start",
                f"{start.isoformat()} is too late to plan from: the {options.horizon_months}"
                f"-month horizon would run past {LAST_DAY.isoformat()}",
            )
        for name, limit in (("via", MAX_WAYPOINTS), ("check", MAX_CHECKS), ("avoid", MAX_AVOID)):
            given = len(set(getattr(options, name)))
            if given > limit:
                raise InputError(name, f"at most {limit} entries can be given (got {given})")
        state = cls._state(catalog, person, education, start)
        avoid, via = cls._waypoints(catalog, target, options)
        for slug in options.check:
            if slug not in catalog.credentials:
                raise InputError("check", f"unknown credential {slug!r}")
        return cls(
            start_day=start,
            state=state,
            readiness=readiness,
            study_while_working=options.study_while_working,
            avoid=avoid,
            via=via,
            check=tuple(dict.fromkeys(options.check)),
            horizon=options.horizon_months,
            effort=options.effort,
            time_limit=options.time_limit,
        )

    @classmethod
    def _state(
        cls, catalog: Catalog, person: Person, education: Education, start: date
    ) -> StartState:
        """The person at month 0: every slug checked, as indexes and bitmasks."""
        ix = catalog._index
        edu = education.rank
        progs = 0
        for slug, done in person.completed.items():
            program = catalog.programs.get(slug)
            if program is None:
                raise InputError("completed", f"unknown program {slug!r}")
            if done is not None:
                _check_day("completed", done)
            if done is not None and done > start:
                raise InputError("completed", f"{slug!r} is completed after the start date")
            progs |= ix.prog_bit[slug]
            if program.grants_level:
                edu = max(edu, program.grants_level.rank)
        held = eff = 0
        for slug, earned in person.credentials.items():
            if slug not in catalog.credentials:
                raise InputError("credentials", f"unknown credential {slug!r}")
            if earned is not None:
                _check_day("credentials", earned)
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
        return StartState(
            edu=edu,
            progs=progs,
            held=held,
            eff=eff,
            lic=lic,
            role=ix.role_ix[role] if role is not None else -1,
            exp=tuple(exp),
            ten=tenure,
        )

    @staticmethod
    def _waypoints(
        catalog: Catalog, target: Target, options: Options
    ) -> tuple[frozenset[Ref], tuple[Ref, ...]]:
        """(avoid, via) resolved; the target checked against avoid."""
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
        return avoid, via

    @staticmethod
    def _positions(
        catalog: Catalog, person: Person, start: date
    ) -> tuple[str | None, int, dict[int, int]]:
        """(role of the ongoing position, months in it, experience months by kind index).

        Each position covers whole months from its start; a month counts once per kind,
        fully if a full-time position accruing that kind covers it, else half."""
        if len(person.positions) > MAX_POSITIONS:
            raise InputError(
                "positions",
                f"at most {MAX_POSITIONS} different positions can be given "
                f"(got {len(person.positions)})",
            )
        ix = catalog._index
        ongoing: str | None = None
        tenure = 0
        spans: dict[int, list[tuple[int, int, int]]] = {}  # kind -> (first, end, rate)
        for position in person.positions:
            if position.role not in catalog.roles:
                raise InputError("positions", f"unknown role {position.role!r}")
            _check_day("positions", position.start)
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
            first = position.start.year * 12 + position.start.month
            span = (
                first,
                first + months_between(position.start, end),
                2 if position.full_time else 1,
            )
            for kind in set(catalog.roles[position.role].accrues):
                spans.setdefault(ix.kind_ix[kind], []).append(span)
        return ongoing, tenure, {kind: _covered(found) // 2 for kind, found in spans.items()}


def _covered(spans: list[tuple[int, int, int]]) -> int:
    """Half-months covered by month spans [first, end) at a rate of 1 (part time) or 2 (full
    time) half-months a month, each month counted once at the highest rate covering it:
    every covered month gives one half, and every month a full-time span covers another."""
    return _union([(a, b) for a, b, _ in spans]) + _union([(a, b) for a, b, r in spans if r == 2])


def _union(intervals: list[tuple[int, int]]) -> int:
    """The length of the union of half-open intervals."""
    length, reach = 0, None
    for first, end in sorted(intervals):
        if reach is None or first > reach:
            length += end - first
            reach = end
        elif end > reach:
            length += end - reach
            reach = end
    return length


def _check_day(field_name: str, day: date) -> None:
    if day.year < FIRST_YEAR:
        raise InputError(field_name, f"{day.isoformat()} is before {FIRST_YEAR}: not plannable")
