"""The career map's layout: roles as a layered graph, entry level on the left, director on
the right. Pure Python (no Django); the template draws the result as SVG.

Our own small Sugiyama-style layout rather than a library: Graphviz would need a binary
and a browser library a build step, and the graph is small (tens to a hundred roles).

1. Layers by longest path. A move that goes up a level (or a promotion or specialisation
   within a level) must go left to right; a role's layer is the longest chain of such
   moves below it, and every level starts to the right of the level below, so entry
   roles start the map and directors end it. Cycles (which only same-level moves could
   make) are broken by ignoring the edge that closes them.
2. Moves that skip layers get a hidden waypoint in each layer they cross, so they can be
   routed between roles rather than through them.
3. A few barycentre sweeps (left to right, then back) reorder each layer to reduce edge
   crossings; the best order seen is kept.
4. Coordinates: layers are columns, roles stacked in each column and centred.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

LEVELS = ("entry", "mid", "senior", "lead", "manager", "director")
KINDS = ("promotion", "specialisation", "lateral")
UPWARD_KINDS = ("promotion", "specialisation")
SWEEPS = 4

NODE_W, NODE_H = 168, 58
COLUMN_GAP = 48
ROW_GAP = 14
WAYPOINT_H = 10
MARGIN = 24
LINE_CHARS = 24  # a label line, at the map's font size, fits the box
LABEL_LINES = 3
LINE_HEIGHT = 15


@dataclass(frozen=True)
class MapRole:
    slug: str
    title: str
    level: str
    track: str = ""


@dataclass(frozen=True)
class MapMove:
    source: str
    target: str
    kind: str


@dataclass
class Node:
    slug: str
    title: str
    level: str
    layer: int
    lines: tuple[str, ...] = ()
    x: float = 0
    y: float = 0
    highlighted: bool = False

    @property
    def cx(self) -> float:
        return self.x + NODE_W / 2

    @property
    def cy(self) -> float:
        return self.y + NODE_H / 2

    @property
    def text_lines(self) -> list[tuple[float, str]]:
        """(y, line) of each label line, centred in the box."""
        first = self.cy - (len(self.lines) - 1) * LINE_HEIGHT / 2 + 4
        return [(first + LINE_HEIGHT * i, line) for i, line in enumerate(self.lines)]


@dataclass
class Edge:
    source: str
    target: str
    kind: str
    path: str = ""  # SVG path data
    highlighted: bool = False


@dataclass
class CareerMap:
    nodes: list[Node]  # in keyboard order: layer by layer, top to bottom
    edges: list[Edge]
    width: float
    height: float
    layers: list[list[str]] = field(default_factory=list)  # slugs, top to bottom
    crossings: int = 0
    node_width: int = NODE_W
    node_height: int = NODE_H

    def node(self, slug: str) -> Node:
        return next(node for node in self.nodes if node.slug == slug)

    def highlight(self, roles: Sequence[str]) -> None:
        """Mark the roles of a path, and the moves between consecutive ones."""
        wanted = set(roles)
        for node in self.nodes:
            node.highlighted = node.slug in wanted
        pairs = set(zip(roles, roles[1:], strict=False))
        for edge in self.edges:
            edge.highlighted = (edge.source, edge.target) in pairs


def level_rank(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else 0


def wrap(title: str, width: int = LINE_CHARS, lines: int = LABEL_LINES) -> tuple[str, ...]:
    """The title in at most `lines` lines of about `width` characters."""
    out: list[str] = []
    for word in title.split():
        if out and len(out[-1]) + 1 + len(word) <= width:
            out[-1] += " " + word
        else:
            out.append(word)
    if len(out) > lines:
        out = out[: lines - 1] + [" ".join(out[lines - 1 :])]
    return tuple(line if len(line) <= width else line[: width - 1] + "…" for line in out)


def is_upward(move: MapMove, rank: dict[str, int]) -> bool:
    """Whether the move must point left to right (it is a layering constraint)."""
    up, same = rank[move.target] > rank[move.source], rank[move.target] == rank[move.source]
    return up or (same and move.kind in UPWARD_KINDS)


def assign_layers(roles: Sequence[MapRole], moves: Sequence[MapMove]) -> dict[str, int]:
    """Longest path over the upward moves, each level in columns of its own."""
    rank = {role.slug: level_rank(role.level) for role in roles}
    preds: dict[str, list[str]] = {role.slug: [] for role in roles}
    succs: dict[str, list[str]] = {role.slug: [] for role in roles}
    for move in moves:
        if is_upward(move, rank):
            succs[move.source].append(move.target)
    # Drop the edges that close a cycle (depth-first, in a stable order).
    state: dict[str, int] = {}
    for root in sorted(succs, key=lambda slug: (rank[slug], slug)):
        if root in state:
            continue
        stack = [(root, iter(sorted(succs[root])))]
        state[root] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                continue  # a back edge: ignored
            else:
                preds[child].append(node)
                if child not in state:
                    state[child] = 1
                    stack.append((child, iter(sorted(succs[child]))))
    layers: dict[str, int] = {}

    def layer_of(slug: str, floor: int) -> int:
        if slug not in layers:
            layers[slug] = max([floor, *(layer_of(p, floor) + 1 for p in preds[slug])])
        return layers[slug]

    # Level by level, each level's roles to the right of every role of a lower level.
    floor = 0
    for level in sorted(set(rank.values())):
        members = sorted(slug for slug in rank if rank[slug] == level)
        for slug in members:
            layer_of(slug, floor)
        floor = max(layers[slug] for slug in members) + 1
    return layers


def _crossings(upper: list[str], lower: list[str], links: list[tuple[str, str]]) -> int:
    position_up = {slug: i for i, slug in enumerate(upper)}
    position_low = {slug: i for i, slug in enumerate(lower)}
    pairs = sorted(
        (position_up[a], position_low[b])
        for a, b in links
        if a in position_up and b in position_low
    )
    count = 0
    for i, (_, low_i) in enumerate(pairs):
        for up_j, low_j in pairs[i + 1 :]:
            if low_j < low_i and up_j != pairs[i][0]:
                count += 1
    return count


def total_crossings(order: list[list[str]], links: list[tuple[str, str]]) -> int:
    return sum(_crossings(order[i], order[i + 1], links) for i in range(len(order) - 1))


def layout(roles: Iterable[MapRole], moves: Iterable[MapMove]) -> CareerMap:
    roles = sorted(roles, key=lambda role: (level_rank(role.level), role.track, role.title))
    known = {role.slug for role in roles}
    moves = [m for m in moves if m.source in known and m.target in known and m.source != m.target]
    layer = assign_layers(roles, moves)
    count = max(layer.values(), default=-1) + 1
    order: list[list[str]] = [[] for _ in range(count)]
    for role in roles:
        order[layer[role.slug]].append(role.slug)

    # Long moves get a waypoint in every layer they cross; links join adjacent layers.
    links: list[tuple[str, str]] = []
    chains: dict[int, list[str]] = {}
    for index, move in enumerate(moves):
        a, b = move.source, move.target
        if layer[a] == layer[b]:
            continue
        if layer[a] > layer[b]:
            a, b = b, a
        chain = [a]
        for between in range(layer[a] + 1, layer[b]):
            waypoint = f"~{index}~{between}"
            layer[waypoint] = between
            order[between].append(waypoint)
            chain.append(waypoint)
        chain.append(b)
        chains[index] = chain
        links.extend(zip(chain, chain[1:], strict=False))

    neighbours_left: dict[str, list[str]] = {}
    neighbours_right: dict[str, list[str]] = {}
    for a, b in links:
        neighbours_right.setdefault(a, []).append(b)
        neighbours_left.setdefault(b, []).append(a)

    def reorder(column: list[str], fixed: list[str], neighbours: dict[str, list[str]]) -> list[str]:
        position = {slug: i for i, slug in enumerate(fixed)}

        def barycentre(item: tuple[int, str]) -> float:
            index, slug = item
            near = [position[n] for n in neighbours.get(slug, ()) if n in position]
            return sum(near) / len(near) if near else index * len(fixed) / max(len(column), 1)

        return [slug for _, slug in sorted(enumerate(column), key=barycentre)]

    best = [list(column) for column in order]
    best_crossings = total_crossings(best, links)
    for _ in range(SWEEPS):
        for i in range(1, count):
            order[i] = reorder(order[i], order[i - 1], neighbours_left)
        for i in range(count - 2, -1, -1):
            order[i] = reorder(order[i], order[i + 1], neighbours_right)
        crossings = total_crossings(order, links)
        if crossings < best_crossings:
            best, best_crossings = [list(column) for column in order], crossings
    order = best

    # Coordinates: columns left to right, each stacked and centred on the tallest.
    def column_height(column: list[str]) -> float:
        heights = [WAYPOINT_H if slug.startswith("~") else NODE_H for slug in column]
        return sum(heights) + ROW_GAP * max(len(column) - 1, 0)

    tallest = max((column_height(column) for column in order), default=0)
    points: dict[str, tuple[float, float]] = {}  # waypoints: their centre
    by_slug = {role.slug: role for role in roles}
    nodes: list[Node] = []
    for i, column in enumerate(order):
        x = MARGIN + i * (NODE_W + COLUMN_GAP)
        y = MARGIN + (tallest - column_height(column)) / 2
        for slug in column:
            if slug.startswith("~"):
                points[slug] = (x + NODE_W / 2, y + WAYPOINT_H / 2)
                y += WAYPOINT_H + ROW_GAP
                continue
            role = by_slug[slug]
            nodes.append(Node(slug, role.title, role.level, i, wrap(role.title), x, y))
            points[slug] = (x + NODE_W / 2, y + NODE_H / 2)
            y += NODE_H + ROW_GAP

    node_at = {node.slug: node for node in nodes}
    edges = []
    for index, move in enumerate(moves):
        edge = Edge(move.source, move.target, move.kind)
        if index in chains:
            edge.path = _chain_path(chains[index], points, reverse=chains[index][0] != move.source)
        else:
            edge.path = _same_layer_path(node_at[move.source], node_at[move.target])
        edges.append(edge)
    bows = 44  # room for the same-layer moves drawn out to the right of the last column
    width = MARGIN * 2 + count * NODE_W + max(count - 1, 0) * COLUMN_GAP + bows
    return CareerMap(
        nodes=nodes,
        edges=edges,
        width=width,
        height=tallest + MARGIN * 2,
        layers=[[slug for slug in column if not slug.startswith("~")] for column in order],
        crossings=best_crossings,
    )


def _chain_path(chain: list[str], points: dict[str, tuple[float, float]], reverse: bool) -> str:
    """A smooth path from the right side of the left role, through the waypoints, to the
    left side of the right role; drawn from the move's source so the arrow ends at its
    target."""
    coords = []
    for i, slug in enumerate(chain):
        x, y = points[slug]
        if i == 0:
            x += NODE_W / 2
        elif i == len(chain) - 1:
            x -= NODE_W / 2
        coords.append((x, y))
    if reverse:
        coords.reverse()
    (x0, y0), rest = coords[0], coords[1:]
    parts = [f"M{x0:.1f},{y0:.1f}"]
    for x1, y1 in rest:
        mid = (x0 + x1) / 2
        parts.append(f"C{mid:.1f},{y0:.1f} {mid:.1f},{y1:.1f} {x1:.1f},{y1:.1f}")
        x0, y0 = x1, y1
    return " ".join(parts)


def _same_layer_path(source: Node, target: Node) -> str:
    """A bow out to the right of the column, between two roles in the same layer."""
    x = source.x + NODE_W
    bow = x + 18 + min(abs(target.cy - source.cy) / 8, 22)
    return (
        f"M{x:.1f},{source.cy + 6:.1f} C{bow:.1f},{source.cy + 6:.1f} "
        f"{bow:.1f},{target.cy - 6:.1f} {x:.1f},{target.cy - 6:.1f}"
    )
