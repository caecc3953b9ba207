"""Forms: the public role filter, and the admin's route form with its experience field."""

from __future__ import annotations

import json
import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import InlineForeignKeyField

from .catalog_file import CatalogFileError, validate
from .integrity import problems as integrity_problems
from .models import ExperienceKind, Role, Route, RouteExperience, one_line_ending


class RoleFilterForm(forms.Form):
    """The role list's filters: a plain GET form; blank means any.

    Given `roles`, each list offers only the values some role has, so that no option
    matches nothing.
    """

    level = forms.ChoiceField(
        label="Career stage", choices=[("", "Any stage"), *Role.Level.choices], required=False
    )
    track = forms.ChoiceField(
        label="Kind of role", choices=[("", "Any kind"), *Role.Track.choices], required=False
    )
    setting = forms.ChoiceField(
        label="Where you work",
        choices=[("", "Anywhere"), *Role.Setting.choices],
        required=False,
    )

    def __init__(self, *args, roles=None, **kwargs):
        super().__init__(*args, **kwargs)
        if roles is None:
            return
        present = {name: set() for name in self.fields}
        for values in roles.values_list(*self.fields).distinct():
            for name, value in zip(self.fields, values, strict=True):
                present[name].add(value)
        for name, field in self.fields.items():
            field.choices = [
                (v, label) for v, label in field.choices if not v or v in present[name]
            ]


# The admin -------------------------------------------------------------------------------

TERM = re.compile(
    r"^(?P<number>\d+)\s*(?P<unit>months?|mos?|years?|yrs?)?\s+(?:of\s+)?(?P<kind>.+)$",
    re.IGNORECASE,
)
MAX_MONTHS = 32767  # PositiveSmallIntegerField


class ExperienceField(forms.CharField):
    """Experience terms typed as text, "24 months coding; 12 months cdi".

    Cleans to a list of (ExperienceKind, months). Terms are separated by semicolons or
    new lines; "2 years coding" means 24 months; a kind is named by its slug or its name.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Experience (all of)")
        kwargs.setdefault(
            "help_text",
            'Months of each kind, all needed together, separated by semicolons: "24 months '
            'coding; 12 months cdi". Leave blank if no experience is needed.',
        )
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 28}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        terms = [term.strip() for term in re.split(r"[;\n]", text) if term.strip()]
        if not terms:
            return []
        kinds = {}
        for kind in ExperienceKind.objects.all():
            kinds[kind.slug.lower()] = kinds[kind.name.lower()] = kind
        errors, parsed, seen = [], [], set()
        for term in terms:
            match = TERM.match(term)
            if not match:
                errors.append(f"“{term}” is not understood: write it like “24 months coding”.")
                continue
            kind = kinds.get(match["kind"].strip().lower())
            if kind is None:
                known = ", ".join(sorted({k.slug for k in kinds.values()}))
                errors.append(
                    f"“{match['kind']}” is not a kind of experience. Use one of: {known}."
                )
                continue
            months = int(match["number"])
            if (match["unit"] or "m").lower().startswith("y"):
                months *= 12
            if not 0 < months <= MAX_MONTHS:
                errors.append(f"“{term}”: give a number of months between 1 and {MAX_MONTHS}.")
            elif kind.pk in seen:
                errors.append(f"{kind.name} is given twice: give it once, with its total.")
            else:
                seen.add(kind.pk)
                parsed.append((kind, months))
        if errors:
            raise ValidationError(errors)
        return parsed


class TextField(forms.CharField):
    """A text area whose lines end in \\n whatever the browser posts, so that saving an
    unchanged page changes nothing (and the history records no change)."""

    def to_python(self, value):
        return one_line_ending(super().to_python(value))


def experience_text(route: Route) -> str:
    return "; ".join(f"{term.months} months {term.kind.slug}" for term in route.experience.all())


class InlineConstraintsForm(forms.ModelForm):
    """Checks the constraints that involve the parent row, which inline forms skip.

    Django leaves the inline foreign key out of model validation (the parent may not be
    saved yet), so a constraint naming it, such as "a role cannot lead to itself", would
    only fail in the database, as a server error. Once the parent exists, check it here.
    """

    def _post_clean(self):
        super()._post_clean()
        parent = next(
            (name for name, f in self.fields.items() if isinstance(f, InlineForeignKeyField)),
            None,
        )
        if parent is None or self.errors:
            return  # not inline, or the first pass already reports a problem
        if getattr(self.instance, self.instance._meta.get_field(parent).attname) is None:
            return  # a new parent: nothing in the database can clash with it yet
        outside_form = {
            field.name for field in self.instance._meta.fields if field.name not in self.fields
        }
        try:
            self.instance.validate_constraints(exclude=outside_form)
        except ValidationError as error:
            self.add_error(None, error)


class RouteForm(InlineConstraintsForm):
    """A route with its experience terms as one text field, so they need no page of their own."""

    experience = ExperienceField()

    class Meta:
        model = Route
        fields = (
            *("rule_set", "strength", "move", "hire_role", "admission_program"),
            *("education", "programs", "credentials", "licences", "experience"),
            *("current_role_accrues", "note", "position"),
        )
        labels = {"current_role_accrues": "Currently working in", "position": "Order"}
        help_texts = {"position": "Routes are listed in this order."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["experience"].initial = experience_text(self.instance)

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned  # a field the editor typed could not be read: that error first
        conditions = ("education", "programs", "credentials", "licences", "experience")
        if not any(cleaned.get(name) for name in (*conditions, "current_role_accrues")):
            raise ValidationError(
                "This route names no condition, so it would let anyone through. Give it at "
                "least one (education, a program, a credential, a license, experience or a "
                "current role), or delete it; where nothing is needed, leave no route at all.",
                code="empty_route",
            )
        return cleaned

    def _save_m2m(self):
        super()._save_m2m()
        self.save_experience()

    def save_experience(self) -> None:
        """Make the route's RouteExperience rows say what the field says, touching only changes."""
        wanted = {kind.pk: months for kind, months in self.cleaned_data.get("experience", [])}
        for term in self.instance.experience.all():
            months = wanted.pop(term.kind_id, None)
            if months is None:
                term.delete()
            elif months != term.months:
                term.months = months
                term.save()
        for kind_id, months in wanted.items():  # one by one, so each is in the history
            RouteExperience.objects.create(route=self.instance, kind_id=kind_id, months=months)


class RuleSetRouteForm(RouteForm):
    """A route of a credential's rule set: it must say whether it is required or advised."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["strength"].required = True


class CatalogFileForm(forms.Form):
    """The whole catalog file, uploaded in the admin; checked as `load_catalog` checks it."""

    file = forms.FileField(label="Catalog file (JSON)")

    def problems(self) -> list[str]:
        """Every reason the file cannot be loaded, as `load_catalog` and the check give them."""
        upload = self.cleaned_data["file"]
        self.file_name = upload.name
        try:
            self.document = json.loads(upload.read().decode("utf-8"))
        except UnicodeDecodeError:
            return [f"{upload.name}: not UTF-8 text"]
        except json.JSONDecodeError as error:
            return [f"{upload.name}: line {error.lineno}, column {error.colno}: {error.msg}"]
        try:
            validate(self.document, path=upload.name)
        except CatalogFileError as error:
            return error.problems
        return integrity_problems(self.document, today=date.today())
