"""The shared roadmap partial renders from the roadmap document alone."""

from datetime import date

from django.template.loader import render_to_string

from planner.engine import Options, Person, Target, plan
from planner.planning import compute
from planner.snapshot import current_catalog

from .roadmap_helpers import fresh_snapshot  # noqa: F401

REQUEST = {
    "education": "high-school",
    "credentials": ["cca@2025-03-01"],
    "positions": [{"role": "inpatient-coder", "start": "2024-06-01"}],
    "target": "coding-supervisor",
    "start": "2026-01-01",
    "check": ["ccs"],
}


def test_it_needs_only_the_document(shipped_catalog):
    doc = compute(REQUEST).roadmap
    html = render_to_string("planner/includes/roadmap.html", {"roadmap": doc})
    assert "Roadmap to Coding Supervisor" in html
    assert html.count('class="step step--') == len(doc["steps"])
    assert "Certified Coding Specialist" in html
    assert "Mark done" not in html  # progress forms only when the page asks for them


def test_each_kind_of_step_has_its_own_mark_and_today_is_drawn(shipped_catalog):
    doc = compute(REQUEST).roadmap
    today = date(2027, 6, 1)
    html = render_to_string("planner/includes/roadmap.html", {"roadmap": doc, "today": today})
    kinds = {step["kind"] for step in doc["steps"]}
    assert "move" in kinds and "work" in kinds
    assert "<polygon" in html and "<rect" in html  # moves are diamonds, work is a bar
    assert 'class="tl-today"' in html
    next_step = next(step for step in doc["steps"] if step["end"] >= today.isoformat())
    assert f"Next step: {next_step['title']}" in html


def test_an_unreachable_document_says_why(shipped_catalog):
    doc = {
        "target": {"kind": "role", "slug": "x", "title": "Chief Coder"},
        "reachable": False,
        "reason": "nothing in the catalog satisfies the entry requirement of Chief Coder",
        "start": "2026-01-01",
        "finish": None,
        "months": None,
        "cost": None,
        "steps": [],
        "eligibility": [],
    }
    html = render_to_string("planner/includes/roadmap.html", {"roadmap": doc})
    assert "Chief Coder cannot be reached from this situation" in html
    assert "Nothing in the catalog satisfies the entry requirement of Chief Coder." in html


def test_a_plan_past_the_effort_limit_is_not_called_unreachable(shipped_catalog):
    doc = plan(
        current_catalog(),
        Person(education="high-school"),
        Target.role("coding-supervisor"),
        Options(start=date(2027, 1, 1), effort=1),
    ).to_dict()
    assert doc["too_complex"]

    html = render_to_string("planner/includes/roadmap.html", {"roadmap": doc})

    assert "too complex to work out here" in html
    assert "does not mean" in html and "cannot be reached" not in html
