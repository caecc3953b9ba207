"""The engine's vocabulary: education levels, readiness policies, step and target kinds,
and InputError, the one exception a request can raise."""

from __future__ import annotations

from enum import StrEnum


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
EDUCATION_BY_RANK = tuple(Education)
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
