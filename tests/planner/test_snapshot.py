"""The engine's snapshot of the database catalog, and the one route describer it shares
with the catalog pages."""

from planner.snapshot import current_catalog
from roles.models import Credential, Role, Route


def test_the_pages_and_the_roadmap_word_every_shipped_route_alike(shipped_catalog):
    catalog = current_catalog()
    pairs = []
    for role in Role.objects.all():
        engine_role = catalog.roles[role.slug]
        pairs.append((Route.objects.for_display().filter(hire_role=role), engine_role.hire))
        for move in role.moves_out.all():
            in_engine = engine_role.moves[move.to_role.slug].requires
            pairs.append((Route.objects.for_display().filter(move=move), in_engine))
    for credential in Credential.objects.all():
        rule_sets = catalog.credentials[credential.slug].rule_sets
        for rule_set, in_engine in zip(
            credential.rule_sets.order_by("effective"), rule_sets, strict=True
        ):
            routes = Route.objects.for_display().filter(rule_set=rule_set)
            pairs.append((routes.filter(strength="required"), in_engine.required))
            pairs.append((routes.filter(strength="recommended"), in_engine.recommended))

    for rows, routes in pairs:
        assert [row.describe() for row in rows] == [catalog.describe(route) for route in routes]
    assert sum(len(routes) for _, routes in pairs) > 50
