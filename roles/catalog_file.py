"""Reading, checking and writing the catalog document (`roles/data/catalog.json`).

The format is described in docs/catalog-format.md. This module is pure Python (no Django
import) so that `manage.py load_catalog`, the models and the engine's file loader share one
set of rules and one set of enum values.

`validate()` checks the whole document and reports every problem at once, each naming the
file, the entry and the field:

    catalog.json: credentials.ccs.rule_sets[1].required[0].experience[0].kind:
        unknown experience kind 'codng'
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

FORMAT_VERSION = 1

# Ordered from lowest to highest: a route's "education" means "at least this level".
EDUCATION_LEVELS = ("none", "high-school", "associate", "bachelor", "master", "doctorate")
ROLE_LEVELS = ("entry", "mid", "senior", "lead", "manager", "director")
TRACKS = ("ladder", "specialisation", "lateral", "related")
SETTINGS = ("inpatient", "outpatient", "professional", "mixed", "revenue-cycle", "administration")
REMOTE = ("onsite", "hybrid", "remote")
MOVE_KINDS = ("promotion", "specialisation", "lateral")
ISSUERS = ("ahima", "aapc", "acdis")
EARNED_BY = ("exam", "grant")
RENEWAL_ANCHORS = ("pass-date", "membership-date")
PROGRAM_KINDS = ("certificate", "course", "associate", "bachelor", "post-bacc", "master")

SECTIONS = ("sources", "experience_kinds", "licences", "programs", "credentials", "roles")

SLUG_RE = re.compile(r"^[a-z0-9-]+$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
URL_PREFIXES = ("https://", "http://", "urn:")

# The empty value export writes for each optional key: "" for text, [] for lists,
# {} for the moves map, false for flags, null for everything else.
TEXT, LIST, MAP, NULL, FALSE = "", "list", "map", None, False

# Keys of each kind of object: the keys that must be present and not null, then the
# optional keys with their empty value. What the database cannot store empty (a program's
# duration, every rule set's, move's, exam's and renewal's source, a role's remote value)
# is required here, so that a document that validates always loads.
SCHEMAS: dict[str, tuple[tuple[str, ...], dict[str, str | None]]] = {
    "document": (("format", *SECTIONS), {"renewal_policies": MAP}),
    "source": (("url", "title", "as_of", "verified"), {"note": TEXT}),
    "experience_kind": (("name",), {"description": TEXT}),
    "licence": (("name",), {}),
    "program": (
        (
            "name",
            "kind",
            "months_min",
            "months_max",
            "months_typical",
            "duration_source",
            "work_while_studying",
        ),
        {
            "description": TEXT,
            "cost_min": NULL,
            "cost_max": NULL,
            "cost_source": NULL,
            "grants_level": NULL,
            "admission": LIST,
        },
    ),
    "credential": (
        ("acronym", "name", "issuer", "earned_by", "rule_sets"),
        {
            "description": TEXT,
            "scope": TEXT,
            "supersedes": LIST,
            "exam": NULL,
            "renewal": NULL,
            "apprentice": NULL,
        },
    ),
    "exam": (("source",), {"minutes": NULL, "items": NULL, "fee_usd": NULL, "fee_note": TEXT}),
    "renewal": (
        ("cycle_months", "source"),
        {"ceus": NULL, "note": TEXT, "subject_ceus": NULL, "subject": TEXT},
    ),
    "apprentice": (("source",), {"deadline_months": NULL, "note": TEXT}),
    "renewal_policy": (
        ("cycle_months", "anchor", "source"),
        {
            "shared": FALSE,
            "extra_ceus": NULL,
            "max_ceus": NULL,
            "prorate_first_period": FALSE,
            "issuer_share_percent": NULL,
            "issuer_share_from": NULL,
            "grace_days": NULL,
            "note": TEXT,
        },
    ),
    "rule_set": (
        ("effective", "source"),
        {"effective_published": FALSE, "note": TEXT, "required": LIST, "recommended": LIST},
    ),
    "route": (
        (),
        {
            "education": NULL,
            "programs": LIST,
            "credentials": LIST,
            "licences": LIST,
            "experience": LIST,
            "current_role_accrues": NULL,
            "note": TEXT,
        },
    ),
    "experience": (("kind", "months"), {}),
    "role": (
        ("title", "summary", "track", "level", "setting", "remote"),
        {
            "responsibilities": LIST,
            "code_sets": LIST,
            "salary_min": NULL,
            "salary_max": NULL,
            "salary_source": NULL,
            "median_pay": NULL,
            "median_pay_year": NULL,
            "median_pay_source": NULL,
            "outlook": TEXT,
            "outlook_source": NULL,
            "environment": TEXT,
            "schedule": TEXT,
            "productivity": TEXT,
            "accuracy": TEXT,
            "accrues": LIST,
            "hire": LIST,
            "hire_source": NULL,
            "moves": MAP,
        },
    ),
    "move": (("kind", "typical_months", "source"), {"requires": LIST, "note": TEXT}),
}

# The longest text the database stores for each capped field (characters).
SLUG_MAX_LENGTH = 60
MAX_LENGTHS = {
    "source.url": 500,
    "source.title": 200,
    "experience_kind.name": 100,
    "licence.name": 100,
    "program.name": 200,
    "credential.acronym": 20,
    "credential.name": 200,
    "credential.scope": 300,
    "exam.fee_note": 300,
    "renewal.note": 300,
    "renewal.subject": 60,
    "route.note": 300,
    "role.title": 120,
    "role.outlook": 300,
    "role.code_sets": 200,  # stored joined with ", "
}

# A route's conditions: a route must name at least one, or it would let anyone through
# (where nothing is needed, the requirement has no routes at all).
ROUTE_CONDITIONS = (
    "education",
    "programs",
    "credentials",
    "licences",
    "experience",
    "current_role_accrues",
)
EMPTY_ROUTE = (
    "the route names no condition, so it would let anyone through: give it one, or leave "
    "the route out (a requirement with no routes needs nothing)"
)
MOVE_WITHOUT_TIME = "must be at least 1: a move takes some time in the first role"

# What a slug in each section is called in messages.
_LABELS = {
    "sources": "source",
    "experience_kinds": "experience kind",
    "licences": "licence",
    "programs": "program",
    "credentials": "credential",
    "roles": "role",
}


class CatalogFileError(ValueError):
    """The catalog document cannot be used; `problems` lists every reason."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def load_document(path: str | Path) -> Any:
    """Read a catalog file as JSON (without validating it)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise CatalogFileError([f"{path}: not UTF-8 text ({error.reason})"]) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        problem = f"{path}: line {error.lineno}, column {error.colno}: invalid JSON: {error.msg}"
        raise CatalogFileError([problem]) from None


def dump_document(doc: dict) -> str:
    """The canonical text of a document: what export writes and the shipped file holds."""
    return json.dumps(doc, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def validate(doc: Any, *, path: str = "catalog.json") -> None:
    """Raise CatalogFileError listing every problem in `doc`; return None if there are none."""
    checker = _Checker(doc, str(path))
    checker.check_document()
    if checker.problems:
        raise CatalogFileError(checker.problems)


def normalise(doc: dict) -> dict:
    """A copy of a valid document in the shape export writes.

    Every optional key is written with its empty value; the unordered lists (a route's
    programs, credentials and licences, a credential's supersedes, a role's accrues) are
    sorted; rule sets run by effective date. `normalise(doc) == doc` means the file comes
    back unchanged from load -> export.
    """
    result = {"format": doc["format"]}
    plans = {
        "sources": lambda entry: _fill("source", entry),
        "experience_kinds": lambda entry: _fill("experience_kind", entry),
        "licences": lambda entry: _fill("licence", entry),
        "programs": _normalise_program,
        "credentials": _normalise_credential,
        "roles": _normalise_role,
    }
    for section, normalise_entry in plans.items():
        result[section] = {slug: normalise_entry(entry) for slug, entry in doc[section].items()}
    result["renewal_policies"] = {
        issuer: _fill("renewal_policy", policy)
        for issuer, policy in (doc.get("renewal_policies") or {}).items()
    }
    return result


def _empty(kind: str | None) -> Any:
    if kind == LIST:
        return []
    if kind == MAP:
        return {}
    return kind


def _fill(schema: str, entry: dict) -> dict:
    """A copy of `entry` with each optional key that is missing or null set to its empty value."""
    _, optional = SCHEMAS[schema]
    filled = dict(entry)
    for key, kind in optional.items():
        if filled.get(key) is None:
            filled[key] = _empty(kind)
    return filled


def _normalise_routes(routes: list | None) -> list:
    normalised = []
    for route in routes or []:
        filled = _fill("route", route)
        for key in ("programs", "credentials", "licences"):
            filled[key] = sorted(filled[key])
        filled["experience"] = [dict(item) for item in filled["experience"]]
        normalised.append(filled)
    return normalised


def _normalise_program(entry: dict) -> dict:
    program = _fill("program", entry)
    program["admission"] = _normalise_routes(program["admission"])
    return program


def _normalise_credential(entry: dict) -> dict:
    credential = _fill("credential", entry)
    credential["supersedes"] = sorted(credential["supersedes"])
    if credential["exam"] is not None:
        credential["exam"] = _fill("exam", credential["exam"])
    if credential["renewal"] is not None:
        credential["renewal"] = _fill("renewal", credential["renewal"])
    if credential["apprentice"] is not None:
        credential["apprentice"] = _fill("apprentice", credential["apprentice"])
    rule_sets = [
        {
            **_fill("rule_set", rule_set),
            "required": _normalise_routes(rule_set.get("required")),
            "recommended": _normalise_routes(rule_set.get("recommended")),
        }
        for rule_set in entry["rule_sets"]
    ]
    credential["rule_sets"] = sorted(rule_sets, key=lambda rule_set: rule_set["effective"])
    return credential


def _normalise_role(entry: dict) -> dict:
    role = _fill("role", entry)
    role["accrues"] = sorted(role["accrues"])
    role["hire"] = _normalise_routes(role["hire"])
    role["moves"] = {
        target: {**_fill("move", move), "requires": _normalise_routes(move.get("requires"))}
        for target, move in role["moves"].items()
    }
    return role


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    return "an object"


class _Checker:
    """Walks a document, collecting one message per problem."""

    def __init__(self, doc: Any, path: str) -> None:
        self.doc = doc
        self.path = path
        self.problems: list[str] = []
        self.slugs: dict[str, set[str]] = {section: set() for section in SECTIONS}

    def problem(self, where: str, message: str) -> None:
        self.problems.append(
            f"{self.path}: {where}: {message}" if where else f"{self.path}: {message}"
        )

    # -- structure -----------------------------------------------------------------------

    def check_document(self) -> None:
        if not self.keys("", self.doc, "document"):
            return
        if "format" in self.doc and self.doc["format"] != FORMAT_VERSION:
            self.problem(
                "format", f"unsupported format {self.doc['format']!r} (expected {FORMAT_VERSION})"
            )
        sections = {}
        for section in SECTIONS:
            if section not in self.doc:
                continue  # reported by keys()
            entries = self.doc[section]
            if not isinstance(entries, dict):
                self.problem(section, f"expected an object keyed by slug, got {_describe(entries)}")
                continue
            sections[section] = entries
            self.slugs[section] = set(entries)
        checks = {
            "sources": self.check_source,
            "experience_kinds": self.check_experience_kind,
            "licences": self.check_licence,
            "programs": self.check_program,
            "credentials": self.check_credential,
            "roles": self.check_role,
        }
        self.check_renewal_policies(self.doc.get("renewal_policies"))
        for section, entries in sections.items():
            for slug, entry in entries.items():
                where = f"{section}.{slug}"
                if not SLUG_RE.match(slug):
                    self.problem(
                        where, f"invalid slug {slug!r} (use lower-case letters, digits and hyphens)"
                    )
                elif len(slug) > SLUG_MAX_LENGTH:
                    self.problem(where, f"slug is longer than {SLUG_MAX_LENGTH} characters")
                checks[section](where, slug, entry)

    def keys(self, where: str, value: Any, schema: str) -> bool:
        """Check that `value` is an object with the schema's keys; False if not an object."""
        if not isinstance(value, dict):
            self.problem(where, f"expected an object, got {_describe(value)}")
            return False
        required, optional = SCHEMAS[schema]
        prefix = f"{where}." if where else ""
        for key in required:
            if key not in value:
                self.problem(f"{prefix}{key}", "missing required key")
            elif value[key] is None:
                self.problem(f"{prefix}{key}", "must not be null")
        for key in value:
            if key not in required and key not in optional:
                self.problem(f"{prefix}{key}", f"unknown key {key!r}")
        return True

    # -- values --------------------------------------------------------------------------

    def text(
        self, where: str, value: Any, *, non_empty: bool = False, cap: str | None = None
    ) -> None:
        """Text, optionally non-empty and no longer than MAX_LENGTHS[cap]."""
        if value is None:
            return
        if not isinstance(value, str):
            self.problem(where, f"expected text, got {_describe(value)}")
        elif non_empty and not value.strip():
            self.problem(where, "must not be empty")
        elif cap and len(value) > MAX_LENGTHS[cap]:
            self.problem(
                where, f"is {len(value)} characters long; the most allowed is {MAX_LENGTHS[cap]}"
            )

    def text_list(self, where: str, value: Any, *, forbidden: str) -> list:
        """A list of non-empty texts, none containing `forbidden` (the storage separator)."""
        items = self.listed(where, value)
        for index, item in enumerate(items):
            self.text(f"{where}[{index}]", item, non_empty=True)
            if isinstance(item, str) and forbidden in item:
                self.problem(f"{where}[{index}]", f"must not contain {forbidden!r}")
        return items

    def boolean(self, where: str, value: Any) -> None:
        if value is not None and not isinstance(value, bool):
            self.problem(where, f"expected true or false, got {_describe(value)}")

    def count(self, where: str, value: Any) -> int | None:
        """A whole, non-negative number (months, dollars, minutes); None if absent or bad."""
        if value is None:
            return None
        if not _is_int(value):
            self.problem(where, f"expected a whole number, got {_describe(value)}")
            return None
        if value < 0:
            self.problem(where, f"must not be negative, got {value}")
            return None
        return value

    def day(self, where: str, value: Any) -> date | None:
        if value is None:
            return None
        if isinstance(value, str) and DATE_RE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.problem(where, f"expected a date as YYYY-MM-DD, got {_describe(value)}")
        return None

    def choice(self, where: str, value: Any, choices: tuple[str, ...], label: str) -> None:
        if value is None:
            return
        if not isinstance(value, str) or value not in choices:
            self.problem(
                where,
                f"unknown {label} {value!r} (expected one of: {', '.join(choices)})"
                if isinstance(value, str)
                else f"expected a {label}, got {_describe(value)}",
            )

    def ref(self, where: str, value: Any, section: str) -> None:
        if value is None:
            return
        label = _LABELS[section]
        if not isinstance(value, str):
            self.problem(where, f"expected a {label} slug, got {_describe(value)}")
        elif value not in self.slugs[section]:
            self.problem(where, f"unknown {label} {value!r}")

    def ref_list(self, where: str, value: Any, section: str) -> list:
        items = self.listed(where, value)
        for index, item in enumerate(items):
            self.ref(f"{where}[{index}]", item, section)
        return items

    def listed(self, where: str, value: Any) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(where, f"expected a list, got {_describe(value)}")
            return []
        return value

    def min_max(self, where: str, entry: dict, low_key: str, high_key: str) -> None:
        low, high = entry.get(low_key), entry.get(high_key)
        if _is_int(low) and _is_int(high) and low > high:
            self.problem(f"{where}.{low_key}", f"{low_key} {low} is more than {high_key} {high}")

    # -- entries -------------------------------------------------------------------------

    def check_source(self, where: str, slug: str, entry: Any) -> None:
        if not self.keys(where, entry, "source"):
            return
        url = entry.get("url")
        self.text(f"{where}.url", url, non_empty=True, cap="source.url")
        if isinstance(url, str) and url.strip() and not url.startswith(URL_PREFIXES):
            self.problem(f"{where}.url", f"expected a web address or urn:, got {url!r}")
        self.text(f"{where}.title", entry.get("title"), non_empty=True, cap="source.title")
        self.day(f"{where}.as_of", entry.get("as_of"))
        self.boolean(f"{where}.verified", entry.get("verified"))
        self.text(f"{where}.note", entry.get("note"))

    def check_experience_kind(self, where: str, slug: str, entry: Any) -> None:
        if self.keys(where, entry, "experience_kind"):
            self.text(
                f"{where}.name", entry.get("name"), non_empty=True, cap="experience_kind.name"
            )
            self.text(f"{where}.description", entry.get("description"))

    def check_licence(self, where: str, slug: str, entry: Any) -> None:
        if self.keys(where, entry, "licence"):
            self.text(f"{where}.name", entry.get("name"), non_empty=True, cap="licence.name")

    def check_program(self, where: str, slug: str, entry: Any) -> None:
        if not self.keys(where, entry, "program"):
            return
        self.text(f"{where}.name", entry.get("name"), non_empty=True, cap="program.name")
        self.choice(f"{where}.kind", entry.get("kind"), PROGRAM_KINDS, "program kind")
        self.text(f"{where}.description", entry.get("description"))
        months = {
            key: self.count(f"{where}.{key}", entry.get(key))
            for key in ("months_min", "months_max", "months_typical")
        }
        self.min_max(where, entry, "months_min", "months_max")
        typical, low, high = months["months_typical"], months["months_min"], months["months_max"]
        if None not in (typical, low, high) and low <= high and not low <= typical <= high:
            self.problem(
                f"{where}.months_typical",
                f"months_typical {typical} is outside months_min..months_max ({low}..{high})",
            )
        self.ref(f"{where}.duration_source", entry.get("duration_source"), "sources")
        self.count(f"{where}.cost_min", entry.get("cost_min"))
        self.count(f"{where}.cost_max", entry.get("cost_max"))
        self.min_max(where, entry, "cost_min", "cost_max")
        self.ref(f"{where}.cost_source", entry.get("cost_source"), "sources")
        self.choice(
            f"{where}.grants_level", entry.get("grants_level"), EDUCATION_LEVELS, "education level"
        )
        self.boolean(f"{where}.work_while_studying", entry.get("work_while_studying"))
        self.routes(f"{where}.admission", entry.get("admission"))

    def check_credential(self, where: str, slug: str, entry: Any) -> None:
        if not self.keys(where, entry, "credential"):
            return
        self.text(
            f"{where}.acronym", entry.get("acronym"), non_empty=True, cap="credential.acronym"
        )
        self.text(f"{where}.name", entry.get("name"), non_empty=True, cap="credential.name")
        self.choice(f"{where}.issuer", entry.get("issuer"), ISSUERS, "issuer")
        self.text(f"{where}.description", entry.get("description"))
        self.text(f"{where}.scope", entry.get("scope"), cap="credential.scope")
        self.choice(f"{where}.earned_by", entry.get("earned_by"), EARNED_BY, "earned_by value")
        supersedes = self.ref_list(f"{where}.supersedes", entry.get("supersedes"), "credentials")
        if slug in supersedes:
            index = supersedes.index(slug)
            self.problem(f"{where}.supersedes[{index}]", "a credential cannot supersede itself")
        self.exam(f"{where}.exam", entry.get("exam"))
        self.renewal(f"{where}.renewal", entry.get("renewal"))
        self.apprentice(f"{where}.apprentice", entry.get("apprentice"))
        rule_sets = self.listed(f"{where}.rule_sets", entry.get("rule_sets"))
        if "rule_sets" in entry and isinstance(entry["rule_sets"], list) and not rule_sets:
            self.problem(f"{where}.rule_sets", "needs at least one rule set")
        seen: dict[date, int] = {}
        for index, rule_set in enumerate(rule_sets):
            effective = self.rule_set(f"{where}.rule_sets[{index}]", rule_set)
            if effective is None:
                continue
            if effective in seen:
                self.problem(
                    f"{where}.rule_sets[{index}].effective",
                    f"rule_sets[{seen[effective]}] already takes effect on {effective.isoformat()}",
                )
            else:
                seen[effective] = index

    def exam(self, where: str, exam: Any) -> None:
        if exam is None or not self.keys(where, exam, "exam"):
            return
        for key in ("minutes", "items", "fee_usd"):
            self.count(f"{where}.{key}", exam.get(key))
        self.text(f"{where}.fee_note", exam.get("fee_note"), cap="exam.fee_note")
        self.ref(f"{where}.source", exam.get("source"), "sources")

    def renewal(self, where: str, renewal: Any) -> None:
        if renewal is None or not self.keys(where, renewal, "renewal"):
            return
        self.count(f"{where}.cycle_months", renewal.get("cycle_months"))
        self.count(f"{where}.ceus", renewal.get("ceus"))
        self.text(f"{where}.note", renewal.get("note"), cap="renewal.note")
        self.ref(f"{where}.source", renewal.get("source"), "sources")
        subject_ceus = self.count(f"{where}.subject_ceus", renewal.get("subject_ceus"))
        self.text(f"{where}.subject", renewal.get("subject"), cap="renewal.subject")
        if subject_ceus is not None and not (renewal.get("subject") or "").strip():
            self.problem(f"{where}.subject", "name the subject those subject_ceus must be in")

    def apprentice(self, where: str, apprentice: Any) -> None:
        if apprentice is None or not self.keys(where, apprentice, "apprentice"):
            return
        self.count(f"{where}.deadline_months", apprentice.get("deadline_months"))
        self.text(f"{where}.note", apprentice.get("note"))
        self.ref(f"{where}.source", apprentice.get("source"), "sources")

    def check_renewal_policies(self, policies: Any) -> None:
        """The per-issuer renewal policies: `{"ahima": {...}, ...}`."""
        if policies is None:
            return
        if not isinstance(policies, dict):
            self.problem(
                "renewal_policies",
                f"expected an object keyed by issuer, got {_describe(policies)}",
            )
            return
        for issuer, policy in policies.items():
            where = f"renewal_policies.{issuer}"
            if issuer not in ISSUERS:
                self.problem(
                    where, f"unknown issuer {issuer!r} (expected one of: {', '.join(ISSUERS)})"
                )
            if not self.keys(where, policy, "renewal_policy"):
                continue
            if self.count(f"{where}.cycle_months", policy.get("cycle_months")) == 0:
                self.problem(f"{where}.cycle_months", "must be at least 1")
            self.choice(f"{where}.anchor", policy.get("anchor"), RENEWAL_ANCHORS, "anchor")
            for key in ("extra_ceus", "max_ceus", "grace_days"):
                self.count(f"{where}.{key}", policy.get(key))
            for key in ("shared", "prorate_first_period"):
                self.boolean(f"{where}.{key}", policy.get(key))
            share = self.count(f"{where}.issuer_share_percent", policy.get("issuer_share_percent"))
            if share is not None and share > 100:
                self.problem(f"{where}.issuer_share_percent", f"is {share}; a share is at most 100")
            self.day(f"{where}.issuer_share_from", policy.get("issuer_share_from"))
            if (policy.get("issuer_share_percent") is None) != (
                policy.get("issuer_share_from") is None
            ):
                self.problem(
                    f"{where}.issuer_share_from",
                    "give issuer_share_percent and issuer_share_from together",
                )
            self.ref(f"{where}.source", policy.get("source"), "sources")
            self.text(f"{where}.note", policy.get("note"))

    def rule_set(self, where: str, rule_set: Any) -> date | None:
        if not self.keys(where, rule_set, "rule_set"):
            return None
        self.ref(f"{where}.source", rule_set.get("source"), "sources")
        self.boolean(f"{where}.effective_published", rule_set.get("effective_published"))
        self.text(f"{where}.note", rule_set.get("note"))
        self.routes(f"{where}.required", rule_set.get("required"))
        self.routes(f"{where}.recommended", rule_set.get("recommended"))
        return self.day(f"{where}.effective", rule_set.get("effective"))

    def routes(self, where: str, routes: Any) -> None:
        for index, route in enumerate(self.listed(where, routes)):
            self.route(f"{where}[{index}]", route)

    def route(self, where: str, route: Any) -> None:
        if not self.keys(where, route, "route"):
            return
        self.choice(
            f"{where}.education", route.get("education"), EDUCATION_LEVELS, "education level"
        )
        self.ref_list(f"{where}.programs", route.get("programs"), "programs")
        self.ref_list(f"{where}.credentials", route.get("credentials"), "credentials")
        self.ref_list(f"{where}.licences", route.get("licences"), "licences")
        for index, item in enumerate(self.listed(f"{where}.experience", route.get("experience"))):
            item_where = f"{where}.experience[{index}]"
            if self.keys(item_where, item, "experience"):
                self.ref(f"{item_where}.kind", item.get("kind"), "experience_kinds")
                self.count(f"{item_where}.months", item.get("months"))
        self.ref(
            f"{where}.current_role_accrues", route.get("current_role_accrues"), "experience_kinds"
        )
        self.text(f"{where}.note", route.get("note"), cap="route.note")
        if not any(route.get(key) for key in ROUTE_CONDITIONS):
            self.problem(where, EMPTY_ROUTE)

    def check_role(self, where: str, slug: str, entry: Any) -> None:
        if not self.keys(where, entry, "role"):
            return
        self.text(f"{where}.title", entry.get("title"), non_empty=True, cap="role.title")
        self.text(f"{where}.summary", entry.get("summary"), non_empty=True)
        self.text_list(f"{where}.responsibilities", entry.get("responsibilities"), forbidden="\n")
        self.choice(f"{where}.track", entry.get("track"), TRACKS, "track")
        self.choice(f"{where}.level", entry.get("level"), ROLE_LEVELS, "level")
        self.choice(f"{where}.setting", entry.get("setting"), SETTINGS, "setting")
        code_sets = self.text_list(f"{where}.code_sets", entry.get("code_sets"), forbidden=",")
        if all(isinstance(code, str) for code in code_sets):
            self.text(f"{where}.code_sets", ", ".join(code_sets), cap="role.code_sets")
        self.count(f"{where}.salary_min", entry.get("salary_min"))
        self.count(f"{where}.salary_max", entry.get("salary_max"))
        self.min_max(where, entry, "salary_min", "salary_max")
        self.ref(f"{where}.salary_source", entry.get("salary_source"), "sources")
        self.count(f"{where}.median_pay", entry.get("median_pay"))
        self.count(f"{where}.median_pay_year", entry.get("median_pay_year"))
        self.ref(f"{where}.median_pay_source", entry.get("median_pay_source"), "sources")
        if entry.get("median_pay") is not None and entry.get("median_pay_year") is None:
            self.problem(f"{where}.median_pay_year", "a median pay needs the year it is for")
        self.choice(f"{where}.remote", entry.get("remote"), REMOTE, "remote value")
        self.text(f"{where}.outlook", entry.get("outlook"), cap="role.outlook")
        self.ref(f"{where}.outlook_source", entry.get("outlook_source"), "sources")
        for key in ("environment", "schedule", "productivity", "accuracy"):
            self.text(f"{where}.{key}", entry.get(key))
        self.ref_list(f"{where}.accrues", entry.get("accrues"), "experience_kinds")
        self.routes(f"{where}.hire", entry.get("hire"))
        self.ref(f"{where}.hire_source", entry.get("hire_source"), "sources")
        moves = entry.get("moves")
        if moves is None:
            return
        if not isinstance(moves, dict):
            self.problem(
                f"{where}.moves", f"expected an object keyed by role slug, got {_describe(moves)}"
            )
            return
        for target, move in moves.items():
            move_where = f"{where}.moves.{target}"
            if target == slug:
                self.problem(move_where, "a role cannot move to itself")
            elif target not in self.slugs["roles"]:
                self.problem(move_where, f"unknown role {target!r}")
            if not self.keys(move_where, move, "move"):
                continue
            self.choice(f"{move_where}.kind", move.get("kind"), MOVE_KINDS, "move kind")
            if self.count(f"{move_where}.typical_months", move.get("typical_months")) == 0:
                self.problem(f"{move_where}.typical_months", MOVE_WITHOUT_TIME)
            self.routes(f"{move_where}.requires", move.get("requires"))
            self.ref(f"{move_where}.source", move.get("source"), "sources")
            self.text(f"{move_where}.note", move.get("note"))
