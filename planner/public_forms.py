"""The signed-out forms: "where am I now", a target, and the paths of a comparison.

All are GET forms: the whole question is in the URL, so a result can be bookmarked and
shared. Choices come from the engine's catalog snapshot (no queries of their own).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from roles.models import EducationLevel

from .compare import PathSpec
from .engine import Catalog

MAX_MONTHS = 600  # fifty years of experience is more than anyone brings
MAX_PATHS = 4
PATH_PREFIXES = tuple(f"p{n}" for n in range(1, MAX_PATHS + 1))


def target_choices(catalog: Catalog, blank: str) -> list:
    roles = sorted(catalog.roles.values(), key=lambda role: role.title)
    credentials = sorted(catalog.credentials.values(), key=lambda c: c.acronym)
    return [
        ("", blank),
        ("Roles", [(f"role:{role.slug}", role.title) for role in roles]),
        (
            "Credentials",
            [(f"credential:{c.slug}", f"{c.acronym} — {c.name}") for c in credentials],
        ),
    ]


class SituationForm(forms.Form):
    """Where am I now: education, credentials held, months of experience by kind, role."""

    education = forms.ChoiceField(
        label="Highest education", choices=EducationLevel.choices, initial="high-school"
    )
    credentials = forms.MultipleChoiceField(
        label="Credentials you hold", required=False, widget=forms.CheckboxSelectMultiple
    )
    role = forms.ChoiceField(label="Your job now", required=False)

    def __init__(self, *args, catalog: Catalog, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        self.fields["credentials"].choices = [
            (c.slug, f"{c.acronym} ({c.name})")
            for c in sorted(catalog.credentials.values(), key=lambda c: c.acronym)
        ]
        self.fields["role"].choices = [
            ("", "None of these / no job yet"),
            *((r.slug, r.title) for r in sorted(catalog.roles.values(), key=lambda r: r.title)),
        ]
        for kind, name in catalog.experience_kinds.items():
            self.fields[self.months_field(kind)] = forms.IntegerField(
                label=f"{name}: months", required=False, min_value=0, max_value=MAX_MONTHS
            )

    @staticmethod
    def months_field(kind: str) -> str:
        return f"months_{kind}"

    def experience_fields(self) -> list[forms.BoundField]:
        return [self[self.months_field(kind)] for kind in self.catalog.experience_kinds]

    def situation_fields(self) -> list[forms.BoundField]:
        return [self["education"], self["role"]]

    @classmethod
    def initial_from(cls, situation: dict[str, Any]) -> dict[str, Any]:
        """Form initial data for a situation mapping (the inverse of `situation()`)."""
        initial = {
            name: situation[name]
            for name in ("education", "credentials", "role")
            if name in situation
        }
        for kind, months in (situation.get("experience") or {}).items():
            initial[cls.months_field(kind)] = months
        return initial

    def situation(self) -> dict[str, Any]:
        """The cleaned situation as an engine request mapping."""
        data = self.cleaned_data
        experience = {
            kind: data[self.months_field(kind)]
            for kind in self.catalog.experience_kinds
            if data.get(self.months_field(kind))
        }
        return {
            "education": data["education"],
            "credentials": list(data["credentials"]),
            "experience": experience,
            "role": data["role"] or None,
        }


class StartField(forms.DateField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label="Starting",
            required=False,
            widget=forms.DateInput(attrs={"type": "date"}),
            help_text="Kept in the address, so a shared link plans from the same date.",
            **kwargs,
        )


class PlanForm(SituationForm):
    """The short "plan my path" form: the situation, a target and a start date."""

    target = forms.ChoiceField(label="Where do you want to get to?")
    start = StartField()

    def __init__(self, *args, catalog: Catalog, **kwargs) -> None:
        super().__init__(*args, catalog=catalog, **kwargs)
        self.fields["target"].choices = target_choices(catalog, "Choose a role or credential")

    def request(self, today: date) -> dict[str, Any]:
        spec = PathSpec(self.cleaned_data["target"])
        data = spec.request(self.situation())
        data["start"] = (self.cleaned_data["start"] or today).isoformat()
        return data


class PathForm(forms.Form):
    """One path of a comparison: a target and the options to get there."""

    target = forms.ChoiceField(label="Target", required=False)
    via = forms.MultipleChoiceField(
        label="Go through", required=False, widget=forms.CheckboxSelectMultiple
    )
    avoid = forms.MultipleChoiceField(
        label="Avoid these programs", required=False, widget=forms.CheckboxSelectMultiple
    )
    readiness = forms.ChoiceField(
        label="Pace",
        choices=[
            ("recommended", "Wait for the recommended readiness"),
            ("required", "Only the required gates"),
        ],
        initial="recommended",
        required=False,
    )
    study_while_working = forms.BooleanField(label="Study while working", required=False)

    def __init__(self, *args, catalog: Catalog, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        programs = sorted(catalog.programs.values(), key=lambda program: program.name)
        credentials = sorted(catalog.credentials.values(), key=lambda c: c.acronym)
        self.fields["target"].choices = target_choices(catalog, "No path here")
        self.fields["via"].choices = [
            *((f"program:{p.slug}", p.name) for p in programs),
            *((f"credential:{c.slug}", f"the {c.acronym}") for c in credentials),
        ]
        self.fields["avoid"].choices = [(p.slug, p.name) for p in programs]

    def spec(self) -> PathSpec | None:
        data = self.cleaned_data
        if not data.get("target"):
            return None
        return PathSpec(
            target=data["target"],
            via=tuple(data["via"]),
            avoid=tuple(data["avoid"]),
            readiness=data["readiness"] or "recommended",
            study_while_working=data["study_while_working"],
        )


def path_forms(data, catalog: Catalog, initial: list[dict] | None = None) -> list[PathForm]:
    initial = initial or []
    return [
        PathForm(
            data,
            prefix=prefix,
            catalog=catalog,
            initial=initial[i] if i < len(initial) else None,
        )
        for i, prefix in enumerate(PATH_PREFIXES)
    ]


def path_query(spec: PathSpec, prefix: str = "") -> list[tuple[str, str]]:
    """The GET parameters of one path (prefixed "p1-" ... in a comparison), to build an
    address that asks the same question."""
    name = f"{prefix}-" if prefix else ""
    pairs = [(f"{name}target", spec.target)]
    pairs += [(f"{name}via", ref) for ref in spec.via]
    pairs += [(f"{name}avoid", slug) for slug in spec.avoid]
    pairs.append((f"{name}readiness", spec.readiness))
    if spec.study_while_working:
        pairs.append((f"{name}study_while_working", "on"))
    return pairs


def situation_query(situation: dict[str, Any], start: date | None = None) -> list[tuple[str, str]]:
    """The GET parameters of a situation (and start date), as the forms above read them."""
    pairs = [("education", situation.get("education") or "none")]
    pairs += [("credentials", slug) for slug in situation.get("credentials") or ()]
    pairs += [
        (SituationForm.months_field(kind), str(months))
        for kind, months in (situation.get("experience") or {}).items()
    ]
    if situation.get("role"):
        pairs.append(("role", situation["role"]))
    if start:
        pairs.append(("start", start.isoformat()))
    return pairs
