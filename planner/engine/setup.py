"""What a search works out before it starts, from the relevant sets (relevance.py), the
goal and the waypoints: the waypoints as bits, the roles only passed through, the
programs any state may want, the kinds each role builds that matter, the signatures and
the symmetries. Search inherits it. What depends on the relevant sets, the rule sets, the
goal's own rules and the waypoints alone is shared by the catalog's searches that have
those in common (Index.shared): on a large catalog most goals find the same sets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .kinds import RefKind
from .states import Signatures
from .symmetry import symmetries

if TYPE_CHECKING:
    from .inputs import Ref


class SetUp:
    """The search's set-up (module docstring)."""

    def set_up(self, via: tuple[Ref, ...]) -> None:
        problem, ix, rel, goal = self.problem, self.ix, self.rel, self.goal
        self.accruing = ix.shared(("accruing", rel.caps), self._accruing)
        self._waypoints(via)
        self.passing_roles = self._passing_roles()
        asked = (goal.kind, goal.index) if goal.kind != "role" else ()
        key = (rel.key, problem.recommended, problem.rule_sets, asked)
        via_cred, via_prog = self.via_cred, self.via_prog
        self.statics = ix.shared(("statics", *key), self._static_wants)
        self.signature = ix.shared(
            ("signatures", *key, tuple(via_cred), tuple(via_prog)),
            lambda: Signatures(problem, rel, goal, via_cred, via_prog),
        )
        fixed = sum(1 << c for c in via_cred)
        self.symmetries = ix.shared(
            ("symmetries", *key, problem.rule_times, fixed),
            lambda: symmetries(problem, rel, goal, fixed),
        )

    def _waypoints(self, via: tuple[Ref, ...]) -> None:
        """One bit per waypoint; `vmask0` has the bits of those passed at the start."""
        ix, start = self.ix, self.start
        self.via_prog: dict[int, int] = {}
        self.via_cred: dict[int, int] = {}
        self.via_role: dict[int, int] = {}
        self.vmask0 = 0
        for i, ref in enumerate(via):
            bit = 1 << i
            if ref.kind is RefKind.PROGRAM:
                self.via_prog[ix.prog_ix[ref.slug]] = bit
                if start.progs & ix.prog_bit[ref.slug]:
                    self.vmask0 |= bit
            elif ref.kind is RefKind.CREDENTIAL:
                self.via_cred[ix.cred_ix[ref.slug]] = bit
                if start.held & ix.cred_bit[ref.slug]:
                    self.vmask0 |= bit
            else:
                self.via_role[ix.role_ix[ref.slug]] = bit
                if start.role == ix.role_ix[ref.slug]:
                    self.vmask0 |= bit
        self.full = (1 << len(via)) - 1

    def _passing_roles(self) -> set[int]:
        """Roles that build no experience of use and have no time-in-role threshold."""
        rel, goal, accrues = self.rel, self.goal, self.ix.role_accrues_mask
        useful = rel.built_in_role  # the kinds of use, as a mask
        for k, cap in enumerate(rel.caps):
            if cap:
                useful |= 1 << k
        return {
            r
            for r in rel.roles
            if not accrues[r] & useful
            and r not in self.tenure_thr
            and r not in self.via_role
            and not (goal.kind == "role" and r == goal.index)
        }

    def _static_wants(self) -> tuple[int, int]:
        """(programs, levels) wanted whatever the state: what moves between roles and the
        goal's own requirement (for an eligibility goal) could use."""
        ix, goal = self.ix, self.goal
        progs = levels = 0
        statics = [
            edge.requires
            for r in self.rel.roles
            for edge in ix.moves_in[r]
            if edge.requires.compiled
        ]
        if goal.kind in ("required", "recommended"):
            statics.extend(getattr(rule, goal.kind) for _, rule in self.problem.rules[goal.index])
        for req in statics:
            progs |= req.programs
            levels |= req.levels
        return progs, levels

    def _accruing(self) -> tuple[tuple[int, ...], ...]:
        """By role, the kinds it builds that matter."""
        caps = self.caps
        return tuple(tuple(k for k in kinds if caps[k]) for kinds in self.ix.role_accrues)
