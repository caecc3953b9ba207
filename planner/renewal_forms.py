"""The CEU log form, the AAPC due-date form and the reminders setting."""

from __future__ import annotations

from django import forms

from .forms import DateInput, check_past
from .models import CEU_MAX, CEU_STEP, CeuEntry, Profile


class CeuEntryForm(forms.ModelForm):
    """One CEU entry; `credentials` are the held credentials it may count toward, as
    (slug, acronym) pairs."""

    counts_toward = forms.MultipleChoiceField(
        label="Counts toward",
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick every credential whose body accepts this activity.",
        error_messages={"required": "Tick at least one credential this entry counts toward."},
    )

    class Meta:
        model = CeuEntry
        fields = ["day", "hours", "title", "provider", "from_issuer", "counts_toward"]
        widgets = {
            "day": DateInput(),
            "hours": forms.NumberInput(attrs={"step": str(CEU_STEP), "min": str(CEU_STEP)}),
        }
        help_texts = {
            "hours": f"In quarter hours, e.g. 1.25; at most {CEU_MAX:.0f} in one entry.",
        }
        error_messages = {
            "hours": {"invalid": "Give the CEUs as a number, e.g. 1.5."},
            "title": {"required": "Give the activity's title."},
            "day": {"required": "Give the date you earned these CEUs."},
        }

    def __init__(self, *args, credentials: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        held = dict(credentials)
        # An entry keeps a credential no longer held, so editing it does not drop it.
        for slug in self.instance.counts_toward or ():
            held.setdefault(slug, slug.upper())
        self.fields["counts_toward"].choices = list(held.items())
        self.fields["hours"].error_messages["max_digits"] = (
            f"One entry can hold at most {CEU_MAX:.0f} CEUs."
        )
        self.fields["hours"].error_messages["max_decimal_places"] = (
            "CEUs count in quarter hours: e.g. 1, 1.25, 1.5 or 1.75."
        )

    def clean_day(self):
        day = self.cleaned_data["day"]
        check_past(day, "The date")
        return day


class AapcDueForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["aapc_ceus_due"]
        widgets = {"aapc_ceus_due": DateInput()}
        help_texts = {
            "aapc_ceus_due": "AAPC's CEUs fall due on your membership renewal date, every 2 "
            "years: give the next date they are due (leave blank to let us assume 2 years "
            "from your first AAPC pass date)."
        }


class RemindersForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["reminders"]
