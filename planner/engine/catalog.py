"""The catalog as the engine sees it: immutable types built from the catalog document
(docs/catalog-format.md). Routes, programs, credentials and their dated rule sets, roles
and the moves between them.

A Route is a conjunction: education at least, any one of its programs, credentials or
licences, all of its experience terms, and currently holding a role that accrues a kind.
A rule set is in force from the first month whose date is on or after its `effective`.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from types import MappingProxyType
from typing import Any

from .compiled import Index
from .inputs import CheckedRequest, Options, Person, Ref, Target
from .kinds import EarnedBy, Education, InputError, MoveKind, RefKind, TargetKind
from .words import RouteNames, describe_route


@contextmanager
def _collector_paused():
    """Pause Python's cyclic garbage collector: building a large catalog makes hundreds of
    thousands of small objects, none of them cyclic, and the collector's passes over them
    took three quarters of the build (5.1 s -> 1.3 s on 10,000 roles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


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
        with _collector_paused():
            return cls._from_document(doc)

    @classmethod
    def _from_document(cls, doc: Mapping[str, Any]) -> Catalog:
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
    def _index(self) -> Index:
        return Index(self)

    # Plain words ------------------------------------------------------------------------

    def kind_words(self, kind: str) -> str:
        return self.names.kind(kind)

    @cached_property
    def names(self) -> RouteNames:
        return RouteNames(
            programs={slug: program.name for slug, program in self.programs.items()},
            credentials={slug: item.acronym for slug, item in self.credentials.items()},
            licences=self.licences,
            kinds=self.experience_kinds,
        )

    def describe(
        self,
        route: Route,
        programs: Iterable[str] = (),
        credentials: Iterable[str] = (),
        licences: Iterable[str] = (),
    ) -> str:
        """A route in plain words (see words.describe_route)."""
        return describe_route(route, self.names, programs, credentials, licences)

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
        CheckedRequest.build(self, person, target, options)
