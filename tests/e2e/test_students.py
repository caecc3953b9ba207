"""A student without an account: plan, compare, share, and explore the career map."""

import os
import re
from datetime import date
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from planner.requests import roadmap_document
from planner.snapshot import current_catalog
from roles.models import Role
from tests.roles.test_career_map import generated_catalog, load

from .conftest import assert_accessible

DOCS = Path(__file__).resolve().parents[2] / "docs"


def long_date(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day:%B} {day.day}, {day.year}"


def choose_path(page, number: int, target: str, via: tuple[str, ...] = ()) -> None:
    path = page.get_by_role("group", name=f"Path {number}")
    path.get_by_label("Target").select_option(label=target)
    if via:
        path.get_by_text("Route: go through or avoid").click()
        for name in via:
            path.get_by_role("group", name="Go through").get_by_label(name).check()


def chart_and_table(page) -> tuple[list[tuple[int, int, str]], dict[tuple[int, int], str]]:
    """(path, year, plotted figure) of every chart point, and the table's cell for each."""
    plotted = page.eval_on_selector_all(
        ".chart__point",
        """points => points.map(point => [
            Number(point.closest('[data-path]').dataset.path),
            Number(point.dataset.year),
            point.dataset.value])""",
    )
    table = {}
    for row in page.locator(".chart-table tbody tr").all():
        year = int(row.locator("th").inner_text())
        for path, cell in enumerate(row.locator("td").all_inner_texts(), start=1):
            table[path, year] = cell
    return plotted, table


def test_a_student_plans_compares_shares_explores_the_map_and_signs_up(
    browser, live_server, page, shipped_catalog
):
    page.goto("/")
    assert_accessible(page)
    plan_form = page.get_by_role("region", name="Plan my path")
    plan_form.get_by_label("Highest education").select_option(
        label="High school diploma or equivalent"
    )
    plan_form.get_by_text("Credentials and experience you already have").click()
    plan_form.get_by_label("Medical coding (any setting): months").fill("6")
    plan_form.get_by_label("Where do you want to get to?").select_option(
        label="Senior Inpatient Coder"
    )
    plan_form.get_by_role("button", name="Plan my path").click()

    expected = roadmap_document(
        current_catalog(),
        {
            "education": "high-school",
            "experience": {"coding": 6},
            "target": "senior-inpatient-coder",
        },
        today=timezone.localdate(),
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("Your way to Senior Inpatient Coder")
    expect(page.locator(".plan-summary")).to_contain_text(long_date(expected["finish"]))
    roadmap = page.get_by_role("region", name=re.compile("^Roadmap to "))
    for step in expected["steps"]:
        expect(roadmap).to_contain_text(step["title"])
    assert_accessible(page)

    # Compare: the situation given above is already filled in.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Compare").click()
    expect(page.get_by_label("Medical coding (any setting): months")).to_have_value("6")
    choose_path(
        page,
        1,
        "HIM Manager",
        via=("CAHIIM-accredited bachelor's degree in health information management",),
    )
    choose_path(page, 2, "Revenue Cycle Manager")
    page.get_by_role("button", name="Compare").click()

    side = page.get_by_role("region", name="2 paths side by side")
    columns = side.locator("thead th")
    expect(columns).to_have_count(2)
    expect(columns.nth(0)).to_contain_text("HIM Manager via CAHIIM-accredited bachelor's degree")
    expect(columns.nth(1)).to_contain_text("Revenue Cycle Manager")
    plotted, table = chart_and_table(page)
    assert plotted
    for path in (1, 2):  # a path is drawn, or the table says its earnings are unknown
        drawn = [point for point in plotted if point[0] == path]
        cells = [cell for (column, year), cell in table.items() if column == path and year]
        assert drawn or all("nknown" in cell for cell in cells), (path, cells)
    for path, year, value in plotted:
        amount = int(value)
        written = f"${amount:,}" if amount >= 0 else f"\u2212${-amount:,}"  # a minus sign
        assert table[path, year] == written, (path, year)
    assert_accessible(page)
    shared_url, shared_table = page.url, side.locator("table").inner_text()

    # The address alone, in a browser that has never seen this situation.
    fresh = browser.new_context(base_url=live_server.url)
    other = fresh.new_page()
    other.goto(shared_url)
    shared = other.get_by_role("region", name="2 paths side by side").locator("table")
    expect(shared).to_be_visible()
    assert shared.inner_text() == shared_table
    fresh.close()

    # The map, with path 1 highlighted; a role on it leads to the role's page.
    page.get_by_role("link", name="Show path 1 on the career map").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Career map")
    expect(page.get_by_role("status")).to_contain_text("Highlighted: the path to HIM Manager")
    highlighted = page.locator(".career-map .map-role.is-highlighted")
    expect(highlighted.first).to_be_visible()
    assert "HIM Manager" in highlighted.evaluate_all(
        "links => links.map(link => link.textContent.trim())"
    )
    assert_accessible(page)
    page.get_by_role("link", name="HIM Manager, on the highlighted path").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("HIM Manager")

    # Signing up keeps the situation given without an account.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="sign up").click()
    page.get_by_label("Email").fill("student@example.org")
    page.get_by_label(re.compile(r"^Password:?$")).fill("a long pass phrase")
    page.get_by_label("Password (again)").fill("a long pass phrase")
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("status")).to_contain_text("Your situation from the planner is saved")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My situation").click()
    expect(page.get_by_label("Highest education")).to_have_value("high-school")
    expect(page.get_by_label("Medical coding (any setting) (months)")).to_have_value("6")


def test_the_map_is_usable_by_keyboard_in_order_of_level(page, shipped_catalog):
    page.goto("/map/")

    first = None
    for _ in range(40):
        page.keyboard.press("Tab")
        first = page.evaluate(
            "document.activeElement.closest('.career-map')"
            " && document.activeElement.getAttribute('aria-label')"
        )
        if first:
            break
    entry = set(Role.objects.filter(level=Role.Level.ENTRY).values_list("title", flat=True))
    assert first in entry
    names = [first]
    for _ in range(Role.objects.count() - 1):
        page.keyboard.press("Tab")
        names.append(page.evaluate("document.activeElement.getAttribute('aria-label')"))
    levels = dict(Role.objects.values_list("title", "level"))
    ranks = [Role.Level.values.index(levels[name]) for name in names]
    assert ranks == sorted(ranks) and set(names) == set(levels)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(names[-1])


def test_the_chart_is_usable_by_keyboard(page, shipped_catalog):
    page.goto(
        "/compare/?education=high-school&p1-target=role:senior-inpatient-coder"
        "&p2-target=role:medical-auditor&compare=1"
    )

    line = page.locator(".chart__series").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if line.evaluate("element => element === document.activeElement"):
            break
    expect(line).to_be_focused()
    assert line.get_attribute("aria-label").startswith(
        "Path 1, Senior Inpatient Coder. Cumulative earnings, year 1: $"
    )
    expect(line.locator(".chart__value").first).to_be_visible()  # the figures show on focus


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/plan/?education=none&target=credential:ccs",
        "/compare/",
        "/map/",
    ],
    ids=["home", "plan", "compare form", "map"],
)
def test_the_pages_pass_axe(page, shipped_catalog, path):
    assert page.goto(path).ok
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page)


def test_planning_and_comparing_work_without_javascript(browser, live_server, shipped_catalog):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/plan/")

    page.get_by_label("Where do you want to get to?").select_option(label="Inpatient Coder")
    page.get_by_role("button", name="Plan my path").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your way to Inpatient Coder")
    assert re.search(r"target=role%3Ainpatient-coder", page.url)
    page.get_by_role("link", name="Compare this path with another").click()
    page.get_by_role("group", name="Path 2").get_by_label("Target").select_option(
        label="Medical Coder"
    )
    page.get_by_role("button", name="Compare").click()
    expect(page.get_by_role("heading", name="2 paths side by side")).to_be_visible()
    expect(page.locator(".chart__series")).to_have_count(2)
    context.close()


def test_the_map_stays_readable_with_a_hundred_roles(page, db, tmp_path):
    roles, moves = generated_catalog(100)
    load(roles, moves)

    page.set_viewport_size({"width": 1400, "height": 1000})
    page.goto("/map/")

    boxes = page.eval_on_selector_all(
        ".career-map .map-role rect",
        "rects => rects.map(rect => {"
        " const b = rect.getBBox(); return [b.x, b.y, b.width, b.height]; })",
    )
    assert len(boxes) == 100
    for i, (x, y, w, h) in enumerate(boxes):
        for x2, y2, w2, h2 in boxes[i + 1 :]:
            assert not (x < x2 + w2 and x2 < x + w and y < y2 + h2 and y2 < y + h)
    labels = page.eval_on_selector_all(
        ".career-map .map-role",
        """links => links.map(link => {
            const box = link.querySelector('rect').getBBox();
            return [...link.querySelectorAll('text')].every(text => {
                const t = text.getBBox();
                return t.x >= box.x && t.x + t.width <= box.x + box.width;
            });
        })""",
    )
    assert all(labels), "every label fits inside its box"
    assert_accessible(page)
    page.locator(".map-scroll").screenshot(path=tmp_path / "map.png")
    if os.environ.get("SAVE_MAP_SCREENSHOT"):  # refresh docs/career-map-100-roles.png
        page.set_viewport_size({"width": 2200, "height": 1400})
        page.locator(".map-scroll").evaluate(
            "element => { element.style.overflow = 'visible'; element.style.maxHeight = 'none'; }"
        )
        page.locator(".career-map").screenshot(path=DOCS / "career-map-100-roles.png")
