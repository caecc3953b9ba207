"""Time the roadmap engine: `python -m planner.bench [catalog.json] [--people N]`.

Plans one roadmap (plan + to_dict, eligibility report included) for each of N varied
people against the catalog (default: the shipped roles/data/catalog.json), then prints the
median and p95 milliseconds per roadmap. It prints figures only and never fails on time.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path
from typing import Any

from planner.engine import Catalog, Education, Options, Person, Position, Readiness, Target, plan

SHIPPED = Path(__file__).resolve().parent.parent / "roles" / "data" / "catalog.json"


def people(catalog: Catalog, count: int, seed: int = 2027) -> list[tuple[Person, Target, Options]]:
    """Varied, valid requests: education, experience, credentials, roles, history, targets."""
    rng = random.Random(seed)
    roles = sorted(catalog.roles)
    credentials = sorted(catalog.credentials)
    kinds = sorted(catalog.experience_kinds)
    hireable = sorted(slug for slug, role in catalog.roles.items() if role.hire) or roles
    requests = []
    for _ in range(count):
        start = date(2027, rng.randint(1, 12), rng.choice((1, 1, 15, 28)))
        experience = {kind: rng.choice((0, 0, 3, 6, 12, 18, 30, 48)) for kind in kinds}
        role = rng.choice([None, *hireable, *rng.sample(roles, 2)])
        positions = ()
        if role is not None and rng.random() < 0.5:
            began = date(rng.randint(2019, 2026), rng.randint(1, 12), 1)
            positions = (Position(role, began, None, rng.random() < 0.8),)
        held = dict.fromkeys(rng.sample(credentials, rng.choice((0, 0, 1, 2))))
        person = Person(
            education=rng.choice(
                [Education.NONE, Education.HIGH_SCHOOL, Education.HIGH_SCHOOL, Education.BACHELOR]
                + [Education.ASSOCIATE]
            ),
            credentials=held,
            experience=experience,
            role=None if positions else role,
            positions=positions,
        )
        if rng.random() < 0.6:
            target = Target.role(rng.choice(roles))
        else:
            target = Target.credential(rng.choice(credentials))
        options = Options(
            start=start,
            readiness=rng.choice(list(Readiness)),
            study_while_working=rng.random() < 0.7,
            check=tuple(rng.sample(credentials, rng.choice((0, 1)))),
        )
        requests.append((person, target, options))
    return requests


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run(catalog: Catalog, count: int) -> dict[str, Any]:
    requests = people(catalog, count)
    for person, target, options in requests[:5]:  # warm the per-catalog indexes
        plan(catalog, person, target, options).to_dict()
    timings = []
    reachable = 0
    for person, target, options in requests:
        began = time.perf_counter()
        roadmap = plan(catalog, person, target, options)
        roadmap.to_dict()
        timings.append((time.perf_counter() - began) * 1000)
        reachable += roadmap.reachable
    return {
        "roadmaps": len(timings),
        "reachable": reachable,
        "median_ms": statistics.median(timings),
        "p95_ms": percentile(timings, 0.95),
        "max_ms": max(timings),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.bench", description=__doc__)
    parser.add_argument("catalog", nargs="?", default=str(SHIPPED), help="catalog JSON file")
    parser.add_argument("--people", type=int, default=200, help="roadmaps to time (>= 100)")
    args = parser.parse_args(argv)
    path = Path(args.catalog)
    if not path.exists():
        print(f"no catalog at {path}", file=sys.stderr)
        return 2
    catalog = Catalog.from_document(json.loads(path.read_text()))
    figures = run(catalog, max(100, args.people))
    print(
        f"catalog: {path} ({len(catalog.roles)} roles, {len(catalog.credentials)} credentials, "
        f"{len(catalog.programs)} programs)"
    )
    print(f"roadmaps: {figures['roadmaps']} ({figures['reachable']} reachable)")
    print(f"median: {figures['median_ms']:.2f} ms per roadmap")
    print(f"p95:    {figures['p95_ms']:.2f} ms per roadmap")
    print(f"max:    {figures['max_ms']:.2f} ms per roadmap")
    return 0


if __name__ == "__main__":
    sys.exit(main())
