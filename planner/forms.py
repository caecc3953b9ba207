"""The situation form and its three row formsets, the plan form, the what-if form.

Catalog choices come from the engine's catalog snapshot (one query for its version),
passed to each form once: a formset of many rows does not query per row.
"""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from .engine import Catalog
from .models import CompletedProgram, HeldCredential, Plan, Position, Profile, Readiness

EARLIEST = date(1950, 1, 1)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def check_past(value: date | None, what: str) -> None:
    """Something already done: not in the future, not before 1950."""
    if value is None:
        return
    if value > timezone.localdate():
        raise forms.ValidationError(f"{what} is in the future: give the date it happened.")
    if value < EARLIEST:
        raise forms.ValidationError(f"{what} is before 1950: check the year.")


def role_choices(catalog: Catalog) -> list[tuple[str, str]]:
    return sorted(((slug, role.title) for slug, role in catalog.roles.items()), key=_label)


def program_choices(catalog: Catalog) -> list[tuple[str, str]]:
    return sorted(((slug, p.name) for slug, p in catalog.programs.items()), key=_label)


def credential_choices(catalog: Catalog) -> list[tuple[str, str]]:
    return sorted(
        ((slug, f"{c.acronym} – {c.name}") for slug, c in catalog.credentials.items()),
        key=_label,
    )


def _label(choice: tuple[str, str]) -> str:
    return choice[1].lower()


def ref_choices(catalog: Catalog) -> list:
    """Programs, credentials and roles as 'kind:slug', grouped (for avoid and via)."""
    return [
        ("Programs", [(f"program:{slug}", name) for slug, name in program_choices(catalog)]),
        (
            "Credentials",
            [(f"credential:{slug}", name) for slug, name in credential_choices(catalog)],
        ),
        ("Roles", [(f"role:{slug}", name) for slug, name in role_choices(catalog)]),
    ]


class NoColon:
    """Labels read "Started", not "Started:"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


# My situation ------------------------------------------------------------------------


class SituationForm(NoColon, forms.ModelForm):
    licences = forms.MultipleChoiceField(
        label="Licences", required=False, widget=forms.CheckboxSelectMultiple
    )
    role = forms.ChoiceField(label="Role held now", required=False)

    class Meta:
        model = Profile
        fields = ["education", "licences", "role"]

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        self.fields["licences"].choices = sorted(catalog.licences.items(), key=_label)
        self.fields["role"].choices = [("", "None / not working in the field")] + role_choices(
            catalog
        )
        self.fields["role"].help_text = "Only used when no positions are listed below."
        self.kind_fields = []
        for slug, name in sorted(catalog.experience_kinds.items(), key=_label):
            field_name = f"experience_{slug}"
            self.fields[field_name] = forms.IntegerField(
                label=f"{name} (months)",
                min_value=0,
                max_value=720,
                required=False,
                initial=self.instance.experience.get(slug) or None,
            )
            self.kind_fields.append((slug, field_name))

    def experience_fields(self):
        return [self[field_name] for _, field_name in self.kind_fields]

    def save(self, commit: bool = True) -> Profile:
        self.instance.experience = {
            slug: self.cleaned_data[field_name]
            for slug, field_name in self.kind_fields
            if self.cleaned_data.get(field_name)
        }
        return super().save(commit)


class RowForm(NoColon, forms.ModelForm):
    """A row of a situation formset; the slug field takes its choices from the catalog."""

    slug_field: str = ""
    blank_label = ""

    def __init__(self, *args, choices: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.slug_field] = forms.ChoiceField(
            label=self.fields[self.slug_field].label,
            choices=[("", self.blank_label), *choices],
        )


class PositionForm(RowForm):
    slug_field = "role"
    blank_label = "Choose a role"
    part_time = forms.BooleanField(label="Part time", required=False)

    class Meta:
        model = Position
        fields = ["role", "start", "end"]
        labels = {"start": "Started", "end": "Ended"}
        help_texts = {"end": "Leave blank if you still work there."}
        widgets = {"start": DateInput(), "end": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["part_time"].initial = not self.instance.full_time

    def clean_start(self):
        check_past(self.cleaned_data["start"], "The start")
        return self.cleaned_data["start"]

    def clean_end(self):
        check_past(self.cleaned_data.get("end"), "The end")
        return self.cleaned_data.get("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("part_time") and not cleaned.get("role"):
            self.add_error(
                "part_time",
                "Part time is ticked on a row with no job: choose the role or untick it.",
            )
        if start and end and end < start:
            self.add_error("end", "The end is before the start.")
        return cleaned

    def save(self, commit: bool = True) -> Position:
        self.instance.full_time = not self.cleaned_data.get("part_time")
        return super().save(commit)


class ProgramForm(RowForm):
    slug_field = "program"
    blank_label = "Choose a program"

    class Meta:
        model = CompletedProgram
        fields = ["program", "completed"]
        labels = {"completed": "Completed on"}
        widgets = {"completed": DateInput()}

    def clean_completed(self):
        check_past(self.cleaned_data["completed"], "The completion date")
        return self.cleaned_data["completed"]


class CredentialForm(RowForm):
    slug_field = "credential"
    blank_label = "Choose a credential"

    class Meta:
        model = HeldCredential
        fields = ["credential", "earned"]
        labels = {"earned": "Earned on"}
        widgets = {"earned": DateInput()}

    def clean_earned(self):
        check_past(self.cleaned_data["earned"], "The date earned")
        return self.cleaned_data["earned"]


class RowFormSet(forms.BaseInlineFormSet):
    """Rows of one kind; a program or a credential listed twice is an error."""

    unique_field: str | None = None
    noun = ""

    def clean(self):
        super().clean()
        if not self.unique_field:
            return
        seen: set[str] = set()
        for form in self.forms:
            if not form.cleaned_data or form.cleaned_data.get("DELETE"):
                continue
            value = form.cleaned_data.get(self.unique_field)
            if value in seen:
                form.add_error(self.unique_field, f"This {self.noun} is listed twice.")
            seen.add(value)


class PositionFormSet(RowFormSet):
    def clean(self):
        super().clean()
        ongoing = {
            form.cleaned_data.get("role")
            for form in self.forms
            if form.cleaned_data
            and not form.cleaned_data.get("DELETE")
            and not form.cleaned_data.get("end")
        }
        if len(ongoing) > 1:
            raise forms.ValidationError(
                "Only one role can be ongoing: give an end date to the jobs you have left."
            )


class ProgramFormSet(RowFormSet):
    unique_field, noun = "program", "program"


class CredentialFormSet(RowFormSet):
    unique_field, noun = "credential", "credential"


def _formset(model, form, base, prefix):
    cls = forms.inlineformset_factory(
        Profile, model, form=form, formset=base, extra=1, can_delete=True
    )
    cls.prefix_name = prefix
    return cls


PositionFormSet = _formset(Position, PositionForm, PositionFormSet, "positions")
ProgramFormSet = _formset(CompletedProgram, ProgramForm, ProgramFormSet, "programs")
CredentialFormSet = _formset(HeldCredential, CredentialForm, CredentialFormSet, "credentials")


# Plans --------------------------------------------------------------------------------


class OptionsForm(NoColon, forms.Form):
    """A plan's options: the plan form and the what-if form on the plan page."""

    start = forms.DateField(label="Start on", widget=DateInput())
    readiness = forms.ChoiceField(
        label="Sit exams and move on", choices=Readiness.choices, widget=forms.RadioSelect
    )
    study_while_working = forms.BooleanField(
        label="Study while working (where the program allows it)", required=False
    )
    avoid = forms.MultipleChoiceField(
        label="Avoid", required=False, help_text="Programs, credentials or roles never to use."
    )
    via = forms.MultipleChoiceField(
        label="Pass through", required=False, help_text="Waypoints, e.g. the RHIT."
    )
    check_credentials = forms.MultipleChoiceField(
        label="Also check eligibility for", required=False
    )
    suppose = forms.MultipleChoiceField(
        label="Suppose I had", required=False, help_text="Credentials to assume held now."
    )

    def __init__(self, *args, catalog: Catalog, **kwargs):
        super().__init__(*args, **kwargs)
        self.catalog = catalog
        refs = ref_choices(catalog)
        credentials = credential_choices(catalog)
        self.fields["avoid"].choices = refs
        self.fields["via"].choices = refs
        self.fields["check_credentials"].choices = credentials
        self.fields["suppose"].choices = credentials
        for name in ("avoid", "via", "check_credentials", "suppose"):
            self.fields[name].widget.attrs["size"] = 6

    def clean_start(self):
        start = self.cleaned_data["start"]
        if start < EARLIEST:
            raise forms.ValidationError("The start is before 1950: check the year.")
        return start

    def options(self) -> dict:
        return {name: self.cleaned_data[name] for name in Plan.OPTION_FIELDS}


class PlanForm(OptionsForm):
    target = forms.ChoiceField(label="Where do you want to get to?")
    name = forms.CharField(
        label="Name of the plan",
        max_length=120,
        required=False,
        help_text="Leave blank to name it after the target.",
    )

    field_order = ["target", "name", "start", "readiness", "study_while_working"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [
            ("", "Choose a role or a credential"),
            ("Roles", [(f"role:{slug}", name) for slug, name in role_choices(self.catalog)]),
            (
                "Credentials",
                [(f"credential:{slug}", name) for slug, name in credential_choices(self.catalog)],
            ),
        ]

    def target_parts(self) -> tuple[str, str]:
        kind, _, slug = self.cleaned_data["target"].partition(":")
        return kind, slug

    def plan_name(self) -> str:
        if self.cleaned_data["name"]:
            return self.cleaned_data["name"]
        kind, slug = self.target_parts()
        if kind == Plan.TargetKind.ROLE:
            return self.catalog.roles[slug].title
        return self.catalog.credentials[slug].acronym


# Progress and the account ------------------------------------------------------------


class StepMarkForm(NoColon, forms.Form):
    status = forms.ChoiceField(choices=[("done", "Done"), ("skipped", "Skipped")])
    on = forms.DateField(label="On", widget=DateInput(), required=False)

    def clean_on(self):
        on = self.cleaned_data.get("on") or timezone.localdate()
        check_past(on, "The date")
        return on


class DeleteAccountForm(NoColon, forms.Form):
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError("That is not your password.")
        return self.cleaned_data["password"]
