"""The career map: its layout (plain functions) and its page."""

import random
import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from pytest_django.asserts import assertContains

from planner.snapshot import current_catalog
from roles.career_map import (
    LEVELS,
    LINE_CHARS,
    NODE_H,
    NODE_W,
    MapMove,
    MapRole,
    assign_layers,
    layout,
    level_rank,
    total_crossings,
    wrap,
)
from roles.models import Move, Role
from tests.factories import MoveFactory, RoleFactory, RouteFactory


def generated_catalog(size: int, seed: int = 7) -> tuple[list[MapRole], list[MapMove]]:
    """A catalog shaped like the real one: six level bands, most moves a promotion to the
    next band, some specialisations, some lateral moves within a band or down one."""
    rng = random.Random(seed)
    bands = [[] for _ in LEVELS]
    roles = []
    for n in range(size):
        level = LEVELS[min(n * len(LEVELS) // size, len(LEVELS) - 1)]
        role = MapRole(f"role-{n}", f"{level.capitalize()} role {n} in health information", level)
        roles.append(role)
        bands[level_rank(level)].append(role.slug)
    moves = {}
    for rank, band in enumerate(bands):
        for slug in band:
            if rank + 1 < len(bands):
                for target in rng.sample(bands[rank + 1], k=min(2, len(bands[rank + 1]))):
                    moves[slug, target] = "promotion"
                if rng.random() < 0.3:
                    moves[slug, rng.choice(bands[rank + 1])] = "specialisation"
            if rng.random() < 0.3:
                other = rng.choice(band)
                if other != slug:
                    moves[slug, other] = "lateral"
            if rank and rng.random() < 0.15:
                moves[slug, rng.choice(bands[rank - 1])] = "lateral"
    return roles, [MapMove(a, b, kind) for (a, b), kind in moves.items()]


def boxes_overlap(a, b) -> bool:
    return a.x < b.x + NODE_W and b.x < a.x + NODE_W and a.y < b.y + NODE_H and b.y < a.y + NODE_H


# The layout


def test_entry_roles_come_first_and_directors_last():
    roles, moves = generated_catalog(100)

    graph = layout(roles, moves)

    layer = {node.slug: node.layer for node in graph.nodes}
    level = {role.slug: level_rank(role.level) for role in roles}
    for a in layer:
        for b in layer:
            if level[a] < level[b]:
                assert layer[a] < layer[b], (a, b)


def test_a_promotion_always_points_to_the_right():
    roles = [
        MapRole("coder", "Coder", "entry"),
        MapRole("supervisor", "Supervisor", "manager"),
        MapRole("manager", "Manager", "manager"),
        MapRole("director", "Director", "director"),
    ]
    moves = [
        MapMove("coder", "supervisor", "promotion"),
        MapMove("supervisor", "manager", "promotion"),  # within a level: still rightwards
        MapMove("manager", "supervisor", "lateral"),
        MapMove("manager", "director", "promotion"),
    ]

    layers = assign_layers(roles, moves)

    assert layers == {"coder": 0, "supervisor": 1, "manager": 2, "director": 3}


def test_a_cycle_of_same_level_promotions_does_not_hang_the_layout():
    roles = [MapRole("a", "A", "mid"), MapRole("b", "B", "mid"), MapRole("c", "C", "mid")]
    moves = [MapMove("a", "b", "promotion"), MapMove("b", "c", "promotion")]
    moves.append(MapMove("c", "a", "promotion"))

    graph = layout(roles, moves)

    assert sorted(len(column) for column in graph.layers) == [1, 1, 1]
    assert len(graph.edges) == 3


def test_a_hundred_roles_stay_readable():
    roles, moves = generated_catalog(100)

    graph = layout(roles, moves)

    assert len(graph.nodes) == 100
    for i, a in enumerate(graph.nodes):
        assert a.x >= 0 and a.x + NODE_W <= graph.width
        assert a.y >= 0 and a.y + NODE_H <= graph.height
        for b in graph.nodes[i + 1 :]:
            assert not boxes_overlap(a, b), (a.slug, b.slug)
        assert all(len(line) <= LINE_CHARS for line in a.lines)
    assert all(edge.path.startswith("M") for edge in graph.edges)
    assert len(graph.edges) == len(moves)


def test_the_sweeps_reduce_crossings():
    roles, moves = generated_catalog(100)
    graph = layout(roles, moves)
    layer = {slug: i for i, column in enumerate(graph.layers) for slug in column}
    adjacent = [
        (a, b) if layer[a] < layer[b] else (b, a)
        for a, b in ((m.source, m.target) for m in moves)
        if abs(layer[a] - layer[b]) == 1
    ]
    by_title = [sorted(column) for column in graph.layers]

    assert total_crossings(graph.layers, adjacent) < total_crossings(by_title, adjacent)


def test_keyboard_order_goes_layer_by_layer_top_to_bottom():
    roles, moves = generated_catalog(40)

    graph = layout(roles, moves)

    positions = [(node.layer, node.y) for node in graph.nodes]
    assert positions == sorted(positions)


def test_long_titles_wrap_onto_two_lines():
    assert wrap("Clinical Documentation Integrity (CDI) Specialist") == (
        "Clinical Documentation",
        "Integrity (CDI)",
        "Specialist",
    )
    assert wrap("Director of Health Information") == ("Director of Health", "Information")
    five = "word word word word word"  # 24 characters: a full line
    assert wrap("word " * 30) == (five, five, "word word word word wor…")
    assert wrap("Coder") == ("Coder",)


def test_highlighting_marks_the_roles_and_the_moves_between_them():
    roles = [
        MapRole(s, s.title(), level) for s, level in [("a", "entry"), ("b", "mid"), ("c", "senior")]
    ]
    moves = [
        MapMove("a", "b", "promotion"),
        MapMove("b", "c", "promotion"),
        MapMove("a", "c", "lateral"),
    ]
    graph = layout(roles, moves)

    graph.highlight(["a", "b", "c"])

    assert [node.highlighted for node in graph.nodes] == [True, True, True]
    assert [(e.source, e.target) for e in graph.edges if e.highlighted] == [("a", "b"), ("b", "c")]


# The page


def load(roles: list[MapRole], moves: list[MapMove]) -> None:
    rows = {
        role.slug: RoleFactory(slug=role.slug, title=role.title, level=role.level) for role in roles
    }
    for move in moves:
        MoveFactory(from_role=rows[move.source], to_role=rows[move.target], kind=move.kind)


@pytest.mark.django_db
def test_every_role_is_a_link_in_the_map_and_in_the_list(client, shipped_catalog):
    response = client.get("/map/")

    html = response.content.decode()
    svg = html[
        html.index('<svg class="career-map"') : html.index("</svg>", html.index("career-map"))
    ]
    listing = html[html.index('<section class="map-list"') :]
    for role in Role.objects.all():
        assert f'href="{role.get_absolute_url()}"' in svg, role.slug
        assert f'aria-label="{role.title}"' in svg.replace("&#x27;", "'"), role.slug
        assert f'href="{role.get_absolute_url()}"' in listing, role.slug
    for kind in ("Promotion", "Specialisation", "Lateral move"):
        assertContains(response, f"</svg> {kind}</li>")
    assert svg.count("map-edge map-edge--") == Move.objects.count()


@pytest.mark.django_db
def test_the_roles_of_a_roadmap_are_highlighted(client, shipped_catalog):
    question = {
        "education": "high-school",
        "target": "role:senior-inpatient-coder",
        "start": "2027-01-01",
    }

    response = client.get("/map/?" + urlencode(question))

    roadmap = response.context["roadmap"]
    moved_to = [step["role"] for step in roadmap["steps"] if step["kind"] == "move"]
    highlighted = re.findall(
        r'class="map-role is-highlighted"[^>]*data-slug="([^"]+)"', response.content.decode()
    )
    assert highlighted and set(highlighted) == set(moved_to)
    assertContains(response, "Highlighted: the path to Senior Inpatient Coder")
    assertContains(response, "Senior Inpatient Coder, on the highlighted path")


@pytest.mark.django_db
def test_a_path_that_cannot_be_read_leaves_the_map_plain(client, shipped_catalog):
    response = client.get("/map/?target=role:astronaut")

    assert response.status_code == 200
    assertContains(response, "could not be read")
    assert "is-highlighted" not in response.content.decode()


@pytest.mark.django_db
def test_the_map_query_count_stays_within_ten_whatever_the_catalog_size(
    django_assert_max_num_queries,
):
    question = "/map/?" + urlencode({"education": "none", "target": "role:role-0"})
    roles, moves = generated_catalog(6)
    load(roles, moves)
    RouteFactory(hire_role=Role.objects.get(slug="role-0"))
    current_catalog()  # built once per catalog version, not per request
    with django_assert_max_num_queries(10) as small:
        Client().get(question)

    roles, moves = generated_catalog(100, seed=3)
    load(
        [MapRole(f"x{r.slug}", r.title, r.level) for r in roles],
        [MapMove(f"x{m.source}", f"x{m.target}", m.kind) for m in moves],
    )
    current_catalog()
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert Client().get(question).status_code == 200
