"""Plain words: month counts, names inside sentences, and the one describer of a route.

`describe_route` is the only place a route is put into words: the roadmap's reasons use
it through `Catalog.describe`, and the catalog pages through `roles.models.Route.describe`,
so a route reads the same everywhere."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .kinds import Education

if TYPE_CHECKING:
    from .catalog import Route


def months_words(months: int) -> str:
    return f"{months} month" if months == 1 else f"{months} months"


def lower_first(name: str) -> str:
    """'Medical coding' -> 'medical coding'; 'CDI (inpatient)' stays as it is."""
    if len(name) > 1 and name[0].isupper() and name[1].islower():
        return name[0].lower() + name[1:]
    return name


@dataclass(frozen=True)
class RouteNames:
    """What a route's slugs are called: program names, credential acronyms, licence names
    and experience kind names, each by slug (a slug missing here is printed as it is)."""

    programs: Mapping[str, str]
    credentials: Mapping[str, str]
    licences: Mapping[str, str]
    kinds: Mapping[str, str]

    def kind(self, slug: str) -> str:
        return lower_first(self.kinds.get(slug, slug))


def describe_route(
    route: Route,
    names: RouteNames,
    programs: Iterable[str] = (),
    credentials: Iterable[str] = (),
    licences: Iterable[str] = (),
) -> str:
    """A route in plain words: 'high school diploma + CCA + 12 months of coding
    experience'. Where a route accepts any one of several programs, credentials or
    licences and some are given (done, held), only those are named. Alternatives are
    named in alphabetical order."""
    parts = []
    if route.education and route.education is not Education.NONE:
        parts.append(Education(route.education).words)
    if route.programs:
        parts.append(_any_of(route.programs, programs, names.programs))
    if route.credentials:
        parts.append(_any_of(route.credentials, credentials, names.credentials))
    if route.licences:
        parts.append(_any_of(route.licences, licences, names.licences) + " licence")
    parts.extend(
        f"{months_words(need.months)} of {names.kind(need.kind)} experience"
        for need in route.experience
    )
    if route.current_role_accrues:
        kind = names.kind(route.current_role_accrues)
        parts.append(f"currently working in a role that builds {kind} experience")
    return " + ".join(parts) if parts else "no prerequisites"


def _any_of(slugs: tuple[str, ...], given: Iterable[str], names: Mapping[str, str]) -> str:
    """'A or B', in alphabetical order (so the words do not depend on where the route was
    read from); only the slugs among `given` when some are."""
    given = set(given)
    chosen = [slug for slug in slugs if slug in given] or slugs
    return " or ".join(sorted((names.get(slug, slug) for slug in chosen), key=str.casefold))
