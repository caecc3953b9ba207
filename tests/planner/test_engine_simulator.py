"""The engine's finish and cost against a month-by-month simulator (hypothesis).

The simulator below is slow, plain and imports nothing from the engine: it reads the
catalog document as docs/catalog-format.md describes it, starts from the person (dated
positions counted month by month, part time at half rate), and tries every action in every
month: earn any credential whose rule set in force allows it, move into any role, start
any program, or let a month pass, keeping the least cost of reaching each state. Its first
month with the target (and every waypoint) reached is the earliest finish, and the least
cost of reaching it then the cheapest such plan: the engine's roadmap must match both.

The generated catalogs are small but have what the engine's shortcuts must get right:
rule sets that take effect after the start, credentials that need credentials,
supersession, waypoints, avoids, part-time positions and study while working.
"""

import heapq
from calendar import monthrange
from copy import deepcopy
from dataclasses import replace
from datetime import date
from itertools import count
from unittest import mock

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.engine import Catalog, Options, Person, Position, Target, plan
from planner.engine.entrytime import INF, EntryTime
from planner.engine.inputs import CheckedRequest
from planner.engine.problem import Problem
from planner.engine.relevance import relevance
from planner.engine.search import GLANCED_AT, Search
from planner.engine.states import Goal

KINDS = ("a", "b")
LEVELS = ("none", "high-school", "associate", "bachelor")
HORIZON = 24
EFFECTIVE = ("2020-01-01", "2026-12-15", "2027-02-15", "2027-03-31", "2027-06-30", "2028-01-01")
STARTS = (date(2026, 10, 30), date(2027, 1, 31), date(2027, 3, 1))


# --- Generated catalogs and requests -------------------------------------------------------


@st.composite
def route(draw, programs, credentials):
    route = {"experience": []}
    if draw(st.integers(0, 3)) == 0:
        route["education"] = draw(st.sampled_from(LEVELS[1:]))
    if programs and draw(st.integers(0, 3)) == 0:
        route["programs"] = draw(st.lists(st.sampled_from(programs), min_size=1, max_size=2))
    if credentials and draw(st.integers(0, 1)) == 0:
        route["credentials"] = draw(st.lists(st.sampled_from(credentials), min_size=1, max_size=2))
    if draw(st.integers(0, 7)) == 0:
        route["licences"] = ["l"]
    for kind in draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=2)):
        route["experience"].append({"kind": kind, "months": draw(st.integers(1, 8))})
    if draw(st.integers(0, 6)) == 0:
        route["current_role_accrues"] = draw(st.sampled_from(KINDS))
    return route


def requirement(programs, credentials, max_size=2):
    return st.lists(route(programs, credentials), max_size=max_size)


@st.composite
def catalogs(draw):
    programs = [f"p{i}" for i in range(draw(st.integers(0, 2)))]
    credentials = [f"c{i}" for i in range(draw(st.integers(1, 3)))]
    roles = [f"r{i}" for i in range(draw(st.integers(1, 3)))]
    doc = {
        "format": 1,
        "sources": {"s": {"title": "Source", "url": "https://example.org"}},
        "experience_kinds": {kind: {"name": f"kind {kind}"} for kind in KINDS},
        "licences": {"l": {"name": "Licence L"}},
        "programs": {},
        "credentials": {},
        "roles": {},
    }
    for slug in programs:
        doc["programs"][slug] = {
            "name": slug,
            "months_typical": draw(st.integers(1, 6)),
            "cost_min": draw(st.sampled_from([None, 50, 300])),
            "cost_max": draw(st.sampled_from([None, None, 500])),
            "grants_level": draw(st.sampled_from([None, "associate", "bachelor"])),
            "work_while_studying": draw(st.booleans()),
            "admission": draw(requirement([p for p in programs if p != slug], [], 1)),
        }
    for slug in credentials:
        others = [c for c in credentials if c != slug]
        dates = sorted(draw(st.lists(st.sampled_from(EFFECTIVE), min_size=1, max_size=2)))
        earned_by = draw(st.sampled_from(["exam", "grant"]))
        doc["credentials"][slug] = {
            "acronym": slug.upper(),
            "name": slug,
            "earned_by": earned_by,
            "supersedes": draw(st.lists(st.sampled_from(others), max_size=1)) if others else [],
            "exam": {"fee_usd": draw(st.sampled_from([None, 40, 100]))}
            if earned_by == "exam"
            else None,
            "rule_sets": [
                {
                    "effective": effective,
                    "source": "s",
                    "required": draw(requirement(programs, others)),
                    "recommended": draw(requirement(programs, others, 1)),
                }
                for effective in dict.fromkeys(dates)
            ],
        }
    for slug in roles:
        others = [r for r in roles if r != slug]
        doc["roles"][slug] = {
            "title": slug,
            "accrues": draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=2)),
            "hire": draw(requirement(programs, credentials, 1)),
            "moves": {
                target: {
                    "kind": "promotion",
                    "typical_months": draw(st.sampled_from([0, 2, 5])),
                    "requires": draw(requirement(programs, credentials, 1)),
                }
                for target in (
                    draw(st.lists(st.sampled_from(others), unique=True)) if others else []
                )
            },
        }
    return doc


@st.composite
def twinned_catalogs(draw):
    """A catalog in which one credential has a twin: the same rules, fee and supersession,
    named wherever it is named (a CPC-A beside a COC-A), so the engine's symmetry
    reduction has something to find."""
    doc = draw(catalogs())
    original = draw(st.sampled_from(list(doc["credentials"])))
    twin = original + "t"
    doc["credentials"][twin] = deepcopy(doc["credentials"][original])
    doc["credentials"][twin]["acronym"] = twin.upper()
    for credential in doc["credentials"].values():
        if original in credential["supersedes"]:
            credential["supersedes"].append(twin)
    for route in _routes(doc):
        if original in route.get("credentials", ()):
            route["credentials"].append(twin)
    return doc


def _routes(doc):
    for credential in doc["credentials"].values():
        for rule in credential["rule_sets"]:
            yield from rule["required"] + rule["recommended"]
    for program in doc["programs"].values():
        yield from program["admission"]
    for role in doc["roles"].values():
        yield from role["hire"]
        for move in role["moves"].values():
            yield from move["requires"]


@st.composite
def requests(draw, twinned=False, doc=None):
    if doc is None:
        doc = draw(twinned_catalogs() if twinned else catalogs())
    start = draw(st.sampled_from(STARTS))
    roles = list(doc["roles"])
    role = draw(st.sampled_from([None, *roles]))
    positions = []
    for _ in range(draw(st.integers(0, 2))):
        began = date(draw(st.sampled_from([2024, 2025, 2026])), draw(st.integers(1, 9)), 1)
        ended = draw(st.sampled_from([None, date(2026, 2, 14), date(2026, 9, 30)]))
        if ended is not None and ended < began:
            ended = None
        if ended is None and role is None:
            role = draw(st.sampled_from(roles))
        positions.append(
            Position(
                role if ended is None else draw(st.sampled_from(roles)),
                began,
                ended,
                full_time=draw(st.booleans()),
            )
        )
    person = Person(
        education=draw(st.sampled_from(LEVELS)),
        completed=dict.fromkeys(draw(st.lists(st.sampled_from(list(doc["programs"]) or [""]))))
        if doc["programs"] and draw(st.integers(0, 3)) == 0
        else {},
        credentials=dict.fromkeys(draw(st.lists(st.sampled_from(list(doc["credentials"])))))
        if draw(st.integers(0, 2)) == 0
        else {},
        licences=frozenset(draw(st.sampled_from([(), ("l",)]))),
        experience={kind: draw(st.sampled_from([0, 0, 2, 5])) for kind in KINDS},
        role=role,
        positions=tuple(positions),
    )
    if draw(st.booleans()):
        target = Target.role(draw(st.sampled_from(roles)))
    else:
        target = Target.credential(draw(st.sampled_from(list(doc["credentials"]))))
    refs = [
        f"{kind}:{slug}" for kind in ("program", "credential", "role") for slug in doc[kind + "s"]
    ]
    refs.remove(f"{target.kind}:{target.slug}")
    avoid = draw(st.lists(st.sampled_from(refs), unique=True, max_size=1)) if refs else []
    rest = [ref for ref in refs if ref not in avoid]
    via = draw(st.lists(st.sampled_from(rest), unique=True, max_size=2)) if rest else []
    options = Options(
        start=start,
        readiness=draw(st.sampled_from(["required", "recommended"])),
        study_while_working=draw(st.booleans()),
        avoid=tuple(avoid),
        via=tuple(via),
        horizon_months=HORIZON,
        time_limit=None,  # the effort cap bounds the work; a clock would make this flaky
    )
    return doc, person, target, options


# --- The simulator -------------------------------------------------------------------------


def typical_cost(program):
    """The midpoint of cost_min and cost_max, else the one given, else nothing."""
    known = [program.get(key) for key in ("cost_min", "cost_max") if program.get(key) is not None]
    return sum(known) // len(known) if known else 0


def plus_months(day, months):
    months_since_year_0 = day.year * 12 + day.month - 1 + months
    year, month = months_since_year_0 // 12, months_since_year_0 % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))


def whole_months(start, end):
    months = 0
    while plus_months(start, months + 1) <= end:
        months += 1
    return months


class Simulator:
    def __init__(self, doc, person, options):
        self.doc, self.person, self.options = doc, person, options
        self.licences = set(person.licences)
        self.via = set(options.via)
        self.avoid = set(options.avoid)
        everything = [program["admission"] for program in doc["programs"].values()]
        for credential in doc["credentials"].values():
            for rule in credential["rule_sets"]:
                everything += [rule["required"], rule["recommended"]]
        for role in doc["roles"].values():
            everything.append(role["hire"])
            everything += [move["requires"] for move in role["moves"].values()]
        # Months past the largest threshold anywhere change nothing: counting stops there.
        self.cap = {
            kind: max(
                [
                    n["months"]
                    for req in everything
                    for r in req
                    for n in r["experience"]
                    if n["kind"] == kind
                ],
                default=0,
            )
            for kind in KINDS
        }
        self.tenure_cap = max(
            [m["typical_months"] for r in doc["roles"].values() for m in r["moves"].values()],
            default=0,
        )

    # The person at the start ---------------------------------------------------------

    def initial(self):
        doc, person, start = self.doc, self.person, self.options.start
        education = LEVELS.index(person.education)
        for slug in person.completed:
            if doc["programs"][slug]["grants_level"]:
                education = max(education, LEVELS.index(doc["programs"][slug]["grants_level"]))
        experience = dict(person.experience)
        for kind in KINDS:
            halves = {}  # calendar month -> half-months counted for it
            for position in person.positions:
                if kind not in doc["roles"][position.role]["accrues"]:
                    continue
                end = start if position.end is None else min(position.end, start)
                for n in range(whole_months(position.start, end)):
                    month = plus_months(position.start, n).replace(day=1)
                    halves[month] = max(halves.get(month, 0), 2 if position.full_time else 1)
            experience[kind] = experience.get(kind, 0) + sum(halves.values()) // 2
        role, tenure = person.role, 0
        for position in person.positions:
            if position.end is None or position.end > start:
                role = position.role
                tenure = max(tenure, whole_months(position.start, start))
        passed = {f"program:{slug}" for slug in person.completed}
        passed |= {f"credential:{slug}" for slug in person.credentials}
        if role:
            passed.add(f"role:{role}")
        return self.state(
            education,
            set(person.completed),
            set(person.credentials),
            role,
            experience,
            tenure,
            passed,
        )

    def state(self, education, programs, credentials, role, experience, tenure, passed):
        experience = tuple(min(self.cap[kind], experience.get(kind, 0)) for kind in KINDS)
        return (
            education,
            frozenset(programs),
            frozenset(credentials),
            role,
            experience,
            min(tenure, self.tenure_cap),
            frozenset(passed & self.via),
        )

    # Conditions ------------------------------------------------------------------------

    def held(self, credentials):
        counted, todo = set(), list(credentials)
        while todo:
            slug = todo.pop()
            if slug not in counted:
                counted.add(slug)
                todo += self.doc["credentials"][slug]["supersedes"]
        return counted

    def holds(self, route, state):
        education, programs, credentials, role, experience, _, _ = state
        if route.get("education") and LEVELS.index(route["education"]) > education:
            return False
        if route.get("programs") and not set(route["programs"]) & programs:
            return False
        if route.get("credentials") and not set(route["credentials"]) & self.held(credentials):
            return False
        if route.get("licences") and not set(route["licences"]) & self.licences:
            return False
        for need in route["experience"]:
            if experience[KINDS.index(need["kind"])] < need["months"]:
                return False
        kind = route.get("current_role_accrues")
        return not kind or (role is not None and kind in self.doc["roles"][role]["accrues"])

    def met(self, requirement, state):
        return not requirement or any(self.holds(route, state) for route in requirement)

    def rule_on(self, slug, day):
        in_force = None
        for rule in sorted(
            self.doc["credentials"][slug]["rule_sets"], key=lambda r: r["effective"]
        ):
            if date.fromisoformat(rule["effective"]) <= day:
                in_force = rule
        return in_force

    # Actions ---------------------------------------------------------------------------

    def free_actions(self, state, day):
        """(state, fee) one 0-month action away: an exam or grant, a move."""
        education, programs, credentials, role, experience, tenure, passed = state
        for slug, credential in self.doc["credentials"].items():
            rule = self.rule_on(slug, day)
            if f"credential:{slug}" in self.avoid or rule is None:
                continue
            if not self.met(rule["required"], state):
                continue
            exam = credential["earned_by"] == "exam"
            if (
                exam
                and self.options.readiness == "recommended"
                and not self.met(rule["recommended"], state)
            ):
                continue
            after = (
                *state[:2],
                credentials | {slug},
                *state[3:6],
                passed | ({f"credential:{slug}"} & self.via),
            )
            yield after, (credential["exam"]["fee_usd"] or 0) if exam else 0
        for slug, target in self.doc["roles"].items():
            if slug == role or f"role:{slug}" in self.avoid:
                continue
            hired = target["hire"] and any(self.holds(route, state) for route in target["hire"])
            edge = self.doc["roles"][role]["moves"].get(slug) if role else None
            promoted = (
                edge is not None
                and self.met(edge["requires"], state)
                and (self.options.readiness == "required" or tenure >= edge["typical_months"])
            )
            if hired or promoted:
                yield (*state[:3], slug, experience, 0, passed | ({f"role:{slug}"} & self.via)), 0

    def work(self, state, months=1):
        education, programs, credentials, role, experience, tenure, passed = state
        if role is None:
            return state
        accrues = self.doc["roles"][role]["accrues"]
        experience = tuple(
            min(self.cap[kind], months_so_far + (months if kind in accrues else 0))
            for kind, months_so_far in zip(KINDS, experience, strict=True)
        )
        return (*state[:4], experience, min(self.tenure_cap, tenure + months), passed)

    def finish(self, goal):
        """(the first month whose state, after any 0-month actions, meets the goal, the
        least cost of getting there by then), or None. Costs: exam fees when sat, a
        program's typical cost when started."""
        options = self.options
        # (state, (program, months left) or None) -> least cost so far
        frontier = {(self.initial(), None): 0}
        for t in range(options.horizon_months + 1):
            day = plus_months(options.start, t)
            least = {state: cost for (state, studying), cost in frontier.items() if not studying}
            order = count()  # ties by cost go first in, first out (states do not compare)
            queue = [(cost, next(order), state) for state, cost in least.items()]
            heapq.heapify(queue)
            settled = {}
            while queue:  # the 0-month actions, cheapest first (no fee is negative)
                cost, _, state = heapq.heappop(queue)
                if state in settled:
                    continue
                settled[state] = cost
                if goal(state, day):
                    return t, cost
                for after, fee in self.free_actions(state, day):
                    if cost + fee < least.get(after, cost + fee + 1):
                        least[after] = cost + fee
                        heapq.heappush(queue, (cost + fee, next(order), after))
            going_on = {(state, None): cost for state, cost in settled.items()}
            going_on |= {pair: cost for pair, cost in frontier.items() if pair[1] is not None}
            for state, cost in settled.items():
                for slug, program in self.doc["programs"].items():
                    open_to = slug not in state[1] and f"program:{slug}" not in self.avoid
                    if open_to and self.met(program["admission"], state):
                        studying = (slug, program["months_typical"])
                        going_on[(state, studying)] = cost + typical_cost(program)
            frontier = {}
            for (state, studying), cost in going_on.items():
                after = self.one_month(state, studying)
                frontier[after] = min(cost, frontier.get(after, cost))
        return None

    def one_month(self, state, studying):
        if studying is None:
            return self.work(state), None
        slug, left = studying
        program = self.doc["programs"][slug]
        if self.options.study_while_working and program["work_while_studying"]:
            state = self.work(state)
        if left > 1:
            return state, (slug, left - 1)
        education, programs, credentials, role, experience, tenure, passed = state
        if program["grants_level"]:
            education = max(education, LEVELS.index(program["grants_level"]))
        passed = passed | ({f"program:{slug}"} & self.via)
        return (education, programs | {slug}, credentials, role, experience, tenure, passed), None

    def reaches(self, target):
        def goal(state, day):
            if state[6] != self.via:
                return False
            if target.kind == "role":
                return state[3] == target.slug
            return target.slug in self.held(state[2])

        return self.finish(goal)


def finish_and_cost(roadmap):
    return None if roadmap.months is None else (roadmap.months, roadmap.cost or 0)


def assert_finishes_as_the_simulator(doc, person, target, options):
    roadmap = plan(Catalog.from_document(doc), person, target, options)
    assert not roadmap.too_complex
    assert finish_and_cost(roadmap) == Simulator(doc, person, options).reaches(target)


# --- The property ---------------------------------------------------------------------------


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(requests())
def test_the_engine_finishes_when_the_month_by_month_simulator_does(request):
    assert_finishes_as_the_simulator(*request)


def assert_no_state_on_the_plan_estimated_past_its_finish(doc, person, target, options):
    """The estimate is a lower bound: every state the plan passes through, once
    estimated, was estimated to finish no later than the plan does. (A bound too high
    off the plan's path can still leave the finish right; on it, this notices.)"""
    goals = []

    def run(search):
        goals.append(found := Search._run(search))
        return found

    with mock.patch.object(Search, "run", run):
        assert_finishes_as_the_simulator(doc, person, target, options)
    for goal in goals:
        node = goal
        while node is not None:
            assert node.estimate <= goal.t
            node = node.parent


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(requests())
def test_no_state_on_the_plan_is_estimated_past_its_finish(request):
    assert_no_state_on_the_plan_estimated_past_its_finish(*request)


def assert_no_glance_past_the_estimate(doc, person, target, options):
    """A glance (Search.turned_away: the cheaper bound a state after study or work is
    looked at with first) is a lower bound on the months to go no higher than the
    estimate, for every state glanced at, so a state it turns away is only put later
    in the queue than it would be by its estimate: by itself and with each of the
    goal's ways raised to the parent's estimate by it less the months since."""
    glanced, original = [], Search.turned_away

    def turned_away(search, node, key, steps, floors):
        away = original(search, node, key, steps, floors)
        if search.glance is not None and node.action[0] in GLANCED_AT:
            floors = search.floors(node)
            looked = floors and search.glance.looked(node, floors, key - node.t)
            glanced.append((search, node, search.glance(node)[0], floors, looked))
        return away

    with mock.patch.object(Search, "turned_away", turned_away):
        assert_finishes_as_the_simulator(doc, person, target, options)
    for search, node, months, floors, looked in glanced:
        assert months <= search.bound(node)[0]
        if floors:
            assert looked <= search.bound.floored(node, floors)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(requests())
def test_a_glance_is_never_past_the_estimate(request):
    assert_no_glance_past_the_estimate(*request)


def test_an_avoided_credential_counting_as_the_goal_is_no_way_to_it():
    """C0 counts as C1 and is avoided; C1 is asked for with C0 and a licence the person
    lacks, or, from February, after C2 and five months of kinds a and b. The goal's ways
    counted C0's, whose rule set of June has a month the estimate does not depend on
    (its events leave the avoided credential out), so a state's estimate was shared with
    the same state a month on and came out below its glance (found by the property
    above). An avoided credential is no way to the goal."""
    route = {"experience": [], "credentials": ["c1"], "licences": ["l"]}
    doc = {
        "format": 1,
        "sources": {"s": {"title": "Source", "url": "https://example.org"}},
        "experience_kinds": {"a": {"name": "kind a"}, "b": {"name": "kind b"}},
        "licences": {"l": {"name": "Licence L"}},
        "programs": {},
        "credentials": {
            "c0": {
                "acronym": "C0",
                "name": "c0",
                "earned_by": "exam",
                "supersedes": ["c1"],
                "exam": {"fee_usd": None},
                "rule_sets": [
                    {
                        "effective": "2020-01-01",
                        "source": "s",
                        "required": [],
                        "recommended": [{**route, "current_role_accrues": "a"}],
                    },
                    {"effective": "2027-06-30", "source": "s", "required": [], "recommended": []},
                ],
            },
            "c1": {
                "acronym": "C1",
                "name": "c1",
                "earned_by": "exam",
                "supersedes": [],
                "exam": {"fee_usd": None},
                "rule_sets": [
                    {
                        "effective": "2020-01-01",
                        "source": "s",
                        "required": [
                            {**route, "credentials": ["c0"], "current_role_accrues": "a"},
                            {
                                **route,
                                "credentials": ["c0"],
                                "experience": [{"kind": "a", "months": 2}],
                            },
                        ],
                        "recommended": [],
                    },
                    {
                        "effective": "2027-02-15",
                        "source": "s",
                        "required": [],
                        "recommended": [
                            {
                                "experience": [
                                    {"kind": "a", "months": 1},
                                    {"kind": "b", "months": 5},
                                ],
                                "credentials": ["c2"],
                            }
                        ],
                    },
                ],
            },
            "c2": {
                "acronym": "C2",
                "name": "c2",
                "earned_by": "exam",
                "supersedes": [],
                "exam": {"fee_usd": None},
                "rule_sets": [
                    {"effective": "2020-01-01", "source": "s", "required": [], "recommended": []}
                ],
            },
        },
        "roles": {
            "r0": {"title": "r0", "accrues": ["a", "b"], "hire": [], "moves": {}},
            "r1": {
                "title": "r1",
                "accrues": [],
                "hire": [],
                "moves": {"r0": {"kind": "promotion", "typical_months": 0, "requires": []}},
            },
        },
    }
    person = Person(education="none", experience={"a": 0, "b": 0}, role="r1")
    options = Options(
        start=date(2027, 1, 31),
        readiness="recommended",
        study_while_working=False,
        avoid=("credential:c0",),
        horizon_months=24,
    )

    assert_no_glance_past_the_estimate(doc, person, Target.credential("c1"), options)


def test_a_move_asking_two_kinds_its_origin_builds_together_is_a_month_of_work_away():
    """Hired (after an exam) into a role building two kinds, a month there gives the move
    out of it both months: the estimate once built them one after another (2 months,
    as if only other roles could build them together), found by the property above."""
    doc = {
        "format": 1,
        "sources": {"s": {"title": "Source", "url": "https://example.org"}},
        "experience_kinds": {"a": {"name": "kind a"}, "b": {"name": "kind b"}},
        "licences": {},
        "programs": {},
        "credentials": {
            "c0": {
                "acronym": "C0",
                "name": "c0",
                "earned_by": "exam",
                "supersedes": [],
                "exam": {"fee_usd": None},
                "rule_sets": [
                    {"effective": "2020-01-01", "source": "s", "required": [], "recommended": []}
                ],
            }
        },
        "roles": {
            "r0": {"title": "r0", "accrues": [], "hire": [], "moves": {}},
            "r1": {
                "title": "r1",
                "accrues": ["a", "b"],
                "hire": [{"experience": [], "education": "high-school", "credentials": ["c0"]}],
                "moves": {
                    "r0": {
                        "kind": "promotion",
                        "typical_months": 0,
                        "requires": [
                            {"experience": [{"kind": "a", "months": 1}, {"kind": "b", "months": 1}]}
                        ],
                    }
                },
            },
        },
    }
    person = Person(education="high-school", experience={"a": 0, "b": 0})
    options = Options(start=date(2026, 10, 30), readiness="required", horizon_months=HORIZON)

    assert_no_state_on_the_plan_estimated_past_its_finish(doc, person, Target.role("r0"), options)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(requests())
def test_entry_times_read_from_the_ways_in_keep_the_finish_exact(request):
    """On a large catalog the estimate first looks at the asked roles' own ways in before
    settling every role queued ahead of them (entrytime.GUESS_PAST); these catalogs are
    small, so every one is taken as large. What the ways in say is never more than the
    search over roles answers from the same point (a lower bound still), and the finish
    is the simulator's."""
    answers = []

    def checked(bound, roles, node, found):
        months, unsure = guessed(bound, roles, node, found)
        times, heap, first = found
        searched = bound.search_on(roles, node, (dict(times), list(heap), dict(first)), INF)
        answers.append((months, searched))
        return months, unsure

    guessed = EntryTime.guessed
    with (
        mock.patch("planner.engine.entrytime.GUESS_PAST", 0),
        mock.patch.object(EntryTime, "guessed", checked),
    ):
        assert_finishes_as_the_simulator(*request)
    assert all(months <= searched for months, searched in answers)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(requests(twinned=True))
def test_credentials_with_a_twin_plan_as_without_the_symmetry_reduction(request):
    """Following one of two mirror-image ways is exact: the same finish as the simulator,
    and the same finish, cost and number of steps as a search that follows both."""
    doc, person, target, options = request
    roadmap = plan(Catalog.from_document(doc), person, target, options)
    with mock.patch("planner.engine.setup.symmetries", return_value=()):
        # A catalog of its own: a catalog keeps its searches' set-up (Index.shared).
        both_ways = plan(Catalog.from_document(doc), person, target, options)
    assert not roadmap.too_complex
    assert finish_and_cost(roadmap) == Simulator(doc, person, options).reaches(target)
    assert (roadmap.months, roadmap.cost, len(roadmap.steps)) == (
        both_ways.months,
        both_ways.cost,
        len(both_ways.steps),
    )


def test_a_degree_studied_in_the_role_a_move_leaves_waits_for_that_role_not_after_it():
    """A credential asks for being in a role building `a` and for a 24-month degree
    studied beside work. That role is entered only by a move after 12 months in `out`:
    the degree studied in `out` (24 months), not after it (36), nor in the role itself
    (12 + 24). The estimate is exactly 24 at the start (EntryTime.in_after_study)."""
    no_rules = {"effective": "2020-01-01", "source": "s", "recommended": []}
    doc = {
        "format": 1,
        "sources": {"s": {"title": "Source", "url": "https://example.org"}},
        "experience_kinds": {"a": {"name": "kind a"}, "b": {"name": "kind b"}},
        "licences": {},
        "programs": {
            "deg": {
                "name": "deg",
                "months_typical": 24,
                "cost_min": None,
                "cost_max": None,
                "grants_level": None,
                "work_while_studying": True,
                "admission": [],
            }
        },
        "credentials": {
            slug: {
                "acronym": slug.upper(),
                "name": slug,
                "earned_by": "exam",
                "supersedes": [],
                "exam": {"fee_usd": None},
                "rule_sets": [{**no_rules, "required": [route]}],
            }
            for slug, route in {
                "cert": {"experience": [], "programs": ["deg"]},
                "goal": {"experience": [], "credentials": ["cert"], "current_role_accrues": "a"},
            }.items()
        },
        "roles": {
            "out": {
                "title": "out",
                "accrues": ["b"],
                "hire": [{"experience": [], "education": "high-school"}],
                "moves": {"in": {"kind": "lateral", "typical_months": 12, "requires": []}},
            },
            "in": {"title": "in", "accrues": ["a"], "hire": [], "moves": {}},
        },
    }
    person = Person(education="high-school", experience={"a": 0, "b": 0})
    options = Options(
        start=date(2027, 1, 1),
        readiness="recommended",
        study_while_working=True,
        horizon_months=48,
    )

    assert_no_state_on_the_plan_estimated_past_its_finish(
        doc, person, Target.credential("goal"), options
    )
    roadmap = plan(Catalog.from_document(doc), person, Target.credential("goal"), options)
    assert roadmap.months == 24


def walked_one_by_one(problem, goal, via):
    """What can matter for a goal, found by a plain walk over one item at a time (what
    relevance.py finds with masks): (roles, programs, credentials, routes, the credentials
    whose rule sets can change what holds)."""
    ix, start = problem.ix, problem.start
    roles, progs, creds, kinds, routes, events = set(), set(), set(), set(), set(), set()
    todo = []  # (what, index)
    if goal.kind == "role":
        todo.append(("role", goal.index))
    elif goal.kind == "credential":
        todo += [("credential", c) for c in ix.superseders[goal.index]]
    else:
        events.add(goal.index)
        todo += [
            ("route", n)
            for _, rule in problem.rules[goal.index]
            for n in getattr(rule, goal.kind).ids
        ]
    for ref in via:
        index = {"program": ix.prog_ix, "credential": ix.cred_ix, "role": ix.role_ix}
        todo.append((ref.kind.value, index[ref.kind.value][ref.slug]))
    while todo:
        what, i = todo.pop()
        if what == "route" and i not in routes:
            routes.add(i)
            r_edu, named, credentials, r_exp, r_acc = ix.route_walk[i]
            if r_edu > start.edu:
                todo += [("program", p) for p in ix.progs_granting[r_edu]]
            todo += [("program", p) for p in named] + [("credential", c) for c in credentials]
            todo += [("kind", k) for k, months in r_exp if months > start.exp[k]]
            todo += [("kind", r_acc)] if r_acc >= 0 else []
        elif what == "program" and i not in progs and i not in problem.avoid_progs:
            progs.add(i)
            todo += [("route", n) for n in ix.prog_admission[i].ids]
        elif what == "credential" and i not in creds and i not in problem.avoid_creds:
            creds.add(i)
            events.add(i)
            advice = ix.cred_exam[i] and problem.recommended
            for _, rule in problem.rules[i]:
                todo += [("route", n) for n in rule.required.ids]
                todo += [("route", n) for n in rule.recommended.ids] if advice else []
        elif what == "role" and i not in roles and i not in problem.avoid_roles:
            roles.add(i)
            todo += [("route", n) for n in ix.role_hire[i].ids]
            for edge in ix.moves_in[i]:
                todo += [("role", edge.origin)] + [("route", n) for n in edge.requires.ids]
        elif what == "kind" and i not in kinds:
            kinds.add(i)
            todo += [("role", r) for r in ix.accruers[i]]
    return roles, progs, creds, routes, events


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(requests())
def test_the_relevance_walk_by_masks_finds_what_a_walk_one_item_at_a_time_does(request):
    """Everything the search is told can matter (and so every threshold a wait stops at)
    is what a plain walk over the requirements finds, for the roadmap's search and the
    eligibility report's, on catalogs that share set-ups between searches."""
    doc, person, target, options = request

    def checked(problem, goal, via):
        rel = relevance(problem, goal, via)
        roles, progs, creds, routes, events = walked_one_by_one(problem, goal, via)
        months = [set() for _ in problem.ix.kinds]
        for n in routes:
            for k, needed in problem.ix.route_list[n][4]:
                months[k].add(needed)
        assert (rel.roles, rel.progs, rel.creds) == tuple(
            tuple(sorted(found)) for found in (roles, progs, creds)
        )
        assert rel.thresholds == tuple(tuple(sorted(found)) for found in months)
        assert rel.events == tuple(
            sorted({t for c in events for t, _ in problem.rules[c] if t > 0})
        )
        return rel

    catalog = Catalog.from_document(doc)
    with mock.patch("planner.engine.search.relevance", checked):
        plan(catalog, person, target, options)
        plan(catalog, person, target, replace(options, check=tuple(doc["credentials"])))
    problem = Problem(catalog, CheckedRequest.build(catalog, person, target, options))
    ix = catalog._index
    for slug in doc["roles"]:
        checked(problem, Goal("role", ix.role_ix[slug]), problem.request.via)
    for slug in doc["credentials"]:
        checked(problem, Goal("credential", ix.cred_ix[slug]), ())
        checked(problem, Goal("required", ix.cred_ix[slug]), ())


@st.composite
def two_requests(draw):
    first = draw(requests(twinned=True))
    return first, draw(requests(doc=first[0]))


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(two_requests())
def test_a_catalog_that_planned_for_someone_else_plans_as_a_fresh_one(requests):
    """A catalog keeps what its searches set up from the relevant roles, programs and
    credentials (Index.shared); a plan made after another person's, with other rule
    sets in force, another goal or other waypoints, is the one a fresh catalog makes."""
    (doc, *first), (_, person, target, options) = requests
    catalog = Catalog.from_document(doc)
    plan(catalog, *first)
    shared = plan(catalog, person, target, options)
    fresh = plan(Catalog.from_document(doc), person, target, options)
    assert shared == fresh
