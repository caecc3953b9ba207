"""`manage.py plan` as support staff and scripts use it."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from planner.management.commands.plan import render_text
from roles.management.commands.load_catalog import SHIPPED


def plan(*args: str) -> str:
    out = StringIO()
    call_command("plan", *args, stdout=out)
    return out.getvalue()


def plan_json(*args: str) -> dict:
    return json.loads(plan(*args, "--json"))


def test_high_school_only_to_senior_coder_is_a_dated_roadmap_that_explains_itself(
    shipped_catalog,
):
    text = plan(
        "--education", "high-school", "--target", "senior-inpatient-coder", "--start", "2027-01-01"
    )
    assert text.startswith("Roadmap to Senior Inpatient Coder, starting 2027-01-01")
    roadmap = plan_json(
        "--education", "high-school", "--target", "senior-inpatient-coder", "--start", "2027-01-01"
    )
    assert roadmap["reachable"] and roadmap["steps"][-1]["role"] == "senior-inpatient-coder"
    assert all(step["because"] for step in roadmap["steps"])
    assert [step["kind"] for step in roadmap["steps"]][:3] == ["study", "move", "work"]


def test_rhit_holder_meets_ccs_recommended_readiness_now(shipped_catalog):
    roadmap = plan_json(
        "--education",
        "associate",
        "--credential",
        "rhit@2025-06-01",
        "--role",
        "inpatient-coder",
        "--target-credential",
        "ccs",
        "--start",
        "2027-01-01",
    )
    ccs = next(report for report in roadmap["eligibility"] if report["credential"] == "ccs")
    assert ccs["recommended"]["status"] == "met"
    assert "RHIT" in ccs["recommended"]["route"]


def test_without_the_cahiim_associate_rhit_comes_later_through_the_program(shipped_catalog):
    roadmap = plan_json(
        "--education", "high-school", "--target-credential", "rhit", "--start", "2027-01-01"
    )
    rhit = next(report for report in roadmap["eligibility"] if report["credential"] == "rhit")
    assert rhit["required"]["status"] == "later"
    assert "cahiim-associate-hit" in [step["program"] for step in roadmap["steps"]]


def test_cdi_years_count_toward_ccds_and_coding_years_do_not(shipped_catalog):
    common = (
        "--education",
        "associate",
        "--credential",
        "rhit",
        "--role",
        "cdi-specialist",
        "--target-credential",
        "ccds",
        "--start",
        "2027-01-01",
        "--readiness",
        "required",
    )
    with_cdi = plan_json(*common, "--experience", "cdi=24")
    with_coding = plan_json(*common, "--experience", "coding=24")
    assert with_cdi["finish"] == "2027-01-01"
    assert with_coding["finish"] > with_cdi["finish"]


def test_the_catalog_option_plans_from_a_file_without_the_database():
    # No database fixture: pytest-django would fail this test on any query.
    roadmap = plan_json(
        "--catalog",
        str(SHIPPED),
        "--education",
        "high-school",
        "--target-credential",
        "cca",
        "--start",
        "2027-01-01",
    )
    assert roadmap["target"]["slug"] == "cca" and roadmap["reachable"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--target", "astronaut"), "--target: unknown role 'astronaut'"),
        (("--target", "inpatient-coder", "--start", "2027-02-30"), "--start:"),
        (("--target", "inpatient-coder", "--experience", "coding=-3"), "--experience:"),
        (("--target", "inpatient-coder", "--credential", "ccs@yesterday"), "--credential:"),
        (("--target", "inpatient-coder", "--education", "phd"), "--education:"),
        (("--target", "inpatient-coder", "--start", ""), "--start:"),
        (("--target", "inpatient-coder", "--start", "1850-01-01"), "--start:"),
        (("--target", "inpatient-coder", "--start", "9999-01-01"), "--start:"),
        (("--target", "inpatient-coder", "--experience", "coding=lots"), "--experience:"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_option(args, message):
    with pytest.raises(CommandError) as error:
        plan("--catalog", str(SHIPPED), *args)
    assert error.value.returncode == 2
    assert str(error.value).startswith(message)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize("name", ["missing.json", "."])
def test_a_catalog_that_cannot_be_read_is_one_line_and_exit_2(tmp_path, name):
    with pytest.raises(CommandError) as error:
        plan("--catalog", str(tmp_path / name), "--target", "inpatient-coder")
    assert error.value.returncode == 2
    assert str(error.value).startswith("--catalog: cannot read")
    assert "\n" not in str(error.value)


def test_six_waypoints_are_refused_naming_the_option():
    waypoints = [
        "role:cardiac-coder",
        "role:oncology-coder",
        "role:trauma-coder",
        "role:obstetric-coder",
        "role:outpatient-coder",
        "role:medical-coder",
    ]
    args = [arg for waypoint in waypoints for arg in ("--via", waypoint)]
    with pytest.raises(CommandError) as error:
        plan("--catalog", str(SHIPPED), "--target", "him-director", *args)
    assert error.value.returncode == 2
    assert str(error.value) == "--via: at most 5 entries can be given (got 6)"


def test_a_broken_catalog_file_exits_2(tmp_path):
    broken = tmp_path / "catalog.json"
    broken.write_text("{}", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        plan("--catalog", str(broken), "--target", "inpatient-coder")
    assert error.value.returncode == 2
    assert "catalog.json" in str(error.value)


def test_the_text_report_keeps_hard_requirements_and_advice_apart(shipped_catalog):
    text = plan(
        "--education",
        "high-school",
        "--target-credential",
        "ccs",
        "--start",
        "2027-01-01",
        "--check",
        "rhit",
    )
    ccs = text[text.index("  CCS (rules from") :]
    assert "    required: met now (high school diploma)" in ccs
    assert "    recommended: met on " in ccs
    rhit = text[text.index("  RHIT (rules from") :]
    assert "    required: met on " in rhit
    assert "    recommended: no readiness advice set" in rhit


def test_a_plan_past_the_effort_limit_says_so_and_how_to_lift_it():
    document = {
        "target": {"kind": "role", "slug": "him-director", "title": "HIM Director"},
        "reachable": False,
        "too_complex": True,
        "reason": "too complex to plan: narrow the target or the waypoints",
        "start": "2027-01-01",
        "eligibility": [],
    }
    text = render_text(document)
    assert "Not planned: too complex to plan" in text
    assert "--no-effort-limit" in text
