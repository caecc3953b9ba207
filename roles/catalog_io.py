"""The database and the catalog document (docs/catalog-format.md), both ways.

`export_document()` writes every catalog row as the document; `load_document(doc)` makes
the database say exactly what a validated document says, in one transaction, saving
only the rows that changed (so the admin's history shows real changes) and bumping the
catalog version once.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from .models import (
    CatalogVersion,
    Credential,
    ExperienceKind,
    Licence,
    Move,
    Program,
    RenewalPolicy,
    Role,
    Route,
    RouteExperience,
    RuleSet,
    Source,
)
from .signals import one_version_bump

FORMAT = 1


def _slug(obj) -> str | None:
    return obj.slug if obj is not None else None


def _route_document(route: Route) -> dict:
    return {
        "education": route.education or None,
        "programs": sorted(program.slug for program in route.programs.all()),
        "credentials": sorted(credential.slug for credential in route.credentials.all()),
        "licences": sorted(licence.slug for licence in route.licences.all()),
        "experience": [
            {"kind": term.kind.slug, "months": term.months} for term in route.experience.all()
        ],
        "current_role_accrues": _slug(route.current_role_accrues),
        "note": route.note,
    }


def _routes_by_owner() -> dict[tuple[str, int], list[dict]]:
    routes = (
        Route.objects.select_related("current_role_accrues")
        .prefetch_related("programs", "credentials", "licences", "experience__kind")
        .order_by("position", "pk")
    )
    owners: dict[tuple[str, int], list[dict]] = defaultdict(list)
    for route in routes:
        if route.rule_set_id:
            key = (route.strength, route.rule_set_id)
        elif route.move_id:
            key = ("move", route.move_id)
        elif route.hire_role_id:
            key = ("hire", route.hire_role_id)
        else:
            key = ("admission", route.admission_program_id)
        owners[key].append(_route_document(route))
    return owners


def export_document() -> dict:
    """The whole catalog as the document; a fixed number of queries whatever its size."""
    routes = _routes_by_owner()
    sources = {
        source.slug: {
            "url": source.url,
            "title": source.title,
            "as_of": source.as_of.isoformat(),
            "verified": source.verified,
            "note": source.note,
        }
        for source in Source.objects.all()
    }
    programs = {
        program.slug: {
            "name": program.name,
            "kind": program.kind,
            "description": program.description,
            "months_min": program.months_min,
            "months_max": program.months_max,
            "months_typical": program.months_typical,
            "duration_source": program.duration_source.slug,
            "cost_min": program.cost_min,
            "cost_max": program.cost_max,
            "cost_source": _slug(program.cost_source),
            "grants_level": program.grants_level or None,
            "work_while_studying": program.work_while_studying,
            "admission": routes.get(("admission", program.pk), []),
        }
        for program in Program.objects.select_related("duration_source", "cost_source")
    }
    credentials = {}
    for credential in Credential.objects.select_related(
        "exam_source", "renewal_source", "apprentice_source"
    ).prefetch_related("supersedes", "rule_sets__source"):
        has_exam = credential.exam_source_id is not None
        has_renewal = credential.renewal_source_id is not None
        credentials[credential.slug] = {
            "acronym": credential.acronym,
            "name": credential.name,
            "issuer": credential.issuer,
            "description": credential.description,
            "scope": credential.scope,
            "earned_by": credential.earned_by,
            "supersedes": sorted(other.slug for other in credential.supersedes.all()),
            "exam": {
                "minutes": credential.exam_minutes,
                "items": credential.exam_items,
                "fee_usd": credential.exam_fee_usd,
                "fee_note": credential.exam_fee_note,
                "source": credential.exam_source.slug,
            }
            if has_exam
            else None,
            "renewal": {
                "cycle_months": credential.renewal_cycle_months,
                "ceus": credential.renewal_ceus,
                "note": credential.renewal_note,
                "source": credential.renewal_source.slug,
                "subject_ceus": credential.renewal_subject_ceus,
                "subject": credential.renewal_subject,
            }
            if has_renewal
            else None,
            "apprentice": {
                "deadline_months": credential.apprentice_deadline_months,
                "note": credential.apprentice_note,
                "source": credential.apprentice_source.slug,
            }
            if credential.is_apprentice
            else None,
            "rule_sets": [
                {
                    "effective": rule_set.effective.isoformat(),
                    "effective_published": rule_set.effective_published,
                    "source": rule_set.source.slug,
                    "note": rule_set.note,
                    "required": routes.get((Route.Strength.REQUIRED, rule_set.pk), []),
                    "recommended": routes.get((Route.Strength.RECOMMENDED, rule_set.pk), []),
                }
                for rule_set in sorted(credential.rule_sets.all(), key=lambda r: r.effective)
            ],
        }
    moves_by_role: dict[int, dict] = defaultdict(dict)
    for move in Move.objects.select_related("to_role", "source"):
        moves_by_role[move.from_role_id][move.to_role.slug] = {
            "kind": move.kind,
            "typical_months": move.typical_months,
            "requires": routes.get(("move", move.pk), []),
            "source": move.source.slug,
            "note": move.note,
        }
    roles = {
        role.slug: {
            "title": role.title,
            "summary": role.summary,
            "responsibilities": role.responsibility_list,
            "track": role.track,
            "level": role.level,
            "setting": role.setting,
            "code_sets": role.code_set_list,
            "salary_min": role.salary_min,
            "salary_max": role.salary_max,
            "salary_source": _slug(role.salary_source),
            "median_pay": role.median_pay,
            "median_pay_year": role.median_pay_year,
            "median_pay_source": _slug(role.median_pay_source),
            "remote": role.remote,
            "outlook": role.outlook,
            "outlook_source": _slug(role.outlook_source),
            "environment": role.environment,
            "schedule": role.schedule,
            "productivity": role.productivity,
            "accuracy": role.accuracy,
            "accrues": sorted(kind.slug for kind in role.accrues.all()),
            "hire": routes.get(("hire", role.pk), []),
            "hire_source": _slug(role.hire_source),
            "moves": moves_by_role.get(role.pk, {}),
        }
        for role in Role.objects.select_related(
            "salary_source", "median_pay_source", "outlook_source", "hire_source"
        ).prefetch_related("accrues")
    }
    return {
        "format": FORMAT,
        "sources": sources,
        "experience_kinds": {
            kind.slug: {"name": kind.name, "description": kind.description}
            for kind in ExperienceKind.objects.all()
        },
        "licences": {licence.slug: {"name": licence.name} for licence in Licence.objects.all()},
        "programs": programs,
        "credentials": credentials,
        "roles": roles,
        "renewal_policies": {
            policy.issuer: _policy_document(policy)
            for policy in RenewalPolicy.objects.select_related("source")
        },
    }


def _policy_document(policy: RenewalPolicy) -> dict:
    return {
        "cycle_months": policy.cycle_months,
        "anchor": policy.anchor,
        "shared": policy.shared,
        "extra_ceus": policy.extra_ceus,
        "max_ceus": policy.max_ceus,
        "prorate_first_period": policy.prorate_first_period,
        "issuer_share_percent": policy.issuer_share_percent,
        "issuer_share_from": (
            policy.issuer_share_from.isoformat() if policy.issuer_share_from else None
        ),
        "grace_days": policy.grace_days,
        "source": policy.source.slug,
        "note": policy.note,
    }


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    changed: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.deleted} deleted"


class _Loader:
    """Syncs one validated document into the database; see load_document."""

    def __init__(self, doc: dict):
        self.doc = doc
        self.report = LoadReport()

    def upsert(self, model, slug: str, values: dict, **lookup):
        lookup = lookup or {"slug": slug}
        obj = model.objects.filter(**lookup).first()
        if obj is None:
            obj = model.objects.create(**lookup, **values)
            self.report.created += 1
            self.report.changed.append(f"+ {model._meta.model_name} {slug}")
            return obj
        changed = {name for name, value in values.items() if getattr(obj, name) != value}
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.save()
            self.report.updated += 1
            self.report.changed.append(f"~ {model._meta.model_name} {slug}: {sorted(changed)}")
        return obj

    def delete_missing(self, queryset, keep: Iterable, label: str, field_name: str = "slug"):
        stale = queryset.exclude(**{f"{field_name}__in": list(keep)})
        for obj in stale:
            self.report.changed.append(f"- {label} {obj}")
            self.report.deleted += 1
            obj.delete()

    def set_m2m(self, manager, objs: list, label: str):
        if {obj.pk for obj in manager.all()} != {obj.pk for obj in objs}:
            manager.set(objs)
            self.report.changed.append(f"~ {label}")

    def sync_routes(self, owner_filter: dict, routes: list[dict], label: str):
        """Replace the routes of one owner (for a rule set: of one strength) if they differ."""
        existing = list(
            Route.objects.filter(**owner_filter)
            .select_related("current_role_accrues")
            .prefetch_related("programs", "credentials", "licences", "experience__kind")
            .order_by("position", "pk")
        )
        if [_route_document(route) for route in existing] == [
            _normalise_route(route) for route in routes
        ]:
            return
        for route in existing:
            route.delete()
        for position, wanted in enumerate(routes):
            route = Route.objects.create(
                **owner_filter,
                position=position,
                education=wanted.get("education") or "",
                current_role_accrues=self.kinds[wanted["current_role_accrues"]]
                if wanted.get("current_role_accrues")
                else None,
                note=wanted.get("note") or "",
            )
            route.programs.set([self.programs[slug] for slug in wanted.get("programs", [])])
            route.credentials.set(
                [self.credentials[slug] for slug in wanted.get("credentials", [])]
            )
            route.licences.set([self.licences[slug] for slug in wanted.get("licences", [])])
            RouteExperience.objects.bulk_create(
                RouteExperience(route=route, kind=self.kinds[term["kind"]], months=term["months"])
                for term in wanted.get("experience", [])
            )
        if existing:
            self.report.updated += 1
            self.report.changed.append(f"~ routes of {label}")
        else:
            self.report.created += len(routes)
            self.report.changed.append(f"+ {len(routes)} routes of {label}")

    def run(self) -> LoadReport:
        doc = self.doc
        self.sources = {
            slug: self.upsert(
                Source,
                slug,
                {
                    "url": entry["url"],
                    "title": entry["title"],
                    "as_of": date.fromisoformat(entry["as_of"]),
                    "verified": entry.get("verified", True),
                    "note": entry.get("note") or "",
                },
            )
            for slug, entry in doc["sources"].items()
        }
        self.kinds = {
            slug: self.upsert(
                ExperienceKind,
                slug,
                {"name": entry["name"], "description": entry.get("description") or ""},
            )
            for slug, entry in doc["experience_kinds"].items()
        }
        self.licences = {
            slug: self.upsert(Licence, slug, {"name": entry["name"]})
            for slug, entry in doc["licences"].items()
        }
        self.programs = {
            slug: self.upsert(
                Program,
                slug,
                {
                    "name": entry["name"],
                    "kind": entry["kind"],
                    "description": entry.get("description") or "",
                    "months_min": entry["months_min"],
                    "months_max": entry["months_max"],
                    "months_typical": entry["months_typical"],
                    "duration_source": self.sources[entry["duration_source"]],
                    "cost_min": entry.get("cost_min"),
                    "cost_max": entry.get("cost_max"),
                    "cost_source": self._source(entry.get("cost_source")),
                    "grants_level": entry.get("grants_level") or "",
                    "work_while_studying": entry.get("work_while_studying", True),
                },
            )
            for slug, entry in doc["programs"].items()
        }
        self.credentials = {
            slug: self.upsert(Credential, slug, self._credential_values(entry))
            for slug, entry in doc["credentials"].items()
        }
        roles = {
            slug: self.upsert(Role, slug, self._role_values(entry))
            for slug, entry in doc["roles"].items()
        }
        # Everything that refers to the rows above, now that they all exist.
        for slug, entry in doc["programs"].items():
            program = self.programs[slug]
            self.sync_routes(
                {"admission_program": program}, entry.get("admission", []), f"program {slug}"
            )
        for slug, entry in doc["credentials"].items():
            self._sync_credential(self.credentials[slug], entry)
        for slug, entry in doc["roles"].items():
            self._sync_role(roles[slug], entry, roles)
        policies = doc.get("renewal_policies") or {}
        for issuer, policy in policies.items():
            self.upsert(RenewalPolicy, issuer, self._policy_values(policy), issuer=issuer)
        self.delete_missing(RenewalPolicy.objects.all(), policies, "renewal policy", "issuer")
        # Rows the document no longer has: routes and moves go with their owners.
        self.delete_missing(Role.objects.all(), doc["roles"], "role")
        self.delete_missing(Credential.objects.all(), doc["credentials"], "credential")
        self.delete_missing(Program.objects.all(), doc["programs"], "program")
        self.delete_missing(Licence.objects.all(), doc["licences"], "licence")
        self.delete_missing(ExperienceKind.objects.all(), doc["experience_kinds"], "kind")
        self.delete_missing(Source.objects.all(), doc["sources"], "source")
        return self.report

    def _source(self, slug: str | None) -> Source | None:
        return self.sources[slug] if slug else None

    def _credential_values(self, entry: dict) -> dict:
        exam = entry.get("exam") or {}
        renewal = entry.get("renewal") or {}
        apprentice = entry.get("apprentice") or {}
        return {
            "acronym": entry["acronym"],
            "name": entry["name"],
            "issuer": entry["issuer"],
            "description": entry.get("description") or "",
            "scope": entry.get("scope") or "",
            "earned_by": entry.get("earned_by", Credential.EarnedBy.EXAM),
            "exam_minutes": exam.get("minutes"),
            "exam_items": exam.get("items"),
            "exam_fee_usd": exam.get("fee_usd"),
            "exam_fee_note": exam.get("fee_note") or "",
            "exam_source": self._source(exam.get("source")),
            "renewal_cycle_months": renewal.get("cycle_months"),
            "renewal_ceus": renewal.get("ceus"),
            "renewal_note": renewal.get("note") or "",
            "renewal_source": self._source(renewal.get("source")),
            "renewal_subject_ceus": renewal.get("subject_ceus"),
            "renewal_subject": renewal.get("subject") or "",
            "apprentice_deadline_months": apprentice.get("deadline_months"),
            "apprentice_note": apprentice.get("note") or "",
            "apprentice_source": self._source(apprentice.get("source")),
        }

    def _policy_values(self, entry: dict) -> dict:
        share_from = entry.get("issuer_share_from")
        return {
            "cycle_months": entry["cycle_months"],
            "anchor": entry["anchor"],
            "shared": bool(entry.get("shared")),
            "extra_ceus": entry.get("extra_ceus"),
            "max_ceus": entry.get("max_ceus"),
            "prorate_first_period": bool(entry.get("prorate_first_period")),
            "issuer_share_percent": entry.get("issuer_share_percent"),
            "issuer_share_from": date.fromisoformat(share_from) if share_from else None,
            "grace_days": entry.get("grace_days"),
            "source": self.sources[entry["source"]],
            "note": entry.get("note") or "",
        }

    def _role_values(self, entry: dict) -> dict:
        return {
            "title": entry["title"],
            "summary": entry["summary"],
            "responsibilities": "\n".join(entry.get("responsibilities", [])),
            "track": entry["track"],
            "level": entry["level"],
            "setting": entry["setting"],
            "code_sets": ", ".join(entry.get("code_sets", [])),
            "salary_min": entry.get("salary_min"),
            "salary_max": entry.get("salary_max"),
            "salary_source": self._source(entry.get("salary_source")),
            "median_pay": entry.get("median_pay"),
            "median_pay_year": entry.get("median_pay_year"),
            "median_pay_source": self._source(entry.get("median_pay_source")),
            "remote": entry.get("remote", Role.Remote.ONSITE),
            "outlook": entry.get("outlook") or "",
            "outlook_source": self._source(entry.get("outlook_source")),
            "environment": entry.get("environment") or "",
            "schedule": entry.get("schedule") or "",
            "productivity": entry.get("productivity") or "",
            "accuracy": entry.get("accuracy") or "",
            "hire_source": self._source(entry.get("hire_source")),
        }

    def _sync_credential(self, credential: Credential, entry: dict):
        self.set_m2m(
            credential.supersedes,
            [self.credentials[slug] for slug in entry.get("supersedes", [])],
            f"credential {credential.slug} supersedes",
        )
        wanted = {date.fromisoformat(rule["effective"]): rule for rule in entry["rule_sets"]}
        self.delete_missing(
            credential.rule_sets.all(), wanted, f"{credential.slug} rule set", "effective"
        )
        for effective, rule in wanted.items():
            rule_set = self.upsert(
                RuleSet,
                f"{credential.slug}@{effective}",
                {
                    "source": self.sources[rule["source"]],
                    "effective_published": bool(rule.get("effective_published")),
                    "note": rule.get("note") or "",
                },
                credential=credential,
                effective=effective,
            )
            for strength in Route.Strength:
                self.sync_routes(
                    {"rule_set": rule_set, "strength": strength.value},
                    rule.get(strength.value, []),
                    f"{rule_set}, {strength.value}",
                )

    def _sync_role(self, role: Role, entry: dict, roles: dict[str, Role]):
        self.set_m2m(
            role.accrues,
            [self.kinds[slug] for slug in entry.get("accrues", [])],
            f"role {role.slug} accrues",
        )
        self.sync_routes({"hire_role": role}, entry.get("hire", []), f"role {role.slug} hire")
        moves = entry.get("moves", {})
        self.delete_missing(role.moves_out.all(), moves, f"{role.slug} move", "to_role__slug")
        for to_slug, move_entry in moves.items():
            move = self.upsert(
                Move,
                f"{role.slug}->{to_slug}",
                {
                    "kind": move_entry["kind"],
                    "typical_months": move_entry["typical_months"],
                    "source": self.sources[move_entry["source"]],
                    "note": move_entry.get("note") or "",
                },
                from_role=role,
                to_role=roles[to_slug],
            )
            self.sync_routes(
                {"move": move}, move_entry.get("requires", []), f"move {role.slug}->{to_slug}"
            )


def _normalise_route(route: dict) -> dict:
    """A route as export writes it, so a document route compares with a database one."""
    return {
        "education": route.get("education") or None,
        "programs": sorted(route.get("programs", [])),
        "credentials": sorted(route.get("credentials", [])),
        "licences": sorted(route.get("licences", [])),
        "experience": [
            {"kind": term["kind"], "months": term["months"]} for term in route.get("experience", [])
        ],
        "current_role_accrues": route.get("current_role_accrues"),
        "note": route.get("note") or "",
    }


def load_document(doc: dict) -> LoadReport:
    """Make the database hold exactly the (already validated) document."""
    with transaction.atomic(), one_version_bump():
        report = _Loader(doc).run()
    return report


def catalog_is_empty() -> bool:
    return not Role.objects.exists() and CatalogVersion.current() == 0
