"""The situation rows' rules, each with its message."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from planner.forms import PositionForm, StepMarkForm

ROLES = [("inpatient-coder", "Inpatient Coder")]


def position(**data):
    return PositionForm(
        data={"role": "inpatient-coder", "start": "2024-01-01"} | data, choices=ROLES
    )


def test_a_valid_position_is_full_time_unless_ticked_part_time():
    form = position(part_time="on")
    assert form.is_valid()
    assert form.save(commit=False).full_time is False


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"end": "2023-01-01"}, "end", "The end is before the start."),
        ({"start": "1949-12-01"}, "start", "The start is before 1950: check the year."),
        (
            {"role": "nurse"},
            "role",
            "Select a valid choice. nurse is not one of the available choices.",
        ),
    ],
)
def test_a_position_rule_names_the_field(data, field, message):
    form = position(**data)
    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_a_start_in_the_future_is_refused():
    tomorrow = timezone.localdate() + timedelta(days=1)
    form = position(start=tomorrow.isoformat())
    assert form.errors["start"] == ["The start is in the future: give the date it happened."]


def test_a_step_done_without_a_date_is_done_today():
    form = StepMarkForm(data={"status": "done"})
    assert form.is_valid()
    assert form.cleaned_data["on"] == timezone.localdate()
    assert form.cleaned_data["on"] > date(1950, 1, 1)
