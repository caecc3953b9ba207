"""Explaining a roadmap: each segment becomes a Step with a title, dates, cost, salary
and a reason in plain words. A 0-month step (exam, grant, move) names the route it
satisfies; study and work name the first later requirement they help to meet; a waypoint
says it was requested."""

from __future__ import annotations

from .catalog import Route
from .compiled import CRoute, Req
from .kinds import MoveKind, RefKind, StepKind
from .replay import Replay, Segment, State
from .roadmap import Step
from .words import months_words


class Explainer(Replay):
    """The steps of a roadmap, with their reasons."""

    def gates(self, segment: Segment) -> list[tuple]:
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

    def _gate(self, label: str, req: Req, state: State):
        if not req.routes:
            return []
        route = self.first_route(req, state)
        compiled = req.compiled[req.routes.index(route)] if route is not None else None
        return [(label, route, compiled, state)]

    def gate_words(self, label: str, route: Route | None, state: State | None = None) -> str:
        if route is None:
            return label
        return f"{label}, route: {self.route_words(route, state)}"

    # Reasons ------------------------------------------------------------------------------

    def own_reason(self, segment: Segment) -> str:
        """Why a 0-month step may happen now: the route it satisfies."""
        catalog, ix = self.catalog, self.ix
        gates = self.gates(segment)
        if segment.kind is StepKind.MOVE and segment.edge is not None:
            edge = segment.edge
            label, route, _, state = gates[0]
            words = self.gate_words(label, route, state)
            if self.problem.recommended and edge.typical:
                words += f"; after {months_words(edge.typical)} in role (typical pace)"
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

    def provides(self, giver: Segment, taker: Segment, compiled: CRoute | None) -> str | None:
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

    def because(self, i: int, segments: list[Segment], via_words: dict[tuple, str]) -> str:
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
                    months = months_words(taker.edge.typical)
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

    def steps(self, segments: list[Segment]) -> tuple[Step, ...]:
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
