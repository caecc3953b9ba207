"""Time the roadmap engine: `python -m planner.bench` (`make bench`).

Prints one table. The shipped catalog (roles/data/catalog.json): varied people, each
planned to every role and credential under both readiness policies (plan + to_dict, the
eligibility report included), with median, p99, p99.9 and max milliseconds and the
slowest inputs named. Then generated catalogs in the documented format (six level bands,
about five moves a role, roles/10 credentials, roles/20 programs, alternative routes with
typed experience, some rule-set changes) of 200, 2,000 and 10,000 roles: the time to build
the Catalog, the fixed cost of a request (one whose target is already met, so no search),
the memory the Catalog takes, and per-plan figures over random people and targets.

It prints figures only and never fails on time; docs/performance.md records them and the
budgets. `--people N` sets the number of people on the shipped catalog (default 1,000; 0 skips it),
`--sizes 200,2000` the generated catalogs, `--plans N` the plans on each of those.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

from planner.engine import (
    Catalog,
    Education,
    Options,
    Person,
    Position,
    Readiness,
    Target,
    plan,
)

SHIPPED = Path(__file__).resolve().parent.parent / "roles" / "data" / "catalog.json"
LEVELS = ("entry", "mid", "senior", "lead", "manager", "director")


# --- People ---------------------------------------------------------------------------------


def person(catalog: Catalog, rng: random.Random) -> tuple[Person, date]:
    """A varied, valid person: education, experience, credentials, role, work history."""
    roles = sorted(catalog.roles)
    credentials = sorted(catalog.credentials)
    kinds = sorted(catalog.experience_kinds)
    hireable = sorted(slug for slug, role in catalog.roles.items() if role.hire) or roles
    start = date(rng.choice((2026, 2027)), rng.randint(1, 12), rng.choice((1, 1, 15, 28)))
    some_kinds = rng.sample(kinds, min(len(kinds), rng.randint(0, 4)))
    experience = {kind: rng.choice((3, 6, 12, 18, 30, 48)) for kind in some_kinds}
    role = rng.choice([None, None, *rng.sample(hireable, min(3, len(hireable)))])
    positions = ()
    if role is not None and rng.random() < 0.5:
        began = date(rng.randint(2015, 2025), rng.randint(1, 12), 1)
        positions = (Position(role, began, None, rng.random() < 0.8),)
    held = dict.fromkeys(rng.sample(credentials, rng.choice((0, 0, 1, 2))))
    levels = [Education.NONE, Education.HIGH_SCHOOL, Education.HIGH_SCHOOL, Education.ASSOCIATE]
    levels.append(Education.BACHELOR)
    return Person(
        education=rng.choice(levels),
        credentials=held,
        experience=experience,
        role=None if positions else role,
        positions=positions,
    ), start


def targets(catalog: Catalog) -> list[Target]:
    return [Target.role(slug) for slug in catalog.roles] + [
        Target.credential(slug) for slug in catalog.credentials
    ]


def describe(person: Person, target: Target, options: Options) -> str:
    """A request as the API body that reproduces it."""
    body = {"education": str(person.education), "start": options.start.isoformat()}
    if person.experience:
        body["experience"] = {k: m for k, m in person.experience.items() if m}
    if person.credentials:
        body["credentials"] = list(person.credentials)
    if person.role:
        body["role"] = person.role
    if person.positions:
        position = person.positions[0]
        body["positions"] = [
            {
                "role": position.role,
                "start": position.start.isoformat(),
                "full_time": position.full_time,
            }
        ]
    body[target.field] = target.slug
    body["readiness"] = str(options.readiness)
    body["study_while_working"] = options.study_while_working
    return json.dumps(body)


# --- Timing ---------------------------------------------------------------------------------


def timed_plans(catalog: Catalog, requests) -> tuple[list[float], list[tuple], int, int]:
    """(milliseconds per plan, the five slowest as (ms, request), reachable, too complex)."""
    timings, slowest = [], []
    reachable = too_complex = 0
    for person_, target, options in requests:
        began = time.perf_counter()
        roadmap = plan(catalog, person_, target, options)
        roadmap.to_dict()
        ms = (time.perf_counter() - began) * 1000
        timings.append(ms)
        reachable += roadmap.reachable
        too_complex += roadmap.too_complex
        slowest = sorted([*slowest, (ms, (person_, target, options))], key=lambda s: -s[0])[:5]
    return timings, slowest, reachable, too_complex


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def shipped_requests(catalog: Catalog, people: int, seed: int = 2027):
    rng = random.Random(seed)
    everything = targets(catalog)
    for _ in range(people):
        someone, start = person(catalog, rng)
        sww = rng.random() < 0.6
        for target in everything:
            for readiness in Readiness:
                yield (
                    someone,
                    target,
                    Options(start=start, readiness=readiness, study_while_working=sww),
                )


def generated_requests(catalog: Catalog, plans: int, seed: int = 2028):
    rng = random.Random(seed)
    everything = targets(catalog)
    for _ in range(plans):
        someone, start = person(catalog, rng)
        options = Options(
            start=start,
            readiness=rng.choice(list(Readiness)),
            study_while_working=rng.random() < 0.6,
        )
        yield someone, rng.choice(everything), options


def fixed_cost(catalog: Catalog, rounds: int = 20) -> float:
    """Milliseconds for a request with nothing to search: the target credential is held."""
    slug = next(iter(catalog.credentials))
    someone = Person(education="high-school", credentials={slug: None})
    options = Options(start=date(2027, 1, 1))
    plan(catalog, someone, Target.credential(slug), options)  # per-catalog caches, once
    began = time.perf_counter()
    for _ in range(rounds):
        plan(catalog, someone, Target.credential(slug), options).to_dict()
    return (time.perf_counter() - began) * 1000 / rounds


# --- Generated catalogs ---------------------------------------------------------------------


def generated_document(roles: int, seed: int = 1) -> dict:
    """A catalog of `roles` roles in the documented format (docs/catalog-format.md)."""
    rng = random.Random(seed)
    kinds = [f"kind-{k}" for k in range(max(5, roles // 40))]
    band = [LEVELS[min(5, i * 6 // roles)] for i in range(roles)]
    role_slugs = [f"role-{i}" for i in range(roles)]
    credential_slugs = [f"cred-{i}" for i in range(max(2, roles // 10))]
    program_slugs = [f"prog-{i}" for i in range(max(2, roles // 20))]
    levels = ["high-school", "associate", "bachelor", "master"]

    def route(level: int) -> dict:
        route = {"experience": []}
        if rng.random() < 0.5:
            route["education"] = levels[min(3, level // 2)]
        if rng.random() < 0.3:
            route["programs"] = rng.sample(program_slugs, min(2, len(program_slugs)))
        if level and rng.random() < 0.4:
            pool = credential_slugs[: max(1, len(credential_slugs) * level // 6)]
            route["credentials"] = rng.sample(pool, min(2, len(pool)))
        if level and rng.random() < 0.7:
            route["experience"].append(
                {"kind": rng.choice(kinds), "months": 6 * rng.randint(1, 2 * level)}
            )
        return route

    programs = {
        slug: {
            "name": f"Program {i}",
            "kind": "certificate",
            "months_typical": rng.choice((4, 6, 9, 12, 24)),
            "grants_level": rng.choice((None, None, "associate", "bachelor")),
            "work_while_studying": rng.random() < 0.6,
            "admission": [] if rng.random() < 0.7 else [{"education": "high-school"}],
        }
        for i, slug in enumerate(program_slugs)
    }
    credentials = {}
    for i, slug in enumerate(credential_slugs):
        level = i * 6 // len(credential_slugs)
        rule_sets = [
            {
                "effective": "2020-01-01",
                "source": "s",
                "required": [route(level) for _ in range(rng.randint(1, 3))],
                "recommended": [],
            }
        ]
        if rng.random() < 0.2:
            rule_sets.append(
                {
                    "effective": rng.choice(("2027-03-01", "2027-09-30", "2028-01-01")),
                    "source": "s",
                    "required": [route(level) for _ in range(rng.randint(1, 3))],
                    "recommended": [route(level)] if rng.random() < 0.3 else [],
                }
            )
        credentials[slug] = {
            "acronym": slug.upper(),
            "name": f"Credential {i}",
            "earned_by": "exam" if rng.random() < 0.8 else "grant",
            "exam": {"fee_usd": rng.choice((None, 200, 400))},
            "rule_sets": rule_sets,
        }
    role_docs = {}
    for i, slug in enumerate(role_slugs):
        level = LEVELS.index(band[i])
        higher = [j for j in range(i + 1, roles) if LEVELS.index(band[j]) in (level, level + 1)]
        moves = {}
        for j in rng.sample(higher, min(5, len(higher))):
            moves[role_slugs[j]] = {
                "kind": "promotion" if LEVELS.index(band[j]) > level else "lateral",
                "typical_months": rng.choice((0, 12, 24, 36)),
                "requires": [route(level + 1) for _ in range(rng.randint(0, 2))],
            }
        role_docs[slug] = {
            "title": f"Role {i}",
            "level": band[i],
            "track": "ladder",
            "accrues": rng.sample(kinds, rng.randint(1, 2)),
            "hire": [route(level) for _ in range(rng.randint(1, 2))]
            if level < 3 or rng.random() < 0.3
            else [],
            "moves": moves,
        }
    return {
        "format": 1,
        "sources": {"s": {"title": "Generated", "url": "https://example.org"}},
        "experience_kinds": {kind: {"name": kind} for kind in kinds},
        "licences": {},
        "programs": programs,
        "credentials": credentials,
        "roles": role_docs,
    }


def catalog_row(size: int, plans: int) -> dict:
    doc = generated_document(size)
    began = time.perf_counter()
    catalog = Catalog.from_document(doc)
    build = (time.perf_counter() - began) * 1000
    tracemalloc.start()  # a second build, traced: tracing slows it down
    Catalog.from_document(doc)
    memory = tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    fixed = fixed_cost(catalog)
    timings, slowest, reachable, too_complex = timed_plans(
        catalog, generated_requests(catalog, plans)
    )
    return {
        "name": f"generated, {size} roles",
        "timings": timings,
        "slowest": slowest,
        "reachable": reachable,
        "too_complex": too_complex,
        "build_ms": build,
        "fixed_ms": fixed,
        "memory_mb": memory,
    }


# --- The table ------------------------------------------------------------------------------


def print_table(rows: list[dict]) -> None:
    head = (
        f"{'catalog':<26}{'plans':>8}{'median':>9}{'p99':>9}{'p99.9':>9}{'max':>9}"
        f"{'complex':>9}{'build':>9}{'fixed':>9}{'memory':>9}"
    )
    print(head)
    print(f"{'':<26}{'':>8}{'ms':>9}{'ms':>9}{'ms':>9}{'ms':>9}{'':>9}{'ms':>9}{'ms':>9}{'MB':>9}")
    for row in rows:
        t = row["timings"]
        extra = _extras(row)
        print(
            f"{row['name']:<26}{len(t):>8}{statistics.median(t):>9.2f}{percentile(t, 0.99):>9.1f}"
            f"{percentile(t, 0.999):>9.1f}{max(t):>9.1f}{row['too_complex']:>9}"
            f"{extra['build_ms']:>9}{extra['fixed_ms']:>9}{extra['memory_mb']:>9}"
        )
    for row in rows:
        print(f"\nslowest on {row['name']}:")
        for ms, (someone, target, options) in row["slowest"]:
            print(f"  {ms:8.1f} ms  {describe(someone, target, options)}")


def _extras(row: dict) -> dict[str, str]:
    formats = {"build_ms": "{:.1f}", "fixed_ms": "{:.2f}", "memory_mb": "{:.1f}"}
    return {key: form.format(row[key]) if key in row else "-" for key, form in formats.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.bench", description=__doc__)
    parser.add_argument("catalog", nargs="?", default=str(SHIPPED), help="catalog JSON file")
    parser.add_argument("--people", type=int, default=1000, help="people on the catalog file")
    parser.add_argument("--sizes", default="200,2000,10000", help="generated catalog sizes")
    parser.add_argument("--plans", type=int, default=100, help="plans per generated catalog")
    args = parser.parse_args(argv)
    path = Path(args.catalog)
    if not path.is_file():
        print(f"no catalog at {path}", file=sys.stderr)
        return 2
    catalog = Catalog.from_document(json.loads(path.read_text()))
    print(
        f"{path.name}: {len(catalog.roles)} roles, {len(catalog.credentials)} credentials, "
        f"{len(catalog.programs)} programs; {args.people} people x {len(targets(catalog))} "
        "targets x 2 readiness policies\n"
    )
    rows = []
    if args.people:  # --people 0: the generated catalogs only
        timings, slowest, reachable, too_complex = timed_plans(
            catalog, shipped_requests(catalog, args.people)
        )
        rows.append(
            {
                "name": "shipped",
                "timings": timings,
                "slowest": slowest,
                "reachable": reachable,
                "too_complex": too_complex,
                "fixed_ms": fixed_cost(catalog),
            }
        )
    for size in (int(s) for s in args.sizes.split(",") if s):
        rows.append(catalog_row(size, args.plans))
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
