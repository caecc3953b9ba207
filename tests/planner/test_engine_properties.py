"""Engine invariants over generated small catalogs and people (hypothesis).

The checker and the brute force below read the catalog document directly and share no
code with the engine: they are a second, naive reading of docs/catalog-format.md.
"""

from calendar import monthrange
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.engine import Catalog, Options, Person, Target, plan

KINDS = ("a", "b")
LEVELS = ("none", "high-school", "associate", "bachelor")
RANK = {level: rank for rank, level in enumerate(LEVELS)}
START = date(2027, 1, 31)  # a month end, to exercise clamping
HORIZON = 30

SETTINGS = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


# --- Generated catalogs and people ---------------------------------------------------------


@st.composite
def routes(draw, programs, credentials, max_months=12):
    route = {}
    if draw(st.booleans()):
        route["education"] = draw(st.sampled_from(LEVELS[1:]))
    if programs and draw(st.integers(0, 2)) == 0:
        route["programs"] = draw(st.lists(st.sampled_from(programs), min_size=1, max_size=2))
    if credentials and draw(st.integers(0, 2)) == 0:
        route["credentials"] = draw(st.lists(st.sampled_from(credentials), min_size=1, max_size=2))
    if draw(st.integers(0, 9)) == 0:
        route["licences"] = ["l"]
    route["experience"] = [
        {"kind": kind, "months": draw(st.integers(1, max_months))}
        for kind in draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=2))
    ]
    if draw(st.integers(0, 5)) == 0:
        route["current_role_accrues"] = draw(st.sampled_from(KINDS))
    return route


@st.composite
def requirements(draw, programs, credentials, max_size=2):
    return draw(st.lists(routes(programs, credentials), max_size=max_size))


@st.composite
def documents(draw):
    programs = [f"p{i}" for i in range(draw(st.integers(0, 3)))]
    credentials = [f"c{i}" for i in range(draw(st.integers(1, 3)))]
    roles = [f"r{i}" for i in range(draw(st.integers(1, 3)))]
    doc_programs = {
        slug: {
            "name": f"Program {slug}",
            "kind": "certificate",
            "months_typical": draw(st.integers(1, 9)),
            "cost_min": draw(st.sampled_from([None, 100, 300])),
            "cost_max": None,
            "grants_level": draw(st.sampled_from([None, "associate", "bachelor"])),
            "work_while_studying": draw(st.booleans()),
            "admission": draw(requirements([p for p in programs if p != slug], [], 1)),
        }
        for slug in programs
    }
    doc_credentials = {}
    for slug in credentials:
        others = [c for c in credentials if c != slug]
        first = draw(st.sampled_from(["2020-01-01", "2027-03-15"]))
        rule_sets = [
            {
                "effective": first,
                "source": "s",
                "required": draw(requirements(programs, others)),
                "recommended": draw(requirements(programs, others)),
            }
        ]
        if draw(st.integers(0, 2)) == 0:
            rule_sets.append(
                {
                    "effective": draw(st.sampled_from(["2027-06-30", "2028-01-01"])),
                    "source": "s",
                    "required": draw(requirements(programs, others)),
                    "recommended": draw(requirements(programs, others)),
                }
            )
        earned_by = draw(st.sampled_from(["exam", "exam", "grant"]))
        doc_credentials[slug] = {
            "acronym": slug.upper(),
            "name": f"Credential {slug}",
            "earned_by": earned_by,
            "supersedes": draw(st.lists(st.sampled_from(others), unique=True, max_size=1))
            if others
            else [],
            "exam": {"fee_usd": draw(st.sampled_from([None, 50, 200]))}
            if earned_by == "exam"
            else None,
            "rule_sets": rule_sets,
        }
    doc_roles = {}
    for slug in roles:
        others = [r for r in roles if r != slug]
        doc_roles[slug] = {
            "title": f"Role {slug}",
            "accrues": draw(st.lists(st.sampled_from(KINDS), unique=True, max_size=2)),
            "hire": draw(requirements(programs, credentials, 1)),
            "moves": {
                target: {
                    "kind": "promotion",
                    "typical_months": draw(st.sampled_from([0, 3, 6, 12])),
                    "requires": draw(requirements(programs, credentials, 1)),
                }
                for target in draw(st.lists(st.sampled_from(others), unique=True))
            }
            if others
            else {},
        }
    return {
        "format": 1,
        "sources": {"s": {"title": "Source", "url": "https://example.org"}},
        "experience_kinds": {kind: {"name": f"kind {kind}"} for kind in KINDS},
        "licences": {"l": {"name": "Licence L"}},
        "programs": doc_programs,
        "credentials": doc_credentials,
        "roles": doc_roles,
    }


@st.composite
def requests(draw):
    doc = draw(documents())
    completed = draw(st.lists(st.sampled_from(list(doc["programs"]) or [None]), max_size=1))
    held = draw(st.lists(st.sampled_from(list(doc["credentials"])), max_size=1))
    person = Person(
        education=draw(st.sampled_from(LEVELS)),
        completed=dict.fromkeys(slug for slug in completed if slug),
        credentials=dict.fromkeys(held),
        licences=frozenset(draw(st.sampled_from([(), ("l",)]))),
        experience={kind: draw(st.integers(0, 6)) for kind in KINDS},
        role=draw(st.sampled_from([None, *doc["roles"]])),
    )
    if draw(st.booleans()):
        target = Target.role(draw(st.sampled_from(list(doc["roles"]))))
    else:
        target = Target.credential(draw(st.sampled_from(list(doc["credentials"]))))
    refs = [f"program:{p}" for p in doc["programs"]]
    refs += [f"credential:{c}" for c in doc["credentials"]]
    refs += [f"role:{r}" for r in doc["roles"]]
    refs.remove(f"{target.kind}:{target.slug}")
    avoid = draw(st.lists(st.sampled_from(refs), unique=True, max_size=1)) if refs else []
    others = [ref for ref in refs if ref not in avoid]
    via = draw(st.lists(st.sampled_from(others), unique=True, max_size=1)) if others else []
    options = Options(
        start=START,
        readiness=draw(st.sampled_from(["required", "recommended"])),
        study_while_working=draw(st.booleans()),
        avoid=tuple(avoid) if draw(st.integers(0, 3)) == 0 else (),
        via=tuple(via) if draw(st.integers(0, 3)) == 0 else (),
        horizon_months=HORIZON,
        time_limit=None,  # the effort cap bounds the work; a clock would make this flaky
    )
    return doc, person, target, options


# --- A naive second reading of the rules --------------------------------------------------


def month_date(months):
    year, month0 = divmod(START.month - 1 + months, 12)
    year += START.year
    return date(year, month0 + 1, min(START.day, monthrange(year, month0 + 1)[1]))


def rule_in_force(credential, day):
    in_force = [r for r in credential["rule_sets"] if date.fromisoformat(r["effective"]) <= day]
    return max(in_force, key=lambda r: r["effective"]) if in_force else None


def holding(doc, held):
    """Credentials held, counting everything they supersede (transitively)."""
    counted, todo = set(), list(held)
    while todo:
        slug = todo.pop()
        if slug not in counted:
            counted.add(slug)
            todo.extend(doc["credentials"][slug]["supersedes"])
    return counted


def route_holds(doc, route, state, licences):
    edu, progs, held, role, exp = state[:5]
    if route.get("education") and RANK[route["education"]] > edu:
        return False
    if route.get("programs") and not set(route["programs"]) & progs:
        return False
    if route.get("credentials") and not set(route["credentials"]) & holding(doc, held):
        return False
    if route.get("licences") and not set(route["licences"]) & licences:
        return False
    if any(exp[KINDS.index(need["kind"])] < need["months"] for need in route["experience"]):
        return False
    kind = route.get("current_role_accrues")
    return not kind or (role is not None and kind in doc["roles"][role]["accrues"])


def requirement_holds(doc, requirement, state, licences):
    return not requirement or any(route_holds(doc, r, state, licences) for r in requirement)


def avoided(options, kind, slug):
    return f"{kind}:{slug}" in options.avoid


def may_earn(doc, slug, state, t, licences, options):
    credential = doc["credentials"][slug]
    rule = rule_in_force(credential, month_date(t))
    if avoided(options, "credential", slug) or rule is None:
        return False
    if not requirement_holds(doc, rule["required"], state, licences):
        return False
    if credential["earned_by"] == "exam" and options.readiness == "recommended":
        return requirement_holds(doc, rule["recommended"], state, licences)
    return True


def may_move(doc, target, state, licences, options):
    role, tenure = state[3], state[5]
    if avoided(options, "role", target):
        return False
    hire = doc["roles"][target]["hire"]
    if hire and any(route_holds(doc, r, state, licences) for r in hire):
        return True
    edge = doc["roles"][role]["moves"].get(target) if role is not None else None
    if edge is None or not requirement_holds(doc, edge["requires"], state, licences):
        return False
    return options.readiness == "required" or tenure >= edge["typical_months"]


def may_study(doc, slug, state, licences, options):
    if avoided(options, "program", slug) or slug in state[1]:
        return False
    return requirement_holds(doc, doc["programs"][slug]["admission"], state, licences)


def caps(doc):
    """The largest experience threshold per kind and typical months anywhere."""
    needs = dict.fromkeys(KINDS, 0)
    everything = [p["admission"] for p in doc["programs"].values()]
    for credential in doc["credentials"].values():
        for rule in credential["rule_sets"]:
            everything += [rule["required"], rule["recommended"]]
    for role in doc["roles"].values():
        everything.append(role["hire"])
        everything += [move["requires"] for move in role["moves"].values()]
    for requirement in everything:
        for route in requirement:
            for need in route["experience"]:
                needs[need["kind"]] = max(needs[need["kind"]], need["months"])
    typical = max(
        (m["typical_months"] for r in doc["roles"].values() for m in r["moves"].values()),
        default=0,
    )
    return tuple(needs[k] for k in KINDS), typical


# A state: (education rank, programs done, credentials earned, role, experience by kind,
# months in role, waypoints passed).


def worked(doc, state, months, exp_caps, tenure_cap):
    """State after `months` of work in the current role (nothing accrues without one)."""
    edu, progs, held, role, exp, tenure, passed = state
    if role is None:
        return state
    accrues = doc["roles"][role]["accrues"]
    grown = tuple(
        min(cap, e + months) if kind in accrues else e
        for kind, e, cap in zip(KINDS, exp, exp_caps, strict=True)
    )
    return (edu, progs, held, role, grown, min(tenure_cap, tenure + months), passed)


def studied(doc, state, slug):
    edu, progs, held, role, exp, tenure, passed = state
    level = doc["programs"][slug]["grants_level"]
    edu = max(edu, RANK[level]) if level else edu
    return (edu, progs | {slug}, held, role, exp, tenure, passed | {f"program:{slug}"})


def earned(state, slug):
    edu, progs, held, role, exp, tenure, passed = state
    return (edu, progs, held | {slug}, role, exp, tenure, passed | {f"credential:{slug}"})


def moved(state, slug):
    edu, progs, held, role, exp, tenure, passed = state
    return (edu, progs, held, slug, exp, 0, passed | {f"role:{slug}"})


def initial_state(doc, person, exp_caps):
    edu = RANK[person.education]
    for slug in person.completed:
        level = doc["programs"][slug]["grants_level"]
        edu = max(edu, RANK[level]) if level else edu
    exp = tuple(
        min(cap, person.experience.get(k, 0)) for k, cap in zip(KINDS, exp_caps, strict=True)
    )
    passed = {f"program:{p}" for p in person.completed}
    passed |= {f"credential:{c}" for c in person.credentials}
    passed |= {f"role:{person.role}"} if person.role else set()
    held = frozenset(person.credentials)
    return (edu, frozenset(person.completed), held, person.role, exp, 0, frozenset(passed))


def reached(doc, state, target, options):
    if not set(options.via) <= state[6]:
        return False
    if target.kind == "role":
        return state[3] == target.slug
    return target.slug in holding(doc, state[2])


def brute_force(doc, person, target, options):
    """Earliest month at which the target can be reached, trying every action every month."""
    return earliest(doc, person, options, lambda state, t: reached(doc, state, target, options))


def earliest(doc, person, options, goal):
    """The first month at which some sequence of actions gives a state meeting the goal."""
    exp_caps, tenure_cap = caps(doc)
    licences = set(person.licences)
    frontier = {(initial_state(doc, person, exp_caps), None)}
    for t in range(options.horizon_months + 1):
        # Close the free (0-month) actions of everyone not in the middle of a program.
        todo = [state for state, study in frontier if study is None]
        settled = set(todo)
        while todo:
            state = todo.pop()
            if goal(state, t):
                return t
            successors = [
                earned(state, slug)
                for slug in doc["credentials"]
                if may_earn(doc, slug, state, t, licences, options)
            ]
            successors += [
                moved(state, slug)
                for slug in doc["roles"]
                if slug != state[3] and may_move(doc, slug, state, licences, options)
            ]
            for successor in successors:
                if successor not in settled:
                    settled.add(successor)
                    todo.append(successor)
        # One month passes: wait, start a program, or carry on with one.
        moving = {(state, None) for state in settled}
        for state in settled:
            for slug in doc["programs"]:
                if may_study(doc, slug, state, licences, options):
                    moving.add((state, (slug, doc["programs"][slug]["months_typical"])))
        moving |= {(state, study) for state, study in frontier if study is not None}
        frontier = set()
        for state, study in moving:
            if study is None:
                frontier.add((worked(doc, state, 1, exp_caps, tenure_cap), None))
                continue
            slug, remaining = study
            if options.study_while_working and doc["programs"][slug]["work_while_studying"]:
                state = worked(doc, state, 1, exp_caps, tenure_cap)
            if remaining > 1:
                frontier.add((state, (slug, remaining - 1)))
            else:
                frontier.add((studied(doc, state, slug), None))
    return None


def replay(doc, person, target, options, roadmap):
    """Check each step in order: it starts when the previous ended, and its requirements
    hold then, as this second reading understands them. Returns the final state."""
    no_cap = (10**6,) * len(KINDS)
    state = initial_state(doc, person, no_cap)
    licences = set(person.licences)
    t = 0
    for step in roadmap.steps:
        assert step.start == month_date(t), step.key
        assert step.end == month_date(t + step.months), step.key
        if step.kind == "study":
            assert may_study(doc, step.program, state, licences, options), step.key
            program = doc["programs"][step.program]
            assert step.months == program["months_typical"]
            if options.study_while_working and program["work_while_studying"]:
                state = worked(doc, state, step.months, no_cap, 10**6)
            state = studied(doc, state, step.program)
        elif step.kind == "work":
            assert step.role == state[3], step.key
            assert step.months > 0
            state = worked(doc, state, step.months, no_cap, 10**6)
        elif step.kind in ("exam", "grant"):
            assert step.months == 0
            assert doc["credentials"][step.credential]["earned_by"] == step.kind, step.key
            assert may_earn(doc, step.credential, state, t, licences, options), step.key
            state = earned(state, step.credential)
        else:
            assert step.kind == "move"
            assert step.months == 0
            assert may_move(doc, step.role, state, licences, options), step.key
            state = moved(state, step.role)
        t += step.months
    assert roadmap.months == t
    return state


# --- Properties ---------------------------------------------------------------------------


@SETTINGS
@given(requests())
def test_no_step_starts_before_its_requirements_hold(request):
    doc, person, target, options = request
    roadmap = plan(Catalog.from_document(doc), person, target, options)
    if roadmap.reachable:
        replay(doc, person, target, options, roadmap)


@SETTINGS
@given(requests(), st.sampled_from(KINDS))
def test_experience_is_never_counted_from_a_role_that_does_not_accrue_it(request, kind):
    doc, person, target, options = request
    for role in doc["roles"].values():  # nothing builds this kind any more
        role["accrues"] = [k for k in role["accrues"] if k != kind]
    roadmap = plan(Catalog.from_document(doc), person, target, options)
    if roadmap.reachable:
        final = replay(doc, person, target, options, roadmap)
        assert final[4][KINDS.index(kind)] == person.experience[kind]
    assert roadmap.months == brute_force(doc, person, target, options)


@SETTINGS
@given(requests())
def test_the_roadmap_ends_at_the_target_or_says_why_not(request):
    doc, person, target, options = request
    roadmap = plan(Catalog.from_document(doc), person, target, options)
    if roadmap.reachable:
        assert roadmap.reason is None
        final = replay(doc, person, target, options, roadmap)
        assert reached(doc, final, target, options)
        assert roadmap.finish == month_date(roadmap.months)
    else:
        assert roadmap.reason
        assert roadmap.steps == ()
        assert roadmap.finish is None


@SETTINGS
@given(requests())
def test_finish_equals_a_month_by_month_brute_force(request):
    doc, person, target, options = request
    roadmap = plan(Catalog.from_document(doc), person, target, options)
    assert roadmap.months == brute_force(doc, person, target, options)


@SETTINGS
@given(requests())
def test_eligibility_dates_are_when_the_requirement_first_holds(request):
    doc, person, target, options = request
    roadmap = plan(Catalog.from_document(doc), person, target, options)
    for item in roadmap.eligibility:
        for which in ("required", "recommended"):
            check = getattr(item, which)
            if check.status == "blocked":
                assert check.missing
                continue
            assert check.route
            if item.credential in holding(doc, person.credentials):
                assert (check.status, check.route) == ("met", "already held")
                continue
            earliest = first_month_holding(doc, person, options, item.credential, which)
            if check.status == "met":
                assert earliest == 0
            elif roadmap.reachable and check.date <= roadmap.finish:
                assert earliest is not None and month_date(earliest) <= check.date
            else:
                assert earliest is not None and check.date == month_date(earliest)


def first_month_holding(doc, person, options, slug, which):
    """The brute force with 'this requirement holds' as its goal (waypoints play no part)."""
    credential = doc["credentials"][slug]
    licences = set(person.licences)

    def holds(state, t):
        rule = rule_in_force(credential, month_date(t))
        return rule is not None and requirement_holds(doc, rule[which], state, licences)

    return earliest(doc, person, options, holds)
