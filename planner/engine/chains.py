"""Chains of moves into a set of roles (Bound.chain_bound): a search backwards from the
roles, settling each role's months in order and only as far as a question needs."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .compiled import Index

INF = 1 << 30


class Chain:
    """Months from starting fresh in a role to being in one of `targets` by moves (the
    typical months under the recommended pace, else 0), through relevant roles; `hires`:
    the settled relevant roles anyone can be hired into, with their months, fewest first.
    A chain whose search has ended (`complete`) no longer changes, so searches of the
    same catalog may share it (Index.chains); one still going belongs to one search."""

    __slots__ = ("ix", "recommended", "relevant", "dist", "heap", "settled", "hires")

    def __init__(
        self, ix: Index, targets: frozenset[int], recommended: bool, relevant: frozenset[int]
    ) -> None:
        self.ix, self.recommended, self.relevant = ix, recommended, relevant
        self.dist = dict.fromkeys(targets, 0)
        self.heap = [(0, r) for r in sorted(targets)]
        self.settled: dict[int, int] = {}
        self.hires: list[tuple[int, int]] = []

    @property
    def complete(self) -> bool:
        return self.frontier() >= INF

    def frontier(self) -> int:
        """The months of the next role to settle (INF: none left)."""
        heap, settled = self.heap, self.settled
        while heap and heap[0][1] in settled:
            heapq.heappop(heap)
        return heap[0][0] if heap else INF

    def settle_next(self) -> bool:
        """Settle the next role (False: none left)."""
        if self.frontier() >= INF:
            return False
        d, r = heapq.heappop(self.heap)
        ix, dist = self.ix, self.dist
        self.settled[r] = d
        if r in self.relevant and ix.role_hire[r].compiled:
            self.hires.append((r, d))
        for edge in ix.moves_in[r]:
            q = edge.origin
            later = d + (edge.typical if self.recommended else 0)
            if later < dist.get(q, INF):
                dist[q] = later
                if q in self.relevant:
                    heapq.heappush(self.heap, (later, q))
        return True

    def months(self, role: int, below: int) -> int:
        """`role`'s months if fewer than `below`; otherwise INF (no fewer than `below`)."""
        while role not in self.settled and self.frontier() < below:
            self.settle_next()
        return self.settled.get(role, INF)
