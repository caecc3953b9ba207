"""The search: A* over states, earliest finish first, then known cost, then steps.

A state (`states.Node`) is the month, education, programs done, credentials held, the
current role, months of experience by kind, months in the current role and waypoints
passed. Queue order: (estimated finish, known cost, later month first, steps taken and
a count of those still to go: steps.py); among states alike in all of those, the one more
steps in first (so a path whose count holds is followed to its end), then one just after
an exam or grant (taken only when it unblocks something at once, where a hire may lead
nowhere: `tie`). The actions from a state, each a method below:

- move into a role (0 months): along an edge from the current role (under the recommended
  pace only after the edge's `typical_months` in role), or hired by a hiring route;
- sit an exam or be granted a credential (0 months), when its rule set in force holds;
- study a program (its typical months), if a requirement not yet met could use it; work
  goes on meanwhile only with study-while-working and a program that allows it (just
  after a move, or an exam or grant whose rule sets change no more, a program the state
  before that step studied away from work, or beside work before the exam or grant, is
  not studied again: either order reaches the same state);
- wait in the current role, straight to the next month at which something can change: an
  experience or time-in-role threshold that some relevant route mentions is crossed, or a
  rule set takes effect.

Credentials are taken lazily: an exam or grant is only tried when it unblocks something at
once (an action whose other conditions hold, or the goal), or when its eligibility could
be lost later (a rule set change ahead, or a route that depends on the current role). Any
plan can be reordered that way without changing its finish, cost or number of steps, and
it keeps subsets of credentials from multiplying. A state is dropped when an expanded one
in the same role dominates it (states.dominates). The estimate is `bound.Bound`; a state
after study or work is glanced at first (`turned_away`).
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from time import perf_counter
from typing import TYPE_CHECKING

from .bound import INF, Bound
from .compiled import gate
from .kinds import StepKind
from .relevance import relevance
from .setup import SetUp
from .states import Expansion, Node, TooComplex, dominates, guards_for, pack
from .steps import StepsToGo

# Node.estimate before it is worked out: not looked at, glanced at, its months estimated
# (the cost bound not yet worked out: `queue_again`).
UNSEEN, GLANCED, ESTIMATED = -1, -2, -3
# States after these steps are glanced at before they are estimated: most are found further
# than the key they were queued with (a program or months of work that bring the goal no
# nearer), and the glance finds nearly all of those at a quarter of the estimate's work.
GLANCED_AT = frozenset({StepKind.STUDY, StepKind.WORK})
CREDENTIAL_STEPS = frozenset({StepKind.EXAM, StepKind.GRANT})

if TYPE_CHECKING:
    from .inputs import Ref
    from .problem import Problem
    from .states import Goal


class Search(SetUp):
    """One search for one goal (and waypoints): set up once, then `run()`."""

    def __init__(
        self,
        problem: Problem,
        goal: Goal,
        via: tuple[Ref, ...] = (),
        budget: int | None = None,
        deadline: float | None = None,
    ) -> None:
        ix = problem.ix
        self.problem, self.ix, self.goal = problem, ix, goal
        self.start = problem.start
        self.rel = rel = relevance(problem, goal, via)
        self.recommended = problem.recommended
        self.sww = problem.request.study_while_working
        self.horizon = problem.request.horizon
        self.caps, self.thresholds = rel.caps, rel.thresholds
        self.tenure_thr, self.events = rel.tenure, rel.events
        rules = problem.rules
        self.last_change = {c: rules[c][-1][0] if rules[c] else 0 for c in rel.creds}
        self.set_up(via)
        # Expanded states by (role, epoch): dominance only holds within one such group.
        self.expanded_by_group: dict[tuple[int, int], list[Node]] = {}
        self.expansions = 0
        # Steps of the queued states by everything else about them: a state queued again
        # with no fewer steps is a duplicate (it would be dropped when its twin expands).
        self.queued: dict[tuple, int] = {}
        self.heap: list[tuple[int, int, int, int, int, int, Node]] = []
        self.counter = 0
        self.bound = Bound(problem, rel, goal, (self.via_cred, self.via_prog, self.via_role))
        self.steps_to_go = StepsToGo(problem, rel, goal, self.bound.ways, self.full)
        self.guards = guards_for(len(ix.kinds))
        self.budget = budget  # states to take from the queue at most (None: no cap)
        self.deadline = deadline  # time.perf_counter() value to give up at (None: never)
        self.bound.deadline = deadline
        self.glance: Bound | None = None  # made when first needed (turned_away)
        self.popped = 0  # effort spent: states taken from the queue

    # Small helpers ------------------------------------------------------------------------

    def accrue(self, exp: tuple[int, ...], role: int, months: int) -> tuple[int, ...]:
        kinds = self.accruing[role] if role >= 0 else ()
        if not kinds:
            return exp
        caps = self.caps
        grown = list(exp)
        for k in kinds:
            grown[k] = min(caps[k], grown[k] + months)
        return tuple(grown)

    def tenure_cap(self, role: int) -> int:
        values = self.tenure_thr.get(role)
        return values[-1] if values else 0

    def root(self) -> Node:
        start = self.start
        return Node(
            0,
            0,
            0,
            start.edu,
            start.progs,
            start.eff,
            start.role,
            tuple(min(c, e) for c, e in zip(self.caps, start.exp, strict=True)),
            min(start.ten, self.tenure_cap(start.role)),
            self.vmask0,
            False,
            None,
            None,
        )

    def known_better(self, node: Node) -> bool:
        """Whether an expanded state dominates this one. Only states expanded since its
        last check need looking at (a group keeps the order of expansion)."""
        guards, since = self.guards, node.checked
        packed, sig, vmask = node.packed, node.sig, node.vmask
        for other in reversed(self.expanded_by_group.get((node.role, node.epoch), ())):
            if other.order < since:
                break
            # states.dominates, inlined (the hottest loop); a group shares its epoch.
            if (
                other.sig | sig == other.sig
                and other.vmask | vmask == other.vmask
                and ((other.packed | guards) - packed) & guards == guards
            ):
                return True
        node.checked = self.expansions
        return False

    def push(self, node: Node) -> None:
        """Queue a state unless one at least as good has been expanded. Its key starts as
        its parent's estimate (a lower bound, the bound being consistent); its own estimate
        is only worked out when it comes first (lazy A*)."""
        node.epoch = bisect_right(self.events, node.t)
        node.packed = pack(node)
        node.sig = self.signature(node.eff, node.progs)
        twin = (node.role, node.packed, node.sig, node.vmask)
        if self.queued.get(twin, node.steps + 1) <= node.steps or self.known_better(node):
            return
        self.queued[twin] = node.steps
        parent = node.parent
        key = max(node.t, parent.estimate) if parent else node.t
        # The cost part of the key: the parent's (a lower bound, the cost bound being
        # consistent too) only while the finish estimate is the parent's, and more when
        # the step bought what no alternative of the parent's cost bound does.
        cost = node.cost
        if parent and key == parent.estimate:
            cost = max(cost, parent.cost_estimate)
            atom = self.bought(node.action)
            if atom and parent.paid:
                cost = max(cost, parent.cost + self.bound.bought_on_top(parent.paid, atom))
        steps = node.steps + self.steps_to_go(node, parent.ways if parent else 0, key)
        self.queue(key, cost, steps, node)

    def bought(self, action: tuple) -> int:
        """What a step buys, as the cost bound counts it (Bound.atom_price): a program
        with a cost, an exam with a fee; 0 for anything else."""
        kind = action[0]
        if kind is StepKind.STUDY:
            return self.bound.prog_atom[action[1]]
        if kind is StepKind.EXAM:
            return self.bound.cred_atom[action[1]]
        return 0

    def queue(self, key: int, cost: int, steps: int, node: Node) -> None:
        """Into the queue, in its order (module docstring)."""
        self.counter += 1
        heapq.heappush(self.heap, (key, cost, -node.t, steps, tie(node), self.counter, node))

    # The loop -----------------------------------------------------------------------------

    def run(self) -> Node | None:
        """The goal node of an earliest (then cheapest, then shortest) plan, or None.
        Raises TooComplex once more than `budget` states are taken from the queue, or
        when the deadline passes."""
        try:
            return self._run()
        finally:
            self.bound.keep_chains()  # for the catalog's next searches

    def _run(self) -> Node | None:
        heap = self.heap
        self.push(self.root())
        while heap:
            key, cost, _, steps, _, _, node = heapq.heappop(heap)
            self.popped += 1
            if self.budget is not None and self.popped > self.budget:
                raise TooComplex
            if self.deadline is not None and perf_counter() > self.deadline:
                raise TooComplex
            if self.known_better(node):
                continue
            wanted = self.goal_check(node)
            if wanted is None:
                # Its key is its finish and cost (a descendant of its parent finishes no
                # earlier than the parent's estimate), so nothing queued can beat it.
                return node
            floors = self.floors(node) if node.estimate < 0 else None
            if node.estimate == UNSEEN and self.turned_away(node, key, steps, floors):
                continue
            if node.estimate < 0:
                months = self.bound.floored(node, floors) if floors else self.bound(node)[0]
                if node.estimate != ESTIMATED and node.t + months > key:
                    self.queue_again(node, node.t + months, steps, ESTIMATED)
                    continue
                settled, ways, remaining, paid = self.bound.settle(node, self.horizon + 1 - node.t)
                node.estimate, node.ways, node.paid = node.t + max(months, settled), ways, paid
                if node.estimate > self.horizon:
                    continue
                node.cost_estimate = min(node.cost + remaining, INF)
                if (node.estimate, node.cost_estimate) > (key, cost):
                    steps = node.steps + self.steps_to_go(node, ways, node.estimate)
                    self.queue(node.estimate, node.cost_estimate, steps, node)
                    continue
            group = self.expanded_by_group.setdefault((node.role, node.epoch), [])
            group[:] = [other for other in group if not dominates(node, other, self.guards)]
            node.order = self.expansions
            self.expansions += 1
            group.append(node)
            self.expand(node, wanted)
        return None

    def turned_away(self, node: Node, key: int, steps: int, floors: list[int] | None) -> bool:
        """Whether a state just after study or work finishes later than `key` by a glance
        (Bound's, at depth 0; each way no sooner than its floor, `floors`): then it is
        queued again at that finish (or dropped past the horizon), to be estimated when it
        comes first again."""
        if node.action is None or node.action[0] not in GLANCED_AT:
            return False
        if self.glance is None:
            waypoints = (self.via_cred, self.via_prog, self.via_role)
            self.glance = Bound(self.problem, self.rel, self.goal, waypoints, 0, glance=True)
            self.glance.deadline = self.deadline
            self.glance.share(self.bound)
        if floors is None:
            finish = node.t + self.glance(node)[0]
        else:
            finish = node.t + self.glance.looked(node, floors, key - node.t)
        if finish <= key:
            return False
        self.queue_again(node, finish, steps, GLANCED)
        return True

    def queue_again(self, node: Node, finish: int, steps: int, seen: int) -> None:
        """Queue a state found to finish later than its key again at that finish, with its
        known cost (its cost bound is left until it comes first again: most such states
        never do) and `seen` (GLANCED, ESTIMATED) as its estimate; or drop it past the
        horizon."""
        node.estimate = seen
        if finish <= self.horizon:
            self.queue(finish, node.cost, steps, node)

    def floors(self, node: Node) -> list[int] | None:
        """By each of the goal's ways, the estimate the parent had by it less the months
        since (None: no parent, or no ways to go by): a plan from the state by a way is
        one from the parent by that way, a step later, and each way's estimate is a lower
        bound, so these are too (pathmax, way by way)."""
        parent = node.parent
        if parent is None or self.bound.at_goal(node):
            return None
        before = self.bound.by_way(parent)
        if before is None:
            return None
        since = node.t - parent.t
        return [months - since for months in before]

    def goal_check(self, node: Node) -> int | None:
        """None when the node reaches the goal (and every waypoint); otherwise the
        credentials whose absence alone blocks the goal now."""
        goal, full = self.goal, self.full
        if goal.kind == "role":
            return None if node.role == goal.index and node.vmask == full else 0
        if goal.kind == "credential":
            if node.eff >> goal.index & 1:
                return None if node.vmask == full else 0
            return 1 << goal.index
        rule = self.problem.rule_at(goal.index, node.t)
        if rule is None:
            return 0
        routes = getattr(rule, goal.kind).compiled
        racc = self.ix.role_accrues_mask[node.role] if node.role >= 0 else 0
        status = (
            gate(routes, node.edu, node.progs, node.eff, self.start.lic, node.exp, racc)
            if routes
            else -1
        )
        if status < 0 and node.vmask == full:
            return None
        return max(status, 0)

    def expand(self, node: Node, wanted: int) -> None:
        role = node.role
        # Just moved into a role that builds nothing of use and whose time does not count:
        # it is only a way through (moving into it later loses nothing), so only moves out
        # of it along its edges are tried, and exams they need.
        passing = (
            role in self.passing_roles
            and node.action is not None
            and node.action[0] is StepKind.MOVE
        )
        racc = self.ix.role_accrues_mask[role] if role >= 0 else 0
        # A credential waypoint not yet passed is wanted like the goal.
        for c, bit in self.via_cred.items():
            if not node.vmask & bit:
                wanted |= 1 << c
        x = Expansion(node, racc, passing, wanted, self.statics)
        self.moves(x)
        eligible, blocked = self.open_credentials(x)
        if not passing:
            self.study(x)
        self.credentials(x, eligible, blocked)
        if not passing:
            self.wait(node)

    # Actions ------------------------------------------------------------------------------

    def moves(self, x: Expansion) -> None:
        """Move into a role (0 months): along an edge from the current role, or hired."""
        node, ix, lic = x.node, self.ix, self.start.lic
        role, ten, recommended = node.role, node.ten, self.recommended
        edu, progs, eff, exp, racc = node.edu, node.progs, node.eff, node.exp, x.racc
        edges = ix.moves_out[role] if role >= 0 else {}
        hire = ix.role_hire
        for r in self.rel.roles:
            if r == role:
                continue
            how = None
            edge = edges.get(r)
            if edge is None and x.passing:
                continue
            if edge is not None and (not recommended or ten >= edge.typical):
                req = edge.requires
                status = gate(req.compiled, edu, progs, eff, lic, exp, racc) if req.compiled else -1
                if status < 0:
                    how = edge
                else:
                    x.wanted |= status
            if hire[r].compiled:
                # Checked even when the edge is open: moving now is not the only way in,
                # so programs the hire needs may still be worth studying now (to come
                # back by a hire after a waypoint elsewhere, say). Credentials take no
                # time, so they can wait until the hire is the way in.
                req = hire[r]
                status = gate(req.compiled, edu, progs, eff, lic, exp, racc)
                if status < 0:
                    how = how or "hire"
                else:
                    if how is None:
                        x.wanted |= status
                    x.wants(req)
            if how is None:
                continue
            vmask = node.vmask | self.via_role.get(r, 0)
            action = (StepKind.MOVE, r, how)
            self.push(
                Node(
                    node.t,
                    node.cost,
                    x.steps,
                    edu,
                    progs,
                    eff,
                    r,
                    exp,
                    0,
                    vmask,
                    False,
                    node,
                    action,
                )
            )

    def open_credentials(self, x: Expansion) -> tuple[list, list]:
        """Exams and grants open now as (credential, exam?, rule, waypoint bit), and those
        blocked only by credentials as (what holding it counts as, credentials it waits
        for, whether its eligibility could be lost). Rule sets and readiness advice not met
        tell which programs could help."""
        node, ix, lic = x.node, self.ix, self.start.lic
        edu, progs, eff, exp, racc, t = node.edu, node.progs, node.eff, node.exp, x.racc, node.t
        rules, rule_at = self.problem.rules, self.problem.rule_at
        recommended = self.recommended
        eligible, blocked = [], []
        for c in self.rel.creds:
            via_bit = self.via_cred.get(c, 0)
            if via_bit and node.vmask & via_bit:
                via_bit = 0
            if eff >> c & 1 and not via_bit:
                continue
            if self.last_change[c] > t:
                for _, rule in rules[c]:
                    x.wants(rule.required)
                    x.wants(rule.recommended)
            rule = rule_at(c, t)
            if rule is None:
                continue
            req = rule.required
            required = gate(req.compiled, edu, progs, eff, lic, exp, racc) if req.compiled else -1
            if required >= 0:
                x.wants(req)
            exam = ix.cred_exam[c]
            ready = -1
            if exam and recommended and rule.recommended.compiled:
                req = rule.recommended
                ready = gate(req.compiled, edu, progs, eff, lic, exp, racc)
                if ready >= 0:
                    x.wants(req)
            if required == 0 or ready == 0:
                continue
            if required > 0 or ready > 0:
                losable = self.last_change[c] > t or rule.role_dependent
                blocked.append((ix.closure[c], max(required, 0) | max(ready, 0), losable))
                continue
            eligible.append((c, exam, rule, via_bit))
        return eligible, blocked

    def study(self, x: Expansion) -> None:
        """Study a program (its typical months), if a requirement not met could use it, or
        a program it needs for admission could."""
        node, ix, lic = x.node, self.ix, self.start.lic
        edu, progs, eff, exp, racc = node.edu, node.progs, node.eff, node.exp, x.racc
        grants = ix.prog_grants
        candidates = [
            p
            for p in self.rel.progs
            if not progs >> p & 1 and (p in self.via_prog or x.wants_program(p, grants[p]))
        ]
        seen = set(candidates)
        # Just moved, or just sat an exam whose rule sets change no more: a program
        # studied away from work now could as well have been studied before that step
        # (which holds after it too, nothing having changed but the month and the
        # program; an exam is then taken when it is of use, as any is), so one studied
        # from the state before is not studied again. After an exam, so could one studied
        # beside work: the role is the same in either order, and so is what it builds.
        action, before, beside = node.action, 0, False
        if action is not None and (
            action[0] is StepKind.MOVE
            or (action[0] in CREDENTIAL_STEPS and self.last_change[action[1]] <= node.t)
        ):
            before, beside = node.parent.studied, action[0] in CREDENTIAL_STEPS
        for p in candidates:  # grows while admissions ask for more
            req = ix.prog_admission[p]
            if req.compiled:
                status = gate(req.compiled, edu, progs, eff, lic, exp, racc)
                if status >= 0:
                    x.wanted |= status
                    x.wants(req)
                    for q in self.rel.progs:
                        if q not in seen and not progs >> q & 1 and x.wants_program(q, grants[q]):
                            seen.add(q)
                            candidates.append(q)
                    continue
            node.studied |= 1 << p
            if before >> p & 1 and (beside or not (self.sww and ix.prog_wws[p])):
                continue
            self.push_study(x, p)

    def push_study(self, x: Expansion, p: int) -> None:
        node, ix = x.node, self.ix
        months = ix.prog_months[p]
        if node.t + months > self.horizon:
            return
        role = node.role
        working = role >= 0 and self.sww and ix.prog_wws[p]
        self.push(
            Node(
                node.t + months,
                node.cost + (ix.prog_cost[p] or 0),
                x.steps,
                max(node.edu, ix.prog_grants[p]),
                node.progs | 1 << p,
                node.eff,
                role,
                self.accrue(node.exp, role, months) if working else node.exp,
                min(self.tenure_cap(role), node.ten + months) if working else node.ten,
                node.vmask | self.via_prog.get(p, 0),
                False,
                node,
                (StepKind.STUDY, p, working),
            )
        )

    def credentials(self, x: Expansion, eligible: list, blocked: list) -> None:
        """Sit an exam or be granted a credential (0 months), when it is of use now: it
        unblocks an action open now, a waypoint, or an exam that (in turn) does, or one
        whose eligibility could be lost."""
        node, ix = x.node, self.ix
        wanted = x.wanted
        for _, waits_for, losable in blocked:
            if losable:  # its eligibility could be lost: what it waits for is of use now
                wanted |= waits_for
        grew = bool(wanted and blocked)
        while grew:
            grew = False
            for counts, waits_for, _ in blocked:
                if counts & wanted and waits_for & ~wanted:
                    wanted |= waits_for
                    grew = True
        for c, exam, rule, via_bit in eligible:
            if not (
                via_bit
                or ix.closure[c] & wanted
                or self.last_change[c] > node.t
                or rule.role_dependent
            ):
                continue
            eff = node.eff | ix.closure[c]
            if not all(symmetry.allows(node.eff, eff) for symmetry in self.symmetries):
                continue  # its mirror image is taken instead
            self.push(
                Node(
                    node.t,
                    node.cost + ((ix.cred_fee[c] or 0) if exam else 0),
                    x.steps,
                    node.edu,
                    node.progs,
                    eff,
                    node.role,
                    node.exp,
                    node.ten,
                    node.vmask | via_bit,
                    False,
                    node,
                    (StepKind.EXAM if exam else StepKind.GRANT, c),
                )
            )

    def wait(self, node: Node) -> None:
        """Wait: jump to the next month at which a threshold is crossed or a rule set takes
        effect."""
        t, role, exp, ten = node.t, node.role, node.exp, node.ten
        wait = self.horizon + 1
        if role >= 0:
            for k in self.accruing[role]:
                value = exp[k]
                if value < self.caps[k]:
                    values = self.thresholds[k]
                    wait = min(wait, t + values[bisect_right(values, value)] - value)
            values = self.tenure_thr.get(role)
            if values and ten < values[-1]:
                wait = min(wait, t + values[bisect_right(values, ten)] - ten)
        events = self.events
        i = bisect_right(events, t)
        if i < len(events):
            wait = min(wait, events[i])
        if wait > self.horizon:
            return
        months = wait - t
        self.push(
            Node(
                wait,
                node.cost,
                node.steps if node.waiting else node.steps + 1,
                node.edu,
                node.progs,
                node.eff,
                role,
                self.accrue(exp, role, months),
                min(self.tenure_cap(role), ten + months) if role >= 0 else ten,
                node.vmask,
                True,
                node,
                (StepKind.WORK, role),
            )
        )


def tie(node: Node) -> int:
    """The queue's order among states alike in finish, cost, month and steps (module
    docstring): more steps in first, then just after an exam or grant."""
    return -2 * node.steps - (node.action is not None and node.action[0] in CREDENTIAL_STEPS)
