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
- Work is bounded: inputs.py caps waypoints, checks, avoids and positions, and each plan's
  searches stop after Options.effort states or Options.time_limit seconds with a roadmap
  that says too_complex (roadmap.TOO_COMPLEX).

The modules, in the order a request meets them:
- kinds.py, months.py, words.py: the vocabulary, month arithmetic, plain words (the one
  route describer);
- catalog.py: the catalog document as immutable types; inputs.py: Person, Target,
  Options and the checked request;
- compiled.py: the catalog as indexes and bitmasks for the search, once per Catalog;
- problem.py: one person and options; relevance.py: what can matter for a goal;
  reach.py: what can ever be reached, ignoring time;
- search.py: the A* search and its actions; setup.py: what it works out before it
  starts, shared by a catalog's searches that find the same sets; states.py: states and
  dominance (by the conditions a state's credentials and programs meet); symmetry.py:
  credentials the catalog names alike, so only one of two mirror-image ways is
  followed; bound.py: the
  admissible estimate, costbound.py its cost half, ways.py the goal's ways that both
  bound one by one; floors.py: the least months and fees from one education level to
  another;
- replay.py: the found plan as segments, simplified; explain.py: the steps and their
  reasons; eligibility.py: the eligibility report; reasons.py: why a target is unreachable;
- roadmap.py: the roadmap document and `diff`; planning.py: `plan` and `plan_many`.
"""

from .catalog import (
    Catalog,
    Credential,
    Exam,
    ExperienceNeed,
    Move,
    Program,
    Role,
    Route,
    RuleSet,
    Salary,
    Source,
)
from .inputs import (
    EFFORT_LIMIT,
    HORIZON_MONTHS,
    MAX_CHECKS,
    MAX_POSITIONS,
    MAX_WAYPOINTS,
    REQUEST_FIELDS,
    TIME_LIMIT,
    Options,
    Person,
    Position,
    Ref,
    Target,
)
from .kinds import (
    EarnedBy,
    Education,
    InputError,
    MoveKind,
    Readiness,
    RefKind,
    Status,
    StepKind,
    TargetKind,
)
from .months import add_months, months_between
from .planning import plan, plan_many
from .roadmap import TOO_COMPLEX, Check, Eligibility, Roadmap, RoadmapDiff, Step, diff
from .words import RouteNames, describe_route

__all__ = [
    "EFFORT_LIMIT",
    "HORIZON_MONTHS",
    "MAX_CHECKS",
    "MAX_POSITIONS",
    "MAX_WAYPOINTS",
    "TIME_LIMIT",
    "TOO_COMPLEX",
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
    "RouteNames",
    "RuleSet",
    "Salary",
    "Source",
    "Status",
    "Step",
    "StepKind",
    "Target",
    "TargetKind",
    "add_months",
    "describe_route",
    "diff",
    "months_between",
    "plan",
    "plan_many",
]
